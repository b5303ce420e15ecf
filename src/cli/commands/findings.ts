import type { Command } from '../command';
import { parse, openDb, out, UsageError } from '../args';
import { allFindings, toFindingJson, type StoredFinding } from '../../services/findings';
import { FINDING_TYPES, isFindingType } from '../../core/match/types';
import { centsToDecimal } from '../../shared/money';
import { help } from './import';

export const findingsCommand: Command = {
  name: 'findings',
  summary: 'list findings, money at stake first (--json: one JSON array)',
  usage: 'recoup findings --db FILE [--type TYPE]... [--json]',
  async run(argv) {
    const { values } = parse(argv, { db: { type: 'string' }, type: { type: 'string', multiple: true }, json: { type: 'boolean' } });
    if (values.help) return help(this);
    const types = (values.type ?? []).flatMap((t) => t.split(',')).map((t) => t.trim().toUpperCase()).filter(Boolean);
    for (const t of types) if (!isFindingType(t)) throw new UsageError(`unknown finding type "${t}" (known: ${FINDING_TYPES.join(', ')})`);
    // Opened writable so a database from an older Recoup is upgraded (with a backup) rather than refused.
    const db = openDb(values.db);
    try {
      const filter = types.length ? { types } : {};
      if (values.json) {
        // Streamed so a million findings never sit in memory as one string.
        let first = true;
        process.stdout.write('[');
        for (const f of allFindings(db, filter)) {
          process.stdout.write(`${first ? '\n' : ',\n'}${JSON.stringify(toFindingJson(f))}`);
          first = false;
        }
        process.stdout.write(first ? ']\n' : '\n]\n');
        return 0;
      }
      const header = ['TYPE', 'AMOUNT', 'CUR', 'INVOICE / CLAIM', 'PO', 'ASIN', 'DISPUTE BY', 'ID'];
      const row = (f: StoredFinding) => {
        const doc = [f.invoice_number, f.claim_number].filter(Boolean).join(' / ') || (f.payment_number ? `payment ${f.payment_number}` : '');
        return [f.type, centsToDecimal(f.amount_cents, f.currency), f.currency, doc, f.po_number ?? '', f.asin ?? '', f.dispute_by ?? '', f.id];
      };
      // Column widths come from the first rows; the rest stream through so a million findings
      // never sit in memory at once.
      const it = allFindings(db, filter);
      const head: string[][] = [];
      // next() rather than for…of with break, which would close the generator
      while (head.length < 2000) {
        const r = it.next();
        if (r.done) break;
        head.push(row(r.value));
      }
      if (head.length === 0) {
        out('No findings. (Run `recoup reconcile` after importing.)');
        return 0;
      }
      const widths = header.map((h, i) => Math.max(h.length, ...head.map((r) => r[i]!.length)));
      const line = (r: string[]) => r.map((c, i) => (i === 1 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
      out(line(header));
      let n = 0;
      for (const r of head) { out(line(r)); n++; }
      for (const f of it) { out(line(row(f))); n++; }
      out(`${n} finding${n === 1 ? '' : 's'}.`);
      return 0;
    } finally {
      db.close();
    }
  },
};
