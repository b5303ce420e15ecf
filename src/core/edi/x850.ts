// 850 purchase order → PurchaseOrderRecord; 855 acknowledgement → one PoAckRecord per ACK.
import type { PoAckRecord, PoLineRecord, PurchaseOrderRecord } from '../records';
import type { Mapper } from './common';
import { eaches, joinRaw, lineNumber, PackCheck, priceLine } from './common';
import { EdiFieldError, currencyOf, opt, optCostE4, optDate, optInt, optQty, partyId, readIds, req, reqQty } from './fields';
import type { Segment } from './reader';

// Delivery/ship window qualifiers, most specific first: 064/063 do not deliver before/after,
// 037/038 ship not before/no later, 010 requested ship, 001 cancel after, 002 delivery requested.
const WINDOW_START = ['064', '037', '010', '002'];
const WINDOW_END = ['063', '038', '001', '002'];

interface OpenPo1 {
  seg: Segment;
  lineNo: number;
  qty: number;
  uom: string | null;
  priceE4: number | null;
  basis: string | null;
  caseSize: number | null;
  texts: string[];
  acks: Segment[];
}

/** Reads the PO1 loops shared by the 850 and the 855; `onLine` gets each finished loop. */
function po1Loops(segments: Segment[], onHeader: (seg: Segment) => void, onLine: (l: OpenPo1) => void): void {
  let open: OpenPo1 | null = null;
  const seen = new Set<number>();
  let count = 0;
  const close = () => {
    if (open) onLine(open);
    open = null;
  };
  for (const seg of segments) {
    switch (seg.id) {
      case 'PO1': {
        close();
        count += 1;
        const lineNo = lineNumber(opt(seg, 1), count);
        if (seen.has(lineNo)) throw new EdiFieldError(seg, 'PO101 (line number)', `PO101 line number ${lineNo} appears twice`);
        seen.add(lineNo);
        open = {
          seg, lineNo, qty: reqQty(seg, 2, 'quantity ordered'), uom: opt(seg, 3)?.toUpperCase() ?? null,
          priceE4: optCostE4(seg, 4, 'unit price'), basis: opt(seg, 5)?.toUpperCase() ?? null, caseSize: null, texts: [seg.text], acks: [],
        };
        break;
      }
      case 'PO4':
        if (open) {
          open.caseSize = optInt(seg, 1, 'pack (units per case)');
          open.texts.push(seg.text);
        }
        break;
      case 'ACK':
        if (open) open.acks.push(seg);
        break;
      case 'CTT':
      case 'SE':
        close();
        onHeader(seg);
        break;
      default:
        if (open) open.texts.push(seg.text);
        else onHeader(seg);
    }
  }
  close();
}

export const map850: Mapper = (tx, _ctx, where) => {
  let beg: Segment | null = null;
  let currency: string | null = null;
  let shipTo: string | null = null;
  let vendorCode: string | null = null;
  const dates = new Map<string, string>();
  const header: string[] = [];
  const lines: PoLineRecord[] = [];
  const packs = new PackCheck();
  po1Loops(tx.segments, (seg) => {
    if (seg.id === 'SE' || seg.id === 'ST') return;
    header.push(seg.text);
    if (seg.id === 'BEG') beg = seg;
    else if (seg.id === 'CUR') currency = currencyOf(seg, currency);
    else if (seg.id === 'DTM') {
      const q = opt(seg, 1);
      const d = optDate(seg, 2, 'date');
      if (q && d && !dates.has(q)) dates.set(q, d);
    } else if (seg.id === 'N1') {
      const q = opt(seg, 1);
      if (q === 'ST') shipTo ??= partyId(seg);
      else if (q === 'VN' || q === 'SU') vendorCode ??= opt(seg, 4);
    } else if (seg.id === 'REF' && (opt(seg, 1) === 'IA' || opt(seg, 1) === 'VR')) vendorCode ??= opt(seg, 2);
  }, (l) => {
    const ordered = eaches(l.qty, l.uom, l.caseSize);
    packs.see(ordered, l.lineNo);
    lines.push({
      lineNo: l.lineNo,
      ids: readIds(l.seg, 6).ids,
      ordered,
      unitCostE4: l.priceE4 === null ? null : priceLine(ordered, l.priceE4, l.basis).unitCostE4,
      raw: joinRaw(l.texts),
    });
  });
  const b = beg as Segment | null;
  if (!b) throw new EdiFieldError(tx.segments[0]!, 'BEG', 'the 850 has no BEG (beginning segment for purchase order)');
  const purpose = opt(b, 1);
  const record: PurchaseOrderRecord = {
    kind: 'purchase_order',
    location: where,
    poNumber: req(b, 3, 'purchase order number'),
    orderDate: optDate(b, 5, 'purchase order date'),
    vendorCode,
    shipTo,
    windowStart: firstDate(dates, WINDOW_START),
    windowEnd: firstDate(dates, WINDOW_END),
    state: purpose === '00' ? 'New' : purpose === '01' ? 'Cancelled' : purpose ? `BEG01 ${purpose}` : null,
    currency: currency ?? 'USD',
    lines,
    raw: joinRaw(header),
  };
  return { records: [record], rejects: [], notes: packs.notes(`PO ${record.poNumber} (${where})`) };
};

function firstDate(dates: Map<string, string>, order: string[]): string | null {
  for (const q of order) {
    const d = dates.get(q);
    if (d) return d;
  }
  return null;
}

const ACK_STATUS: Record<string, string> = {
  IA: 'accepted', IB: 'backordered', IR: 'rejected',
  AC: 'accepted and shipped', AR: 'accepted and released for shipment', IC: 'accepted - changes made', ID: 'item deleted',
  IE: 'accepted - price pending', IF: 'on hold - incomplete description', IH: 'on hold', IP: 'accepted - price changed',
  IQ: 'accepted - quantity changed', IS: 'accepted - substitution made', IW: 'on hold - waiver required', R1: 'rejected - not a contract item',
  R2: 'rejected - invalid item product number', R3: 'rejected - invalid unit of issue', R4: 'rejected - contract item not available',
  SP: 'scheduled for shipment', DR: 'accepted - date rescheduled',
};

export const map855: Mapper = (tx, _ctx, where) => {
  let bak: Segment | null = null;
  const header: string[] = [];
  const acks: PoAckRecord[] = [];
  const pending: OpenPo1[] = [];
  const packs = new PackCheck();
  po1Loops(tx.segments, (seg) => {
    if (seg.id === 'BAK') bak = seg;
    if (seg.id !== 'SE' && seg.id !== 'ST') header.push(seg.text);
  }, (l) => pending.push(l));
  const b = bak as Segment | null;
  if (!b) throw new EdiFieldError(tx.segments[0]!, 'BAK', 'the 855 has no BAK (beginning segment for purchase order acknowledgment)');
  const poNumber = req(b, 3, 'purchase order number');
  const ackDate = optDate(b, 9, 'acknowledgment date');
  for (const l of pending) {
    const { ids } = readIds(l.seg, 6);
    for (const a of l.acks) {
      const code = req(a, 1, 'line item status code').toUpperCase();
      // An ACK without a quantity confirms the PO1 line's quantity and unit.
      const amount = optQty(a, 2, 'quantity') ?? l.qty;
      const uom = opt(a, 3)?.toUpperCase() ?? l.uom;
      const qty = eaches(amount, uom, l.caseSize);
      packs.see(qty, l.lineNo);
      acks.push({
        kind: 'po_ack',
        location: `${where}, segment ${a.pos} (ACK)`,
        poNumber,
        lineNo: l.lineNo,
        ids,
        status: ACK_STATUS[code] ?? `ACK01 ${code}`,
        qty,
        unitCostE4: l.priceE4 === null ? null : priceLine(qty, l.priceE4, l.basis).unitCostE4,
        ackDate,
        raw: joinRaw([l.seg.text, a.text]),
      });
    }
  }
  const notes = packs.notes(`acknowledgement of PO ${poNumber} (${where})`);
  if (acks.length === 0) notes.push(`${where}: the 855 for PO ${poNumber} has no ACK lines`);
  return { records: acks, rejects: [], notes };
};
