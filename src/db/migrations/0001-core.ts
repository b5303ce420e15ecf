// Schema 1: import batches and rejects, the documents (payments and remittance lines, invoices,
// purchase orders and acknowledgements, shipments with cartons and lines, receipts), mapping
// profiles and the append-only, hash-chained audit log. Money in integer minor units, unit costs
// in ten-thousandths (`_e4`), quantities in eaches with the source unit and case size kept, days
// as ISO text, timestamps as epoch milliseconds.

export const sql = /* sql */ `
CREATE TABLE import_batch (
  id INTEGER PRIMARY KEY,
  file_name TEXT NOT NULL,
  file_path TEXT,
  sha256 TEXT NOT NULL UNIQUE,
  format TEXT NOT NULL,
  size_bytes INTEGER NOT NULL,
  imported_at INTEGER NOT NULL,
  rows_read INTEGER NOT NULL DEFAULT 0,
  rows_stored INTEGER NOT NULL DEFAULT 0,
  rows_duplicate INTEGER NOT NULL DEFAULT 0,
  rows_rejected INTEGER NOT NULL DEFAULT 0,
  profile TEXT,
  marketplace TEXT,
  notes TEXT
) STRICT;

CREATE TABLE import_reject (
  id INTEGER PRIMARY KEY,
  batch_id INTEGER NOT NULL REFERENCES import_batch(id) ON DELETE CASCADE,
  file_name TEXT NOT NULL,
  location TEXT NOT NULL,
  field TEXT,
  reason TEXT NOT NULL,
  raw TEXT
) STRICT;
CREATE INDEX import_reject_batch ON import_reject(batch_id);

CREATE TABLE payment (
  id INTEGER PRIMARY KEY,
  batch_id INTEGER NOT NULL REFERENCES import_batch(id) ON DELETE CASCADE,
  payment_number TEXT NOT NULL UNIQUE,
  payment_date TEXT,
  currency TEXT NOT NULL,
  amount_cents INTEGER NOT NULL,
  invoice_currency TEXT,
  amount_invoice_currency_cents INTEGER,
  exchange_rate TEXT,
  payment_type TEXT,
  status TEXT,
  voided_reason TEXT,
  method TEXT,
  payer TEXT,
  payee TEXT,
  vendor_code TEXT,
  hidden_lines INTEGER NOT NULL DEFAULT 0 CHECK (hidden_lines IN (0, 1)),
  source TEXT NOT NULL,
  location TEXT,
  raw TEXT
) STRICT;
CREATE INDEX payment_batch ON payment(batch_id);
CREATE INDEX payment_date ON payment(payment_date);

CREATE TABLE remit_line (
  id INTEGER PRIMARY KEY,
  batch_id INTEGER NOT NULL REFERENCES import_batch(id) ON DELETE CASCADE,
  payment_number TEXT NOT NULL,
  slice INTEGER NOT NULL,
  doc_number TEXT NOT NULL,
  doc_date TEXT,
  description TEXT,
  family TEXT NOT NULL,
  root_invoice TEXT,
  root_key TEXT,
  suffix_chain TEXT,
  is_reversal INTEGER NOT NULL CHECK (is_reversal IN (0, 1)),
  classify_reason TEXT,
  currency TEXT NOT NULL,
  invoice_amount_cents INTEGER NOT NULL,
  withholding_cents INTEGER NOT NULL DEFAULT 0,
  discount_cents INTEGER NOT NULL DEFAULT 0,
  paid_cents INTEGER NOT NULL,
  remaining_cents INTEGER,
  transaction_type TEXT,
  reference TEXT,
  original_invoice TEXT,
  reason_code TEXT,
  po_number TEXT,
  source TEXT NOT NULL,
  location TEXT,
  raw TEXT,
  UNIQUE (payment_number, doc_number, slice)
) STRICT;
CREATE INDEX remit_line_batch ON remit_line(batch_id);
CREATE INDEX remit_line_doc ON remit_line(doc_number);
CREATE INDEX remit_line_root ON remit_line(root_key);
CREATE INDEX remit_line_family ON remit_line(family);

CREATE TABLE invoice (
  id INTEGER PRIMARY KEY,
  batch_id INTEGER NOT NULL REFERENCES import_batch(id) ON DELETE CASCADE,
  invoice_number TEXT NOT NULL UNIQUE,
  invoice_key TEXT NOT NULL,
  invoice_type TEXT NOT NULL CHECK (invoice_type IN ('invoice', 'credit_note')),
  invoice_date TEXT,
  due_date TEXT,
  discount_percent_bp INTEGER,
  discount_days INTEGER,
  discount_date TEXT,
  net_days INTEGER,
  terms TEXT,
  currency TEXT NOT NULL,
  total_cents INTEGER NOT NULL,
  vendor_code TEXT,
  remit_to TEXT,
  ship_to TEXT,
  ship_from TEXT,
  po_number TEXT,
  status TEXT,
  content_sha256 TEXT NOT NULL,
  source TEXT NOT NULL,
  location TEXT,
  raw TEXT
) STRICT;
CREATE INDEX invoice_batch ON invoice(batch_id);
CREATE INDEX invoice_key ON invoice(invoice_key);
CREATE INDEX invoice_due ON invoice(due_date);

CREATE TABLE invoice_line (
  id INTEGER PRIMARY KEY,
  batch_id INTEGER NOT NULL REFERENCES import_batch(id) ON DELETE CASCADE,
  invoice_id INTEGER NOT NULL REFERENCES invoice(id) ON DELETE CASCADE,
  line_no INTEGER NOT NULL,
  po_number TEXT,
  asin TEXT,
  vendor_sku TEXT,
  upc TEXT,
  ean TEXT,
  qty_each INTEGER NOT NULL,
  uom TEXT,
  qty_uom INTEGER NOT NULL,
  case_size INTEGER,
  unit_cost_e4 INTEGER NOT NULL,
  amount_cents INTEGER NOT NULL,
  raw TEXT,
  UNIQUE (invoice_id, line_no)
) STRICT;
CREATE INDEX invoice_line_batch ON invoice_line(batch_id);
CREATE INDEX invoice_line_po_asin ON invoice_line(po_number, asin);

CREATE TABLE invoice_charge (
  id INTEGER PRIMARY KEY,
  batch_id INTEGER NOT NULL REFERENCES import_batch(id) ON DELETE CASCADE,
  invoice_id INTEGER NOT NULL REFERENCES invoice(id) ON DELETE CASCADE,
  type TEXT NOT NULL CHECK (type IN ('allowance', 'charge')),
  code TEXT,
  description TEXT,
  amount_cents INTEGER NOT NULL
) STRICT;
CREATE INDEX invoice_charge_invoice ON invoice_charge(invoice_id);
CREATE INDEX invoice_charge_batch ON invoice_charge(batch_id);

CREATE TABLE purchase_order (
  id INTEGER PRIMARY KEY,
  batch_id INTEGER NOT NULL REFERENCES import_batch(id) ON DELETE CASCADE,
  po_number TEXT NOT NULL UNIQUE,
  order_date TEXT,
  vendor_code TEXT,
  ship_to TEXT,
  window_start TEXT,
  window_end TEXT,
  state TEXT,
  currency TEXT NOT NULL,
  source TEXT NOT NULL,
  location TEXT,
  raw TEXT
) STRICT;
CREATE INDEX purchase_order_batch ON purchase_order(batch_id);

CREATE TABLE po_line (
  id INTEGER PRIMARY KEY,
  batch_id INTEGER NOT NULL REFERENCES import_batch(id) ON DELETE CASCADE,
  po_id INTEGER NOT NULL REFERENCES purchase_order(id) ON DELETE CASCADE,
  po_number TEXT NOT NULL,
  line_no INTEGER NOT NULL,
  asin TEXT,
  vendor_sku TEXT,
  upc TEXT,
  ean TEXT,
  ordered_each INTEGER NOT NULL,
  uom TEXT,
  qty_uom INTEGER NOT NULL,
  case_size INTEGER,
  unit_cost_e4 INTEGER,
  raw TEXT,
  UNIQUE (po_id, line_no)
) STRICT;
CREATE INDEX po_line_batch ON po_line(batch_id);
CREATE INDEX po_line_po_asin ON po_line(po_number, asin);

CREATE TABLE po_ack (
  id INTEGER PRIMARY KEY,
  batch_id INTEGER NOT NULL REFERENCES import_batch(id) ON DELETE CASCADE,
  po_number TEXT NOT NULL,
  line_no INTEGER,
  asin TEXT,
  vendor_sku TEXT,
  upc TEXT,
  ean TEXT,
  status TEXT NOT NULL,
  qty_each INTEGER NOT NULL,
  uom TEXT,
  qty_uom INTEGER NOT NULL,
  case_size INTEGER,
  unit_cost_e4 INTEGER,
  ack_date TEXT,
  natural_key TEXT NOT NULL UNIQUE,
  source TEXT NOT NULL,
  location TEXT,
  raw TEXT
) STRICT;
CREATE INDEX po_ack_batch ON po_ack(batch_id);
CREATE INDEX po_ack_po_asin ON po_ack(po_number, asin);

CREATE TABLE shipment (
  id INTEGER PRIMARY KEY,
  batch_id INTEGER NOT NULL REFERENCES import_batch(id) ON DELETE CASCADE,
  shipment_id TEXT NOT NULL UNIQUE,
  shipment_date TEXT,
  shipped_date TEXT,
  delivery_date TEXT,
  carrier_scac TEXT,
  bol TEXT,
  pro TEXT,
  arn TEXT,
  ship_from TEXT,
  ship_to TEXT,
  vendor_code TEXT,
  shipment_type TEXT,
  freight_terms TEXT,
  source TEXT NOT NULL,
  location TEXT,
  raw TEXT
) STRICT;
CREATE INDEX shipment_batch ON shipment(batch_id);

CREATE TABLE shipment_carton (
  id INTEGER PRIMARY KEY,
  batch_id INTEGER NOT NULL REFERENCES import_batch(id) ON DELETE CASCADE,
  shipment_ref INTEGER NOT NULL REFERENCES shipment(id) ON DELETE CASCADE,
  container_id TEXT NOT NULL,
  id_type TEXT,
  type TEXT NOT NULL CHECK (type IN ('carton', 'pallet')),
  parent_id TEXT,
  tracking_number TEXT,
  UNIQUE (shipment_ref, container_id)
) STRICT;
CREATE INDEX shipment_carton_batch ON shipment_carton(batch_id);
CREATE INDEX shipment_carton_sscc ON shipment_carton(container_id);

CREATE TABLE shipment_line (
  id INTEGER PRIMARY KEY,
  batch_id INTEGER NOT NULL REFERENCES import_batch(id) ON DELETE CASCADE,
  shipment_ref INTEGER NOT NULL REFERENCES shipment(id) ON DELETE CASCADE,
  line_no INTEGER NOT NULL,
  container_id TEXT,
  po_number TEXT,
  asin TEXT,
  vendor_sku TEXT,
  upc TEXT,
  ean TEXT,
  qty_each INTEGER NOT NULL,
  uom TEXT,
  qty_uom INTEGER NOT NULL,
  case_size INTEGER,
  raw TEXT,
  UNIQUE (shipment_ref, line_no)
) STRICT;
CREATE INDEX shipment_line_batch ON shipment_line(batch_id);
CREATE INDEX shipment_line_po_asin ON shipment_line(po_number, asin);

CREATE TABLE receipt (
  id INTEGER PRIMARY KEY,
  batch_id INTEGER NOT NULL REFERENCES import_batch(id) ON DELETE CASCADE,
  po_number TEXT NOT NULL,
  line_no INTEGER,
  asin TEXT,
  vendor_sku TEXT,
  upc TEXT,
  ean TEXT,
  qty_each INTEGER NOT NULL,
  uom TEXT,
  qty_uom INTEGER NOT NULL,
  case_size INTEGER,
  receive_date TEXT,
  mode TEXT NOT NULL CHECK (mode IN ('snapshot', 'event')),
  fc TEXT,
  status TEXT,
  natural_key TEXT NOT NULL UNIQUE,
  source TEXT NOT NULL,
  location TEXT,
  raw TEXT
) STRICT;
CREATE INDEX receipt_batch ON receipt(batch_id);
CREATE INDEX receipt_po_asin ON receipt(po_number, asin);

-- Column mappings for CSV/XLSX registers: built-in profiles are seeded by the app; analysts can
-- save their own for layouts Recoup does not know.
CREATE TABLE mapping_profile (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  target TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  definition TEXT NOT NULL,
  builtin INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX mapping_profile_fingerprint ON mapping_profile(fingerprint);

-- Append-only: every user action, with the hash of the previous entry so tampering shows.
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT,
  entity_id TEXT,
  before TEXT,
  after TEXT,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
) STRICT;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

CREATE TABLE app_setting (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
`;
