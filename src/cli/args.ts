// Argument parsing shared by the commands: node's parseArgs, with errors a person can act on.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { existsSync } from 'node:fs';
import { openDatabase, type Db } from '../db/open';

export class UsageError extends Error {}

export type Options = NonNullable<ParseArgsConfig['options']>;

export function parse<O extends Options>(argv: string[], options: O, allowPositionals = false) {
  try {
    return parseArgs({ args: argv, options: { help: { type: 'boolean', short: 'h' }, ...options }, allowPositionals, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message.split('\n')[0]!);
  }
}

/** Open the --db file; `create` allows a new one (import, demo), otherwise it must exist. */
export function openDb(file: string | undefined, create = false, readonly = false): Db {
  if (!file) throw new UsageError('--db FILE is required');
  if (!create && !existsSync(file)) throw new UsageError(`database ${file} does not exist (import files into it first: recoup import --db ${file} PATH)`);
  return openDatabase(file, { readonly, onBackup: (p) => process.stderr.write(`Upgrading ${file}: a copy of the previous version is at ${p}\n`) });
}

export function requireDate(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
    throw new UsageError(`${flag} must be a date as YYYY-MM-DD, got "${value}"`);
  }
  return value;
}

export function out(line = ''): void {
  process.stdout.write(`${line}\n`);
}
