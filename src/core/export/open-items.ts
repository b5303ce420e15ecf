// The statement of open items: every open claim in the layout Amazon's settlement process asks for
// (one row per document: vendor code, document number, dates, original and open amounts, PO,
// case id), ready to paste into a "Statement of Open Items Submission" case.
import type { CellValue, Column } from './cells';

export const OPEN_ITEM_COLUMNS: Column[] = [
  { header: 'Vendor Code', kind: 'id', width: 12 },
  { header: 'Document Number', kind: 'id', width: 24 },
  { header: 'Invoice Number', kind: 'id', width: 18 },
  { header: 'Document Type', kind: 'text', width: 22 },
  { header: 'Document Date', kind: 'date' },
  { header: 'PO Number', kind: 'id', width: 12 },
  { header: 'ASIN', kind: 'id', width: 13 },
  { header: 'Payment Number', kind: 'id', width: 16 },
  { header: 'Original Amount', kind: 'money', width: 16 },
  { header: 'Recovered Amount', kind: 'money', width: 16 },
  { header: 'Open Amount', kind: 'money', width: 16 },
  { header: 'Currency', kind: 'text', width: 9 },
  { header: 'Dispute By', kind: 'date' },
  { header: 'Amazon Case ID', kind: 'id', width: 16 },
  { header: 'Status', kind: 'text', width: 18 },
  { header: 'Comments', kind: 'text', width: 60 },
];

const DOC_TYPES: Record<string, string> = {
  SHORTAGE_CLAIM_DISPUTABLE: 'Shortage claim', SHORTAGE_CLAIM_VALID: 'Shortage claim', PRICE_CLAIM_DISPUTABLE: 'Price claim', PRICE_CLAIM_VALID: 'Price claim',
  UOM_MISMATCH: 'Shortage / price claim (UOM)', DUPLICATE_DEDUCTION: 'Duplicate deduction', CHARGEBACK: 'Chargeback', COOP_DEDUCTION: 'Co-op / agreement',
  UNMATCHED_DEDUCTION: 'Unidentified deduction', SHORT_PAID: 'Invoice short-paid', UNPAID_INVOICE: 'Invoice unpaid',
};

export function documentType(findingType: string): string {
  return DOC_TYPES[findingType] ?? findingType;
}

/**
 * Vendor Central's Invoices page shows invoice numbers with an extra trailing `R`; Amazon's
 * settlement team wants the number as invoiced. Drop that `R` only when the number without it is
 * the one Amazon's remittances use (`isKnown`) and the number with it is not — so a real `…SCR`
 * reversal or an invoice that truly ends in R is never cut.
 */
export function withoutInvoicesPageR(doc: string | null, isKnown: (candidate: string) => boolean): string | null {
  if (!doc || !/R$/i.test(doc)) return doc;
  if (isKnown(doc)) return doc;
  const cut = doc.slice(0, -1);
  return isKnown(cut) ? cut : doc;
}

export interface OpenItemClaim {
  vendorCode: string | null;
  claimNumber: string | null;
  invoiceNumber: string | null;
  type: string;
  docDate: string | null;
  poNumber: string | null;
  asin: string | null;
  paymentNumber: string | null;
  amountCents: number;
  recoveredCents: number;
  currency: string;
  disputeBy: string | null;
  caseId: string | null;
  status: string;
  explanation: string | null;
}

export function openItemRow(c: OpenItemClaim, isKnown: (candidate: string) => boolean): CellValue[] {
  const invoice = withoutInvoicesPageR(c.invoiceNumber, isKnown);
  const doc = c.claimNumber ? withoutInvoicesPageR(c.claimNumber, isKnown) : invoice;
  return [
    c.vendorCode, doc, invoice, documentType(c.type), c.docDate, c.poNumber, c.asin, c.paymentNumber, c.amountCents, c.recoveredCents,
    Math.max(0, c.amountCents - c.recoveredCents), c.currency, c.disputeBy, c.caseId, c.status.replace(/_/g, ' '), c.explanation,
  ];
}
