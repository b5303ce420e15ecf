import type { Command } from '../command';
import { parse, openDb, out } from '../args';
import { help } from './import';
import { loadDemo } from '../../services/demo';

export const demoCommand: Command = {
  name: 'demo',
  summary: 'load the demo data set (a small, realistic vendor business) into a database',
  usage: 'recoup demo --db FILE',
  async run(argv) {
    const { values } = parse(argv, { db: { type: 'string' } });
    if (values.help) return help(this);
    const db = openDb(values.db, true);
    try {
      const results = await loadDemo(db);
      let failed = 0;
      for (const r of results) {
        if (r.status === 'imported') out(`${r.file}: ${r.format}, ${r.rowsStored} rows stored, ${r.rowsRejected} rejected`);
        else if (r.status === 'already_imported') out(`${r.file}: already loaded`);
        else {
          failed++;
          process.stderr.write(`${r.error}\n`);
        }
      }
      return failed ? 1 : 0;
    } finally {
      db.close();
    }
  },
};
