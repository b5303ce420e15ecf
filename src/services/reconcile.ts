// Reconcile use case: recompute every finding from the imported documents in one transaction,
// recorded as a reconcile_run. Same data + same as-of date → same findings with the same ids.
import { createHash } from 'node:crypto';
import type { Db } from '../db/open';
import {
  buildMatchTables, claimFactsFor, claimLines, documentFacts, dropMatchTables, invoiceFacts, invoiceLinesWithoutAsn, paymentFacts,
  poItemFacts, priceLines, storeHas, type DocFactsRow,
} from '../db/reconcile.sql';
import { FindingWriter, finishRun, listRules, startRun, summaryByType } from '../db/findings.repo';
import { appendAudit } from '../db/audit.repo';
import {
  documentFindings, invoiceFindings, invoiceWithoutAsn, paymentTieOut, poItemFindings, priceClaimFindings, priceClaimValid, shortageClaimFindings,
} from '../core/match/rules';
import { IdAssigner } from '../core/match/ids';
import type { FindingDraft } from '../core/match/types';
import { todayIso } from '../shared/dates';
import { withWriteLock } from './write-lock';
import { linkRecoveries } from './claims';

export interface ReconcileOptions {
  /** "Today" for due dates and deadlines (YYYY-MM-DD); default the system date. */
  asOf?: string;
  now?: () => number;
  actor?: string;
}

export interface ReconcileSummary {
  runId: number;
  asOf: string;
  findings: number;
  inserted: number;
  kept: number;
  removed: number;
  byType: Array<{ type: string; count: number; amountCents: number; currency: string }>;
  notes: string[];
  millis: number;
}

const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

/** Reconcile, queued behind any write in progress in this process (imports span awaits). */
export function reconcile(db: Db, options: ReconcileOptions = {}): Promise<ReconcileSummary> {
  return withWriteLock(() => reconcileNow(db, options));
}

/** The synchronous run: one transaction, nothing partial is ever visible. */
export function reconcileNow(db: Db, options: ReconcileOptions = {}): ReconcileSummary {
  const now = options.now ?? Date.now;
  const asOf = options.asOf ?? todayIso(now());
  const started = now();
  // The run's temp tables go to a temp file with a bounded cache rather than the heap, so peak
  // memory stays flat however large the store (they are dropped at the end of the run).
  const tempStore = db.pragma('temp_store', { simple: true }) as number;
  if (!db.inTransaction) {
    db.pragma('temp_store = FILE');
    db.pragma('temp.cache_size = -262144');
  }
  const run = db.transaction(() => {
    const runId = startRun(db, asOf, started);
    const writer = new FindingWriter(db, runId);
    const ids = new IdAssigner(sha256Hex);
    const notes = computeFindings(db, asOf, (drafts) => {
      for (const d of drafts) writer.write({ ...d, id: ids.next(d) });
    });
    const counts = writer.finish();
    finishRun(db, runId, now(), writer.written, writer.amountCents, notes.length ? notes.join('\n') : null);
    appendAudit(db, { actor: options.actor ?? 'analyst', action: 'reconcile', entity: 'reconcile_run', entityId: String(runId), after: { asOf, findings: writer.written, ...counts }, at: now() });
    // Claims follow their findings in the same transaction: new disputable findings open claims,
    // and reversals or credits on new remittance lines are recorded as recoveries.
    linkRecoveries(db, { actor: 'system', now: now() });
    return { runId, findings: writer.written, notes, ...counts };
  });
  let r: ReturnType<typeof run>;
  try {
    r = run();
  } finally {
    if (!db.inTransaction) db.pragma(`temp_store = ${tempStore}`);
  }
  return { ...r, asOf, byType: summaryByType(db), millis: now() - started };
}

/**
 * Every finding the store's documents prove, in a deterministic order. Findings go to `emit` in
 * batches between queries (the connection is busy while a query streams), so a run holds at most
 * one phase's findings in memory. Returns notes for the analyst about what could not be checked.
 */
export function computeFindings(db: Db, asOf: string, emit: (drafts: FindingDraft[]) => void): string[] {
  const rules = listRules(db);
  const notes: string[] = [];
  let buf: FindingDraft[] = [];
  const flush = () => {
    if (buf.length) emit(buf);
    buf = [];
  };
  buildMatchTables(db);
  try {
    const have = storeHas(db);
    if (!have.asns) notes.push('No ASNs imported: shipment-based findings (INVOICE_WITHOUT_ASN, shortage disputes) were not computed.');
    if (!have.invoices) notes.push('No invoice lines imported: line-level findings were not computed; claims on unknown invoices are listed as UNMATCHED_DEDUCTION.');
    const currency = (db.prepare('SELECT currency FROM invoice UNION ALL SELECT currency FROM payment LIMIT 1').pluck().get() as string | undefined) ?? 'USD';

    for (const f of poItemFacts(db, have, currency)) buf.push(...poItemFindings(f));
    flush();
    if (have.asns) {
      for (const l of invoiceLinesWithoutAsn(db)) {
        const d = invoiceWithoutAsn(l);
        if (d) buf.push(d);
      }
      flush();
    }
    for (const l of priceLines(db)) {
      const d = priceClaimValid(l);
      if (d) buf.push(d);
    }
    flush();
    // Documents: collect the claims to analyse first (the connection is busy while iterating).
    const claims: DocFactsRow[] = [];
    for (const d of documentFacts(db)) {
      buf.push(...documentFindings(d, rules));
      if (d.invoiceId !== null && (d.family === 'shortage_claim' || d.family === 'price_claim') && d.amountCents < 0) claims.push(d);
    }
    flush();
    for (const d of claims) {
      const facts = claimFactsFor(db, d, claimLines(db, d.invoiceId!));
      if (!facts) continue;
      if (facts.kind === 'shortage') {
        if (have.asns) emit(shortageClaimFindings(facts, rules));
      } else emit(priceClaimFindings(facts, rules));
    }
    for (const f of invoiceFacts(db)) buf.push(...invoiceFindings(f, asOf, rules));
    flush();
    for (const p of paymentFacts(db)) {
      const d = paymentTieOut(p);
      if (d) buf.push(d);
    }
    flush();
  } finally {
    dropMatchTables(db);
  }
  return notes;
}

/** All of a store's findings as drafts (tests and tools; the run itself streams them). */
export function collectFindings(db: Db, asOf: string): { drafts: FindingDraft[]; notes: string[] } {
  const drafts: FindingDraft[] = [];
  const notes = computeFindings(db, asOf, (d) => drafts.push(...d));
  return { drafts, notes };
}
