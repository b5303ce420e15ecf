// Writing normalised import records: one place for natural-key de-duplication, so overlapping
// exports (the same payment in two downloads) store nothing twice, and for batch bookkeeping.
import { createHash } from 'node:crypto';
import type { Db } from './open';
import type {
  ImportRecord, InvoiceRecord, ItemIds, PaymentRecord, PoAckRecord, PurchaseOrderRecord, ReceiptRecord,
  Reject, RemitLineRecord, ShipmentRecord,
} from '../core/records';
import { invoiceKey } from '../core/claims/grammar';

export interface BatchInfo {
  fileName: string;
  filePath: string | null;
  sha256: string;
  format: string;
  sizeBytes: number;
  importedAt: number;
  profile: string | null;
  marketplace: string | null;
}

export interface BatchCounts {
  rowsRead: number;
  rowsStored: number;
  rowsDuplicate: number;
  rowsRejected: number;
}

export interface BatchRow extends BatchCounts {
  id: number;
  fileName: string;
  filePath: string | null;
  sha256: string;
  format: string;
  sizeBytes: number;
  importedAt: number;
  profile: string | null;
  marketplace: string | null;
  notes: string | null;
}

export function findBatchBySha(db: Db, sha256: string): BatchRow | undefined {
  return db.prepare(`${BATCH_SELECT} WHERE sha256 = ?`).get(sha256) as BatchRow | undefined;
}

export function getBatch(db: Db, id: number): BatchRow | undefined {
  return db.prepare(`${BATCH_SELECT} WHERE id = ?`).get(id) as BatchRow | undefined;
}

export function listBatches(db: Db): BatchRow[] {
  return db.prepare(`${BATCH_SELECT} ORDER BY id DESC`).all() as BatchRow[];
}

const BATCH_SELECT = `SELECT id, file_name AS fileName, file_path AS filePath, sha256, format, size_bytes AS sizeBytes,
  imported_at AS importedAt, rows_read AS rowsRead, rows_stored AS rowsStored, rows_duplicate AS rowsDuplicate,
  rows_rejected AS rowsRejected, profile, marketplace, notes FROM import_batch`;

export function listRejects(db: Db, batchId: number, limit = 1000): Array<{ location: string; field: string | null; reason: string; raw: string | null }> {
  return db.prepare('SELECT location, field, reason, raw FROM import_reject WHERE batch_id = ? ORDER BY id LIMIT ?').all(batchId, limit) as never;
}

/** Delete a batch and every row it stored (ON DELETE CASCADE), as one unit. */
export function deleteBatch(db: Db, id: number): boolean {
  return db.prepare('DELETE FROM import_batch WHERE id = ?').run(id).changes > 0;
}

/** Longest reject reason stored. */
const MAX_REASON = 2000;

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * A writer for one batch. Call inside a transaction: `begin()` creates the batch row, `write()`
 * takes records and rejects as they stream, `finish()` stores the counts.
 */
export class BatchWriter {
  readonly counts: BatchCounts = { rowsRead: 0, rowsStored: 0, rowsDuplicate: 0, rowsRejected: 0 };
  private batchId = 0;
  /** The precise format of the rows being written (x12_810, spapi_orders…), kept on each row. */
  private source: string;
  private readonly slices = new Map<string, number>();
  private readonly receiptEvents = new Map<string, number>();
  private readonly stmts;
  /** Rejects found while writing (e.g. the same invoice number with different content). */
  readonly writeRejects: Reject[] = [];

  constructor(private readonly db: Db, private readonly info: BatchInfo) {
    this.source = info.format;
    this.stmts = {
      batch: db.prepare(`INSERT INTO import_batch (file_name, file_path, sha256, format, size_bytes, imported_at, profile, marketplace)
        VALUES (@fileName, @filePath, @sha256, @format, @sizeBytes, @importedAt, @profile, @marketplace)`),
      finish: db.prepare(`UPDATE import_batch SET rows_read = ?, rows_stored = ?, rows_duplicate = ?, rows_rejected = ?, format = ?, profile = ?, marketplace = ?, notes = ? WHERE id = ?`),
      reject: db.prepare('INSERT INTO import_reject (batch_id, file_name, location, field, reason, raw) VALUES (?, ?, ?, ?, ?, ?)'),
      payment: db.prepare(`INSERT INTO payment (batch_id, payment_number, payment_date, currency, amount_cents, invoice_currency,
        amount_invoice_currency_cents, exchange_rate, payment_type, status, voided_reason, method, payer, payee, vendor_code,
        hidden_lines, source, location, raw) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (payment_number) DO NOTHING`),
      hiddenFlag: db.prepare('UPDATE payment SET hidden_lines = 1 WHERE payment_number = ? AND batch_id = ?'),
      remit: db.prepare(`INSERT INTO remit_line (batch_id, payment_number, slice, doc_number, doc_date, description, family, root_invoice,
        root_key, suffix_chain, is_reversal, classify_reason, currency, invoice_amount_cents, withholding_cents, discount_cents,
        paid_cents, remaining_cents, transaction_type, reference, original_invoice, reason_code, po_number, source, location, raw)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (payment_number, doc_number, slice) DO NOTHING`),
      invoiceFind: db.prepare('SELECT id, content_sha256 AS contentSha, batch_id AS batchId, total_cents AS totalCents FROM invoice WHERE invoice_number = ?'),
      invoice: db.prepare(`INSERT INTO invoice (batch_id, invoice_number, invoice_key, invoice_type, invoice_date, due_date,
        discount_percent_bp, discount_days, discount_date, net_days, terms, currency, total_cents, vendor_code, remit_to, ship_to,
        ship_from, po_number, status, content_sha256, source, location, raw)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      invoiceLineCount: db.prepare('SELECT COUNT(*) AS n FROM invoice_line WHERE invoice_id = ?'),
      invoiceLine: db.prepare(`INSERT INTO invoice_line (batch_id, invoice_id, line_no, po_number, asin, vendor_sku, upc, ean, qty_each,
        uom, qty_uom, case_size, unit_cost_e4, amount_cents, raw) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      charge: db.prepare('INSERT INTO invoice_charge (batch_id, invoice_id, type, code, description, amount_cents) VALUES (?, ?, ?, ?, ?, ?)'),
      po: db.prepare(`INSERT INTO purchase_order (batch_id, po_number, order_date, vendor_code, ship_to, window_start, window_end, state,
        currency, source, location, raw) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (po_number) DO NOTHING`),
      poLine: db.prepare(`INSERT INTO po_line (batch_id, po_id, po_number, line_no, asin, vendor_sku, upc, ean, ordered_each, uom, qty_uom,
        case_size, unit_cost_e4, raw) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (po_id, line_no) DO NOTHING`),
      ack: db.prepare(`INSERT INTO po_ack (batch_id, po_number, line_no, asin, vendor_sku, upc, ean, status, qty_each, uom, qty_uom,
        case_size, unit_cost_e4, ack_date, natural_key, source, location, raw) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (natural_key) DO NOTHING`),
      shipment: db.prepare(`INSERT INTO shipment (batch_id, shipment_id, shipment_date, shipped_date, delivery_date, carrier_scac, bol,
        pro, arn, ship_from, ship_to, vendor_code, shipment_type, freight_terms, source, location, raw)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (shipment_id) DO NOTHING`),
      carton: db.prepare(`INSERT INTO shipment_carton (batch_id, shipment_ref, container_id, id_type, type, parent_id, tracking_number)
        VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (shipment_ref, container_id) DO NOTHING`),
      shipmentLine: db.prepare(`INSERT INTO shipment_line (batch_id, shipment_ref, line_no, container_id, po_number, asin, vendor_sku, upc,
        ean, qty_each, uom, qty_uom, case_size, raw) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      receipt: db.prepare(`INSERT INTO receipt (batch_id, po_number, line_no, asin, vendor_sku, upc, ean, qty_each, uom, qty_uom, case_size,
        receive_date, mode, fc, status, natural_key, source, location, raw)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (natural_key) DO NOTHING`),
    };
  }

  /** Parsers learn the precise format as they read; rows written after this carry it. */
  setFormat(format: string): void {
    this.source = format;
  }

  get id(): number {
    return this.batchId;
  }

  begin(): number {
    this.batchId = Number(this.stmts.batch.run(this.info).lastInsertRowid);
    return this.batchId;
  }

  write(records: readonly ImportRecord[], rejects: readonly Reject[]): void {
    for (const r of rejects) this.reject(r);
    for (const rec of records) {
      switch (rec.kind) {
        case 'payment': this.payment(rec); break;
        case 'remit_line': this.remitLine(rec); break;
        case 'invoice': this.invoice(rec); break;
        case 'purchase_order': this.purchaseOrder(rec); break;
        case 'po_ack': this.ack(rec); break;
        case 'shipment': this.shipment(rec); break;
        case 'receipt': this.receipt(rec); break;
      }
    }
  }

  /** Payments named in the export's hidden-lines warning row. */
  markHiddenLines(paymentNumbers: readonly string[]): void {
    for (const p of paymentNumbers) this.stmts.hiddenFlag.run(p, this.batchId);
  }

  finish(format: string, profile: string | null, marketplace: string | null, notes: string | null): BatchCounts {
    const c = this.counts;
    this.stmts.finish.run(c.rowsRead, c.rowsStored, c.rowsDuplicate, c.rowsRejected, format, profile, marketplace, notes, this.batchId);
    return c;
  }

  private reject(given: Reject): void {
    // A reason may quote the bad value: keep it readable when a hostile file makes that huge.
    const r = given.reason.length > MAX_REASON ? { ...given, reason: `${given.reason.slice(0, MAX_REASON)}… (${given.reason.length - MAX_REASON} more characters)` } : given;
    this.counts.rowsRead += 1;
    this.counts.rowsRejected += 1;
    this.writeRejects.push(r);
    this.stmts.reject.run(this.batchId, this.info.fileName, r.location, r.field, r.reason, r.raw);
  }

  private tally(units: number, stored: boolean): void {
    this.counts.rowsRead += units;
    if (stored) this.counts.rowsStored += units;
    else this.counts.rowsDuplicate += units;
  }

  private payment(p: PaymentRecord): void {
    const res = this.stmts.payment.run(this.batchId, p.paymentNumber, p.paymentDate, p.currency, p.amountCents, p.invoiceCurrency,
      p.amountInvoiceCurrencyCents, p.exchangeRate, p.paymentType, p.status, p.voidedReason, p.method, p.payer, p.payee,
      p.vendorCode, p.hiddenLines ? 1 : 0, this.source, p.location, p.raw);
    this.tally(1, res.changes > 0);
  }

  private remitLine(l: RemitLineRecord): void {
    const key = `${l.paymentNumber}\u0000${l.docNumber}`;
    const slice = (this.slices.get(key) ?? 0) + 1;
    this.slices.set(key, slice);
    const root = l.doc.root;
    const res = this.stmts.remit.run(this.batchId, l.paymentNumber, slice, l.docNumber, l.docDate, l.description, l.doc.family, root,
      root ? invoiceKey(root) : null, l.doc.suffixChain, l.doc.isReversal ? 1 : 0, l.doc.reason, l.currency, l.invoiceAmountCents,
      l.withholdingCents, l.discountCents, l.paidCents, l.remainingCents, l.transactionType, l.reference, l.originalInvoice,
      l.reasonCode, l.poNumber, this.source, l.location, l.raw);
    this.tally(1, res.changes > 0);
  }

  private invoice(inv: InvoiceRecord): void {
    const units = Math.max(1, inv.lines.length);
    const { raw: _raw, location: _loc, ...content } = inv;
    const contentSha = sha(JSON.stringify({ ...content, lines: inv.lines.map(({ raw: _r, ...l }) => l) }));
    const existing = this.stmts.invoiceFind.get(inv.invoiceNumber) as { id: number; contentSha: string; batchId: number; totalCents: number } | undefined;
    if (existing) {
      if (existing.contentSha === contentSha) return this.tally(units, false);
      // The same invoice seen from two sources: Vendor Central's Invoices export and the Finances
      // API list headers only, the ERP register or 810 has the lines. Same total = same invoice.
      if (existing.totalCents === inv.totalCents) {
        const existingLines = this.stmts.invoiceLineCount.get(existing.id) as { n: number };
        if (inv.lines.length === 0) return this.tally(units, false);
        if (existingLines.n === 0) {
          this.insertInvoiceDetail(existing.id, inv);
          return this.tally(units, true);
        }
      }
      this.counts.rowsRead += units;
      this.counts.rowsRejected += units;
      const r: Reject = {
        location: inv.location, field: 'invoice number',
        reason: `invoice ${inv.invoiceNumber} was already imported (batch ${existing.batchId}) with different content (total ${existing.totalCents} vs ${inv.totalCents} cents); invoice numbers must be unique`,
        raw: null,
      };
      this.writeRejects.push(r);
      this.stmts.reject.run(this.batchId, this.info.fileName, r.location, r.field, r.reason, r.raw);
      return;
    }
    const id = Number(this.stmts.invoice.run(this.batchId, inv.invoiceNumber, invoiceKey(inv.invoiceNumber), inv.invoiceType,
      inv.invoiceDate, inv.dueDate, inv.discountPercentBp, inv.discountDays, inv.discountDate, inv.netDays, inv.terms, inv.currency,
      inv.totalCents, inv.vendorCode, inv.remitTo, inv.shipTo, inv.shipFrom, inv.poNumber, inv.status, contentSha, this.source,
      inv.location, inv.raw).lastInsertRowid);
    this.insertInvoiceDetail(id, inv);
    this.tally(units, true);
  }

  /** Lines and charges belong to this batch even when the header came from an earlier one. */
  private insertInvoiceDetail(invoiceId: number, inv: InvoiceRecord): void {
    for (const l of inv.lines) {
      this.stmts.invoiceLine.run(this.batchId, invoiceId, l.lineNo, l.poNumber, ...ids(l.ids), l.qty.each, l.qty.uom, l.qty.amount,
        l.qty.caseSize, l.unitCostE4, l.amountCents, l.raw);
    }
    for (const c of inv.charges) this.stmts.charge.run(this.batchId, invoiceId, c.type, c.code, c.description, c.amountCents);
  }

  private purchaseOrder(po: PurchaseOrderRecord): void {
    const units = Math.max(1, po.lines.length);
    const res = this.stmts.po.run(this.batchId, po.poNumber, po.orderDate, po.vendorCode, po.shipTo, po.windowStart, po.windowEnd,
      po.state, po.currency, this.source, po.location, po.raw);
    if (res.changes === 0) return this.tally(units, false);
    const id = Number(res.lastInsertRowid);
    for (const l of po.lines) {
      this.stmts.poLine.run(this.batchId, id, po.poNumber, l.lineNo, ...ids(l.ids), l.ordered.each, l.ordered.uom, l.ordered.amount,
        l.ordered.caseSize, l.unitCostE4, l.raw);
    }
    this.tally(units, true);
  }

  private ack(a: PoAckRecord): void {
    const key = [a.poNumber, a.lineNo ?? '', itemKey(a.ids), a.status, a.qty.each, a.ackDate ?? ''].join('|');
    const res = this.stmts.ack.run(this.batchId, a.poNumber, a.lineNo, ...ids(a.ids), a.status, a.qty.each, a.qty.uom, a.qty.amount,
      a.qty.caseSize, a.unitCostE4, a.ackDate, key, this.source, a.location, a.raw);
    this.tally(1, res.changes > 0);
  }

  private shipment(s: ShipmentRecord): void {
    const units = Math.max(1, s.lines.length);
    const res = this.stmts.shipment.run(this.batchId, s.shipmentId, s.shipmentDate, s.shippedDate, s.deliveryDate, s.carrierScac, s.bol,
      s.pro, s.arn, s.shipFrom, s.shipTo, s.vendorCode, s.shipmentType, s.freightTerms, this.source, s.location, s.raw);
    if (res.changes === 0) return this.tally(units, false);
    const ref = Number(res.lastInsertRowid);
    for (const c of s.cartons) this.stmts.carton.run(this.batchId, ref, c.containerId, c.idType, c.type, c.parentId, c.trackingNumber);
    for (const l of s.lines) {
      this.stmts.shipmentLine.run(this.batchId, ref, l.lineNo, l.containerId, l.poNumber, ...ids(l.ids), l.qty.each, l.qty.uom,
        l.qty.amount, l.qty.caseSize, l.raw);
    }
    this.tally(units, true);
  }

  private receipt(r: ReceiptRecord): void {
    let key = [r.mode, r.poNumber, r.lineNo ?? '', itemKey(r.ids), r.receiveDate ?? ''].join('|');
    if (r.mode === 'snapshot') key += `|${r.qty.each}`;
    else {
      const n = (this.receiptEvents.get(key) ?? 0) + 1;
      this.receiptEvents.set(key, n);
      key += `|#${n}`;
    }
    const res = this.stmts.receipt.run(this.batchId, r.poNumber, r.lineNo, ...ids(r.ids), r.qty.each, r.qty.uom, r.qty.amount,
      r.qty.caseSize, r.receiveDate, r.mode, r.fc, r.status, key, this.source, r.location, r.raw);
    this.tally(1, res.changes > 0);
  }
}

function ids(i: ItemIds): [string | null, string | null, string | null, string | null] {
  return [i.asin, i.vendorSku, i.upc, i.ean];
}

function itemKey(i: ItemIds): string {
  return i.asin ?? i.vendorSku ?? i.upc ?? i.ean ?? '';
}
