// Queries for the claims workflow (schema 3) and the documents a dispute pack cites. Writes are
// plain statements; the service wraps each change and its audit entry in one transaction.
import type { Db } from './open';

export type ClaimStatus =
  | 'open' | 'to_dispute' | 'disputed' | 'approved' | 'partially_approved' | 'denied' | 're_disputed' | 'written_off' | 'wont_dispute';

export interface FindingRow {
  id: string;
  type: string;
  severity: string;
  amount_cents: number;
  currency: string;
  invoice_number: string | null;
  claim_number: string | null;
  po_number: string | null;
  asin: string | null;
  payment_number: string | null;
  shipment_id: string | null;
  vendor_code: string | null;
  dispute_by: string | null;
  doc_date: string | null;
  explanation: string;
  evidence: string;
  details: string | null;
  run_id: number;
}

export interface ClaimRow {
  id: number;
  findingId: string;
  status: ClaimStatus;
  caseId: string | null;
  approvedCents: number | null;
  reason: string | null;
  type: string;
  currency: string;
  amountCents: number;
  invoiceNumber: string | null;
  claimNumber: string | null;
  claimKey: string | null;
  poNumber: string | null;
  asin: string | null;
  paymentNumber: string | null;
  shipmentId: string | null;
  vendorCode: string | null;
  disputeBy: string | null;
  docDate: string | null;
  recoveredCents: number;
  findingPresent: boolean;
  createdAt: number;
  updatedAt: number;
  statusAt: number;
}

const CLAIM_COLS = `c.id, c.finding_id AS findingId, c.status, c.case_id AS caseId, c.approved_cents AS approvedCents, c.reason, c.type,
  c.currency, c.amount_cents AS amountCents, c.invoice_number AS invoiceNumber, c.claim_number AS claimNumber, c.claim_key AS claimKey,
  c.po_number AS poNumber, c.asin, c.payment_number AS paymentNumber, c.shipment_id AS shipmentId, c.vendor_code AS vendorCode,
  c.dispute_by AS disputeBy, c.doc_date AS docDate, c.recovered_cents AS recoveredCents, c.finding_present AS findingPresent,
  c.created_at AS createdAt, c.updated_at AS updatedAt, c.status_at AS statusAt`;

const toClaim = (r: Record<string, unknown> | undefined): ClaimRow | undefined =>
  r ? ({ ...(r as unknown as ClaimRow), findingPresent: r.findingPresent === 1 }) : undefined;

export function claimById(db: Db, id: number): ClaimRow | undefined {
  return toClaim(db.prepare(`SELECT ${CLAIM_COLS} FROM claim c WHERE c.id = ?`).get(id) as Record<string, unknown> | undefined);
}

export function claimByFinding(db: Db, findingId: string): ClaimRow | undefined {
  return toClaim(db.prepare(`SELECT ${CLAIM_COLS} FROM claim c WHERE c.finding_id = ?`).get(findingId) as Record<string, unknown> | undefined);
}

export interface ClaimQuery {
  statuses?: readonly ClaimStatus[];
  types?: readonly string[];
  claimNumber?: string;
  invoiceNumber?: string;
  ids?: readonly number[];
  search?: string;
  limit?: number;
  offset?: number;
}

export function queryClaims(db: Db, q: ClaimQuery = {}): ClaimRow[] {
  const where: string[] = [];
  const args: unknown[] = [];
  const inList = (col: string, values: readonly unknown[]) => {
    where.push(`${col} IN (${values.map(() => '?').join(', ')})`);
    args.push(...values);
  };
  if (q.statuses?.length) inList('c.status', q.statuses);
  if (q.types?.length) inList('c.type', q.types);
  if (q.ids?.length) inList('c.id', q.ids);
  if (q.claimNumber) { where.push('(c.claim_key = ? OR c.claim_number = ?)'); args.push(docKey(q.claimNumber), q.claimNumber); }
  if (q.invoiceNumber) { where.push('c.invoice_number = ?'); args.push(q.invoiceNumber); }
  if (q.search) {
    where.push('(c.claim_number LIKE ? OR c.invoice_number LIKE ? OR c.po_number LIKE ? OR c.asin LIKE ? OR c.case_id LIKE ?)');
    const like = `%${q.search.replace(/[%_]/g, '')}%`;
    args.push(like, like, like, like, like);
  }
  const sql = `SELECT ${CLAIM_COLS} FROM claim c ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY c.dispute_by IS NULL, c.dispute_by, c.amount_cents DESC, c.id LIMIT ? OFFSET ?`;
  return (db.prepare(sql).all(...args, q.limit ?? 100_000, q.offset ?? 0) as Record<string, unknown>[]).map((r) => toClaim(r)!);
}

/** Iterate claims without holding them all (exports). */
export function* iterateClaims(db: Db, statuses: readonly ClaimStatus[]): Generator<ClaimRow> {
  const sql = `SELECT ${CLAIM_COLS} FROM claim c WHERE c.status IN (${statuses.map(() => '?').join(', ')}) ORDER BY c.vendor_code, c.claim_number, c.invoice_number, c.id`;
  for (const r of db.prepare(sql).iterate(...statuses) as IterableIterator<Record<string, unknown>>) yield toClaim(r)!;
}

/** Upper-cased, separators dropped: how claim and document numbers are compared. */
export function docKey(doc: string): string {
  return doc.toUpperCase().replace(/[\s/_.\-#]/g, '');
}

export interface NewClaim {
  findingId: string;
  f: FindingRow;
  at: number;
}

export function insertClaim(db: Db, n: NewClaim): number {
  const f = n.f;
  return Number(db.prepare(`INSERT INTO claim (finding_id, status, type, currency, amount_cents, invoice_number, claim_number, claim_key,
    po_number, asin, payment_number, shipment_id, vendor_code, dispute_by, doc_date, created_at, updated_at, status_at)
    VALUES (?, 'open', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(n.findingId, f.type, f.currency, f.amount_cents, f.invoice_number,
    f.claim_number, f.claim_number ? docKey(f.claim_number) : null, f.po_number, f.asin, f.payment_number, f.shipment_id, f.vendor_code,
    f.dispute_by, f.doc_date, n.at, n.at, n.at).lastInsertRowid);
}

export function refreshSnapshot(db: Db, id: number, f: FindingRow, amountCents: number, at: number): void {
  db.prepare(`UPDATE claim SET type = ?, currency = ?, amount_cents = ?, invoice_number = ?, claim_number = ?, claim_key = ?, po_number = ?,
    asin = ?, payment_number = ?, shipment_id = ?, vendor_code = ?, dispute_by = ?, doc_date = ?, finding_present = 1, updated_at = ?
    WHERE id = ?`).run(f.type, f.currency, amountCents, f.invoice_number, f.claim_number, f.claim_number ? docKey(f.claim_number) : null,
    f.po_number, f.asin, f.payment_number, f.shipment_id, f.vendor_code, f.dispute_by, f.doc_date, at, id);
}

export function setFindingPresent(db: Db, id: number, present: boolean, at: number): void {
  db.prepare('UPDATE claim SET finding_present = ?, updated_at = ? WHERE id = ?').run(present ? 1 : 0, at, id);
}

export function updateStatus(db: Db, id: number, s: { status: ClaimStatus; caseId: string | null; approvedCents: number | null; reason: string | null }, at: number): void {
  db.prepare('UPDATE claim SET status = ?, case_id = ?, approved_cents = ?, reason = ?, updated_at = ?, status_at = ? WHERE id = ?')
    .run(s.status, s.caseId, s.approvedCents, s.reason, at, at, id);
}

export function setAmount(db: Db, id: number, cents: number, at: number): void {
  db.prepare('UPDATE claim SET amount_cents = ?, updated_at = ? WHERE id = ?').run(cents, at, id);
}

export function addRecovered(db: Db, id: number, cents: number, at: number): void {
  db.prepare('UPDATE claim SET recovered_cents = recovered_cents + ?, updated_at = ? WHERE id = ?').run(cents, at, id);
}

export interface ClaimEvent {
  claimId: number;
  at: number;
  day: string;
  kind: 'opened' | 'status' | 'recovered' | 'amount';
  fromStatus?: string | null;
  toStatus?: string | null;
  amountCents?: number;
  actor: string;
}

export function insertEvent(db: Db, e: ClaimEvent): void {
  db.prepare('INSERT INTO claim_event (claim_id, at, day, kind, from_status, to_status, amount_cents, actor) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    .run(e.claimId, e.at, e.day, e.kind, e.fromStatus ?? null, e.toStatus ?? null, e.amountCents ?? 0, e.actor);
}

export interface NoteRow { id: number; claimId: number; at: number; actor: string; text: string }

export function insertNote(db: Db, claimId: number, at: number, actor: string, text: string): NoteRow {
  const id = Number(db.prepare('INSERT INTO claim_note (claim_id, at, actor, text) VALUES (?, ?, ?, ?)').run(claimId, at, actor, text).lastInsertRowid);
  return { id, claimId, at, actor, text };
}

export function notesOf(db: Db, claimId: number): NoteRow[] {
  return db.prepare('SELECT id, claim_id AS claimId, at, actor, text FROM claim_note WHERE claim_id = ? ORDER BY id').all(claimId) as NoteRow[];
}

export type EvidenceKind = 'bol' | 'pod' | 'carrier_tracking' | 'asn_transmission' | 'photo' | 'other';

export interface EvidenceRow {
  id: number;
  claimId: number;
  kind: EvidenceKind;
  filePath: string;
  fileName: string;
  sha256: string;
  sizeBytes: number;
  poNumber: string | null;
  shipmentId: string | null;
  bol: string | null;
  pro: string | null;
  description: string | null;
  signedAtFc: boolean;
  carrierSigned: boolean;
  shipperLoadCount: boolean;
  showsPo: boolean;
  showsShipTo: boolean;
  addedAt: number;
  actor: string;
}

export function insertEvidence(db: Db, e: Omit<EvidenceRow, 'id'>): number {
  return Number(db.prepare(`INSERT INTO claim_evidence (claim_id, kind, file_path, file_name, sha256, size_bytes, po_number, shipment_id, bol, pro,
    description, signed_at_fc, carrier_signed, shipper_load_count, shows_po, shows_ship_to, added_at, actor)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(e.claimId, e.kind, e.filePath, e.fileName, e.sha256, e.sizeBytes,
    e.poNumber, e.shipmentId, e.bol, e.pro, e.description, e.signedAtFc ? 1 : 0, e.carrierSigned ? 1 : 0, e.shipperLoadCount ? 1 : 0,
    e.showsPo ? 1 : 0, e.showsShipTo ? 1 : 0, e.addedAt, e.actor).lastInsertRowid);
}

export function evidenceOf(db: Db, claimId: number): EvidenceRow[] {
  const rows = db.prepare(`SELECT id, claim_id AS claimId, kind, file_path AS filePath, file_name AS fileName, sha256, size_bytes AS sizeBytes,
    po_number AS poNumber, shipment_id AS shipmentId, bol, pro, description, signed_at_fc AS signedAtFc, carrier_signed AS carrierSigned,
    shipper_load_count AS shipperLoadCount, shows_po AS showsPo, shows_ship_to AS showsShipTo, added_at AS addedAt, actor
    FROM claim_evidence WHERE claim_id = ? ORDER BY id`).all(claimId) as Array<Record<string, unknown>>;
  return rows.map((r) => ({
    ...(r as unknown as EvidenceRow),
    signedAtFc: r.signedAtFc === 1, carrierSigned: r.carrierSigned === 1, shipperLoadCount: r.shipperLoadCount === 1,
    showsPo: r.showsPo === 1, showsShipTo: r.showsShipTo === 1,
  }));
}

export interface RecoveryRow {
  id: number;
  claimId: number;
  paymentNumber: string;
  docNumber: string;
  slice: number;
  paymentDate: string | null;
  amountCents: number;
  linkedAt: number;
  actor: string;
}

export function recoveriesOf(db: Db, claimId: number): RecoveryRow[] {
  return db.prepare(`SELECT id, claim_id AS claimId, payment_number AS paymentNumber, doc_number AS docNumber, slice, payment_date AS paymentDate,
    amount_cents AS amountCents, linked_at AS linkedAt, actor FROM claim_recovery WHERE claim_id = ? ORDER BY id`).all(claimId) as RecoveryRow[];
}

export function insertRecovery(db: Db, r: Omit<RecoveryRow, 'id'>): number {
  return Number(db.prepare(`INSERT INTO claim_recovery (claim_id, payment_number, doc_number, slice, payment_date, amount_cents, linked_at, actor)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(r.claimId, r.paymentNumber, r.docNumber, r.slice, r.paymentDate, r.amountCents, r.linkedAt, r.actor).lastInsertRowid);
}

/** Cents of a remittance line already allocated to claims. */
export function allocatedOfLine(db: Db, paymentNumber: string, docNumber: string, slice: number): number {
  const r = db.prepare('SELECT COALESCE(SUM(amount_cents), 0) AS s FROM claim_recovery WHERE payment_number = ? AND doc_number = ? AND slice = ?')
    .get(paymentNumber, docNumber, slice) as { s: number };
  return r.s;
}

export interface CreditLine {
  paymentNumber: string;
  docNumber: string;
  slice: number;
  paymentDate: string | null;
  docDate: string | null;
  family: string;
  rootKey: string | null;
  invoiceAmountCents: number;
  paidCents: number;
  currency: string;
}

/** Remittance lines that give money back: reversals and positive Amazon documents. */
export function creditLines(db: Db): CreditLine[] {
  return db.prepare(`SELECT r.payment_number AS paymentNumber, r.doc_number AS docNumber, r.slice, p.payment_date AS paymentDate,
    r.doc_date AS docDate, r.family, r.root_key AS rootKey, r.invoice_amount_cents AS invoiceAmountCents, r.paid_cents AS paidCents, r.currency
    FROM remit_line r LEFT JOIN payment p ON p.payment_number = r.payment_number
    WHERE r.family <> 'invoice' AND (r.is_reversal = 1 OR r.invoice_amount_cents > 0)
    ORDER BY p.payment_date, r.payment_number, r.doc_number, r.slice`).all() as CreditLine[];
}

export function allFindings(db: Db): FindingRow[] {
  return db.prepare('SELECT * FROM finding ORDER BY id').all() as FindingRow[];
}

export function findingById(db: Db, id: string): FindingRow | undefined {
  return db.prepare('SELECT * FROM finding WHERE id = ?').get(id) as FindingRow | undefined;
}

export function latestRunId(db: Db): number | null {
  const r = db.prepare('SELECT MAX(id) AS id FROM reconcile_run').get() as { id: number | null };
  const f = db.prepare('SELECT MAX(run_id) AS id FROM finding').get() as { id: number | null };
  return Math.max(r.id ?? 0, f.id ?? 0) || null;
}

export function getSetting(db: Db, key: string): string | null {
  const r = db.prepare('SELECT value FROM app_setting WHERE key = ?').get(key) as { value: string } | undefined;
  return r?.value ?? null;
}

export function putSetting(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO app_setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}
