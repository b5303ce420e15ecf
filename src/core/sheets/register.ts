// Registers exported by vendors' ERPs and Vendor Central (invoices, shipments/ASNs, purchase
// orders, receipts): the header row picks a mapping profile (a saved profile by its exact header
// fingerprint, else the built-in whose synonyms cover most headers with every required field),
// then rows group into documents: invoice lines by invoice number, ASN lines (and their cartons)
// by shipment id, PO lines by PO number; each receipt row is one receipt event.
import type {
  CartonRecord, InvoiceLineRecord, InvoiceRecord, ItemIds, PoLineRecord, PurchaseOrderRecord, Quantity, ReceiptRecord,
  ShipmentLineRecord, ShipmentRecord,
} from '../records';
import { CASE_UNITS, eaches } from '../records';
import { lineAmountCents } from '../../shared/money';
import { addDays } from '../../shared/dates';
import { cleanHeader, fingerprint, normaliseHeader, type MappingProfile } from './profiles';
import { HEADER_ONLY_PROFILES } from './builtin-profiles';
import { LocaleHeldSheet } from './held-sheet';
import { CellError, RawRow, cell, cost, currencyOf, date, gtin, identifier, isBlankRow, money, quantity } from './cells';
import { parseTerms } from './terms';

export interface ResolvedProfile {
  profile: MappingProfile;
  cols: Map<string, number>;
  labels: Map<string, string>;
  /** How many headers the profile maps. */
  score: number;
  byFingerprint: boolean;
}

/** Map a header row's columns with one profile; null when a required field is missing. */
export function resolveProfile(profile: MappingProfile, headers: readonly string[]): ResolvedProfile | null {
  const byLabel = new Map<string, number>();
  headers.forEach((h, i) => {
    const n = normaliseHeader(String(h ?? ''));
    if (n && !byLabel.has(n)) byLabel.set(n, i);
  });
  const fields = new Set([...Object.keys(profile.columns), ...Object.keys(profile.synonyms ?? {})]);
  const cols = new Map<string, number>();
  const labels = new Map<string, string>();
  const taken = new Set<number>();
  for (const field of fields) {
    const candidates = [profile.columns[field], ...(profile.synonyms?.[field] ?? [])].filter((s): s is string => !!s);
    for (const s of candidates) {
      const i = byLabel.get(normaliseHeader(s));
      if (i !== undefined && !taken.has(i)) {
        cols.set(field, i);
        labels.set(field, cleanHeader(String(headers[i])));
        taken.add(i);
        break;
      }
    }
  }
  for (const req of profile.required ?? Object.keys(profile.columns)) {
    const any = Array.isArray(req) ? req : [req];
    if (!any.some((f) => cols.has(f))) return null;
  }
  // A saved profile must find every column it names.
  if (!profile.builtin && Object.keys(profile.columns).some((f) => !cols.has(f))) return null;
  return { profile, cols, labels, score: cols.size, byFingerprint: false };
}

/** The required fields a header row lacks for a profile, named by their first synonym. */
export function missingFields(profile: MappingProfile, headers: readonly string[]): string[] {
  const loose = resolveProfile({ ...profile, required: [] }, headers);
  const cols = loose?.cols ?? new Map<string, number>();
  const missing: string[] = [];
  for (const req of profile.required ?? Object.keys(profile.columns)) {
    const any = Array.isArray(req) ? req : [req];
    if (any.some((f) => cols.has(f))) continue;
    missing.push(any.map((f) => profile.columns[f] ?? profile.synonyms?.[f]?.[0] ?? f).join(' or '));
  }
  return missing;
}

/**
 * A starting point for saving a profile for an unknown layout: which of its headers the built-in
 * synonyms for `target` recognise, and which required fields are still unmapped.
 */
export function suggestColumns(headers: readonly string[], target: string, profiles: readonly MappingProfile[]): { columns: Record<string, string>; missing: string[] } {
  const base = profiles.find((p) => p.builtin && p.target === target && !HEADER_ONLY_PROFILES.has(p.id));
  if (!base) return { columns: {}, missing: [] };
  const loose = resolveProfile({ ...base, required: [] }, headers);
  const columns: Record<string, string> = {};
  for (const [field, label] of loose?.labels ?? []) columns[field] = label;
  return { columns, missing: missingFields(base, headers) };
}

export type ProfileChoice =
  | { kind: 'match'; resolved: ResolvedProfile }
  | { kind: 'ambiguous'; candidates: ResolvedProfile[] }
  | { kind: 'none' };

export function chooseProfile(headers: readonly string[], profiles: readonly MappingProfile[]): ProfileChoice {
  const fp = fingerprint(headers);
  // A profile saved for exactly this layout wins (user-saved ones come first in the list).
  for (const p of profiles) {
    if (p.fingerprint && p.fingerprint === fp) {
      const r = resolveProfile(p, headers);
      if (r) return { kind: 'match', resolved: { ...r, byFingerprint: true } };
    }
  }
  const candidates = profiles
    .filter((p) => p.builtin)
    .map((p) => resolveProfile(p, headers))
    .filter((r): r is ResolvedProfile => r !== null)
    .sort((a, b) => b.score - a.score);
  if (candidates.length === 0) return { kind: 'none' };
  const [best, second] = candidates;
  if (second && second.score === best!.score && second.profile.target !== best!.profile.target) {
    return { kind: 'ambiguous', candidates: candidates.filter((c) => c.score === best!.score) };
  }
  return { kind: 'match', resolved: best! };
}

const DATE_FIELDS = ['invoiceDate', 'dueDate', 'shipDate', 'deliveryDate', 'receiveDate', 'orderDate', 'windowStart', 'windowEnd', 'creationDate'];
const AMOUNT_FIELDS = ['unitCost', 'lineAmount', 'invoiceTotal', 'paidAmount'];

/** Per-document fields: every row of one document must agree on them. */
const DOC_FIELDS: Record<string, string[]> = {
  invoices: ['invoiceDate', 'dueDate', 'terms', 'invoiceTotal', 'invoiceType', 'vendorCode', 'remitTo', 'shipTo', 'shipFrom', 'status', 'currency'],
  shipments: ['shipDate', 'deliveryDate', 'carrier', 'bol', 'pro', 'arn', 'shipTo', 'shipFrom', 'vendorCode', 'freightTerms', 'shipmentType'],
  purchase_orders: ['orderDate', 'windowStart', 'windowEnd', 'shipTo', 'vendorCode', 'status', 'currency'],
};

interface Row {
  rowNo: number;
  cells: string[];
}

interface Doc<R> {
  record: R;
  firstRow: number;
  lastRow: number;
  values: Map<string, { text: string; rowNo: number }>;
  lineAmounts: number;
  hasTotal: boolean;
}

export class RegisterSheet extends LocaleHeldSheet<Row> {
  private readonly invoices = new Map<string, Doc<InvoiceRecord>>();
  private readonly shipments = new Map<string, Doc<ShipmentRecord>>();
  private readonly orders = new Map<string, Doc<PurchaseOrderRecord>>();
  private readonly target: string;
  private readonly headerOnly: boolean;
  private caseCostNote = false;
  private readonly rawRow: RawRow;
  private readonly headerFingerprint: string;
  private readonly firstHeader: string;
  private repeatedHeaders = 0;

  constructor(private readonly resolved: ResolvedProfile, private readonly headers: string[], private readonly headerRow: number, private readonly container: 'xlsx' | 'csv') {
    super();
    this.target = resolved.profile.target;
    this.headerOnly = HEADER_ONLY_PROFILES.has(resolved.profile.id);
    this.rawRow = new RawRow(headers);
    this.headerFingerprint = fingerprint(headers);
    this.firstHeader = normaliseHeader(headers[0] ?? '');
  }

  get profile(): MappingProfile {
    return this.resolved.profile;
  }

  push(row: string[], rowNo: number): void {
    if (rowNo <= this.headerRow || isBlankRow(row)) return;
    // Exports pasted one after another repeat their header row: skip it, do not reject it.
    if (row.length >= this.headers.length - 1 && normaliseHeader(String(row[0] ?? '')) === this.firstHeader && fingerprint(row) === this.headerFingerprint) {
      this.repeatedHeaders++;
      return;
    }
    if (this.locale) {
      this.convert({ rowNo, cells: row });
      return;
    }
    const c = this.resolved.cols;
    for (const f of DATE_FIELDS) this.evidence.date(cell(row, c.get(f)));
    for (const f of AMOUNT_FIELDS) this.evidence.amount(cell(row, c.get(f)));
    this.evidence.currencyCode(cell(row, c.get('currency')));
    this.take({ rowNo, cells: row });
  }

  /** Documents are complete only at the end of the sheet (their rows need not be adjacent). */
  finish(): void {
    for (const d of this.invoices.values()) {
      const inv = d.record;
      if (!d.hasTotal) inv.totalCents = d.lineAmounts;
      if (inv.invoiceType === 'invoice' && inv.totalCents < 0) inv.invoiceType = 'credit_note';
      const pos = new Set(inv.lines.map((l) => l.poNumber).filter(Boolean));
      if (inv.poNumber === null && pos.size === 1) inv.poNumber = [...pos][0]!;
      inv.location = rows(d);
      this.records.push(inv);
    }
    for (const d of this.shipments.values()) {
      d.record.location = rows(d);
      this.records.push(d.record);
    }
    for (const d of this.orders.values()) {
      d.record.location = rows(d);
      this.records.push(d.record);
    }
    this.invoices.clear();
    this.shipments.clear();
    this.orders.clear();
    if (this.repeatedHeaders) this.notes.push(`${this.repeatedHeaders} repeated header row(s) skipped (exports joined into one file)`);
    if (this.headerOnly) {
      this.notes.push('invoice headers from Vendor Central (no lines): an invoice number already imported with different content, e.g. from an ERP register with lines, is rejected as a conflict');
    }
    if (this.caseCostNote) this.notes.push('some lines are in cases with no line amount: unit costs were read as per each (Amazon\'s convention)');
  }

  private get(row: Row, f: string): string {
    return cell(row.cells, this.resolved.cols.get(f));
  }

  private label(f: string): string {
    return this.resolved.labels.get(f) ?? f;
  }

  private raw(row: Row): string {
    return this.rawRow.json(row.cells);
  }

  protected override convert(row: Row): void {
    try {
      switch (this.target) {
        case 'invoices':
          if (this.headerOnly) this.invoiceHeaderRow(row);
          else this.invoiceRow(row);
          break;
        case 'shipments': this.shipmentRow(row); break;
        case 'purchase_orders': this.orderRow(row); break;
        case 'receipts': this.receiptRow(row); break;
        default: throw new CellError('target', `the mapping profile's target "${this.target}" is not one Recoup imports (invoices, shipments, purchase_orders, receipts)`);
      }
    } catch (err) {
      if (!(err instanceof CellError)) throw err;
      this.rejects.push({ location: `row ${row.rowNo}`, field: err.field, reason: err.message, raw: this.raw(row) });
    }
  }

  private requiredId(row: Row, f: string, what: string): string {
    const v = identifier(this.get(row, f), this.label(f));
    if (!v) throw new CellError(this.label(f), `${this.label(f)} is empty (${what} is expected)`);
    return v;
  }

  private ids(row: Row): ItemIds {
    const ids: ItemIds = {
      asin: identifier(this.get(row, 'asin'), this.label('asin'))?.toUpperCase() ?? null,
      vendorSku: identifier(this.get(row, 'vendorSku'), this.label('vendorSku')),
      upc: gtin(this.get(row, 'upc'), this.label('upc'), 12),
      ean: gtin(this.get(row, 'ean'), this.label('ean'), 13),
    };
    if (!ids.asin && !ids.vendorSku && !ids.upc && !ids.ean) {
      const cols = ['asin', 'vendorSku', 'upc', 'ean'].filter((f) => this.resolved.cols.has(f)).map((f) => this.label(f));
      throw new CellError(cols[0] ?? 'ASIN', `the row names no item (${cols.join(', ')} all empty)`);
    }
    return ids;
  }

  private qty(row: Row): Quantity {
    const q = quantity(this.get(row, 'qty'), this.label('qty'), this.locale!);
    if (q === null) throw new CellError(this.label('qty'), `${this.label('qty')} is empty (a quantity is expected)`);
    const uom = this.get(row, 'uom') || null;
    const size = quantity(this.get(row, 'caseSize'), this.label('caseSize'), this.locale!);
    if (uom && CASE_UNITS.has(uom.toUpperCase()) && !(size && size > 0)) {
      const f = this.resolved.cols.has('caseSize') ? this.label('caseSize') : 'Case Size';
      throw new CellError(f, `${this.label('uom')} "${uom}" is a case unit but the row gives no case size, so its eaches are unknown`);
    }
    return eaches(q, uom, size);
  }

  /** The row's own line number, or null when the sheet numbers no lines (they count in order). */
  private explicitLineNo(row: Row): number | null {
    const t = this.get(row, 'lineNo');
    if (t === '') return null;
    const n = quantity(t, this.label('lineNo'), this.locale!);
    if (n === null || n <= 0) throw new CellError(this.label('lineNo'), `${this.label('lineNo')} "${t}" is not a line number`);
    return n;
  }

  private date(row: Row, f: string): string | null {
    return date(this.get(row, f), this.label(f), this.locale!, this.container);
  }

  private currency(row: Row, ...amountFields: string[]): string {
    const c = this.get(row, 'currency').toUpperCase();
    if (c) {
      if (!/^[A-Z]{3}$/.test(c)) throw new CellError(this.label('currency'), `${this.label('currency')} "${c}" is not a currency code`);
      return c;
    }
    for (const f of amountFields) {
      const found = currencyOf(this.get(row, f), this.locale!);
      if (found) return found;
    }
    return this.profile.currency ?? this.locale!.currency;
  }

  /** A per-document value as compared between rows: the same day or amount written two ways agrees. */
  private comparable(f: string, text: string): string {
    try {
      if (DATE_FIELDS.includes(f)) return String(date(text, this.label(f), this.locale!, this.container));
      if (AMOUNT_FIELDS.includes(f)) return String(money(text, this.label(f), this.locale!));
    } catch {
      // unreadable values are compared as text; the cell itself is rejected where it is read
    }
    return text.toUpperCase().replace(/\s+/g, ' ');
  }

  /** Check a row against the document's per-document fields; throws on a disagreement. */
  private agree<R>(doc: Doc<R>, row: Row, key: string, what: string): void {
    for (const f of DOC_FIELDS[this.target] ?? []) {
      const text = this.get(row, f);
      if (text === '') continue;
      const seen = doc.values.get(f);
      if (!seen) continue;
      if (this.comparable(f, seen.text) !== this.comparable(f, text)) {
        throw new CellError(this.label(f), `${this.label(f)} "${text}" differs from "${seen.text}" on row ${seen.rowNo} for the same ${what} ${key}`);
      }
    }
    for (const f of DOC_FIELDS[this.target] ?? []) {
      const text = this.get(row, f);
      if (text !== '' && !doc.values.has(f)) doc.values.set(f, { text, rowNo: row.rowNo });
    }
    doc.lastRow = row.rowNo;
  }

  private invoiceRow(row: Row): void {
    const invoiceNumber = this.requiredId(row, 'invoiceNumber', 'an invoice number');
    const loc = this.locale!;
    const ids = this.ids(row);
    const qty = this.qty(row);
    // A negative quantity is a credit: stored on an invoice it would net against the bill
    // silently. Only a document the register types as a credit note may carry one.
    if (qty.amount < 0) {
      const typeText = this.get(row, 'invoiceType');
      const credit = /credit/i.test(typeText) || this.invoices.get(invoiceNumber)?.record.invoiceType === 'credit_note';
      if (!credit) {
        const typeSays = !this.resolved.cols.has('invoiceType') ? 'the register has no invoice type column'
          : typeText ? `${this.label('invoiceType')} is "${typeText}"` : `${this.label('invoiceType')} is empty`;
        throw new CellError(this.label('qty'), `${this.label('qty')} "${this.get(row, 'qty')}" is negative on invoice ${invoiceNumber}, which is not marked as a credit note (${typeSays}): a quantity of 0 or more is expected; credits belong on a credit note`);
      }
    }
    const costE4 = cost(this.get(row, 'unitCost'), this.label('unitCost'), loc);
    const lineAmount = money(this.get(row, 'lineAmount'), this.label('lineAmount'), loc);
    if (costE4 === null && lineAmount === null) {
      throw new CellError(this.label('unitCost'), `${this.label('unitCost')} is empty (a unit cost or line amount is expected)`);
    }
    if (lineAmount === null && qty.uom && CASE_UNITS.has(qty.uom)) this.caseCostNote = true;
    // Without a cost column, the unit cost is the line amount spread over the eaches (4 decimals).
    const unitCostE4 = costE4 ?? (qty.each !== 0 ? Math.round((lineAmount! * 100) / qty.each) : 0);
    const amountCents = lineAmount ?? lineAmountCents(qty.each, unitCostE4);
    const explicitLine = this.explicitLineNo(row);
    let doc = this.invoices.get(invoiceNumber);
    if (doc) {
      this.agree(doc, row, invoiceNumber, 'invoice');
      // A total given only on a later row of the invoice still counts.
      const total = doc.hasTotal ? null : money(this.get(row, 'invoiceTotal'), this.label('invoiceTotal'), loc);
      if (total !== null) {
        doc.record.totalCents = total;
        doc.hasTotal = true;
      }
    } else doc = this.newInvoice(row, invoiceNumber);
    const line: InvoiceLineRecord = {
      lineNo: explicitLine ?? doc.record.lines.length + 1,
      poNumber: identifier(this.get(row, 'poNumber'), this.label('poNumber'))?.toUpperCase() ?? null,
      ids, qty, unitCostE4, amountCents, raw: this.raw(row),
    };
    if (doc.record.lines.some((l) => l.lineNo === line.lineNo)) {
      throw new CellError(this.label('lineNo'), `line ${line.lineNo} of invoice ${invoiceNumber} appears twice`);
    }
    doc.record.lines.push(line);
    doc.lineAmounts += amountCents;
  }

  private newInvoice(row: Row, invoiceNumber: string): Doc<InvoiceRecord> {
    const loc = this.locale!;
    const invoiceDate = this.date(row, 'invoiceDate');
    const terms = this.get(row, 'terms');
    const t = parseTerms(terms);
    const dueGiven = this.date(row, 'dueDate');
    const total = money(this.get(row, 'invoiceTotal'), this.label('invoiceTotal'), loc);
    const type = this.get(row, 'invoiceType');
    const record: InvoiceRecord = {
      kind: 'invoice',
      location: `row ${row.rowNo}`,
      invoiceNumber,
      invoiceType: /credit/i.test(type) ? 'credit_note' : 'invoice',
      invoiceDate,
      dueDate: dueGiven ?? (invoiceDate && t.netDays !== null ? addDays(invoiceDate, t.netDays) : null),
      discountPercentBp: t.discountPercentBp,
      discountDays: t.discountDays,
      discountDate: invoiceDate && t.discountDays !== null ? addDays(invoiceDate, t.discountDays) : null,
      netDays: t.netDays,
      terms: terms || null,
      currency: this.currency(row, 'unitCost', 'lineAmount', 'invoiceTotal'),
      totalCents: total ?? 0,
      vendorCode: this.get(row, 'vendorCode') || null,
      remitTo: this.get(row, 'remitTo') || null,
      shipTo: this.get(row, 'shipTo') || null,
      shipFrom: this.get(row, 'shipFrom') || null,
      poNumber: null,
      status: this.get(row, 'status') || null,
      lines: [],
      charges: [],
      raw: this.raw(row),
    };
    const doc: Doc<InvoiceRecord> = { record, firstRow: row.rowNo, lastRow: row.rowNo, values: new Map(), lineAmounts: 0, hasTotal: total !== null };
    this.agree(doc, row, invoiceNumber, 'invoice');
    this.invoices.set(invoiceNumber, doc);
    return doc;
  }

  /** Vendor Central's Invoices export: one row per invoice, no lines. */
  private invoiceHeaderRow(row: Row): void {
    const invoiceNumber = this.requiredId(row, 'invoiceNumber', 'an invoice number');
    const existing = this.invoices.get(invoiceNumber);
    if (existing) {
      // The same invoice listed twice must agree; the repeat adds nothing.
      this.agree(existing, row, invoiceNumber, 'invoice');
      return;
    }
    const loc = this.locale!;
    const total = money(this.get(row, 'invoiceTotal'), this.label('invoiceTotal'), loc);
    if (total === null) throw new CellError(this.label('invoiceTotal'), `${this.label('invoiceTotal')} is empty (the invoice amount is expected)`);
    money(this.get(row, 'paidAmount'), this.label('paidAmount'), loc);
    money(this.get(row, 'deductions'), this.label('deductions'), loc);
    this.date(row, 'creationDate');
    const record: InvoiceRecord = {
      kind: 'invoice',
      location: `row ${row.rowNo}`,
      invoiceNumber,
      invoiceType: total < 0 ? 'credit_note' : 'invoice',
      invoiceDate: this.date(row, 'invoiceDate'),
      dueDate: this.date(row, 'dueDate'),
      discountPercentBp: null, discountDays: null, discountDate: null, netDays: null, terms: null,
      currency: this.currency(row, 'invoiceTotal', 'paidAmount'),
      totalCents: total,
      vendorCode: null,
      remitTo: this.get(row, 'remitTo') || null,
      shipTo: null, shipFrom: null, poNumber: null,
      status: this.get(row, 'status') || null,
      lines: [], charges: [],
      raw: this.raw(row),
    };
    const doc: Doc<InvoiceRecord> = { record, firstRow: row.rowNo, lastRow: row.rowNo, values: new Map(), lineAmounts: total, hasTotal: true };
    this.agree(doc, row, invoiceNumber, 'invoice');
    this.invoices.set(invoiceNumber, doc);
  }

  private shipmentRow(row: Row): void {
    const shipmentId = this.requiredId(row, 'shipmentId', 'a shipment id');
    const poNumber = this.requiredId(row, 'poNumber', 'a PO number').toUpperCase();
    const ids = this.ids(row);
    const qty = this.qty(row);
    const containerId = identifier(this.get(row, 'containerId').replace(/\s+/g, ''), this.label('containerId'));
    const palletId = identifier(this.get(row, 'palletId').replace(/\s+/g, ''), this.label('palletId'));
    const tracking = identifier(this.get(row, 'trackingNumber'), this.label('trackingNumber'));
    const explicitLine = this.explicitLineNo(row);
    let doc = this.shipments.get(shipmentId);
    if (doc) this.agree(doc, row, shipmentId, 'shipment');
    else {
      const freight = this.get(row, 'freightTerms');
      const record: ShipmentRecord = {
        kind: 'shipment',
        location: `row ${row.rowNo}`,
        shipmentId,
        shipmentDate: null,
        shippedDate: this.date(row, 'shipDate'),
        deliveryDate: this.date(row, 'deliveryDate'),
        carrierScac: this.get(row, 'carrier').toUpperCase() || null,
        bol: identifier(this.get(row, 'bol'), this.label('bol')),
        pro: identifier(this.get(row, 'pro'), this.label('pro')),
        arn: identifier(this.get(row, 'arn'), this.label('arn')),
        shipFrom: this.get(row, 'shipFrom') || null,
        shipTo: this.get(row, 'shipTo').toUpperCase() || null,
        vendorCode: this.get(row, 'vendorCode') || null,
        shipmentType: this.get(row, 'shipmentType') || null,
        freightTerms: /collect/i.test(freight) ? 'collect' : /pre-?paid/i.test(freight) ? 'prepaid' : null,
        cartons: [],
        lines: [],
        raw: this.raw(row),
      };
      doc = { record, firstRow: row.rowNo, lastRow: row.rowNo, values: new Map(), lineAmounts: 0, hasTotal: false };
      this.agree(doc, row, shipmentId, 'shipment');
      this.shipments.set(shipmentId, doc);
    }
    const s = doc.record;
    const addContainer = (id: string, type: 'carton' | 'pallet', parentId: string | null, trackingNumber: string | null) => {
      const found = s.cartons.find((c) => c.containerId === id);
      if (found) {
        if (!found.parentId && parentId) found.parentId = parentId;
        if (!found.trackingNumber && trackingNumber) found.trackingNumber = trackingNumber;
        return;
      }
      const c: CartonRecord = { containerId: id, idType: containerType(id), type, parentId, trackingNumber };
      s.cartons.push(c);
    };
    if (palletId) addContainer(palletId, 'pallet', null, null);
    if (containerId) addContainer(containerId, 'carton', palletId, tracking);
    const line: ShipmentLineRecord = {
      lineNo: explicitLine ?? s.lines.length + 1,
      poNumber, ids, qty, containerId: containerId ?? palletId, raw: this.raw(row),
    };
    if (s.lines.some((l) => l.lineNo === line.lineNo)) throw new CellError(this.label('lineNo'), `line ${line.lineNo} of shipment ${shipmentId} appears twice`);
    s.lines.push(line);
  }

  private orderRow(row: Row): void {
    const poNumber = this.requiredId(row, 'poNumber', 'a PO number').toUpperCase();
    const ids = this.ids(row);
    const ordered = this.qty(row);
    const unitCostE4 = cost(this.get(row, 'unitCost'), this.label('unitCost'), this.locale!);
    const explicitLine = this.explicitLineNo(row);
    let doc = this.orders.get(poNumber);
    if (doc) this.agree(doc, row, poNumber, 'PO');
    else {
      const record: PurchaseOrderRecord = {
        kind: 'purchase_order',
        location: `row ${row.rowNo}`,
        poNumber,
        orderDate: this.date(row, 'orderDate'),
        vendorCode: this.get(row, 'vendorCode') || null,
        shipTo: this.get(row, 'shipTo').toUpperCase() || null,
        windowStart: this.date(row, 'windowStart'),
        windowEnd: this.date(row, 'windowEnd'),
        state: this.get(row, 'status') || null,
        currency: this.currency(row, 'unitCost'),
        lines: [],
        raw: this.raw(row),
      };
      doc = { record, firstRow: row.rowNo, lastRow: row.rowNo, values: new Map(), lineAmounts: 0, hasTotal: false };
      this.agree(doc, row, poNumber, 'PO');
      this.orders.set(poNumber, doc);
    }
    const line: PoLineRecord = { lineNo: explicitLine ?? doc.record.lines.length + 1, ids, ordered, unitCostE4, raw: this.raw(row) };
    if (doc.record.lines.some((l) => l.lineNo === line.lineNo)) throw new CellError(this.label('lineNo'), `line ${line.lineNo} of PO ${poNumber} appears twice`);
    doc.record.lines.push(line);
  }

  private receiptRow(row: Row): void {
    const poNumber = this.requiredId(row, 'poNumber', 'a PO number').toUpperCase();
    const ids = this.ids(row);
    const qty = this.qty(row);
    const lineNo = this.explicitLineNo(row);
    const rec: ReceiptRecord = {
      kind: 'receipt',
      location: `row ${row.rowNo}`,
      poNumber,
      ids,
      lineNo,
      qty,
      receiveDate: this.date(row, 'receiveDate'),
      mode: 'event',
      fc: this.get(row, 'shipTo').toUpperCase() || null,
      status: this.get(row, 'status') || null,
      raw: this.raw(row),
    };
    this.records.push(rec);
  }
}

function rows(d: { firstRow: number; lastRow: number }): string {
  return d.firstRow === d.lastRow ? `row ${d.firstRow}` : `rows ${d.firstRow}-${d.lastRow}`;
}

function containerType(id: string): string | null {
  if (/^\d{18}$/.test(id) || /^00\d{18}$/.test(id)) return 'SSCC';
  if (/^AMZNCC/i.test(id)) return 'AMZNCC';
  return null;
}
