// The claims workflow: each disputable finding becomes a claim the analyst works (status, case id,
// notes, evidence register, recoveries). Claims are keyed by finding id and keep a snapshot of the
// finding, so recomputed findings keep their claim's state. Every change is written with its
// audit entry in one transaction. Used by IPC, the CLI and the exports.
import { statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Db } from '../db/open';
import { sha256File } from './files';
import { appendAudit, listAudit, type AuditRow } from '../db/audit.repo';
import {
  addRecovered, allFindings, claimByFinding, claimById, creditLines, docKey, evidenceOf, findingById, getSetting, insertClaim, insertEvent,
  insertEvidence, insertNote, insertRecovery, notesOf, putSetting, queryClaims, recoveriesOf, refreshSnapshot, setFindingPresent,
  updateStatus, allocatedOfLine, setAmount,
  type ClaimQuery, type ClaimRow, type ClaimStatus, type EvidenceKind, type EvidenceRow, type FindingRow, type NoteRow, type RecoveryRow,
} from '../db/claims.repo';
import { todayIso } from '../shared/dates';

export type { ClaimRow, ClaimStatus, EvidenceKind, EvidenceRow, NoteRow, RecoveryRow, FindingRow };

/** Finding types the analyst can take up with Amazon (or settle through a statement of open items). */
export const DISPUTABLE_TYPES: ReadonlySet<string> = new Set([
  'SHORTAGE_CLAIM_DISPUTABLE', 'PRICE_CLAIM_DISPUTABLE', 'DUPLICATE_DEDUCTION', 'CHARGEBACK', 'COOP_DEDUCTION', 'UNMATCHED_DEDUCTION',
  'UOM_MISMATCH', 'SHORT_PAID', 'UNPAID_INVOICE',
]);

export const STATUSES: readonly ClaimStatus[] = ['open', 'to_dispute', 'disputed', 'approved', 'partially_approved', 'denied', 're_disputed', 'written_off', 'wont_dispute'];

/** Allowed moves. Closed states can be reopened (a mistaken write-off), never skipped into. */
export const TRANSITIONS: Readonly<Record<ClaimStatus, readonly ClaimStatus[]>> = {
  open: ['to_dispute', 'disputed', 'wont_dispute', 'written_off'],
  to_dispute: ['disputed', 'open', 'wont_dispute', 'written_off'],
  disputed: ['approved', 'partially_approved', 'denied'],
  re_disputed: ['approved', 'partially_approved', 'denied'],
  partially_approved: ['re_disputed', 'approved', 'written_off'],
  denied: ['re_disputed', 'written_off'],
  approved: [],
  written_off: ['open'],
  wont_dispute: ['open', 'to_dispute'],
};

/** States whose unrecovered amount is no longer expected back. */
const CLOSED: ReadonlySet<ClaimStatus> = new Set(['written_off', 'wont_dispute']);
/** States a full recovery settles as approved. */
const AWAITING: ReadonlySet<ClaimStatus> = new Set(['open', 'to_dispute', 'disputed', 're_disputed', 'partially_approved', 'denied']);

export class ClaimError extends Error {
  constructor(readonly code: 'not_found' | 'invalid_transition' | 'invalid_input', message: string) {
    super(message);
  }
}

export interface Who {
  actor?: string;
  now?: number;
}

const actorOf = (w: Who) => w.actor ?? 'analyst';
const nowOf = (w: Who) => w.now ?? Date.now();
const dayOf = (ms: number) => todayIso(ms);

/** What is still owed on a claim: the amount less what Amazon gave back. */
export function outstanding(c: Pick<ClaimRow, 'amountCents' | 'recoveredCents'>): number {
  return Math.max(0, c.amountCents - c.recoveredCents);
}

export function isOpen(c: Pick<ClaimRow, 'status' | 'amountCents' | 'recoveredCents'>): boolean {
  return !CLOSED.has(c.status) && outstanding(c) > 0;
}

/**
 * Create claims for new disputable findings, refresh the snapshot of existing ones (state kept),
 * and mark claims whose finding is gone. Idempotent; cheap when nothing changed since last time.
 */
export function syncClaims(db: Db, who: Who = {}): { created: number; refreshed: number; missing: number } {
  const stamp = findingsStamp(db);
  const at = nowOf(who);
  const actor = who.actor ?? 'system';
  let created = 0;
  let refreshed = 0;
  let missing = 0;
  db.transaction(() => {
    const seen = new Set<string>();
    for (const f of allFindings(db)) {
      if (!DISPUTABLE_TYPES.has(f.type)) continue;
      seen.add(f.id);
      const existing = claimByFinding(db, f.id);
      if (!existing) {
        const id = insertClaim(db, { findingId: f.id, f, at });
        insertEvent(db, { claimId: id, at, day: f.doc_date ?? dayOf(at), kind: 'opened', toStatus: 'open', amountCents: f.amount_cents, actor });
        appendAudit(db, { actor, action: 'claim.create', entity: 'claim', entityId: String(id), before: null, after: snapshotOf(f), at });
        created++;
      } else if (changed(existing, f, claimAmountFor(db, existing, f))) {
        const amount = claimAmountFor(db, existing, f);
        refreshSnapshot(db, existing.id, f, amount, at);
        const delta = amount - existing.amountCents;
        if (delta !== 0 && !CLOSED.has(existing.status)) {
          insertEvent(db, { claimId: existing.id, at, day: dayOf(at), kind: 'amount', amountCents: delta, actor });
        }
        appendAudit(db, { actor, action: 'claim.refresh', entity: 'claim', entityId: String(existing.id), before: claimSnapshot(existing), after: snapshotOf(f), at });
        refreshed++;
      }
    }
    for (const c of queryClaims(db, {})) {
      if (c.findingPresent && !seen.has(c.findingId)) {
        setFindingPresent(db, c.id, false, at);
        appendAudit(db, { actor, action: 'claim.finding_gone', entity: 'claim', entityId: String(c.id), before: { findingPresent: true }, after: { findingPresent: false }, at });
        missing++;
      }
    }
    putSetting(db, 'claims.synced', stamp);
  })();
  return { created, refreshed, missing };
}

function findingsStamp(db: Db): string {
  const r = db.prepare('SELECT COUNT(*) AS n, COALESCE(MAX(run_id), 0) AS run, COALESCE(SUM(amount_cents), 0) AS s FROM finding').get() as { n: number; run: number; s: number };
  return `${r.run}:${r.n}:${r.s}`;
}

/** Sync only when the findings changed since the last sync (a reconcile ran). */
export function ensureSynced(db: Db, who: Who = {}): void {
  // A read-only database (audit review) shows the claims as they were last synced.
  if (db.readonly) return;
  if (getSetting(db, 'claims.synced') !== findingsStamp(db)) syncClaims(db, who);
}

const snapshotOf = (f: FindingRow) => ({
  findingId: f.id, type: f.type, amountCents: f.amount_cents, currency: f.currency, invoiceNumber: f.invoice_number, claimNumber: f.claim_number,
  poNumber: f.po_number, asin: f.asin, disputeBy: f.dispute_by,
});
const claimSnapshot = (c: ClaimRow) => ({
  findingId: c.findingId, type: c.type, amountCents: c.amountCents, currency: c.currency, invoiceNumber: c.invoiceNumber, claimNumber: c.claimNumber,
  poNumber: c.poNumber, asin: c.asin, disputeBy: c.disputeBy,
});

/**
 * The claim's amount for a finding. The engine nets reversals it has seen into shortage and price
 * findings (`details.reversedCents`); those reversals are also this claim's recoveries, so the
 * claim keeps the gross it was opened for: finding amount + the recoveries the engine already
 * netted (allocated over the claim's ASIN siblings in claim order, as recoveries are linked).
 */
function claimAmountFor(db: Db, c: ClaimRow, f: FindingRow): number {
  const left = reversalLeft(db, c, f);
  return f.amount_cents + Math.max(0, Math.min(c.recoveredCents, left));
}

/** Reversals the engine netted into the finding, less what earlier ASIN siblings of the claim took. */
function reversalLeft(db: Db, c: ClaimRow, f: FindingRow): number {
  let reversed = 0;
  try {
    const d = f.details ? (JSON.parse(f.details) as { reversedCents?: unknown }) : null;
    if (d && typeof d.reversedCents === 'number' && d.reversedCents > 0) reversed = d.reversedCents;
  } catch {
    reversed = 0;
  }
  if (reversed === 0 || !c.claimKey) return 0;
  const before = db.prepare('SELECT COALESCE(SUM(recovered_cents), 0) AS s FROM claim WHERE claim_key = ? AND id < ?').get(c.claimKey, c.id) as { s: number };
  return Math.max(0, reversed - before.s);
}

/** How much more can be recovered on a claim: its gross (netted reversals added back) less what came back. */
function recoverable(db: Db, c: ClaimRow): number {
  const f = c.findingPresent ? findingById(db, c.findingId) : undefined;
  const gross = f ? Math.max(c.amountCents, f.amount_cents + reversalLeft(db, c, f)) : c.amountCents;
  return Math.max(0, gross - c.recoveredCents);
}

/** Bring the claim's amount in line after recoveries were linked (see claimAmountFor). */
function realignAmount(db: Db, id: number, at: number, actor: string): void {
  const c = claimById(db, id)!;
  const f = findingById(db, c.findingId);
  if (!f || !c.findingPresent) return;
  const amount = claimAmountFor(db, c, f);
  if (amount === c.amountCents) return;
  setAmount(db, id, amount, at);
  if (!CLOSED.has(c.status)) insertEvent(db, { claimId: id, at, day: dayOf(at), kind: 'amount', amountCents: amount - c.amountCents, actor });
  appendAudit(db, { actor, action: 'claim.amount', entity: 'claim', entityId: String(id), before: { amountCents: c.amountCents }, after: { amountCents: amount, reason: 'reversal already netted by reconciliation' }, at });
}

function changed(c: ClaimRow, f: FindingRow, amount: number): boolean {
  return !c.findingPresent || c.type !== f.type || c.amountCents !== amount || c.disputeBy !== f.dispute_by || c.claimNumber !== f.claim_number
    || c.invoiceNumber !== f.invoice_number || c.poNumber !== f.po_number || c.asin !== f.asin || c.paymentNumber !== f.payment_number
    || c.shipmentId !== f.shipment_id || c.vendorCode !== f.vendor_code || c.docDate !== f.doc_date;
}

export interface ClaimListItem extends ClaimRow {
  outstandingCents: number;
  open: boolean;
}

export function listClaims(db: Db, q: ClaimQuery = {}): ClaimListItem[] {
  ensureSynced(db);
  return queryClaims(db, q).map((c) => ({ ...c, outstandingCents: outstanding(c), open: isOpen(c) }));
}

export interface ClaimDetail {
  claim: ClaimListItem;
  finding: FindingRow | null;
  notes: NoteRow[];
  evidence: EvidenceRow[];
  recoveries: RecoveryRow[];
  audit: AuditRow[];
  allowedStatuses: readonly ClaimStatus[];
}

export function getClaim(db: Db, id: number): ClaimDetail {
  ensureSynced(db);
  const c = mustClaim(db, id);
  return {
    claim: { ...c, outstandingCents: outstanding(c), open: isOpen(c) },
    finding: findingById(db, c.findingId) ?? null,
    notes: notesOf(db, id),
    evidence: evidenceOf(db, id),
    recoveries: recoveriesOf(db, id),
    audit: listAudit(db, { entity: 'claim', entityId: String(id), limit: 10_000 }).reverse(),
    allowedStatuses: TRANSITIONS[c.status],
  };
}

export function claimForFinding(db: Db, findingId: string): ClaimRow | undefined {
  ensureSynced(db);
  return claimByFinding(db, findingId);
}

function mustClaim(db: Db, id: number): ClaimRow {
  const c = claimById(db, id);
  if (!c) throw new ClaimError('not_found', `claim ${id} does not exist`);
  return c;
}

export interface StatusInput {
  status: ClaimStatus;
  /** Amazon's dispute / case id: required to mark disputed (kept from before when re-disputing). */
  caseId?: string | null;
  /** Approved amount in minor units: required for partially_approved. */
  amountCents?: number | null;
  /** Required for wont_dispute; optional note for a write-off. */
  reason?: string | null;
}

export function setStatus(db: Db, id: number, input: StatusInput, who: Who = {}): ClaimRow {
  return db.transaction(() => applyStatus(db, mustClaim(db, id), input, who))();
}

function applyStatus(db: Db, c: ClaimRow, input: StatusInput, who: Who): ClaimRow {
  const at = nowOf(who);
  const actor = actorOf(who);
  const to = input.status;
  if (!STATUSES.includes(to)) throw new ClaimError('invalid_input', `"${to}" is not a claim status (${STATUSES.join(', ')})`);
  if (!TRANSITIONS[c.status].includes(to)) {
    throw new ClaimError('invalid_transition', `claim ${c.id} is ${c.status}; it can move to ${TRANSITIONS[c.status].join(', ') || 'nothing (closed)'}, not ${to}`);
  }
  let caseId = c.caseId;
  let approved = c.approvedCents;
  let reason = c.reason;
  const newCase = input.caseId?.trim() || null;
  if (to === 'disputed') {
    caseId = newCase ?? caseId;
    if (!caseId) throw new ClaimError('invalid_input', 'a disputed claim needs the Amazon dispute / case id');
  }
  if (to === 're_disputed') caseId = newCase ?? caseId;
  if (to === 'partially_approved') {
    const a = input.amountCents;
    if (a === undefined || a === null || !Number.isSafeInteger(a) || a <= 0 || a >= c.amountCents) {
      throw new ClaimError('invalid_input', `a partial approval needs the approved amount in minor units, more than 0 and less than the claim's ${c.amountCents}`);
    }
    approved = a;
  }
  if (to === 'approved') approved = c.amountCents;
  if (to === 'denied') approved = 0;
  if (to === 'wont_dispute') {
    reason = input.reason?.trim() || null;
    if (!reason) throw new ClaimError('invalid_input', "won't dispute needs a reason");
  } else if (input.reason !== undefined && input.reason !== null) {
    reason = input.reason.trim() || null;
  }
  updateStatus(db, c.id, { status: to, caseId, approvedCents: approved, reason }, at);
  // Effect on the open-claims balance: closing removes what is still owed, reopening puts it back.
  let effect = 0;
  if (CLOSED.has(to) && !CLOSED.has(c.status)) effect = -outstanding(c);
  if (!CLOSED.has(to) && CLOSED.has(c.status)) effect = outstanding(c);
  insertEvent(db, { claimId: c.id, at, day: dayOf(at), kind: 'status', fromStatus: c.status, toStatus: to, amountCents: effect, actor });
  appendAudit(db, {
    actor, action: 'claim.status', entity: 'claim', entityId: String(c.id),
    before: { status: c.status, caseId: c.caseId, approvedCents: c.approvedCents, reason: c.reason },
    after: { status: to, caseId, approvedCents: approved, reason }, at,
  });
  return claimById(db, c.id)!;
}

export function addNote(db: Db, id: number, text: string, who: Who = {}): NoteRow {
  const t = text.trim();
  if (!t) throw new ClaimError('invalid_input', 'a note needs some text');
  return db.transaction(() => {
    mustClaim(db, id);
    const at = nowOf(who);
    const n = insertNote(db, id, at, actorOf(who), t);
    appendAudit(db, { actor: actorOf(who), action: 'claim.note', entity: 'claim', entityId: String(id), before: null, after: { noteId: n.id, text: t }, at });
    return n;
  })();
}

export interface EvidenceInput {
  filePath: string;
  kind: EvidenceKind;
  poNumber?: string | null;
  shipmentId?: string | null;
  bol?: string | null;
  pro?: string | null;
  description?: string | null;
  signedAtFc?: boolean;
  carrierSigned?: boolean;
  shipperLoadCount?: boolean;
  showsPo?: boolean;
  showsShipTo?: boolean;
}

const EVIDENCE_KINDS: readonly EvidenceKind[] = ['bol', 'pod', 'carrier_tracking', 'asn_transmission', 'photo', 'other'];


/** Register a proof file: its SHA-256 is computed from the file now, so later edits show. */
export async function addEvidence(db: Db, id: number, input: EvidenceInput, who: Who = {}): Promise<EvidenceRow> {
  if (!EVIDENCE_KINDS.includes(input.kind)) throw new ClaimError('invalid_input', `evidence kind must be one of ${EVIDENCE_KINDS.join(', ')}, got "${input.kind}"`);
  const path = resolve(input.filePath);
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new Error('not a file');
    size = st.size;
  } catch {
    throw new ClaimError('invalid_input', `evidence file ${input.filePath} cannot be read`);
  }
  mustClaim(db, id);
  const sha256 = await sha256File(path);
  return db.transaction(() => {
    const at = nowOf(who);
    const row: Omit<EvidenceRow, 'id'> = {
      claimId: id, kind: input.kind, filePath: path, fileName: basename(path), sha256, sizeBytes: size,
      poNumber: input.poNumber ?? null, shipmentId: input.shipmentId ?? null, bol: input.bol ?? null, pro: input.pro ?? null,
      description: input.description ?? null, signedAtFc: !!input.signedAtFc, carrierSigned: !!input.carrierSigned,
      shipperLoadCount: !!input.shipperLoadCount, showsPo: !!input.showsPo, showsShipTo: !!input.showsShipTo, addedAt: at, actor: actorOf(who),
    };
    const evId = insertEvidence(db, row);
    appendAudit(db, { actor: actorOf(who), action: 'claim.evidence', entity: 'claim', entityId: String(id), before: null, after: { evidenceId: evId, ...row }, at });
    return { id: evId, ...row };
  })();
}

export interface LinkedRecovery {
  claimId: number;
  paymentNumber: string;
  docNumber: string;
  amountCents: number;
}

/**
 * Link reversals and credits on remittance lines to their claims: `…SCR` / `…PCR` reverses the
 * claim whose number it extends by `R`; a positive line with the claim's own document number is a
 * credit of it. A line covering several claims (one shortage claim, several ASINs) is allocated in
 * claim order up to what each still owes. Safe to run again: links are keyed by the line.
 */
export function linkRecoveries(db: Db, who: Who = {}): LinkedRecovery[] {
  ensureSynced(db, who);
  const at = nowOf(who);
  const actor = who.actor ?? 'system';
  const linked: LinkedRecovery[] = [];
  db.transaction(() => {
    const byKey = new Map<string, ClaimRow[]>();
    for (const c of queryClaims(db, {})) {
      if (!c.claimKey) continue;
      const list = byKey.get(c.claimKey) ?? [];
      list.push(c);
      byKey.set(c.claimKey, list);
    }
    if (byKey.size === 0) return;
    for (const line of creditLines(db)) {
      const k = docKey(line.docNumber);
      const isReversalOf = k.endsWith('R') ? byKey.get(k.slice(0, -1)) : undefined;
      const candidates = isReversalOf ?? (line.invoiceAmountCents > 0 ? byKey.get(k) : undefined);
      if (!candidates) continue;
      let available = Math.abs(line.invoiceAmountCents) - allocatedOfLine(db, line.paymentNumber, line.docNumber, line.slice);
      for (const cand of candidates.sort((a, b) => a.id - b.id)) {
        if (available <= 0) break;
        const c = claimById(db, cand.id)!;
        if (c.currency !== line.currency) continue;
        const already = db.prepare('SELECT 1 FROM claim_recovery WHERE claim_id = ? AND payment_number = ? AND doc_number = ? AND slice = ?')
          .get(c.id, line.paymentNumber, line.docNumber, line.slice);
        if (already) continue;
        const take = Math.min(available, recoverable(db, c));
        if (take <= 0) continue;
        available -= take;
        insertRecovery(db, { claimId: c.id, paymentNumber: line.paymentNumber, docNumber: line.docNumber, slice: line.slice, paymentDate: line.paymentDate, amountCents: take, linkedAt: at, actor });
        addRecovered(db, c.id, take, at);
        insertEvent(db, { claimId: c.id, at, day: line.paymentDate ?? line.docDate ?? dayOf(at), kind: 'recovered', amountCents: CLOSED.has(c.status) ? 0 : -take, actor });
        appendAudit(db, {
          actor, action: 'claim.recovery', entity: 'claim', entityId: String(c.id),
          before: { recoveredCents: c.recoveredCents },
          after: { recoveredCents: c.recoveredCents + take, paymentNumber: line.paymentNumber, docNumber: line.docNumber, slice: line.slice, amountCents: take }, at,
        });
        linked.push({ claimId: c.id, paymentNumber: line.paymentNumber, docNumber: line.docNumber, amountCents: take });
        realignAmount(db, c.id, at, actor);
        const after = claimById(db, c.id)!;
        if (outstanding(after) === 0 && AWAITING.has(after.status) && TRANSITIONS[after.status].includes('approved')) {
          applyStatus(db, after, { status: 'approved' }, { actor, now: at });
        }
      }
    }
  })();
  return linked;
}

export interface BulkResult {
  ok: number[];
  failed: Array<{ id: number; error: string }>;
}

/** The same status for many claims; each claim succeeds or fails on its own. */
export function bulkSetStatus(db: Db, ids: readonly number[], input: StatusInput, who: Who = {}): BulkResult {
  const res: BulkResult = { ok: [], failed: [] };
  for (const id of ids) {
    try {
      setStatus(db, id, input, who);
      res.ok.push(id);
    } catch (err) {
      res.failed.push({ id, error: (err as Error).message });
    }
  }
  return res;
}

export function bulkAddNote(db: Db, ids: readonly number[], text: string, who: Who = {}): BulkResult {
  const res: BulkResult = { ok: [], failed: [] };
  for (const id of ids) {
    try {
      addNote(db, id, text, who);
      res.ok.push(id);
    } catch (err) {
      res.failed.push({ id, error: (err as Error).message });
    }
  }
  return res;
}
