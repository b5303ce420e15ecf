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

describe.each([
  { seed: 'ci-1', invoiceLines: 900 },
  { seed: 'ci-2', invoiceLines: 400 },
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
