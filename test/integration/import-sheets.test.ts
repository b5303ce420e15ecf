// Spreadsheet imports end to end: fixture files through importPaths into a temporary database.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../src/db/open';
import { importPaths, undoImport, type ImportFileResult } from '../../src/services/import';
import { saveProfile } from '../../src/services/profiles';
import { fingerprint } from '../../src/core/sheets/index';

const VC = join(__dirname, '..', 'fixtures', 'vc');
const REG = join(__dirname, '..', 'fixtures', 'registers');
const TABLES = ['import_batch', 'import_reject', 'payment', 'remit_line', 'invoice', 'invoice_line', 'purchase_order', 'po_line', 'shipment', 'shipment_carton', 'shipment_line', 'receipt'];

let dir: string;
let db: Db;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'recoup-sheets-'));
  db = openDatabase(join(dir, 'recoup.db'));
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const now = () => Date.UTC(2026, 8, 15);
const one = async (file: string, marketplace?: string): Promise<ImportFileResult> => {
  const [r] = await importPaths(db, [file], { now, ...(marketplace ? { marketplace } : {}) });
  return r!;
};
const imported = (r: ImportFileResult) => {
  if (r.status !== 'imported') throw new Error(`expected an import, got ${JSON.stringify(r)}`);
  return r;
};
const count = (table: string, where = '1 = 1', ...args: unknown[]) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`).get(...args) as { n: number }).n;
const snapshot = () => Object.fromEntries(TABLES.map((t) => [t, count(t)]));

describe('Vendor Central remittance export', () => {
  it('stores payments and lines, flags hidden-line payments and keeps the reject with its row', async () => {
    const r = imported(await one(join(VC, 'remittance-us.xlsx')));
    expect(r).toMatchObject({ format: 'vc_remittance_xlsx', rowsRead: 17, rowsStored: 16, rowsDuplicate: 0, rowsRejected: 1 });
    expect(r.rejects).toEqual([expect.objectContaining({ location: 'row 14', field: 'Amount Paid', reason: 'Amount Paid "12,3O" is not a number' })]);
    expect(count('payment')).toBe(3);
    expect(count('remit_line')).toBe(13);
    const hidden = db.prepare('SELECT payment_number AS p, hidden_lines AS h FROM payment ORDER BY payment_number').all();
    expect(hidden).toEqual([{ p: '367531888', h: 0 }, { p: '367531889', h: 0 }, { p: '367531890', h: 1 }]);
    const rej = db.prepare('SELECT file_name AS f, location AS l, field, reason FROM import_reject').get();
    expect(rej).toEqual({ f: 'remittance-us.xlsx', l: 'row 14', field: 'Amount Paid', reason: 'Amount Paid "12,3O" is not a number' });
    const batch = db.prepare('SELECT format, marketplace, notes FROM import_batch').get() as { format: string; marketplace: string; notes: string };
    expect(batch.format).toBe('vc_remittance_xlsx');
    expect(batch.marketplace).toBe('US');
    expect(batch.notes).toMatch(/MM\/DD\/YYYY/);
    expect(batch.notes).toMatch(/367531890/);
  });

  it('ties out a payment whose lines are all shown, to the cent', async () => {
    await one(join(VC, 'remittance-us.xlsx'));
    const tie = db.prepare(`SELECT p.payment_number AS p, p.amount_cents AS amount, SUM(l.paid_cents) AS lines FROM payment p
      JOIN remit_line l USING (payment_number) GROUP BY p.payment_number ORDER BY p.payment_number`).all() as Array<{ p: string; amount: number; lines: number }>;
    expect(tie.find((t) => t.p === '367531889')).toEqual({ p: '367531889', amount: 152052, lines: 152052 });
    // The hidden-line payment does not tie: that is what the warning row says.
    expect(tie.find((t) => t.p === '367531890')).toEqual({ p: '367531890', amount: 150000, lines: 98000 });
  });

  it('classifies each line with the claim grammar and keeps co-op slices across payments', async () => {
    await one(join(VC, 'remittance-us.xlsx'));
    const fam = Object.fromEntries((db.prepare('SELECT doc_number AS d, family AS f FROM remit_line').all() as Array<{ d: string; f: string }>).map((x) => [x.d, x.f]));
    expect(fam).toMatchObject({
      VC17410: 'invoice', VC17413SC: 'shortage_claim', VC17413SCR: 'shortage_reversal', INV2001PC: 'price_claim', '1520586356VCBSINV': 'chargeback',
      '6268-1490026100': 'agreement', '260805_PROVISION_FOR_AGED_RECEIVABLE': 'provision', '260805_PROVISION_FOR_AGED_RECEIVABLE-R': 'provision_reversal',
      IPAPUS1234567: 'price_protection',
    });
    expect(db.prepare("SELECT root_invoice AS r, suffix_chain AS c FROM remit_line WHERE doc_number = 'VC17413SC'").get()).toEqual({ r: 'VC17413', c: 'SC' });
    expect(count('remit_line', "doc_number = '6268-1490026100'")).toBe(2);
  });

  it('stores nothing new when the same file is imported twice', async () => {
    const first = imported(await one(join(VC, 'remittance-us.xlsx')));
    const before = snapshot();
    const again = await one(join(VC, 'remittance-us.xlsx'));
    expect(again).toMatchObject({ status: 'already_imported', batchId: first.batchId, format: 'vc_remittance_xlsx' });
    expect(snapshot()).toEqual(before);
  });

  it('reads the same sheet saved as CSV to the same rows, stored once by natural key', async () => {
    await one(join(VC, 'remittance-us.xlsx'));
    const rows = db.prepare('SELECT payment_number, slice, doc_number, doc_date, family, invoice_amount_cents, discount_cents, paid_cents, remaining_cents FROM remit_line ORDER BY id').all();
    const csv = imported(await one(join(VC, 'remittance-us.csv')));
    expect(csv).toMatchObject({ format: 'vc_remittance_csv', rowsStored: 0, rowsDuplicate: 16, rowsRejected: 1 });
    expect(db.prepare('SELECT payment_number, slice, doc_number, doc_date, family, invoice_amount_cents, discount_cents, paid_cents, remaining_cents FROM remit_line ORDER BY id').all()).toEqual(rows);
  });

  it('de-duplicates an overlapping later export by payment and document numbers', async () => {
    await one(join(VC, 'remittance-us.xlsx'));
    const r = imported(await one(join(VC, 'remittance-us-overlap.xlsx')));
    expect(r).toMatchObject({ rowsRead: 5, rowsStored: 3, rowsDuplicate: 2, rowsRejected: 0 });
    expect(count('payment')).toBe(4);
    expect(count('remit_line', "payment_number = '367531890'")).toBe(1);
    expect(count('remit_line', "payment_number = '367531891'")).toBe(2);
  });

  it('undoes one batch as a unit and leaves the others', async () => {
    const first = imported(await one(join(VC, 'remittance-us.xlsx')));
    const before = snapshot();
    const second = imported(await one(join(VC, 'remittance-us-overlap.xlsx')));
    undoImport(db, second.batchId, 'tester', now);
    expect(snapshot()).toEqual(before);
    expect(count('payment', "payment_number = '367531891'")).toBe(0);
    expect(count('payment', "payment_number = '367531890' AND batch_id = ?", first.batchId)).toBe(1);
    expect(count('audit_log', "action = 'undo-import'")).toBe(1);
    // The undone file can be imported again.
    expect((await one(join(VC, 'remittance-us-overlap.xlsx'))).status).toBe('imported');
  });

  it('reads the export after Excel re-saved it: number cells, real date cells', async () => {
    const r = imported(await one(join(VC, 'remittance-us-resaved.xlsx')));
    expect(r).toMatchObject({ rowsStored: 3, rowsRejected: 0 });
    expect(db.prepare('SELECT payment_number AS p, payment_date AS d, amount_cents AS a FROM payment').get()).toEqual({ p: '367531892', d: '2026-09-11', a: 171250 });
    expect(db.prepare('SELECT doc_number AS n, doc_date AS d, paid_cents AS p, discount_cents AS disc, family AS f FROM remit_line ORDER BY id').all()).toEqual([
      { n: 'VC17440', d: '2026-08-03', p: 171500, disc: 3500, f: 'invoice' },
      { n: 'VC17440PC', d: '2026-08-20', p: -250, disc: 0, f: 'price_claim' },
    ]);
  });

  it('reads the German export: Net Amount Paid, DD/MM dates, decimal commas, euros', async () => {
    const r = imported(await one(join(VC, 'remittance-de.xlsx')));
    expect(r.rowsRejected).toBe(0);
    expect(db.prepare('SELECT payment_date AS d, amount_cents AS a, currency AS c FROM payment').get()).toEqual({ d: '2026-08-14', a: 231150, c: 'EUR' });
    const lines = db.prepare('SELECT doc_number AS d, doc_date AS dd, invoice_amount_cents AS ia, discount_cents AS disc, paid_cents AS p, currency AS c, family AS f FROM remit_line ORDER BY id').all();
    expect(lines).toEqual([
      { d: 'DE-2026-0815', dd: '2026-07-20', ia: 250000, disc: 5000, p: 245000, c: 'EUR', f: 'invoice' },
      { d: 'DE-2026-0815SC', dd: '2026-07-25', ia: -12550, disc: -251, p: -12299, c: 'EUR', f: 'shortage_claim' },
      { d: '1520586400VCBSINV', dd: '2026-08-01', ia: -1551, disc: 0, p: -1551, c: 'EUR', f: 'chargeback' },
    ]);
    expect(db.prepare('SELECT SUM(paid_cents) AS s FROM remit_line').get()).toEqual({ s: 231150 });
    expect(db.prepare('SELECT marketplace FROM import_batch').get()).toEqual({ marketplace: 'EU' });
  });

  it('reads the German sheet as German Excel saves CSV: semicolons, Windows-1252, euro signs', async () => {
    const r = imported(await one(join(VC, 'remittance-de-excel-semicolon.csv')));
    expect(r).toMatchObject({ format: 'vc_remittance_csv', rowsStored: 3, rowsRejected: 0 });
    expect(db.prepare('SELECT payment_type AS t, amount_cents AS a, payment_date AS d FROM payment').get()).toEqual({ t: 'Überweisung', a: 117750, d: '2026-08-21' });
    expect(db.prepare("SELECT family AS f, root_invoice AS r, paid_cents AS p FROM remit_line WHERE doc_number = 'DE-2026-0815SCR'").get()).toEqual({ f: 'shortage_reversal', r: 'DE-2026-0815', p: 150 });
    expect(db.prepare('SELECT SUM(paid_cents) AS s FROM remit_line').get()).toEqual({ s: 117750 });
  });

  it('reads the Indian layout: withholding, lakh grouping, original invoice as claim root', async () => {
    const r = imported(await one(join(VC, 'remittance-in.xlsx')));
    expect(r.rowsRejected).toBe(0);
    expect(db.prepare('SELECT amount_cents AS a, payment_date AS d FROM payment').get()).toEqual({ a: 12195600, d: '2026-08-15' });
    expect(db.prepare("SELECT withholding_cents AS w, paid_cents AS p, transaction_type AS t FROM remit_line WHERE doc_number = 'IN/26-27/0042'").get()).toEqual({ w: 125000, p: 12375000, t: 'Invoice' });
    expect(db.prepare("SELECT family AS f, root_invoice AS r, original_invoice AS o FROM remit_line WHERE doc_number = 'DN-IN-88812'").get()).toEqual({ f: 'shortage_claim', r: 'IN/26-27/0042', o: 'IN/26-27/0042' });
    expect(db.prepare('SELECT SUM(paid_cents) AS s FROM remit_line').get()).toEqual({ s: 12195600 });
    expect(db.prepare('SELECT marketplace FROM import_batch').get()).toEqual({ marketplace: 'IN' });
  });
});

describe('unreadable files leave the database unchanged', () => {
  it.each([
    ['corrupt.xlsx', VC, /corrupt\.xlsx: the workbook (is corrupt|cannot be read)/],
    ['unknown-layout.csv', REG, /headers found \(row 1\): Item, Count, Where.*saveProfile/],
    ['generic-po-asin-qty.csv', REG, /headers found \(row 3\): PO, ASIN, Qty/],
    ['payables-ready-for-deduction.csv', REG, /payables ready for deduction/],
  ])('%s → status error with a one-line reason', async (name, folder, reason) => {
    await one(join(VC, 'remittance-us.xlsx'));
    const before = snapshot();
    const r = await one(join(folder, name));
    expect(r.status).toBe('error');
    if (r.status !== 'error') return;
    expect(r.error).toMatch(reason);
    expect(r.error).not.toContain('\n');
    expect(snapshot()).toEqual(before);
  });

  it('rolls back rows already written when the file turns out unreadable part-way', async () => {
    const header = ['Invoice Number', 'Payment Number', 'Invoice Date', 'Invoice Amount', 'Amount Paid'];
    const lines = Array.from({ length: 2500 }, (_, i) => `VC${20000 + i},512345678,15/07/2026,"INR 1,000.00","INR 1,000.00"`);
    const broken = ['Invoice Number', 'Payment Number', 'Amount Paid'].join(','); // a second line header without Invoice Amount
    const file = join(dir, 'broken.csv');
    writeFileSync(file, [header.join(','), ...lines, broken, 'X1,512345678,1.00'].join('\r\n'));
    const r = await one(file);
    expect(r.status).toBe('error');
    if (r.status === 'error') expect(r.error).toMatch(/broken\.csv: the invoice-line header at row 2502 has no "Invoice Amount" column/);
    expect(snapshot()).toEqual(Object.fromEntries(TABLES.map((t) => [t, 0])));
  });
});

describe('registers', () => {
  it('imports an ERP invoice register into invoices and lines in eaches, with row rejects', async () => {
    const r = imported(await one(join(REG, 'invoices-erp.csv')));
    expect(r).toMatchObject({ format: 'register_csv', rowsRejected: 3 });
    expect(r.rejects.map((x) => `${x.location}: ${x.reason}`)).toEqual([
      'row 6: Qty "12.5" is not a whole number of units',
      'row 7: UOM "CA" is a case unit but the row gives no case size, so its eaches are unknown',
      'row 9: Invoice Date "08/01/2026" differs from "07/31/2026" on row 8 for the same invoice INV2004',
    ]);
    expect(db.prepare('SELECT invoice_number AS n, total_cents AS t, due_date AS d, discount_percent_bp AS bp, po_number AS po FROM invoice ORDER BY invoice_number').all()).toEqual([
      { n: 'INV2001', t: 175000, d: '2026-08-24', bp: 200, po: '6553UEPU' },
      { n: 'INV2004', t: 10000, d: '2026-09-29', bp: null, po: '1I1EH29Q' },
      { n: 'VC17410', t: 800000, d: '2026-08-14', bp: 200, po: '6553UEPU' },
      { n: 'VC17413', t: 350000, d: '2026-08-15', bp: 200, po: '1I1EH29Q' },
    ]);
    expect(db.prepare("SELECT qty_each AS e, uom, qty_uom AS q, case_size AS cs, unit_cost_e4 AS c, upc FROM invoice_line l JOIN invoice i ON i.id = l.invoice_id WHERE i.invoice_number = 'VC17410'").get())
      .toEqual({ e: 800, uom: 'CA', q: 40, cs: 20, c: 100000, upc: '012345678905' });
    expect(count('invoice_line')).toBe(5);
    expect(db.prepare('SELECT profile FROM import_batch').get()).toEqual({ profile: 'builtin-invoices' });
  });

  it('imports ASNs with cartons and pallets, receipts as events and the VC purchase-order download', async () => {
    imported(await one(join(REG, 'shipments-asn.csv')));
    expect(count('shipment')).toBe(3);
    expect(count('shipment_carton')).toBe(7);
    expect(count('shipment_carton', "type = 'pallet'")).toBe(1);
    expect(db.prepare("SELECT SUM(qty_each) AS s FROM shipment_line WHERE po_number = '6553UEPU' AND asin = 'B07DFYF5AB'").get()).toEqual({ s: 400 });
    expect(db.prepare("SELECT freight_terms AS f, arn FROM shipment WHERE shipment_id = 'SH-88121'").get()).toEqual({ f: 'collect', arn: '2345678901' });

    const rec = imported(await one(join(REG, 'receipts.csv')));
    expect(rec.rowsRejected).toBe(2);
    expect(db.prepare("SELECT SUM(qty_each) AS s, COUNT(*) AS n FROM receipt WHERE po_number = '6553UEPU' AND asin = 'B07DFYF5AB' AND mode = 'event'").get()).toEqual({ s: 400, n: 2 });

    const po = imported(await one(join(REG, 'purchase-orders-vc.xlsx')));
    expect(po).toMatchObject({ format: 'register_xlsx', rowsStored: 4, rowsRejected: 0 });
    expect(db.prepare("SELECT window_start AS s, window_end AS e, ship_to AS t, vendor_code AS v FROM purchase_order WHERE po_number = '1I1EH29Q'").get()).toEqual({ s: '2026-07-03', e: '2026-07-10', t: 'XTRA', v: 'AMWV0' });
    expect(db.prepare("SELECT unit_cost_e4 AS c, ordered_each AS q FROM po_line WHERE asin = 'B07DFYF5AC'").get()).toEqual({ c: 51250, q: 500 });
  });

  it('reads numeric XLSX costs right in a decimal-comma marketplace', async () => {
    imported(await one(join(REG, 'purchase-orders-vc.xlsx'), 'DE'));
    expect(db.prepare("SELECT unit_cost_e4 AS c FROM po_line WHERE asin = 'B07DFYF5AC'").get()).toEqual({ c: 51250 });
    expect(db.prepare("SELECT currency FROM purchase_order WHERE po_number = '1I1EH29Q'").get()).toEqual({ currency: 'EUR' });
  });

  it('imports Vendor Central\'s Invoices export as invoice headers', async () => {
    const r = imported(await one(join(REG, 'vc-invoices-export.csv')));
    expect(r.rowsStored).toBe(3);
    expect(db.prepare("SELECT total_cents AS t, status AS s, due_date AS d FROM invoice WHERE invoice_number = 'VC17501'").get()).toEqual({ t: 245000, s: 'Approved for Payment', d: '2026-08-19' });
  });

  it('imports an unknown layout once the analyst saves a profile for its fingerprint', async () => {
    const file = join(dir, 'wms-receipts.csv');
    writeFileSync(file, 'Order,Item,Units In,When\r\n6553UEPU,WID-100,380,2026-07-21\r\n');
    const first = await one(file);
    expect(first.status).toBe('error');
    saveProfile(db, { id: 'wms-receipts', name: 'WMS receipts', target: 'receipts', fingerprint: fingerprint(['Order', 'Item', 'Units In', 'When']), columns: { poNumber: 'Order', vendorSku: 'Item', qty: 'Units In', receiveDate: 'When' } }, now);
    const second = imported(await one(file));
    expect(second).toMatchObject({ rowsStored: 1 });
    expect(db.prepare('SELECT profile FROM import_batch WHERE id = ?').get(second.batchId)).toEqual({ profile: 'wms-receipts' });
    expect(db.prepare('SELECT po_number AS po, vendor_sku AS sku, qty_each AS q, receive_date AS d FROM receipt').get()).toEqual({ po: '6553UEPU', sku: 'WID-100', q: 380, d: '2026-07-21' });
  });
});
