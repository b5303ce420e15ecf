// CSV registers as a vendor's ERP exports them: purchase orders, shipments (ASNs), invoices and
// receipts, one row per line with the header fields repeated. Quantities carry their unit and
// case size; unit costs are per each.
import type { GenInvoice, GenPo, GenPoStatus, GenShipment } from './model';
import { cost, dec } from './text';

export const PO_HEADER = ['PO Number', 'Order Date', 'Ship To', 'Ship Window Start', 'Ship Window End', 'Line', 'ASIN', 'Vendor SKU', 'UPC', 'Quantity Ordered', 'UOM', 'Case Size', 'Unit Cost', 'Currency'];
export const SHIPMENT_HEADER = ['Shipment ID', 'Ship Date', 'Delivery Date', 'Carrier SCAC', 'BOL Number', 'PRO Number', 'ARN', 'Ship To', 'PO Number', 'Line', 'Carton ID', 'ASIN', 'Vendor SKU', 'Quantity Shipped', 'UOM', 'Case Size'];
export const INVOICE_HEADER = ['Invoice Number', 'Invoice Date', 'Due Date', 'Terms', 'PO Number', 'Line', 'ASIN', 'Vendor SKU', 'Quantity', 'UOM', 'Case Size', 'Unit Cost', 'Line Amount', 'Invoice Total', 'Currency'];
export const RECEIPT_HEADER = ['PO Number', 'Line', 'ASIN', 'Vendor SKU', 'Quantity Received', 'UOM', 'Case Size', 'Receive Date', 'FC'];

export function poRows(po: GenPo): Array<Array<string | number>> {
  return po.lines.map((l) => [po.poNumber, po.orderDate, po.fc, po.windowStart, po.windowEnd, l.lineNo, l.item.asin, l.item.sku, l.item.upc, l.amount, l.uom, l.caseSize, cost(l.costE4), 'USD']);
}

export function shipmentRows(s: GenShipment): Array<Array<string | number>> {
  return s.lines.map((l) => [s.shipmentId, s.shipDate, s.deliveryDate, s.scac, s.bol, s.pro, s.arn, s.fc, l.poNumber, l.lineNo, l.sscc.slice(2), l.item.asin, l.item.sku, l.amount, l.uom, l.caseSize]);
}

export function invoiceRows(inv: GenInvoice, terms: string): Array<Array<string | number>> {
  return inv.lines.map((l) => [inv.invoiceNumber, inv.invoiceDate, inv.dueDate, terms, l.poNumber, l.lineNo, l.item.asin, l.item.sku, l.each, 'EA', l.caseSize, cost(l.costE4), dec(l.amountCents), dec(inv.totalCents), 'USD']);
}

/** Receipt events: lines with no receipt data (or nothing received yet) have no row. */
export function receiptRows(st: GenPoStatus): Array<Array<string | number>> {
  return st.lines.filter((l) => !l.missing && l.receivedEach > 0 && l.lastReceiveDate).map((l) => [st.poNumber, l.lineNo, l.item.asin, l.item.sku, l.receivedEach, 'EA', l.item.caseSize, l.lastReceiveDate!, st.fc]);
}
