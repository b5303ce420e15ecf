// `recoup export month-end --period YYYY-MM`: roll-forward, AR ageing by invoice, deductions by type
// and by ASIN, payment tie-out, findings and the suggested journal, plus the journal as CSV for the
// ERP. Aggregates come from SQL; row sheets are iterated from SQLite straight into the streaming
// writer, so a year of a million invoice lines is never held in memory.
import type { Db } from '../../db/open';
import { daysBetween } from '../../shared/dates';
import type { Column } from '../../core/export/cells';
import {
  ageingBucket, journalLines, parsePeriod, rollForwardRows, JOURNAL_COLUMNS, ROLL_COLUMNS, type CashRoll, type ClaimsRoll, type JournalLine, type Period,
} from '../../core/export/month-end';
import { ensureSynced } from '../claims';
import { ClaimError } from '../claims';
import { CsvWriter, XlsxWriter, withWriter } from './writers';

export interface MonthEndOptions {
  /** Journal CSV path; default: next to the workbook, `<name>-journal.csv`. */
  journal?: string;
  onProgress?: (sheet: string, rows: number) => void;
}

export interface MonthEndResult {
  file: string;
  journal: string;
  period: Period;
  currency: string;
  rows: Record<string, number>;
  journalLines: JournalLine[];
  claims: ClaimsRoll;
  cash: CashRoll;
}

const SALE_FAMILIES = `('invoice', 'direct_fulfillment')`;

const col = (header: string, kind: Column['kind'], width?: number): Column => (width ? { header, kind, width } : { header, kind });

const AGEING_COLS: Column[] = [
  col('Invoice number', 'id', 18), col('Invoice date', 'date'), col('Due date', 'date'), col('PO', 'id', 11), col('Currency', 'text', 9), col('Invoice total', 'money', 16),
  col('Settled by payments (gross)', 'money', 18), col('Open', 'money', 16), col('Deducted against it (net of reversals)', 'money', 20), col('Days past due', 'int', 12),
  col('Bucket', 'text', 12),
];
const BY_TYPE_COLS: Column[] = [col('Family', 'text', 22), col('Description', 'text', 48), col('Lines', 'int'), col('Invoice amount (gross)', 'money', 18), col('Amount paid (cash)', 'money', 18)];
const BY_ASIN_COLS: Column[] = [col('ASIN', 'id', 13), col('Finding type', 'text', 28), col('Findings', 'int'), col('Amount', 'money', 16)];
const TIE_COLS: Column[] = [
  col('Payment number', 'id', 16), col('Payment date', 'date'), col('Currency', 'text', 9), col('Payment amount', 'money', 16), col('Sum of line Amount paid', 'money', 18),
  col('Lines', 'int'), col('Difference', 'money', 14), col('Hidden lines flagged', 'text', 12),
];
const FINDING_COLS: Column[] = [
  col('Finding id', 'id', 16), col('Type', 'text', 28), col('Severity', 'text', 9), col('Amount', 'money', 14), col('Currency', 'text', 9), col('Invoice', 'id', 16),
  col('Document', 'id', 20), col('PO', 'id', 11), col('ASIN', 'id', 13), col('Payment', 'id', 12), col('Shipment', 'id', 14), col('Dispute by', 'date'),
  col('Document date', 'date'), col('Claim status', 'text', 16), col('Case id', 'id', 14), col('Explanation', 'text', 80),
];

export function journalPathFor(out: string): string {
  return out.replace(/\.xlsx$/i, '') + '-journal.csv';
}

export async function exportMonthEnd(db: Db, period: string, out: string, options: MonthEndOptions = {}): Promise<MonthEndResult> {
  const p = parsePeriod(period);
  if (!p) throw new ClaimError('invalid_input', `period must be YYYY-MM, got "${period}"`);
  ensureSynced(db);
  const currency = mainCurrency(db);
  const claims = claimsRoll(db, p);
  const cash = cashRoll(db, p, currency);
  const journalIn = journalInput(db, p, currency);
  const journal = journalLines(journalIn);
  const rows: Record<string, number> = {};
  const progress = options.onProgress ?? (() => undefined);

  await withWriter(new XlsxWriter(out, { sharedStrings: false }), (w) => {
    const roll = w.sheet({ name: 'Roll-forward', columns: ROLL_COLUMNS, currency, table: true });
    for (const r of rollForwardRows(p, claims, cash, currency)) roll.row(r);
    rows['Roll-forward'] = roll.rows - 1;

    // AR ageing by invoice at the period end.
    const age = w.sheet({ name: 'AR ageing', columns: AGEING_COLS, currency, table: true });
    const ageSql = db.prepare(`SELECT i.invoice_number AS inv, i.invoice_date AS d, i.due_date AS due, i.po_number AS po, i.currency AS cur, i.total_cents AS total,
        COALESCE(s.settled, 0) AS settled, COALESCE(x.ded, 0) AS ded
      FROM invoice i
      LEFT JOIN (SELECT r.root_key, SUM(r.invoice_amount_cents) AS settled FROM remit_line r JOIN payment p ON p.payment_number = r.payment_number
        WHERE r.family IN ${SALE_FAMILIES} AND p.payment_date <= @end GROUP BY r.root_key) s ON s.root_key = i.invoice_key
      LEFT JOIN (SELECT r.root_key, -SUM(r.invoice_amount_cents) AS ded FROM remit_line r JOIN payment p ON p.payment_number = r.payment_number
        WHERE r.family NOT IN ${SALE_FAMILIES} AND r.root_key IS NOT NULL AND p.payment_date <= @end GROUP BY r.root_key) x ON x.root_key = i.invoice_key
      WHERE i.invoice_type = 'invoice' AND i.invoice_date <= @end AND (i.total_cents - COALESCE(s.settled, 0) <> 0 OR COALESCE(x.ded, 0) <> 0)
      ORDER BY i.due_date, i.invoice_number`);
    let n = 0;
    const at: [number, number, number, number] = [0, 0, 0, 0];
    type AgeRow = { inv: string; d: string | null; due: string | null; po: string | null; cur: string; total: number; settled: number; ded: number };
    for (const r of ageSql.iterate({ end: p.end }) as IterableIterator<AgeRow>) {
      const rowNo = age.rows + 1;
      const open = r.total - r.settled;
      const dpd = r.due ? daysBetween(r.due, p.end) : null;
      age.row({ currency: r.cur, values: [r.inv, r.d, r.due, r.po, r.cur, r.total, r.settled, { formula: `F${rowNo}-G${rowNo}`, result: open }, r.ded, dpd, ageingBucket(dpd)] });
      at[0] += r.total; at[1] += r.settled; at[2] += open; at[3] += r.ded;
      if (++n % 50_000 === 0) progress('AR ageing', n);
    }
    const lastAge = age.rows;
    if (n > 0) age.row({ bold: true, values: ['Total (visible rows)', null, null, null, null, sub(6, lastAge, at[0]), sub(7, lastAge, at[1]), sub(8, lastAge, at[2]), sub(9, lastAge, at[3]), null, null] });
    rows['AR ageing'] = n;

    const byType = w.sheet({ name: 'Deductions by type', columns: BY_TYPE_COLS, currency, table: true });
    const typeSql = db.prepare(`SELECT r.family, COALESCE(r.description, '') AS descr, COUNT(*) AS n, SUM(r.invoice_amount_cents) AS gross, SUM(r.paid_cents) AS paid
      FROM remit_line r JOIN payment p ON p.payment_number = r.payment_number
      WHERE p.payment_date BETWEEN ? AND ? AND r.family NOT IN ${SALE_FAMILIES} AND r.currency = ?
      GROUP BY r.family, CASE WHEN r.family IN ('shortage_claim', 'price_claim', 'shortage_reversal', 'price_reversal') THEN '' ELSE COALESCE(r.description, '') END
      ORDER BY r.family, gross`);
    n = 0;
    const tt: [number, number, number] = [0, 0, 0];
    for (const r of typeSql.iterate(p.start, p.end, currency) as IterableIterator<{ family: string; descr: string; n: number; gross: number; paid: number }>) {
      const claimFamily = ['shortage_claim', 'price_claim', 'shortage_reversal', 'price_reversal'].includes(r.family);
      byType.row([r.family.replace(/_/g, ' '), claimFamily ? '(all claims of the family)' : r.descr, r.n, r.gross, r.paid]);
      tt[0] += r.n; tt[1] += r.gross; tt[2] += r.paid;
      n++;
    }
    if (n > 0) byType.row({ bold: true, values: ['Total', null, sumF(3, byType.rows, tt[0]), sumF(4, byType.rows, tt[1]), sumF(5, byType.rows, tt[2])] });
    rows['Deductions by type'] = n;

    const byAsin = w.sheet({ name: 'Deductions by ASIN', columns: BY_ASIN_COLS, currency, table: true });
    n = 0;
    const ta: [number, number] = [0, 0];
    for (const r of db.prepare(`SELECT asin, type, COUNT(*) AS n, SUM(amount_cents) AS amount FROM finding
        WHERE asin IS NOT NULL AND currency = ? AND COALESCE(doc_date, dispute_by) BETWEEN ? AND ? GROUP BY asin, type ORDER BY amount DESC, asin`)
      .iterate(currency, p.start, p.end) as IterableIterator<{ asin: string; type: string; n: number; amount: number }>) {
      byAsin.row([r.asin, r.type, r.n, r.amount]);
      ta[0] += r.n; ta[1] += r.amount;
      n++;
    }
    if (n > 0) byAsin.row({ bold: true, values: ['Total', null, sumF(3, byAsin.rows, ta[0]), sumF(4, byAsin.rows, ta[1])] });
    rows['Deductions by ASIN'] = n;

    const tie = w.sheet({ name: 'Payment tie-out', columns: TIE_COLS, currency, table: true });
    n = 0;
    const tp: [number, number, number] = [0, 0, 0];
    for (const r of db.prepare(`SELECT p.payment_number AS num, p.payment_date AS d, p.currency AS cur, p.amount_cents AS amount, p.hidden_lines AS hidden,
        COALESCE(SUM(r.paid_cents), 0) AS lines, COUNT(r.id) AS n
      FROM payment p LEFT JOIN remit_line r ON r.payment_number = p.payment_number WHERE p.payment_date BETWEEN ? AND ?
      GROUP BY p.payment_number ORDER BY p.payment_date, p.payment_number`).iterate(p.start, p.end) as IterableIterator<{ num: string; d: string; cur: string; amount: number; hidden: number; lines: number; n: number }>) {
      const rowNo = tie.rows + 1;
      tie.row({ currency: r.cur, values: [r.num, r.d, r.cur, r.amount, r.lines, r.n, { formula: `D${rowNo}-E${rowNo}`, result: r.amount - r.lines }, r.hidden ? 'yes' : 'no'] });
      tp[0] += r.amount; tp[1] += r.lines; tp[2] += r.n;
      n++;
    }
    if (n > 0) tie.row({ bold: true, values: ['Total', null, null, sumF(4, tie.rows, tp[0]), sumF(5, tie.rows, tp[1]), sumF(6, tie.rows, tp[2]), sumF(7, tie.rows, tp[0] - tp[1]), null] });
    rows['Payment tie-out'] = n;

    const fs = w.sheet({ name: 'Findings', columns: FINDING_COLS, currency, table: true });
    n = 0;
    for (const r of db.prepare(`SELECT f.id, f.type, f.severity, f.amount_cents AS amount, f.currency AS cur, f.invoice_number AS inv, f.claim_number AS doc, f.po_number AS po,
        f.asin, f.payment_number AS pay, f.shipment_id AS ship, f.dispute_by AS due, f.doc_date AS d, c.status, c.case_id AS caseId, f.explanation
      FROM finding f LEFT JOIN claim c ON c.finding_id = f.id ORDER BY f.type, f.amount_cents DESC, f.id`).iterate() as IterableIterator<Record<string, string | number | null>>) {
      fs.row({ currency: String(r.cur), values: [r.id!, r.type!, r.severity!, r.amount!, r.cur!, r.inv!, r.doc!, r.po!, r.asin!, r.pay!, r.ship!, r.due!, r.d!, r.status ? String(r.status).replace(/_/g, ' ') : null, r.caseId!, r.explanation!] });
      if (++n % 50_000 === 0) progress('Findings', n);
    }
    rows.Findings = n;

    const js = w.sheet({ name: 'Journal', columns: JOURNAL_COLUMNS, currency, table: true });
    for (const l of journal) js.row([p.end, `AMZ-${p.period}`, l.account, l.name, l.debitCents, l.creditCents, l.category, l.memo]);
    js.row({ bold: true, values: ['Total', null, null, null, sumF(5, js.rows, journal.reduce((s, l) => s + l.debitCents, 0)), sumF(6, js.rows, journal.reduce((s, l) => s + l.creditCents, 0)), null, null] });
    rows.Journal = journal.length;
  });

  const journalFile = options.journal ?? journalPathFor(out);
  await withWriter(new CsvWriter(journalFile, JOURNAL_COLUMNS, currency), async (w) => {
    for (const l of journal) await w.row([p.end, `AMZ-${p.period}`, l.account, l.name, l.debitCents || null, l.creditCents || null, l.category, l.memo]);
  });
  return { file: out, journal: journalFile, period: p, currency, rows, journalLines: journal, claims, cash };
}

const letter = (c: number) => String.fromCharCode(64 + c);
/** A column total as a live formula, with the total Recoup computed as its cached result. */
function sumF(c: number, last: number, result: number) {
  return { formula: `SUM(${letter(c)}2:${letter(c)}${last})`, result };
}
function sub(c: number, last: number, result: number) {
  return { formula: `SUBTOTAL(9,${letter(c)}2:${letter(c)}${last})`, result };
}

function mainCurrency(db: Db): string {
  const r = db.prepare(`SELECT currency, COUNT(*) AS n FROM (SELECT currency FROM payment UNION ALL SELECT currency FROM invoice) GROUP BY currency ORDER BY n DESC LIMIT 1`).get() as { currency: string } | undefined;
  return r?.currency ?? 'USD';
}

function claimsRoll(db: Db, p: Period): ClaimsRoll {
  const one = (sql: string, ...args: unknown[]) => db.prepare(sql).get(...args) as { cents: number | null; count: number };
  const mv = (where: string) => {
    const r = one(`SELECT SUM(amount_cents) AS cents, COUNT(*) AS count FROM claim_event WHERE day BETWEEN ? AND ? AND ${where}`, p.start, p.end);
    return { cents: r.cents ?? 0, count: r.count };
  };
  const opening = one('SELECT SUM(amount_cents) AS cents, COUNT(*) AS count FROM claim_event WHERE day < ?', p.start).cents ?? 0;
  const closing = one('SELECT SUM(amount_cents) AS cents, COUNT(*) AS count FROM claim_event WHERE day <= ?', p.end).cents ?? 0;
  const recovered = mv(`kind = 'recovered'`);
  const closed = mv(`kind = 'status' AND amount_cents < 0`);
  const disputed = one(`SELECT SUM(c.amount_cents) AS cents, COUNT(*) AS count FROM claim_event e JOIN claim c ON c.id = e.claim_id
    WHERE e.day BETWEEN ? AND ? AND e.kind = 'status' AND e.to_status IN ('disputed', 're_disputed')`, p.start, p.end);
  const approved = one(`SELECT SUM(c.approved_cents) AS cents, COUNT(*) AS count FROM claim_event e JOIN claim c ON c.id = e.claim_id
    WHERE e.day BETWEEN ? AND ? AND e.kind = 'status' AND e.to_status IN ('approved', 'partially_approved')`, p.start, p.end);
  return {
    opening,
    opened: mv(`kind = 'opened'`),
    amountChanges: mv(`kind = 'amount'`),
    recovered: { cents: -recovered.cents, count: recovered.count },
    closed: { cents: -closed.cents, count: closed.count },
    reopened: mv(`kind = 'status' AND amount_cents > 0`),
    closing,
    disputed: { cents: disputed.cents ?? 0, count: disputed.count },
    approved: { cents: approved.cents ?? 0, count: approved.count },
  };
}

function cashRoll(db: Db, p: Period, currency: string): CashRoll {
  const inv = db.prepare(`SELECT COALESCE(SUM(total_cents), 0) AS cents, COUNT(*) AS count FROM invoice WHERE invoice_type = 'invoice' AND invoice_date BETWEEN ? AND ? AND currency = ?`)
    .get(p.start, p.end, currency) as { cents: number; count: number };
  const fam = db.prepare(`SELECT r.family, r.invoice_amount_cents < 0 AS neg, SUM(r.invoice_amount_cents) AS cents, SUM(r.paid_cents - r.invoice_amount_cents) AS other, COUNT(*) AS count
    FROM remit_line r JOIN payment p ON p.payment_number = r.payment_number WHERE p.payment_date BETWEEN ? AND ? AND r.currency = ?
    GROUP BY r.family, neg ORDER BY r.family`).all(p.start, p.end, currency) as Array<{ family: string; neg: number; cents: number; other: number; count: number }>;
  const pay = db.prepare('SELECT COALESCE(SUM(amount_cents), 0) AS cents, COUNT(*) AS count FROM payment WHERE payment_date BETWEEN ? AND ? AND currency = ?')
    .get(p.start, p.end, currency) as { cents: number; count: number };
  const sale = (f: string) => f === 'invoice' || f === 'direct_fulfillment';
  const paid = fam.filter((r) => sale(r.family));
  return {
    invoiced: inv,
    paidOnInvoices: { cents: paid.reduce((s, r) => s + r.cents, 0), count: paid.reduce((s, r) => s + r.count, 0) },
    discountAndOther: fam.reduce((s, r) => s + r.other, 0),
    deductedByFamily: fam.filter((r) => !sale(r.family) && r.neg).map((r) => ({ family: r.family, cents: r.cents, count: r.count })),
    creditsByFamily: fam.filter((r) => !sale(r.family) && !r.neg).map((r) => ({ family: r.family, cents: r.cents, count: r.count })),
    paymentsTotal: pay,
  };
}

function journalInput(db: Db, p: Period, currency: string) {
  const fam = db.prepare(`SELECT r.family, SUM(r.invoice_amount_cents) AS cents, SUM(r.paid_cents) AS paid FROM remit_line r JOIN payment p ON p.payment_number = r.payment_number
    WHERE p.payment_date BETWEEN ? AND ? AND p.currency = ? GROUP BY r.family ORDER BY r.family`).all(p.start, p.end, currency) as Array<{ family: string; cents: number; paid: number }>;
  const pay = db.prepare('SELECT COALESCE(SUM(amount_cents), 0) AS cents FROM payment WHERE payment_date BETWEEN ? AND ? AND currency = ?').get(p.start, p.end, currency) as { cents: number };
  const linesPaid = fam.reduce((s, r) => s + r.paid, 0);
  const gross = fam.reduce((s, r) => s + r.cents, 0);
  return { paymentsCents: pay.cents, linesPaidCents: linesPaid, grossByFamily: fam.map((r) => ({ family: r.family, cents: r.cents })), otherCents: linesPaid - gross };
}
