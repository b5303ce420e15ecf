import type { Command } from '../command';
import { parse, openDb, out, UsageError } from '../args';
import { importPaths, batches, undoImport } from '../../services/import';

export const importCommand: Command = {
  name: 'import',
  summary: 'import files or folders (format detected from content)',
  usage: 'recoup import --db FILE [--marketplace US|CA|DE|IN|…] PATH...',
  async run(argv) {
    const { values, positionals } = parse(argv, { db: { type: 'string' }, marketplace: { type: 'string' } }, true);
    if (values.help) return help(this);
    if (positionals.length === 0) throw new UsageError('give at least one file or folder to import');
    const db = openDb(values.db, true);
    try {
      const results = await importPaths(db, positionals, values.marketplace ? { marketplace: values.marketplace.toUpperCase() } : {});
      let failed = 0;
      for (const r of results) {
        if (r.status === 'imported') {
          out(`${r.file}: ${r.format}, ${r.rowsRead} rows read, ${r.rowsStored} stored, ${r.rowsDuplicate} already present, ${r.rowsRejected} rejected (batch ${r.batchId})`);
          for (const rej of r.rejects.slice(0, 50)) out(`  rejected ${r.file} ${rej.location}${rej.field ? ` [${rej.field}]` : ''}: ${rej.reason}`);
          if (r.rejects.length > 50) out(`  … ${r.rejects.length - 50} more rejects stored in the database (recoup batches --db ${values.db} --rejects ${r.batchId})`);
          for (const n of r.notes) out(`  note: ${n}`);
        } else if (r.status === 'already_imported') {
          out(`${r.file}: ${r.format}, already imported (batch ${r.batchId}, same content); nothing new stored`);
        } else {
          failed++;
          process.stderr.write(`${r.error}\n`);
        }
      }
      if (results.length === 0) throw new UsageError('no files found in the given paths');
      return failed > 0 ? 1 : 0;
    } finally {
      db.close();
    }
  },
};

export const batchesCommand: Command = {
  name: 'batches',
  summary: 'list import batches (newest first), or one batch\'s rejects',
  usage: 'recoup batches --db FILE [--rejects BATCH] [--json]',
  async run(argv) {
    const { values } = parse(argv, { db: { type: 'string' }, rejects: { type: 'string' }, json: { type: 'boolean' } });
    if (values.help) return help(this);
    const db = openDb(values.db, false, true);
    try {
      if (values.rejects !== undefined) {
        const { batchRejects } = await import('../../services/import');
        const rows = batchRejects(db, toBatchId(values.rejects));
        if (values.json) out(JSON.stringify(rows));
        else for (const r of rows) out(`${r.location}${r.field ? ` [${r.field}]` : ''}: ${r.reason}`);
        return 0;
      }
      const rows = batches(db);
      if (values.json) {
        out(JSON.stringify(rows));
        return 0;
      }
      if (rows.length === 0) out('No imports yet.');
      for (const b of rows) {
        out(`${String(b.id).padStart(5)}  ${new Date(b.importedAt).toISOString().slice(0, 19).replace('T', ' ')}  ${b.format.padEnd(22)} ${b.fileName}  read ${b.rowsRead}, stored ${b.rowsStored}, duplicate ${b.rowsDuplicate}, rejected ${b.rowsRejected}`);
      }
      return 0;
    } finally {
      db.close();
    }
  },
};

export const undoImportCommand: Command = {
  name: 'undo-import',
  summary: 'remove one import batch and everything it stored',
  usage: 'recoup undo-import --db FILE BATCH',
  async run(argv) {
    const { values, positionals } = parse(argv, { db: { type: 'string' } }, true);
    if (values.help) return help(this);
    if (positionals.length !== 1) throw new UsageError('give exactly one batch number (see recoup batches)');
    const db = openDb(values.db);
    try {
      const b = undoImport(db, toBatchId(positionals[0]!));
      out(`Undone batch ${b.id} (${b.fileName}): ${b.rowsStored} rows removed.`);
      return 0;
    } finally {
      db.close();
    }
  },
};

function toBatchId(s: string): number {
  if (!/^\d+$/.test(s)) throw new UsageError(`batch must be a number, got "${s}"`);
  return Number(s);
}

export function help(c: Command): number {
  out(`${c.usage}\n\n${c.summary}`);
  return 0;
}
