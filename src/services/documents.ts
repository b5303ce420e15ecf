// Document views for the analyst: payments with their tie-out, vendor invoices with their
// accounts-receivable status, everything about one ASIN, the audit log, and the settings lists.
// Every query is paged or capped and walks an index (payment number, invoice key, remittance
// root key, ASIN), so the screens stay fast with millions of lines in the store.
import type { Db } from '../db/open';
import { lastRun, listRules } from '../db/findings.repo';
import { listAudit, verifyAuditChain } from '../db/audit.repo';
import { invoiceKey } from '../core/claims/grammar';
import { TOLERANCE_CENTS } from '../core/match/types';
import { listFindings, type StoredFinding } from './findings';
import { loadProfiles } from './profiles';
import type { FindingDto } from '../shared/ipc';
import type {
  ArStatus, AsinLedgerDto, AsinPoSummaryDto, AuditFilterDto, AuditPageDto, DeadlineRuleDto, FamilyTotalDto, InvoiceDetailDto, InvoiceFilterDto,
  InvoiceLineDto, InvoiceSummaryDto, PageDto, PaymentDetailDto, PaymentFilterDto, PaymentSummaryDto, ProfileDto, RemitLineDto, ShipmentLinkDto,
  TieOutStatus,
} from '../shared/ipc-documents';

export class DocumentNotFoundError extends Error {}

export interface Paging {
  limit: number;
  offset: number;
}

const FINDINGS_PER_DOCUMENT = 200;

/** A text prefix as an index range: [prefix, prefix + U+FFFF). LIKE would not use the index. */
function prefixRange(prefix: string): [string, string] {
  return [prefix, `${prefix}\uffff`];
}

export function findingDto(f: StoredFinding): FindingDto {
  return {
    id: f.id, type: f.type, severity: f.severity, amount_cents: f.amount_cents, currency: f.currency, invoice_number: f.invoice_number,
    claim_number: f.claim_number, po_number: f.po_number, asin: f.asin, payment_number: f.payment_number, shipment_id: f.shipment_id,
    dispute_by: f.dispute_by, explanation: f.explanation, evidence: f.evidence.map((e) => ({ kind: e.kind, ref: e.ref })),
    vendor_code: f.vendor_code, doc_date: f.doc_date,
  };
}

// ---- summaries for whole-table status filters --------------------------------------------------
//
// A status filter (payments that do not tie out, short-paid invoices) needs every row's sums. One
// set-based GROUP BY over the remittance lines into temp tables does that in a single pass, and the
// result is kept for this connection until the data changes: total_changes() moves with every write
// through this connection, data_version with every commit by another one.

type SummaryKind = 'pay' | 'inv';
const summaries = new WeakMap<Db, { fingerprint: string; built: Set<SummaryKind> }>();

function fingerprint(db: Db): string {
  const changes = (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
  return `${changes}:${String(db.pragma('data_version', { simple: true }))}`;
}

function summaryFresh(db: Db, kind: SummaryKind): boolean {
  const s = summaries.get(db);
  return !!s && s.built.has(kind) && s.fingerprint === fingerprint(db);
}

/** Build (or keep) the summary temp table of `kind`; returns true (it is there to join). */
function ensureSummary(db: Db, kind: SummaryKind): boolean {
  let s = summaries.get(db);
  if (!s || s.fingerprint !== fingerprint(db)) s = { fingerprint: '', built: new Set() };
  if (!s.built.has(kind)) {
    if (kind === 'pay') {
      db.exec(/* sql */ `
        DROP TABLE IF EXISTS temp.t_docs_pay;
        CREATE TEMP TABLE t_docs_pay (payment_number TEXT PRIMARY KEY, total INTEGER NOT NULL, n INTEGER NOT NULL) WITHOUT ROWID;
        INSERT INTO t_docs_pay SELECT payment_number, sum(paid_cents), count(*) FROM remit_line GROUP BY payment_number;`);
    } else {
      db.exec(/* sql */ `
        DROP TABLE IF EXISTS temp.t_docs_root;
        CREATE TEMP TABLE t_docs_root (root_key TEXT PRIMARY KEY, settled INTEGER, discount INTEGER, claims INTEGER, payments INTEGER) WITHOUT ROWID;
        INSERT INTO t_docs_root SELECT r.root_key,
            coalesce(sum(CASE WHEN r.family IN ${PAY_FAMILIES} THEN ${GROSS} END), 0),
            coalesce(sum(CASE WHEN r.family IN ${PAY_FAMILIES} THEN r.discount_cents END), 0),
            coalesce(-sum(CASE WHEN r.family IN ${CLAIM_FAMILIES} THEN ${GROSS} END), 0),
            count(DISTINCT CASE WHEN r.family IN ${PAY_FAMILIES} THEN r.payment_number END)
          FROM remit_line r WHERE r.root_key IS NOT NULL GROUP BY r.root_key;
        DROP TABLE IF EXISTS temp.t_docs_inv;
        CREATE TEMP TABLE t_docs_inv (id INTEGER PRIMARY KEY, settled INTEGER, discount INTEGER, claims INTEGER, payments INTEGER);
        -- The same matching as ROOT_MATCH: the invoice's key, and its key + R unless that is an invoice of its own.
        INSERT INTO t_docs_inv SELECT i.id,
            coalesce(a.settled, 0) + coalesce(b.settled, 0), coalesce(a.discount, 0) + coalesce(b.discount, 0),
            coalesce(a.claims, 0) + coalesce(b.claims, 0), coalesce(a.payments, 0) + coalesce(b.payments, 0)
          FROM invoice i
          LEFT JOIN t_docs_root a ON a.root_key = i.invoice_key
          LEFT JOIN t_docs_root b ON b.root_key = i.invoice_key || 'R' AND NOT EXISTS (SELECT 1 FROM invoice i2 WHERE i2.invoice_key = i.invoice_key || 'R')
          WHERE a.root_key IS NOT NULL OR b.root_key IS NOT NULL;
        DROP TABLE temp.t_docs_root;`);
    }
    s.built.add(kind);
  }
  // Read after building: the temp tables' own inserts count as changes.
  s.fingerprint = fingerprint(db);
  summaries.set(db, s);
  return true;
}

// ---- payments ---------------------------------------------------------------------------------

// The tie-out compares in the invoice currency when Amazon converted (as the reconcile engine does).
// Line sums come from the per-payment summary when it is fresh (see ensureSummary), else from an
// indexed lookup per payment (cheap for one page, costly for a whole-table status filter).
function paymentCore(summary: boolean): string {
  return /* sql */ `
  SELECT p.payment_number, p.payment_date, p.currency AS pay_currency, p.amount_cents AS paid_amount,
         coalesce(p.invoice_currency, p.currency) AS currency,
         CASE WHEN p.invoice_currency IS NOT NULL AND p.invoice_currency <> p.currency AND p.amount_invoice_currency_cents IS NOT NULL
              THEN p.amount_invoice_currency_cents ELSE p.amount_cents END AS amount,
         p.hidden_lines, p.payment_type, p.status AS payment_status,
         ${summary
    ? 'coalesce(s.total, 0) AS lines_total, coalesce(s.n, 0) AS line_count FROM payment p LEFT JOIN temp.t_docs_pay s ON s.payment_number = p.payment_number'
    : `(SELECT coalesce(sum(r.paid_cents), 0) FROM remit_line r WHERE r.payment_number = p.payment_number) AS lines_total,
         (SELECT count(*) FROM remit_line r WHERE r.payment_number = p.payment_number) AS line_count
  FROM payment p`}`;
}

const TIE_OUT_CASE = `CASE WHEN line_count = 0 AND hidden_lines = 0 THEN 'no_lines'
  WHEN abs(amount - lines_total) <= ${TOLERANCE_CENTS} THEN 'tied' WHEN hidden_lines = 1 THEN 'hidden' ELSE 'gap' END`;

interface PaymentRow {
  payment_number: string; payment_date: string | null; pay_currency: string; paid_amount: number; currency: string; amount: number;
  hidden_lines: number; payment_type: string | null; payment_status: string | null; lines_total: number; line_count: number; status: TieOutStatus;
}

function paymentDto(r: PaymentRow): PaymentSummaryDto {
  return {
    paymentNumber: r.payment_number, paymentDate: r.payment_date, currency: r.currency, amountCents: r.amount, paidAmountCents: r.paid_amount,
    paymentCurrency: r.pay_currency, linesCents: r.lines_total, lineCount: r.line_count, gapCents: r.amount - r.lines_total,
    hiddenLines: r.hidden_lines === 1, status: r.status, paymentType: r.payment_type, paymentStatus: r.payment_status,
  };
}

const PAYMENT_ORDER: Record<'date' | 'amount' | 'number', string> = {
  date: 'payment_date DESC, payment_number DESC',
  amount: 'amount DESC, payment_number',
  number: 'payment_number',
};

export function listPayments(db: Db, filter: PaymentFilterDto, sort: 'date' | 'amount' | 'number', page: Paging): PageDto<PaymentSummaryDto> {
  const where: string[] = [];
  const args: unknown[] = [];
  if (filter.number) {
    const [lo, hi] = prefixRange(filter.number.trim());
    where.push('p.payment_number >= ? AND p.payment_number < ?');
    args.push(lo, hi);
  }
  if (filter.from) { where.push('p.payment_date >= ?'); args.push(filter.from); }
  if (filter.to) { where.push('p.payment_date <= ?'); args.push(filter.to); }
  const summary = filter.status ? ensureSummary(db, 'pay') : summaryFresh(db, 'pay');
  const base = `${paymentCore(summary)} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
  const outer = filter.status ? 'WHERE status = ?' : '';
  const outerArgs = filter.status ? [filter.status] : [];
  // A status filter evaluates every row anyway: count them in the same pass (a window over the match).
  const items = db.prepare(`SELECT *, ${TIE_OUT_CASE} AS status${filter.status ? ', count(*) OVER () AS matched' : ''} FROM (${base})
    ${filter.status ? `WHERE ${TIE_OUT_CASE} = ?` : ''} ORDER BY ${PAYMENT_ORDER[sort]} LIMIT ? OFFSET ?`).all(...args, ...outerArgs, page.limit, page.offset) as Array<PaymentRow & { matched?: number }>;
  // Without a status filter the count needs no line sums: count the payments alone.
  const total = filter.status && items.length ? items[0]!.matched!
    : filter.status
      ? (db.prepare(`SELECT count(*) AS n FROM (SELECT ${TIE_OUT_CASE} AS status FROM (${base})) ${outer}`).get(...args, ...outerArgs) as { n: number }).n
      : (db.prepare(`SELECT count(*) AS n FROM payment p ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`).get(...args) as { n: number }).n;
  return { items: items.map(paymentDto), total };
}

const REMIT_COLUMNS = /* sql */ `
  rl.id, rl.payment_number, p.payment_date, rl.slice, rl.doc_number, rl.doc_date, rl.description, rl.family, rl.root_invoice, rl.is_reversal,
  rl.currency, rl.invoice_amount_cents, rl.withholding_cents, rl.discount_cents, rl.paid_cents, rl.remaining_cents, rl.po_number,
  coalesce((SELECT invoice_number FROM invoice WHERE invoice_key = rl.root_key),
           CASE WHEN rl.root_key LIKE '%R' THEN (SELECT invoice_number FROM invoice WHERE invoice_key = substr(rl.root_key, 1, length(rl.root_key) - 1)) END)
    AS invoice_number`;

interface RemitRow {
  id: number; payment_number: string; payment_date: string | null; slice: number; doc_number: string; doc_date: string | null;
  description: string | null; family: string; root_invoice: string | null; is_reversal: number; currency: string; invoice_amount_cents: number;
  withholding_cents: number; discount_cents: number; paid_cents: number; remaining_cents: number | null; po_number: string | null;
  invoice_number: string | null;
}

function remitDto(r: RemitRow): RemitLineDto {
  return {
    id: r.id, paymentNumber: r.payment_number, paymentDate: r.payment_date, slice: r.slice, docNumber: r.doc_number, docDate: r.doc_date,
    description: r.description, family: r.family, rootInvoice: r.root_invoice, isReversal: r.is_reversal === 1, currency: r.currency,
    invoiceAmountCents: r.invoice_amount_cents, withholdingCents: r.withholding_cents, discountCents: r.discount_cents, paidCents: r.paid_cents,
    remainingCents: r.remaining_cents, poNumber: r.po_number, invoiceNumber: r.invoice_number,
  };
}

export function getPayment(db: Db, paymentNumber: string, page: Paging): PaymentDetailDto {
  const row = db.prepare(`SELECT *, ${TIE_OUT_CASE} AS status FROM (${paymentCore(false)} WHERE p.payment_number = ?)`).get(paymentNumber) as PaymentRow | undefined;
  if (!row) throw new DocumentNotFoundError(`there is no payment ${paymentNumber} in this database`);
  const extra = db.prepare(`SELECT p.exchange_rate, p.voided_reason, p.vendor_code, p.source, b.file_name FROM payment p
    LEFT JOIN import_batch b ON b.id = p.batch_id WHERE p.payment_number = ?`).get(paymentNumber) as {
    exchange_rate: string | null; voided_reason: string | null; vendor_code: string | null; source: string; file_name: string | null;
  };
  const lines = (db.prepare(`SELECT ${REMIT_COLUMNS} FROM remit_line rl LEFT JOIN payment p ON p.payment_number = rl.payment_number
    WHERE rl.payment_number = ? ORDER BY rl.id LIMIT ? OFFSET ?`).all(paymentNumber, page.limit, page.offset) as RemitRow[]).map(remitDto);
  const byFamily = db.prepare(`SELECT family, count(*) AS count, sum(paid_cents) AS paidCents FROM remit_line WHERE payment_number = ?
    GROUP BY family ORDER BY sum(paid_cents) DESC`).all(paymentNumber) as FamilyTotalDto[];
  const findings = listFindings(db, { paymentNumber }, 'amount', { limit: FINDINGS_PER_DOCUMENT }).items.map(findingDto);
  return {
    payment: {
      ...paymentDto(row), exchangeRate: extra.exchange_rate, voidedReason: extra.voided_reason, vendorCode: extra.vendor_code, source: extra.source,
      fileName: extra.file_name,
    },
    lines, linesTotal: row.line_count, byFamily, findings,
  };
}

// ---- invoices ---------------------------------------------------------------------------------

/** "Today" for AR status: the last reconcile's as-of day, else the calendar day (UTC). */
export function defaultAsOf(db: Db, now: () => number = Date.now): string {
  return lastRun(db)?.asOf ?? new Date(now()).toISOString().slice(0, 10);
}

// Remittance lines refer to an invoice by their root's key; Vendor Central's Invoices page may
// append an R, which is dropped only when no invoice has the key with the R (as reconcile does).
const ROOT_MATCH = `(r.root_key = i.invoice_key OR (r.root_key = i.invoice_key || 'R' AND NOT EXISTS (SELECT 1 FROM invoice i2 WHERE i2.invoice_key = i.invoice_key || 'R')))`;
const GROSS = 'r.paid_cents + r.discount_cents + r.withholding_cents';
const PAY_FAMILIES = `('invoice', 'direct_fulfillment')`;
const CLAIM_FAMILIES = `('shortage_claim', 'price_claim', 'shortage_reversal', 'price_reversal')`;

function invoiceCore(summary: boolean): string {
  const head = /* sql */ `
  SELECT i.id, i.invoice_number, i.invoice_type, i.invoice_date, i.net_days,
         coalesce(i.due_date, CASE WHEN i.invoice_date IS NOT NULL AND i.net_days IS NOT NULL AND i.net_days >= 0
                                   THEN date(i.invoice_date, '+' || i.net_days || ' days') END) AS due,
         i.currency, i.total_cents, i.po_number, i.vendor_code,`;
  if (summary) {
    return `${head} coalesce(s.settled, 0) AS settled, coalesce(s.discount, 0) AS discount, coalesce(s.claims, 0) AS claims,
      coalesce(s.payments, 0) AS payments FROM invoice i LEFT JOIN temp.t_docs_inv s ON s.id = i.id`;
  }
  // One indexed pass over the invoice's remittance lines, all four sums at once.
  return `SELECT *, json_extract(agg, '$[0]') AS settled, json_extract(agg, '$[1]') AS discount, json_extract(agg, '$[2]') AS claims,
      json_extract(agg, '$[3]') AS payments FROM (${head}
         (SELECT json_array(
            coalesce(sum(CASE WHEN r.family IN ${PAY_FAMILIES} THEN ${GROSS} END), 0),
            coalesce(sum(CASE WHEN r.family IN ${PAY_FAMILIES} THEN r.discount_cents END), 0),
            coalesce(-sum(CASE WHEN r.family IN ${CLAIM_FAMILIES} THEN ${GROSS} END), 0),
            count(DISTINCT CASE WHEN r.family IN ${PAY_FAMILIES} THEN r.payment_number END))
          FROM remit_line r WHERE ${ROOT_MATCH}) AS agg
  FROM invoice i %WHERE%)`;
}

const INVOICE_STATUS = /* sql */ `
  SELECT *,
    CASE WHEN invoice_type = 'credit_note' THEN 'credit_note'
         WHEN payments = 0 THEN CASE WHEN due IS NOT NULL AND due < :asOf THEN 'overdue' ELSE 'unpaid' END
         WHEN open > ${TOLERANCE_CENTS} THEN 'short_paid'
         WHEN settled - total_cents > ${TOLERANCE_CENTS} THEN 'overpaid'
         ELSE 'paid' END AS status
  FROM (
    SELECT *,
      -- Claims explain an unpaid part, never more: a claim taken on top of a full payment leaves nothing open.
      CASE WHEN total_cents - settled > 0 THEN total_cents - settled - min(max(claims, 0), total_cents - settled) ELSE total_cents - settled END AS open
    FROM (%CORE%))`;

/** The invoice query with its WHERE clause in the right place (inside the per-row subquery form). */
function invoiceQuery(summary: boolean, where: string): string {
  const core = invoiceCore(summary);
  return INVOICE_STATUS.replace('%CORE%', summary ? `${core} ${where}` : core.replace('%WHERE%', where));
}

interface InvoiceRow {
  id: number; invoice_number: string; invoice_type: 'invoice' | 'credit_note'; invoice_date: string | null; net_days: number | null; due: string | null;
  currency: string; total_cents: number; po_number: string | null; vendor_code: string | null; settled: number; discount: number; claims: number;
  payments: number; open: number; status: ArStatus;
}

function invoiceDto(r: InvoiceRow): InvoiceSummaryDto {
  return {
    invoiceNumber: r.invoice_number, invoiceType: r.invoice_type, invoiceDate: r.invoice_date, dueDate: r.due, currency: r.currency,
    totalCents: r.total_cents, settledCents: r.settled, discountCents: r.discount, claimsCents: r.claims,
    openCents: r.invoice_type === 'credit_note' ? 0 : r.open, status: r.status, poNumber: r.po_number, vendorCode: r.vendor_code, paymentCount: r.payments,
  };
}

const INVOICE_ORDER: Record<'date' | 'due' | 'number' | 'amount', string> = {
  date: 'invoice_date DESC, invoice_number DESC',
  due: "coalesce(due, '9999-12-31'), invoice_number",
  number: 'invoice_number',
  amount: 'total_cents DESC, invoice_number',
};

export function listInvoices(db: Db, filter: InvoiceFilterDto, sort: 'date' | 'due' | 'number' | 'amount', page: Paging, asOf: string): PageDto<InvoiceSummaryDto> & { asOf: string } {
  const where: string[] = [];
  const args: Record<string, unknown> = { asOf };
  if (filter.number) {
    const [lo, hi] = prefixRange(invoiceKey(filter.number));
    where.push('i.invoice_key >= :lo AND i.invoice_key < :hi');
    args.lo = lo;
    args.hi = hi;
  }
  if (filter.poNumber) {
    // The invoice's own PO, or any line's (multi-PO invoices name theirs per line).
    where.push('(i.po_number = :po OR i.id IN (SELECT invoice_id FROM invoice_line WHERE po_number = :po))');
    args.po = filter.poNumber.trim();
  }
  if (filter.from) { where.push('i.invoice_date >= :from'); args.from = filter.from; }
  if (filter.to) { where.push('i.invoice_date <= :to'); args.to = filter.to; }
  const summary = filter.status ? ensureSummary(db, 'inv') : summaryFresh(db, 'inv');
  const withStatus = invoiceQuery(summary, where.length ? `WHERE ${where.join(' AND ')}` : '');
  if (filter.status) args.status = filter.status;
  const statusWhere = filter.status ? 'WHERE status = :status' : '';
  const items = db.prepare(`SELECT *${filter.status ? ', count(*) OVER () AS matched' : ''} FROM (${withStatus}) ${statusWhere}
    ORDER BY ${INVOICE_ORDER[sort]} LIMIT :limit OFFSET :offset`).all({ ...args, limit: page.limit, offset: page.offset }) as Array<InvoiceRow & { matched?: number }>;
  const total = filter.status && items.length ? items[0]!.matched!
    : filter.status
    ? (db.prepare(`SELECT count(*) AS n FROM (${withStatus}) ${statusWhere}`).get(args) as { n: number }).n
    : (db.prepare(`SELECT count(*) AS n FROM invoice i ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`).get(withoutAsOf(args)) as { n: number }).n;
  // An invoice without a PO of its own shows the POs on its lines (a few indexed lookups, this page only).
  const linePos = db.prepare('SELECT DISTINCT po_number FROM invoice_line WHERE invoice_id = ? AND po_number IS NOT NULL ORDER BY po_number LIMIT 4');
  for (const r of items) {
    if (r.po_number) continue;
    const pos = (linePos.all(r.id) as Array<{ po_number: string }>).map((x) => x.po_number);
    if (pos.length) r.po_number = pos.length > 3 ? `${pos.slice(0, 3).join(', ')}, …` : pos.join(', ');
  }
  return { items: items.map(invoiceDto), total, asOf };
}

/** better-sqlite3 refuses named parameters a statement does not use. */
function withoutAsOf(args: Record<string, unknown>): Record<string, unknown> {
  const { asOf: _asOf, status: _status, ...rest } = args;
  return rest;
}

export function getInvoice(db: Db, invoiceNumber: string, page: Paging, asOf: string): InvoiceDetailDto {
  const key = invoiceKey(invoiceNumber);
  // The exact number first, then the normalised key (separators and case as the remittance writes them).
  const row = (db.prepare(`SELECT * FROM (${invoiceQuery(false, 'WHERE i.invoice_number = :n')})`).get({ n: invoiceNumber, asOf })
    ?? db.prepare(`SELECT * FROM (${invoiceQuery(false, 'WHERE i.invoice_key = :k')}) ORDER BY id LIMIT 1`).get({ k: key, asOf })) as InvoiceRow | undefined;
  if (!row) throw new DocumentNotFoundError(`there is no invoice ${invoiceNumber} in this database`);
  const extra = db.prepare(`SELECT i.invoice_key, i.terms, i.discount_percent_bp, i.remit_to, i.ship_to, i.source, b.file_name FROM invoice i
    LEFT JOIN import_batch b ON b.id = i.batch_id WHERE i.id = ?`).get(row.id) as {
    invoice_key: string; terms: string | null; discount_percent_bp: number | null; remit_to: string | null; ship_to: string | null; source: string; file_name: string | null;
  };
  const lines = (db.prepare(`SELECT line_no, po_number, asin, vendor_sku, qty_each, uom, qty_uom, case_size, unit_cost_e4, amount_cents
    FROM invoice_line WHERE invoice_id = ? ORDER BY line_no LIMIT ? OFFSET ?`).all(row.id, page.limit, page.offset) as Array<{
    line_no: number; po_number: string | null; asin: string | null; vendor_sku: string | null; qty_each: number; uom: string | null; qty_uom: number;
    case_size: number | null; unit_cost_e4: number; amount_cents: number;
  }>).map((l): InvoiceLineDto => ({
    lineNo: l.line_no, poNumber: l.po_number ?? row.po_number, asin: l.asin, vendorSku: l.vendor_sku, qtyEach: l.qty_each, uom: l.uom, qtyUom: l.qty_uom,
    caseSize: l.case_size, unitCostE4: l.unit_cost_e4, amountCents: l.amount_cents,
  }));
  const linesTotal = (db.prepare('SELECT count(*) AS n FROM invoice_line WHERE invoice_id = ?').get(row.id) as { n: number }).n;
  const charges = db.prepare('SELECT type, code, description, amount_cents AS amountCents FROM invoice_charge WHERE invoice_id = ? ORDER BY id')
    .all(row.id) as InvoiceDetailDto['charges'];
  const remittance = (db.prepare(`SELECT ${REMIT_COLUMNS} FROM remit_line rl LEFT JOIN payment p ON p.payment_number = rl.payment_number
    WHERE rl.root_key = ? OR (rl.root_key = ? AND NOT EXISTS (SELECT 1 FROM invoice WHERE invoice_key = ?))
    ORDER BY coalesce(p.payment_date, '9999-12-31'), rl.payment_number, rl.id LIMIT 1000`).all(extra.invoice_key, `${extra.invoice_key}R`, `${extra.invoice_key}R`) as RemitRow[]).map(remitDto);
  // ASNs that carry the invoice's PO + ASIN pairs (indexed on shipment_line(po_number, asin)).
  const shipments = (db.prepare(`
    WITH pairs AS (SELECT DISTINCT coalesce(il.po_number, ?) AS po, il.asin FROM invoice_line il WHERE il.invoice_id = ? AND il.asin IS NOT NULL)
    SELECT s.shipment_id, coalesce(s.shipped_date, s.shipment_date) AS shipped, sum(sl.qty_each) AS units, count(DISTINCT sl.container_id) AS cartons,
           group_concat(DISTINCT sl.po_number) AS pos
    FROM pairs JOIN shipment_line sl ON sl.po_number = pairs.po AND sl.asin = pairs.asin JOIN shipment s ON s.id = sl.shipment_ref
    GROUP BY s.id ORDER BY shipped, s.shipment_id LIMIT 200`).all(row.po_number, row.id) as Array<{ shipment_id: string; shipped: string | null; units: number; cartons: number; pos: string | null }>)
    .map((s): ShipmentLinkDto => ({ shipmentId: s.shipment_id, shippedDate: s.shipped, units: s.units, cartons: s.cartons, poNumbers: s.pos ? s.pos.split(',') : [] }));
  const findings = listFindings(db, { invoiceNumber: row.invoice_number }, 'amount', { limit: FINDINGS_PER_DOCUMENT }).items.map(findingDto);
  return {
    invoice: {
      ...invoiceDto(row), terms: extra.terms, netDays: row.net_days, discountPercentBp: extra.discount_percent_bp, remitTo: extra.remit_to,
      shipTo: extra.ship_to, source: extra.source, fileName: extra.file_name,
    },
    asOf, lines, linesTotal, charges, remittance, shipments, findings,
  };
}

// ---- ASIN ledger ------------------------------------------------------------------------------

export function asinLedger(db: Db, asinInput: string, limit: number): AsinLedgerDto {
  const asin = asinInput.trim().toUpperCase();
  const truncated: Record<string, number> = {};
  const capped = <T>(name: string, rows: T[], count: () => number): T[] => {
    if (rows.length > limit) {
      truncated[name] = count();
      return rows.slice(0, limit);
    }
    return rows;
  };
  const n = (sqlText: string) => () => (db.prepare(sqlText).get(asin) as { n: number }).n;

  const poLines = capped('poLines', (db.prepare(`SELECT pl.po_number, pl.line_no, p.order_date, pl.ordered_each, pl.uom, pl.case_size, pl.unit_cost_e4, p.currency
    FROM po_line pl JOIN purchase_order p ON p.id = pl.po_id WHERE pl.asin = ? ORDER BY p.order_date DESC, pl.po_number, pl.line_no LIMIT ?`)
    .all(asin, limit + 1) as Array<{ po_number: string; line_no: number; order_date: string | null; ordered_each: number; uom: string | null; case_size: number | null; unit_cost_e4: number | null; currency: string }>),
  n('SELECT count(*) AS n FROM po_line WHERE asin = ?')).map((r) => ({
    poNumber: r.po_number, lineNo: r.line_no, orderDate: r.order_date, orderedEach: r.ordered_each, uom: r.uom, caseSize: r.case_size, unitCostE4: r.unit_cost_e4, currency: r.currency,
  }));

  const asnLines = capped('asnLines', (db.prepare(`SELECT s.shipment_id, coalesce(s.shipped_date, s.shipment_date) AS shipped, sl.line_no, sl.po_number, sl.container_id,
      c.type AS container_type, c.parent_id, sl.qty_each, sl.uom, sl.case_size
    FROM shipment_line sl JOIN shipment s ON s.id = sl.shipment_ref
    LEFT JOIN shipment_carton c ON c.shipment_ref = sl.shipment_ref AND c.container_id = sl.container_id
    WHERE sl.asin = ? ORDER BY shipped DESC, s.shipment_id, sl.line_no LIMIT ?`).all(asin, limit + 1) as Array<{
    shipment_id: string; shipped: string | null; line_no: number; po_number: string | null; container_id: string | null; container_type: string | null;
    parent_id: string | null; qty_each: number; uom: string | null; case_size: number | null;
  }>), n('SELECT count(*) AS n FROM shipment_line WHERE asin = ?')).map((r) => ({
    shipmentId: r.shipment_id, shippedDate: r.shipped, lineNo: r.line_no, poNumber: r.po_number, containerId: r.container_id, containerType: r.container_type,
    parentId: r.parent_id, qtyEach: r.qty_each, uom: r.uom, caseSize: r.case_size,
  }));

  const receipts = capped('receipts', (db.prepare(`SELECT po_number, line_no, receive_date, qty_each, mode, fc, status FROM receipt WHERE asin = ?
    ORDER BY receive_date DESC, po_number, id LIMIT ?`).all(asin, limit + 1) as Array<{
    po_number: string; line_no: number | null; receive_date: string | null; qty_each: number; mode: string; fc: string | null; status: string | null;
  }>), n('SELECT count(*) AS n FROM receipt WHERE asin = ?')).map((r) => ({
    poNumber: r.po_number, lineNo: r.line_no, receiveDate: r.receive_date, qtyEach: r.qty_each, mode: r.mode, fc: r.fc, status: r.status,
  }));

  const invoiceLines = capped('invoiceLines', (db.prepare(`SELECT i.invoice_number, i.invoice_date, il.line_no, coalesce(il.po_number, i.po_number) AS po_number,
      il.qty_each, il.unit_cost_e4, il.amount_cents, i.currency
    FROM invoice_line il JOIN invoice i ON i.id = il.invoice_id WHERE il.asin = ? ORDER BY i.invoice_date DESC, i.invoice_number, il.line_no LIMIT ?`)
    .all(asin, limit + 1) as Array<{ invoice_number: string; invoice_date: string | null; line_no: number; po_number: string | null; qty_each: number; unit_cost_e4: number; amount_cents: number; currency: string }>),
  n('SELECT count(*) AS n FROM invoice_line WHERE asin = ?')).map((r) => ({
    invoiceNumber: r.invoice_number, invoiceDate: r.invoice_date, lineNo: r.line_no, poNumber: r.po_number, qtyEach: r.qty_each, unitCostE4: r.unit_cost_e4,
    amountCents: r.amount_cents, currency: r.currency,
  }));

  // Payments and claims name invoices, not items: the remittance lines of every invoice carrying the ASIN.
  const keys = `SELECT i.invoice_key FROM invoice_line il JOIN invoice i ON i.id = il.invoice_id WHERE il.asin = ?`;
  const remitWhere = `rl.root_key IN (${keys}) OR rl.root_key IN (SELECT invoice_key || 'R' FROM (${keys}))`;
  const remitLines = capped('remitLines', (db.prepare(`SELECT ${REMIT_COLUMNS} FROM remit_line rl LEFT JOIN payment p ON p.payment_number = rl.payment_number
    WHERE ${remitWhere} ORDER BY coalesce(p.payment_date, '9999-12-31') DESC, rl.id LIMIT ?`).all(asin, asin, limit + 1) as RemitRow[]),
  () => (db.prepare(`SELECT count(*) AS n FROM remit_line rl WHERE ${remitWhere}`).get(asin, asin) as { n: number }).n).map(remitDto);

  const findingsPage = listFindings(db, { asin }, 'amount', { limit: Math.min(limit, FINDINGS_PER_DOCUMENT) });
  if (findingsPage.total > findingsPage.items.length) truncated.findings = findingsPage.total;

  return { asin, byPo: asinByPo(db, asin), poLines, asnLines, receipts, invoiceLines, remitLines, findings: findingsPage.items.map(findingDto), truncated };
}

/** Units ordered, shipped, received and invoiced per PO — aggregated over every row, not just the ones shown. */
function asinByPo(db: Db, asin: string): AsinPoSummaryDto[] {
  const by = new Map<string, AsinPoSummaryDto>();
  const get = (po: string) => {
    let s = by.get(po);
    if (!s) by.set(po, (s = { poNumber: po, ordered: 0, shipped: 0, received: 0, invoiced: 0, invoicedCents: 0, currency: null }));
    return s;
  };
  for (const r of db.prepare('SELECT po_number AS po, sum(ordered_each) AS q FROM po_line WHERE asin = ? GROUP BY po_number').all(asin) as Array<{ po: string; q: number }>) get(r.po).ordered = r.q;
  for (const r of db.prepare('SELECT po_number AS po, sum(qty_each) AS q FROM shipment_line WHERE asin = ? AND po_number IS NOT NULL GROUP BY po_number').all(asin) as Array<{ po: string; q: number }>) get(r.po).shipped = r.q;
  // Receipts as reconcile counts them: snapshot rows are cumulative (latest per PO line wins), event rows add up.
  for (const r of db.prepare(`WITH r AS (SELECT po_number, coalesce(line_no, -1) AS ln, qty_each, receive_date, mode, id FROM receipt WHERE asin = ?),
      snap AS (SELECT po_number, sum(qty_each) AS q FROM (SELECT po_number, qty_each,
        row_number() OVER (PARTITION BY po_number, ln ORDER BY coalesce(receive_date, '') DESC, qty_each DESC, id DESC) AS rn FROM r WHERE mode = 'snapshot')
        WHERE rn = 1 GROUP BY po_number),
      ev AS (SELECT po_number, sum(qty_each) AS q FROM r WHERE mode = 'event' GROUP BY po_number)
    SELECT po_number AS po, max(coalesce((SELECT q FROM snap WHERE snap.po_number = x.po_number), 0), coalesce((SELECT q FROM ev WHERE ev.po_number = x.po_number), 0)) AS q
    FROM (SELECT DISTINCT po_number FROM r) x`).all(asin) as Array<{ po: string; q: number }>) get(r.po).received = r.q;
  for (const r of db.prepare(`SELECT coalesce(il.po_number, i.po_number) AS po, sum(il.qty_each) AS q, sum(il.amount_cents) AS amt, min(i.currency) AS cur
    FROM invoice_line il JOIN invoice i ON i.id = il.invoice_id WHERE il.asin = ? AND i.invoice_type = 'invoice' AND coalesce(il.po_number, i.po_number) IS NOT NULL
    GROUP BY 1`).all(asin) as Array<{ po: string; q: number; amt: number; cur: string }>) {
    const s = get(r.po);
    s.invoiced = r.q;
    s.invoicedCents = r.amt;
    s.currency = r.cur;
  }
  return [...by.values()].sort((a, b) => (a.poNumber < b.poNumber ? -1 : a.poNumber > b.poNumber ? 1 : 0));
}

// ---- audit log --------------------------------------------------------------------------------

export function auditPage(db: Db, filter: AuditFilterDto, page: Paging): AuditPageDto {
  const f = {
    ...(filter.action ? { action: filter.action } : {}),
    ...(filter.actor ? { actor: filter.actor } : {}),
    ...(filter.entity ? { entity: filter.entity } : {}),
    ...(filter.entityId ? { entityId: filter.entityId } : {}),
  };
  const rows = listAudit(db, { ...f, limit: page.limit, offset: page.offset });
  const where: string[] = [];
  const args: unknown[] = [];
  if (f.entity) { where.push('entity = ?'); args.push(f.entity); }
  if (f.entityId) { where.push('entity_id = ?'); args.push(f.entityId); }
  if (f.action) { where.push('action = ?'); args.push(f.action); }
  if (f.actor) { where.push('actor = ?'); args.push(f.actor); }
  const total = (db.prepare(`SELECT count(*) AS n FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`).get(...args) as { n: number }).n;
  const distinct = (col: string) => (db.prepare(`SELECT DISTINCT ${col} AS v FROM audit_log WHERE ${col} IS NOT NULL ORDER BY 1 LIMIT 500`).all() as Array<{ v: string }>).map((r) => r.v);
  return {
    items: rows.map((r) => ({ id: r.id, at: r.at, actor: r.actor, action: r.action, entity: r.entity, entityId: r.entityId, before: r.before, after: r.after, hash: r.hash })),
    total,
    actions: distinct('action'),
    actors: distinct('actor'),
    entities: distinct('entity'),
  };
}

export const verifyAudit = verifyAuditChain;

// ---- settings ---------------------------------------------------------------------------------

export function deadlineRules(db: Db): DeadlineRuleDto[] {
  return listRules(db).map((r) => ({
    id: r.id!, kind: r.kind, base: r.base, days: r.days, warnDays: r.warnDays, months: r.months, effectiveFrom: r.effectiveFrom, note: r.note,
  }));
}

export function profileList(db: Db): ProfileDto[] {
  return loadProfiles(db).map((p) => {
    const fields = new Map<string, Set<string>>();
    const add = (field: string, headers: readonly string[]) => {
      const s = fields.get(field) ?? new Set<string>();
      for (const h of headers) s.add(h);
      fields.set(field, s);
    };
    for (const [field, header] of Object.entries(p.columns ?? {})) add(field, [header]);
    for (const [field, headers] of Object.entries(p.synonyms ?? {})) add(field, headers);
    return {
      id: p.id, name: p.name, target: p.target, builtin: p.builtin,
      fields: [...fields.entries()].map(([field, headers]) => ({ field, headers: [...headers] })),
      dateOrder: p.dateOrder ?? null, decimal: p.decimal ?? null, currency: p.currency ?? null,
    };
  });
}
