// The SP-API samples through the real import pipeline into a fresh database: formats detected from
// content in a mixed folder, rows stored field by field, duplicates and rejects recorded.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/db/open';
import { importPaths, type ImportFileResult } from '../../src/services/import';

const FIX = join(__dirname, '../fixtures/spapi');
type Imported = Extract<ImportFileResult, { status: 'imported' }>;

let dir: string;
let db: Db;
let results: ImportFileResult[];
const byName = (name: string): Imported => {
  const r = results.find((x) => x.file.endsWith(`/${name}`));
  expect(r, name).toBeDefined();
  expect(r!.status, `${name}: ${r!.status === 'error' ? r!.error : ''}`).toBe('imported');
  return r as Imported;
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'recoup-spapi-'));
  const folder = join(dir, 'downloads');
  mkdirSync(folder);
  for (const f of readdirSync(FIX).filter((n) => n.endsWith('.json'))) copyFileSync(join(FIX, f), join(folder, f));
  db = openDatabase(join(dir, 'recoup.db'));
  results = await importPaths(db, [folder], { now: () => 1_780_000_000_000 });
});

afterAll(() => {
  db?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('importing the SP-API samples as one folder', () => {
  it('imports all twelve files, each with its precise format', () => {
    expect(results).toHaveLength(12);
    const formats = Object.fromEntries(results.map((r) => [r.file.split('/').pop(), r.status === 'imported' ? r.format : r.status]));
    expect(formats).toEqual({
      'getInvoice.full.response.json': 'spapi_finance_invoices',
      'getInvoice.response.json': 'spapi_finance_invoices',
      'getInvoices.full.response.json': 'spapi_finance_invoices',
      'getInvoices.response.json': 'spapi_finance_invoices',
      'getPurchaseOrders.changed.response.json': 'spapi_orders',
      'getPurchaseOrders.response.json': 'spapi_orders',
      'getPurchaseOrdersStatus.cancelled.response.json': 'spapi_order_status',
      'getPurchaseOrdersStatus.response.json': 'spapi_order_status',
      'getShipmentDetails.response.json': 'spapi_shipments',
      'submitInvoices.full.request.json': 'spapi_invoices',
      'submitInvoices.request.json': 'spapi_invoices',
      'submitShipmentConfirmations.request.json': 'spapi_shipments',
    });
    const stored = db.prepare('SELECT format FROM import_batch ORDER BY id').pluck().all();
    expect(stored).toEqual(results.map((r) => (r as Imported).format));
  });

  it('stores the status receipts: 2JK3S9VB line 2 received 10 on 2020-08-30, line 1 1 Cases × 1', () => {
    const rows = db.prepare(`SELECT line_no AS lineNo, asin, qty_each AS each, uom, qty_uom AS amount, case_size AS caseSize, receive_date AS receiveDate, mode, fc, status
      FROM receipt WHERE po_number = ? ORDER BY line_no`).all('2JK3S9VB');
    expect(rows).toEqual([
      { lineNo: 1, asin: 'B07DFVDRAB', each: 1, uom: 'CASES', amount: 1, caseSize: 1, receiveDate: '2020-08-28', mode: 'snapshot', fc: 'ABCD', status: 'RECEIVED' },
      { lineNo: 2, asin: 'B07DFYF5AB', each: 10, uom: 'EACHES', amount: 10, caseSize: null, receiveDate: '2020-08-30', mode: 'snapshot', fc: 'ABCD', status: 'PARTIALLY_RECEIVED' },
      { lineNo: 3, asin: 'B07DFYF5XY', each: 0, uom: 'EACHES', amount: 0, caseSize: null, receiveDate: null, mode: 'snapshot', fc: 'ABCD', status: 'NOT_RECEIVED' },
    ]);
    expect(db.prepare('SELECT COUNT(*) FROM receipt').pluck().get()).toBe(5);
  });

  it('stores the accepted and rejected quantities per PO line', () => {
    const rows = db.prepare('SELECT line_no AS lineNo, status, qty_each AS each, unit_cost_e4 AS cost, ack_date AS ackDate FROM po_ack WHERE po_number = ? ORDER BY line_no, status').all('2JK3S9VB');
    expect(rows).toEqual([
      { lineNo: 1, status: 'accepted', each: 1, cost: 3_462_700, ackDate: '2020-08-17' },
      { lineNo: 2, status: 'accepted', each: 15, cost: 2_294_700, ackDate: '2020-08-17' },
      { lineNo: 2, status: 'rejected', each: 5, cost: 2_294_700, ackDate: '2020-08-17' },
      { lineNo: 3, status: 'accepted', each: 0, cost: 200_000, ackDate: '2020-08-17' },
      { lineNo: 3, status: 'rejected', each: 5, cost: 200_000, ackDate: '2020-08-17' },
    ]);
  });

  it('stores POs once: the status file gives 2JK3S9VB, and its TestPO1/TestPO2 are duplicates of the orders file', () => {
    const pos = db.prepare('SELECT po_number AS po, state, vendor_code AS vendor, ship_to AS shipTo, window_start AS ws, window_end AS we FROM purchase_order ORDER BY po_number').all();
    expect(pos).toEqual([
      { po: '2JK3S9VB', state: 'OPEN', vendor: '999US', shipTo: 'ABCD', ws: null, we: null },
      { po: '2JK3S9VC', state: 'New', vendor: '999US', shipTo: 'ABCD', ws: '2019-08-21', we: '2019-08-27' },
      { po: '3TRD2IAB', state: 'New', vendor: '998US', shipTo: 'ABC1', ws: '2019-08-21', we: '2019-08-27' },
      { po: 'TestPO1', state: 'Acknowledged', vendor: '999US', shipTo: 'ABCD', ws: '2020-05-27', we: '2020-05-30' },
      { po: 'TestPO2', state: 'New', vendor: 'API01', shipTo: 'ABCD', ws: '2020-05-26', we: '2020-05-29' },
    ]);
    const cancelled = byName('getPurchaseOrdersStatus.cancelled.response.json');
    // Two POs (one line each) already stored, two receipts new.
    expect([cancelled.rowsRead, cancelled.rowsStored, cancelled.rowsDuplicate, cancelled.rowsRejected]).toEqual([4, 2, 2, 0]);
    const line = db.prepare('SELECT ordered_each AS each, uom, qty_uom AS amount, case_size AS caseSize, unit_cost_e4 AS cost FROM po_line WHERE po_number = ?').get('3TRD2IAB');
    expect(line).toEqual({ each: 50, uom: 'CASES', amount: 5, caseSize: 10, cost: null });
  });

  it('stores the shipment details with both containers and their lines', () => {
    const s = db.prepare('SELECT id, shipment_date AS d, carrier_scac AS scac, pro, bol, freight_terms AS terms FROM shipment WHERE shipment_id = ?').get('00050003') as { id: number };
    expect(s).toMatchObject({ d: '2019-08-07', scac: 'string', pro: 'TRACK001', bol: 'string', terms: 'collect' });
    expect(db.prepare('SELECT container_id AS id, id_type AS idType, type, tracking_number AS tracking FROM shipment_carton WHERE shipment_ref = ? ORDER BY id').all(s.id)).toEqual([
      { id: '213124134213', idType: 'SSCC', type: 'carton', tracking: 'XXXX' },
      { id: 'ARK123214214213', idType: 'SSCC', type: 'pallet', tracking: 'TRACK001' },
    ]);
    expect(db.prepare('SELECT line_no AS n, po_number AS po, asin, ean, qty_each AS each, container_id AS box FROM shipment_line WHERE shipment_ref = ? ORDER BY line_no').all(s.id)).toEqual([
      { n: 1, po: '1BBBAAAA', asin: null, ean: '9782700001690', each: 100, box: null },
      { n: 2, po: '1BBBAAAA', asin: null, ean: '9782700001680', each: 100, box: null },
      { n: 3, po: 'string', asin: 'B07DFVDRAA', ean: null, each: 1, box: '213124134213' },
      { n: 4, po: 'string', asin: 'B07DFVDRAA', ean: null, each: 1, box: 'ARK123214214213' },
    ]);
  });

  it('records the confirmation line in Cases without unitSize as a reject of its batch', () => {
    const r = byName('submitShipmentConfirmations.request.json');
    expect([r.rowsRead, r.rowsStored, r.rowsRejected]).toEqual([2, 1, 1]);
    const rej = db.prepare('SELECT location, field FROM import_reject WHERE batch_id = ?').all(r.batchId);
    expect(rej).toEqual([{ location: '$.shipmentConfirmations[0].shippedItems[1]', field: 'unitSize' }]);
  });

  it('stores the vendor invoice with terms, lines and its freight charge', () => {
    const inv = db.prepare(`SELECT id, invoice_type AS type, invoice_date AS date, due_date AS due, discount_percent_bp AS bp, discount_date AS discDate,
      net_days AS net, currency, total_cents AS total, po_number AS po FROM invoice WHERE invoice_number = ?`).get('0136981234') as { id: number };
    expect(inv).toMatchObject({ type: 'invoice', date: '2019-07-24', due: '2019-08-23', bp: 500, discDate: '2019-08-08', net: 30, currency: 'INR', total: 25_967_839, po: '3DY3TK6T' });
    expect(db.prepare('SELECT line_no AS n, asin, qty_each AS each, unit_cost_e4 AS cost, amount_cents AS amount FROM invoice_line WHERE invoice_id = ? ORDER BY line_no').all(inv.id)).toEqual([
      { n: 1, asin: 'ABC123434', each: 2, cost: 210_603_400, amount: 4_212_068 },
      { n: 2, asin: 'ABC123435', each: 3, cost: 589_152_500, amount: 17_674_575 },
    ]);
    expect(db.prepare('SELECT type, code, amount_cents AS amount FROM invoice_charge WHERE invoice_id = ?').all(inv.id)).toEqual([{ type: 'charge', code: 'Freight', amount: 120_000 }]);
    expect(db.prepare('SELECT total_cents FROM invoice WHERE invoice_number = ?').pluck().get('TestInvoice202')).toBe(11_205);
  });

  it('stores the first finance invoice INV-202505001 and rejects the three other samples that reuse its number with other content', () => {
    const inv = db.prepare('SELECT id, status, due_date AS due, total_cents AS total, vendor_code AS vendor, net_days AS net FROM invoice WHERE invoice_number = ?').get('INV-202505001') as { id: number };
    expect(inv).toMatchObject({ status: 'IN_PROGRESS', due: '2025-07-18', total: 54_000, vendor: 'VC-001', net: 30 });
    const line = db.prepare('SELECT qty_each AS each, unit_cost_e4 AS cost, amount_cents AS amount, raw FROM invoice_line WHERE invoice_id = ?').get(inv.id) as { raw: string };
    expect(line).toMatchObject({ each: 10, cost: 500_000, amount: 50_000 });
    expect(JSON.parse(line.raw).lineItemContext.matchingContext.quantityVariance).toBe(2);
    for (const name of ['getInvoice.response.json', 'getInvoices.full.response.json', 'getInvoices.response.json']) {
      const r = byName(name);
      expect([r.rowsStored, r.rowsRejected], name).toEqual([0, 1]);
      expect(r.rejects[0]!.reason, name).toContain('already imported');
    }
  });

  it('a second import of the same file stores nothing', async () => {
    const again = await importPaths(db, [join(FIX, 'getPurchaseOrdersStatus.response.json')]);
    expect(again.map((r) => r.status)).toEqual(['already_imported']);
  });

  it('an unrecognised JSON file is an error naming the keys found, and stores nothing', async () => {
    const odd = join(dir, 'odd.json');
    writeFileSync(odd, JSON.stringify({ reportDocumentId: 'x', url: 'y' }));
    const before = db.prepare('SELECT COUNT(*) FROM import_batch').pluck().get();
    const [r] = await importPaths(db, [odd]);
    expect(r!.status).toBe('error');
    expect((r as { error: string }).error).toMatch(/odd\.json: no SP-API shape Recoup reads was found \(top-level keys: reportDocumentId, url\)/);
    expect(db.prepare('SELECT COUNT(*) FROM import_batch').pluck().get()).toBe(before);
  });
});
