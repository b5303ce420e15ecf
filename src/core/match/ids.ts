// Finding ids derive from the finding's type and key facts only, so a re-run (after more imports,
// or with another --as-of) gives the same id while those facts hold, and the analyst's work kept
// against the id (status, notes, dispute) stays attached. Amounts, dates and explanations are not
// key facts: they may change without changing the finding.
import type { FindingDraft, FindingType } from './types';

type KeyField = 'claim_number' | 'invoice_number' | 'po_number' | 'asin' | 'payment_number';

/** Which facts identify a finding of each type. */
export const KEY_FACTS: Record<FindingType, readonly KeyField[]> = {
  SHORTAGE_CLAIM_DISPUTABLE: ['claim_number', 'invoice_number', 'po_number', 'asin'],
  SHORTAGE_CLAIM_VALID: ['claim_number', 'invoice_number', 'po_number', 'asin'],
  PRICE_CLAIM_DISPUTABLE: ['claim_number', 'invoice_number'],
  // A line-level fact that exists before Amazon raises its claim: the claim is not part of the key.
  PRICE_CLAIM_VALID: ['invoice_number', 'po_number', 'asin'],
  UOM_MISMATCH: ['po_number', 'asin'],
  UNPAID_INVOICE: ['invoice_number'],
  SHORT_PAID: ['invoice_number'],
  OVERPAID: ['invoice_number'],
  DUPLICATE_PAYMENT: ['invoice_number'],
  DUPLICATE_DEDUCTION: ['claim_number'],
  PAYMENT_TIE_OUT_GAP: ['payment_number'],
  CHARGEBACK: ['claim_number'],
  COOP_DEDUCTION: ['claim_number'],
  UNMATCHED_DEDUCTION: ['claim_number'],
  INVOICE_WITHOUT_ASN: ['invoice_number', 'po_number', 'asin'],
  INVOICED_MORE_THAN_SHIPPED: ['po_number', 'asin'],
  ASN_NOT_INVOICED: ['po_number', 'asin'],
  CLAIM_REVERSED: ['claim_number'],
  PROVISION_UNREVERSED: ['claim_number'],
};

const ORDER: readonly KeyField[] = ['claim_number', 'invoice_number', 'po_number', 'asin', 'payment_number'];

/** `type|claim|invoice|po|asin|payment` with the fields that are not key facts left empty. */
export function findingKey(d: Pick<FindingDraft, 'type' | KeyField | 'item_key'>, discriminator = ''): string {
  const used = KEY_FACTS[d.type];
  // An item known only by vendor SKU/UPC/EAN has no ASIN: its item key stands in.
  const parts = ORDER.map((f) => (used.includes(f) ? ((f === 'asin' ? d.asin ?? d.item_key : d[f]) ?? '') : ''));
  return [d.type, ...parts].join('|') + (discriminator ? `|${discriminator}` : '');
}

/** `f_` + the first 12 hex digits of sha256(key). The hash function is passed in (core does no I/O). */
export function findingIdFromKey(key: string, sha256Hex: (text: string) => string): string {
  return `f_${sha256Hex(key).slice(0, 12)}`;
}

/**
 * Ids for a run's drafts: two drafts with the same key (e.g. one invoice line repeated) get
 * `#2`, `#3`… appended in the order given, which the engine keeps deterministic.
 */
export function assignIds<T extends FindingDraft>(drafts: readonly T[], sha256Hex: (text: string) => string): Array<T & { id: string }> {
  const ids = new IdAssigner(sha256Hex);
  return drafts.map((d) => ({ ...d, id: ids.next(d) }));
}

/** The same, one draft at a time, for runs that stream their findings out as they go. */
export class IdAssigner {
  private readonly seen = new Map<string, number>();
  constructor(private readonly sha256Hex: (text: string) => string) {}

  next(d: FindingDraft): string {
    const base = findingKey(d);
    const n = (this.seen.get(base) ?? 0) + 1;
    this.seen.set(base, n);
    return findingIdFromKey(n === 1 ? base : `${base}#${n}`, this.sha256Hex);
  }
}
