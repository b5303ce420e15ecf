// `recoup backup` and `recoup restore`: an online copy of a live database, and putting one back
// after checking it (the database it replaces is kept beside it).
import type { Command } from '../command';
import { parse, out, openDb, UsageError } from '../args';
import { backupDatabase, restoreDatabase } from '../../services/backup';
import { help } from './import';

export const backupCommand: Command = {
  name: 'backup',
  summary: 'copy the database to a backup file (safe while Recoup is running)',
  usage: 'recoup backup --db FILE --out FILE',
  async run(argv) {
    const { values } = parse(argv, { db: { type: 'string' }, out: { type: 'string' } });
    if (values.help) return help(this);
    if (!values.out) throw new UsageError('--out FILE is required');
    const db = openDb(values.db);
    try {
      const r = await backupDatabase(db, values.out);
      out(`Backup written to ${r.file}: ${r.bytes} bytes, schema ${r.schemaVersion}, ${r.auditEntries} audit entries, sha256 ${r.sha256}`);
      return 0;
    } finally {
      db.close();
    }
  },
};

export const restoreCommand: Command = {
  name: 'restore',
  summary: 'replace the database with a checked backup (the current one is kept as .pre-restore-….bak)',
  usage: 'recoup restore --db FILE --from FILE',
  async run(argv) {
    const { values } = parse(argv, { db: { type: 'string' }, from: { type: 'string' } });
    if (values.help) return help(this);
    if (!values.db) throw new UsageError('--db FILE is required');
    if (!values.from) throw new UsageError('--from FILE is required (a backup made by recoup backup)');
    const r = await restoreDatabase(values.db, values.from);
    out(`Restored ${r.file} from ${r.from} (schema ${r.schemaVersion}, ${r.auditEntries} audit entries).`);
    if (r.previous) out(`The database it replaced is kept at ${r.previous}`);
    return 0;
  },
};
