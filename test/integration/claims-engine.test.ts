// The claims workflow on the reconciliation engine's own output: real-shaped files imported,
// reconciled, a claim worked, then a later remittance with a partial …SCR imported and everything
// recomputed. The claim keeps its state, the reversal is linked once as recovered, and the amount
// the engine already netted is not counted twice — whichever runs first, linking or reconcile.
import { describe, it, expect } from 'vitest';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../src/db/open';
import { importPaths } from '../../src/services/import';
import { reconcileNow } from '../../src/services/reconcile';
import { getClaim, linkRecoveries, listClaims, setStatus } from '../../src/services/claims';
import { listAudit } from '../../src/db/audit.repo';

const BASE = join(__dirname, '../fixtures/exports');
const LATER = join(__dirname, '../fixtures/claims/remittance-2026-10-reversal.csv');

async function setup(): Promise<Db> {
  const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'recoup-claims-engine-')), 'c.db'));
  const files = readdirSync(BASE).filter((f) => !f.endsWith('.md')).map((f) => join(BASE, f));
  for (const r of await importPaths(db, files)) expect(r.status, JSON.stringify(r)).toBe('imported');
  reconcileNow(db, { asOf: '2026-10-15', now: () => 1_790_000_000_000 });
  return db;
}

const sc = (db: Db) => listClaims(db).find((c) => c.claimNumber === 'INV-1001SC')!;

describe('claims over reconciled findings', () => {
  for (const order of ['reconcile, then link', 'link, then reconcile'] as const) {
    it(`a partial reversal after a new import is recovered once (${order})`, async () => {
      const db = await setup();
      const c = sc(db);
      expect(c).toMatchObject({ type: 'SHORTAGE_CLAIM_DISPUTABLE', amountCents: 9_024, status: 'open' });
      setStatus(db, c.id, { status: 'disputed', caseId: '17250099001' }, { actor: 'maria', now: 1_790_000_100_000 });

      expect((await importPaths(db, [LATER]))[0]!.status).toBe('imported');
      if (order === 'reconcile, then link') {
        reconcileNow(db, { asOf: '2026-10-20', now: () => 1_790_000_200_000 });
        linkRecoveries(db, { now: 1_790_000_300_000 });
      } else {
        linkRecoveries(db, { now: 1_790_000_200_000 });
        reconcileNow(db, { asOf: '2026-10-20', now: () => 1_790_000_300_000 });
        linkRecoveries(db, { now: 1_790_000_400_000 });
      }
      const after = sc(db);
      const detail = getClaim(db, after.id);
      // Same claim, same state; the engine's finding is now net of the reversal (60.16).
      expect(after).toMatchObject({ id: c.id, status: 'disputed', caseId: '17250099001', amountCents: 9_024, recoveredCents: 3_008, outstandingCents: 6_016 });
      expect(detail.finding?.amount_cents).toBe(6_016);
      expect(detail.recoveries.map((r) => [r.paymentNumber, r.docNumber, r.amountCents])).toEqual([['367530101', 'INV-1001SCR', 3_008]]);
      expect(listAudit(db, { entity: 'claim', entityId: String(c.id), action: 'claim.recovery' })).toHaveLength(1);
      db.close();
    });
  }
});
