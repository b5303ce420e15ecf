// Plain-English names for finding types and evidence kinds.
export const TYPE_LABELS: Record<string, string> = {
  SHORTAGE_CLAIM_DISPUTABLE: 'Shortage claim — disputable',
  SHORTAGE_CLAIM_VALID: 'Shortage claim — valid',
  PRICE_CLAIM_DISPUTABLE: 'Price claim — disputable',
  PRICE_CLAIM_VALID: 'Price claim — valid',
  UOM_MISMATCH: 'Case-pack (UOM) mismatch',
  UNPAID_INVOICE: 'Unpaid invoice',
  SHORT_PAID: 'Short-paid invoice',
  OVERPAID: 'Overpaid invoice',
  DUPLICATE_PAYMENT: 'Duplicate payment',
  DUPLICATE_DEDUCTION: 'Duplicate deduction',
  PAYMENT_TIE_OUT_GAP: 'Payment does not tie out',
  CHARGEBACK: 'Chargeback',
  COOP_DEDUCTION: 'Co-op / agreement deduction',
  UNMATCHED_DEDUCTION: 'Unmatched deduction',
  INVOICE_WITHOUT_ASN: 'Invoice without ASN',
  INVOICED_MORE_THAN_SHIPPED: 'Invoiced more than shipped',
  ASN_NOT_INVOICED: 'Shipped, never invoiced',
  CLAIM_REVERSED: 'Claim reversed',
  PROVISION_UNREVERSED: 'Provision not reversed',
};

export const typeLabel = (t: string): string => TYPE_LABELS[t] ?? t.replace(/_/g, ' ').toLowerCase().replace(/^./, (c) => c.toUpperCase());

/** The evidence chain in document order: PO → ASN → receipt → invoice → remittance. */
export const EVIDENCE_ORDER = ['po_line', 'po_ack', 'asn', 'asn_carton', 'asn_line', 'receipt', 'invoice', 'invoice_line', 'payment', 'remit_line'];

export const EVIDENCE_LABELS: Record<string, string> = {
  po_line: 'Purchase order line',
  po_ack: 'PO acknowledgement',
  asn: 'Shipment (ASN)',
  asn_carton: 'ASN carton',
  asn_line: 'ASN line',
  receipt: 'Receipt',
  invoice: 'Invoice',
  invoice_line: 'Invoice line',
  payment: 'Payment',
  remit_line: 'Remittance line',
};

export const evidenceLabel = (k: string): string => EVIDENCE_LABELS[k] ?? k.replace(/_/g, ' ');

/** Whole days from `from` to `to` (ISO dates). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}
