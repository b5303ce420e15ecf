// The normalised records every importer produces and the store accepts: money in integer minor
// units (unit costs in ten-thousandths), quantities in eaches with the source unit and case size
// kept, calendar days as ISO text. `raw` is the source row or segment text kept for audit and
// dispute evidence; `location` says where in the file the record came from ("row 14",
// "segment 23", "$.items[2]").

import type { Cents, CostE4 } from '../shared/money';
import type { IsoDate } from '../shared/dates';
import type { DocumentInfo } from './claims/grammar';

export type SourceFormat =
  | 'vc_remittance_xlsx'
  | 'vc_remittance_csv'
  | 'register_csv'
  | 'register_xlsx'
  | 'x12_810'
  | 'x12_820'
  | 'x12_850'
  | 'x12_855'
  | 'x12_856'
  | 'x12'
  | 'spapi_orders'
  | 'spapi_order_status'
  | 'spapi_shipments'
  | 'spapi_invoices'
  | 'spapi_finance_invoices'
  | 'generated';

/** A quantity as the source wrote it, and in eaches. */
export interface Quantity {
  each: number;
  /** Source unit of measure as written (EA, CA, Cases, Eaches…), upper-cased. */
  uom: string | null;
  /** Amount in the source unit. */
  amount: number;
  /** Case size (units per case) when the unit is a case/pack; null when not given. */
  caseSize: number | null;
}

/** Identifiers of one item as a document gives them; any may be null. */
export interface ItemIds {
  asin: string | null;
  vendorSku: string | null;
  upc: string | null;
  ean: string | null;
}

export interface PaymentRecord {
  kind: 'payment';
  location: string;
  paymentNumber: string;
  paymentDate: IsoDate | null;
  currency: string;
  amountCents: Cents;
  invoiceCurrency: string | null;
  amountInvoiceCurrencyCents: Cents | null;
  exchangeRate: string | null;
  paymentType: string | null;
  status: string | null;
  voidedReason: string | null;
  method: string | null;
  payer: string | null;
  payee: string | null;
  vendorCode: string | null;
  /** Amazon's export warned that some of this payment's lines are hidden. */
  hiddenLines: boolean;
  raw: string;
}

export interface RemitLineRecord {
  kind: 'remit_line';
  location: string;
  paymentNumber: string;
  docNumber: string;
  docDate: IsoDate | null;
  description: string | null;
  doc: DocumentInfo;
  currency: string;
  /** Gross amount of the document line (Invoice Amount), signed: negative for deductions. */
  invoiceAmountCents: Cents;
  withholdingCents: Cents;
  /** Terms discount taken, as signed in the source. */
  discountCents: Cents;
  /** Cash paid on this line, signed. */
  paidCents: Cents;
  remainingCents: Cents | null;
  transactionType: string | null;
  reference: string | null;
  originalInvoice: string | null;
  /** X12 ADX02 reason code or similar. */
  reasonCode: string | null;
  poNumber: string | null;
  raw: string;
}

export interface InvoiceLineRecord {
  lineNo: number;
  poNumber: string | null;
  ids: ItemIds;
  qty: Quantity;
  unitCostE4: CostE4;
  amountCents: Cents;
  raw: string | null;
}

export interface ChargeRecord {
  /** 'allowance' reduces the total, 'charge' adds to it. */
  type: 'allowance' | 'charge';
  code: string | null;
  description: string | null;
  amountCents: Cents;
}

export interface InvoiceRecord {
  kind: 'invoice';
  location: string;
  invoiceNumber: string;
  invoiceType: 'invoice' | 'credit_note';
  invoiceDate: IsoDate | null;
  dueDate: IsoDate | null;
  /** Terms: discount in basis points (2% = 200) within `discountDays`; due in `netDays`. */
  discountPercentBp: number | null;
  discountDays: number | null;
  discountDate: IsoDate | null;
  netDays: number | null;
  terms: string | null;
  currency: string;
  /** Gross total: lines + charges − allowances, before any terms discount. */
  totalCents: Cents;
  vendorCode: string | null;
  remitTo: string | null;
  shipTo: string | null;
  shipFrom: string | null;
  poNumber: string | null;
  status: string | null;
  lines: InvoiceLineRecord[];
  charges: ChargeRecord[];
  raw: string;
}

export interface PoLineRecord {
  lineNo: number;
  ids: ItemIds;
  ordered: Quantity;
  unitCostE4: CostE4 | null;
  raw: string | null;
}

export interface PurchaseOrderRecord {
  kind: 'purchase_order';
  location: string;
  poNumber: string;
  orderDate: IsoDate | null;
  vendorCode: string | null;
  shipTo: string | null;
  windowStart: IsoDate | null;
  windowEnd: IsoDate | null;
  state: string | null;
  currency: string;
  lines: PoLineRecord[];
  raw: string;
}

/** A confirmation (855 ACK / SP-API acknowledgement status) of one PO line. */
export interface PoAckRecord {
  kind: 'po_ack';
  location: string;
  poNumber: string;
  lineNo: number | null;
  ids: ItemIds;
  /** accepted | backordered | rejected | other X12 status text */
  status: string;
  qty: Quantity;
  unitCostE4: CostE4 | null;
  ackDate: IsoDate | null;
  raw: string;
}

export interface CartonRecord {
  /** SSCC (18 digits, or 20 with the `00` application identifier), AMZNCC or another id. */
  containerId: string;
  idType: string | null;
  type: 'carton' | 'pallet';
  parentId: string | null;
  trackingNumber: string | null;
}

export interface ShipmentLineRecord {
  lineNo: number;
  poNumber: string | null;
  ids: ItemIds;
  qty: Quantity;
  /** Carton the units were packed in (matches CartonRecord.containerId), if known. */
  containerId: string | null;
  raw: string | null;
}

export interface ShipmentRecord {
  kind: 'shipment';
  location: string;
  shipmentId: string;
  shipmentDate: IsoDate | null;
  shippedDate: IsoDate | null;
  deliveryDate: IsoDate | null;
  carrierScac: string | null;
  bol: string | null;
  pro: string | null;
  arn: string | null;
  shipFrom: string | null;
  shipTo: string | null;
  vendorCode: string | null;
  shipmentType: string | null;
  /** prepaid | collect | null: decides which proof Amazon accepts (POD vs carrier-signed BOL). */
  freightTerms: string | null;
  cartons: CartonRecord[];
  lines: ShipmentLineRecord[];
  raw: string;
}

/**
 * Units received by Amazon for one PO line. `snapshot` rows give the cumulative quantity as of
 * `receiveDate` (SP-API purchase order status: the latest snapshot wins); `event` rows are
 * individual receipts (ERP/VC registers) and add up.
 */
export interface ReceiptRecord {
  kind: 'receipt';
  location: string;
  poNumber: string;
  ids: ItemIds;
  lineNo: number | null;
  qty: Quantity;
  receiveDate: IsoDate | null;
  mode: 'snapshot' | 'event';
  fc: string | null;
  status: string | null;
  raw: string;
}

export type ImportRecord =
  | PaymentRecord
  | RemitLineRecord
  | InvoiceRecord
  | PurchaseOrderRecord
  | PoAckRecord
  | ShipmentRecord
  | ReceiptRecord;

/** A row, segment or document the importer could not accept, with the reason a person can act on. */
export interface Reject {
  /** "row 14", "segment 23 (IT1)", "transaction 0002 (ST at segment 40)", "$.items[3]" */
  location: string;
  field: string | null;
  reason: string;
  raw: string | null;
}

export interface ParseChunk {
  records: ImportRecord[];
  rejects: Reject[];
  /** Facts about the whole file, learnt while parsing; later chunks may add to them. */
  meta?: ParseMeta;
}

export interface ParseMeta {
  /** The precise format once known (e.g. x12_810 after reading ST01). */
  format?: SourceFormat;
  /** Mapping profile used for a register. */
  profile?: string;
  /** Marketplace / locale the file was read as (US, DE, IN…). */
  marketplace?: string;
  /** Payments listed in the Vendor Central warning row: some of their lines are hidden. */
  hiddenLinePayments?: string[];
  /** Plain-English notes for the analyst about how the file was read. */
  notes?: string[];
}

/** What a file parser gets besides the content. */
export interface ParseContext {
  fileName: string;
  /** Marketplace hint (US, CA, MX, BR use MM/DD and decimal points; most others DD/MM and commas). */
  marketplace?: string;
}

/** A file that cannot be read at all (not a recognised format, corrupt container, no header row). */
export class UnreadableFileError extends Error {}

export function eaches(amount: number, uom: string | null, caseSize: number | null): Quantity {
  const unit = uom ? uom.trim().toUpperCase() : null;
  const isCase = unit !== null && CASE_UNITS.has(unit);
  const size = caseSize && caseSize > 0 ? caseSize : null;
  return { each: isCase && size ? amount * size : amount, uom: unit, amount, caseSize: size };
}

/** Units of measure that mean "a case of `caseSize` eaches". */
export const CASE_UNITS = new Set(['CA', 'CS', 'CASE', 'CASES', 'PK', 'PACK', 'BX', 'BOX', 'CT', 'CTN', 'CARTON']);

export const noIds: ItemIds = { asin: null, vendorSku: null, upc: null, ean: null };
