// The acceptance check for live formulas: real-shaped files imported and reconciled by the engine,
// every disputable finding exported in one pack, then opened in LibreOffice headless with
// recalculation forced on load. The recalculated Calculation and Summary cells must equal
// Recoup's amounts for every claim, and the month-end roll-forward must close.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../src/db/open';
import { importPaths } from '../../src/services/import';
import { reconcileNow } from '../../src/services/reconcile';
import { loadDemo } from '../../src/services/demo';
import { listClaims, syncClaims } from '../../src/services/claims';
import { exportDisputePack } from '../../src/services/exports/dispute-pack';
import { exportMonthEnd } from '../../src/services/exports/month-end';
import { centsToDecimal } from '../../src/shared/money';
import { SOFFICE, recalcWithLibreOffice } from './exports-helpers';

const FIXTURES = join(__dirname, '../fixtures/exports');
let dir: string;
let db: Db;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'recoup-lo-pack-'));
  db = openDatabase(join(dir, 'r.db'));
  const files = readdirSync(FIXTURES).filter((f) => !f.endsWith('.md')).map((f) => join(FIXTURES, f));
  for (const r of await importPaths(db, files)) expect(r.status, JSON.stringify(r)).toBe('imported');
  reconcileNow(db, { asOf: '2026-10-15', now: () => 1_790_000_000_000 });
  syncClaims(db, { now: 1_790_000_000_000 });
});

afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const cents = (text: string | undefined) => Math.round(Number(text) * 100);

describe.skipIf(!SOFFICE)('packs recalculated by LibreOffice', () => {
  it('every claim\'s formulas reproduce Recoup\'s disputed amount', () => {
    const claims = listClaims(db);
    const types = new Set(claims.map((c) => c.type));
    // The engine's fixture raises these disputable types; each has its own calculation.
    for (const t of ['SHORTAGE_CLAIM_DISPUTABLE', 'PRICE_CLAIM_DISPUTABLE', 'CHARGEBACK', 'COOP_DEDUCTION']) expect(types, t).toContain(t);
    return (async () => {
      const out = join(dir, 'all-disputable.xlsx');
      await exportDisputePack(db, { claimIds: claims.map((c) => c.id) }, out);
      const sheets = recalcWithLibreOffice(out);
      const calc = sheets.get('Calculation')!;
      const summary = sheets.get('Summary')!;
      expect(calc, [...sheets.keys()].join(', ')).toBeTruthy();
      let reproduced = 0;
      for (const c of claims) {
        const rows = calc.filter((r) => r[0] === String(c.id));
        const diff = rows.find((r) => r[1] === 'Difference (should be 0.00)');
        expect(diff, `claim ${c.id} ${c.type}`).toBeTruthy();
        expect(cents(diff![2]), `claim ${c.id} ${c.type} ${c.claimNumber}: difference`).toBe(0);
        const total = rows.find((r) => r[1]!.startsWith('Disputed amount'))!;
        expect(cents(total[2]), `claim ${c.id} ${c.type}`).toBe(c.amountCents);
        if (total[1] === 'Disputed amount (reproduced)') reproduced++;
        const disputed = summary.find((r) => r[0] === String(c.id) && r[1] === 'Disputed amount')!;
        expect(cents(disputed[2]), `Summary of claim ${c.id}`).toBe(c.amountCents);
      }
      // Formulas, not copied values, for every claim: each amount follows from the cited rows.
      expect([...types].sort()).toEqual(['CHARGEBACK', 'COOP_DEDUCTION', 'DUPLICATE_DEDUCTION', 'PRICE_CLAIM_DISPUTABLE', 'SHORTAGE_CLAIM_DISPUTABLE',
        'SHORT_PAID', 'UNMATCHED_DEDUCTION', 'UNPAID_INVOICE', 'UOM_MISMATCH']);
      expect(reproduced).toBe(claims.length);
      // Lines per ASIN: the recalculated dispute quantity of the 120-shipped / 96-received line.
      const lines = sheets.get('Lines per ASIN')!;
      const header = lines[0]!;
      const sc = claims.find((c) => c.claimNumber === 'INV-1001SC')!;
      const line = lines.find((r) => r[0] === String(sc.id))!;
      expect(line[header.indexOf('Dispute quantity')]).toBe('24');
      expect(line[header.indexOf('Shipped (each)')]).toBe('120');
      expect(line[header.indexOf('Received (each)')]).toBe('96');
      // Identifiers survive as text: the 9-digit payment number is not turned into 3.68E+08.
      const remit = sheets.get('Remittance extract')!;
      expect(remit.some((r) => r[1] === '367530001')).toBe(true);
    })();
  }, 180_000);

  it('every claim of the demo data set (the generator\'s output, all finding types) is reproduced', async () => {
    const demo = openDatabase(join(dir, 'demo.db'));
    for (const r of await loadDemo(demo)) expect(r.status, JSON.stringify(r)).toBe('imported');
    reconcileNow(demo, { asOf: '2026-10-15', now: () => 1_790_000_000_000 });
    const claims = listClaims(demo);
    expect(claims.length).toBeGreaterThan(10);
    const out = join(dir, 'demo-packs.xlsx');
    await exportDisputePack(demo, { allDisputable: true }, out);
    const calc = recalcWithLibreOffice(out).get('Calculation')!;
    const fallback = calc.filter((r) => r[1]?.startsWith('Disputed amount (as computed')).map((r) => r[0]);
    const open = claims.filter((c) => c.open);
    for (const c of open) {
      const rows = calc.filter((r) => r[0] === String(c.id));
      expect(cents(rows.find((r) => r[1] === 'Difference (should be 0.00)')![2]), `claim ${c.id} ${c.type} ${c.claimNumber ?? c.invoiceNumber}`).toBe(0);
      expect(cents(rows.find((r) => r[1]!.startsWith('Disputed amount'))![2])).toBe(c.amountCents);
    }
    expect(fallback).toEqual([]);
    demo.close();
  }, 180_000);

  it('the month-end roll-forward closes after recalculation', async () => {
    const out = join(dir, 'month-end.xlsx');
    const r = await exportMonthEnd(db, '2026-09', out);
    const roll = recalcWithLibreOffice(out).get('Roll-forward')!;
    const val = (label: string) => roll.find((x) => x[0] === label)?.[1];
    expect(cents(val('Closing open claims'))).toBe(r.claims.closing);
    expect(val('Difference (should be 0.00)')).toBe('0');
    expect(centsToDecimal(cents(val('Net cash per remittance lines')))).toBe(centsToDecimal(r.cash.paidOnInvoices.cents + r.cash.discountAndOther
      + r.cash.deductedByFamily.reduce((s, d) => s + d.cents, 0) + r.cash.creditsByFamily.reduce((s, d) => s + d.cents, 0)));
  }, 180_000);
});

describe.skipIf(SOFFICE)('LibreOffice', () => {
  it('is not installed: the recalculation tests were skipped (install Debian libreoffice-calc to run them)', () => {
    expect(SOFFICE).toBeNull();
  });
});
