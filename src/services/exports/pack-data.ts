// Gathers, for one claim, every imported row a dispute pack cites: the invoice and its lines, PO
// and acknowledgement quantities and costs, ASN cartons, receipts, the remittance rows of the
// document and its root, the evidence register and the completeness check.
import type { Db } from '../../db/open';
import { docKey, evidenceOf, type ClaimRow } from '../../db/claims.repo';
import { evidenceCompleteness, type EvidenceItem, type ShipmentFacts } from '../../core/export/evidence';
import type { PackCarton, PackData, PackLine, PackRemitLine } from '../../core/export/dispute-pack';
import { outstanding } from '../claims';

interface InvoiceRow { id: number; invoiceNumber: string; invoiceDate: string | null; dueDate: string | null; totalCents: number; currency: string; shipTo: string | null; batchId: number }

/**
 * The vendor code of a claim: the finding's, else the invoice's, the PO's or the payment's (the
 * engine leaves it null when the remittance does not carry it).
 */
export class VendorCodes {
  private readonly s;
  constructor(db: Db) {
    this.s = {
      inv: db.prepare('SELECT vendor_code AS v FROM invoice WHERE (invoice_number = ? OR invoice_key = ?) AND vendor_code IS NOT NULL LIMIT 1'),
      po: db.prepare('SELECT vendor_code AS v FROM purchase_order WHERE po_number = ? AND vendor_code IS NOT NULL'),
      pay: db.prepare('SELECT vendor_code AS v FROM payment WHERE payment_number = ? AND vendor_code IS NOT NULL'),
    };
  }
  of(c: Pick<ClaimRow, 'vendorCode' | 'invoiceNumber' | 'poNumber' | 'paymentNumber'>): string | null {
    if (c.vendorCode) return c.vendorCode;
    const get = (stmt: { get(...a: unknown[]): unknown }, ...a: unknown[]) => (stmt.get(...a) as { v: string } | undefined)?.v ?? null;
    return (c.invoiceNumber ? get(this.s.inv, c.invoiceNumber, docKey(c.invoiceNumber)) : null)
      ?? (c.poNumber ? get(this.s.po, c.poNumber) : null)
      ?? (c.paymentNumber ? get(this.s.pay, c.paymentNumber) : null);
  }
}

export class PackQueries {
  private readonly s;
  private readonly vendors: VendorCodes;
  constructor(private readonly db: Db) {
    this.vendors = new VendorCodes(db);
    this.s = {
      invoice: db.prepare(`SELECT id, invoice_number AS invoiceNumber, invoice_date AS invoiceDate, due_date AS dueDate, total_cents AS totalCents, currency,
        ship_to AS shipTo, batch_id AS batchId FROM invoice WHERE invoice_number = ? OR invoice_key = ? ORDER BY invoice_number = ? DESC LIMIT 1`),
      invoiceLines: db.prepare(`SELECT line_no AS lineNo, po_number AS poNumber, asin, vendor_sku AS vendorSku, upc, ean, qty_each AS qty, uom, case_size AS caseSize,
        unit_cost_e4 AS costE4 FROM invoice_line WHERE invoice_id = ? ORDER BY line_no`),
      poLines: db.prepare(`SELECT po_number AS poNumber, asin, vendor_sku AS vendorSku, upc, ean, SUM(ordered_each) AS ordered, MAX(case_size) AS caseSize,
        MAX(unit_cost_e4) AS costE4, MAX(uom) AS uom FROM po_line WHERE po_number = ? GROUP BY asin ORDER BY MIN(line_no)`),
      poLine: db.prepare(`SELECT SUM(ordered_each) AS ordered, MAX(case_size) AS caseSize, MAX(unit_cost_e4) AS costE4, MAX(uom) AS uom, MAX(vendor_sku) AS vendorSku,
        MAX(upc) AS upc FROM po_line WHERE po_number = ? AND asin = ?`),
      ack: db.prepare(`SELECT SUM(CASE WHEN lower(status) LIKE 'accept%' OR status IN ('IA', 'AC') THEN qty_each ELSE 0 END) AS accepted, COUNT(*) AS n,
        MAX(unit_cost_e4) AS costE4 FROM po_ack WHERE po_number = ? AND (? IS NULL OR asin = ?)`),
      shipped: db.prepare(`SELECT SUM(l.qty_each) AS qty, MIN(s.shipped_date) AS shipped, MAX(s.delivery_date) AS delivered, MAX(l.case_size) AS caseSize
        FROM shipment_line l JOIN shipment s ON s.id = l.shipment_ref WHERE l.po_number = ? AND l.asin = ?`),
      receiptSnap: db.prepare(`SELECT qty_each AS qty FROM receipt WHERE po_number = ? AND asin = ? AND mode = 'snapshot' ORDER BY receive_date DESC, id DESC LIMIT 1`),
      receiptEvents: db.prepare(`SELECT SUM(qty_each) AS qty, COUNT(*) AS n FROM receipt WHERE po_number = ? AND asin = ? AND mode = 'event'`),
      shipments: db.prepare(`SELECT DISTINCT s.id, s.shipment_id AS shipmentId, s.shipped_date AS shippedDate, s.delivery_date AS deliveredDate, s.carrier_scac AS carrierScac,
        s.bol, s.pro, s.arn, s.freight_terms AS freightTerms, s.shipment_type AS shipmentType, s.ship_to AS shipTo
        FROM shipment s JOIN shipment_line l ON l.shipment_ref = s.id WHERE l.po_number = ? AND (? IS NULL OR l.asin = ?) ORDER BY s.shipment_id`),
      shipmentById: db.prepare(`SELECT s.id, s.shipment_id AS shipmentId, s.shipped_date AS shippedDate, s.delivery_date AS deliveredDate, s.carrier_scac AS carrierScac,
        s.bol, s.pro, s.arn, s.freight_terms AS freightTerms, s.shipment_type AS shipmentType, s.ship_to AS shipTo FROM shipment s WHERE s.shipment_id = ?`),
      cartonLines: db.prepare(`SELECT l.container_id AS containerId, c.type AS containerType, c.parent_id AS parentId, c.tracking_number AS trackingNumber,
        l.po_number AS poNumber, l.asin, l.qty_each AS qty FROM shipment_line l LEFT JOIN shipment_carton c ON c.shipment_ref = l.shipment_ref AND c.container_id = l.container_id
        WHERE l.shipment_ref = ? AND (? IS NULL OR l.po_number = ?) AND (? IS NULL OR l.asin = ?) ORDER BY l.line_no`),
      cartonCount: db.prepare(`SELECT COUNT(*) AS n, SUM(tracking_number IS NOT NULL) AS tracked FROM shipment_carton WHERE shipment_ref = ?`),
      remitByKey: db.prepare(`SELECT r.payment_number AS paymentNumber, p.payment_date AS paymentDate, r.doc_number AS docNumber, r.slice, r.doc_date AS docDate,
        r.description, r.family, r.invoice_amount_cents AS invoiceAmountCents, r.withholding_cents AS withholdingCents, r.discount_cents AS discountCents, r.paid_cents AS paidCents,
        r.remaining_cents AS remainingCents, r.currency, b.file_name AS fileName, r.location, r.raw
        FROM remit_line r LEFT JOIN payment p ON p.payment_number = r.payment_number LEFT JOIN import_batch b ON b.id = r.batch_id
        WHERE r.root_key = ? OR r.doc_number = ? ORDER BY p.payment_date, r.payment_number, r.doc_number, r.slice`),
      remitByDoc: db.prepare(`SELECT r.payment_number AS paymentNumber, p.payment_date AS paymentDate, r.doc_number AS docNumber, r.slice, r.doc_date AS docDate,
        r.description, r.family, r.invoice_amount_cents AS invoiceAmountCents, r.withholding_cents AS withholdingCents, r.discount_cents AS discountCents, r.paid_cents AS paidCents,
        r.remaining_cents AS remainingCents, r.currency, b.file_name AS fileName, r.location, r.raw
        FROM remit_line r LEFT JOIN payment p ON p.payment_number = r.payment_number LEFT JOIN import_batch b ON b.id = r.batch_id
        WHERE r.doc_number = ? ORDER BY p.payment_date, r.payment_number, r.slice`),
      marketplace: db.prepare('SELECT marketplace FROM import_batch WHERE id = ?'),
      poExists: db.prepare('SELECT 1 FROM purchase_order WHERE po_number = ?'),
    };
  }

  pack(c: ClaimRow, explanation: string | null, details: string | null = null): PackData {
    const s = this.s;
    const inv = c.invoiceNumber ? (s.invoice.get(c.invoiceNumber, docKey(c.invoiceNumber), c.invoiceNumber) as InvoiceRow | undefined) : undefined;
    const lines: PackLine[] = [];
    const received = (po: string, asin: string): number | null => {
      const snap = s.receiptSnap.get(po, asin) as { qty: number } | undefined;
      if (snap) return snap.qty;
      const ev = s.receiptEvents.get(po, asin) as { qty: number | null; n: number };
      return ev.n > 0 ? ev.qty : null;
    };
    const facts = (po: string | null, asin: string | null, base: Partial<PackLine>): PackLine => {
      const pl = po && asin ? (s.poLine.get(po, asin) as { ordered: number | null; caseSize: number | null; costE4: number | null; uom: string | null; vendorSku: string | null; upc: string | null }) : null;
      const ack = po ? (s.ack.get(po, asin, asin) as { accepted: number | null; n: number; costE4: number | null }) : null;
      const sh = po && asin ? (s.shipped.get(po, asin) as { qty: number | null; shipped: string | null; delivered: string | null; caseSize: number | null }) : null;
      return {
        poNumber: po, asin, vendorSku: base.vendorSku ?? pl?.vendorSku ?? null, upc: base.upc ?? pl?.upc ?? null, ean: base.ean ?? null,
        orderedEach: pl?.ordered ?? null, acceptedEach: ack && ack.n > 0 ? ack.accepted : null, shippedEach: sh?.qty ?? null,
        invoicedEach: base.invoicedEach ?? null, receivedEach: po && asin ? received(po, asin) : null, uom: base.uom ?? pl?.uom ?? null,
        caseSize: base.caseSize ?? pl?.caseSize ?? sh?.caseSize ?? null, poCostE4: ack?.costE4 ?? pl?.costE4 ?? null, invoiceCostE4: base.invoiceCostE4 ?? null,
        shippedDate: sh?.shipped ?? null, deliveredDate: sh?.delivered ?? null, invoiceLineRef: base.invoiceLineRef ?? null,
      };
    };
    if (inv) {
      type IL = { lineNo: number; poNumber: string | null; asin: string | null; vendorSku: string | null; upc: string | null; ean: string | null; qty: number; uom: string | null; caseSize: number | null; costE4: number };
      for (const l of s.invoiceLines.all(inv.id) as IL[]) {
        // A line-level finding cites its PO and ASIN; an invoice-level one (a price claim) every line.
        if (c.asin && l.asin !== c.asin) continue;
        if (c.asin && c.poNumber && l.poNumber && l.poNumber !== c.poNumber) continue;
        lines.push(facts(l.poNumber ?? c.poNumber, l.asin, {
          vendorSku: l.vendorSku, upc: l.upc, ean: l.ean, invoicedEach: l.qty, uom: l.uom, caseSize: l.caseSize, invoiceCostE4: l.costE4,
          invoiceLineRef: `${inv.invoiceNumber}#${l.lineNo}`,
        }));
      }
    } else if (c.poNumber) {
      type PL = { poNumber: string; asin: string | null; vendorSku: string | null; upc: string | null; ean: string | null };
      for (const l of s.poLines.all(c.poNumber) as PL[]) {
        if (c.asin && l.asin !== c.asin) continue;
        lines.push(facts(l.poNumber, l.asin, { vendorSku: l.vendorSku, upc: l.upc, ean: l.ean }));
      }
    }

    // Shipments: the finding's own, else every ASN that carries the PO (and ASIN).
    type SH = { id: number; shipmentId: string; shippedDate: string | null; deliveredDate: string | null; carrierScac: string | null; bol: string | null; pro: string | null; arn: string | null; freightTerms: string | null; shipmentType: string | null; shipTo: string | null };
    const pos = [...new Set([c.poNumber, ...lines.map((l) => l.poNumber)].filter((x): x is string => !!x))];
    const shipments = new Map<number, SH>();
    if (c.shipmentId) {
      const one = s.shipmentById.get(c.shipmentId) as SH | undefined;
      if (one) shipments.set(one.id, one);
    }
    if (shipments.size === 0) for (const po of pos) for (const sh of s.shipments.all(po, c.asin, c.asin) as SH[]) shipments.set(sh.id, sh);
    const cartons: PackCarton[] = [];
    const shipFacts: ShipmentFacts[] = [];
    for (const sh of shipments.values()) {
      const cc = s.cartonCount.get(sh.id) as { n: number; tracked: number | null };
      shipFacts.push({ shipmentId: sh.shipmentId, freightTerms: sh.freightTerms, shipmentType: sh.shipmentType, arn: sh.arn, bol: sh.bol, cartons: cc.n, trackingNumbers: cc.tracked ?? 0 });
      const po = pos.length === 1 ? pos[0]! : null;
      type CL = { containerId: string | null; containerType: string | null; parentId: string | null; trackingNumber: string | null; poNumber: string | null; asin: string | null; qty: number };
      for (const l of s.cartonLines.all(sh.id, po, po, c.asin, c.asin) as CL[]) {
        cartons.push({
          shipmentId: sh.shipmentId, shippedDate: sh.shippedDate, deliveredDate: sh.deliveredDate, carrierScac: sh.carrierScac, bol: sh.bol, pro: sh.pro, arn: sh.arn,
          freightTerms: sh.freightTerms, shipmentType: sh.shipmentType, shipTo: sh.shipTo, containerId: l.containerId, containerType: l.containerType,
          parentId: l.parentId, trackingNumber: l.trackingNumber, poNumber: l.poNumber, asin: l.asin, qtyEach: l.qty,
        });
      }
    }

    // Remittance rows: every document of the claim's root (the invoice, its claims and reversals), or the document itself.
    const root = c.invoiceNumber ? docKey(c.invoiceNumber) : null;
    const remittance = (root ? s.remitByKey.all(root, c.claimNumber ?? '') : c.claimNumber ? s.remitByDoc.all(c.claimNumber) : []) as PackRemitLine[];

    const evidence = evidenceOf(this.db, c.id);
    const register: EvidenceItem[] = evidence.map((e) => ({
      id: e.id, kind: e.kind, fileName: e.fileName, poNumber: e.poNumber, shipmentId: e.shipmentId, signedAtFc: e.signedAtFc, carrierSigned: e.carrierSigned,
      shipperLoadCount: e.shipperLoadCount, showsPo: e.showsPo, showsShipTo: e.showsShipTo,
    }));
    const ack = pos.length ? (s.ack.get(pos[0]!, c.asin, c.asin) as { n: number; costE4: number | null }) : { n: 0, costE4: null };
    const invCost = lines.find((l) => l.invoiceCostE4 !== null)?.invoiceCostE4 ?? null;
    const requirements = evidenceCompleteness({
      findingType: c.type,
      description: remittance.find((x) => c.claimNumber && docKey(x.docNumber) === docKey(c.claimNumber))?.description ?? null,
      poNumbers: pos,
      invoiceImported: !!inv,
      poImported: pos.some((p) => !!s.poExists.get(p)),
      ackImported: ack.n > 0,
      ackAtInvoiceCost: ack.n > 0 && ack.costE4 !== null && invCost !== null && ack.costE4 >= invCost,
      shipments: shipFacts,
      remittanceLines: remittance.length,
      register,
    });
    const mk = inv ? (s.marketplace.get(inv.batchId) as { marketplace: string | null } | undefined)?.marketplace ?? null : null;
    return {
      claim: {
        id: c.id, findingId: c.findingId, status: c.status, caseId: c.caseId, approvedCents: c.approvedCents, reason: c.reason, type: c.type, currency: c.currency,
        amountCents: c.amountCents, recoveredCents: c.recoveredCents, outstandingCents: outstanding(c), invoiceNumber: c.invoiceNumber, claimNumber: c.claimNumber,
        poNumber: c.poNumber, asin: c.asin, paymentNumber: c.paymentNumber, shipmentId: c.shipmentId, vendorCode: this.vendors.of(c), disputeBy: c.disputeBy,
      },
      explanation,
      details: parseDetails(details),
      marketplace: mk,
      invoice: inv ? { invoiceNumber: inv.invoiceNumber, invoiceDate: inv.invoiceDate, dueDate: inv.dueDate, totalCents: inv.totalCents, currency: inv.currency, shipTo: inv.shipTo } : null,
      lines,
      cartons,
      remittance,
      evidence: evidence.map((e) => ({ id: e.id, kind: e.kind, fileName: e.fileName, filePath: e.filePath, sha256: e.sha256, poNumber: e.poNumber, shipmentId: e.shipmentId, bol: e.bol, pro: e.pro, description: e.description, addedAt: e.addedAt })),
      requirements,
    };
  }
}

function parseDetails(text: string | null): Record<string, unknown> | null {
  if (!text) return null;
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
