// Amazon Selling Partner API vendor payloads (orders, order status, shipment confirmations,
// invoices, finances invoices), as the API returns them or wrapped in `payload`. The shape is
// recognised from its keys, never from the file name.
import type { ImportRecord, ParseChunk, ParseContext, SourceFormat } from '../records';
import { UnreadableFileError } from '../records';
import type { Json } from './read';
import { Collector, FieldProblem, isObj, list } from './read';
import { readAcknowledgements, readOrder, readOrders } from './orders';
import { readOrdersStatus } from './status';
import { readShipmentConfirmations, readShipmentDetails } from './shipments';
import { readFinanceInvoice, readFinanceInvoiceList, readVendorInvoices } from './invoices';

type Reader = (body: Json, base: string, c: Collector, out: ImportRecord[]) => void;

interface Shape {
  format: SourceFormat;
  body: Json;
  base: string;
  read: Reader;
}

const listOf = (key: string, fn: (items: unknown[], path: string, c: Collector, out: ImportRecord[]) => void): Reader =>
  (body, base, c, out) => fn(list(body, key, base), `${base}.${key}`, c, out);

const FINANCE_KEYS = ['invoiceNumber', 'invoiceIdentifier', 'invoiceStatus', 'invoiceAmount'];
const VENDOR_INVOICE_KEYS = ['id', 'invoiceTotal', 'remitToParty'];

function locate(doc: unknown): Shape | null {
  if (!isObj(doc)) return null;
  const wrapped = isObj(doc.payload);
  const body = wrapped ? (doc.payload as Json) : doc;
  const base = wrapped ? '$.payload' : '$';
  const arr = (k: string) => Array.isArray(body[k]);
  if (arr('orders')) return { format: 'spapi_orders', body, base, read: listOf('orders', readOrders) };
  if (arr('acknowledgements')) return { format: 'spapi_orders', body, base, read: listOf('acknowledgements', readAcknowledgements) };
  // getPurchaseOrder (one order) returns the order itself as the payload.
  if (typeof body.purchaseOrderNumber === 'string' && isObj(body.orderDetails)) {
    return { format: 'spapi_orders', body, base, read: (b, p, c, out) => readOrder(b, p, c, out) };
  }
  if (arr('ordersStatus')) return { format: 'spapi_order_status', body, base, read: listOf('ordersStatus', readOrdersStatus) };
  if (arr('shipmentConfirmations')) return { format: 'spapi_shipments', body, base, read: listOf('shipmentConfirmations', readShipmentConfirmations) };
  if (arr('shipments')) return { format: 'spapi_shipments', body, base, read: listOf('shipments', readShipmentDetails) };
  if (isObj(body.invoiceHeader) || arr('invoiceItems')) return { format: 'spapi_finance_invoices', body, base, read: readFinanceInvoice };
  if (arr('invoices')) {
    // Both models call the list `invoices`; the entries tell them apart.
    const entries = (body.invoices as unknown[]).filter(isObj);
    const finance = entries.some((e) => FINANCE_KEYS.some((k) => k in e));
    const vendor = entries.some((e) => VENDOR_INVOICE_KEYS.some((k) => k in e));
    if (finance && !vendor) return { format: 'spapi_finance_invoices', body, base, read: listOf('invoices', readFinanceInvoiceList) };
    if (vendor && !finance) return { format: 'spapi_invoices', body, base, read: listOf('invoices', readVendorInvoices) };
    if (!finance && !vendor && entries.length === 0) {
      return 'numOfRecords' in body
        ? { format: 'spapi_finance_invoices', body, base, read: listOf('invoices', readFinanceInvoiceList) }
        : { format: 'spapi_invoices', body, base, read: listOf('invoices', readVendorInvoices) };
    }
    return null;
  }
  return null;
}

/** The precise SP-API format of a parsed JSON document, or null when it is not one Recoup reads. */
export function detectSpApiShape(doc: unknown): SourceFormat | null {
  return locate(doc)?.format ?? null;
}

const SHAPES_READ = 'orders[] (getPurchaseOrders), a single order (getPurchaseOrder), acknowledgements[] (submitAcknowledgement), '
  + 'ordersStatus[] (getPurchaseOrdersStatus), shipmentConfirmations[] (submitShipmentConfirmations), shipments[] (getShipmentDetails), '
  + 'invoices[] (vendor submitInvoices or Finances getInvoices), invoiceHeader + invoiceItems (Finances getInvoice); '
  + 'each at the top level or inside "payload"';

export function parseSpApi(doc: unknown, ctx: ParseContext): ParseChunk {
  const shape = locate(doc);
  if (!shape) throw new UnreadableFileError(`${ctx.fileName}: ${whatItIs(doc)}. Recoup reads these SP-API shapes: ${SHAPES_READ}.`);
  const c = new Collector();
  const records: ImportRecord[] = [];
  try {
    shape.read(shape.body, shape.base, c, records);
  } catch (err) {
    // Only a top-level list that is not a list (or is absurdly long) gets here.
    if (err instanceof FieldProblem) throw new UnreadableFileError(`${ctx.fileName}: ${err.path}: ${err.message}`);
    throw err;
  }
  const meta: ParseChunk['meta'] = { format: shape.format };
  if (c.notes.size > 0) meta.notes = [...c.notes];
  return { records, rejects: c.rejects, meta };
}

function whatItIs(doc: unknown): string {
  if (Array.isArray(doc)) return 'the JSON document is a bare list, not an SP-API response object';
  if (!isObj(doc)) return 'the JSON document is not an object';
  if (Array.isArray(doc.errors) && doc.errors.length > 0) {
    const first = doc.errors[0];
    const detail = isObj(first) ? `${String(first.code ?? '')} ${String(first.message ?? '')}`.trim() : '';
    return `this is an SP-API error response${detail ? ` (${detail})` : ''}, not data`;
  }
  const keys = (o: Json) => Object.keys(o).slice(0, 20).join(', ') || 'none';
  const inner = isObj(doc.payload) ? `; inside payload: ${keys(doc.payload as Json)}` : '';
  return `no SP-API shape Recoup reads was found (top-level keys: ${keys(doc)}${inner})`;
}
