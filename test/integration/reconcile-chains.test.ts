// Claim chains through the import path: a shortage claim reversed and raised again (SC → SCR →
// SCRSC), a claim deducted in slices across payments, a claim on an invoice number that Vendor
// Central wrote with a hyphenated suffix, and an item the invoice names by vendor SKU only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../src/db/open';
import { importPaths } from '../../src/services/import';
import { reconcileNow } from '../../src/services/reconcile';
import { listFindings, type StoredFinding } from '../../src/services/findings';

let dir: string;
let db: Db;
let all: StoredFinding[];

const money = (amount: string) => ({ amount, currencyCode: 'USD' });

function po(poNumber: string, asin: string, sku: string, qty: number, cost: string, received: number) {
  const q = { amount: qty, unitOfMeasure: 'Eaches', unitSize: 1 };
  return {
    purchaseOrderNumber: poNumber, purchaseOrderStatus: 'CLOSED', purchaseOrderDate: '2026-07-01T09:00:00Z', sellingParty: { partyId: 'AMWV0' },
    shipToParty: { partyId: 'IND9' },
    itemStatus: [{
      itemSequenceNumber: '1', buyerProductIdentifier: asin, vendorProductIdentifier: sku, netCost: money(cost), orderedQuantity: { orderedQuantity: q },
      acknowledgementStatus: { confirmationStatus: 'ACCEPTED', acceptedQuantity: q },
      receivingStatus: { receiveStatus: 'PARTIALLY_RECEIVED', receivedQuantity: { amount: received, unitOfMeasure: 'Eaches', unitSize: 1 }, lastReceiveDate: '2026-07-20T10:00:00Z' },
    }],
  };
}

function asn(id: string, poNumber: string, asin: string, qty: number) {
  return {
    shipmentIdentifier: id, shipmentConfirmationType: 'Original', shipmentConfirmationDate: '2026-07-10T12:00:00Z', shippedDate: '2026-07-10T12:00:00Z',
    sellingParty: { partyId: 'AMWV0' }, shipFromParty: { partyId: 'WH01' }, shipToParty: { partyId: 'IND9' },
    shippedItems: [{ itemSequenceNumber: '001', amazonProductIdentifier: asin, shippedQuantity: { amount: qty, unitOfMeasure: 'Eaches', unitSize: 1 }, itemDetails: { purchaseOrderNumber: poNumber } }],
    cartons: [{ cartonIdentifiers: [{ containerIdentificationType: 'SSCC', containerIdentificationNumber: `00${id.replace(/\D/g, '').padStart(18, '0')}` }], cartonSequenceNumber: '1', items: [{ itemReference: '001', shippedQuantity: { amount: qty, unitOfMeasure: 'Eaches', unitSize: 1 } }] }],
  };
}

function invoice(id: string, poNumber: string, ids: { asin?: string; sku: string }, qty: number, cost: string, total: string) {
  return {
    invoiceType: 'Invoice', id, date: '2026-08-01T00:00:00Z', remitToParty: { partyId: 'AMWV0' }, paymentTerms: { type: 'Basic', netDueDays: 30 },
    invoiceTotal: money(total),
    items: [{ itemSequenceNumber: 1, amazonProductIdentifier: ids.asin, vendorProductIdentifier: ids.sku, invoicedQuantity: { amount: qty, unitOfMeasure: 'Eaches', unitSize: 1 }, netCost: money(cost), purchaseOrderNumber: poNumber }],
  };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'recoup-chains-'));
  const data = join(dir, 'in');
  mkdirSync(data);
  writeFileSync(join(data, 'status.json'), JSON.stringify({ payload: { ordersStatus: [
    po('2CHAIN1A', 'B0CHAIN001', 'SKU-C1', 50, '2.00', 40),
    po('2SLICE1A', 'B0SLICE001', 'SKU-S1', 100, '1.00', 80),
  ] } }));
  writeFileSync(join(data, 'asn.json'), JSON.stringify({ shipmentConfirmations: [asn('SH-2001', '2CHAIN1A', 'B0CHAIN001', 50), asn('SH-2002', '2SLICE1A', 'B0SLICE001', 100)] }));
  writeFileSync(join(data, 'invoices.json'), JSON.stringify({ invoices: [
    invoice('INV-2001', '2CHAIN1A', { asin: 'B0CHAIN001', sku: 'SKU-C1' }, 50, '2.00', '100.00'),
    // named by vendor SKU only: the PO status pairs SKU-S1 with its ASIN
    invoice('INV-2002', '2SLICE1A', { sku: 'SKU-S1' }, 100, '1.00', '100.00'),
  ] }));
  const head = 'Payment Number,Payment Date,Invoice Currency,Amount in Invoice Currency,Payment Currency,Amount in Payment Currency,Exchange Rate,Payment Type,Payment Status,Payment Voided Reason';
  const lineHead = 'Payment Number,Invoice Number,Invoice Date,Description,Invoice Amount,Invoice Currency,Withholding Amount,Terms Discount Taken,Amount Paid,Remaining Amount';
  writeFileSync(join(data, 'remittance.csv'), [
    head,
    '367540001,09/02/2026,USD,$168.00,USD,$168.00,1,EFT,Paid,',
    '367540002,09/16/2026,USD,$12.00,USD,$12.00,1,EFT,Paid,',
    '367540003,09/30/2026,USD,($30.00),USD,($30.00),1,EFT,Paid,',
    'Invoices,,,,,,,,,',
    lineHead,
    '367540001,INV-2001,08/01/2026,,$100.00,USD,$0.00,$0.00,$100.00,$0.00',
    '367540001,INV-2001SC,08/26/2026,Shortage Claim for Invoice - INV-2001,($20.00),USD,$0.00,$0.00,($20.00),$0.00',
    '367540001,INV-2002,08/01/2026,,$100.00,USD,$0.00,$0.00,$100.00,$0.00',
    // a shortage claim of 20.00 taken in two slices
    '367540001,INV-2002-SC,08/26/2026,Shortage Claim for Invoice - INV-2002,($20.00),USD,$0.00,$0.00,($12.00),($8.00)',
    '367540002,INV-2002-SC,08/26/2026,Shortage Claim for Invoice - INV-2002,($20.00),USD,$0.00,$0.00,($8.00),$0.00',
    '367540002,INV-2001SCR,09/10/2026,Shortage Claim reversal for Invoice - INV-2001,$20.00,USD,$0.00,$0.00,$20.00,$0.00',
    // the re-claim, raised after the reversal
    '367540003,INV-2001SCRSC,09/25/2026,Shortage Claim for Invoice - INV-2001,($30.00),USD,$0.00,$0.00,($30.00),$0.00',
    '',
  ].join('\r\n'));
  db = openDatabase(join(dir, 'c.db'));
  for (const r of await importPaths(db, [data])) {
    expect(r.status, JSON.stringify(r)).toBe('imported');
    if (r.status === 'imported') expect(r.rejects).toEqual([]);
  }
  reconcileNow(db, { asOf: '2026-10-15' });
  all = listFindings(db, {}, 'amount', { limit: 100 }).items;
});

afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('claim chains and slices', () => {
  it('SC reversed by SCR raises CLAIM_REVERSED; the re-claim SCRSC is judged on its own', () => {
    expect(all.filter((f) => f.invoice_number === 'INV-2001').map((f) => [f.type, f.claim_number, f.amount_cents]).sort()).toEqual([
      ['CLAIM_REVERSED', 'INV-2001SC', 2000],
      // 50 shipped, 40 received: 10 units × 2.00 are disputable, and the 10.00 the re-claim takes
      // beyond any computed shortage
      ['SHORTAGE_CLAIM_DISPUTABLE', 'INV-2001SCRSC', 3000],
    ]);
    const f = all.find((x) => x.claim_number === 'INV-2001SCRSC')!;
    expect(f).toMatchObject({ po_number: '2CHAIN1A', asin: 'B0CHAIN001', payment_number: '367540003', shipment_id: 'SH-2001' });
    // claim raised 2026-09-25, due 2026-08-31 + 30 days
    expect(f.dispute_by).toBe('2026-09-30');
    expect(f.explanation).toMatch(/10 units \(20\.00 USD\).*10\.00 USD more than the documents explain/);
  });

  it('a hyphenated claim in two slices is one claim, not a duplicate, matched through the SKU cross-reference', () => {
    const hits = all.filter((f) => f.invoice_number === 'INV-2002' || f.claim_number === 'INV-2002-SC');
    expect(hits.map((f) => [f.type, f.amount_cents, f.asin, f.payment_number])).toEqual([['SHORTAGE_CLAIM_DISPUTABLE', 2000, 'B0SLICE001', '367540001']]);
  });

  it('nothing else: payments tie out, invoices are paid', () => {
    expect(all).toHaveLength(3);
  });
});
