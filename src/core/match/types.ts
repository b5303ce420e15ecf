// The finding contract of FINDINGS.md: the JSON shape analysts script against. Add fields freely,
// never rename or drop one.
import type { Cents } from '../../shared/money';
import type { IsoDate } from '../../shared/dates';

export const FINDING_TYPES = [
  'SHORTAGE_CLAIM_DISPUTABLE',
  'SHORTAGE_CLAIM_VALID',
  'PRICE_CLAIM_DISPUTABLE',
  'PRICE_CLAIM_VALID',
  'UOM_MISMATCH',
  'UNPAID_INVOICE',
  'SHORT_PAID',
  'OVERPAID',
  'DUPLICATE_PAYMENT',
  'DUPLICATE_DEDUCTION',
  'PAYMENT_TIE_OUT_GAP',
  'CHARGEBACK',
  'COOP_DEDUCTION',
  'UNMATCHED_DEDUCTION',
  'INVOICE_WITHOUT_ASN',
  'INVOICED_MORE_THAN_SHIPPED',
  'ASN_NOT_INVOICED',
  'CLAIM_REVERSED',
  // FINDINGS.md: "an unreversed [provision] is reported as info only" — its own type so it never
  // lands in UNMATCHED_DEDUCTION.
  'PROVISION_UNREVERSED',
] as const;

export type FindingType = (typeof FINDING_TYPES)[number];
export type Severity = 'info' | 'low' | 'medium' | 'high';

export function isFindingType(s: string): s is FindingType {
  return (FINDING_TYPES as readonly string[]).includes(s);
}

export interface Evidence {
  /** invoice | invoice_line | po_line | po_ack | asn | asn_line | asn_carton | receipt | payment | remit_line */
  kind: string;
  ref: string;
}

/** A finding as FINDINGS.md prints it: every key present, null where it does not apply. */
export interface Finding {
  id: string;
  type: FindingType;
  severity: Severity;
  amount_cents: Cents;
  currency: string;
  invoice_number: string | null;
  claim_number: string | null;
  po_number: string | null;
  asin: string | null;
  payment_number: string | null;
  shipment_id: string | null;
  dispute_by: IsoDate | null;
  explanation: string;
  evidence: Evidence[];
}

/** A finding before its id is derived, with the extra facts the store keeps (not in the JSON). */
export interface FindingDraft extends Omit<Finding, 'id'> {
  vendor_code?: string | null;
  /** The matched item (ASIN, or `SKU:…`/`UPC:…`/`EAN:…` when no ASIN is known) of line-level findings. */
  item_key?: string | null;
  /** The date of the document the finding is about (claim date, due date…). */
  doc_date?: IsoDate | null;
  /** Computation inputs (units, costs, deadlines) for the dispute pack and the UI. */
  details?: Record<string, unknown>;
}

/** The JSON keys of a finding, in contract order. */
export const FINDING_KEYS = [
  'id', 'type', 'severity', 'amount_cents', 'currency', 'invoice_number', 'claim_number', 'po_number', 'asin',
  'payment_number', 'shipment_id', 'dispute_by', 'explanation', 'evidence',
] as const satisfies readonly (keyof Finding)[];

/** One minor unit per currency (FINDINGS.md). */
export const TOLERANCE_CENTS = 1;
