// Amazon's published SP-API sample payloads, read field by field.
import { describe, expect, it } from 'vitest';
import type { ImportRecord, InvoiceRecord, ParseChunk, PoAckRecord, PurchaseOrderRecord, ReceiptRecord, ShipmentRecord } from '../records';
import { UnreadableFileError } from '../records';
import { detectSpApiShape, parseSpApi } from './index';
import getPurchaseOrders from '../../../test/fixtures/spapi/getPurchaseOrders.response.json';
import getPurchaseOrdersChanged from '../../../test/fixtures/spapi/getPurchaseOrders.changed.response.json';
import getStatus from '../../../test/fixtures/spapi/getPurchaseOrdersStatus.response.json';
import getStatusCancelled from '../../../test/fixtures/spapi/getPurchaseOrdersStatus.cancelled.response.json';
import confirmations from '../../../test/fixtures/spapi/submitShipmentConfirmations.request.json';
import shipmentDetails from '../../../test/fixtures/spapi/getShipmentDetails.response.json';
import submitInvoices from '../../../test/fixtures/spapi/submitInvoices.request.json';
import submitInvoicesFull from '../../../test/fixtures/spapi/submitInvoices.full.request.json';
import getInvoices from '../../../test/fixtures/spapi/getInvoices.response.json';
import getInvoicesFull from '../../../test/fixtures/spapi/getInvoices.full.response.json';
import getInvoice from '../../../test/fixtures/spapi/getInvoice.response.json';
import getInvoiceFull from '../../../test/fixtures/spapi/getInvoice.full.response.json';

const parse = (doc: unknown, fileName = 'sample.json') => parseSpApi(doc, { fileName });
const ofKind = <K extends ImportRecord['kind']>(chunk: ParseChunk, kind: K) =>
  chunk.records.filter((r): r is Extract<ImportRecord, { kind: K }> => r.kind === kind);
const one = <T>(xs: T[]): T => {
  expect(xs).toHaveLength(1);
  return xs[0]!;
};

describe('format detection of the samples', () => {
  it.each([
    ['getPurchaseOrders', getPurchaseOrders, 'spapi_orders'],
    ['getPurchaseOrders.changed', getPurchaseOrdersChanged, 'spapi_orders'],
    ['getPurchaseOrdersStatus', getStatus, 'spapi_order_status'],
    ['getPurchaseOrdersStatus.cancelled', getStatusCancelled, 'spapi_order_status'],
    ['submitShipmentConfirmations', confirmations, 'spapi_shipments'],
    ['getShipmentDetails', shipmentDetails, 'spapi_shipments'],
    ['submitInvoices', submitInvoices, 'spapi_invoices'],
    ['submitInvoices.full', submitInvoicesFull, 'spapi_invoices'],
    ['getInvoices', getInvoices, 'spapi_finance_invoices'],
    ['getInvoices.full', getInvoicesFull, 'spapi_finance_invoices'],
    ['getInvoice', getInvoice, 'spapi_finance_invoices'],
    ['getInvoice.full', getInvoiceFull, 'spapi_finance_invoices'],
  ] as const)('%s is %s, and meta.format says so', (_name, doc, format) => {
    expect(detectSpApiShape(doc)).toBe(format);
    expect(parse(doc).meta?.format).toBe(format);
  });
});

describe('getPurchaseOrders', () => {
  const chunk = parse(getPurchaseOrders);
  const pos = ofKind(chunk, 'purchase_order');

  it('reads both orders with header fields, no rejects', () => {
    expect(chunk.rejects).toEqual([]);
    expect(pos.map((p) => p.poNumber)).toEqual(['2JK3S9VC', '3TRD2IAB']);
    const po = pos[0]!;
    expect(po).toMatchObject({
      location: '$.payload.orders[0]', orderDate: '2019-08-20', vendorCode: '999US', shipTo: 'ABCD',
      windowStart: '2019-08-21', windowEnd: '2019-08-27', state: 'New', currency: 'USD',
    });
    expect(JSON.parse(po.raw)).toEqual(getPurchaseOrders.payload.orders[0]);
  });

  it('reads lines with ASIN, vendor id, eaches and exact unit cost', () => {
    const lines = pos[0]!.lines;
    expect(lines.map((l) => [l.lineNo, l.ids.asin, l.ids.vendorSku, l.ordered.each, l.unitCostE4])).toEqual([
      [1, 'B07DFVDRAB', '8806098286500', 1, 3_462_700],
      [2, 'B07DFYF5AB', '8806098286123', 2, 2_294_700],
      [3, 'B07MC84QAB', '8806098095123', 13, 4_127_100],
    ]);
    expect(JSON.parse(lines[1]!.raw!)).toEqual(getPurchaseOrders.payload.orders[0]!.orderDetails.items[1]);
  });

  it('turns 5 CASES × unitSize 10 into 50 eaches and leaves a per-pound price out of the unit cost', () => {
    const line = one(pos[1]!.lines);
    expect(line.ordered).toEqual({ each: 50, uom: 'CASES', amount: 5, caseSize: 10 });
    expect(line.unitCostE4).toBeNull();
    expect(chunk.meta?.notes?.some((n) => n.includes('per pounds'))).toBe(true);
  });
});

describe('getPurchaseOrders (changed)', () => {
  const chunk = parse(getPurchaseOrdersChanged);
  const pos = ofKind(chunk, 'purchase_order');

  it('reads the "70" cost without decimals and keeps the line cut to zero', () => {
    expect(pos.map((p) => [p.poNumber, p.state, p.vendorCode])).toEqual([['TestPO2', 'New', 'API01'], ['TestPO1', 'Acknowledged', '999US']]);
    expect(pos[0]!.lines[0]).toMatchObject({ lineNo: 1, unitCostE4: 700_000, ordered: { each: 20 } });
    expect(pos[1]!.lines.map((l) => [l.lineNo, l.ordered.each, l.unitCostE4])).toEqual([[1, 0, 700_000], [2, 10, 150_000]]);
    expect(pos[1]).toMatchObject({ windowStart: '2020-05-27', windowEnd: '2020-05-30', orderDate: '2020-05-26' });
  });
});

describe('getPurchaseOrdersStatus', () => {
  const chunk = parse(getStatus);

  it('gives the PO with its ordered quantities and net costs', () => {
    expect(chunk.rejects).toEqual([]);
    const po = one(ofKind(chunk, 'purchase_order'));
    expect(po).toMatchObject({ poNumber: '2JK3S9VB', orderDate: '2020-08-17', vendorCode: '999US', shipTo: 'ABCD', state: 'OPEN', currency: 'USD' });
    expect(po.lines.map((l) => [l.lineNo, l.ids.asin, l.ordered.each, l.unitCostE4])).toEqual([
      [1, 'B07DFVDRAB', 1, 3_462_700],
      [2, 'B07DFYF5AB', 20, 2_294_700],
      [3, 'B07DFYF5XY', 5, 200_000],
    ]);
  });

  it('line 2 B07DFYF5AB: ordered 20, accepted 15, rejected 5, received 10 PARTIALLY_RECEIVED on 2020-08-30', () => {
    const acks = ofKind(chunk, 'po_ack').filter((a) => a.lineNo === 2);
    expect(acks.map((a) => [a.status, a.qty.each, a.ids.asin, a.ackDate])).toEqual([
      ['accepted', 15, 'B07DFYF5AB', '2020-08-17'],
      ['rejected', 5, 'B07DFYF5AB', '2020-08-17'],
    ]);
    const r = one(ofKind(chunk, 'receipt').filter((x) => x.lineNo === 2));
    expect(r).toMatchObject({
      poNumber: '2JK3S9VB', ids: { asin: 'B07DFYF5AB', vendorSku: '8806098286123' }, qty: { each: 10, uom: 'EACHES' },
      receiveDate: '2020-08-30', mode: 'snapshot', status: 'PARTIALLY_RECEIVED', fc: 'ABCD',
      location: '$.payload.ordersStatus[0].itemStatus[1]',
    });
    expect(JSON.parse(r.raw)).toEqual(getStatus.payload.ordersStatus[0]!.itemStatus[1]);
  });

  it('line 1 ordered in Eaches but received as 1 Cases of unitSize 1 = 1 each', () => {
    const r = one(ofKind(chunk, 'receipt').filter((x) => x.lineNo === 1));
    expect(r.qty).toEqual({ each: 1, uom: 'CASES', amount: 1, caseSize: 1 });
    expect(r).toMatchObject({ receiveDate: '2020-08-28', status: 'RECEIVED' });
  });

  it('line 3 REJECTED: accepted 0, rejected 5 (its details entry has no acceptedQuantity), nothing received and no date', () => {
    const acks = ofKind(chunk, 'po_ack').filter((a) => a.lineNo === 3);
    expect(acks.map((a) => [a.status, a.qty.each])).toEqual([['accepted', 0], ['rejected', 5]]);
    const r = one(ofKind(chunk, 'receipt').filter((x) => x.lineNo === 3));
    expect(r).toMatchObject({ qty: { each: 0 }, receiveDate: null, status: 'NOT_RECEIVED' });
  });

  it('a fully accepted line gives no rejected ack of 0', () => {
    expect(ofKind(chunk, 'po_ack').filter((a) => a.lineNo === 1).map((a) => [a.status, a.qty.each])).toEqual([['accepted', 1]]);
  });
});

describe('getPurchaseOrdersStatus (cancelled, unconfirmed)', () => {
  const chunk = parse(getStatusCancelled);

  it('gives POs and zero snapshots but no acks for UNCONFIRMED lines', () => {
    expect(chunk.rejects).toEqual([]);
    expect(ofKind(chunk, 'po_ack')).toEqual([]);
    const pos = ofKind(chunk, 'purchase_order');
    expect(pos.map((p) => [p.poNumber, p.orderDate, p.shipTo])).toEqual([['TestPO2', '2020-08-17', 'ABC09'], ['TestPO1', '2020-08-15', 'ABC09']]);
    // 150 ordered, 50 cancelled: the current total is 100; the history stays in raw.
    const line = one(pos[1]!.lines);
    expect(line).toMatchObject({ ordered: { each: 100 }, unitCostE4: 250_000, ids: { asin: 'B01XYZ3Z123' } });
    expect(JSON.parse(line.raw!).orderedQuantity.orderedQuantityDetails[0].cancelledQuantity.amount).toBe(50);
    expect(ofKind(chunk, 'receipt').map((r) => [r.poNumber, r.qty.each, r.receiveDate, r.status])).toEqual([
      ['TestPO2', 0, null, 'NOT_RECEIVED'], ['TestPO1', 0, null, 'NOT_RECEIVED'],
    ]);
  });
});

describe('submitShipmentConfirmations', () => {
  const chunk = parse(confirmations);

  it('reads the confirmation header', () => {
    const s = one(ofKind(chunk, 'shipment'));
    expect(s).toMatchObject({
      location: '$.shipmentConfirmations[0]', shipmentId: 'TestShipmentConfirmation202', shipmentDate: '2021-03-11',
      vendorCode: 'ABCD1', shipFrom: 'EFGH1', shipTo: 'JKL1', carrierScac: null, bol: null, pro: null, arn: null, cartons: [],
    });
  });

  it('keeps line 001 (100 Eaches, PO TestOrder202) and sets aside 100 Cases without unitSize with a reject', () => {
    const s = one(ofKind(chunk, 'shipment'));
    const line = one(s.lines);
    expect(line).toMatchObject({ lineNo: 1, poNumber: 'TestOrder202', qty: { each: 100, uom: 'EACHES' }, containerId: null });
    const rej = one(chunk.rejects);
    expect(rej).toMatchObject({ location: '$.shipmentConfirmations[0].shippedItems[1]', field: 'unitSize' });
    expect(rej.reason).toContain('100 Cases');
    expect(JSON.parse(rej.raw!)).toEqual(confirmations.shipmentConfirmations[0]!.shippedItems[1]);
  });
});

describe('getShipmentDetails', () => {
  const chunk = parse(shipmentDetails);
  const s = one(ofKind(chunk, 'shipment'));

  it('reads ids, dates (zone-less timestamps), carrier, PRO, BOL and freight terms', () => {
    expect(chunk.rejects).toEqual([]);
    expect(s).toMatchObject({
      location: '$.payload.shipments[0]', shipmentId: '00050003', shipmentDate: '2019-08-07', shippedDate: '2019-08-07',
      deliveryDate: '2019-08-07', carrierScac: 'string', pro: 'TRACK001', bol: 'string', freightTerms: 'collect',
      shipmentType: 'LessThanTruckLoad', vendorCode: '998US', shipFrom: 'ABCD12', shipTo: '999US',
    });
  });

  it('keeps both containers with their SSCC and tracking, the pallet found inside a carton included', () => {
    expect(s.cartons).toEqual([
      { containerId: '213124134213', idType: 'SSCC', type: 'carton', parentId: null, trackingNumber: 'XXXX' },
      { containerId: 'ARK123214214213', idType: 'SSCC', type: 'pallet', parentId: null, trackingNumber: 'TRACK001' },
    ]);
    expect(chunk.meta?.notes?.some((n) => n.includes("inside a carton's packedItems"))).toBe(true);
  });

  it('writes the PO items as shipped (13-digit buyer ids as EAN) and the packed items that match none per container', () => {
    expect(s.lines.map((l) => [l.lineNo, l.poNumber, l.ids.asin, l.ids.ean, l.ids.vendorSku, l.qty.each, l.qty.uom, l.containerId])).toEqual([
      [1, '1BBBAAAA', null, '9782700001690', '9782700001659', 100, 'EACHES', null],
      [2, '1BBBAAAA', null, '9782700001680', '9782700001600', 100, 'CASES', null],
      [3, 'string', 'B07DFVDRAA', null, '12312412421', 1, 'EACHES', '213124134213'],
      [4, 'string', 'B07DFVDRAA', null, '12312412421', 1, 'EACHES', 'ARK123214214213'],
    ]);
    expect(s.lines[3]!.raw).toBe(JSON.stringify(shipmentDetails.payload.shipments[0]!.containers[0]!.packedItems[1]!.packedItems![0]));
  });
});

describe('submitInvoices', () => {
  it('a header-only invoice has no lines', () => {
    const chunk = parse(submitInvoices);
    const inv = one(ofKind(chunk, 'invoice'));
    expect(inv).toMatchObject({
      location: '$.invoices[0]', invoiceNumber: 'TestInvoice202', invoiceType: 'invoice', invoiceDate: '2020-06-08',
      currency: 'USD', totalCents: 11_205, vendorCode: 'ABCDE', remitTo: 'ABCDE', lines: [], charges: [], dueDate: null, terms: null,
    });
  });

  it('the full example: terms, INR total, freight charge, two lines on one PO', () => {
    const chunk = parse(submitInvoicesFull);
    expect(chunk.rejects).toEqual([]);
    const inv: InvoiceRecord = one(ofKind(chunk, 'invoice'));
    expect(inv).toMatchObject({
      invoiceNumber: '0136981234', invoiceDate: '2019-07-24', currency: 'INR', totalCents: 25_967_839,
      discountPercentBp: 500, discountDays: 15, discountDate: '2019-08-08', netDays: 30, dueDate: '2019-08-23',
      terms: 'Basic 5% 15 days net 30', poNumber: '3DY3TK6T', shipTo: 'XYZ12345', shipFrom: 'XYZ12345',
    });
    // Header freight 1200.00 only: the per-line 600.00 charges are its breakdown (kept in raw).
    expect(inv.charges).toEqual([{ type: 'charge', code: 'Freight', description: 'Freight Charges', amountCents: 120_000 }]);
    expect(inv.lines.map((l) => [l.lineNo, l.poNumber, l.ids.asin, l.ids.vendorSku, l.qty.each, l.unitCostE4, l.amountCents])).toEqual([
      [1, '3DY3TK6T', 'ABC123434', '809281-5100', 2, 210_603_400, 4_212_068],
      [2, '3DY3TK6T', 'ABC123435', '795000-0001', 3, 589_152_500, 17_674_575],
    ]);
    // Lines (218,866.43) + freight (1,200.00) + GST on both (39,395.96 + 216.00) = the 259,678.39 total.
    const lineSum = inv.lines.reduce((s, l) => s + l.amountCents, 0);
    expect(lineSum + 120_000 + 2 * 1_969_798 + 2 * 10_800).toBe(inv.totalCents);
  });
});

describe('Finances Invoices 2026-06-25', () => {
  it('getInvoices: a header with status, due date and NET30 terms, no lines', () => {
    const inv = one(ofKind(parse(getInvoices), 'invoice'));
    expect(inv).toMatchObject({
      location: '$.invoices[0]', invoiceNumber: 'INV-202505001', invoiceType: 'invoice', status: 'IN_PROGRESS',
      invoiceDate: '2025-06-18', dueDate: '2025-07-18', netDays: 30, terms: 'NET30', currency: 'USD', totalCents: 250_000,
      remitTo: 'PAY123456', vendorCode: null, poNumber: null, lines: [],
    });
  });

  it('getInvoices (full): vendor code from VENDOR_CODE; settlements and UNIQUE_PAYMENT_IDS stay in raw', () => {
    const inv = one(ofKind(parse(getInvoicesFull), 'invoice'));
    expect(inv).toMatchObject({ vendorCode: 'VC-001', totalCents: 250_000, poNumber: null });
    const raw = JSON.parse(inv.raw);
    expect(raw.relatedIdentifiers[1]).toEqual({ relatedIdentifierName: 'UNIQUE_PAYMENT_IDS', relatedIdentifierValue: ['PMT-98765'] });
    expect(raw.invoiceSettlementBreakdowns.map((b: { breakdownAmount: { currencyAmount: number } }) => b.breakdownAmount.currencyAmount)).toEqual([2490, 150, -25, -100, -15]);
  });

  it('getInvoice: header plus one line of 10 × 50.00', () => {
    const chunk = parse(getInvoice);
    const inv = one(ofKind(chunk, 'invoice'));
    expect(inv).toMatchObject({ location: '$.invoiceHeader', totalCents: 54_000, status: 'IN_PROGRESS', poNumber: null });
    expect(one(inv.lines)).toMatchObject({ lineNo: 1, poNumber: 'PO123456', ids: { asin: 'B0EXAMPLE1' }, qty: { each: 10 }, unitCostE4: 500_000, amountCents: 50_000 });
    expect(chunk.meta?.notes?.some((n) => n.includes('nextTokenForLineItems'))).toBe(true);
  });

  it('getInvoice (full): the line keeps matched 8, paid 8, variance 2 and its PQV/PPV reasons in raw', () => {
    const inv = one(ofKind(parse(getInvoiceFull), 'invoice'));
    expect(inv).toMatchObject({ vendorCode: 'VC-001', poNumber: 'PO123456' });
    const line = one(inv.lines);
    expect(line.ids).toEqual({ asin: 'B0EXAMPLE1', vendorSku: 'EXT-99887', upc: null, ean: null });
    const ctx = JSON.parse(line.raw!).lineItemContext.matchingContext;
    expect([ctx.matchedQuantity, ctx.paidQuantity, ctx.quantityVariance, ctx.priceVariance.currencyAmount]).toEqual([8, 8, 2, 15]);
    expect(ctx.varianceReasons.map((v: { varianceType: string; defectTypes: string[] }) => `${v.varianceType}:${v.defectTypes.join()}`)).toEqual(['PQV:SHORTAGES_IN_TRANSIT', 'PPV:PRODUCT_COST_NOT_ACTIVE']);
  });
});

describe('records carry their source', () => {
  it.each([getPurchaseOrders, getStatus, shipmentDetails, submitInvoicesFull, getInvoiceFull])('every record has a $-path and raw JSON text', (doc) => {
    for (const r of parse(doc).records as Array<PurchaseOrderRecord | PoAckRecord | ReceiptRecord | ShipmentRecord | InvoiceRecord>) {
      expect(r.location).toMatch(/^\$(\.payload)?\.[a-zA-Z]+(\[\d+\])?/);
      expect(() => JSON.parse(r.raw)).not.toThrow();
    }
  });
});

describe('robustness', () => {
  // Any value anywhere in any sample replaced by any JSON value: the parser returns records and
  // rejects, or refuses the file with UnreadableFileError; it never throws anything else.
  const samples: Record<string, unknown> = {
    getPurchaseOrders, getPurchaseOrdersChanged, getStatus, getStatusCancelled, confirmations, shipmentDetails, submitInvoices,
    submitInvoicesFull, getInvoices, getInvoicesFull, getInvoice, getInvoiceFull,
  };

  function slots(doc: unknown): Array<[Record<string, unknown> | unknown[], string | number]> {
    const out: Array<[Record<string, unknown> | unknown[], string | number]> = [];
    const walk = (v: unknown) => {
      if (Array.isArray(v)) v.forEach((x, i) => { out.push([v, i]); walk(x); });
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) { out.push([v as Record<string, unknown>, k]); walk(x); }
    };
    walk(doc);
    return out;
  }

  it('survives random replacements in every sample', async () => {
    const fc = (await import('fast-check')).default;
    const names = Object.keys(samples);
    expect(names).toHaveLength(12);
    fc.assert(
      fc.property(fc.constantFrom(...names), fc.array(fc.tuple(fc.nat(), fc.jsonValue({ maxDepth: 3 })), { minLength: 1, maxLength: 3 }), (name, edits) => {
        const doc = structuredClone(samples[name]);
        for (const [n, value] of edits) {
          const all = slots(doc);
          if (all.length === 0) break;
          const [parent, key] = all[n % all.length]!;
          (parent as Record<string | number, unknown>)[key] = value;
        }
        let chunk: ParseChunk;
        try {
          chunk = parse(doc);
        } catch (err) {
          expect(err).toBeInstanceOf(UnreadableFileError);
          return;
        }
        for (const r of chunk.records) {
          expect(r.location.startsWith('$')).toBe(true);
          expect(typeof r.raw).toBe('string');
        }
        for (const r of chunk.rejects) expect(r.location.startsWith('$')).toBe(true);
      }),
      { numRuns: 3000, seed: 20260829 },
    );
  });
});
