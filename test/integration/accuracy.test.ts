// Accuracy end to end at CI size: generate a vendor business in the real formats → import every
// file through the import pipeline → reconcile as of the data set's date → compare the findings
// with truth.json. Target: every planted finding found with its exact amount, nothing else raised.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../src/db/open';
import { generateDataset, type GenerateResult } from '../../src/services/generate';
import { importPaths } from '../../src/services/import';
import { reconcile } from '../../src/services/reconcile';
import { allFindings } from '../../src/services/findings';
import { compareFindings, formatAccuracy, type AccuracyReport } from '../../src/core/generate/compare';
import { FINDING_TYPES } from '../../src/core/generate/model';
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';

describe.each([
  { seed: 'ci-1', invoiceLines: 900 },
  { seed: 'ci-2', invoiceLines: 400 },
  // Holds shortage claims on an ASIN that sits on two POs of the same invoice: the claim must be
  // attributed to the PO+ASIN that is short, not to the item alone.
  { seed: 'dup-5', invoiceLines: 900 },
])('accuracy on a generated business ($invoiceLines invoice lines, seed $seed)', ({ seed, invoiceLines }) => {
  let dir: string;
  let db: Db;
  let gen: GenerateResult;
  let report: AccuracyReport;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'recoup-accuracy-'));
    gen = await generateDataset(join(dir, 'out'), { seed, invoiceLines });
    db = openDatabase(join(dir, 'recoup.db'));
    const results = await importPaths(db, [gen.dataDir], { now: () => 0 });
    const failed = results.filter((r) => r.status !== 'imported');
    expect(failed, JSON.stringify(failed)).toEqual([]);
    for (const r of results) if (r.status === 'imported') expect(r.rejects, `${r.file}: ${JSON.stringify(r.rejects.slice(0, 3))}`).toEqual([]);
    await reconcile(db, { asOf: gen.truth.as_of, now: () => 0 });
    report = compareFindings(gen.truth, [...allFindings(db)]);
    if (report.missed.length || report.falsePositives.length || report.amountMismatches.length) {
      console.log(formatAccuracy(report));
      console.log('missed', report.missed.slice(0, 10), 'false positives', report.falsePositives.slice(0, 10), 'amounts', report.amountMismatches.slice(0, 10));
    }
  });

  afterAll(() => {
    db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('plants every finding type of FINDINGS.md', () => {
    const planted = new Set(gen.truth.findings.map((f) => f.type));
    expect(FINDING_TYPES.filter((t) => !planted.has(t))).toEqual([]);
  });

  it('finds every planted finding (recall 1.0 per type)', () => {
    for (const t of report.types) expect({ type: t.type, recall: t.recall }).toEqual({ type: t.type, recall: 1 });
    expect(report.missed).toEqual([]);
  });

  it('raises nothing that was not planted (no false positives, no trap sprung)', () => {
    expect(report.falsePositives).toEqual([]);
    expect(report.trapsSprung).toEqual([]);
  });

  it('gets every amount to the cent', () => {
    expect(report.amountMismatches.map((m) => ({ type: m.expected.type, expected: m.expected.amount_cents, raised: m.raised.amount_cents }))).toEqual([]);
    expect(report.moneyDiffCents).toBe(0);
  });
});

describe('generated files re-read', () => {
  let dir: string;
  let gen: GenerateResult;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'recoup-generate-'));
    gen = await generateDataset(dir, { seed: 'files', invoiceLines: 600 });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the remittance workbook as Vendor Central lays it out, every cell text', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'data/remittance/Payments.xlsx'));
    const ws = wb.getWorksheet('Remittance payments')!;
    const rows: string[][] = [];
    ws.eachRow({ includeEmpty: true }, (row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
    expect(rows[0]!.slice(0, 10)).toEqual(['Payment Number', 'Payment Date', 'Invoice Currency', 'Amount in Invoice Currency', 'Payment Currency', 'Amount in Payment Currency', 'Exchange Rate', 'Payment Type', 'Payment Status', 'Payment Voided Reason']);
    const warning = rows.find((r) => r[0] === 'Payment Number' && /will not be displayed/.test(r[2] ?? ''));
    expect(warning, 'hidden-lines warning row').toBeDefined();
    const title = rows.findIndex((r) => r[0] === 'Invoices');
    expect(rows[title + 1]!.slice(0, 10)).toEqual(['Payment Number', 'Invoice Number', 'Invoice Date', 'Description', 'Invoice Amount', 'Invoice Currency', 'Withholding Amount', 'Terms Discount Taken', 'Amount Paid', 'Remaining Amount']);
    const lines = rows.slice(title + 2).filter((r) => r.length);
    expect(lines.length).toBe(gen.files.find((f) => f.path.endsWith('Payments.xlsx'))!.rows);
    for (const r of lines) {
      expect(r[0]).toMatch(/^\d{9}$/);
      expect(r[2]).toMatch(/^\d\d\/\d\d\/\d{4}$/);
      for (const c of [r[4], r[7], r[8], r[9]]) expect(c).toMatch(/^\(?\$\d{1,3}(,\d{3})*\.\d\d\)?$/);
    }
    // Each payment header equals its lines unless the warning row names it.
    const hidden = new Set(warning![1]!.split(', '));
    const payRows = rows.slice(1, rows.indexOf(warning!));
    const cents = (s: string) => (s.startsWith('(') ? -1 : 1) * Number(s.replace(/[()$,.]/g, ''));
    for (const p of payRows) {
      const sum = lines.filter((l) => l[0] === p[0]).reduce((a, l) => a + cents(l[8]!), 0);
      if (hidden.has(p[0]!)) expect(cents(p[3]!)).not.toBe(sum);
      else expect(cents(p[3]!)).toBe(sum);
    }
  });

  it('writes byte-identical files for the same seed (workbooks included)', async () => {
    const again = await generateDataset(join(dir, 'again'), { seed: 'files', invoiceLines: 600 });
    expect(again.files.map((f) => f.path)).toEqual(gen.files.map((f) => f.path));
    for (const f of gen.files) expect(readFileSync(join(dir, 'again', f.path)).equals(readFileSync(join(dir, f.path))), f.path).toBe(true);
    expect(readFileSync(join(dir, 'again', 'truth.json'), 'utf8')).toBe(readFileSync(join(dir, 'truth.json'), 'utf8'));
  });

  it('writes X12 files whose envelopes count what they hold', () => {
    for (const f of gen.files.filter((x) => x.format.startsWith('x12_'))) {
      const segs = readFileSync(join(dir, f.path), 'utf8').split('~\n').filter(Boolean).map((s) => s.split('*'));
      const sts = segs.filter((s) => s[0] === 'ST').length;
      expect(segs.find((s) => s[0] === 'GE')![1], f.path).toBe(String(sts));
      expect(segs.find((s) => s[0] === 'IEA')![2]).toBe(segs[0]![13]);
    }
  });
});
