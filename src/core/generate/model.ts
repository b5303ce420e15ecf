// The generated business, as plain documents before they are written in any file format, and the
// ground truth: the findings each planted situation must raise and the traps that must raise none.
import type { Cents, CostE4 } from '../../shared/money';
import type { IsoDate } from '../../shared/dates';

/** Which format family carries a cluster's POs, ASNs, invoices and receipts. */
export type Family = 'edi' | 'spapi' | 'csv';
/** The file format of one payment's remittance. */
export type RemitFormat = 'xlsx' | 'csv' | 'x12';

export interface Item {
  asin: string;
  sku: string;
  upc: string;
  /** Eaches per physical case. */
  caseSize: number;
  costE4: CostE4;
  title: string;
}

export interface GenPoLine {
  lineNo: number;
  item: Item;
  /** Ordered amount in `uom`; eaches = amount × caseSize when uom is CA. */
  amount: number;
  uom: 'CA' | 'EA';
  /** The case size the PO states (the catalog's; 1 when the catalog case pack is wrong). */
  caseSize: number;
  orderedEach: number;
  acceptedEach: number;
  costE4: CostE4;
}

export interface GenPo {
  poNumber: string;
  family: Family;
  chunk: string;
  orderDate: IsoDate;
  windowStart: IsoDate;
  windowEnd: IsoDate;
  fc: string;
  lines: GenPoLine[];
}

export interface GenShipLine {
  lineNo: number;
  poNumber: string;
  item: Item;
  uom: 'CA' | 'EA';
  /** Amount in `uom`. */
  amount: number;
  caseSize: number;
  each: number;
  /** SSCC of the carton, 20 digits with the `00` application identifier. */
  sscc: string;
}

export interface GenShipment {
  shipmentId: string;
  family: Family;
  chunk: string;
  shipDate: IsoDate;
  deliveryDate: IsoDate;
  scac: string;
  bol: string;
  pro: string;
  arn: string;
  fc: string;
  lines: GenShipLine[];
}

export interface GenInvLine {
  lineNo: number;
  poNumber: string;
  item: Item;
  uom: 'CA' | 'EA';
  amount: number;
  caseSize: number;
  each: number;
  costE4: CostE4;
  amountCents: Cents;
}

export interface GenInvoice {
  invoiceNumber: string;
  family: Family;
  chunk: string;
  invoiceDate: IsoDate;
  shipDate: IsoDate;
  discountDate: IsoDate;
  dueDate: IsoDate;
  fc: string;
  shipmentId: string | null;
  totalCents: Cents;
  lines: GenInvLine[];
}

/** What Amazon received per PO line, as of the data set's as-of date. */
export interface GenReceiptLine {
  lineNo: number;
  item: Item;
  orderedEach: number;
  acceptedEach: number;
  receivedEach: number;
  /** The PO line's unit and case size, for writing quantities as the PO did. */
  uom: 'CA' | 'EA';
  caseSize: number;
  costE4: CostE4;
  lastReceiveDate: IsoDate | null;
  /** No receipt data at all for this line (the register simply lacks the row). */
  missing: boolean;
}

export interface GenPoStatus {
  poNumber: string;
  family: Family;
  chunk: string;
  orderDate: IsoDate;
  fc: string;
  lines: GenReceiptLine[];
}

export type RemitKind = 'invoice' | 'claim' | 'reversal' | 'chargeback' | 'agreement' | 'provision' | 'other';

export interface GenRemitLine {
  docNumber: string;
  docDate: IsoDate;
  description: string;
  kind: RemitKind;
  /** Gross document amount, signed (negative for deductions); the same on every slice. */
  invoiceAmountCents: Cents;
  discountCents: Cents;
  paidCents: Cents;
  remainingCents: Cents;
  /** X12 ADX02 reason code for deductions written as ADX in an 820. */
  adxCode: string | null;
}

export interface GenPayment {
  paymentNumber: string;
  date: IsoDate;
  chunk: string;
  format: RemitFormat;
  /** The amount Amazon paid: the sum of the lines plus any hidden lines. */
  amountCents: Cents;
  /** Sum of lines Amazon did not display (ordering codes not set up); 0 normally. */
  hiddenCents: Cents;
  lines: GenRemitLine[];
}

export type FindingType =
  | 'SHORTAGE_CLAIM_DISPUTABLE' | 'SHORTAGE_CLAIM_VALID' | 'PRICE_CLAIM_DISPUTABLE' | 'PRICE_CLAIM_VALID'
  | 'UOM_MISMATCH' | 'UNPAID_INVOICE' | 'SHORT_PAID' | 'OVERPAID' | 'DUPLICATE_PAYMENT' | 'DUPLICATE_DEDUCTION'
  | 'PAYMENT_TIE_OUT_GAP' | 'CHARGEBACK' | 'COOP_DEDUCTION' | 'UNMATCHED_DEDUCTION' | 'INVOICE_WITHOUT_ASN'
  | 'INVOICED_MORE_THAN_SHIPPED' | 'ASN_NOT_INVOICED' | 'CLAIM_REVERSED';

export const FINDING_TYPES: readonly FindingType[] = [
  'SHORTAGE_CLAIM_DISPUTABLE', 'SHORTAGE_CLAIM_VALID', 'PRICE_CLAIM_DISPUTABLE', 'PRICE_CLAIM_VALID', 'UOM_MISMATCH',
  'UNPAID_INVOICE', 'SHORT_PAID', 'OVERPAID', 'DUPLICATE_PAYMENT', 'DUPLICATE_DEDUCTION', 'PAYMENT_TIE_OUT_GAP', 'CHARGEBACK',
  'COOP_DEDUCTION', 'UNMATCHED_DEDUCTION', 'INVOICE_WITHOUT_ASN', 'INVOICED_MORE_THAN_SHIPPED', 'ASN_NOT_INVOICED', 'CLAIM_REVERSED',
];

/**
 * One finding the engine must raise. A key that is null means "not checked" (the finding may
 * carry any value there); amounts are always checked.
 */
export interface TruthFinding {
  situation: string;
  type: FindingType;
  invoice_number: string | null;
  claim_number: string | null;
  po_number: string | null;
  asin: string | null;
  payment_number: string | null;
  amount_cents: Cents;
}

/** A situation that looks suspicious but must raise no finding (beyond any listed in `expected`). */
export interface TruthTrap {
  id: string;
  kind: string;
  description: string;
  invoice_number: string | null;
  claim_number: string | null;
  po_number: string | null;
  payment_number: string | null;
}

export interface TruthSituation {
  id: string;
  kind: string;
  family: Family | null;
  description: string;
}

export interface Truth {
  generator: string;
  seed: string;
  invoice_lines: number;
  as_of: IsoDate;
  currency: string;
  vendor_code: string;
  terms: string;
  counts: Record<string, number>;
  situations: TruthSituation[];
  findings: TruthFinding[];
  traps: TruthTrap[];
}
