// vendorShipments: shipment confirmations (`shipmentConfirmations[]`: shippedItems, cartons[],
// pallets[]) and shipment details (`shipments[]`: purchaseOrders[].items, generic containers[]).
// Both become a ShipmentRecord with its containers (SSCC, tracking) and lines.
//
// Lines: an item's shipped total is the truth. When the containers that reference an item hold
// exactly that total, the item is written per container (so each SSCC keeps its contents);
// otherwise the shipped total is written once and the container detail stays in the raw text.
import type { CartonRecord, ImportRecord, ItemIds, Quantity, Reject, ShipmentLineRecord, ShipmentRecord } from '../records';
import type { Collector, Json, QtyResult } from './read';
import {
  at, date, expectObj, gapReject, guarded, idx, isGap, isObj, itemIds, list, obj, partyId, quantity, rawText, reqStr,
  str, FieldProblem,
} from './read';

/** A shipped item as listed at shipment level. */
interface Shipped {
  seq: string | null;
  po: string | null;
  ids: ItemIds;
  qty: QtyResult;
  path: string;
  raw: string;
}

/** An item inside a container. */
interface Packed {
  seq: string | null;
  po: string | null;
  ids: ItemIds;
  qty: QtyResult;
  containerId: string | null;
  path: string;
  raw: string;
}

interface Box {
  carton: CartonRecord | null;
  seq: string | null;
  /** Sequence numbers of the containers this one holds. */
  children: string[];
  path: string;
}

/** Containers nested deeper than this inside packedItems are not read. */
const MAX_NESTING = 8;

export function readShipmentConfirmations(items: unknown[], path: string, c: Collector, out: ImportRecord[]): void {
  items.forEach((el, i) => {
    const p = idx(path, i);
    guarded(c, el, p, (local) => {
      const o = expectObj(el, p, 'shipmentConfirmations');
      const shipmentId = reqStr(o, 'shipmentIdentifier', p);
      const t = obj(o, 'transportationDetails', p);
      const tp = at(p, 'transportationDetails');
      const shipped = list(o, 'shippedItems', p).map((it, j) => shippedItem(it, idx(at(p, 'shippedItems'), j), null));
      const boxes: Box[] = [];
      const packed: Packed[] = [];
      list(o, 'cartons', p).forEach((ct, j) => {
        const cp = idx(at(p, 'cartons'), j);
        const co = expectObj(ct, cp, 'cartons');
        const box = container(co, cp, 'carton', 'cartonIdentifiers', 'cartonSequenceNumber', c);
        boxes.push(box);
        list(co, 'items', cp).forEach((it, k) => packed.push(packedItem(it, idx(at(cp, 'items'), k), box, 'itemReference', 'shippedQuantity')));
      });
      list(o, 'pallets', p).forEach((pl, j) => {
        const pp = idx(at(p, 'pallets'), j);
        const po = expectObj(pl, pp, 'pallets');
        const box = container(po, pp, 'pallet', 'palletIdentifiers', 'palletSequenceNumber', c);
        const refs = obj(po, 'cartonReferenceDetails', pp);
        if (refs) box.children.push(...list(refs, 'cartonReferenceNumbers', at(pp, 'cartonReferenceDetails')).map((r) => String(r)));
        boxes.push(box);
        list(po, 'items', pp).forEach((it, k) => packed.push(packedItem(it, idx(at(pp, 'items'), k), box, 'itemReference', 'shippedQuantity')));
      });
      const rec: ShipmentRecord = {
        kind: 'shipment',
        location: p,
        shipmentId,
        shipmentDate: date(o, 'shipmentConfirmationDate', p),
        shippedDate: date(o, 'shippedDate', p),
        deliveryDate: date(o, 'estimatedDeliveryDate', p),
        carrierScac: t ? str(t, 'carrierScac', tp) : null,
        bol: t ? str(t, 'billOfLadingNumber', tp) : null,
        pro: t ? str(t, 'carrierShipmentReferenceNumber', tp) : null,
        arn: str(o, 'amazonReferenceNumber', p),
        shipFrom: partyId(o, 'shipFromParty', p),
        shipTo: partyId(o, 'shipToParty', p),
        vendorCode: partyId(o, 'sellingParty', p),
        shipmentType: str(o, 'shipmentType', p),
        freightTerms: null,
        cartons: cartons(boxes, c),
        lines: lines(shipped, packed, shipmentId, local, c),
        raw: rawText(el, p),
      };
      out.push(rec);
    });
  });
}

export function readShipmentDetails(items: unknown[], path: string, c: Collector, out: ImportRecord[]): void {
  items.forEach((el, i) => {
    const p = idx(path, i);
    guarded(c, el, p, (local) => {
      const o = expectObj(el, p, 'shipments');
      const shipmentId = reqStr(o, 'vendorShipmentIdentifier', p);
      const t = obj(o, 'transportationDetails', p);
      const tp = at(p, 'transportationDetails');
      const carrier = t ? obj(t, 'carrierDetails', tp) : null;
      const cdp = at(tp, 'carrierDetails');
      const shipped: Shipped[] = [];
      list(o, 'purchaseOrders', p).forEach((po, j) => {
        const pp = idx(at(p, 'purchaseOrders'), j);
        const poObj = expectObj(po, pp, 'purchaseOrders');
        const poNumber = str(poObj, 'purchaseOrderNumber', pp);
        list(poObj, 'items', pp).forEach((it, k) => shipped.push(shippedItem(it, idx(at(pp, 'items'), k), poNumber)));
      });
      const boxes: Box[] = [];
      const packed: Packed[] = [];
      list(o, 'containers', p).forEach((ct, j) => genericContainer(ct, idx(at(p, 'containers'), j), null, 0, boxes, packed, c));
      const freight = str(o, 'shipmentFreightTerm', p)?.toLowerCase() ?? null;
      const rec: ShipmentRecord = {
        kind: 'shipment',
        location: p,
        shipmentId,
        shipmentDate: date(o, 'shipmentConfirmDate', p) ?? date(o, 'shipmentCreateDate', p),
        shippedDate: t ? date(t, 'shippedDate', tp) : null,
        deliveryDate: t ? date(t, 'shipmentDeliveryDate', tp) ?? date(t, 'estimatedDeliveryDate', tp) : null,
        carrierScac: (t ? str(t, 'carrierScac', tp) : null) ?? (carrier ? str(carrier, 'code', cdp) : null),
        bol: t ? str(t, 'billOfLadingNumber', tp) : null,
        pro: (t ? str(t, 'carrierShipmentReferenceNumber', tp) : null) ?? (carrier ? str(carrier, 'shipmentReferenceNumber', cdp) : null),
        arn: str(o, 'amazonReferenceNumber', p),
        shipFrom: partyId(o, 'shipFromParty', p),
        shipTo: partyId(o, 'shipToParty', p),
        vendorCode: partyId(o, 'sellingParty', p),
        shipmentType: (t ? str(t, 'shipMode', tp) : null) ?? str(o, 'shipmentType', p),
        freightTerms: freight === 'collect' || freight === 'prepaid' ? freight : null,
        cartons: cartons(boxes, c),
        lines: lines(shipped, packed, shipmentId, local, c),
        raw: rawText(el, p),
      };
      out.push(rec);
    });
  });
}

function shippedItem(it: unknown, ip: string, po: string | null): Shipped {
  const o = expectObj(it, ip, 'items');
  const details = obj(o, 'itemDetails', ip);
  const q = quantity(o, 'shippedQuantity', ip);
  if (!q) throw new FieldProblem(at(ip, 'shippedQuantity'), 'shippedQuantity', 'shippedQuantity is missing');
  return {
    seq: str(o, 'itemSequenceNumber', ip),
    po: (details ? str(details, 'purchaseOrderNumber', at(ip, 'itemDetails')) : null) ?? po,
    ids: ids(o, ip),
    qty: q,
    path: ip,
    raw: rawText(it, ip),
  };
}

function packedItem(it: unknown, ip: string, box: Box, seqKey: string, qtyKey: string): Packed {
  const o = expectObj(it, ip, 'items');
  const details = obj(o, 'itemDetails', ip);
  const q = quantity(o, qtyKey, ip);
  if (!q) throw new FieldProblem(at(ip, qtyKey), qtyKey, `${qtyKey} is missing`);
  return {
    seq: str(o, seqKey, ip),
    po: details ? str(details, 'purchaseOrderNumber', at(ip, 'itemDetails')) : null,
    ids: ids(o, ip),
    qty: q,
    containerId: box.carton?.containerId ?? null,
    path: ip,
    raw: rawText(it, ip),
  };
}

function ids(o: Json, ip: string): ItemIds {
  return itemIds(str(o, 'amazonProductIdentifier', ip) ?? str(o, 'buyerProductIdentifier', ip), str(o, 'vendorProductIdentifier', ip));
}

/** A carton or pallet of the confirmation schema, or a generic container of the details schema. */
function container(o: Json, path: string, type: 'carton' | 'pallet', idsKey: string, seqKey: string, c: Collector): Box {
  const identifiers = list(o, idsKey, path).map((x, k) => {
    const xp = idx(at(path, idsKey), k);
    const xo = expectObj(x, xp, idsKey);
    return { type: str(xo, 'containerIdentificationType', xp), number: str(xo, 'containerIdentificationNumber', xp) };
  }).filter((x) => x.number !== null);
  // The SSCC is the id Amazon's receiving scans; other ids (AMZNCC, GTIN, CID…) only when there is none.
  const chosen = identifiers.find((x) => x.type?.toUpperCase() === 'SSCC') ?? identifiers[0];
  if (!chosen) c.notes.add('A container without any identifier was kept only in the source text.');
  return {
    carton: chosen ? { containerId: chosen.number!, idType: chosen.type, type, parentId: null, trackingNumber: str(o, 'trackingNumber', path) } : null,
    seq: str(o, seqKey, path),
    children: [],
    path,
  };
}

/**
 * A `containers[]` entry (carton or pallet) with its packedItems. A packedItems entry that is
 * itself a container (Amazon's example has a pallet inside a carton's packedItems) is read as a
 * container of its own; a carton found inside a pallet that way is recorded as the pallet's child.
 */
function genericContainer(ct: unknown, cp: string, parent: Box | null, depth: number, boxes: Box[], packed: Packed[], c: Collector): void {
  if (depth > MAX_NESTING) throw new FieldProblem(cp, 'packedItems', `containers nested more than ${MAX_NESTING} deep`);
  const co = expectObj(ct, cp, 'containers');
  const typeText = reqStr(co, 'containerType', cp).toLowerCase();
  if (typeText !== 'carton' && typeText !== 'pallet') throw new FieldProblem(at(cp, 'containerType'), 'containerType', `"${typeText}" is not carton or pallet`);
  const box = container(co, cp, typeText, 'containerIdentifiers', 'containerSequenceNumber', c);
  const inner = obj(co, 'innerContainersDetails', cp);
  if (inner) {
    const ip = at(cp, 'innerContainersDetails');
    list(inner, 'containerSequenceNumbers', ip).forEach((s, k) => {
      const sp = idx(at(ip, 'containerSequenceNumbers'), k);
      const seq = isObj(s) ? str(s, 'containerSequenceNumber', sp) : typeof s === 'string' || typeof s === 'number' ? String(s) : null;
      if (seq !== null) box.children.push(seq);
    });
  }
  if (parent?.carton && box.carton) {
    if (parent.carton.type === 'pallet') box.carton.parentId = parent.carton.containerId;
    else c.notes.add(`A ${box.carton.type} was listed inside a carton's packedItems (as in Amazon's own example); it was read as a container of its own.`);
  }
  boxes.push(box);
  list(co, 'packedItems', cp).forEach((it, k) => {
    const ip = idx(at(cp, 'packedItems'), k);
    if (isObj(it) && 'containerType' in it) genericContainer(it, ip, box, depth + 1, boxes, packed, c);
    else packed.push(packedItem(it, ip, box, 'itemSequenceNumber', 'packedQuantity'));
  });
}

/** Container records with parents resolved from pallet → carton references (by sequence number). */
function cartons(boxes: Box[], c: Collector): CartonRecord[] {
  const bySeq = new Map<string, Box>();
  for (const b of boxes) if (b.seq !== null && !bySeq.has(b.seq)) bySeq.set(b.seq, b);
  for (const parent of boxes) {
    if (!parent.carton) continue;
    for (const seq of parent.children) {
      const child = bySeq.get(seq);
      if (!child) {
        c.notes.add(`A container refers to container sequence number(s) not present in the shipment (e.g. ${seq}); the reference was ignored.`);
        continue;
      }
      // Amazon's example lists a pallet as its own inner container: a container is never its own parent.
      if (child === parent || !child.carton || child.carton.parentId !== null) continue;
      child.carton.parentId = parent.carton.containerId;
    }
  }
  const out: CartonRecord[] = [];
  const seen = new Set<string>();
  for (const b of boxes) {
    if (!b.carton) continue;
    if (seen.has(b.carton.containerId)) {
      c.notes.add(`Container ${b.carton.containerId} is listed twice in one shipment; it was stored once.`);
      continue;
    }
    seen.add(b.carton.containerId);
    out.push(b.carton);
  }
  return out;
}

function lines(shipped: Shipped[], packed: Packed[], shipmentId: string, local: Reject[], c: Collector): ShipmentLineRecord[] {
  const out: ShipmentLineRecord[] = [];
  const add = (l: Omit<ShipmentLineRecord, 'lineNo'>) => out.push({ lineNo: out.length + 1, ...l });
  // Which shipped item each packed item belongs to: same sequence number and, when the packed item
  // names a PO, the same PO; a packed item that matches none stands on its own.
  const bySeq = new Map<string, Shipped[]>();
  for (const s of shipped) {
    if (s.seq === null) continue;
    const k = seqKey(s.seq);
    const group = bySeq.get(k);
    if (group) group.push(s);
    else bySeq.set(k, [s]);
  }
  const owner = new Map<Packed, Shipped>();
  const contents = new Map<Shipped, Packed[]>();
  for (const pk of packed) {
    if (pk.seq === null) continue;
    const candidates = (bySeq.get(seqKey(pk.seq)) ?? []).filter((s) => pk.po === null || s.po === null || pk.po === s.po);
    if (candidates.length !== 1) continue;
    const s = candidates[0]!;
    owner.set(pk, s);
    const held = contents.get(s);
    if (held) held.push(pk);
    else contents.set(s, [pk]);
  }
  const toLine = (pk: Packed, s: Shipped | null, qty: Quantity): Omit<ShipmentLineRecord, 'lineNo'> => ({
    poNumber: pk.po ?? s?.po ?? null,
    ids: merge(pk.ids, s?.ids ?? null),
    qty,
    containerId: pk.containerId,
    raw: pk.raw,
  });
  for (const s of shipped) {
    const mine = contents.get(s) ?? [];
    const known = mine.every((pk) => !isGap(pk.qty));
    const packedEach = known ? mine.reduce((sum, pk) => sum + (pk.qty as Quantity).each, 0) : null;
    if (isGap(s.qty)) {
      if (mine.length > 0 && known) {
        c.notes.add('An item shipped in Cases without unitSize was counted from its containers\' contents.');
        for (const pk of mine) add(toLine(pk, s, pk.qty as Quantity));
      } else {
        local.push(gapReject(s.qty, s.path, s.raw));
      }
      continue;
    }
    if (mine.length > 0 && packedEach === s.qty.each) {
      for (const pk of mine) add(toLine(pk, s, pk.qty as Quantity));
      continue;
    }
    if (mine.length > 0) {
      c.notes.add(`Shipment ${shipmentId}: the containers hold ${packedEach ?? 'an unknown number of'} eaches of item ${s.seq ?? '?'} where the shipment lists ${s.qty.each}; the shipped total was kept and the container detail left in the source text.`);
    }
    add({ poNumber: s.po, ids: s.ids, qty: s.qty, containerId: null, raw: s.raw });
  }
  for (const pk of packed) {
    if (owner.has(pk)) continue;
    if (isGap(pk.qty)) {
      local.push(gapReject(pk.qty, pk.path, pk.raw));
      continue;
    }
    add(toLine(pk, null, pk.qty));
  }
  return out;
}

/** "001" and "1" name the same item; other text compares as written. */
function seqKey(seq: string): string {
  return /^\d+$/.test(seq) ? String(Number(seq)) : seq;
}

function merge(a: ItemIds, b: ItemIds | null): ItemIds {
  if (!b) return a;
  return { asin: a.asin ?? b.asin, vendorSku: a.vendorSku ?? b.vendorSku, upc: a.upc ?? b.upc, ean: a.ean ?? b.ean };
}
