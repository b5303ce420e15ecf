// Mapping profiles: how the columns of a register export map to Recoup's fields. Built-in
// profiles carry header synonyms; a profile an analyst saves for an unknown layout names the exact
// headers of that layout (`columns`) and is found again by the layout's header fingerprint.

export type RegisterTarget = 'invoices' | 'shipments' | 'purchase_orders' | 'receipts';

export interface MappingProfile {
  id: string;
  name: string;
  /** invoices | shipments | purchase_orders | receipts */
  target: string;
  /** Normalised header fingerprint the profile was made for (see `fingerprint`); '' for synonym-only built-ins. */
  fingerprint: string;
  /** Field → header text as found in the file. */
  columns: Record<string, string>;
  /** Field → header labels accepted for it (built-in profiles), compared after normalisation. */
  synonyms?: Record<string, string[]>;
  /**
   * Fields the layout must have. A string is one field; an array means "any one of these"
   * (e.g. one item identifier out of ASIN, vendor SKU, UPC, EAN).
   */
  required?: Array<string | string[]>;
  /** Currency when the file names none (no currency column, no symbol on amounts). */
  currency?: string;
  dateOrder?: 'MDY' | 'DMY';
  decimal?: 'point' | 'comma';
  builtin: boolean;
}

/** Fields a register profile may map, by what they fill in the records. */
export const REGISTER_FIELDS = [
  'poNumber', 'asin', 'vendorSku', 'upc', 'ean', 'qty', 'uom', 'caseSize', 'unitCost', 'lineAmount', 'currency', 'lineNo',
  'invoiceNumber', 'invoiceDate', 'dueDate', 'terms', 'invoiceTotal', 'invoiceType', 'vendorCode', 'remitTo', 'status',
  'shipmentId', 'containerId', 'palletId', 'trackingNumber', 'bol', 'pro', 'arn', 'carrier', 'shipDate', 'deliveryDate',
  'shipTo', 'shipFrom', 'freightTerms', 'shipmentType', 'receiveDate', 'orderDate', 'windowStart', 'windowEnd',
] as const;

export type RegisterField = (typeof REGISTER_FIELDS)[number];

/**
 * A leading byte-order mark on the first header cell: U+FEFF itself, or the UTF-8 BOM bytes
 * decoded as Windows-1252 (`ï»¿`) — once or twice — by a tool that opened a UTF-8 CSV as
 * Latin-1 (LibreOffice does, then saves the mojibake into the XLSX).
 */
const LEADING_BOM = /^(?:\uFEFF|ï»¿|Ã¯Â»Â¿)+/;

/** A header cell as written, without surrounding spaces or a leading (mis-decoded) BOM. */
export function cleanHeader(label: string): string {
  return label.trim().replace(LEADING_BOM, '').trim();
}

/**
 * A header label as compared: lower case, punctuation and runs of spaces folded to one space.
 * Both the remittance and the register header detection compare labels through here, so a BOM
 * left on the first header cannot hide a column.
 */
export function normaliseHeader(label: string): string {
  return cleanHeader(label)
    .normalize('NFKC')
    .toLowerCase()
    .replace(/#/g, ' no ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .replace(/\bnumber\b/g, 'no')
    .replace(/\bnbr\b|\bnum\b/g, 'no')
    .trim();
}

/**
 * The fingerprint of a header row: its normalised, non-empty labels, de-duplicated and sorted, so
 * the same layout is recognised whatever the column order. Saved profiles are keyed by it.
 */
export function fingerprint(headers: readonly string[]): string {
  const set = new Set(headers.map(normaliseHeader).filter((h) => h !== ''));
  return [...set].sort().join('|');
}
