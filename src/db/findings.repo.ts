// Findings, reconcile runs and deadline rules in the store. Findings are upserted by id so a
// finding that survives a re-run keeps its row (and whatever other tables hang off its id);
// findings a run no longer raises are removed. Listing pages by keyset on indexed orders, so the
// worklist can walk a million findings at constant cost per page.
import type { Db } from './open';
import type { Evidence, Finding, FindingDraft, FindingType, Severity } from '../core/match/types';
import type { DeadlineKind, DeadlineRule, DeadlineBase } from '../core/match/deadlines';

export interface StoredFinding extends Finding {
  vendor_code: string | null;
  item_key: string | null;
  doc_date: string | null;
  details: Record<string, unknown> | null;
  run_id: number;
  first_run_id: number | null;
}

interface FindingRow {
  id: string; type: string; severity: string; amount_cents: number; currency: string; invoice_number: string | null;
  claim_number: string | null; po_number: string | null; asin: string | null; payment_number: string | null; shipment_id: string | null;
  vendor_code: string | null; dispute_by: string | null; doc_date: string | null; explanation: string; evidence: string; details: string | null;
  run_id: number; item_key: string | null; first_run_id: number | null;
}

const COLUMNS = `id, type, severity, amount_cents, currency, invoice_number, claim_number, po_number, asin, payment_number, shipment_id,
  vendor_code, dispute_by, doc_date, explanation, evidence, details, run_id, item_key, first_run_id`;

/** The contract JSON of a stored finding: exactly the FINDINGS.md keys, in order. */
export function toFindingJson(r: Pick<FindingRow, keyof Finding> | StoredFinding): Finding {
  const evidence = typeof r.evidence === 'string' ? (JSON.parse(r.evidence) as Evidence[]) : r.evidence;
  return {
    id: r.id, type: r.type as FindingType, severity: r.severity as Severity, amount_cents: r.amount_cents, currency: r.currency,
    invoice_number: r.invoice_number, claim_number: r.claim_number, po_number: r.po_number, asin: r.asin,
    payment_number: r.payment_number, shipment_id: r.shipment_id, dispute_by: r.dispute_by, explanation: r.explanation, evidence,
  };
}

function fromRow(r: FindingRow): StoredFinding {
  return {
    ...toFindingJson(r), vendor_code: r.vendor_code, item_key: r.item_key, doc_date: r.doc_date,
    details: r.details ? (JSON.parse(r.details) as Record<string, unknown>) : null, run_id: r.run_id, first_run_id: r.first_run_id,
  };
}

export function startRun(db: Db, asOf: string, startedAt: number): number {
  return Number(db.prepare('INSERT INTO reconcile_run (started_at, as_of) VALUES (?, ?)').run(startedAt, asOf).lastInsertRowid);
}

export function finishRun(db: Db, runId: number, finishedAt: number, findings: number, amountCents: number, notes: string | null): void {
  db.prepare('UPDATE reconcile_run SET finished_at = ?, findings = ?, amount_cents = ?, notes = ? WHERE id = ?').run(finishedAt, findings, amountCents, notes, runId);
}

export interface RunRow {
  id: number; startedAt: number; finishedAt: number | null; asOf: string; findings: number | null; amountCents: number | null; notes: string | null;
}

export function lastRun(db: Db): RunRow | undefined {
  return db.prepare(`SELECT id, started_at AS startedAt, finished_at AS finishedAt, as_of AS asOf, findings, amount_cents AS amountCents, notes
    FROM reconcile_run WHERE finished_at IS NOT NULL ORDER BY id DESC LIMIT 1`).get() as RunRow | undefined;
}

/**
 * A run's findings on their way into the store: each batch is upserted (new ids inserted,
 * surviving ones refreshed, their first run kept); `finish` drops what the run no longer raised.
 */
export class FindingWriter {
  private readonly upsert;
  private readonly before: number;
  written = 0;
  amountCents = 0;

  constructor(private readonly db: Db, private readonly runId: number) {
    this.upsert = db.prepare(`INSERT INTO finding (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET type = excluded.type, severity = excluded.severity, amount_cents = excluded.amount_cents,
        currency = excluded.currency, invoice_number = excluded.invoice_number, claim_number = excluded.claim_number,
        po_number = excluded.po_number, asin = excluded.asin, payment_number = excluded.payment_number, shipment_id = excluded.shipment_id,
        vendor_code = excluded.vendor_code, dispute_by = excluded.dispute_by, doc_date = excluded.doc_date, explanation = excluded.explanation,
        evidence = excluded.evidence, details = excluded.details, run_id = excluded.run_id, item_key = excluded.item_key`);
    this.before = db.prepare('SELECT count(*) FROM finding').pluck().get() as number;
  }

  write(f: FindingDraft & { id: string }): void {
    this.upsert.run(f.id, f.type, f.severity, f.amount_cents, f.currency, f.invoice_number, f.claim_number, f.po_number, f.asin, f.payment_number,
      f.shipment_id, f.vendor_code ?? null, f.dispute_by, f.doc_date ?? null, f.explanation, JSON.stringify(f.evidence),
      f.details && Object.keys(f.details).length ? JSON.stringify(f.details) : null, this.runId, f.item_key ?? null, this.runId);
    this.written++;
    this.amountCents += f.amount_cents;
  }

  finish(): { inserted: number; kept: number; removed: number } {
    const removed = this.db.prepare('DELETE FROM finding WHERE run_id <> ?').run(this.runId).changes;
    const after = this.db.prepare('SELECT count(*) FROM finding').pluck().get() as number;
    const kept = this.before - removed;
    return { inserted: after - kept, kept, removed };
  }
}

/** Write one run's findings at once (see FindingWriter). */
export function writeFindings(db: Db, runId: number, findings: ReadonlyArray<FindingDraft & { id: string }>): { inserted: number; kept: number; removed: number } {
  const w = new FindingWriter(db, runId);
  for (const f of findings) w.write(f);
  return w.finish();
}

export function getFindingRow(db: Db, id: string): StoredFinding | undefined {
  const r = db.prepare(`SELECT ${COLUMNS} FROM finding WHERE id = ?`).get(id) as FindingRow | undefined;
  return r ? fromRow(r) : undefined;
}

export interface FindingFilter {
  types?: readonly string[];
  severities?: readonly string[];
  invoiceNumber?: string;
  claimNumber?: string;
  poNumber?: string;
  asin?: string;
  paymentNumber?: string;
  /** Only findings with a dispute deadline. */
  disputable?: boolean;
  currency?: string;
  /** Amount range in minor units, inclusive. */
  minCents?: number;
  maxCents?: number;
  /** The finding's vendor code, or that of its purchase order or invoice. */
  vendorCode?: string;
  /** Dispute deadline window relative to the last run's as-of; the service turns it into the dates below. */
  deadlineWindow?: DeadlineWindow;
  /** dispute_by on or after this ISO date (inclusive). */
  disputeByFrom?: string;
  /** dispute_by on or before this ISO date (inclusive). */
  disputeByTo?: string;
}

export type DeadlineWindow = 'overdue' | 'next7' | 'next14' | 'next30';

export type FindingSort = 'amount' | 'dispute_by' | 'type';

export interface FindingPage {
  limit: number;
  /** Opaque cursor from the previous page (keyset), or an offset for a jump. */
  after?: string | null;
  offset?: number;
}

export interface FindingList {
  items: StoredFinding[];
  total: number;
  nextCursor: string | null;
}

function where(filter: FindingFilter): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  const list = (col: string, vals: readonly string[] | undefined) => {
    if (!vals || vals.length === 0) return;
    parts.push(`${col} IN (${vals.map(() => '?').join(', ')})`);
    params.push(...vals);
  };
  list('type', filter.types);
  list('severity', filter.severities);
  const eq = (col: string, v: string | undefined) => {
    if (v === undefined) return;
    parts.push(`${col} = ?`);
    params.push(v);
  };
  eq('invoice_number', filter.invoiceNumber);
  eq('claim_number', filter.claimNumber);
  eq('po_number', filter.poNumber);
  eq('asin', filter.asin);
  eq('payment_number', filter.paymentNumber);
  eq('currency', filter.currency);
  if (filter.vendorCode !== undefined) {
    // Reconcile does not stamp every finding with a vendor code, so a finding also belongs to the
    // vendor code of its purchase order or invoice (both small tables; the subqueries run once).
    parts.push(`(vendor_code = ? OR po_number IN (SELECT po_number FROM purchase_order WHERE vendor_code = ?)
      OR invoice_number IN (SELECT invoice_number FROM invoice WHERE vendor_code = ?))`);
    params.push(filter.vendorCode, filter.vendorCode, filter.vendorCode);
  }
  if (filter.disputable) parts.push('dispute_by IS NOT NULL');
  const cmp = (sql: string, v: unknown) => {
    if (v === undefined) return;
    parts.push(sql);
    params.push(v);
  };
  cmp('amount_cents >= ?', filter.minCents);
  cmp('amount_cents <= ?', filter.maxCents);
  // Plain comparisons on dispute_by so the finding_dispute_by index serves the window.
  cmp('dispute_by >= ?', filter.disputeByFrom);
  cmp('dispute_by <= ?', filter.disputeByTo);
  return { sql: parts.length ? parts.join(' AND ') : '1', params };
}

const encode = (v: unknown[]) => Buffer.from(JSON.stringify(v)).toString('base64url');
function decode(c: string): unknown[] {
  try {
    const v = JSON.parse(Buffer.from(c, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v)) return v;
  } catch {
    // fall through
  }
  throw new Error('the page cursor is not valid (start from the first page)');
}

/** One page of findings in the given order; `total` counts all that match the filter. */
export function listFindingRows(db: Db, filter: FindingFilter, sort: FindingSort, page: FindingPage): FindingList {
  const w = where(filter);
  const limit = Math.max(1, Math.min(10_000, Math.floor(page.limit)));
  let order: string;
  let keyset = '';
  const kp: unknown[] = [];
  const cur = page.after ? decode(page.after) : null;
  if (sort === 'amount') {
    order = 'amount_cents DESC, id ASC';
    if (cur) { keyset = '(amount_cents < ? OR (amount_cents = ? AND id > ?))'; kp.push(cur[0], cur[0], cur[1]); }
  } else if (sort === 'type') {
    order = 'type ASC, amount_cents DESC, id ASC';
    if (cur) { keyset = '(type > ? OR (type = ? AND (amount_cents < ? OR (amount_cents = ? AND id > ?))))'; kp.push(cur[0], cur[0], cur[1], cur[1], cur[2]); }
  } else {
    // Deadlines soonest first; findings without one after all that have one.
    order = "coalesce(dispute_by, '9999-12-31') ASC, id ASC";
    if (cur) { keyset = "(coalesce(dispute_by, '9999-12-31') > ? OR (coalesce(dispute_by, '9999-12-31') = ? AND id > ?))"; kp.push(cur[0], cur[0], cur[1]); }
  }
  const cond = keyset ? `${w.sql} AND ${keyset}` : w.sql;
  const offset = !cur && page.offset ? Math.max(0, Math.floor(page.offset)) : 0;
  const rows = db.prepare(`SELECT ${COLUMNS} FROM finding WHERE ${cond} ORDER BY ${order} LIMIT ? OFFSET ?`).all(...w.params, ...kp, limit + 1, offset) as FindingRow[];
  const total = db.prepare(`SELECT count(*) FROM finding WHERE ${w.sql}`).pluck().get(...w.params) as number;
  const more = rows.length > limit;
  const items = rows.slice(0, limit).map(fromRow);
  const last = items[items.length - 1];
  let nextCursor: string | null = null;
  if (more && last) {
    nextCursor = sort === 'amount' ? encode([last.amount_cents, last.id])
      : sort === 'type' ? encode([last.type, last.amount_cents, last.id])
      : encode([last.dispute_by ?? '9999-12-31', last.id]);
  }
  return { items, total, nextCursor };
}

export function summaryByType(db: Db): Array<{ type: string; count: number; amountCents: number; currency: string }> {
  return db.prepare(`SELECT type, count(*) AS count, sum(amount_cents) AS amountCents, currency FROM finding
    GROUP BY type, currency ORDER BY sum(amount_cents) DESC, type`).all() as never;
}

// --- deadline rules ------------------------------------------------------------------------

interface RuleRow { id: number; kind: string; base: string; days: number; warn_days: number | null; months: number; effective_from: string; note: string | null }

export function listRules(db: Db): DeadlineRule[] {
  return (db.prepare('SELECT id, kind, base, days, warn_days, months, effective_from, note FROM deadline_rule ORDER BY kind, effective_from').all() as RuleRow[])
    .map((r) => ({ id: r.id, kind: r.kind as DeadlineKind, base: r.base as DeadlineBase, days: r.days, warnDays: r.warn_days, months: r.months, effectiveFrom: r.effective_from, note: r.note }));
}

/** Insert a rule, or replace the one of the same kind and effective date. */
export function saveRule(db: Db, r: DeadlineRule): number {
  const res = db.prepare(`INSERT INTO deadline_rule (kind, base, days, warn_days, months, effective_from, note) VALUES (?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (kind, effective_from) DO UPDATE SET base = excluded.base, days = excluded.days, warn_days = excluded.warn_days,
      months = excluded.months, note = excluded.note RETURNING id`).get(r.kind, r.base, r.days, r.warnDays, r.months, r.effectiveFrom, r.note) as { id: number };
  return res.id;
}

export function deleteRule(db: Db, id: number): boolean {
  return db.prepare('DELETE FROM deadline_rule WHERE id = ?').run(id).changes > 0;
}
