// Reconcile end to end: real-shaped files (SP-API purchase-order status with acknowledgements and
// receipts, SP-API shipment confirmations with carton SSCCs, SP-API invoices, a Vendor Central
// remittance CSV) imported through importPaths, reconciled, and every finding checked by type,
// keys and amount — with the traps that must raise nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../src/db/open';
import { importPaths } from '../../src/services/import';
import { reconcileNow } from '../../src/services/reconcile';
import { getFinding, listFindings, listDeadlineRules, updateDeadlineRule, type StoredFinding } from '../../src/services/findings';

const FIXTURES = join(__dirname, '../fixtures/reconcile');
const AS_OF = '2026-10-15';

let dir: string;
let db: Db;
let all: StoredFinding[];

function findingsWhere(pred: (f: StoredFinding) => boolean): StoredFinding[] {
  return all.filter(pred);
}

function only(pred: (f: StoredFinding) => boolean): StoredFinding {
  const hits = findingsWhere(pred);
  expect(hits, `expected exactly one finding, got ${hits.map((h) => h.type).join(', ')}`).toHaveLength(1);
  return hits[0]!;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'recoup-reconcile-'));
  db = openDatabase(join(dir, 'r.db'));
  const results = await importPaths(db, [FIXTURES]);
  for (const r of results) {
    expect(r.status, JSON.stringify(r)).toBe('imported');
    if (r.status === 'imported') expect(r.rowsRejected, JSON.stringify(r.rejects)).toBe(0);
  }
  reconcileNow(db, { asOf: AS_OF, now: () => 1_790_000_000_000 });
  all = listFindings(db, {}, 'amount', { limit: 1000 }).items;
});

afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('one scenario per finding type', () => {
  it('SHORTAGE_CLAIM_DISPUTABLE: 120 shipped in 5 cartons, 96 received, 24 claimed', () => {
    const f = only((x) => x.claim_number === 'INV-1001SC');
    expect(f).toMatchObject({
      type: 'SHORTAGE_CLAIM_DISPUTABLE', severity: 'high', amount_cents: 9024, currency: 'USD', invoice_number: 'INV-1001', po_number: '1SHRTD1A',
      asin: 'B0SHORT001', payment_number: '367530001', shipment_id: 'SH-1001',
      // due 2026-08-31 (invoice 2026-08-01, net 30) + 30 days
      dispute_by: '2026-09-30',
    });
    expect(f.explanation).toContain('INV-1001SC');
    expect(f.explanation).toContain('120 units shipped in 5 cartons');
    expect(f.explanation).toContain('received 96 units');
    expect(f.explanation).toContain('90.24');
    expect(f.evidence.filter((e) => e.kind === 'asn_carton')).toHaveLength(5);
    expect(f.evidence).toContainEqual({ kind: 'invoice_line', ref: 'INV-1001#1' });
  });

  it('SHORTAGE_CLAIM_VALID: 50 invoiced, 40 shipped', () => {
    const f = only((x) => x.claim_number === 'INV-1002SC');
    expect(f).toMatchObject({ type: 'SHORTAGE_CLAIM_VALID', amount_cents: 10000, invoice_number: 'INV-1002', asin: 'B0VALID001', dispute_by: null });
    expect(f.explanation).toContain('40 units shipped');
    // the claim covers the over-invoicing: no INVOICED_MORE_THAN_SHIPPED on top
    expect(findingsWhere((x) => x.po_number === '2VALID1A')).toHaveLength(1);
  });

  it('PRICE_CLAIM_DISPUTABLE: invoice cost equals the confirmed PO cost', () => {
    const f = only((x) => x.invoice_number === 'INV-1003');
    expect(f).toMatchObject({ type: 'PRICE_CLAIM_DISPUTABLE', amount_cents: 2500, claim_number: 'INV-1003PC', po_number: '3PRICE1A', dispute_by: '2026-09-30' });
    expect(f.explanation).toMatch(/invoice cost 5\.00 vs PO confirmed cost 5\.00/);
  });

  it('PRICE_CLAIM_VALID: invoiced 5.25 against a PO cost of 5.00, and the claim matches', () => {
    const f = only((x) => x.invoice_number === 'INV-1004');
    expect(f).toMatchObject({ type: 'PRICE_CLAIM_VALID', amount_cents: 2500, claim_number: 'INV-1004PC', asin: 'B0PRICE002', severity: 'low' });
  });

  it('UOM_MISMATCH: 10 cases of 12 ordered and shipped as 120, invoiced as 10 eaches', () => {
    const f = only((x) => x.po_number === '5UOMMM1A');
    expect(f).toMatchObject({ type: 'UOM_MISMATCH', amount_cents: 22000, asin: 'B0UOM00001' });
    expect(f.explanation).toContain('case pack of 12');
  });

  it('UNPAID_INVOICE: due 2026-07-31, nothing on any remittance', () => {
    const f = only((x) => x.invoice_number === 'INV-1006');
    expect(f).toMatchObject({ type: 'UNPAID_INVOICE', amount_cents: 10000, claim_number: null, payment_number: null });
  });

  it('SHORT_PAID: 300.00 invoiced, 250.00 paid, no claim', () => {
    expect(only((x) => x.invoice_number === 'INV-1007')).toMatchObject({ type: 'SHORT_PAID', amount_cents: 5000, payment_number: '367530001' });
  });

  it('OVERPAID: 200.00 invoiced, 220.00 paid', () => {
    expect(only((x) => x.invoice_number === 'INV-1008')).toMatchObject({ type: 'OVERPAID', amount_cents: 2000 });
  });

  it('DUPLICATE_PAYMENT: paid in full in two payments (and not also OVERPAID)', () => {
    expect(only((x) => x.invoice_number === 'INV-1009')).toMatchObject({ type: 'DUPLICATE_PAYMENT', amount_cents: 15000, payment_number: '367530002' });
  });

  it('CHARGEBACK and DUPLICATE_DEDUCTION: one chargeback deducted twice', () => {
    const hits = findingsWhere((x) => x.claim_number === '1520586356VCBSINV');
    expect(hits.map((h) => [h.type, h.amount_cents]).sort()).toEqual([['CHARGEBACK', 5000], ['DUPLICATE_DEDUCTION', 5000]]);
    expect(hits.find((h) => h.type === 'CHARGEBACK')!.dispute_by).toBe('2026-09-19');
  });

  it('CHARGEBACK: dispute by the chargeback date + 30 days', () => {
    expect(only((x) => x.claim_number === '1520586357VCBSINV')).toMatchObject({ type: 'CHARGEBACK', amount_cents: 2500, dispute_by: '2026-10-01', payment_number: '367530002' });
  });

  it('COOP_DEDUCTION: one finding for an agreement paid in two slices, no duplicate', () => {
    const f = only((x) => x.claim_number === '6268-1490026100');
    expect(f).toMatchObject({ type: 'COOP_DEDUCTION', amount_cents: 100000, payment_number: '367530001' });
  });

  it('UNMATCHED_DEDUCTION: a deduction nobody can explain', () => {
    expect(only((x) => x.claim_number === 'ZZX-99812')).toMatchObject({ type: 'UNMATCHED_DEDUCTION', amount_cents: 1230 });
  });

  it('PAYMENT_TIE_OUT_GAP: unexplained, and explained by hidden lines', () => {
    expect(only((x) => x.payment_number === '367530003')).toMatchObject({ type: 'PAYMENT_TIE_OUT_GAP', amount_cents: 1000, severity: 'medium' });
    const hidden = only((x) => x.payment_number === '367530004');
    expect(hidden).toMatchObject({ type: 'PAYMENT_TIE_OUT_GAP', amount_cents: 20000, severity: 'low' });
    expect(hidden.explanation).toMatch(/hidden/);
  });

  it('INVOICE_WITHOUT_ASN: invoiced PO and ASIN on no ASN', () => {
    expect(only((x) => x.invoice_number === 'INV-1015')).toMatchObject({ type: 'INVOICE_WITHOUT_ASN', amount_cents: 8000, po_number: '7NOASN1A', asin: 'B0NOASN001' });
  });

  it('INVOICED_MORE_THAN_SHIPPED: 30 invoiced, 25 shipped, no claim yet', () => {
    expect(only((x) => x.po_number === '8OVRIN1A')).toMatchObject({ type: 'INVOICED_MORE_THAN_SHIPPED', amount_cents: 1000, invoice_number: 'INV-1016' });
  });

  it('ASN_NOT_INVOICED: 40 shipped at PO cost 3.00, never invoiced', () => {
    expect(only((x) => x.po_number === '9ASNNI1A')).toMatchObject({ type: 'ASN_NOT_INVOICED', amount_cents: 12000, asin: 'B0ASNNI001', invoice_number: null });
  });

  it('CLAIM_REVERSED only, for a claim fully reversed by its R document', () => {
    const f = only((x) => x.invoice_number === 'INV-1018' || x.po_number === '1REVRS1A');
    expect(f).toMatchObject({ type: 'CLAIM_REVERSED', severity: 'info', amount_cents: 1200, claim_number: 'INV-1018SC', dispute_by: null });
  });
});

describe('traps that raise nothing', () => {
  it('a clean invoice paid with its 2% terms discount (and named by vendor SKU only)', () => {
    expect(findingsWhere((x) => x.invoice_number === 'INV-1019' || x.po_number === '1CLEAN1A')).toEqual([]);
  });

  it('an invoice Vendor Central pays as INV-1020R', () => {
    expect(findingsWhere((x) => x.invoice_number === 'INV-1020' || x.po_number === '1CLNRR1A')).toEqual([]);
  });

  it('a provision taken in slices and reversed nets to zero; an unreversed one is info only', () => {
    expect(findingsWhere((x) => (x.claim_number ?? '').startsWith('260801_PROVISION'))).toEqual([]);
    const open = only((x) => x.claim_number === '260901_PROVISION_FOR_RECEIVABLES');
    expect(open).toMatchObject({ type: 'PROVISION_UNREVERSED', severity: 'info', amount_cents: 7500 });
    expect(findingsWhere((x) => x.type === 'UNMATCHED_DEDUCTION').map((x) => x.claim_number)).toEqual(['ZZX-99812']);
  });

  it('no other findings than the scenarios', () => {
    expect(all.map((f) => f.type).sort()).toEqual([
      'ASN_NOT_INVOICED', 'CHARGEBACK', 'CHARGEBACK', 'CLAIM_REVERSED', 'COOP_DEDUCTION', 'DUPLICATE_DEDUCTION', 'DUPLICATE_PAYMENT',
      'INVOICED_MORE_THAN_SHIPPED', 'INVOICE_WITHOUT_ASN', 'OVERPAID', 'PAYMENT_TIE_OUT_GAP', 'PAYMENT_TIE_OUT_GAP', 'PRICE_CLAIM_DISPUTABLE',
      'PRICE_CLAIM_VALID', 'PROVISION_UNREVERSED', 'SHORTAGE_CLAIM_DISPUTABLE', 'SHORTAGE_CLAIM_VALID', 'SHORT_PAID', 'UNMATCHED_DEDUCTION',
      'UNPAID_INVOICE', 'UOM_MISMATCH',
    ]);
  });
});

describe('determinism and stable ids', () => {
  it('a re-run gives the same findings and ids; another --as-of keeps the ids', () => {
    const before = all.map((f) => [f.id, f.type, f.amount_cents, f.dispute_by]);
    const again = reconcileNow(db, { asOf: AS_OF });
    expect(again).toMatchObject({ inserted: 0, removed: 0, kept: all.length });
    expect(listFindings(db, {}, 'amount', { limit: 1000 }).items.map((f) => [f.id, f.type, f.amount_cents, f.dispute_by])).toEqual(before);
    reconcileNow(db, { asOf: '2026-10-16' });
    expect(listFindings(db, {}, 'amount', { limit: 1000 }).items.map((f) => f.id).sort()).toEqual(all.map((f) => f.id).sort());
    expect(all.every((f) => /^f_[0-9a-f]{12}$/.test(f.id))).toBe(true);
  });

  it('a later import resolves a finding and keeps every other id and its first run', async () => {
    const first = getFinding(db, all.find((f) => f.type === 'UNPAID_INVOICE')!.id)!;
    const keep = all.filter((f) => f.type !== 'UNPAID_INVOICE');
    // The late payment of INV-1006 arrives in a second remittance export.
    const extra = join(dir, 'remittance-late.csv');
    writeFileSync(extra, [
      'Payment Number,Payment Date,Invoice Currency,Amount in Invoice Currency,Payment Currency,Amount in Payment Currency,Exchange Rate,Payment Type,Payment Status,Payment Voided Reason',
      '367530099,10/01/2026,USD,$100.00,USD,$100.00,1,EFT,Paid,',
      'Invoices,,,,,,,,,',
      'Payment Number,Invoice Number,Invoice Date,Description,Invoice Amount,Invoice Currency,Withholding Amount,Terms Discount Taken,Amount Paid,Remaining Amount',
      '367530099,INV-1006,07/01/2026,,$100.00,USD,$0.00,$0.00,$100.00,$0.00',
      '',
    ].join('\r\n'));
    const [res] = await importPaths(db, [extra]);
    expect(res!.status).toBe('imported');
    const run = reconcileNow(db, { asOf: AS_OF });
    expect(run.removed).toBe(1);
    expect(getFinding(db, first.id)).toBeNull();
    for (const f of keep) {
      const now = getFinding(db, f.id);
      expect(now, f.type).not.toBeNull();
      expect(now!.first_run_id).toBe(f.first_run_id);
    }
  });
});

describe('listing and rules', () => {
  it('pages by keyset in money order and filters by type', () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page = listFindings(db, {}, 'amount', { limit: 4, after });
      expect(page.total).toBe(listFindings(db, {}, 'amount', { limit: 1000 }).items.length);
      seen.push(...page.items.map((f) => f.id));
      after = page.nextCursor;
      pages++;
    } while (after);
    const full = listFindings(db, {}, 'amount', { limit: 1000 }).items;
    expect(seen).toEqual(full.map((f) => f.id));
    expect(pages).toBe(Math.ceil(full.length / 4));
    const amounts = full.map((f) => f.amount_cents);
    expect([...amounts].sort((a, b) => b - a)).toEqual(amounts);
    const cb = listFindings(db, { types: ['CHARGEBACK'] }, 'dispute_by', { limit: 10 });
    expect(cb.items.map((f) => f.dispute_by)).toEqual(['2026-09-19', '2026-10-01']);
    expect(() => listFindings(db, { types: ['NOPE'] })).toThrow(/unknown finding type/);
  });

  it('deadline rules are data: a new chargeback window from a later date moves only later chargebacks', () => {
    expect(listDeadlineRules(db).map((r) => r.kind)).toContain('claim_hard_limit');
    updateDeadlineRule(db, { kind: 'chargeback', base: 'doc_date', days: 45, warnDays: null, months: 0, effectiveFrom: '2026-08-25', note: 'test' });
    reconcileNow(db, { asOf: AS_OF });
    const cbs = listFindings(db, { types: ['CHARGEBACK'] }, 'amount', { limit: 10 }).items;
    // dated 2026-08-20: the old 30-day rule; dated 2026-09-01: the new 45-day rule
    expect(cbs.find((f) => f.claim_number === '1520586356VCBSINV')!.dispute_by).toBe('2026-09-19');
    expect(cbs.find((f) => f.claim_number === '1520586357VCBSINV')!.dispute_by).toBe('2026-10-16');
    expect(() => updateDeadlineRule(db, { kind: 'chargeback', base: 'doc_date', days: -1, warnDays: null, months: 0, effectiveFrom: '2026-01-01', note: null })).toThrow(/days/);
  });
});
