// Shared helpers for the reliability tests: temporary folders, a seeded database with real-shaped
// rows, and whole-database fingerprints to prove "nothing changed".
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import type { Db } from '../../src/db/open';
import { BatchWriter } from '../../src/db/imports.repo';
import { appendAudit } from '../../src/db/audit.repo';
import { classifyDocument } from '../../src/core/claims/grammar';
import { eaches, noIds, type InvoiceRecord, type RemitLineRecord, type PaymentRecord } from '../../src/core/records';

export function tempDir(prefix = 'recoup-rel-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function payment(n: string, cents: number): PaymentRecord {
  return {
    kind: 'payment', location: 'row 2', paymentNumber: n, paymentDate: '2026-08-14', currency: 'USD', amountCents: cents,
    invoiceCurrency: 'USD', amountInvoiceCurrencyCents: cents, exchangeRate: '1', paymentType: 'EFT', status: 'Paid',
    voidedReason: null, method: null, payer: 'Amazon.com Services LLC', payee: null, vendorCode: 'AMWV0', hiddenLines: false, raw: '{}',
  };
}

export function remit(paymentNumber: string, doc: string, cents: number, description: string | null = null): RemitLineRecord {
  return {
    kind: 'remit_line', location: 'row 9', paymentNumber, docNumber: doc, docDate: '2026-08-01', description,
    doc: classifyDocument(doc, description, cents), currency: 'USD', invoiceAmountCents: cents, withholdingCents: 0,
    discountCents: 0, paidCents: cents, remainingCents: 0, transactionType: null, reference: null, originalInvoice: null,
    reasonCode: null, poNumber: null, raw: JSON.stringify([paymentNumber, doc, cents]),
  };
}

export function invoice(number: string, qty: number): InvoiceRecord {
  return {
    kind: 'invoice', location: 'row 2', invoiceNumber: number, invoiceType: 'invoice', invoiceDate: '2026-07-01', dueDate: '2026-08-30',
    discountPercentBp: 200, discountDays: 30, discountDate: '2026-07-31', netDays: 60, terms: '2% 30 Net 60', currency: 'USD',
    totalCents: qty * 1250, vendorCode: 'AMWV0', remitTo: null, shipTo: 'XTRA', shipFrom: null, poNumber: '4B7XKQ2N', status: null,
    lines: [{ lineNo: 1, poNumber: '4B7XKQ2N', ids: { ...noIds, asin: 'B07DFYF5AB' }, qty: eaches(qty, 'EA', null), unitCostE4: 125000, amountCents: qty * 1250, raw: null }],
    charges: [], raw: '{}',
  };
}

/** Store `n` payments with two lines each and an invoice, in one audited batch, as an import would. */
export function seed(db: Db, tag: string, n = 20): number {
  let id = 0;
  db.transaction(() => {
    const w = new BatchWriter(db, { fileName: `${tag}.csv`, filePath: null, sha256: createHash('sha256').update(tag).digest('hex'), format: 'vc_remittance_csv', sizeBytes: 1, importedAt: 1_780_000_000_000, profile: null, marketplace: 'US' });
    id = w.begin();
    for (let i = 0; i < n; i++) {
      const p = `${tag}${String(i).padStart(6, '0')}`;
      w.write([payment(p, 100_000 - 2_500), remit(p, `INV-${tag}-${i}`, 100_000), remit(p, `INV-${tag}-${i}SC`, -2_500, 'Shortage claim'), invoice(`INV-${tag}-${i}`, 80)], []);
    }
    w.finish('vc_remittance_csv', null, 'US', null);
    appendAudit(db, { actor: 'test', action: 'import', entity: 'import_batch', entityId: String(id), after: { tag, n }, at: 1_780_000_000_000 + n });
  }).immediate();
  return id;
}

/** A content fingerprint of every user table (schema objects and rows, in order). */
export function fingerprint(db: Db): string {
  const h = createHash('sha256');
  const tables = db.prepare("SELECT name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all() as Array<{ name: string; sql: string | null }>;
  for (const t of tables) {
    h.update(`${t.name}\n${t.sql ?? ''}\n`);
    if (!t.sql?.startsWith('CREATE TABLE')) continue;
    for (const row of db.prepare(`SELECT * FROM "${t.name}" ORDER BY rowid`).raw().iterate()) h.update(JSON.stringify(row));
  }
  return h.digest('hex');
}

export function tableCounts(db: Db): Record<string, number> {
  const out: Record<string, number> = {};
  for (const { name } of db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as Array<{ name: string }>) {
    out[name] = db.prepare(`SELECT count(*) FROM "${name}"`).pluck().get() as number;
  }
  return out;
}
