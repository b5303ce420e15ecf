// Findings use cases for the worklist, the CLI and exports: paged listing, one finding, the
// summary, and the dispute-deadline rules (editable data with effective dates).
import type { Db } from '../db/open';
import {
  deleteRule, getFindingRow, lastRun, listFindingRows, listRules, saveRule, summaryByType,
  type DeadlineWindow, type FindingFilter, type FindingList, type FindingPage, type FindingSort, type RunRow, type StoredFinding,
} from '../db/findings.repo';
import { appendAudit } from '../db/audit.repo';
import { validateRule, type DeadlineRule } from '../core/match/deadlines';
import { FINDING_TYPES, isFindingType } from '../core/match/types';
import { addDays, todayIso } from '../shared/dates';

export type { DeadlineWindow, FindingFilter, FindingList, FindingPage, FindingSort, StoredFinding };
export { toFindingJson } from '../db/findings.repo';

export class FindingsInputError extends Error {}

export function listFindings(db: Db, filter: FindingFilter = {}, sort: FindingSort = 'amount', page: FindingPage = { limit: 100 }): FindingList {
  for (const t of filter.types ?? []) {
    if (!isFindingType(t)) throw new FindingsInputError(`unknown finding type "${t}" (known: ${FINDING_TYPES.join(', ')})`);
  }
  if (!['amount', 'dispute_by', 'type'].includes(sort)) throw new FindingsInputError(`sort must be amount, dispute_by or type, got "${sort}"`);
  for (const k of ['minCents', 'maxCents'] as const) {
    const v = filter[k];
    if (v !== undefined && !Number.isSafeInteger(v)) throw new FindingsInputError(`${k} must be a whole number of minor units, got ${String(v)}`);
  }
  if (filter.minCents !== undefined && filter.maxCents !== undefined && filter.minCents > filter.maxCents) {
    throw new FindingsInputError(`the amount range is empty: minimum ${filter.minCents} is above maximum ${filter.maxCents}`);
  }
  return listFindingRows(db, resolveDeadlineWindow(db, filter), sort, page);
}

const WINDOW_DAYS: Record<Exclude<DeadlineWindow, 'overdue'>, number> = { next7: 7, next14: 14, next30: 30 };

/** The "today" deadlines count from: the last reconcile's as-of (findings were raised against it), else today. */
export function deadlineAsOf(db: Db, now: number = Date.now()): string {
  return lastRun(db)?.asOf ?? todayIso(now);
}

/** Turn a deadline window into a dispute_by date range (overdue = before the as-of day; next N = as-of .. as-of + N). */
function resolveDeadlineWindow(db: Db, filter: FindingFilter): FindingFilter {
  const w = filter.deadlineWindow;
  if (w === undefined) return filter;
  const asOf = deadlineAsOf(db);
  const out: FindingFilter = { ...filter };
  delete out.deadlineWindow;
  if (w === 'overdue') {
    out.disputeByTo = addDays(asOf, -1);
  } else if (w in WINDOW_DAYS) {
    out.disputeByFrom = asOf;
    out.disputeByTo = addDays(asOf, WINDOW_DAYS[w]);
  } else {
    throw new FindingsInputError(`deadline window must be overdue, next7, next14 or next30, got "${String(w)}"`);
  }
  // Both ends narrow any range the caller gave too.
  if (filter.disputeByFrom && (!out.disputeByFrom || filter.disputeByFrom > out.disputeByFrom)) out.disputeByFrom = filter.disputeByFrom;
  if (filter.disputeByTo && (!out.disputeByTo || filter.disputeByTo < out.disputeByTo)) out.disputeByTo = filter.disputeByTo;
  return out;
}

export function getFinding(db: Db, id: string): StoredFinding | null {
  return getFindingRow(db, id) ?? null;
}

/** Every finding matching the filter, money at stake first, streamed page by page. */
export function* allFindings(db: Db, filter: FindingFilter = {}, pageSize = 5000): Generator<StoredFinding> {
  let after: string | null = null;
  do {
    const page = listFindings(db, filter, 'amount', { limit: pageSize, after });
    yield* page.items;
    after = page.nextCursor;
  } while (after);
}

export function findingsSummary(db: Db): { run: RunRow | null; byType: ReturnType<typeof summaryByType> } {
  return { run: lastRun(db) ?? null, byType: summaryByType(db) };
}

export function listDeadlineRules(db: Db): DeadlineRule[] {
  return listRules(db);
}

/** Add or change a rule (same kind + effective date replaces). Takes effect at the next reconcile. */
export function updateDeadlineRule(db: Db, rule: DeadlineRule, actor = 'analyst'): DeadlineRule {
  const problem = validateRule(rule);
  if (problem) throw new FindingsInputError(`deadline rule: ${problem}`);
  return db.transaction(() => {
    const before = listRules(db).find((r) => r.kind === rule.kind && r.effectiveFrom === rule.effectiveFrom) ?? null;
    const id = saveRule(db, rule);
    const saved = { ...rule, id };
    appendAudit(db, { actor, action: 'deadline_rule.save', entity: 'deadline_rule', entityId: String(id), before, after: saved });
    return saved;
  })();
}

export function removeDeadlineRule(db: Db, id: number, actor = 'analyst'): boolean {
  return db.transaction(() => {
    const before = listRules(db).find((r) => r.id === id) ?? null;
    if (!before) return false;
    deleteRule(db, id);
    appendAudit(db, { actor, action: 'deadline_rule.delete', entity: 'deadline_rule', entityId: String(id), before });
    return true;
  })();
}
