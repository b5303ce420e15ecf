import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from './open';
import { BatchWriter, deleteBatch } from './imports.repo';
import { appendAudit, verifyAuditChain } from './audit.repo';
import { classifyDocument } from '../core/claims/grammar';
import { eaches, noIds, type ImportRecord, type InvoiceRecord, type RemitLineRecord } from '../core/records';

function batch(db: Db, sha: string): BatchWriter {
  const w = new BatchWriter(db, { fileName: `${sha}.csv`, filePath: null, sha256: sha, format: 'test', sizeBytes: 1, importedAt: 1, profile: null, marketplace: null });
  w.begin();
  return w;
}

function remit(payment: string, doc: string, amount: number, description: string | null = null): RemitLineRecord {
  return {
    kind: 'remit_line', location: 'row 1', paymentNumber: payment, docNumber: doc, docDate: '2026-08-01', description,
    doc: classifyDocument(doc, description, amount), currency: 'USD', invoiceAmountCents: amount, withholdingCents: 0,
    discountCents: 0, paidCents: amount, remainingCents: 0, transactionType: null, reference: null, originalInvoice: null,
    reasonCode: null, poNumber: null, raw: '{}',
  };
}

function invoice(number: string, qty: number): InvoiceRecord {
  return {
    kind: 'invoice', location: 'row 2', invoiceNumber: number, invoiceType: 'invoice', invoiceDate: '2026-07-01', dueDate: '2026-08-30',
    discountPercentBp: 200, discountDays: 30, discountDate: '2026-07-31', netDays: 60, terms: '2% 30 Net 60', currency: 'USD',
    totalCents: qty * 1250, vendorCode: 'AMWV0', remitTo: null, shipTo: 'XTRA', shipFrom: null, poNumber: '4B7XKQ2N', status: null,
    lines: [{ lineNo: 1, poNumber: '4B7XKQ2N', ids: { ...noIds, asin: 'B07DFYF5AB' }, qty: eaches(qty, 'EA', null), unitCostE4: 125000, amountCents: qty * 1250, raw: null }],
    charges: [], raw: '{}',
  };
}

describe('BatchWriter', () => {
  it('stores slices of one document in one payment under distinct natural keys, and skips them when the export overlaps', () => {
    const db = openDatabase(':memory:');
    const first = batch(db, 'a');
    const rows: ImportRecord[] = [remit('367531888', '6268-1490026100', -5000, 'Co-op'), remit('367531888', '6268-1490026100', -5000, 'Co-op'), remit('367531888', 'INV-1', 100000)];
    first.write(rows, []);
    expect(first.counts).toMatchObject({ rowsRead: 3, rowsStored: 3, rowsDuplicate: 0 });
    const second = batch(db, 'b');
    second.write([...rows, remit('367531999', 'INV-2', 20000)], []);
    expect(second.counts).toMatchObject({ rowsRead: 4, rowsStored: 1, rowsDuplicate: 3 });
    const slices = db.prepare("SELECT slice FROM remit_line WHERE doc_number = '6268-1490026100' ORDER BY slice").pluck().all();
    expect(slices).toEqual([1, 2]);
    const family = db.prepare("SELECT family FROM remit_line WHERE doc_number = '6268-1490026100'").pluck().get();
    expect(family).toBe('agreement');
  });

  it('rejects the same invoice number with different content, and treats identical content as already present', () => {
    const db = openDatabase(':memory:');
    batch(db, 'a').write([invoice('INV-10042', 10)], []);
    const again = batch(db, 'b');
    again.write([invoice('INV-10042', 10), invoice('INV-10042', 12)], []);
    expect(again.counts).toMatchObject({ rowsDuplicate: 1, rowsRejected: 1, rowsStored: 0 });
    expect(again.writeRejects[0]!.reason).toMatch(/INV-10042 was already imported \(batch 1\) with different content \(total 12500 vs 15000 cents\)/);
    const stored = db.prepare('SELECT COUNT(*) FROM import_reject WHERE batch_id = ?').pluck().get(again.id);
    expect(stored).toBe(1);
  });

  it('merges a header-only invoice (Vendor Central Invoices export) with the lines from the ERP, in either order', () => {
    const db = openDatabase(':memory:');
    const header = { ...invoice('INV-7', 8), lines: [], status: 'Approved for Payment' };
    const headerFirst = batch(db, 'a');
    headerFirst.write([header], []);
    const lines = batch(db, 'b');
    lines.write([invoice('INV-7', 8)], []);
    expect(lines.counts).toMatchObject({ rowsStored: 1, rowsRejected: 0 });
    expect(db.prepare('SELECT COUNT(*) FROM invoice_line').pluck().get()).toBe(1);
    const later = batch(db, 'c');
    later.write([{ ...header, status: 'Paid' }], []);
    expect(later.counts).toMatchObject({ rowsDuplicate: 1, rowsRejected: 0 });
    // Undoing the ERP batch takes its lines and leaves the header from the first source.
    deleteBatch(db, lines.id);
    expect(db.prepare('SELECT COUNT(*) FROM invoice').pluck().get()).toBe(1);
    expect(db.prepare('SELECT COUNT(*) FROM invoice_line').pluck().get()).toBe(0);
  });

  it('removes every row a batch stored when the batch is deleted', () => {
    const db = openDatabase(':memory:');
    const w = batch(db, 'a');
    w.write([invoice('INV-1', 4), remit('367531888', 'INV-1', 5000)], [{ location: 'row 9', field: 'Amount Paid', reason: '"12,3O" is not a number', raw: null }]);
    expect(deleteBatch(db, w.id)).toBe(true);
    for (const table of ['invoice', 'invoice_line', 'remit_line', 'import_reject', 'import_batch']) {
      expect(db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get()).toBe(0);
    }
  });
});

describe('audit log', () => {
  it('refuses updates and deletes, and verification finds the first altered entry', () => {
    const db = openDatabase(':memory:');
    for (let i = 0; i < 3; i++) appendAudit(db, { actor: 'ana', action: 'note', entity: 'claim', entityId: `c${i}`, after: { i }, at: 1000 + i });
    expect(verifyAuditChain(db)).toEqual({ ok: true, entries: 3 });
    expect(() => db.prepare("UPDATE audit_log SET actor = 'eve' WHERE id = 2").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log WHERE id = 2').run()).toThrow(/append-only/);
    // Someone with raw file access drops the triggers and edits an entry: the chain shows it.
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare("UPDATE audit_log SET actor = 'eve' WHERE id = 2").run();
    expect(verifyAuditChain(db)).toMatchObject({ ok: false, brokenAt: 2 });
  });
});
