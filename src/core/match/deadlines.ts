// Dispute deadlines as data (DOMAIN.md §4, §8.4): Amazon changes its windows, so each rule has an
// effective date and the rule that applies to a document is the latest one in effect on the
// document's date. The defaults below seed the `deadline_rule` table; analysts edit them there.
import { addDays, addMonths, type IsoDate } from '../../shared/dates';

export type DeadlineKind = 'chargeback' | 'shortage_claim' | 'price_claim' | 'claim_hard_limit' | 'unpaid_grace';
export type DeadlineBase = 'doc_date' | 'due_date' | 'invoice_date';

export interface DeadlineRule {
  id?: number;
  kind: DeadlineKind;
  /** The date the window is counted from. */
  base: DeadlineBase;
  /** Days after the base (the "optimal" window for claims). */
  days: number;
  /** Days after the base until which a late dispute still has a fair chance ("maturing"). */
  warnDays: number | null;
  /** Whole months after the base (hard limits); added after `days`. */
  months: number;
  effectiveFrom: IsoDate;
  note: string | null;
}

export const DEADLINE_KINDS: readonly DeadlineKind[] = ['chargeback', 'shortage_claim', 'price_claim', 'claim_hard_limit', 'unpaid_grace'];

export const DEFAULT_DEADLINE_RULES: readonly DeadlineRule[] = [
  { kind: 'chargeback', base: 'doc_date', days: 30, warnDays: null, months: 0, effectiveFrom: '2000-01-01', note: 'Chargebacks: dispute within 30 days of the chargeback date (amazowl SOP, advantus wiki).' },
  { kind: 'shortage_claim', base: 'due_date', days: 30, warnDays: 40, months: 0, effectiveFrom: '2000-01-01', note: 'Shortage claims: optimal within 30 days after the invoice due date, maturing to 40 (SupplyPike).' },
  { kind: 'price_claim', base: 'due_date', days: 30, warnDays: 40, months: 0, effectiveFrom: '2000-01-01', note: 'Price claims: dispute within 30 days of the invoice due date (SupplyPike).' },
  { kind: 'claim_hard_limit', base: 'invoice_date', days: 0, warnDays: null, months: 84, effectiveFrom: '2000-01-01', note: 'Before Aug 2025 shortage/price disputes were accepted for roughly 5–7 years.' },
  { kind: 'claim_hard_limit', base: 'invoice_date', days: 0, warnDays: null, months: 24, effectiveFrom: '2025-08-01', note: 'From Aug 2025 shortage and price disputes are limited to 24 months from the invoice date.' },
  { kind: 'unpaid_grace', base: 'due_date', days: 7, warnDays: null, months: 0, effectiveFrom: '2000-01-01', note: 'An invoice counts as unpaid 7 days after its due date.' },
];

/** The rule of `kind` in effect on `date`: the latest effective_from ≤ date (the earliest rule when the date is unknown or older). */
export function applicableRule(rules: readonly DeadlineRule[], kind: DeadlineKind, date: IsoDate | null): DeadlineRule | null {
  const ofKind = rules.filter((r) => r.kind === kind).sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : 0));
  if (ofKind.length === 0) return null;
  if (!date) return ofKind[ofKind.length - 1]!;
  let found: DeadlineRule | null = null;
  for (const r of ofKind) if (r.effectiveFrom <= date) found = r;
  return found ?? ofKind[0]!;
}

function apply(rule: DeadlineRule, base: IsoDate, days: number): IsoDate {
  return addMonths(addDays(base, days), rule.months);
}

export interface BaseDates {
  docDate: IsoDate | null;
  dueDate: IsoDate | null;
  invoiceDate: IsoDate | null;
}

function pickBase(rule: DeadlineRule, d: BaseDates): IsoDate | null {
  return rule.base === 'doc_date' ? d.docDate : rule.base === 'due_date' ? d.dueDate : d.invoiceDate;
}

export interface ClaimDeadline {
  /** Last day of the optimal window, capped by the hard limit. */
  disputeBy: IsoDate;
  /** Last day of the "maturing" window (late but still worth it), capped by the hard limit. */
  warnBy: IsoDate | null;
  /** Last day Amazon accepts a dispute at all. */
  hardLimit: IsoDate | null;
}

/**
 * The dispute deadline of a finding. Claims (shortage/price) count from the due date, fall back to
 * the claim's own date, and never run past the hard limit from the invoice date. The rule is the
 * one in effect on the claim's date (else the invoice date).
 */
export function disputeDeadline(rules: readonly DeadlineRule[], kind: 'chargeback' | 'shortage_claim' | 'price_claim', dates: BaseDates): ClaimDeadline | null {
  const ruleDate = dates.docDate ?? dates.invoiceDate ?? dates.dueDate;
  const rule = applicableRule(rules, kind, ruleDate);
  if (!rule) return null;
  const base = pickBase(rule, dates) ?? (kind === 'chargeback' ? null : dates.docDate);
  if (!base) return null;
  let disputeBy = apply(rule, base, rule.days);
  let warnBy = rule.warnDays !== null ? apply(rule, base, rule.warnDays) : null;
  let hardLimit: IsoDate | null = null;
  if (kind !== 'chargeback') {
    const limit = applicableRule(rules, 'claim_hard_limit', ruleDate);
    const limitBase = limit ? pickBase(limit, dates) ?? dates.docDate : null;
    if (limit && limitBase) {
      hardLimit = apply(limit, limitBase, limit.days);
      if (disputeBy > hardLimit) disputeBy = hardLimit;
      if (warnBy && warnBy > hardLimit) warnBy = hardLimit;
    }
  }
  return { disputeBy, warnBy, hardLimit };
}

/** The day after which an invoice with no payment line counts as unpaid (due date + grace). */
export function unpaidAfter(rules: readonly DeadlineRule[], dueDate: IsoDate): IsoDate {
  const rule = applicableRule(rules, 'unpaid_grace', dueDate);
  return rule ? apply(rule, dueDate, rule.days) : dueDate;
}

/** Due date: the stated one, else invoice date + net days. */
export function invoiceDueDate(dueDate: IsoDate | null, invoiceDate: IsoDate | null, netDays: number | null): IsoDate | null {
  if (dueDate) return dueDate;
  if (invoiceDate && netDays !== null && netDays >= 0) return addDays(invoiceDate, netDays);
  return null;
}

/** Validation for an edited rule: a message a person can act on, or null when the rule is fine. */
export function validateRule(r: DeadlineRule): string | null {
  if (!DEADLINE_KINDS.includes(r.kind)) return `kind must be one of ${DEADLINE_KINDS.join(', ')}`;
  if (!['doc_date', 'due_date', 'invoice_date'].includes(r.base)) return 'base must be doc_date, due_date or invoice_date';
  if (!Number.isInteger(r.days) || r.days < 0 || r.days > 3650) return 'days must be a whole number from 0 to 3650';
  if (r.warnDays !== null && (!Number.isInteger(r.warnDays) || r.warnDays < r.days)) return 'warn days must be a whole number not below days';
  if (!Number.isInteger(r.months) || r.months < 0 || r.months > 240) return 'months must be a whole number from 0 to 240';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(r.effectiveFrom)) return 'effective from must be a date as YYYY-MM-DD';
  return null;
}
