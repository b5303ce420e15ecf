// Vendor Central Payments > Remittance "Export to a Spreadsheet" (DOMAIN.md §2.1), as XLSX or the
// same sheet saved as CSV. One sheet holds two stacked sections, each found by its header labels
// (never by row number): the payments (`Payment Number`, `Payment Date`, …), an optional warning
// row that reuses the `Payment Number` label to list payments whose lines are hidden, a title row
// `Invoices`, then the invoice lines (`Payment Number`, `Invoice Number`, …, `Amount Paid` or
// `Net Amount Paid`). The Indian layout starts the line header with `Invoice Number` and adds
// transaction type, reference and original invoice columns.
import type { PaymentRecord, RemitLineRecord } from '../records';
import { classifyDocument } from '../claims/grammar';
import { cleanHeader, normaliseHeader } from './profiles';
import { LocaleHeldSheet } from './held-sheet';
import { CellError, RawRow, cell, currencyOf, date, identifier, isBlankRow, money, requiredMoney } from './cells';

type Cols = Map<string, number>;

const PAYMENT_FIELDS: Record<string, string[]> = {
  paymentNumber: ['payment no', 'remittance no'],
  paymentDate: ['payment date'],
  invoiceCurrency: ['invoice currency'],
  amountInvoiceCurrency: ['amount in invoice currency'],
  currency: ['payment currency'],
  amount: ['amount in payment currency', 'payment amount', 'amount'],
  exchangeRate: ['exchange rate'],
  paymentType: ['payment type'],
  status: ['payment status', 'status'],
  voidedReason: ['payment voided reason', 'voided reason'],
  method: ['payment method'],
  payee: ['payee'],
  payer: ['payer'],
  vendorCode: ['vendor code', 'supplier no'],
};

const LINE_FIELDS: Record<string, string[]> = {
  paymentNumber: ['payment no', 'remittance no'],
  docNumber: ['invoice no'],
  docDate: ['invoice date'],
  description: ['description', 'invoice description', 'transaction description'],
  invoiceAmount: ['invoice amount'],
  currency: ['invoice currency', 'currency'],
  withholding: ['withholding amount', 'withholding tax amount'],
  discount: ['terms discount taken', 'discount taken', 'terms discount'],
  paid: ['amount paid', 'net amount paid', 'paid amount'],
  remaining: ['remaining amount', 'amount remaining'],
  transactionType: ['transaction type'],
  reference: ['reference details', 'reference'],
  originalInvoice: ['original invoice no'],
  poNumber: ['po no', 'purchase order', 'purchase order no', 'po'],
};

const HIDDEN_TEXT = /not be displayed|ordering codes are not set ?up/i;

function mapColumns(row: readonly string[], fields: Record<string, string[]>): { cols: Cols; labels: Map<string, string> } {
  const byLabel = new Map<string, number>();
  row.forEach((c, i) => {
    const n = normaliseHeader(String(c ?? ''));
    if (n && !byLabel.has(n)) byLabel.set(n, i);
  });
  const cols: Cols = new Map();
  const labels = new Map<string, string>();
  for (const [field, synonyms] of Object.entries(fields)) {
    for (const s of synonyms) {
      const i = byLabel.get(s);
      if (i !== undefined && ![...cols.values()].includes(i)) {
        cols.set(field, i);
        labels.set(field, cleanHeader(String(row[i])));
        break;
      }
    }
  }
  return { cols, labels };
}

function labelsOf(row: readonly string[]): Set<string> {
  return new Set(row.map((c) => normaliseHeader(String(c ?? ''))).filter(Boolean));
}

function firstCell(row: readonly string[]): string {
  for (const c of row) if (c !== undefined && String(c).trim() !== '') return String(c).trim();
  return '';
}

function mayBeLabelRow(row: readonly string[]): boolean {
  if (/^payment\s*(number|no|#)/i.test(firstCell(row))) return true;
  for (const c of row) if (c && /\d/.test(String(c))) return false;
  return true;
}

export function isPaymentHeader(row: readonly string[]): boolean {
  const l = labelsOf(row);
  return l.has('payment no') && !l.has('invoice no') && (l.has('amount in payment currency') || l.has('payment date'));
}

export function isLineHeader(row: readonly string[]): boolean {
  const l = labelsOf(row);
  return l.has('payment no') && l.has('invoice no');
}

/** Column names as Vendor Central writes them, for messages about a missing column. */
const DISPLAY: Record<string, string> = {
  paymentNumber: 'Payment Number', amount: 'Amount in Payment Currency', docNumber: 'Invoice Number', invoiceAmount: 'Invoice Amount',
  paid: 'Amount Paid (or Net Amount Paid)',
};

export function isWarningRow(row: readonly string[]): boolean {
  if (normaliseHeader(firstCell(row)) !== 'payment no') return false;
  if (row.some((c) => HIDDEN_TEXT.test(String(c ?? '')))) return true;
  const rest = row.filter((c) => String(c ?? '').trim() !== '').slice(1);
  return rest.length > 0 && /^\s*\d{5,}(\s*[,;]\s*\d{5,})*[\s,;]*$/.test(String(rest[0]));
}

/** The payment numbers a warning row lists. */
function hiddenPayments(row: readonly string[]): string[] {
  const cells = row.map((c) => String(c ?? '').trim()).filter(Boolean).slice(1);
  const lists = cells.filter((c) => /^[\d\s,;]+$/.test(c));
  const source = lists.length ? lists.join(',') : cells.map((c) => c.split(HIDDEN_TEXT)[0] ?? '').join(' ');
  return [...new Set(source.match(/\d{5,}/g) ?? [])];
}

interface Section {
  cols: Cols;
  labels: Map<string, string>;
  raw: RawRow;
}

interface Pending {
  kind: 'payment' | 'line';
  rowNo: number;
  cells: string[];
  /** The header the row was read under (a later header may redefine the columns). */
  sec: Section;
}

export class VcRemittanceSheet extends LocaleHeldSheet<Pending> {
  readonly hidden: string[] = [];
  private section: 'seek' | 'payments' | 'lines' = 'seek';
  private payment: Section | null = null;
  private line: Section | null = null;
  /** Payments wait for the end of their section, so the warning row can flag them first. */
  private heldPayments: PaymentRecord[] = [];
  private readonly paymentCurrency = new Map<string, string>();
  /** Each payment's invoice currency (its own column, else the payment currency): its lines must match. */
  private readonly paymentInvoiceCurrency = new Map<string, string>();
  sawPaymentSection = false;
  sawLineSection = false;
  indianLayout = false;

  constructor(private readonly container: 'xlsx' | 'csv') {
    super();
  }

  /** Take one sheet row (1-based row number). Data rows wait until the locale is known. */
  push(row: string[], rowNo: number): void {
    if (isBlankRow(row)) return;
    // Fast path for the many data rows: headers, titles and the warning row either start with
    // the `Payment Number` label or hold no digit at all.
    if (this.section !== 'seek' && !mayBeLabelRow(row)) {
      this.dataRow(row, rowNo);
      return;
    }
    if (isWarningRow(row)) {
      const list = hiddenPayments(row);
      this.hidden.push(...list.filter((p) => !this.hidden.includes(p)));
      return;
    }
    if (isLineHeader(row)) {
      this.line = { ...mapColumns(row, LINE_FIELDS), raw: new RawRow(row) };
      this.requireColumns(this.line.cols, ['paymentNumber', 'docNumber', 'invoiceAmount', 'paid'], LINE_FIELDS, row, rowNo, 'invoice-line');
      const l = labelsOf(row);
      if (l.has('net amount paid')) this.evidence.nonUsLayout = true;
      this.indianLayout = normaliseHeader(firstCell(row)) === 'invoice no' && l.has('transaction type');
      this.section = 'lines';
      this.sawLineSection = true;
      this.releasePayments();
      return;
    }
    if (isPaymentHeader(row)) {
      this.payment = { ...mapColumns(row, PAYMENT_FIELDS), raw: new RawRow(row) };
      this.requireColumns(this.payment.cols, ['paymentNumber', 'amount'], PAYMENT_FIELDS, row, rowNo, 'payment');
      this.section = 'payments';
      this.sawPaymentSection = true;
      return;
    }
    const first = normaliseHeader(firstCell(row));
    if (row.filter((c) => String(c ?? '').trim() !== '').length === 1 && /^(invoices?|remittance payments|payments)$/.test(first)) {
      if (first.startsWith('invoice')) this.releasePayments();
      return;
    }
    if (this.section === 'seek') return; // title lines above the first header
    this.dataRow(row, rowNo);
  }

  private dataRow(row: string[], rowNo: number): void {
    const kind = this.section === 'payments' ? 'payment' : 'line';
    const sec = kind === 'payment' ? this.payment! : this.line!;
    if (!this.locale) this.feedEvidence(kind, row);
    this.take({ kind, rowNo, cells: row, sec });
  }

  finish(): void {
    this.releasePayments();
    if (this.hidden.length) {
      this.notes.push(`Vendor Central hides some lines of ${this.hidden.length} payment(s) (${this.hidden.join(', ')}): their ordering codes are not set up in the account, so they will not tie out to their lines`);
    }
    if (this.indianLayout) this.notes.push('invoice lines in the Indian remittance layout (transaction type, reference and original invoice columns)');
    if (this.line && this.line.labels.get('paid') === 'Net Amount Paid') this.notes.push('paid column labelled "Net Amount Paid" (non-US layout)');
    if (!this.sawLineSection) this.notes.push('the export has no invoice-line section: payments only');
  }

  private requireColumns(cols: Cols, needed: string[], fields: Record<string, string[]>, row: readonly string[], rowNo: number, what: string): void {
    const missing = needed.filter((f) => !cols.has(f));
    if (missing.length) {
      const want = missing.map((f) => `"${DISPLAY[f] ?? fields[f]![0]}"`).join(', ');
      throw new HeaderError(`the ${what} header at row ${rowNo} has no ${want} column (headers found: ${row.filter((c) => String(c ?? '').trim()).join(', ')})`);
    }
  }

  private releasePayments(): void {
    for (const p of this.heldPayments) p.hiddenLines = this.hidden.includes(p.paymentNumber);
    this.records.push(...this.heldPayments);
    this.heldPayments = [];
  }

  private feedEvidence(kind: 'payment' | 'line', row: readonly string[]): void {
    const sec = kind === 'payment' ? this.payment : this.line;
    if (!sec) return;
    const c = sec.cols;
    if (kind === 'payment') {
      this.evidence.date(cell(row, c.get('paymentDate')));
      this.evidence.currencyCode(cell(row, c.get('currency')));
      this.evidence.amount(cell(row, c.get('amount')));
    } else {
      this.evidence.date(cell(row, c.get('docDate')));
      this.evidence.currencyCode(cell(row, c.get('currency')));
      this.evidence.amount(cell(row, c.get('paid')));
      this.evidence.amount(cell(row, c.get('invoiceAmount')));
    }
  }

  protected override convert(p: Pending): void {
    try {
      if (p.kind === 'payment') this.convertPayment(p);
      else this.convertLine(p);
    } catch (err) {
      if (!(err instanceof CellError)) throw err;
      this.rejects.push({ location: `row ${p.rowNo}`, field: err.field, reason: err.message, raw: p.sec.raw.json(p.cells) });
    }
  }

  private convertPayment(p: Pending): void {
    const { cols, labels, raw } = p.sec;
    const loc = this.locale!;
    const get = (f: string) => cell(p.cells, cols.get(f));
    const label = (f: string) => labels.get(f) ?? f;
    const paymentNumber = paymentNo(get('paymentNumber'), label('paymentNumber'));
    const amountText = get('amount');
    const amountCents = requiredMoney(amountText, label('amount'), loc);
    const invoiceCurrency = get('invoiceCurrency').toUpperCase() || null;
    const currency = get('currency').toUpperCase() || currencyOf(amountText, loc) || invoiceCurrency || loc.currency;
    this.paymentCurrency.set(paymentNumber, currency);
    this.paymentInvoiceCurrency.set(paymentNumber, invoiceCurrency ?? currency);
    const rec: PaymentRecord = {
      kind: 'payment',
      location: `row ${p.rowNo}`,
      paymentNumber,
      paymentDate: date(get('paymentDate'), label('paymentDate'), loc, this.container),
      currency,
      amountCents,
      invoiceCurrency,
      amountInvoiceCurrencyCents: money(get('amountInvoiceCurrency'), label('amountInvoiceCurrency'), loc),
      exchangeRate: get('exchangeRate') || null,
      paymentType: get('paymentType') || null,
      status: get('status') || null,
      voidedReason: get('voidedReason') || null,
      method: get('method') || null,
      payer: get('payer') || null,
      payee: get('payee') || null,
      vendorCode: get('vendorCode') || null,
      hiddenLines: this.hidden.includes(paymentNumber),
      raw: raw.json(p.cells),
    };
    // Once the invoice lines have begun, the warning row (which precedes them) has been read.
    if (this.sawLineSection) this.records.push(rec);
    else this.heldPayments.push(rec);
  }

  private convertLine(p: Pending): void {
    const { cols, labels, raw } = p.sec;
    const loc = this.locale!;
    const get = (f: string) => cell(p.cells, cols.get(f));
    const label = (f: string) => labels.get(f) ?? f;
    const paymentNumber = paymentNo(get('paymentNumber'), label('paymentNumber'));
    // Checked before the amounts, which in another currency may not even read in this locale.
    // Only a stated currency code is compared: a `$` symbol cannot tell USD from CAD.
    const statedCurrency = get('currency').toUpperCase();
    const settledIn = this.paymentInvoiceCurrency.get(paymentNumber);
    if (statedCurrency && settledIn && statedCurrency !== settledIn) {
      throw new CellError(label('currency'), `${label('currency')} "${statedCurrency}" differs from payment ${paymentNumber} (${settledIn}); one payment is settled in one currency`);
    }
    const docNumber = identifier(get('docNumber'), label('docNumber'));
    if (!docNumber) throw new CellError(label('docNumber'), `${label('docNumber')} is empty (a document number is expected)`);
    const invoiceText = get('invoiceAmount');
    const paidText = get('paid');
    const invoiceAmountCents = requiredMoney(invoiceText, label('invoiceAmount'), loc);
    const paidCents = requiredMoney(paidText, label('paid'), loc);
    const description = get('description') || null;
    const transactionType = get('transactionType') || null;
    const originalInvoice = identifier(get('originalInvoice'), label('originalInvoice'));
    const classifyText = [transactionType, description].filter(Boolean).join(' - ') || null;
    let doc = classifyDocument(docNumber, classifyText, invoiceAmountCents);
    // The Indian layout names the claimed invoice outright; prefer it to a root read from text.
    if (originalInvoice && doc.suffixChain === null && (doc.root === null || doc.root === docNumber) && doc.family !== 'invoice') {
      doc = { ...doc, root: originalInvoice, reason: `${doc.reason}; refers to invoice ${originalInvoice} (Original Invoice Number)` };
    }
    const currency = get('currency').toUpperCase() || currencyOf(paidText, loc) || currencyOf(invoiceText, loc) || this.paymentCurrency.get(paymentNumber) || loc.currency;
    const rec: RemitLineRecord = {
      kind: 'remit_line',
      location: `row ${p.rowNo}`,
      paymentNumber,
      docNumber,
      docDate: date(get('docDate'), label('docDate'), loc, this.container),
      description,
      doc,
      currency,
      invoiceAmountCents,
      withholdingCents: money(get('withholding'), label('withholding'), loc) ?? 0,
      discountCents: money(get('discount'), label('discount'), loc) ?? 0,
      paidCents,
      remainingCents: money(get('remaining'), label('remaining'), loc),
      transactionType,
      reference: get('reference') || null,
      originalInvoice,
      reasonCode: null,
      poNumber: identifier(get('poNumber'), label('poNumber')) ?? poFromDescription(description),
      raw: raw.json(p.cells),
    };
    this.records.push(rec);
  }
}

/**
 * Sales-invoice lines describe themselves as `{PO}/{warehouse}/` (e.g. `6553UEPU/IST2/`,
 * DOMAIN.md §3.2): the PO is the 8-character Amazon PO token, digit first, letter last.
 */
function poFromDescription(description: string | null): string | null {
  const m = description ? /^([0-9][0-9A-Z]{6}[A-Z])\/[A-Z0-9]{3,5}(?:\/|$)/i.exec(description.trim()) : null;
  return m ? m[1]!.toUpperCase() : null;
}

function paymentNo(text: string, field: string): string {
  const id = identifier(text, field);
  if (!id) throw new CellError(field, `${field} is empty (a payment number is expected)`);
  if (!/^\d+$/.test(id)) throw new CellError(field, `${field} "${id}" is not a payment number (digits expected)`);
  return id;
}

/** A header row that names the layout but lacks a column Recoup needs. */
export class HeaderError extends Error {}
