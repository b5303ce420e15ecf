// Schema 2: findings (recomputed by each reconcile run; ids are stable while a finding's key
// facts stay the same, so rows are upserted, never renumbered) and the dispute-deadline rules,
// kept as data because Amazon changes them.
import type Database from 'better-sqlite3';
import { DEFAULT_DEADLINE_RULES } from '../../core/match/deadlines';

export const sql = /* sql */ `
CREATE TABLE finding (
  id TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  severity TEXT NOT NULL CHECK (severity IN ('info', 'low', 'medium', 'high')),
  amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
  currency TEXT NOT NULL,
  invoice_number TEXT,
  claim_number TEXT,
  po_number TEXT,
  asin TEXT,
  payment_number TEXT,
  shipment_id TEXT,
  vendor_code TEXT,
  dispute_by TEXT,
  doc_date TEXT,
  explanation TEXT NOT NULL,
  evidence TEXT NOT NULL,
  details TEXT,
  run_id INTEGER NOT NULL,
  -- the matched item when no ASIN is known (SKU:…, UPC:…, EAN:…); the ASIN otherwise
  item_key TEXT,
  -- the run that first raised this finding (kept across re-runs while the id holds)
  first_run_id INTEGER
) STRICT;
-- Worklist orders, each with the id as tie-break so keyset paging is exact.
CREATE INDEX finding_amount ON finding(amount_cents DESC, id);
CREATE INDEX finding_type ON finding(type, amount_cents DESC, id);
CREATE INDEX finding_dispute_by ON finding(dispute_by, id);
-- deadline order with undated findings last, as the worklist sorts it (an expression index)
CREATE INDEX finding_dispute_key ON finding(coalesce(dispute_by, '9999-12-31'), id);
-- the summary by type and currency reads only this index
CREATE INDEX finding_type_currency ON finding(type, currency, amount_cents);
CREATE INDEX finding_invoice ON finding(invoice_number);
CREATE INDEX finding_claim ON finding(claim_number);
CREATE INDEX finding_po_asin ON finding(po_number, asin);
CREATE INDEX finding_payment ON finding(payment_number);
CREATE INDEX finding_run ON finding(run_id);

CREATE TABLE reconcile_run (
  id INTEGER PRIMARY KEY,
  started_at INTEGER NOT NULL,
  finished_at INTEGER,
  as_of TEXT NOT NULL,
  findings INTEGER,
  amount_cents INTEGER,
  notes TEXT
) STRICT;

-- kind: chargeback | shortage_claim | price_claim | claim_hard_limit | unpaid_grace
-- days (+ months) counted from base (doc_date | due_date | invoice_date); warn_days: the end of the
-- "maturing" window. The rule for a document is the latest effective_from on or before its date.
CREATE TABLE deadline_rule (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  base TEXT NOT NULL CHECK (base IN ('doc_date', 'due_date', 'invoice_date')),
  days INTEGER NOT NULL,
  warn_days INTEGER,
  months INTEGER NOT NULL DEFAULT 0,
  effective_from TEXT NOT NULL,
  note TEXT,
  UNIQUE (kind, effective_from)
) STRICT;
`;

export function up(db: Database.Database): void {
  db.exec(sql);
  const insert = db.prepare('INSERT INTO deadline_rule (kind, base, days, warn_days, months, effective_from, note) VALUES (?, ?, ?, ?, ?, ?, ?)');
  for (const r of DEFAULT_DEADLINE_RULES) insert.run(r.kind, r.base, r.days, r.warnDays, r.months, r.effectiveFrom, r.note);
}
