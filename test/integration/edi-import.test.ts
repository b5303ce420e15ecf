import { mkdtempSync, rmSync, copyFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/db/open';
import { importPaths, type ImportFileResult } from '../../src/services/import';

const FIX = join(__dirname, '../fixtures/edi');
const GOOD = ['amazon_810_two_invoices_tilde.edi', 'amazon_856_crlf_indented.edi', 'amazon_820_newline.edi', 'amazon_850_855.edi',
  'retail_856_asn_sopi_sscc.edi', 'retail_820_remittance_rmr_adx_deductions.edi'];
const BROKEN = ['broken_810_segment_count.edi', 'broken_856_missing_iea.edi', 'amazon_df_810_invoice.edi'];

describe('importing EDI files end to end', () => {
  let dir: string;
  let db: Db;
  let results: ImportFileResult[];
  const byName = (n: string) => results.find((r) => r.file.endsWith(n))!;
  const rows = (sql: string, ...args: unknown[]) => db.prepare(sql).all(...args) as Record<string, unknown>[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'recoup-edi-'));
    const folder = join(dir, 'drop');
    mkdirSync(folder);
    for (const f of [...GOOD, ...BROKEN]) copyFileSync(join(FIX, f), join(folder, f));
    db = openDatabase(join(dir, 'recoup.db'));
    results = await importPaths(db, [folder], { now: () => 1_780_000_000_000 });
  });
  afterAll(() => {
    db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports each good file with its detected format and no rejects', () => {
    const formats = Object.fromEntries(GOOD.map((f) => {
      const r = byName(f);
      return [f, r.status === 'imported' ? [r.status, r.format] : [r.status]];
    }));
    expect(formats).toEqual({
      'amazon_810_two_invoices_tilde.edi': ['imported', 'x12_810'],
      'amazon_856_crlf_indented.edi': ['imported', 'x12_856'],
      'amazon_820_newline.edi': ['imported', 'x12_820'],
      'amazon_850_855.edi': ['imported', 'x12'],
      'retail_856_asn_sopi_sscc.edi': ['imported', 'x12_856'],
      'retail_820_remittance_rmr_adx_deductions.edi': ['imported', 'x12_820'],
    });
    for (const f of GOOD) expect(byName(f)).toMatchObject({ rowsRejected: 0 });
  });

  it('stores payments and remittance lines tied to BPR02 (or with the gap noted)', () => {
    expect(rows('SELECT payment_number, amount_cents, payment_date, method, source FROM payment ORDER BY payment_number')).toEqual([
      { payment_number: '367531888', amount_cents: 43482, payment_date: '2026-09-01', method: 'ACH', source: 'x12_820' },
      { payment_number: '4311000190', amount_cents: 41609315, payment_date: '2005-10-20', method: 'ACH', source: 'x12_820' },
    ]);
    expect(rows(`SELECT payment_number, COUNT(*) AS n, SUM(paid_cents) AS paid FROM remit_line GROUP BY payment_number ORDER BY payment_number`)).toEqual([
      { payment_number: '367531888', n: 4, paid: 43482 },
      { payment_number: '4311000190', n: 10, paid: 41630315 },
    ]);
    expect(rows(`SELECT doc_number, family, root_invoice, paid_cents, invoice_amount_cents, discount_cents, reason_code FROM remit_line
      WHERE payment_number = '367531888' ORDER BY slice, doc_number`)).toEqual([
      { doc_number: '1520586356VCBSINV', family: 'chargeback', root_invoice: null, paid_cents: -4550, invoice_amount_cents: -4550, discount_cents: 0, reason_code: 'ZZ' },
      { doc_number: '6268-1490026100', family: 'agreement', root_invoice: null, paid_cents: -12000, invoice_amount_cents: -12000, discount_cents: 0, reason_code: '56' },
      { doc_number: 'INV-10042', family: 'invoice', root_invoice: 'INV-10042', paid_cents: 78032, invoice_amount_cents: 79625, discount_cents: 1593, reason_code: null },
      { doc_number: 'INV-10042SC', family: 'shortage_claim', root_invoice: 'INV-10042', paid_cents: -18000, invoice_amount_cents: -18000, discount_cents: 0, reason_code: null },
    ]);
    const safeway = byName('retail_820_remittance_rmr_adx_deductions.edi') as { notes: string[] };
    expect(safeway.notes).toEqual([expect.stringContaining('(gap -210.00)')]);
  });

  it('stores invoices with lines in eaches and their allowances', () => {
    expect(rows('SELECT invoice_number, total_cents, due_date, discount_date, discount_percent_bp, remit_to, vendor_code, po_number FROM invoice ORDER BY invoice_number')).toEqual([
      { invoice_number: 'INV-10042', total_cents: 79625, due_date: '2026-10-02', discount_date: '2026-08-13', discount_percent_bp: 200, remit_to: 'ACME HOME GOODS LLC', vendor_code: 'AMWV0', po_number: '4B7XKQ2N' },
      { invoice_number: 'INV-10043', total_cents: 14299, due_date: '2026-09-03', discount_date: null, discount_percent_bp: null, remit_to: 'ACME HOME GOODS LLC', vendor_code: 'AMWV0', po_number: '7Q2M9ZXA' },
      { invoice_number: 'INV-20001', total_cents: 3000, due_date: null, discount_date: null, discount_percent_bp: null, remit_to: null, vendor_code: null, po_number: '4B7XKQ2N' },
      { invoice_number: 'INV-20003', total_cents: 2000, due_date: null, discount_date: null, discount_percent_bp: null, remit_to: null, vendor_code: null, po_number: '4B7XKQ2N' },
    ]);
    expect(rows(`SELECT l.line_no, l.asin, l.qty_each, l.uom, l.qty_uom, l.case_size, l.unit_cost_e4, l.amount_cents FROM invoice_line l
      JOIN invoice i ON i.id = l.invoice_id WHERE i.invoice_number = 'INV-10042' ORDER BY l.line_no`)).toEqual([
      { line_no: 1, asin: 'B07DFYF5AB', qty_each: 60, uom: 'CA', qty_uom: 5, case_size: 12, unit_cost_e4: 100000, amount_cents: 60000 },
      { line_no: 2, asin: 'B08XYZ1234', qty_each: 24, uom: 'EA', qty_uom: 24, case_size: null, unit_cost_e4: 74999, amount_cents: 18000 },
      { line_no: 3, asin: 'B09ABCDEF1', qty_each: 10, uom: 'EA', qty_uom: 10, case_size: null, unit_cost_e4: 32500, amount_cents: 3250 },
    ]);
    expect(rows('SELECT type, code, amount_cents FROM invoice_charge ORDER BY code')).toEqual([
      { type: 'allowance', code: 'C310', amount_cents: 1625 },
      { type: 'charge', code: 'D240', amount_cents: 1500 },
    ]);
  });

  it('stores shipments with cartons (SSCC, pallet parent) and lines in their cartons', () => {
    expect(rows('SELECT shipment_id, carrier_scac, bol, pro, ship_to, freight_terms FROM shipment ORDER BY shipment_id')).toEqual([
      { shipment_id: '521649209219', carrier_scac: 'FED2', bol: '521649209219', pro: '521649209219', ship_to: '004', freight_terms: null },
      { shipment_id: 'SH-88120', carrier_scac: 'UPSN', bol: 'BOL7788123', pro: 'PRO445566', ship_to: 'PHX7', freight_terms: 'prepaid' },
      { shipment_id: 'SH-88121', carrier_scac: 'FXFE', bol: 'BOL7788124', pro: null, ship_to: 'TEB9', freight_terms: null },
    ]);
    expect(rows(`SELECT c.container_id, c.type, c.parent_id FROM shipment_carton c JOIN shipment s ON s.id = c.shipment_ref ORDER BY s.shipment_id, c.id`)).toEqual([
      { container_id: '00007121610006156802', type: 'carton', parent_id: null },
      { container_id: '00106141411234567897', type: 'pallet', parent_id: null },
      { container_id: '00106141410000000018', type: 'carton', parent_id: '00106141411234567897' },
      { container_id: '00106141410000000025', type: 'carton', parent_id: '00106141411234567897' },
    ]);
    expect(rows(`SELECT s.shipment_id, l.container_id, l.po_number, l.asin, l.upc, l.qty_each, l.uom FROM shipment_line l JOIN shipment s ON s.id = l.shipment_ref
      ORDER BY s.shipment_id, l.line_no`)).toEqual([
      { shipment_id: '521649209219', container_id: '00007121610006156802', po_number: 'SO/VINCE1', asin: null, upc: '883932284904', qty_each: 1, uom: 'EA' },
      { shipment_id: 'SH-88120', container_id: '00106141410000000018', po_number: '4B7XKQ2N', asin: 'B07DFYF5AB', upc: null, qty_each: 60, uom: 'CA' },
      { shipment_id: 'SH-88120', container_id: '00106141410000000025', po_number: '4B7XKQ2N', asin: 'B08XYZ1234', upc: '012345678905', qty_each: 24, uom: 'EA' },
      { shipment_id: 'SH-88120', container_id: '00106141410000000025', po_number: '4B7XKQ2N', asin: 'B09ABCDEF1', upc: null, qty_each: 10, uom: 'EA' },
      { shipment_id: 'SH-88121', container_id: null, po_number: '7Q2M9ZXA', asin: 'B07DFYF5AB', upc: null, qty_each: 12, uom: 'CA' },
      { shipment_id: 'SH-88121', container_id: null, po_number: '7Q2M9ZXA', asin: 'B0C1234567', upc: null, qty_each: 1, uom: 'EA' },
    ]);
  });

  it('stores the purchase order, its lines and the acknowledgements in eaches', () => {
    expect(rows('SELECT po_number, ship_to, window_start, window_end, source FROM purchase_order')).toEqual([
      { po_number: '4B7XKQ2N', ship_to: 'PHX7', window_start: '2026-07-25', window_end: '2026-08-01', source: 'x12_850' },
    ]);
    expect(rows('SELECT line_no, asin, ordered_each, uom, case_size, unit_cost_e4 FROM po_line ORDER BY line_no')).toEqual([
      { line_no: 1, asin: 'B07DFYF5AB', ordered_each: 60, uom: 'CA', case_size: 12, unit_cost_e4: 100000 },
      { line_no: 2, asin: 'B08XYZ1234', ordered_each: 24, uom: 'EA', case_size: null, unit_cost_e4: 75000 },
      { line_no: 3, asin: 'B09ABCDEF1', ordered_each: 10, uom: 'EA', case_size: null, unit_cost_e4: 32500 },
    ]);
    expect(rows('SELECT line_no, status, qty_each, source FROM po_ack ORDER BY id')).toEqual([
      { line_no: 1, status: 'accepted', qty_each: 48, source: 'x12_855' },
      { line_no: 1, status: 'backordered', qty_each: 12, source: 'x12_855' },
      { line_no: 2, status: 'accepted', qty_each: 24, source: 'x12_855' },
      { line_no: 3, status: 'rejected', qty_each: 10, source: 'x12_855' },
    ]);
  });

  it('records rejects in the batch and stores nothing from an unreadable file', () => {
    expect(byName('broken_810_segment_count.edi')).toMatchObject({ status: 'imported', rowsStored: 2, rowsRejected: 1 });
    const batch = byName('broken_810_segment_count.edi') as { batchId: number };
    expect(rows('SELECT location, field, reason FROM import_reject WHERE batch_id = ?', batch.batchId)).toEqual([
      { location: 'transaction 0002 (ST at segment 9)', field: 'SE01', reason: '810 invoice: SE01 says 9 segments but the transaction has 6 (ST to SE): segments are missing or extra' },
    ]);
    expect(byName('broken_856_missing_iea.edi')).toMatchObject({ status: 'error', error: expect.stringContaining('before the IEA trailer of interchange 000000203') });
    expect(rows(`SELECT COUNT(*) AS n FROM shipment WHERE shipment_id = 'SH-90001'`)).toEqual([{ n: 0 }]);
    expect(rows(`SELECT COUNT(*) AS n FROM import_batch WHERE file_name = 'broken_856_missing_iea.edi'`)).toEqual([{ n: 0 }]);
    // The DF sample's only transaction fails its SE01 count: the batch holds its rejects and no invoice.
    expect(byName('amazon_df_810_invoice.edi')).toMatchObject({ status: 'imported', rowsStored: 0, rowsRejected: 2 });
  });

  it('importing the same files again stores nothing new', async () => {
    const again = await importPaths(db, [join(dir, 'drop', 'amazon_856_crlf_indented.edi')]);
    expect(again[0]).toMatchObject({ status: 'already_imported' });
  });
});
