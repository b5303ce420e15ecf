// vendorOrders `getPurchaseOrdersStatus`: the receipt source. Each item status gives the ordered
// quantity (→ a PO line, so a status file alone gives the PO), the acknowledged quantities
// (→ accepted / rejected PoAckRecords) and Amazon's cumulative received quantity (→ a snapshot
// ReceiptRecord, the number shortage maths needs).
import type { ImportRecord, PoAckRecord, PoLineRecord, PurchaseOrderRecord, Quantity, ReceiptRecord, Reject } from '../records';
import type { Collector, Json, QtyResult } from './read';
import {
  at, date, dayOf, expectObj, gapReject, guarded, idx, isGap, itemIds, lineNo, list, money, obj, partyId, quantity, rawText,
  reqStr, str, FieldProblem,
} from './read';
import { eachCost, oneCurrency } from './orders';

export function readOrdersStatus(items: unknown[], path: string, c: Collector, out: ImportRecord[]): void {
  items.forEach((el, i) => {
    const p = idx(path, i);
    guarded(c, el, p, (local) => {
      const o = expectObj(el, p, 'ordersStatus');
      const poNumber = reqStr(o, 'purchaseOrderNumber', p);
      const fc = partyId(o, 'shipToParty', p);
      const lines: PoLineRecord[] = [];
      const derived: ImportRecord[] = [];
      const currencies = new Set<string>();
      const seen = new Set<number>();
      list(o, 'itemStatus', p).forEach((item, j) => {
        const ip = idx(at(p, 'itemStatus'), j);
        const it = expectObj(item, ip, 'itemStatus');
        const n = lineNo(it, 'itemSequenceNumber', ip);
        if (seen.has(n)) throw new FieldProblem(at(ip, 'itemSequenceNumber'), 'itemSequenceNumber', `line ${n} appears twice in purchase order ${poNumber}`);
        seen.add(n);
        // Status lines name the ASIN buyerProductIdentifier; order lines call it amazonProductIdentifier.
        const ids = itemIds(str(it, 'buyerProductIdentifier', ip) ?? str(it, 'amazonProductIdentifier', ip), str(it, 'vendorProductIdentifier', ip));
        const cost = money(it, 'netCost', ip);
        if (cost?.currency) currencies.add(cost.currency);
        const unitCostE4 = eachCost(cost, at(ip, 'netCost'), c);
        const raw = rawText(item, ip);

        const ordered = orderedQuantity(it, ip);
        if (ordered) {
          if (isGap(ordered)) local.push(gapReject(ordered, ip, raw));
          else lines.push({ lineNo: n, ids, ordered, unitCostE4, raw });
        }

        const ack = obj(it, 'acknowledgementStatus', ip);
        if (ack) derived.push(...acks(ack, at(ip, 'acknowledgementStatus'), { poNumber, n, ids, unitCostE4, raw, ip }, local));

        const recv = obj(it, 'receivingStatus', ip);
        if (recv) {
          const r = receipt(recv, at(ip, 'receivingStatus'), { poNumber, n, ids, raw, ip, fc }, local);
          if (r) derived.push(r);
        }
      });
      const po: PurchaseOrderRecord = {
        kind: 'purchase_order',
        location: p,
        poNumber,
        orderDate: date(o, 'purchaseOrderDate', p),
        vendorCode: partyId(o, 'sellingParty', p),
        shipTo: fc,
        windowStart: null,
        windowEnd: null,
        state: str(o, 'purchaseOrderStatus', p),
        currency: oneCurrency(currencies, p, c),
        lines,
        raw: rawText(el, p),
      };
      out.push(po, ...derived);
    });
  });
}

/**
 * The current ordered total: `orderedQuantity.orderedQuantity`. The history in
 * `orderedQuantityDetails` (orders and cancellations) stays in the line's raw text.
 */
function orderedQuantity(it: Json, ip: string): QtyResult | null {
  const wrapper = obj(it, 'orderedQuantity', ip);
  if (!wrapper) return null;
  const wp = at(ip, 'orderedQuantity');
  // Tolerate a flat `{amount, unitOfMeasure}` as an order line writes it.
  if ('amount' in wrapper) return quantity(it, 'orderedQuantity', ip);
  return quantity(wrapper, 'orderedQuantity', wp);
}

interface LineCtx {
  poNumber: string;
  n: number;
  ids: PoAckRecord['ids'];
  raw: string;
  ip: string;
}

/**
 * Accepted and rejected totals of a confirmed line. An UNCONFIRMED line (0 and 0) says nothing was
 * acknowledged yet, so it gives no ack; a confirmed line always gives its accepted total (0 for a
 * rejected line) and its rejected total when there is one.
 */
function acks(ack: Json, ap: string, l: LineCtx & { unitCostE4: number | null }, local: Reject[]): PoAckRecord[] {
  const status = str(ack, 'confirmationStatus', ap);
  if (status === null || status.toUpperCase() === 'UNCONFIRMED') return [];
  let ackDate: string | null = null;
  list(ack, 'acknowledgementStatusDetails', ap).forEach((d, k) => {
    const dp = idx(at(ap, 'acknowledgementStatusDetails'), k);
    const day = date(expectObj(d, dp, 'acknowledgementStatusDetails'), 'acknowledgementDate', dp);
    if (day && (ackDate === null || day > ackDate)) ackDate = day;
  });
  const out: PoAckRecord[] = [];
  const push = (key: 'acceptedQuantity' | 'rejectedQuantity', code: string, always: boolean) => {
    const q = quantity(ack, key, ap);
    if (!q) return;
    if (isGap(q)) return void local.push(gapReject(q, l.ip, l.raw));
    if (!always && q.each === 0) return;
    out.push({ kind: 'po_ack', location: l.ip, poNumber: l.poNumber, lineNo: l.n, ids: l.ids, status: code, qty: q, unitCostE4: l.unitCostE4, ackDate, raw: l.raw });
  };
  push('acceptedQuantity', 'accepted', true);
  push('rejectedQuantity', 'rejected', false);
  return out;
}

/**
 * Amazon's cumulative received quantity as a snapshot. `lastReceiveDate` is missing when nothing
 * was received; the snapshot then has no date (and 0 units).
 */
function receipt(recv: Json, rp: string, l: LineCtx & { fc: string | null }, local: Reject[]): ReceiptRecord | null {
  const status = str(recv, 'receiveStatus', rp);
  let q = quantity(recv, 'receivedQuantity', rp);
  if (!q) {
    if (status?.toUpperCase() !== 'NOT_RECEIVED') throw new FieldProblem(at(rp, 'receivedQuantity'), 'receivedQuantity', `receivedQuantity is missing for a line ${status ?? 'with no receiveStatus'}`);
    q = { each: 0, uom: null, amount: 0, caseSize: null } satisfies Quantity;
  }
  if (isGap(q)) {
    local.push(gapReject(q, l.ip, l.raw));
    return null;
  }
  const last = str(recv, 'lastReceiveDate', rp);
  return {
    kind: 'receipt',
    location: l.ip,
    poNumber: l.poNumber,
    ids: l.ids,
    lineNo: l.n,
    qty: q,
    receiveDate: last === null ? null : dayOf(last, at(rp, 'lastReceiveDate'), 'lastReceiveDate'),
    mode: 'snapshot',
    fc: l.fc,
    status,
    raw: l.raw,
  };
}
