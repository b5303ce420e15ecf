import type { Command } from '../command';
import { parse, out, UsageError } from '../args';
import { help } from './import';
import { generateDataset, DEFAULT_INVOICE_LINES, DEFAULT_SEED } from '../../services/generate';

export const generateCommand: Command = {
  name: 'generate',
  summary: 'write a synthetic vendor business in the real file formats, with truth.json (the findings it must raise)',
  usage: `recoup generate --out DIR [--invoices N] [--seed S]\n\n  --invoices N   size in invoice lines (default ${DEFAULT_INVOICE_LINES})\n  --seed S       any text; the same seed writes the same data (default "${DEFAULT_SEED}")`,
  async run(argv) {
    const { values } = parse(argv, { out: { type: 'string' }, invoices: { type: 'string' }, seed: { type: 'string' } });
    if (values.help) return help(this);
    if (!values.out) throw new UsageError('--out DIR is required');
    let invoiceLines = DEFAULT_INVOICE_LINES;
    if (values.invoices !== undefined) {
      if (!/^\d+$/.test(values.invoices) || Number(values.invoices) < 1) throw new UsageError(`--invoices must be a whole number ≥ 1, got "${values.invoices}"`);
      invoiceLines = Number(values.invoices);
    }
    const started = Date.now();
    const r = await generateDataset(values.out, { invoiceLines, seed: values.seed ?? DEFAULT_SEED });
    const bytes = r.files.reduce((a, f) => a + f.bytes, 0);
    out(`Wrote ${r.files.length} files (${(bytes / 1e6).toFixed(1)} MB) to ${r.dataDir} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    out(`  ${r.truth.invoice_lines} invoice lines, ${r.truth.counts.invoices ?? 0} invoices, ${r.truth.counts.purchase_orders ?? 0} POs, ${r.truth.counts.asn_lines ?? 0} ASN lines, ${r.truth.counts.payments ?? 0} payments with ${r.truth.counts.remittance_lines ?? 0} remittance lines`);
    out(`  ${r.truth.findings.length} planted findings and ${r.truth.traps.length} traps in ${values.out}/truth.json; as of ${r.truth.as_of}`);
    out(`Next: recoup import --db FILE ${r.dataDir} && recoup reconcile --db FILE --as-of ${r.truth.as_of}`);
    return 0;
  },
};
