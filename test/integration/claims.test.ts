import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listAudit, verifyAuditChain } from '../../src/db/audit.repo';
import {
  addEvidence, addNote, bulkSetStatus, getClaim, linkRecoveries, listClaims, setStatus, syncClaims, ClaimError, claimForFinding,
} from '../../src/services/claims';
import {
  freshDb, seedDocuments, seedReversal, writeFindings, SHORTAGE_FINDING, CHARGEBACK_FINDING, SC, PO,
} from './claims-fixture';

const T0 = Date.UTC(2026, 8, 10, 9);
const who = (n: number, actor = 'maria') => ({ actor, now: T0 + n * 60_000 });

describe('claims workflow', () => {
  it('takes a shortage claim through its whole life, with every step in the audit log', async () => {
    const db = freshDb();
    seedDocuments(db);
    writeFindings(db, 1, [SHORTAGE_FINDING, CHARGEBACK_FINDING, { id: 'f_info', type: 'CLAIM_REVERSED', amount: 100, severity: 'info' }]);
    expect(syncClaims(db, who(0, 'system'))).toEqual({ created: 2, refreshed: 0, missing: 0 });

    const claims = listClaims(db);
    expect(claims.map((c) => c.findingId).sort()).toEqual(['f_cb', 'f_sc_a']);
    const sc = claims.find((c) => c.findingId === 'f_sc_a')!;
    expect(sc).toMatchObject({ status: 'open', amountCents: 45_120, claimNumber: SC, outstandingCents: 45_120, open: true });

    setStatus(db, sc.id, { status: 'to_dispute' }, who(1));
    expect(() => setStatus(db, sc.id, { status: 'disputed' }, who(2))).toThrow(/case id/);
    setStatus(db, sc.id, { status: 'disputed', caseId: '17250038361' }, who(2));
    expect(() => setStatus(db, sc.id, { status: 'written_off' }, who(3))).toThrow(ClaimError);
    expect(() => setStatus(db, sc.id, { status: 'partially_approved', amountCents: 45_120 }, who(3))).toThrow(/less than/);
    setStatus(db, sc.id, { status: 'partially_approved', amountCents: 30_080 }, who(3));
    addNote(db, sc.id, 'Amazon approved 16 of 24 units; re-dispute the rest with the FC-signed POD.', who(4));

    const dir = mkdtempSync(join(tmpdir(), 'recoup-claims-'));
    const pod = join(dir, 'POD-SH-88120.pdf');
    writeFileSync(pod, '%PDF-1.4 signed at ABE8 dock 3, PO 4B7XKQ2N, ship-to ABE8');
    const ev = await addEvidence(db, sc.id, { filePath: pod, kind: 'pod', poNumber: PO, shipmentId: 'SH-88120', signedAtFc: true, showsPo: true, showsShipTo: true }, who(5));
    expect(ev.sha256).toBe(createHash('sha256').update('%PDF-1.4 signed at ABE8 dock 3, PO 4B7XKQ2N, ship-to ABE8').digest('hex'));

    // The later remittance carries INV-10042SCR for 300.80: linked automatically as recovered.
    seedReversal(db);
    const linked = linkRecoveries(db, who(6, 'system'));
    expect(linked).toEqual([{ claimId: sc.id, paymentNumber: '367999001', docNumber: 'INV-10042SCR', amountCents: 30_080 }]);
    expect(linkRecoveries(db, who(7, 'system'))).toEqual([]); // idempotent

    const detail = getClaim(db, sc.id);
    expect(detail.claim).toMatchObject({ status: 'partially_approved', caseId: '17250038361', approvedCents: 30_080, recoveredCents: 30_080, outstandingCents: 15_040, open: true });
    expect(detail.finding?.id).toBe('f_sc_a');
    expect(detail.notes.map((n) => n.text)).toEqual(['Amazon approved 16 of 24 units; re-dispute the rest with the FC-signed POD.']);
    expect(detail.evidence).toHaveLength(1);
    expect(detail.recoveries[0]).toMatchObject({ paymentNumber: '367999001', paymentDate: '2026-10-15', amountCents: 30_080 });
    expect(detail.allowedStatuses).toContain('re_disputed');

    const actions = detail.audit.map((a) => [a.action, a.actor]);
    expect(actions).toEqual([
      ['claim.create', 'system'], ['claim.status', 'maria'], ['claim.status', 'maria'], ['claim.status', 'maria'], ['claim.note', 'maria'],
      ['claim.evidence', 'maria'], ['claim.recovery', 'system'],
    ]);
    const disputed = detail.audit[2]!;
    expect(JSON.parse(disputed.before!)).toMatchObject({ status: 'to_dispute', caseId: null });
    expect(JSON.parse(disputed.after!)).toMatchObject({ status: 'disputed', caseId: '17250038361' });
    expect(disputed.at).toBe(T0 + 2 * 60_000);
    const partial = detail.audit[3]!;
    expect(JSON.parse(partial.after!)).toMatchObject({ status: 'partially_approved', approvedCents: 30_080 });
    expect(JSON.parse(detail.audit[6]!.after!)).toMatchObject({ recoveredCents: 30_080, docNumber: 'INV-10042SCR' });
    expect(verifyAuditChain(db)).toMatchObject({ ok: true });
  });

  it('keeps the claim state when findings are recomputed, and keeps a claim whose finding disappears', () => {
    const db = freshDb();
    seedDocuments(db);
    writeFindings(db, 1, [SHORTAGE_FINDING, CHARGEBACK_FINDING]);
    const sc = listClaims(db).find((c) => c.findingId === 'f_sc_a')!;
    setStatus(db, sc.id, { status: 'disputed', caseId: 'C-1' }, who(1));

    // A new import, reconcile again: same ids, the shortage amount changed, the chargeback is gone.
    writeFindings(db, 2, [{ ...SHORTAGE_FINDING, amount: 37_600 }]);
    const after = listClaims(db);
    expect(after).toHaveLength(2);
    const sc2 = after.find((c) => c.findingId === 'f_sc_a')!;
    expect(sc2).toMatchObject({ id: sc.id, status: 'disputed', caseId: 'C-1', amountCents: 37_600, findingPresent: true });
    expect(after.find((c) => c.findingId === 'f_cb')).toMatchObject({ findingPresent: false, status: 'open' });
    expect(claimForFinding(db, 'f_sc_a')?.id).toBe(sc.id);
    expect(listAudit(db, { action: 'claim.refresh' })).toHaveLength(1);
    expect(listAudit(db, { action: 'claim.finding_gone' })).toHaveLength(1);
  });

  it('fully recovered claims become approved; bulk operations report each failure', () => {
    const db = freshDb();
    seedDocuments(db);
    writeFindings(db, 1, [{ ...SHORTAGE_FINDING, amount: 30_080 }, CHARGEBACK_FINDING]);
    const claims = listClaims(db);
    const res = bulkSetStatus(db, claims.map((c) => c.id), { status: 'disputed', caseId: 'BULK-7' }, who(1));
    expect(res.ok).toHaveLength(2);
    const again = bulkSetStatus(db, claims.map((c) => c.id), { status: 'wont_dispute' }, who(2));
    expect(again.ok).toEqual([]);
    expect(again.failed[0]!.error).toMatch(/can move to approved, partially_approved, denied/);
    seedReversal(db);
    linkRecoveries(db, who(3, 'system'));
    const sc = listClaims(db).find((c) => c.findingId === 'f_sc_a')!;
    expect(sc).toMatchObject({ status: 'approved', recoveredCents: 30_080, outstandingCents: 0, open: false });
    expect(() => setStatus(db, sc.id, { status: 'wont_dispute', reason: 'x' }, who(4))).toThrow(/nothing \(closed\)/);
  });
});
