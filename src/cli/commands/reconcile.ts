import type { Command } from '../command';
import { parse, openDb, out, requireDate } from '../args';
import { reconcile } from '../../services/reconcile';
import { centsToDecimal } from '../../shared/money';
import { help } from './import';

export const reconcileCommand: Command = {
  name: 'reconcile',
  summary: 'recompute all findings from the imported documents',
  usage: 'recoup reconcile --db FILE [--as-of YYYY-MM-DD]',
  async run(argv) {
    const { values } = parse(argv, { db: { type: 'string' }, 'as-of': { type: 'string' } });
    if (values.help) return help(this);
    const asOf = requireDate(values['as-of'], '--as-of');
    const db = openDb(values.db);
    try {
      const s = await reconcile(db, asOf ? { asOf } : {});
      out(`Reconciled as of ${s.asOf} (run ${s.runId}, ${(s.millis / 1000).toFixed(1)} s): ${s.findings} findings (${s.inserted} new, ${s.kept} kept, ${s.removed} no longer raised).`);
      if (s.byType.length) {
        const w = Math.max(...s.byType.map((t) => t.type.length));
        for (const t of s.byType) out(`  ${t.type.padEnd(w)}  ${String(t.count).padStart(7)}  ${centsToDecimal(t.amountCents, t.currency).padStart(14)} ${t.currency}`);
      }
      for (const n of s.notes) out(`  note: ${n}`);
      return 0;
    } finally {
      db.close();
    }
  },
};
