// vendorOrders: purchase orders (`getPurchaseOrders` list, `getPurchaseOrder` single) and the
// acknowledgements a vendor submitted (`submitAcknowledgement` body).
import type { ImportRecord, PoAckRecord, PoLineRecord, PurchaseOrderRecord, Reject } from '../records';
import type { Collector, Json, Money } from './read';
import {
  at, costE4, date, expectObj, gapReject, guarded, idx, isGap, itemIds, lineNo, list, money, obj, partyId, quantity,
  rawText, reqStr, str, window, FieldProblem,
} from './read';

export function readOrders(orders: unknown[], path: string, c: Collector, out: ImportRecord[]): void {
  orders.forEach((el, i) => readOrder(el, idx(path, i), c, out));
}

export function readOrder(el: unknown, path: string, c: Collector, out: ImportRecord[]): void {
  guarded(c, el, path, (local) => {
    const o = expectObj(el, path, 'order');
    const poNumber = reqStr(o, 'purchaseOrderNumber', path);
    const d = obj(o, 'orderDetails', path);
    if (!d) {
      // includeDetails=false lists numbers only; storing an empty PO would block its lines later.
      local.push({ location: path, field: 'orderDetails', reason: `purchase order ${poNumber} is listed without details (includeDetails=false); fetch it with details to import its lines`, raw: rawText(el, path) });
      return;
    }
    const dp = at(path, 'orderDetails');
    // Amazon's own example puts deliveryWindow beside orderDetails instead of inside it.
    const win = window(d, 'shipWindow', dp) ?? window(d, 'deliveryWindow', dp) ?? window(o, 'deliveryWindow', path) ?? window(o, 'shipWindow', path);
    const records: ImportRecord[] = [];
    const lines: PoLineRecord[] = [];
    const currencies = new Set<string>();
    const seen = new Set<number>();
    list(d, 'items', dp).forEach((item, j) => {
      const ip = idx(at(dp, 'items'), j);
      const it = expectObj(item, ip, 'items');
      const line = poLine(it, ip, local, currencies, c);
      if (line) {
        if (seen.has(line.lineNo)) throw new FieldProblem(at(ip, 'itemSequenceNumber'), 'itemSequenceNumber', `line ${line.lineNo} appears twice in purchase order ${poNumber}`);
        seen.add(line.lineNo);
        lines.push(line);
      }
      records.push(...itemAcks(it, ip, poNumber, null, local, c));
    });
    const po: PurchaseOrderRecord = {
      kind: 'purchase_order',
      location: path,
      poNumber,
      orderDate: date(d, 'purchaseOrderDate', dp),
      vendorCode: partyId(d, 'sellingParty', dp),
      shipTo: partyId(d, 'shipToParty', dp),
      windowStart: win?.start ?? null,
      windowEnd: win?.end ?? null,
      state: str(o, 'purchaseOrderState', path),
      currency: oneCurrency(currencies, path, c),
      lines,
      raw: rawText(el, path),
    };
    out.push(po, ...records);
  });
}

/** One order line; null when its eaches cannot be known (a reject is added to `local`). */
function poLine(it: Json, ip: string, local: Reject[], currencies: Set<string>, c: Collector): PoLineRecord | null {
  const n = lineNo(it, 'itemSequenceNumber', ip);
  const ids = itemIds(str(it, 'amazonProductIdentifier', ip) ?? str(it, 'buyerProductIdentifier', ip), str(it, 'vendorProductIdentifier', ip));
  const q = quantity(it, 'orderedQuantity', ip);
  if (!q) throw new FieldProblem(at(ip, 'orderedQuantity'), 'orderedQuantity', 'orderedQuantity is missing');
  const cost = money(it, 'netCost', ip);
  if (cost?.currency) currencies.add(cost.currency);
  const raw = rawText(it, ip);
  if (isGap(q)) {
    local.push(gapReject(q, ip, raw));
    return null;
  }
  return { lineNo: n, ids, ordered: q, unitCostE4: eachCost(cost, at(ip, 'netCost'), c), raw };
}

/**
 * Unit cost per each, or null when the price is per weight unit (`netCost.unitOfMeasure` POUNDS…):
 * a price per pound compared with a price per each would raise false price claims.
 */
export function eachCost(m: Money | null, path: string, c: Collector): number | null {
  if (!m) return null;
  if (m.perWeight) {
    c.notes.add(`Some prices are per ${m.perWeight.toLowerCase()} (netCost.unitOfMeasure), not per each; their unit cost was left empty and the price kept in the source text.`);
    return null;
  }
  return costE4(m, at(path, 'amount'));
}

export function oneCurrency(currencies: Set<string>, path: string, c: Collector): string {
  if (currencies.size > 1) throw new FieldProblem(path, 'currencyCode', `lines are priced in several currencies (${[...currencies].join(', ')})`);
  const [cur] = currencies;
  if (cur) return cur;
  c.notes.add('A document carried no currency code; USD was assumed for it.');
  return 'USD';
}

/** `itemAcknowledgements[]` of an order or acknowledgement item → one PoAckRecord each. */
function itemAcks(it: Json, ip: string, poNumber: string, ackDate: string | null, local: Reject[], c: Collector): PoAckRecord[] {
  const acks = list(it, 'itemAcknowledgements', ip);
  if (acks.length === 0) return [];
  const n = str(it, 'itemSequenceNumber', ip) === null ? null : lineNo(it, 'itemSequenceNumber', ip);
  const ids = itemIds(str(it, 'amazonProductIdentifier', ip) ?? str(it, 'buyerProductIdentifier', ip), str(it, 'vendorProductIdentifier', ip));
  const cost = eachCost(money(it, 'netCost', ip), at(ip, 'netCost'), c);
  const outAcks: PoAckRecord[] = [];
  acks.forEach((a, k) => {
    const ap = idx(at(ip, 'itemAcknowledgements'), k);
    const ack = expectObj(a, ap, 'itemAcknowledgements');
    const code = reqStr(ack, 'acknowledgementCode', ap);
    const q = quantity(ack, 'acknowledgedQuantity', ap);
    if (!q) throw new FieldProblem(at(ap, 'acknowledgedQuantity'), 'acknowledgedQuantity', 'acknowledgedQuantity is missing');
    const raw = rawText(a, ap);
    if (isGap(q)) {
      local.push(gapReject(q, ap, raw));
      return;
    }
    outAcks.push({
      kind: 'po_ack', location: ap, poNumber, lineNo: n, ids, status: code.toLowerCase(), qty: q, unitCostE4: cost,
      ackDate, raw,
    });
  });
  return outAcks;
}

/** `submitAcknowledgement` body: `acknowledgements[]` → PoAckRecords. */
export function readAcknowledgements(items: unknown[], path: string, c: Collector, out: ImportRecord[]): void {
  items.forEach((el, i) => {
    const p = idx(path, i);
    guarded(c, el, p, (local) => {
      const o = expectObj(el, p, 'acknowledgements');
      const poNumber = reqStr(o, 'purchaseOrderNumber', p);
      const ackDate = date(o, 'acknowledgementDate', p);
      const recs: PoAckRecord[] = [];
      list(o, 'items', p).forEach((item, j) => {
        const ip = idx(at(p, 'items'), j);
        recs.push(...itemAcks(expectObj(item, ip, 'items'), ip, poNumber, ackDate, local, c));
      });
      out.push(...recs);
    });
  });
}
