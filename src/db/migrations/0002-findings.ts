// Schema 2: findings (recomputed by each reconcile run; ids are stable while a finding's key
// facts stay the same) and the dispute-deadline rules, kept as data because Amazon changes them.

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
  run_id INTEGER NOT NULL
) STRICT;
CREATE INDEX finding_type ON finding(type, amount_cents DESC);
CREATE INDEX finding_amount ON finding(amount_cents DESC);
CREATE INDEX finding_dispute_by ON finding(dispute_by);
CREATE INDEX finding_invoice ON finding(invoice_number);
CREATE INDEX finding_claim ON finding(claim_number);
CREATE INDEX finding_po_asin ON finding(po_number, asin);
CREATE INDEX finding_payment ON finding(payment_number);

CREATE TABLE reconcile_run (
  id INTEGER PRIMARY KEY,
  started_at INTEGER NOT NULL,
  finished_at INTEGER,
  as_of TEXT NOT NULL,
  findings INTEGER,
  amount_cents INTEGER,
  notes TEXT
) STRICT;

-- kind: chargeback | shortage_claim | price_claim | unpaid_grace | hard_limit ...
-- days counted from base (doc_date | due_date | invoice_date); warn_days after that for "maturing".
CREATE TABLE deadline_rule (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  base TEXT NOT NULL,
  days INTEGER NOT NULL,
  warn_days INTEGER,
  effective_from TEXT NOT NULL,
  note TEXT,
  UNIQUE (kind, effective_from)
) STRICT;
`;
