// Findings use cases for the worklist, the CLI and exports: paged listing, one finding, the
// summary, and the dispute-deadline rules (editable data with effective dates).
import type { Db } from '../db/open';
import {
  deleteRule, getFindingRow, lastRun, listFindingRows, listRules, saveRule, summaryByType,
  type FindingFilter, type FindingList, type FindingPage, type FindingSort, type RunRow, type StoredFinding,
} from '../db/findings.repo';
import { appendAudit } from '../db/audit.repo';
import { validateRule, type DeadlineRule } from '../core/match/deadlines';
import { FINDING_TYPES, isFindingType } from '../core/match/types';

export type { FindingFilter, FindingList, FindingPage, FindingSort, StoredFinding };
export { toFindingJson } from '../db/findings.repo';

export class FindingsInputError extends Error {}

export function listFindings(db: Db, filter: FindingFilter = {}, sort: FindingSort = 'amount', page: FindingPage = { limit: 100 }): FindingList {
  for (const t of filter.types ?? []) {
    if (!isFindingType(t)) throw new FindingsInputError(`unknown finding type "${t}" (known: ${FINDING_TYPES.join(', ')})`);
  }
  if (!['amount', 'dispute_by', 'type'].includes(sort)) throw new FindingsInputError(`sort must be amount, dispute_by or type, got "${sort}"`);
  return listFindingRows(db, filter, sort, page);
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
