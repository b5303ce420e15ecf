// Selling Partner API vendor payloads (DOMAIN.md §6) for the generated documents: purchase
// orders (getPurchaseOrders), order status with received quantities (getPurchaseOrdersStatus —
// the receipts), shipment confirmations (submitShipmentConfirmations) and invoices
// (submitInvoices). Money is a decimal string, as the API writes it.
import type { GenInvoice, GenPo, GenPoStatus, GenShipment } from './model';
import { cost, dec } from './text';
import { TERMS, VENDOR } from './scenario';

const money = (amount: string) => ({ amount, currencyCode: 'USD' });
const ts = (iso: string, time = '15:00:00') => `${iso}T${time}Z`;
const qty = (amount: number, uom: 'CA' | 'EA', unitSize: number) => ({ amount, unitOfMeasure: uom === 'CA' ? 'Cases' : 'Eaches', unitSize: uom === 'CA' ? unitSize : 1 });

export function orderJson(po: GenPo): object {
  return {
    purchaseOrderNumber: po.poNumber,
    purchaseOrderState: 'Acknowledged',
    orderDetails: {
      purchaseOrderDate: ts(po.orderDate, '08:12:00'),
      purchaseOrderChangedDate: ts(po.orderDate, '08:12:00'),
      purchaseOrderStateChangedDate: ts(po.orderDate, '10:40:00'),
      purchaseOrderType: 'RegularOrder',
      paymentMethod: 'Invoice',
      buyingParty: { partyId: po.fc },
      sellingParty: { partyId: VENDOR.code },
      shipToParty: { partyId: po.fc },
      billToParty: { partyId: 'AMZN_US' },
      shipWindow: `${ts(po.windowStart, '07:00:00')}--${ts(po.windowEnd, '07:00:00')}`,
      items: po.lines.map((l) => ({
        itemSequenceNumber: String(l.lineNo),
        amazonProductIdentifier: l.item.asin,
        vendorProductIdentifier: l.item.sku,
        orderedQuantity: qty(l.amount, l.uom, l.caseSize),
        isBackOrderAllowed: false,
        netCost: money(cost(l.costE4)),
        listPrice: money(cost(l.costE4)),
      })),
    },
  };
}

export function statusJson(st: GenPoStatus): object {
  return {
    purchaseOrderNumber: st.poNumber,
    purchaseOrderStatus: st.lines.every((l) => l.receivedEach > 0) ? 'CLOSED' : 'OPEN',
    purchaseOrderDate: ts(st.orderDate, '08:12:00'),
    lastUpdatedDate: ts(st.lines.reduce((a, l) => (l.lastReceiveDate && l.lastReceiveDate > a ? l.lastReceiveDate : a), st.orderDate), '21:06:23'),
    sellingParty: { partyId: VENDOR.code },
    shipToParty: { partyId: st.fc },
    itemStatus: st.lines.map((l) => {
      const ordered = qty(l.uom === 'CA' ? l.orderedEach / l.caseSize : l.orderedEach, l.uom, l.caseSize);
      const accepted = { amount: l.acceptedEach, unitOfMeasure: 'Eaches', unitSize: 1 };
      const rejected = { amount: Math.max(0, l.orderedEach - l.acceptedEach), unitOfMeasure: 'Eaches', unitSize: 1 };
      return {
        itemSequenceNumber: String(l.lineNo),
        buyerProductIdentifier: l.item.asin,
        vendorProductIdentifier: l.item.sku,
        netCost: money(cost(l.costE4)),
        listPrice: money(cost(l.costE4)),
        orderedQuantity: { orderedQuantity: ordered, orderedQuantityDetails: [{ updatedDate: ts(st.orderDate, '08:12:00'), orderedQuantity: ordered }] },
        acknowledgementStatus: {
          confirmationStatus: l.acceptedEach === l.orderedEach ? 'ACCEPTED' : 'PARTIALLY_ACCEPTED',
          acceptedQuantity: accepted,
          rejectedQuantity: rejected,
          acknowledgementStatusDetails: [{ acknowledgementDate: ts(st.orderDate, '10:40:00'), acceptedQuantity: accepted, rejectedQuantity: rejected }],
        },
        receivingStatus: {
          receiveStatus: l.receivedEach === 0 ? 'NOT_RECEIVED' : l.receivedEach < l.acceptedEach ? 'PARTIALLY_RECEIVED' : 'RECEIVED',
          receivedQuantity: { amount: l.receivedEach, unitOfMeasure: 'Eaches', unitSize: 1 },
          ...(l.lastReceiveDate ? { lastReceiveDate: ts(l.lastReceiveDate, '21:06:23') } : {}),
        },
      };
    }),
  };
}

export function shipmentJson(s: GenShipment): object {
  // shippedItems: one per PO and ASIN; cartons reference them by item sequence number.
  const items = new Map<string, { seq: string; po: string; asin: string; sku: string; each: number; caseSize: number; allCases: boolean }>();
  for (const l of s.lines) {
    const key = `${l.poNumber}|${l.item.asin}`;
    const it = items.get(key) ?? { seq: String(items.size + 1).padStart(3, '0'), po: l.poNumber, asin: l.item.asin, sku: l.item.sku, each: 0, caseSize: l.caseSize, allCases: true };
    it.each += l.each;
    it.allCases &&= l.uom === 'CA';
    items.set(key, it);
  }
  return {
    shipmentIdentifier: s.shipmentId,
    shipmentConfirmationType: 'Original',
    shipmentType: 'LessThanTruckLoad',
    shipmentStructure: 'LooseStandardCase',
    transportationDetails: { carrierScac: s.scac, carrierShipmentReferenceNumber: s.pro, transportationMode: 'Road', billOfLadingNumber: s.bol },
    amazonReferenceNumber: s.arn,
    shipmentConfirmationDate: ts(s.shipDate, '18:30:00'),
    shippedDate: ts(s.shipDate, '17:00:00'),
    estimatedDeliveryDate: ts(s.deliveryDate, '12:00:00'),
    sellingParty: { partyId: VENDOR.code },
    shipFromParty: { partyId: VENDOR.code },
    shipToParty: { partyId: s.fc },
    shipmentMeasurements: { cartonCount: s.lines.length },
    shippedItems: [...items.values()].map((it) => ({
      itemSequenceNumber: it.seq,
      amazonProductIdentifier: it.asin,
      vendorProductIdentifier: it.sku,
      // In cases when every carton holds whole cases, so the case pack travels with the item.
      shippedQuantity: it.allCases ? qty(it.each / it.caseSize, 'CA', it.caseSize) : qty(it.each, 'EA', 1),
      itemDetails: { purchaseOrderNumber: it.po },
    })),
    cartons: s.lines.map((l, i) => ({
      cartonIdentifiers: [{ containerIdentificationType: 'SSCC', containerIdentificationNumber: l.sscc.slice(2) }],
      cartonSequenceNumber: String(i + 1),
      items: [{
        itemReference: items.get(`${l.poNumber}|${l.item.asin}`)!.seq,
        shippedQuantity: qty(l.amount, l.uom, l.caseSize),
        itemDetails: { purchaseOrderNumber: l.poNumber },
      }],
    })),
  };
}

export function invoiceJson(inv: GenInvoice): object {
  return {
    invoiceType: 'Invoice',
    id: inv.invoiceNumber,
    date: ts(inv.invoiceDate, '12:00:00'),
    remitToParty: { partyId: VENDOR.code },
    shipToParty: { partyId: inv.fc },
    billToParty: { partyId: 'AMZN_US' },
    paymentTerms: { type: 'Basic', discountPercent: String(TERMS.discountBp / 100), discountDueDays: TERMS.discountDays, netDueDays: TERMS.netDays },
    invoiceTotal: money(dec(inv.totalCents)),
    items: inv.lines.map((l) => ({
      itemSequenceNumber: l.lineNo,
      amazonProductIdentifier: l.item.asin,
      vendorProductIdentifier: l.item.sku,
      invoicedQuantity: { amount: l.each, unitOfMeasure: 'Eaches' },
      netCost: money(cost(l.costE4)),
      purchaseOrderNumber: l.poNumber,
    })),
  };
}
