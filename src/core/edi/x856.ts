// 856 ASN → ShipmentRecord. The HL hierarchy may be Shipment/Order/Pack/Item, S/O/I, S/O/Tare/
// Pack/Item, S/Tare/Pack/Item…: each HL names its parent (HL02), so an item's PO, carton and
// pallet are found by walking up, whatever the order of levels.
import type { CartonRecord, ShipmentLineRecord, ShipmentRecord } from '../records';
import type { Mapper } from './common';
import { eaches, joinRaw, PackCheck } from './common';
import { EdiFieldError, opt, optDate, optInt, partyId, readIds, req, reqQty } from './fields';
import type { Segment } from './reader';

/** Usual nesting order of HL levels: shipment, order, tare (pallet), pack (carton), item. */
const LEVEL_RANK: Record<string, number> = { S: 0, O: 1, T: 2, P: 3, I: 4 };

interface HlNode {
  id: string;
  parent: HlNode | null;
  level: string;
  po: string | null;
  container: string | null;
}

interface OpenItem {
  node: HlNode;
  lin: Segment | null;
  sn1: Segment | null;
  caseSize: number | null;
  texts: string[];
}

export const map856: Mapper = (tx, _ctx, where) => {
  let bsn: Segment | null = null;
  const s = {
    shippedDate: null as string | null, deliveryDate: null as string | null, carrierScac: null as string | null, bol: null as string | null,
    pro: null as string | null, shipFrom: null as string | null, shipTo: null as string | null, vendorCode: null as string | null,
    freightTerms: null as string | null,
  };
  const header: string[] = [];
  const nodes = new Map<string, HlNode>();
  const cartons: CartonRecord[] = [];
  const cartonIndex = new Map<string, CartonRecord>();
  const lines: ShipmentLineRecord[] = [];
  let node: HlNode | null = null;
  let item: OpenItem | null = null;
  const packs = new PackCheck();

  const up = (n: HlNode | null, pick: (n: HlNode) => string | null): string | null => {
    for (let c = n; c; c = c.parent) {
      const v = pick(c);
      if (v !== null) return v;
    }
    return null;
  };

  const closeItem = () => {
    if (!item) return;
    const it = item;
    item = null;
    if (!it.sn1) {
      const at = it.lin ?? tx.segments[0]!;
      throw new EdiFieldError(at, 'SN1', `item HL ${it.node.id} has no SN1 (quantity shipped)`);
    }
    const qty = eaches(reqQty(it.sn1, 2, 'number of units shipped'), req(it.sn1, 3, 'unit of measure').toUpperCase(), it.caseSize);
    const { ids, poNumber } = it.lin ? readIds(it.lin, 2) : { ids: { asin: null, vendorSku: null, upc: null, ean: null }, poNumber: null };
    packs.see(qty, lines.length + 1);
    lines.push({
      lineNo: lines.length + 1,
      poNumber: up(it.node, (n) => n.po) ?? poNumber,
      ids,
      qty,
      containerId: up(it.node, (n) => n.container),
      raw: joinRaw(it.texts),
    });
  };

  const container = (seg: Segment) => {
    const qual = opt(seg, 1);
    const id = opt(seg, 2);
    if (!node || qual === null || id === null) return;
    if (qual === 'CP') {
      // Carrier-assigned package id: the tracking number of this level's container.
      const c = node.container ? cartonIndex.get(node.container) : undefined;
      if (c) c.trackingNumber ??= id;
      return;
    }
    const parentId = up(node.parent, (n) => n.container);
    let c = cartonIndex.get(id);
    if (!c) {
      c = {
        containerId: id,
        idType: qual === 'GM' || qual === 'AA' ? 'SSCC' : qual,
        type: node.level === 'T' ? 'pallet' : 'carton',
        parentId,
        trackingNumber: opt(seg, 4) === 'CP' ? opt(seg, 5) : null,
      };
      cartonIndex.set(id, c);
      cartons.push(c);
    }
    node.container ??= id;
  };

  for (const seg of tx.segments) {
    switch (seg.id) {
      case 'BSN':
        bsn = seg;
        header.push(seg.text);
        continue;
      case 'HL': {
        closeItem();
        const id = req(seg, 1, 'hierarchical id number');
        const parentId = opt(seg, 2);
        const level = req(seg, 3, 'hierarchical level code').toUpperCase();
        let parent: HlNode | null = null;
        if (parentId !== null) {
          parent = nodes.get(parentId) ?? null;
          if (!parent) throw new EdiFieldError(seg, 'HL02 (parent id)', `HL ${id} names parent ${parentId}, which is not an earlier HL`);
        } else if (level !== 'S' && node) {
          // Some senders leave HL02 empty: the parent is the nearest earlier HL of a higher level.
          const rank = LEVEL_RANK[level];
          parent = node;
          while (rank !== undefined && parent && (LEVEL_RANK[parent.level] ?? -1) >= rank) parent = parent.parent;
          parent ??= node;
        }
        node = { id, parent, level, po: null, container: null };
        nodes.set(id, node);
        if (level === 'I') item = { node, lin: null, sn1: null, caseSize: null, texts: [] };
        continue;
      }
      case 'LIN':
        // Some senders put the item on the pack level (no HL…I): a LIN starts an item wherever it is.
        if (!item && node && node.level !== 'S' && node.level !== 'O') item = { node, lin: null, sn1: null, caseSize: null, texts: [] };
        if (item) {
          if (item.lin) {
            closeItem();
            item = { node: node!, lin: null, sn1: null, caseSize: null, texts: [] };
          }
          item.lin = seg;
          item.texts.push(seg.text);
        }
        continue;
      case 'SN1':
        if (item) {
          item.sn1 = seg;
          item.texts.push(seg.text);
        }
        continue;
      case 'PO4':
        if (item) {
          item.caseSize = optInt(seg, 1, 'pack (units per case)');
          item.texts.push(seg.text);
        }
        continue;
      case 'PRF':
        if (node) node.po = req(seg, 1, 'purchase order number');
        continue;
      case 'MAN':
        container(seg);
        continue;
      case 'TD1':
        break;
      case 'TD5':
        if (s.carrierScac === null) s.carrierScac = opt(seg, 3);
        break;
      case 'REF': {
        const q = opt(seg, 1);
        if (q === 'BM') s.bol ??= opt(seg, 2);
        else if (q === 'CN') s.pro ??= opt(seg, 2);
        else if (q === 'IA' || q === 'VR') s.vendorCode ??= opt(seg, 2);
        break;
      }
      case 'DTM': {
        const q = opt(seg, 1);
        if (q === '011') s.shippedDate ??= optDate(seg, 2, 'shipped date');
        else if (q === '067' || q === '017') s.deliveryDate ??= optDate(seg, 2, 'delivery date');
        break;
      }
      case 'N1': {
        const q = opt(seg, 1);
        if (q === 'SF') s.shipFrom ??= partyId(seg);
        else if (q === 'ST') s.shipTo ??= partyId(seg);
        else if (q === 'VN' || q === 'SU') s.vendorCode ??= opt(seg, 4);
        break;
      }
      case 'FOB': {
        const q = opt(seg, 1);
        s.freightTerms ??= q === 'PP' ? 'prepaid' : q === 'CC' ? 'collect' : null;
        break;
      }
      case 'CTT':
      case 'SE':
        closeItem();
        continue;
      default:
        if (item && seg.id !== 'ST') item.texts.push(seg.text);
        continue;
    }
    // Shipment-level segments (TD5, REF, DTM, N1, FOB) are kept as the shipment's raw text.
    if (!node || node.level === 'S') header.push(seg.text);
  }
  closeItem();

  if (!bsn) throw new EdiFieldError(tx.segments[0]!, 'BSN', 'the 856 has no BSN (beginning segment for ship notice)');
  const shipmentId = req(bsn, 2, 'shipment identification');
  const record: ShipmentRecord = {
    kind: 'shipment',
    location: where,
    shipmentId,
    shipmentDate: optDate(bsn, 3, 'shipment date'),
    shippedDate: s.shippedDate,
    deliveryDate: s.deliveryDate,
    carrierScac: s.carrierScac,
    bol: s.bol,
    pro: s.pro,
    arn: null,
    shipFrom: s.shipFrom,
    shipTo: s.shipTo,
    vendorCode: s.vendorCode,
    shipmentType: null,
    freightTerms: s.freightTerms,
    cartons,
    lines,
    raw: joinRaw(header),
  };
  return { records: [record], rejects: [], notes: packs.notes(`shipment ${shipmentId} (${where})`) };
};
