// Schema 3: the analyst's claims workflow. Findings are recomputed (their rows replaced) by every
// reconcile run, so a claim is keyed by the finding id (stable while the key facts stay the same)
// and keeps a snapshot of the finding's facts: its state survives recomputes, and a claim whose
// finding disappears is kept (finding_present = 0), never deleted.

export const sql = /* sql */ `
CREATE TABLE claim (
  id INTEGER PRIMARY KEY,
  finding_id TEXT NOT NULL UNIQUE,
  status TEXT NOT NULL CHECK (status IN ('open', 'to_dispute', 'disputed', 'approved', 'partially_approved', 'denied',
    're_disputed', 'written_off', 'wont_dispute')),
  case_id TEXT,
  approved_cents INTEGER CHECK (approved_cents IS NULL OR approved_cents >= 0),
  reason TEXT,
  type TEXT NOT NULL,
  currency TEXT NOT NULL,
  amount_cents INTEGER NOT NULL,
  invoice_number TEXT,
  claim_number TEXT,
  claim_key TEXT,
  po_number TEXT,
  asin TEXT,
  payment_number TEXT,
  shipment_id TEXT,
  vendor_code TEXT,
  dispute_by TEXT,
  doc_date TEXT,
  recovered_cents INTEGER NOT NULL DEFAULT 0,
  finding_present INTEGER NOT NULL DEFAULT 1 CHECK (finding_present IN (0, 1)),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  status_at INTEGER NOT NULL
) STRICT;
CREATE INDEX claim_status ON claim(status);
CREATE INDEX claim_claim_key ON claim(claim_key);
CREATE INDEX claim_invoice ON claim(invoice_number);
CREATE INDEX claim_dispute_by ON claim(dispute_by);

-- Dated movements of each claim (opened, status changes, recoveries, write-offs), so the
-- month-end roll-forward can be computed for any period.
CREATE TABLE claim_event (
  id INTEGER PRIMARY KEY,
  claim_id INTEGER NOT NULL REFERENCES claim(id) ON DELETE CASCADE,
  at INTEGER NOT NULL,
  day TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('opened', 'status', 'recovered', 'amount')),
  from_status TEXT,
  to_status TEXT,
  amount_cents INTEGER NOT NULL DEFAULT 0,
  actor TEXT NOT NULL
) STRICT;
CREATE INDEX claim_event_claim ON claim_event(claim_id);
CREATE INDEX claim_event_day ON claim_event(day);

CREATE TABLE claim_note (
  id INTEGER PRIMARY KEY,
  claim_id INTEGER NOT NULL REFERENCES claim(id) ON DELETE CASCADE,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  text TEXT NOT NULL
) STRICT;
CREATE INDEX claim_note_claim ON claim_note(claim_id);

-- Files the analyst holds as proof. The hash is computed from the file when it is registered, so
-- a pack can show the document was not changed since. The flags describe what the document shows
-- (they decide evidence completeness under Amazon's rules).
CREATE TABLE claim_evidence (
  id INTEGER PRIMARY KEY,
  claim_id INTEGER NOT NULL REFERENCES claim(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('bol', 'pod', 'carrier_tracking', 'asn_transmission', 'photo', 'other')),
  file_path TEXT NOT NULL,
  file_name TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  size_bytes INTEGER NOT NULL,
  po_number TEXT,
  shipment_id TEXT,
  bol TEXT,
  pro TEXT,
  description TEXT,
  signed_at_fc INTEGER NOT NULL DEFAULT 0 CHECK (signed_at_fc IN (0, 1)),
  carrier_signed INTEGER NOT NULL DEFAULT 0 CHECK (carrier_signed IN (0, 1)),
  shipper_load_count INTEGER NOT NULL DEFAULT 0 CHECK (shipper_load_count IN (0, 1)),
  shows_po INTEGER NOT NULL DEFAULT 0 CHECK (shows_po IN (0, 1)),
  shows_ship_to INTEGER NOT NULL DEFAULT 0 CHECK (shows_ship_to IN (0, 1)),
  added_at INTEGER NOT NULL,
  actor TEXT NOT NULL
) STRICT;
CREATE INDEX claim_evidence_claim ON claim_evidence(claim_id);

-- Money Amazon gave back against a claim: a later reversal (…SCR/…PCR) or credit on a remittance
-- line, identified by the line's natural key so an undone and re-imported batch links the same.
CREATE TABLE claim_recovery (
  id INTEGER PRIMARY KEY,
  claim_id INTEGER NOT NULL REFERENCES claim(id) ON DELETE CASCADE,
  payment_number TEXT NOT NULL,
  doc_number TEXT NOT NULL,
  slice INTEGER NOT NULL,
  payment_date TEXT,
  amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
  linked_at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  UNIQUE (claim_id, payment_number, doc_number, slice)
) STRICT;
CREATE INDEX claim_recovery_line ON claim_recovery(payment_number, doc_number, slice);
`;
