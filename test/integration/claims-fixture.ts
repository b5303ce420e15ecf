// A small, real-shaped Vendor Central case for the claims and export tests: one PO with two ASINs
// shipped prepaid LTL in five SSCC cartons, invoiced, short-received on one ASIN, paid with a
// shortage claim (gross 451.20, discount clawed back) and an on-time chargeback, and a later
// payment carrying a partial reversal (…SCR). Documents go through the BatchWriter as an import
// would store them; findings are inserted as the reconciliation engine's output.
import { openDatabase, type Db } from '../../src/db/open';
import { BatchWriter } from '../../src/db/imports.repo';
import { classifyDocument } from '../../src/core/claims/grammar';
import { eaches, type ImportRecord, type RemitLineRecord, type PaymentRecord } from '../../src/core/records';

export const PO = '4B7XKQ2N';
export const ASIN_A = 'B07DFYF5AB';
export const ASIN_B = 'B07XJ8C8F5';
export const INVOICE = 'INV-10042';
export const SC = 'INV-10042SC';
export const CHARGEBACK = '1520586356VCBSINV';
export const SSCCS = ['00012345678901234567', '00012345678901234574', '00012345678901234581', '00012345678901234598', '00012345678901234604', '00012345678901234611'];

let seq = 0;
function write(db: Db, records: ImportRecord[], fileName: string): void {
  db.transaction(() => {
    const w = new BatchWriter(db, { fileName, filePath: null, sha256: `fixture-${fileName}-${seq++}`, format: 'generated', sizeBytes: 1, importedAt: 1_780_000_000_000, profile: null, marketplace: 'US' });
    w.begin();
    w.write(records, []);
    w.finish('generated', null, 'US', null);
  })();
}

export function remit(payment: string, doc: string, date: string, desc: string, amount: number, discount: number, paid: number, row: number): RemitLineRecord {
  return {
    kind: 'remit_line', location: `row ${row}`, paymentNumber: payment, docNumber: doc, docDate: date, description: desc,
    doc: classifyDocument(doc, desc, amount), currency: 'USD', invoiceAmountCents: amount, withholdingCents: 0, discountCents: discount,
    paidCents: paid, remainingCents: 0, transactionType: null, reference: null, originalInvoice: null, reasonCode: null, poNumber: null,
    raw: JSON.stringify([payment, doc, date, desc, amount / 100, 'USD', 0, discount / 100, paid / 100, 0]),
  };
}

export function payment(num: string, date: string, amount: number): PaymentRecord {
  return {
    kind: 'payment', location: 'row 2', paymentNumber: num, paymentDate: date, currency: 'USD', amountCents: amount, invoiceCurrency: 'USD',
    amountInvoiceCurrencyCents: amount, exchangeRate: '1', paymentType: 'ACH', status: 'Paid', voidedReason: null, method: null, payer: null,
    payee: null, vendorCode: 'AMWV0', hiddenLines: false, raw: JSON.stringify([num, date, amount]),
  };
}

/** Documents: PO, ack, ASN, invoice, receipts and the first payment (shortage claim + chargeback). */
export function seedDocuments(db: Db): void {
  const ids = (asin: string, sku: string, upc: string) => ({ asin, vendorSku: sku, upc, ean: null });
  write(db, [{
    kind: 'purchase_order', location: '$.orders[0]', poNumber: PO, orderDate: '2026-07-28', vendorCode: 'AMWV0', shipTo: 'ABE8',
    windowStart: '2026-08-01', windowEnd: '2026-08-08', state: 'Closed', currency: 'USD', raw: '{}',
    lines: [
      { lineNo: 1, ids: ids(ASIN_A, 'WID-RED-24', '040404040404'), ordered: eaches(5, 'CA', 24), unitCostE4: 188_000, raw: null },
      { lineNo: 2, ids: ids(ASIN_B, 'WID-BLU-12', '040404040411'), ordered: eaches(5, 'CA', 12), unitCostE4: 72_500, raw: null },
    ],
  }, {
    kind: 'po_ack', location: 'segment 4', poNumber: PO, lineNo: 1, ids: ids(ASIN_A, 'WID-RED-24', '040404040404'), status: 'accepted',
    qty: eaches(5, 'CA', 24), unitCostE4: 188_000, ackDate: '2026-07-29', raw: 'ACK*IA*5*CA',
  }, {
    kind: 'po_ack', location: 'segment 7', poNumber: PO, lineNo: 2, ids: ids(ASIN_B, 'WID-BLU-12', '040404040411'), status: 'accepted',
    qty: eaches(5, 'CA', 12), unitCostE4: 72_500, ackDate: '2026-07-29', raw: 'ACK*IA*5*CA',
  }], 'orders.json');
  write(db, [{
    kind: 'shipment', location: 'transaction 0001', shipmentId: 'SH-88120', shipmentDate: '2026-08-03', shippedDate: '2026-08-03',
    deliveryDate: '2026-08-06', carrierScac: 'ABFS', bol: 'BOL-55120', pro: '0412345678', arn: null, shipFrom: 'Reno NV', shipTo: 'ABE8',
    vendorCode: 'AMWV0', shipmentType: 'LTL', freightTerms: 'prepaid', raw: 'BSN*00*SH-88120',
    cartons: SSCCS.map((s, i) => ({ containerId: s, idType: 'SSCC', type: 'carton' as const, parentId: null, trackingNumber: null, _i: i })),
    lines: [
      ...SSCCS.slice(0, 5).map((s, i) => ({ lineNo: i + 1, poNumber: PO, ids: ids(ASIN_A, 'WID-RED-24', '040404040404'), qty: eaches(1, 'CA', 24), containerId: s, raw: null })),
      { lineNo: 6, poNumber: PO, ids: ids(ASIN_B, 'WID-BLU-12', '040404040411'), qty: eaches(5, 'CA', 12), containerId: SSCCS[5]!, raw: null },
    ],
  }], 'asn.edi');
  write(db, [{
    kind: 'invoice', location: 'transaction 0001', invoiceNumber: INVOICE, invoiceType: 'invoice', invoiceDate: '2026-08-04', dueDate: '2026-09-03',
    discountPercentBp: 200, discountDays: 30, discountDate: '2026-09-03', netDays: 60, terms: '2% 30 net 60', currency: 'USD', totalCents: 269_100,
    vendorCode: 'AMWV0', remitTo: 'Widgets Inc', shipTo: 'ABE8', shipFrom: 'Reno NV', poNumber: PO, status: 'Paid', raw: 'BIG*20260804*INV-10042',
    charges: [],
    lines: [
      { lineNo: 1, poNumber: PO, ids: ids(ASIN_A, 'WID-RED-24', '040404040404'), qty: eaches(120, 'EA', null), unitCostE4: 188_000, amountCents: 225_600, raw: 'IT1*1*120*EA*18.80' },
      { lineNo: 2, poNumber: PO, ids: ids(ASIN_B, 'WID-BLU-12', '040404040411'), qty: eaches(60, 'EA', null), unitCostE4: 72_500, amountCents: 43_500, raw: 'IT1*2*60*EA*7.25' },
    ],
  }], 'invoice.edi');
  write(db, [
    { kind: 'receipt', location: '$.po[0]', poNumber: PO, ids: ids(ASIN_A, 'WID-RED-24', '040404040404'), lineNo: 1, qty: eaches(96, 'EA', null), receiveDate: '2026-08-07', mode: 'snapshot', fc: 'ABE8', status: 'Closed', raw: '{}' },
    { kind: 'receipt', location: '$.po[1]', poNumber: PO, ids: ids(ASIN_B, 'WID-BLU-12', '040404040411'), lineNo: 2, qty: eaches(60, 'EA', null), receiveDate: '2026-08-07', mode: 'snapshot', fc: 'ABE8', status: 'Closed', raw: '{}' },
  ], 'status.json');
  // Invoice paid net of 2% (53.82); shortage claim of 24 × 18.80 = 451.20 gross with 9.02 discount clawed back; chargeback 67.68.
  write(db, [
    payment('367531888', '2026-09-03', 263_718 - 44_218 - 6_768),
    remit('367531888', INVOICE, '2026-08-04', 'PO 4B7XKQ2N/ABE8/|INV-10042', 269_100, -5_382, 263_718, 8),
    remit('367531888', SC, '2026-08-29', `Shortage Claim for Invoice - ${INVOICE}`, -45_120, 902, -44_218, 9),
    remit('367531888', CHARGEBACK, '2026-08-20', 'PO on-time accuracy', -6_768, 0, -6_768, 10),
  ], 'Payments-2026-09.xlsx');
}

/** The later payment that reverses 16 of the 24 units: 16 × 18.80 = 300.80. */
export function seedReversal(db: Db): void {
  write(db, [
    payment('367999001', '2026-10-15', 30_080),
    remit('367999001', 'INV-10042SCR', '2026-10-10', `Shortage Claim Reversal for Invoice - ${INVOICE}`, 30_080, 0, 30_080, 8),
  ], 'Payments-2026-10.xlsx');
}

export interface FindingSeed {
  id: string; type: string; amount: number; claim?: string | null; asin?: string | null; disputeBy?: string | null; docDate?: string | null;
  explanation?: string; severity?: string; shipment?: string | null; payment?: string | null; invoice?: string | null; po?: string | null;
  evidence?: Array<{ kind: string; ref: string }>;
}

/** Replace the finding rows, as one reconcile run does. */
export function writeFindings(db: Db, runId: number, seeds: FindingSeed[]): void {
  db.transaction(() => {
    db.prepare('INSERT OR IGNORE INTO reconcile_run (id, started_at, finished_at, as_of) VALUES (?, ?, ?, ?)').run(runId, 1, 2, '2026-10-01');
    db.prepare('DELETE FROM finding').run();
    const ins = db.prepare(`INSERT INTO finding (id, type, severity, amount_cents, currency, invoice_number, claim_number, po_number, asin, payment_number,
      shipment_id, vendor_code, dispute_by, doc_date, explanation, evidence, details, run_id) VALUES (?, ?, ?, ?, 'USD', ?, ?, ?, ?, ?, ?, 'AMWV0', ?, ?, ?, ?, NULL, ?)`);
    for (const s of seeds) {
      ins.run(s.id, s.type, s.severity ?? 'high', s.amount, s.invoice === undefined ? INVOICE : s.invoice, s.claim ?? null, s.po === undefined ? PO : s.po,
        s.asin ?? null, s.payment === undefined ? '367531888' : s.payment, s.shipment === undefined ? 'SH-88120' : s.shipment, s.disputeBy ?? null,
        s.docDate ?? null, s.explanation ?? `${s.type} ${s.amount}`, JSON.stringify(s.evidence ?? []), runId);
    }
  })();
}

export const SHORTAGE_FINDING: FindingSeed = {
  id: 'f_sc_a', type: 'SHORTAGE_CLAIM_DISPUTABLE', amount: 45_120, claim: SC, asin: ASIN_A, disputeBy: '2026-10-03', docDate: '2026-08-29',
  explanation: 'Amazon deducted 451.20 for 24 units short on invoice INV-10042; the ASN shows 120 units shipped in 5 cartons and 96 were received.',
  evidence: [{ kind: 'invoice_line', ref: 'INV-10042#1' }, { kind: 'asn_carton', ref: SSCCS[0]! }],
};
export const CHARGEBACK_FINDING: FindingSeed = {
  id: 'f_cb', type: 'CHARGEBACK', amount: 6_768, claim: CHARGEBACK, asin: null, disputeBy: '2026-09-19', docDate: '2026-08-20', invoice: null, shipment: null,
  explanation: 'Chargeback 1520586356VCBSINV (PO on-time accuracy) 67.68.',
};

export function freshDb(): Db {
  seq = 0;
  return openDatabase(':memory:');
}
