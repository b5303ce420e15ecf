// The month-end workbook's pure parts: period bounds, ageing buckets, the roll-forward rows (live
// SUM formulas with a check against the independently computed closing balance) and the journal
// with suggested accounts per deduction category, balanced by construction.
import type { CellValue, Column, Formula } from './cells';
import type { RowSpec } from './sheet';

export interface Period {
  period: string;
  start: string;
  end: string;
}

export function parsePeriod(p: string): Period | null {
  const m = /^(\d{4})-(\d{2})$/.exec(p);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  if (mo < 1 || mo > 12 || y < 1900 || y > 2200) return null;
  const last = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return { period: p, start: `${p}-01`, end: `${p}-${String(last).padStart(2, '0')}` };
}

export function ageingBucket(daysPastDue: number | null): string {
  if (daysPastDue === null) return 'no due date';
  if (daysPastDue <= 0) return 'current';
  if (daysPastDue <= 30) return '1-30';
  if (daysPastDue <= 60) return '31-60';
  if (daysPastDue <= 90) return '61-90';
  return '90+';
}

export const ROLL_COLUMNS: Column[] = [
  { header: 'Line', kind: 'text', width: 52 },
  { header: 'Amount', kind: 'money', width: 18 },
  { header: 'Count', kind: 'int', width: 10 },
  { header: 'Basis', kind: 'text', width: 70 },
];

export interface ClaimsRoll {
  opening: number;
  opened: { cents: number; count: number };
  amountChanges: { cents: number; count: number };
  recovered: { cents: number; count: number };
  closed: { cents: number; count: number };
  reopened: { cents: number; count: number };
  closing: number;
  disputed: { cents: number; count: number };
  approved: { cents: number; count: number };
}

export interface CashRoll {
  invoiced: { cents: number; count: number };
  paidOnInvoices: { cents: number; count: number };
  discountAndOther: number;
  deductedByFamily: Array<{ family: string; cents: number; count: number }>;
  creditsByFamily: Array<{ family: string; cents: number; count: number }>;
  paymentsTotal: { cents: number; count: number };
}

const f = (formula: string, result: number): Formula => ({ formula, result });

/** Roll-forward rows; the first data row is row 2 (row 1 is the header). */
export function rollForwardRows(p: Period, c: ClaimsRoll, cash: CashRoll, currency: string): RowSpec[] {
  const rows: RowSpec[] = [];
  const add = (values: CellValue[], bold = false): number => {
    rows.push({ values, bold, currency });
    return rows.length + 1;
  };
  add([`Open claims (disputable deductions) — ${p.period}`, null, null, null], true);
  const o = add(['Opening open claims', c.opening, null, `claims open at the end of the day before ${p.start}`]);
  const a = add(['+ New claims (disputable deductions raised)', c.opened.cents, c.opened.count, 'claims opened, dated by the deduction']);
  const b = add(['± Amount changes after a recompute', c.amountChanges.cents, c.amountChanges.count, 'finding amounts that changed after new imports']);
  const r = add(['− Recovered (reversals and credits linked)', -c.recovered.cents, c.recovered.count, 'recoveries, dated by the payment that carried them']);
  const w = add(["− Written off / won't dispute", -c.closed.cents, c.closed.count, 'what was still open when the claim was closed']);
  const ro = add(['+ Reopened', c.reopened.cents, c.reopened.count, 'closed claims reopened']);
  const cl = add(['Closing open claims', f(`SUM(B${o}:B${ro})`, c.opening + c.opened.cents + c.amountChanges.cents - c.recovered.cents - c.closed.cents + c.reopened.cents), null, 'opening + movements'], true);
  const chk = add(['Closing open claims (from the claims register)', c.closing, null, `claims open at the end of ${p.end}`]);
  add(['Difference (should be 0.00)', f(`B${cl}-B${chk}`, c.opening + c.opened.cents + c.amountChanges.cents - c.recovered.cents - c.closed.cents + c.reopened.cents - c.closing), null, null]);
  add(['Memo: disputed in the period', c.disputed.cents, c.disputed.count, 'claims moved to disputed or re-disputed']);
  add(['Memo: approved in the period', c.approved.cents, c.approved.count, 'claims approved or partially approved (approved amount)']);
  void a; void b; void r; void w;
  add([null, null, null, null]);

  add([`Invoices, cash and deductions — ${p.period}`, null, null, null], true);
  add(['Invoiced', cash.invoiced.cents, cash.invoiced.count, 'invoice totals dated in the period']);
  const first = add(['Paid on invoices (gross)', cash.paidOnInvoices.cents, cash.paidOnInvoices.count, 'Invoice Amount of the invoice lines on payments in the period']);
  add(['Terms discount, withholding and discount clawed back', cash.discountAndOther, null, 'Amount paid − Invoice Amount, all lines']);
  for (const d of cash.deductedByFamily) add([`Deducted: ${d.family.replace(/_/g, ' ')}`, d.cents, d.count, 'gross Invoice Amount of the deduction lines']);
  for (const d of cash.creditsByFamily) add([`Credited: ${d.family.replace(/_/g, ' ')}`, d.cents, d.count, 'reversals and credits (gross)']);
  const last = rows.length + 1;
  const net = cash.paidOnInvoices.cents + cash.discountAndOther + cash.deductedByFamily.reduce((s, d) => s + d.cents, 0) + cash.creditsByFamily.reduce((s, d) => s + d.cents, 0);
  const n = add(['Net cash per remittance lines', f(`SUM(B${first}:B${last})`, net), null, 'sum of the lines above'], true);
  const pt = add(['Payments received (payment totals)', cash.paymentsTotal.cents, cash.paymentsTotal.count, 'payments dated in the period']);
  add(['Unexplained (hidden lines or unapplied)', f(`B${pt}-B${n}`, cash.paymentsTotal.cents - net), null, 'see Payment tie-out']);
  return rows;
}

export const JOURNAL_COLUMNS: Column[] = [
  { header: 'Date', kind: 'date' },
  { header: 'Journal', kind: 'id', width: 16 },
  { header: 'Account', kind: 'id', width: 10 },
  { header: 'Account name', kind: 'text', width: 44 },
  { header: 'Debit', kind: 'money', width: 16 },
  { header: 'Credit', kind: 'money', width: 16 },
  { header: 'Category', kind: 'text', width: 22 },
  { header: 'Memo', kind: 'text', width: 60 },
];

/** Suggested accounts; the analyst's chart of accounts replaces the codes in the ERP import. */
export const ACCOUNTS: Record<string, { code: string; name: string }> = {
  bank: { code: '1010', name: 'Bank — Amazon receipts' },
  ar: { code: '1200', name: 'Accounts receivable — Amazon' },
  discount: { code: '4910', name: 'Terms discount allowed (net of clawbacks)' },
  shortage_claim: { code: '1250', name: 'Deductions receivable — shortage claims' },
  shortage_reversal: { code: '1250', name: 'Deductions receivable — shortage claims' },
  price_claim: { code: '1251', name: 'Deductions receivable — price claims' },
  price_reversal: { code: '1251', name: 'Deductions receivable — price claims' },
  chargeback: { code: '6120', name: 'Chargebacks (operational)' },
  agreement: { code: '4920', name: 'Co-op and allowances (contra revenue)' },
  price_protection: { code: '4930', name: 'Price protection (contra revenue)' },
  returns: { code: '4940', name: 'Vendor returns (contra revenue)' },
  provision: { code: '1260', name: 'Amazon provisions held' },
  provision_reversal: { code: '1260', name: 'Amazon provisions held' },
  ar_invoice: { code: '1270', name: 'Amazon AR invoices deducted' },
  bank_fee: { code: '6910', name: 'Bank fees' },
  suspense: { code: '1290', name: 'Unidentified deductions and unapplied cash (suspense)' },
};

export interface JournalInput {
  /** Σ payment amounts dated in the period. */
  paymentsCents: number;
  /** Σ Amount paid of all remittance lines on those payments. */
  linesPaidCents: number;
  /** Gross (Invoice Amount) by family, signed as on the remittance (invoices positive, deductions negative). */
  grossByFamily: Array<{ family: string; cents: number }>;
  /** Σ (Amount paid − Invoice Amount) over all lines: discounts, withholding, clawbacks. */
  otherCents: number;
}

export interface JournalLine {
  account: string;
  name: string;
  debitCents: number;
  creditCents: number;
  category: string;
  memo: string;
}

/** One balanced entry for the period: bank and discount against receivables and deduction accounts. */
export function journalLines(j: JournalInput): JournalLine[] {
  const byAccount = new Map<string, { name: string; net: number; category: string; memo: string[] }>();
  const post = (key: string, net: number, category: string, memo: string) => {
    if (net === 0) return;
    const acc = ACCOUNTS[key] ?? ACCOUNTS.suspense!;
    const e = byAccount.get(acc.code) ?? { name: acc.name, net: 0, category, memo: [] };
    e.net += net;
    e.memo.push(memo);
    byAccount.set(acc.code, e);
  };
  post('bank', j.paymentsCents, 'cash', 'payments received');
  post('discount', -j.otherCents, 'terms discount', 'Amount paid − Invoice Amount over all lines');
  for (const g of j.grossByFamily) {
    const isSale = g.family === 'invoice' || g.family === 'direct_fulfillment';
    // A line's gross settles receivables (sales) or is debited to the deduction's account (negative).
    post(isSale ? 'ar' : ACCOUNTS[g.family] ? g.family : 'suspense', -g.cents, isSale ? 'receivables' : g.family, `${g.family.replace(/_/g, ' ')} lines (gross)`);
  }
  post('suspense', -(j.paymentsCents - j.linesPaidCents), 'unapplied', 'payment totals not explained by their lines (hidden lines)');
  return [...byAccount.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([code, e]) => ({
    account: code, name: e.name, debitCents: e.net > 0 ? e.net : 0, creditCents: e.net < 0 ? -e.net : 0, category: e.category, memo: [...new Set(e.memo)].join('; '),
  }));
}
