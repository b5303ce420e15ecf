// Handlers for the document screens' channels (src/shared/ipc-documents.ts), spread into the
// handler table in src/services/api.ts. Thin: they call the services and shape their results.
// Errors are thrown as the classes api.ts already maps (NotFoundError → not_found,
// FindingsInputError → bad_input), so this module needs nothing from api.ts (no import cycle).
import { existsSync, mkdirSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { Db } from '../db/open';
import { openDatabase } from '../db/open';
import type { documentChannels } from '../shared/ipc-documents';
import type { z } from 'zod';
import {
  asinLedger, auditPage, deadlineRules, defaultAsOf, DocumentNotFoundError, getInvoice, getPayment, listInvoices, listPayments, profileList, verifyAudit,
} from './documents';
import { FindingsInputError, removeDeadlineRule, updateDeadlineRule } from './findings';
import { NotFoundError } from './import';
import { backupDatabase, BackupError, restoreDatabase } from './backup';
import { withWriteLock } from './write-lock';

type Channels = typeof documentChannels;
type DocChannel = keyof Channels;
type In<C extends DocChannel> = z.output<Channels[C]['input']>;
type Out<C extends DocChannel> = NonNullable<Channels[C]['output']>['value'];

/** The part of ApiContext these handlers use (the table in api.ts passes the whole context). */
interface Ctx {
  db: Db;
  dbPath: string;
  actor?: string;
}

type DocHandlers = { [C in DocChannel]: (ctx: Ctx, input: In<C>) => Promise<Out<C>> | Out<C> };

/** Service errors as the contract's codes. */
function mapped<T>(work: () => T): T {
  try {
    return work();
  } catch (err) {
    if (err instanceof DocumentNotFoundError) throw new NotFoundError(err.message);
    throw err;
  }
}

/** A dated file name in a `backups` folder beside the database: recoup-2026-11-29-1042.db. */
export function defaultBackupPath(dbPath: string, now = new Date()): string {
  const stem = basename(dbPath, extname(dbPath)) || 'recoup';
  const stamp = now.toISOString().slice(0, 16).replace('T', '-').replace(':', '');
  return join(dirname(resolve(dbPath)), 'backups', `${stem}-${stamp}.db`);
}

export const documentHandlers: DocHandlers = {
  'payments:list': (ctx, input) => listPayments(ctx.db, input.filter, input.sort, { limit: input.limit, offset: input.offset }),
  'payments:get': (ctx, input) => mapped(() => getPayment(ctx.db, input.paymentNumber, { limit: input.limit, offset: input.offset })),
  'invoices:list': (ctx, input) => listInvoices(ctx.db, input.filter, input.sort, { limit: input.limit, offset: input.offset }, input.asOf ?? defaultAsOf(ctx.db)),
  'invoices:get': (ctx, input) => mapped(() => getInvoice(ctx.db, input.invoiceNumber, { limit: input.limit, offset: input.offset }, input.asOf ?? defaultAsOf(ctx.db))),
  'asin:ledger': (ctx, input) => asinLedger(ctx.db, input.asin, input.limit),
  'audit:list': (ctx, input) => auditPage(ctx.db, input.filter, { limit: input.limit, offset: input.offset }),
  'audit:verify': (ctx) => verifyAudit(ctx.db),
  'rules:list': (ctx) => deadlineRules(ctx.db),
  'rules:update': (ctx, input) => {
    updateDeadlineRule(ctx.db, input.rule, ctx.actor ?? 'analyst');
    return deadlineRules(ctx.db);
  },
  'rules:delete': (ctx, input) => {
    const rules = deadlineRules(ctx.db);
    const rule = rules.find((r) => r.id === input.id);
    if (!rule) throw new NotFoundError(`there is no deadline rule ${input.id}`);
    // Deadlines need a rule of every kind in force; the last one of a kind can be edited, not deleted.
    if (rules.filter((r) => r.kind === rule.kind).length === 1) throw new FindingsInputError(`the ${rule.kind.replace(/_/g, ' ')} rule is the only one of its kind: change it instead of deleting it`);
    removeDeadlineRule(ctx.db, input.id, ctx.actor ?? 'analyst');
    return deadlineRules(ctx.db);
  },
  'profiles:list': (ctx) => profileList(ctx.db),
  'backup:create': async (ctx, input) => {
    const target = input.path ? resolve(input.path) : defaultBackupPath(ctx.dbPath);
    if (!input.path) mkdirSync(dirname(target), { recursive: true });
    if (existsSync(target)) throw new FindingsInputError(`${target} already exists: choose a new file name`);
    try {
      return await backupDatabase(ctx.db, target);
    } catch (err) {
      if (err instanceof BackupError) throw new FindingsInputError(err.message);
      throw err;
    }
  },
  'backup:restore': (ctx, input) =>
    // Under the write lock: no import may be writing while the file under it is replaced.
    withWriteLock(async () => {
      const from = resolve(input.path);
      if (!existsSync(from)) throw new NotFoundError(`${from} does not exist`);
      // The open handle would keep the old file's WAL; close it, restore, and open the result in its place.
      ctx.db.close();
      try {
        return await restoreDatabase(ctx.dbPath, from, { actor: ctx.actor ?? 'analyst' });
      } catch (err) {
        if (err instanceof BackupError) throw new FindingsInputError(err.message);
        throw err;
      } finally {
        ctx.db = openDatabase(ctx.dbPath, { mustExist: true });
      }
    }),
};
