// Invoices: vendorInvoices `submitInvoices` bodies (invoices and credit notes a vendor sent) and the
// Finances Invoices API 2026-06-25 (`getInvoiceHeaders` list, `getInvoice` header + line items).
import type { ChargeRecord, ImportRecord, InvoiceLineRecord, InvoiceRecord, Reject } from '../records';
import { eaches } from '../records';
import { centsToDecimal, lineAmountCents } from '../../shared/money';
import type { IsoDate } from '../../shared/dates';
import { addDays } from '../../shared/dates';
import type { Collector, Json, Money } from './read';
import {
  at, cents, costE4, date, decimalText, expectObj, gapReject, guarded, idx, isGap, isObj, itemIds, lineNo, list, money,
  obj, partyId, quantity, rawText, reqStr, str, FieldProblem,
} from './read';

// ---- vendorInvoices ---------------------------------------------------------------------------

export function readVendorInvoices(items: unknown[], path: string, c: Collector, out: ImportRecord[]): void {
  items.forEach((el, i) => {
    const p = idx(path, i);
    guarded(c, el, p, (local) => {
      const o = expectObj(el, p, 'invoices');
      const invoiceNumber = reqStr(o, 'id', p);
      const typeText = reqStr(o, 'invoiceType', p);
      const type = typeText.toLowerCase() === 'invoice' ? 'invoice' : typeText.toLowerCase() === 'creditnote' ? 'credit_note' : null;
      if (!type) throw new FieldProblem(at(p, 'invoiceType'), 'invoiceType', `"${typeText}" is not Invoice or CreditNote`);
      const invoiceDate = date(o, 'date', p);
      const total = money(o, 'invoiceTotal', p);
      if (!total) throw new FieldProblem(at(p, 'invoiceTotal'), 'invoiceTotal', 'invoiceTotal is missing');
      const currency = total.currency;
      if (!currency) throw new FieldProblem(at(p, 'invoiceTotal.currencyCode'), 'currencyCode', 'the invoice total has no currency code');
      const terms = paymentTerms(o, p, invoiceDate, c);
      const charges: ChargeRecord[] = [
        ...list(o, 'chargeDetails', p).map((x, k) => charge(x, idx(at(p, 'chargeDetails'), k), 'charge', 'chargeAmount')),
        ...list(o, 'allowanceDetails', p).map((x, k) => charge(x, idx(at(p, 'allowanceDetails'), k), 'allowance', 'allowanceAmount')),
      ];
      const lines: InvoiceLineRecord[] = [];
      const seen = new Set<number>();
      list(o, 'items', p).forEach((item, j) => {
        const ip = idx(at(p, 'items'), j);
        const line = vendorLine(expectObj(item, ip, 'items'), ip, currency, local);
        if (!line) return;
        if (seen.has(line.lineNo)) throw new FieldProblem(at(ip, 'itemSequenceNumber'), 'itemSequenceNumber', `line ${line.lineNo} appears twice in invoice ${invoiceNumber}`);
        seen.add(line.lineNo);
        lines.push(line);
      });
      const totalCents = cents(total, at(p, 'invoiceTotal.amount'));
      if (lines.length > 0 && lines.length === list(o, 'items', p).length) tieOut(o, p, invoiceNumber, currency, totalCents, lines, charges, c);
      const pos = new Set(lines.map((l) => l.poNumber).filter((x): x is string => x !== null));
      const rec: InvoiceRecord = {
        kind: 'invoice',
        location: p,
        invoiceNumber,
        invoiceType: type,
        invoiceDate,
        ...terms,
        currency,
        totalCents,
        // The remit-to party of a 1P invoice is the vendor code Amazon pays.
        vendorCode: partyId(o, 'remitToParty', p),
        remitTo: partyId(o, 'remitToParty', p),
        shipTo: partyId(o, 'shipToParty', p),
        shipFrom: partyId(o, 'shipFromParty', p),
        // One invoice may span POs (the PO is per line); the header names one only when all agree.
        poNumber: pos.size === 1 ? [...pos][0]! : null,
        status: null,
        lines,
        charges,
        raw: rawText(el, p),
      };
      out.push(rec);
    });
  });
}

/**
 * invoiceTotal = lines + charges − allowances + taxes (the header's taxDetails cover the lines; a
 * charge or allowance carries its own). A difference is reported as a note with both numbers: the
 * invoice is still stored as Amazon received it, and the analyst sees it does not add up.
 */
function tieOut(o: Json, p: string, invoiceNumber: string, currency: string, totalCents: number, lines: InvoiceLineRecord[], charges: ChargeRecord[], c: Collector): void {
  let taxes = 0;
  try {
    const taxSum = (owner: Json, op: string) => list(owner, 'taxDetails', op).reduce<number>((sum, t, k) => {
      const tp = idx(at(op, 'taxDetails'), k);
      const m = money(expectObj(t, tp, 'taxDetails'), 'taxAmount', tp);
      return sum + (m ? cents(m, at(tp, 'taxAmount.amount')) : 0);
    }, 0);
    taxes += taxSum(o, p);
    for (const [key, sign] of [['chargeDetails', 1], ['allowanceDetails', -1]] as const) {
      list(o, key, p).forEach((x, k) => {
        if (isObj(x)) taxes += sign * taxSum(x, idx(at(p, key), k));
      });
    }
  } catch (err) {
    if (err instanceof FieldProblem) return; // taxes not readable: no check rather than a false alarm
    throw err;
  }
  const lineSum = lines.reduce((s, l) => s + l.amountCents, 0);
  const chargeSum = charges.reduce((s, ch) => s + (ch.type === 'charge' ? ch.amountCents : -ch.amountCents), 0);
  const expected = lineSum + chargeSum + taxes;
  if (expected !== totalCents) {
    const d = (v: number) => centsToDecimal(v, currency);
    c.notes.add(`Invoice ${invoiceNumber}: invoiceTotal ${d(totalCents)} does not equal its lines ${d(lineSum)} + charges − allowances ${d(chargeSum)} + taxes ${d(taxes)} = ${d(expected)} (difference ${d(totalCents - expected)}).`);
  }
}

type Terms = Pick<InvoiceRecord, 'dueDate' | 'discountPercentBp' | 'discountDays' | 'discountDate' | 'netDays' | 'terms'>;

/**
 * `paymentTerms{type, discountPercent, discountDueDays, netDueDays}`. Dates are counted from the
 * invoice date for Basic terms (or when no type is given); other types (EndOfMonth, Proximo,
 * FixedDate…) count from dates the payload does not carry, so their dates are left empty.
 */
function paymentTerms(o: Json, p: string, invoiceDate: IsoDate | null, c: Collector): Terms {
  const t = obj(o, 'paymentTerms', p);
  if (!t) return { dueDate: null, discountPercentBp: null, discountDays: null, discountDate: null, netDays: null, terms: null };
  const tp = at(p, 'paymentTerms');
  const type = str(t, 'type', tp);
  const pct = t.discountPercent === undefined || t.discountPercent === null ? null : decimalText(t.discountPercent, at(tp, 'discountPercent'), 'discountPercent');
  const bp = pct === null ? null : cents({ currency: null, text: pct, perWeight: null }, at(tp, 'discountPercent'));
  const discountDays = days(t, 'discountDueDays', tp);
  const netDays = days(t, 'netDueDays', tp);
  const basic = type === null || type.toLowerCase() === 'basic';
  if (!basic && (netDays !== null || discountDays !== null)) c.notes.add(`Payment terms of type ${type} count from a date the invoice does not carry; their due and discount dates were left empty.`);
  const from = basic ? invoiceDate : null;
  const text = [type, pct !== null ? `${pct}%` : null, discountDays !== null ? `${discountDays} days` : null, netDays !== null ? `net ${netDays}` : null]
    .filter((x) => x !== null).join(' ');
  return {
    dueDate: from && netDays !== null ? addDays(from, netDays) : null,
    discountPercentBp: bp,
    discountDays,
    discountDate: from && discountDays !== null ? addDays(from, discountDays) : null,
    netDays,
    terms: text || null,
  };
}

function days(o: Json, key: string, p: string): number | null {
  const v = o[key];
  if (v === undefined || v === null) return null;
  const n = typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 3650) throw new FieldProblem(at(p, key), key, `expected a number of days, found ${JSON.stringify(v)}`);
  return n;
}

function charge(x: unknown, xp: string, type: 'charge' | 'allowance', amountKey: string): ChargeRecord {
  const o = expectObj(x, xp, type === 'charge' ? 'chargeDetails' : 'allowanceDetails');
  const m = money(o, amountKey, xp);
  if (!m) throw new FieldProblem(at(xp, amountKey), amountKey, `${amountKey} is missing`);
  return { type, code: str(o, 'type', xp), description: str(o, 'description', xp), amountCents: cents(m, at(xp, `${amountKey}.amount`)) };
}

function vendorLine(it: Json, ip: string, currency: string, local: Reject[]): InvoiceLineRecord | null {
  const n = lineNo(it, 'itemSequenceNumber', ip);
  const q = quantity(it, 'invoicedQuantity', ip);
  if (!q) throw new FieldProblem(at(ip, 'invoicedQuantity'), 'invoicedQuantity', 'invoicedQuantity is missing');
  const cost = money(it, 'netCost', ip);
  if (!cost) throw new FieldProblem(at(ip, 'netCost'), 'netCost', 'netCost is missing');
  if (cost.currency && cost.currency !== currency) throw new FieldProblem(at(ip, 'netCost.currencyCode'), 'currencyCode', `the line is priced in ${cost.currency}, the invoice in ${currency}`);
  const raw = rawText(it, ip);
  if (isGap(q)) {
    local.push(gapReject(q, ip, raw));
    return null;
  }
  const perWeight = str(it, 'netCostUnitOfMeasure', ip) ?? cost.perWeight;
  if (perWeight) {
    // A price per pound cannot be compared with the PO's cost per each; the line is set aside.
    local.push({ location: ip, field: 'netCostUnitOfMeasure', reason: `the line is priced per ${perWeight}; Recoup holds invoice lines at a cost per each, so the line was set aside (the rest of the invoice was imported)`, raw });
    return null;
  }
  const unitCostE4 = costE4(cost, at(ip, 'netCost.amount'));
  return {
    lineNo: n,
    poNumber: str(it, 'purchaseOrderNumber', ip),
    ids: itemIds(str(it, 'amazonProductIdentifier', ip), str(it, 'vendorProductIdentifier', ip)),
    qty: q,
    unitCostE4,
    amountCents: lineAmountCents(q.each, unitCostE4),
    raw,
  };
}

// ---- Finances Invoices 2026-06-25 --------------------------------------------------------------

/** `getInvoiceHeaders`: `invoices[]` of headers, no lines. */
export function readFinanceInvoiceList(items: unknown[], path: string, c: Collector, out: ImportRecord[]): void {
  items.forEach((el, i) => {
    const p = idx(path, i);
    guarded(c, el, p, () => {
      out.push(financeHeader(expectObj(el, p, 'invoices'), p, el, [], []));
    });
  });
}

/** `getInvoice`: `invoiceHeader` + `invoiceItems[]`. */
export function readFinanceInvoice(doc: Json, path: string, c: Collector, out: ImportRecord[]): void {
  guarded(c, doc, path, () => {
    const hp = at(path, 'invoiceHeader');
    const header = obj(doc, 'invoiceHeader', path);
    if (!header) throw new FieldProblem(hp, 'invoiceHeader', 'the invoice response has line items but no invoiceHeader');
    const currency = money(header, 'invoiceAmount', hp)?.currency ?? null;
    const items = list(doc, 'invoiceItems', path);
    const numbers = lineNumbers(items);
    const lines: InvoiceLineRecord[] = [];
    const charges: ChargeRecord[] = [];
    const headerPos = related(header, 'relatedIdentifiers', hp).get('PURCHASE_ORDER_IDS') ?? [];
    items.forEach((item, j) => {
      const ip = idx(at(path, 'invoiceItems'), j);
      const it = expectObj(item, ip, 'invoiceItems');
      financeLine(it, ip, numbers[j]!, currency, headerPos, lines, charges);
    });
    if (lines.length > 0 || charges.length > 0) c.notes.add('Finance invoice lines keep their matched, paid and variance quantities (matchingContext) in the source text of each line.');
    if (typeof doc.nextTokenForLineItems === 'string' && doc.nextTokenForLineItems !== '') {
      c.notes.add(`Invoice ${String(header.invoiceNumber)} has more line items on further pages (nextTokenForLineItems); only the lines in this file were imported. Save all pages' invoiceItems in one file to import the whole invoice.`);
    }
    // The header's raw is the header object; each line's raw holds its own JSON.
    out.push(financeHeader(header, hp, header, lines, charges));
  });
}

function financeHeader(h: Json, p: string, rawOf: unknown, lines: InvoiceLineRecord[], charges: ChargeRecord[]): InvoiceRecord {
  const invoiceNumber = reqStr(h, 'invoiceNumber', p);
  const amount = money(h, 'invoiceAmount', p);
  if (!amount) throw new FieldProblem(at(p, 'invoiceAmount'), 'invoiceAmount', 'invoiceAmount is missing');
  if (!amount.currency) throw new FieldProblem(at(p, 'invoiceAmount.currencyCode'), 'currencyCode', 'the invoice amount has no currency code');
  const terms = str(h, 'paymentTerms', p);
  const net = terms ? /^NET\s*(\d{1,4})$/i.exec(terms) : null;
  const rel = related(h, 'relatedIdentifiers', p);
  const pos = rel.get('PURCHASE_ORDER_IDS') ?? [];
  const vendorCodes = rel.get('VENDOR_CODE') ?? [];
  const payee = obj(h, 'payee', p);
  return {
    kind: 'invoice',
    location: p,
    invoiceNumber,
    invoiceType: 'invoice',
    invoiceDate: date(h, 'issueDate', p),
    dueDate: date(h, 'dueDate', p),
    discountPercentBp: null,
    discountDays: null,
    discountDate: null,
    netDays: net ? Number(net[1]) : null,
    terms,
    currency: amount.currency,
    totalCents: cents(amount, at(p, 'invoiceAmount.currencyAmount')),
    vendorCode: vendorCodes.length === 1 ? vendorCodes[0]! : null,
    remitTo: payee ? str(payee, 'partnerId', at(p, 'payee')) : null,
    shipTo: null,
    shipFrom: null,
    poNumber: pos.length === 1 ? pos[0]! : null,
    status: str(h, 'invoiceStatus', p),
    lines,
    charges,
    raw: rawText(rawOf, p),
  };
}

/** `relatedIdentifiers[{relatedIdentifierName, relatedIdentifierValue[]}]` as a map. */
export function related(o: Json, key: string, p: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  list(o, key, p).forEach((r, k) => {
    const rp = idx(at(p, key), k);
    const ro = expectObj(r, rp, key);
    const name = reqStr(ro, 'relatedIdentifierName', rp).toUpperCase();
    const values = list(ro, 'relatedIdentifierValue', rp).map((v, m) => {
      if (typeof v !== 'string' && typeof v !== 'number') throw new FieldProblem(idx(at(rp, 'relatedIdentifierValue'), m), 'relatedIdentifierValue', 'expected text');
      return String(v);
    });
    out.set(name, [...(out.get(name) ?? []), ...values]);
  });
  return out;
}

/** Line numbers from `lineItemId` ("LI-001" → 1) when they are all distinct, else positions. */
function lineNumbers(items: unknown[]): number[] {
  const fromIds = items.map((it) => {
    const id = isObj(it) && typeof it.lineItemId === 'string' ? /(\d{1,9})$/.exec(it.lineItemId) : null;
    return id ? Number(id[1]) : null;
  });
  const distinct = new Set(fromIds);
  if (fromIds.every((n) => n !== null && n > 0) && distinct.size === fromIds.length) return fromIds as number[];
  return items.map((_, i) => i + 1);
}

function financeLine(it: Json, ip: string, n: number, currency: string | null, headerPos: string[], lines: InvoiceLineRecord[], charges: ChargeRecord[]): void {
  const ctx = obj(it, 'lineItemContext', ip);
  const cp = at(ip, 'lineItemContext');
  const unitCost = money(it, 'unitCost', ip);
  const qtyValue = it.quantity;
  checkCurrency(unitCost, currency, at(ip, 'unitCost'));
  if (unitCost === null || qtyValue === undefined || qtyValue === null) {
    // A service line (damage allowance, price protection, fees) has an amount but no unit price.
    const total = money(it, 'totalAmount', ip);
    if (!total) throw new FieldProblem(at(ip, 'totalAmount'), 'totalAmount', 'the line has neither quantity and unit cost nor a totalAmount');
    checkCurrency(total, currency, at(ip, 'totalAmount'));
    charges.push({
      type: 'charge',
      code: ctx ? str(ctx, 'serviceChargeType', cp) ?? str(ctx, 'lineItemType', cp) : null,
      description: ctx ? str(ctx, 'itemDescription', cp) : null,
      amountCents: cents(total, at(ip, 'totalAmount.currencyAmount')),
    });
    return;
  }
  if (typeof qtyValue !== 'number' || !Number.isSafeInteger(qtyValue)) throw new FieldProblem(at(ip, 'quantity'), 'quantity', `expected a whole number of units, found ${JSON.stringify(qtyValue)}`);
  const ident = new Map<string, string>();
  if (ctx) {
    list(ctx, 'itemIdentifiers', cp).forEach((x, k) => {
      const xp = idx(at(cp, 'itemIdentifiers'), k);
      const xo = expectObj(x, xp, 'itemIdentifiers');
      const name = str(xo, 'itemIdentifierName', xp)?.toUpperCase();
      const value = str(xo, 'itemIdentifierValue', xp);
      if (name && value && !ident.has(name)) ident.set(name, value);
    });
  }
  const linePos = related(it, 'relatedItemIdentifiers', ip).get('PURCHASE_ORDER_IDS') ?? [];
  const pos = linePos.length > 0 ? linePos : headerPos;
  const unitCostE4 = costE4(unitCost, at(ip, 'unitCost.currencyAmount'));
  lines.push({
    lineNo: n,
    poNumber: pos.length === 1 ? pos[0]! : null,
    ids: {
      asin: ident.get('ASIN') ?? null,
      vendorSku: ident.get('SKU') ?? ident.get('EXTERNAL_ID') ?? null,
      upc: ident.get('UPC') ?? null,
      ean: ident.get('EAN') ?? null,
    },
    qty: eaches(qtyValue, null, null),
    unitCostE4,
    amountCents: lineAmountCents(qtyValue, unitCostE4),
    raw: rawText(it, ip),
  });
}

function checkCurrency(m: Money | null, currency: string | null, p: string): void {
  if (m?.currency && currency && m.currency !== currency) throw new FieldProblem(at(p, 'currencyCode'), 'currencyCode', `the line is in ${m.currency}, the invoice in ${currency}`);
}
