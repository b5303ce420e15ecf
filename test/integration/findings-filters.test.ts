// The worklist filters added for the analyst (amount range, deadline window, vendor code) and the
// dashboard's deductions-by-month, over the demo data set as the app loads it on first start.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../../src/db/open';
import { openWorkspace } from '../../src/services/workspace';
import { deadlineAsOf, listFindings, FindingsInputError, type StoredFinding } from '../../src/services/findings';
import { deductionsByMonth, DEDUCTION_KINDS } from '../../src/services/dashboard';
import { addDays } from '../../src/shared/dates';
import { parseCents } from '../../src/shared/money';
import { findingFilterSchema } from '../../src/shared/ipc';

let dir: string;
let db: Db;
let all: StoredFinding[];
let asOf: string;

const ids = (fs: StoredFinding[]) => fs.map((f) => f.id).sort();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'recoup-filters-'));
  const ws = await openWorkspace(join(dir, 'demo.db'));
  db = ws.db;
  expect(ws.demo?.errors).toEqual([]);
  all = listFindings(db, {}, 'amount', { limit: 10_000 }).items;
  expect(all.length).toBeGreaterThan(5);
  asOf = deadlineAsOf(db);
}, 120_000);

afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('worklist filters on the demo data', () => {
  it('amount range: min and max (parsed from what the analyst types) are inclusive', () => {
    const amounts = all.map((f) => f.amount_cents).sort((a, b) => a - b);
    const lo = amounts[Math.floor(amounts.length / 4)]!;
    const hi = amounts[Math.floor((amounts.length * 3) / 4)]!;
    expect(lo).toBeLessThan(hi);
    const typed = (c: number) => parseCents((c / 100).toLocaleString('en-US', { minimumFractionDigits: 2 }))!;
    expect(typed(lo)).toBe(lo);
    const page = listFindings(db, { minCents: typed(lo), maxCents: typed(hi) }, 'amount', { limit: 10_000 });
    const expected = all.filter((f) => f.amount_cents >= lo && f.amount_cents <= hi);
    expect(page.total).toBe(expected.length);
    expect(ids(page.items)).toEqual(ids(expected));
    expect(page.total).toBeLessThan(all.length);
    // Only one end given.
    expect(listFindings(db, { minCents: hi }, 'amount', { limit: 1 }).total).toBe(all.filter((f) => f.amount_cents >= hi).length);
    expect(() => listFindings(db, { minCents: hi, maxCents: lo })).toThrow(FindingsInputError);
  });

  it('amount range pages by keyset like the unfiltered list', () => {
    const lo = [...all].sort((a, b) => a.amount_cents - b.amount_cents)[Math.floor(all.length / 3)]!.amount_cents;
    const expected = all.filter((f) => f.amount_cents >= lo).map((f) => f.id);
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const p = listFindings(db, { minCents: lo }, 'amount', { limit: 3, after });
      seen.push(...p.items.map((f) => f.id));
      after = p.nextCursor;
    } while (after);
    expect(seen).toEqual(expected);
  });

  it('deadline window: overdue and the next 7/14/30 days count from the last run as-of', () => {
    const withDeadline = all.filter((f) => f.dispute_by);
    expect(withDeadline.length).toBeGreaterThan(0);
    for (const [w, days] of [['next7', 7], ['next14', 14], ['next30', 30]] as const) {
      const expected = withDeadline.filter((f) => f.dispute_by! >= asOf && f.dispute_by! <= addDays(asOf, days));
      const got = listFindings(db, { deadlineWindow: w }, 'dispute_by', { limit: 10_000 });
      expect(ids(got.items), w).toEqual(ids(expected));
    }
    const overdue = withDeadline.filter((f) => f.dispute_by! < asOf);
    expect(ids(listFindings(db, { deadlineWindow: 'overdue' }, 'amount', { limit: 10_000 }).items)).toEqual(ids(overdue));
    // The windows nest, and at least one of them is not empty on the demo data.
    const n30 = listFindings(db, { deadlineWindow: 'next30' }, 'amount', { limit: 1 }).total;
    expect(listFindings(db, { deadlineWindow: 'next7' }, 'amount', { limit: 1 }).total).toBeLessThanOrEqual(n30);
    expect(n30 + overdue.length).toBeGreaterThan(0);
    // Combined with another filter, both apply.
    const type = withDeadline[0]!.type;
    expect(listFindings(db, { deadlineWindow: 'next30', types: [type] }, 'amount', { limit: 1 }).total)
      .toBe(withDeadline.filter((f) => f.type === type && f.dispute_by! >= asOf && f.dispute_by! <= addDays(asOf, 30)).length);
  });

  it('vendor code: the finding, its purchase order or its invoice carries the code', () => {
    const poCode = new Map((db.prepare('SELECT po_number, vendor_code FROM purchase_order').all() as Array<{ po_number: string; vendor_code: string | null }>).map((r) => [r.po_number, r.vendor_code]));
    const invCode = new Map((db.prepare('SELECT invoice_number, vendor_code FROM invoice').all() as Array<{ invoice_number: string; vendor_code: string | null }>).map((r) => [r.invoice_number, r.vendor_code]));
    const codesOf = (f: StoredFinding) => [f.vendor_code, f.po_number ? poCode.get(f.po_number) : null, f.invoice_number ? invCode.get(f.invoice_number) : null];
    const codes = [...new Set(all.flatMap(codesOf).filter((c): c is string => !!c))];
    expect(codes.length).toBeGreaterThan(0);
    for (const code of codes) {
      const expected = all.filter((f) => codesOf(f).includes(code));
      const got = listFindings(db, { vendorCode: code }, 'amount', { limit: 10_000 });
      expect(got.total).toBeGreaterThan(0);
      expect(ids(got.items)).toEqual(ids(expected));
    }
    expect(listFindings(db, { vendorCode: 'NO-SUCH-VENDOR' }).total).toBe(0);
  });

  it('the IPC filter schema accepts the new fields and rejects bad ones', () => {
    expect(findingFilterSchema.parse({ minCents: 125000, maxCents: 500000, deadlineWindow: 'next14', vendorCode: 'ABCDE' })).toMatchObject({ deadlineWindow: 'next14' });
    expect(findingFilterSchema.safeParse({ deadlineWindow: 'next9' }).success).toBe(false);
    expect(findingFilterSchema.safeParse({ minCents: 12.5 }).success).toBe(false);
  });
});

describe('deductions by month on the demo data', () => {
  it('sums each month to the negative invoice amounts of the deduction lines paid in it', () => {
    const d = deductionsByMonth(db);
    expect(d.to).toBe(asOf.slice(0, 7));
    expect(d.months.length).toBeGreaterThan(0);
    const lines = db.prepare(`SELECT r.family, r.currency, r.invoice_amount_cents AS cents, coalesce(p.payment_date, r.doc_date) AS day
      FROM remit_line r LEFT JOIN payment p ON p.payment_number = r.payment_number`).all() as Array<{ family: string; currency: string; cents: number; day: string | null }>;
    const inPeriod = lines.filter((l) => l.cents < 0 && l.family !== 'invoice' && l.day && l.day.slice(0, 7) >= d.from && l.day.slice(0, 7) <= d.to);
    expect(inPeriod.length).toBeGreaterThan(0);
    // Deducted amounts are shown positive: 0 minus each negative line.
    const deducted = (ls: typeof lines) => ls.reduce((n, l) => n - l.cents, 0);
    const total = d.months.reduce((n, m) => n + m.totalCents, 0);
    expect(total).toBe(deducted(inPeriod));
    expect(total).toBeGreaterThan(0);
    for (const m of d.months) {
      expect(DEDUCTION_KINDS.reduce((n, k) => n + m.byKind[k], 0)).toBe(m.totalCents);
      const mine = inPeriod.filter((l) => l.day!.startsWith(m.month) && l.currency === m.currency);
      expect(m.totalCents).toBe(deducted(mine));
      expect(m.byKind.shortage).toBe(deducted(mine.filter((l) => l.family.startsWith('shortage_'))));
      expect(m.byKind.chargeback).toBe(deducted(mine.filter((l) => l.family === 'chargeback')));
    }
  });

  it('a one-month window keeps only the as-of month', () => {
    const d = deductionsByMonth(db, { months: 1 });
    expect(d.from).toBe(d.to);
    expect(d.months.every((m) => m.month === d.to)).toBe(true);
  });
});
