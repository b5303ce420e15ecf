// SP-API shapes and quirks beyond Amazon's samples: wrappers, units, money, dates, containers,
// credit notes, bad input (rejects with paths, never a crash) and unreadable documents.
import { describe, expect, it } from 'vitest';
import type { ImportRecord, ParseChunk } from '../records';
import { UnreadableFileError } from '../records';
import { detectSpApiShape, parseSpApi } from './index';
import { numberToDecimal } from './read';
import getPurchaseOrders from '../../../test/fixtures/spapi/getPurchaseOrders.response.json';
import getStatus from '../../../test/fixtures/spapi/getPurchaseOrdersStatus.response.json';
import getInvoiceFull from '../../../test/fixtures/spapi/getInvoice.full.response.json';
import submitInvoicesFull from '../../../test/fixtures/spapi/submitInvoices.full.request.json';

const parse = (doc: unknown) => parseSpApi(doc, { fileName: 'test.json' });
const ofKind = <K extends ImportRecord['kind']>(chunk: ParseChunk, kind: K) =>
  chunk.records.filter((r): r is Extract<ImportRecord, { kind: K }> => r.kind === kind);
const clone = <T>(x: T): T => structuredClone(x);

function order(po: string | undefined, items: unknown[], extra: Record<string, unknown> = {}) {
  return {
    ...(po === undefined ? {} : { purchaseOrderNumber: po }),
    purchaseOrderState: 'New',
    orderDetails: {
      purchaseOrderDate: '2026-03-02T10:00:00Z',
      sellingParty: { partyId: 'VEND1' },
      shipToParty: { partyId: 'SDF8' },
      shipWindow: '2026-03-05T07:00:00Z--2026-03-09T07:00:00Z',
      items,
      ...extra,
    },
  };
}
const item = (seq: string, qty: unknown, cost: unknown = { amount: '12.50', currencyCode: 'USD' }) => ({
  itemSequenceNumber: seq, amazonProductIdentifier: 'B0TESTASIN', vendorProductIdentifier: 'SKU-1', orderedQuantity: qty, netCost: cost,
});

describe('wrappers and locations', () => {
  it('reads the same orders bare or inside payload; locations say which', () => {
    const wrapped = parse(getPurchaseOrders);
    const bare = parse(clone(getPurchaseOrders.payload));
    const strip = (c: ParseChunk) => c.records.map(({ location: _l, ...r }) => r);
    expect(strip(bare)).toEqual(strip(wrapped));
    expect(bare.records.map((r) => r.location)).toEqual(['$.orders[0]', '$.orders[1]']);
    expect(wrapped.records.map((r) => r.location)).toEqual(['$.payload.orders[0]', '$.payload.orders[1]']);
  });

  it('reads a single getPurchaseOrder payload', () => {
    const chunk = parse({ payload: order('SINGLE1', [item('1', { amount: 3, unitOfMeasure: 'Eaches', unitSize: 1 })]) });
    expect(chunk.meta?.format).toBe('spapi_orders');
    expect(ofKind(chunk, 'purchase_order').map((p) => [p.location, p.poNumber, p.lines.length])).toEqual([['$.payload', 'SINGLE1', 1]]);
  });

  it('a missing items list and an empty one mean the same', () => {
    const a = parse({ orders: [order('P1', [])] });
    const b = clone({ orders: [order('P1', [])] });
    delete (b.orders[0]!.orderDetails as Record<string, unknown>).items;
    expect(parse(b).records.map(({ raw: _r, ...r }) => r)).toEqual(a.records.map(({ raw: _r, ...r }) => r));
  });

  it('takes a deliveryWindow, also where Amazon\'s example puts it beside orderDetails', () => {
    const o = order('P1', []);
    delete (o.orderDetails as Record<string, unknown>).shipWindow;
    const chunk = parse({ orders: [{ ...o, deliveryWindow: '2026-04-01T00:00:00Z--2026-04-03T23:00:00Z' }] });
    expect(ofKind(chunk, 'purchase_order')[0]).toMatchObject({ windowStart: '2026-04-01', windowEnd: '2026-04-03' });
  });
});

describe('unreadable documents', () => {
  it('names the keys found and the shapes Recoup reads', () => {
    expect(detectSpApiShape({ reports: [], foo: 1 })).toBeNull();
    expect(() => parse({ reports: [], foo: 1 })).toThrow(UnreadableFileError);
    expect(() => parse({ reports: [], foo: 1 })).toThrow(/top-level keys: reports, foo.*ordersStatus\[\] \(getPurchaseOrdersStatus\)/);
    expect(() => parse({ payload: { things: [] } })).toThrow(/inside payload: things/);
  });

  it('says when the file is an SP-API error response', () => {
    expect(() => parse({ errors: [{ code: 'Unauthorized', message: 'Access to requested resource is denied.' }] })).toThrow(/error response \(Unauthorized Access to requested resource is denied.\)/);
  });

  it('refuses a bare list and a scalar', () => {
    expect(() => parse([{ purchaseOrderNumber: 'X' }])).toThrow(/bare list/);
    expect(() => parse('hello')).toThrow(UnreadableFileError);
  });

  it('refuses a top-level list that is not a list or is absurdly long', () => {
    expect(() => parse({ orders: 'none' })).toThrow(/top-level keys: orders\)/); // not a list → not the orders shape
    expect(() => parse({ orders: new Array(1_000_001).fill(null) })).toThrow(/more than the 1000000/);
  });

  it('an invoices list whose entries fit neither model is not guessed', () => {
    expect(detectSpApiShape({ invoices: [{ something: 1 }] })).toBeNull();
    expect(detectSpApiShape({ invoices: [], numOfRecords: 0 })).toBe('spapi_finance_invoices');
    expect(detectSpApiShape({ invoices: [] })).toBe('spapi_invoices');
  });
});

describe('rejects with a JSON path, never a crash', () => {
  it('a PO without purchaseOrderNumber is rejected at that path; the other orders are read', () => {
    const doc = { payload: { orders: [order('OK1', []), order(undefined, []), order('OK2', [])] } };
    const chunk = parse(doc);
    expect(ofKind(chunk, 'purchase_order').map((p) => p.poNumber)).toEqual(['OK1', 'OK2']);
    expect(chunk.rejects).toHaveLength(1);
    expect(chunk.rejects[0]).toMatchObject({ location: '$.payload.orders[1].purchaseOrderNumber', field: 'purchaseOrderNumber' });
    expect(chunk.rejects[0]!.reason).toContain('$.payload.orders[1] was not imported');
    expect(JSON.parse(chunk.rejects[0]!.raw!)).toEqual(doc.payload.orders[1]);
  });

  it('a malformed cost, date, window or unit rejects the whole order at the exact field', () => {
    const cases: Array<[unknown, string, string]> = [
      [order('A', [item('1', { amount: 1, unitOfMeasure: 'Eaches' }, { amount: '12,50', currencyCode: 'USD' })]), '$.orders[0].orderDetails.items[0].netCost.amount', 'amount'],
      [order('B', [], { purchaseOrderDate: '2026-02-30T10:00:00Z' }), '$.orders[0].orderDetails.purchaseOrderDate', 'purchaseOrderDate'],
      [order('C', [], { shipWindow: '2026-03-05' }), '$.orders[0].orderDetails.shipWindow', 'shipWindow'],
      [order('D', [item('1', { amount: 1, unitOfMeasure: 'Pallets' })]), '$.orders[0].orderDetails.items[0].orderedQuantity.unitOfMeasure', 'unitOfMeasure'],
      [order('E', [item('1', { amount: 1.5, unitOfMeasure: 'Eaches' })]), '$.orders[0].orderDetails.items[0].orderedQuantity.amount', 'amount'],
      [order('F', [item('x1', { amount: 1 })]), '$.orders[0].orderDetails.items[0].itemSequenceNumber', 'itemSequenceNumber'],
      [order('G', [item('1', { amount: 1 }), item('01', { amount: 2 })]), '$.orders[0].orderDetails.items[1].itemSequenceNumber', 'itemSequenceNumber'],
      [order('H', ['not an item']), '$.orders[0].orderDetails.items[0]', 'items'],
    ];
    for (const [doc, location, field] of cases) {
      const chunk = parse({ orders: [doc] });
      expect(chunk.records, location).toEqual([]);
      expect(chunk.rejects, location).toHaveLength(1);
      expect(chunk.rejects[0], location).toMatchObject({ location, field });
    }
  });

  it('an order listed without details (includeDetails=false) is a reject, not an empty PO', () => {
    const chunk = parse({ orders: [{ purchaseOrderNumber: 'NODETAIL' }] });
    expect(chunk.records).toEqual([]);
    expect(chunk.rejects[0]).toMatchObject({ location: '$.orders[0]', field: 'orderDetails' });
  });

  it('an element nested too deeply to keep as evidence is rejected, not a stack overflow', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    const it0 = { ...item('1', { amount: 1, unitOfMeasure: 'Eaches' }), extra: deep };
    const chunk = parse({ orders: [order('DEEP', [it0]), order('FINE', [])] });
    expect(ofKind(chunk, 'purchase_order').map((p) => p.poNumber)).toEqual(['FINE']);
    expect(chunk.rejects).toHaveLength(1);
    expect(chunk.rejects[0]!.reason).toContain('nested too deeply');
  });

  it('containers nested in packedItems beyond 8 levels are rejected', () => {
    let c: Record<string, unknown> = { containerType: 'carton', containerIdentifiers: [{ containerIdentificationType: 'SSCC', containerIdentificationNumber: 'X' }], packedItems: [] };
    for (let i = 0; i < 12; i++) c = { containerType: 'pallet', containerIdentifiers: [{ containerIdentificationType: 'SSCC', containerIdentificationNumber: `P${i}` }], packedItems: [c] };
    const chunk = parse({ shipments: [{ vendorShipmentIdentifier: 'S1', containers: [c] }] });
    expect(chunk.records).toEqual([]);
    expect(chunk.rejects[0]!.reason).toMatch(/nested more than 8 deep/);
  });
});

describe('quantities', () => {
  const qtyOf = (q: unknown) => {
    const chunk = parse({ orders: [order('Q', [item('1', q)])] });
    return { line: ofKind(chunk, 'purchase_order')[0]?.lines[0], rejects: chunk.rejects };
  };

  it('reads units in any case, singular or plural; a missing unit is eaches', () => {
    expect(qtyOf({ amount: 5, unitOfMeasure: 'CASES', unitSize: 10 }).line?.ordered).toEqual({ each: 50, uom: 'CASES', amount: 5, caseSize: 10 });
    expect(qtyOf({ amount: 2, unitOfMeasure: 'case', unitSize: 12 }).line?.ordered).toEqual({ each: 24, uom: 'CASES', amount: 2, caseSize: 12 });
    expect(qtyOf({ amount: 7, unitOfMeasure: 'Each' }).line?.ordered).toEqual({ each: 7, uom: 'EACHES', amount: 7, caseSize: null });
    expect(qtyOf({ amount: 7 }).line?.ordered).toEqual({ each: 7, uom: null, amount: 7, caseSize: null });
    expect(qtyOf({ amount: 0, unitOfMeasure: 'Eaches', unitSize: 1 }).line?.ordered.each).toBe(0);
  });

  it('Cases without unitSize: eaches are unknowable, so the line is set aside with a unitSize reject and the PO kept', () => {
    const chunk = parse({ orders: [order('CS', [item('1', { amount: 4, unitOfMeasure: 'Cases' }), item('2', { amount: 3, unitOfMeasure: 'Eaches' })])] });
    const po = ofKind(chunk, 'purchase_order')[0]!;
    expect(po.lines.map((l) => [l.lineNo, l.ordered.each])).toEqual([[2, 3]]);
    expect(chunk.rejects).toEqual([expect.objectContaining({ location: '$.orders[0].orderDetails.items[0]', field: 'unitSize' })]);
    expect(chunk.rejects[0]!.reason).toMatch(/4 Cases .* without unitSize: the number of eaches cannot be known/);
  });

  it('a received quantity in Cases without unitSize sets aside only the receipt', () => {
    const doc = clone(getStatus);
    const recv = doc.payload.ordersStatus[0]!.itemStatus[1]!.receivingStatus as { receivedQuantity: Record<string, unknown> };
    recv.receivedQuantity = { amount: 2, unitOfMeasure: 'Cases' };
    const chunk = parse(doc);
    expect(ofKind(chunk, 'receipt').map((r) => r.lineNo)).toEqual([1, 3]);
    expect(ofKind(chunk, 'purchase_order')[0]!.lines).toHaveLength(3);
    expect(ofKind(chunk, 'po_ack').filter((a) => a.lineNo === 2)).toHaveLength(2);
    expect(chunk.rejects).toEqual([expect.objectContaining({ location: '$.payload.ordersStatus[0].itemStatus[1]', field: 'unitSize' })]);
  });

  it('a received quantity missing on a line said to be received is a reject', () => {
    const doc = clone(getStatus);
    delete (doc.payload.ordersStatus[0]!.itemStatus[0]!.receivingStatus as Record<string, unknown>).receivedQuantity;
    const chunk = parse(doc);
    expect(chunk.records).toEqual([]);
    expect(chunk.rejects[0]).toMatchObject({ location: '$.payload.ordersStatus[0].itemStatus[0].receivingStatus.receivedQuantity', field: 'receivedQuantity' });
  });
});

describe('money and dates', () => {
  it('reads decimal strings of any scale exactly', () => {
    const costs = ['346.27', '70', '1200.00', '0.0049', '18.0'].map((a, i) => item(String(i + 1), { amount: 1 }, { amount: a, currencyCode: 'USD' }));
    const po = ofKind(parse({ orders: [order('M', costs)] }), 'purchase_order')[0]!;
    expect(po.lines.map((l) => l.unitCostE4)).toEqual([3_462_700, 700_000, 12_000_000, 49, 180_000]);
  });

  it('converts Finance currencyAmount numbers through their decimal text, not float arithmetic', () => {
    // 4.35 × 100 and 1.15 × 100 are 434.999… and 114.999… in floating point.
    expect(Math.trunc(4.35 * 100)).toBe(434);
    for (const [n, cents] of [[4.35, 435], [1.15, 115], [2100.84, 210_084], [-25, -2500], [1e12, 1e14]] as const) {
      const doc = clone(getInvoiceFull);
      doc.invoiceHeader.invoiceAmount.currencyAmount = n;
      expect(ofKind(parse(doc), 'invoice')[0]!.totalCents, String(n)).toBe(cents);
    }
    const huge = clone(getInvoiceFull);
    huge.invoiceHeader.invoiceAmount.currencyAmount = 1e21;
    const chunk = parse(huge);
    expect(chunk.records).toEqual([]);
    expect(chunk.rejects[0]).toMatchObject({ location: '$.invoiceHeader.invoiceAmount.currencyAmount', field: 'currencyAmount' });
    expect(chunk.rejects[0]!.reason).toContain('"1000000000000000000000" is not an amount Recoup can hold exactly');
    expect(numberToDecimal(1e21)).toBe('1000000000000000000000');
    expect(numberToDecimal(5e-7)).toBe('0.0000005');
    expect(numberToDecimal(-1.5e-7)).toBe('-0.00000015');
  });

  it('takes the UTC calendar day of timestamps with or without zone and 0–3 fractional digits', () => {
    const dates: Array<[string, string]> = [
      ['2026-03-02T23:30:00-05:00', '2026-03-03'],
      ['2026-03-02T20:35:00.00Z', '2026-03-02'],
      ['2026-03-02T19:56:45.632', '2026-03-02'],
      ['2026-03-02T10:00:00Z', '2026-03-02'],
      ['2026-03-02T10:00:00.1+01:00', '2026-03-02'],
      ['2026-03-02', '2026-03-02'],
    ];
    for (const [text, iso] of dates) {
      const po = ofKind(parse({ orders: [order('D', [], { purchaseOrderDate: text })] }), 'purchase_order')[0];
      expect(po?.orderDate, text).toBe(iso);
    }
  });
});

describe('shipment confirmations with cartons and pallets (schema shape)', () => {
  const sscc = (n: string) => [{ containerIdentificationType: 'SSCC', containerIdentificationNumber: n }];
  const confirmation = (cartonQty: [number, number]) => ({
    shipmentConfirmations: [{
      shipmentIdentifier: 'ASN-77',
      shipmentConfirmationType: 'Original',
      shipmentType: 'LessThanTruckLoad',
      shipmentConfirmationDate: '2026-03-06T15:00:00Z',
      shippedDate: '2026-03-06T18:00:00Z',
      estimatedDeliveryDate: '2026-03-09T12:00:00Z',
      amazonReferenceNumber: '2345678901',
      sellingParty: { partyId: 'VEND1' },
      shipFromParty: { partyId: 'WH1' },
      shipToParty: { partyId: 'SDF8' },
      transportationDetails: { carrierScac: 'ABFS', carrierShipmentReferenceNumber: 'PRO123456', transportationMode: 'Road', billOfLadingNumber: 'BOL998877' },
      shippedItems: [
        { itemSequenceNumber: '001', amazonProductIdentifier: 'B0ITEM0001', shippedQuantity: { amount: 2, unitOfMeasure: 'Cases', unitSize: 6 }, itemDetails: { purchaseOrderNumber: 'PO-A' } },
        { itemSequenceNumber: '002', amazonProductIdentifier: 'B0ITEM0002', shippedQuantity: { amount: 5, unitOfMeasure: 'Eaches' }, itemDetails: { purchaseOrderNumber: 'PO-A' } },
      ],
      cartons: [
        { cartonIdentifiers: sscc('000123450000000011'), cartonSequenceNumber: '1', trackingNumber: '1Z001', items: [{ itemReference: '001', shippedQuantity: { amount: cartonQty[0], unitOfMeasure: 'Eaches' } }] },
        { cartonIdentifiers: sscc('000123450000000028'), cartonSequenceNumber: '2', trackingNumber: '1Z002', items: [{ itemReference: '001', shippedQuantity: { amount: cartonQty[1], unitOfMeasure: 'Eaches' } }] },
      ],
      pallets: [{ palletIdentifiers: sscc('000123450000000035'), tier: 1, block: 2, cartonReferenceDetails: { cartonCount: 2, cartonReferenceNumbers: ['1', '2'] } }],
    }],
  });

  it('reads carrier SCAC, PRO, BOL, ARN and dates', () => {
    const s = ofKind(parse(confirmation([6, 6])), 'shipment')[0]!;
    expect(s).toMatchObject({
      shipmentId: 'ASN-77', shipmentDate: '2026-03-06', shippedDate: '2026-03-06', deliveryDate: '2026-03-09', carrierScac: 'ABFS',
      pro: 'PRO123456', bol: 'BOL998877', arn: '2345678901', shipmentType: 'LessThanTruckLoad', vendorCode: 'VEND1', shipFrom: 'WH1', shipTo: 'SDF8',
    });
  });

  it('keeps the SSCCs, the pallet as the cartons\' parent, and writes an item per carton when the cartons hold its shipped total', () => {
    const chunk = parse(confirmation([6, 6]));
    const s = ofKind(chunk, 'shipment')[0]!;
    expect(s.cartons).toEqual([
      { containerId: '000123450000000011', idType: 'SSCC', type: 'carton', parentId: '000123450000000035', trackingNumber: '1Z001' },
      { containerId: '000123450000000028', idType: 'SSCC', type: 'carton', parentId: '000123450000000035', trackingNumber: '1Z002' },
      { containerId: '000123450000000035', idType: 'SSCC', type: 'pallet', parentId: null, trackingNumber: null },
    ]);
    expect(s.lines.map((l) => [l.lineNo, l.poNumber, l.ids.asin, l.qty.each, l.containerId])).toEqual([
      [1, 'PO-A', 'B0ITEM0001', 6, '000123450000000011'],
      [2, 'PO-A', 'B0ITEM0001', 6, '000123450000000028'],
      [3, 'PO-A', 'B0ITEM0002', 5, null],
    ]);
    expect(chunk.rejects).toEqual([]);
  });

  it('keeps the shipped total when the cartons do not add up to it, with a note', () => {
    const chunk = parse(confirmation([6, 5]));
    const s = ofKind(chunk, 'shipment')[0]!;
    expect(s.lines.map((l) => [l.ids.asin, l.qty.each, l.qty.uom, l.qty.caseSize, l.containerId])).toEqual([
      ['B0ITEM0001', 12, 'CASES', 6, null],
      ['B0ITEM0002', 5, 'EACHES', null, null],
    ]);
    expect(chunk.meta?.notes?.join(' ')).toContain('the containers hold 11 eaches of item 001 where the shipment lists 12');
  });

  it('a shipment without shipmentIdentifier is rejected at that path', () => {
    const doc = confirmation([6, 6]);
    delete (doc.shipmentConfirmations[0] as Record<string, unknown>).shipmentIdentifier;
    const chunk = parse(doc);
    expect(chunk.records).toEqual([]);
    expect(chunk.rejects[0]).toMatchObject({ location: '$.shipmentConfirmations[0].shipmentIdentifier', field: 'shipmentIdentifier' });
  });
});

describe('vendor invoices and credit notes', () => {
  const credit = {
    invoices: [{
      invoiceType: 'CreditNote',
      id: 'CN-1001',
      date: '2026-02-10T08:00:00Z',
      remitToParty: { partyId: 'VEND1' },
      paymentTerms: { type: 'EndOfMonth', netDueDays: 30 },
      invoiceTotal: { currencyCode: 'EUR', amount: '95.40' },
      allowanceDetails: [{ type: 'Defective', description: 'Damaged goods', allowanceAmount: { currencyCode: 'EUR', amount: '10' } }],
      chargeDetails: [{ type: 'Freight', chargeAmount: { currencyCode: 'EUR', amount: '5.40' } }],
      items: [
        { itemSequenceNumber: 1, amazonProductIdentifier: 'B0CRED0001', invoicedQuantity: { amount: 2, unitOfMeasure: 'Cases', unitSize: 5 }, netCost: { currencyCode: 'EUR', amount: '10.00' }, purchaseOrderNumber: 'PO-X', creditNoteDetails: { referenceInvoiceNumber: 'INV-9' } },
        { itemSequenceNumber: 2, amazonProductIdentifier: 'B0CRED0002', invoicedQuantity: { amount: 3, unitOfMeasure: 'Eaches' }, netCost: { currencyCode: 'EUR', amount: '4.10' }, netCostUnitOfMeasure: 'POUNDS', purchaseOrderNumber: 'PO-Y' },
      ],
    }],
  };

  it('reads a credit note with allowance and charge; Cases × unitSize in eaches at the each cost', () => {
    const chunk = parse(credit);
    const inv = ofKind(chunk, 'invoice')[0]!;
    expect(inv).toMatchObject({ invoiceNumber: 'CN-1001', invoiceType: 'credit_note', currency: 'EUR', totalCents: 9540, invoiceDate: '2026-02-10', vendorCode: 'VEND1' });
    expect(inv.charges).toEqual([
      { type: 'charge', code: 'Freight', description: null, amountCents: 540 },
      { type: 'allowance', code: 'Defective', description: 'Damaged goods', amountCents: 1000 },
    ]);
    expect(inv.lines.map((l) => [l.lineNo, l.poNumber, l.qty.each, l.unitCostE4, l.amountCents])).toEqual([[1, 'PO-X', 10, 100_000, 10_000]]);
    // Only one line is left, so the header takes its PO.
    expect(inv.poNumber).toBe('PO-X');
  });

  it('sets aside a line priced per pound, and leaves EndOfMonth due dates empty with a note', () => {
    const chunk = parse(credit);
    expect(chunk.rejects).toEqual([expect.objectContaining({ location: '$.invoices[0].items[1]', field: 'netCostUnitOfMeasure' })]);
    const inv = ofKind(chunk, 'invoice')[0]!;
    expect(inv).toMatchObject({ netDays: 30, dueDate: null, discountDate: null, terms: 'EndOfMonth net 30' });
    expect(chunk.meta?.notes?.join(' ')).toContain('EndOfMonth');
  });

  it('rejects an unknown invoiceType and a missing total at their paths', () => {
    const bad = clone(credit);
    bad.invoices[0]!.invoiceType = 'DebitNote';
    expect(parse(bad).rejects[0]).toMatchObject({ location: '$.invoices[0].invoiceType', field: 'invoiceType' });
    const noTotal = clone(credit);
    delete (noTotal.invoices[0] as Record<string, unknown>).invoiceTotal;
    expect(parse(noTotal).rejects[0]).toMatchObject({ location: '$.invoices[0].invoiceTotal', field: 'invoiceTotal' });
  });

  it('an invoice spanning two POs names none at header level', () => {
    const two = clone(credit);
    delete (two.invoices[0]!.items[1] as Record<string, unknown>).netCostUnitOfMeasure;
    const inv = ofKind(parse(two), 'invoice')[0]!;
    expect(inv.lines.map((l) => l.poNumber)).toEqual(['PO-X', 'PO-Y']);
    expect(inv.poNumber).toBeNull();
  });
});

describe('invoice total tie-out', () => {
  it('the full sample adds up (lines + freight + GST on both): no note', () => {
    expect(parse(submitInvoicesFull).meta?.notes ?? []).toEqual([]);
  });

  it('a total that does not add up is stored as sent, with a note giving both numbers', () => {
    const doc = clone(submitInvoicesFull);
    doc.invoices[0]!.invoiceTotal.amount = '259778.39';
    const chunk = parse(doc);
    expect(ofKind(chunk, 'invoice')[0]!.totalCents).toBe(25_977_839);
    expect(chunk.meta?.notes).toEqual([
      'Invoice 0136981234: invoiceTotal 259778.39 does not equal its lines 218866.43 + charges − allowances 1200.00 + taxes 39611.96 = 259678.39 (difference 100.00).',
    ]);
  });

  it('no check when a line was set aside (the lines cannot add up)', () => {
    const doc = clone(submitInvoicesFull);
    (doc.invoices[0]!.items[0]!.invoicedQuantity as Record<string, unknown>).unitOfMeasure = 'Cases';
    const chunk = parse(doc);
    expect(chunk.rejects).toHaveLength(1);
    expect(chunk.meta?.notes ?? []).toEqual([]);
  });
});

describe('acknowledgements (submitAcknowledgement body)', () => {
  it('gives one PoAck per itemAcknowledgement with its code, eaches and the acknowledgement date', () => {
    const chunk = parse({
      acknowledgements: [{
        purchaseOrderNumber: 'L8266355',
        sellingParty: { partyId: '999US' },
        acknowledgementDate: '2019-07-17T19:17:34.304Z',
        items: [{
          itemSequenceNumber: '1', amazonProductIdentifier: 'ABC123434', vendorProductIdentifier: '028877454078',
          orderedQuantity: { amount: 10, unitOfMeasure: 'Cases' }, netCost: { currencyCode: 'USD', amount: '18.0' },
          itemAcknowledgements: [
            { acknowledgementCode: 'Accepted', acknowledgedQuantity: { amount: 4, unitOfMeasure: 'Cases', unitSize: 2 } },
            { acknowledgementCode: 'Rejected', acknowledgedQuantity: { amount: 6, unitOfMeasure: 'Cases', unitSize: 2 }, rejectionReason: 'TemporarilyUnavailable' },
          ],
        }],
      }],
    });
    expect(chunk.meta?.format).toBe('spapi_orders');
    expect(ofKind(chunk, 'po_ack').map((a) => [a.location, a.poNumber, a.lineNo, a.status, a.qty.each, a.unitCostE4, a.ackDate])).toEqual([
      ['$.acknowledgements[0].items[0].itemAcknowledgements[0]', 'L8266355', 1, 'accepted', 8, 180_000, '2019-07-17'],
      ['$.acknowledgements[0].items[0].itemAcknowledgements[1]', 'L8266355', 1, 'rejected', 12, 180_000, '2019-07-17'],
    ]);
  });
});

describe('finance invoice lines', () => {
  it('a service line without quantity and unit cost becomes a charge', () => {
    const doc = clone(getInvoiceFull) as unknown as { invoiceItems: unknown[] };
    doc.invoiceItems.push({
      lineItemId: 'LI-002',
      totalAmount: { currencyCode: 'USD', currencyAmount: -12.5 },
      lineItemContext: { lineItemType: 'SERVICES', serviceChargeType: 'DAMAGE_ALLOWANCE', itemDescription: 'Damage allowance' },
    });
    const inv = ofKind(parse(doc), 'invoice')[0]!;
    expect(inv.lines).toHaveLength(1);
    expect(inv.charges).toEqual([{ type: 'charge', code: 'DAMAGE_ALLOWANCE', description: 'Damage allowance', amountCents: -1250 }]);
  });

  it('a line in another currency rejects the invoice at the field', () => {
    const doc = clone(getInvoiceFull);
    doc.invoiceItems[0]!.unitCost.currencyCode = 'EUR';
    const chunk = parse(doc);
    expect(chunk.records).toEqual([]);
    expect(chunk.rejects[0]).toMatchObject({ location: '$.invoiceItems[0].unitCost.currencyCode', field: 'currencyCode' });
  });
});
