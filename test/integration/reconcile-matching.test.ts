// Matching details written through BatchWriter (the importers' commit path): the latest
// acknowledgement's cost is the confirmed cost, event receipts add up while the latest snapshot
// wins, a UPC-only ASN line and an id-less invoice line find their item.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/db/open';
import { BatchWriter } from '../../src/db/imports.repo';
import { reconcileNow } from '../../src/services/reconcile';
import { listFindings, type StoredFinding } from '../../src/services/findings';
import { eaches, noIds, type ImportRecord, type ItemIds } from '../../src/core/records';
import { classifyDocument } from '../../src/core/claims/grammar';
import { lineAmountCents } from '../../src/shared/money';

let db: Db;
let all: StoredFinding[];

const ids = (o: Partial<ItemIds>): ItemIds => ({ ...noIds, ...o });
const ea = (n: number) => eaches(n, 'EA', null);

function po(poNumber: string, lines: Array<{ n: number; ids: ItemIds; qty: number; cost: number }>): ImportRecord {
  return {
    kind: 'purchase_order', location: '', poNumber, orderDate: '2026-07-01', vendorCode: 'V', shipTo: 'IND9', windowStart: null, windowEnd: null,
    state: null, currency: 'USD', lines: lines.map((l) => ({ lineNo: l.n, ids: l.ids, ordered: ea(l.qty), unitCostE4: l.cost, raw: null })), raw: '',
  };
}

function ship(id: string, poNumber: string, item: ItemIds, qty: number): ImportRecord {
  return {
    kind: 'shipment', location: '', shipmentId: id, shipmentDate: '2026-07-10', shippedDate: '2026-07-10', deliveryDate: null, carrierScac: null, bol: null,
    pro: null, arn: null, shipFrom: null, shipTo: null, vendorCode: null, shipmentType: null, freightTerms: null, cartons: [],
    lines: [{ lineNo: 1, poNumber, ids: item, qty: ea(qty), containerId: null, raw: null }], raw: '',
  };
}

function invoice(n: string, poNumber: string, item: ItemIds, qty: number, cost: number): ImportRecord {
  const amount = lineAmountCents(qty, cost);
  return {
    kind: 'invoice', location: '', invoiceNumber: n, invoiceType: 'invoice', invoiceDate: '2026-08-01', dueDate: '2026-08-31', discountPercentBp: null,
    discountDays: null, discountDate: null, netDays: 30, terms: null, currency: 'USD', totalCents: amount, vendorCode: null, remitTo: null, shipTo: null,
    shipFrom: null, poNumber, status: null, lines: [{ lineNo: 1, poNumber, ids: item, qty: ea(qty), unitCostE4: cost, amountCents: amount, raw: null }],
    charges: [], raw: '',
  };
}

function receipt(poNumber: string, item: ItemIds, qty: number, date: string, mode: 'snapshot' | 'event'): ImportRecord {
  return { kind: 'receipt', location: '', poNumber, ids: item, lineNo: 1, qty: ea(qty), receiveDate: date, mode, fc: null, status: null, raw: '' };
}

function remit(payment: string, doc: string, amount: number, description = ''): ImportRecord {
  return {
    kind: 'remit_line', location: '', paymentNumber: payment, docNumber: doc, docDate: '2026-08-26', description, doc: classifyDocument(doc, description, amount),
    currency: 'USD', invoiceAmountCents: amount, withholdingCents: 0, discountCents: 0, paidCents: amount, remainingCents: 0, transactionType: null,
    reference: null, originalInvoice: null, reasonCode: null, poNumber: null, raw: '',
  };
}

beforeAll(() => {
  db = openDatabase(':memory:');
  const w = new BatchWriter(db, { fileName: 'records', filePath: null, sha256: 'x', format: 'generated', sizeBytes: 0, importedAt: 0, profile: null, marketplace: null });
  db.exec('BEGIN');
  w.begin();
  const A = ids({ asin: 'B0ACKCOST1' }), B = ids({ asin: 'B0EVENTS01' }), C = ids({ asin: 'B0SNAPSHT1' }), D = ids({ asin: 'B0UPCONLY1', upc: '012345678905' });
  const E = ids({ asin: 'B0NOIDS001', vendorSku: 'SKU-E' });
  w.write([
    po('1ACKCO1A', [{ n: 1, ids: A, qty: 100, cost: 50000 }]),
    { kind: 'po_ack', location: '', poNumber: '1ACKCO1A', lineNo: 1, ids: A, status: 'accepted', qty: ea(100), unitCostE4: 50000, ackDate: '2026-07-01', raw: '' },
    { kind: 'po_ack', location: '', poNumber: '1ACKCO1A', lineNo: 1, ids: A, status: 'accepted', qty: ea(100), unitCostE4: 52500, ackDate: '2026-07-03', raw: '' },
    ship('SH-A', '1ACKCO1A', A, 100), invoice('INV-3001', '1ACKCO1A', A, 100, 55000),
    po('2EVENT1A', [{ n: 1, ids: B, qty: 60, cost: 10000 }]),
    ship('SH-B', '2EVENT1A', B, 60), invoice('INV-3002', '2EVENT1A', B, 60, 10000),
    receipt('2EVENT1A', B, 30, '2026-07-12', 'event'), receipt('2EVENT1A', B, 20, '2026-07-13', 'event'),
    po('3SNAPS1A', [{ n: 1, ids: C, qty: 60, cost: 10000 }]),
    ship('SH-C', '3SNAPS1A', C, 60), invoice('INV-3003', '3SNAPS1A', C, 60, 10000),
    receipt('3SNAPS1A', C, 40, '2026-07-10', 'snapshot'), receipt('3SNAPS1A', C, 55, '2026-07-20', 'snapshot'),
    // the ASN names the item by UPC only; the PO line pairs that UPC with the ASIN
    po('4UPCON1A', [{ n: 1, ids: D, qty: 10, cost: 10000 }]),
    ship('SH-D', '4UPCON1A', ids({ upc: '012345678905' }), 10), invoice('INV-3004', '4UPCON1A', ids({ asin: 'B0UPCONLY1' }), 10, 10000),
    // the invoice line carries no id at all: PO line 1 tells its item
    po('5NOIDS1A', [{ n: 1, ids: E, qty: 10, cost: 10000 }]),
    ship('SH-E', '5NOIDS1A', E, 10), invoice('INV-3005', '5NOIDS1A', noIds, 10, 10000),
    // claims larger than the shortage: the shortage units show which receipts were counted
    { kind: 'payment', location: '', paymentNumber: '367550001', paymentDate: '2026-09-02', currency: 'USD', amountCents: 55000 - 1500 - 800, invoiceCurrency: null,
      amountInvoiceCurrencyCents: null, exchangeRate: null, paymentType: null, status: null, voidedReason: null, method: null, payer: null, payee: null,
      vendorCode: null, hiddenLines: false, raw: '' },
    remit('367550001', 'INV-3001', 55000),
    remit('367550001', 'INV-3002SC', -1500, 'Shortage Claim for Invoice - INV-3002'),
    remit('367550001', 'INV-3003SC', -800, 'Shortage Claim for Invoice - INV-3003'),
  ], []);
  db.exec('COMMIT');
});

afterAll(() => db.close());

describe('matching', () => {
  beforeAll(() => {
    reconcileNow(db, { asOf: '2026-09-01' });
    all = listFindings(db, {}, 'amount', { limit: 100 }).items;
  });

  it('the latest acknowledgement sets the confirmed cost', () => {
    // invoiced 5.50 against the confirmed 5.25 (not the PO's 5.00): (5.50 − 5.25) × 100
    const f = all.find((x) => x.type === 'PRICE_CLAIM_VALID')!;
    expect(f).toMatchObject({ invoice_number: 'INV-3001', asin: 'B0ACKCOST1', amount_cents: 2500 });
    expect(all.filter((x) => x.type === 'PRICE_CLAIM_VALID')).toHaveLength(1);
  });

  it('event receipts add up (30 + 20 of 60 shipped: 10 short)', () => {
    const f = all.find((x) => x.claim_number === 'INV-3002SC')!;
    expect(f).toMatchObject({ type: 'SHORTAGE_CLAIM_DISPUTABLE', amount_cents: 1500, asin: 'B0EVENTS01' });
    expect(f.details).toMatchObject({ receivedEach: 50, disputableEach: 10, unexplainedCents: 500 });
  });

  it('the latest snapshot wins (40, then 55 of 60: 5 short)', () => {
    const f = all.find((x) => x.claim_number === 'INV-3003SC')!;
    expect(f.details).toMatchObject({ receivedEach: 55, disputableEach: 5, unexplainedCents: 300 });
  });

  it('UPC-only ASN lines and id-less invoice lines find their item: nothing without an ASN, nothing unbilled', () => {
    expect(all.filter((x) => ['INVOICE_WITHOUT_ASN', 'ASN_NOT_INVOICED', 'INVOICED_MORE_THAN_SHIPPED'].includes(x.type))).toEqual([]);
  });
});
