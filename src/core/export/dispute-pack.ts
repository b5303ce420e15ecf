// The dispute pack as sheet models (DOMAIN.md §9): Summary, Lines per ASIN (the fields of Vendor
// Central's "Dispute Shortage by ASIN" form), Shipment evidence, Evidence index, Calculation (live
// formulas over the cited rows that reproduce the disputed amount) and the Remittance extract. One
// claim or a selection (then with an Index sheet); rows of all claims are stacked with a Claim
// column so a selection of a thousand claims stays a handful of sheets.
import { lineAmountCents } from '../../shared/money';
import { colLetter, ref, type CellKind, type CellValue, type Column, type Formula } from './cells';
import type { Requirement } from './evidence';
import { sizeColumns, type RowSpec, type SheetSpec } from './sheet';

export interface PackClaim {
  id: number;
  findingId: string;
  status: string;
  caseId: string | null;
  approvedCents: number | null;
  reason: string | null;
  type: string;
  currency: string;
  amountCents: number;
  recoveredCents: number;
  outstandingCents: number;
  invoiceNumber: string | null;
  claimNumber: string | null;
  poNumber: string | null;
  asin: string | null;
  paymentNumber: string | null;
  shipmentId: string | null;
  vendorCode: string | null;
  disputeBy: string | null;
}

export interface PackLine {
  poNumber: string | null;
  asin: string | null;
  vendorSku: string | null;
  upc: string | null;
  ean: string | null;
  orderedEach: number | null;
  acceptedEach: number | null;
  shippedEach: number | null;
  invoicedEach: number | null;
  receivedEach: number | null;
  uom: string | null;
  caseSize: number | null;
  poCostE4: number | null;
  invoiceCostE4: number | null;
  shippedDate: string | null;
  deliveredDate: string | null;
  invoiceLineRef: string | null;
}

export interface PackCarton {
  shipmentId: string;
  shippedDate: string | null;
  deliveredDate: string | null;
  carrierScac: string | null;
  bol: string | null;
  pro: string | null;
  arn: string | null;
  freightTerms: string | null;
  shipmentType: string | null;
  shipTo: string | null;
  containerId: string | null;
  containerType: string | null;
  parentId: string | null;
  trackingNumber: string | null;
  poNumber: string | null;
  asin: string | null;
  qtyEach: number | null;
}

export interface PackRemitLine {
  paymentNumber: string;
  paymentDate: string | null;
  docNumber: string;
  slice: number;
  docDate: string | null;
  description: string | null;
  family: string;
  invoiceAmountCents: number;
  withholdingCents: number;
  discountCents: number;
  paidCents: number;
  remainingCents: number | null;
  currency: string;
  fileName: string | null;
  location: string | null;
  raw: string | null;
}

export interface PackEvidence {
  id: number;
  kind: string;
  fileName: string;
  filePath: string;
  sha256: string;
  poNumber: string | null;
  shipmentId: string | null;
  bol: string | null;
  pro: string | null;
  description: string | null;
  addedAt: number;
}

export interface PackData {
  claim: PackClaim;
  explanation: string | null;
  /** The finding's details as the engine wrote them (quantities it compared), if any. */
  details?: Record<string, unknown> | null;
  marketplace: string | null;
  invoice: { invoiceNumber: string; invoiceDate: string | null; dueDate: string | null; totalCents: number; currency: string; shipTo: string | null } | null;
  lines: PackLine[];
  cartons: PackCarton[];
  remittance: PackRemitLine[];
  evidence: PackEvidence[];
  requirements: Requirement[];
}

export interface BuiltSheet {
  spec: SheetSpec;
  rows: RowSpec[];
}

export const SHEETS = {
  index: 'Index',
  summary: 'Summary',
  lines: 'Lines per ASIN',
  shipment: 'Shipment evidence',
  evidence: 'Evidence index',
  calc: 'Calculation',
  remit: 'Remittance extract',
} as const;

const col = (header: string, kind: CellKind, width?: number): Column => (width ? { header, kind, width } : { header, kind });

const LINE_COLS: Column[] = [
  col('Claim', 'int', 8), col('PO', 'id', 11), col('ASIN', 'id', 13), col('Vendor SKU', 'id'), col('UPC / EAN', 'id', 16),
  col('Shipped product id', 'id', 18), col('Ordered (each)', 'int'), col('Accepted (each)', 'int'), col('Shipped (each)', 'int'),
  col('Invoiced (each)', 'int'), col('Received (each)', 'int'), col('UOM', 'text', 7), col('Case size', 'int'), col('PO unit cost', 'cost'),
  col('Invoice unit cost', 'cost'), col('Shortage qty (each)', 'int'), col('Dispute quantity', 'int'), col('Shipped date', 'date'),
  col('Delivered date', 'date'), col('Invoice line', 'id'),
];
// 1-based column numbers on the Lines sheet, cited by formulas.
const L = { shipped: 9, invoiced: 10, received: 11, poCost: 14, invCost: 15, shortage: 16, dispute: 17 } as const;

const REMIT_COLS: Column[] = [
  col('Claim', 'int', 8), col('Payment number', 'id', 16), col('Payment date', 'date'), col('Invoice number (document)', 'id', 24), col('Slice', 'int', 7),
  col('Invoice date', 'date'), col('Description', 'text', 40), col('Family', 'text', 18), col('Invoice amount', 'money'), col('Withholding amount', 'money'),
  col('Terms discount taken', 'money'), col('Amount paid', 'money'), col('Remaining amount', 'money'), col('Currency', 'text', 9), col('Source file', 'text', 24), col('Location', 'text', 12),
  col('Row as imported', 'text', 60),
];
const R = { doc: 4, amount: 9, withholding: 10, discount: 11, paid: 12 } as const;

const SHIP_COLS: Column[] = [
  col('Claim', 'int', 8), col('ASN / shipment id', 'id', 18), col('Shipped date', 'date'), col('Delivered date', 'date'), col('Carrier SCAC', 'id', 12),
  col('BOL', 'id', 14), col('PRO', 'id', 14), col('ARN', 'id', 14), col('Freight terms', 'text', 12), col('Shipment type', 'text', 12), col('Ship-to (FC)', 'id', 10),
  col('Carton / pallet id (SSCC)', 'id', 24), col('Container', 'text', 10), col('Parent pallet', 'id', 22), col('Tracking number', 'id', 20),
  col('PO', 'id', 11), col('ASIN', 'id', 13), col('Quantity (each)', 'int'),
];

const EVIDENCE_COLS: Column[] = [
  col('Claim', 'int', 8), col('Requirement / document', 'text', 50), col('Status', 'text', 11), col('Kind', 'text', 16), col('File', 'text', 28),
  col('SHA-256', 'id', 66), col('PO', 'id', 11), col('Shipment', 'id', 14), col('BOL', 'id', 14), col('PRO', 'id', 14), col('Detail', 'text', 60), col('Registered', 'date'),
];

const CALC_COLS: Column[] = [col('Claim', 'int', 8), col('Step', 'text', 58), col('Value', 'money', 16), col('Cites', 'text', 60)];

const SUMMARY_COLS: Column[] = [col('Claim', 'int', 8), col('Field', 'text', 34), col('Value', 'text', 48)];

const INDEX_COLS: Column[] = [
  col('Claim', 'int', 8), col('Status', 'text', 16), col('Type', 'text', 28), col('Document', 'id', 22), col('Root invoice', 'id', 16), col('PO', 'id', 11),
  col('ASIN', 'id', 13), col('Amount', 'money'), col('Outstanding', 'money'), col('Dispute by', 'date'), col('Case id', 'id', 16),
  col('Evidence missing', 'int', 10), col('Go to', 'text', 16),
];

const REASONS: Record<string, string> = {
  SHORTAGE_CLAIM_DISPUTABLE: 'Shortage: units shipped on the ASN and delivered (proof of delivery)',
  SHORTAGE_CLAIM_VALID: 'Shortage valid: units invoiced but not shipped (credit note due)',
  PRICE_CLAIM_DISPUTABLE: 'Purchase Order Confirmed (invoice cost = confirmed PO cost)',
  PRICE_CLAIM_VALID: 'Price claim valid: invoice cost above PO cost',
  UOM_MISMATCH: 'Unit of Measure Discrepancy',
  DUPLICATE_DEDUCTION: 'Duplicate deduction: document deducted beyond its amount',
  UNMATCHED_DEDUCTION: 'Deduction without a matching document',
  COOP_DEDUCTION: 'Co-op / agreement deduction',
  SHORT_PAID: 'Invoice short-paid (statement of open items)',
  UNPAID_INVOICE: 'Invoice unpaid past due (statement of open items)',
};

export function reasonCode(type: string, description: string | null): string {
  if (type === 'CHARGEBACK') return `Chargeback: ${description ?? 'operational chargeback'}`;
  return REASONS[type] ?? type;
}

const f = (formula: string, result: number | string): Formula => ({ formula, result });

interface Layout {
  lineRows: Map<number, number[]>; // claim id → row numbers on Lines
  remitRows: Map<number, number[]>;
  calcTotal: Map<number, number>; // claim id → row of the disputed amount on Calculation
  summaryRow: Map<number, number>;
}

/** Dispute quantity Recoup proposes for one line, by finding type. */
function disputeUnits(type: string, l: PackLine): number | null {
  const inv = l.invoicedEach ?? 0;
  const shp = l.shippedEach ?? 0;
  const rec = l.receivedEach ?? 0;
  if (type === 'SHORTAGE_CLAIM_DISPUTABLE') return Math.max(0, Math.min(shp, inv) - rec);
  return null;
}

function linesSheet(packs: readonly PackData[], lay: Layout): BuiltSheet {
  const rows: RowSpec[] = [];
  for (const p of packs) {
    const nums: number[] = [];
    for (const l of p.lines) {
      const r = rows.length + 2;
      nums.push(r);
      const shortage = Math.max(0, (l.invoicedEach ?? 0) - (l.receivedEach ?? 0));
      const du = disputeUnits(p.claim.type, l);
      const c = (n: number) => `${colLetter(n)}${r}`;
      rows.push({
        currency: p.claim.currency,
        values: [
          p.claim.id, l.poNumber, l.asin, l.vendorSku, l.upc ?? l.ean, l.vendorSku ?? l.upc ?? l.ean ?? l.asin, l.orderedEach, l.acceptedEach,
          l.shippedEach, l.invoicedEach, l.receivedEach, l.uom, l.caseSize, l.poCostE4, l.invoiceCostE4,
          f(`MAX(0,${c(L.invoiced)}-${c(L.received)})`, shortage),
          du === null ? null : f(`MAX(0,MIN(${c(L.shipped)},${c(L.invoiced)})-${c(L.received)})`, du),
          l.shippedDate, l.deliveredDate, l.invoiceLineRef,
        ],
      });
    }
    lay.lineRows.set(p.claim.id, nums);
  }
  return { spec: sizeColumns({ name: SHEETS.lines, columns: LINE_COLS, currency: packs[0]?.claim.currency ?? 'USD', table: true }, rows), rows };
}

function remitSheet(packs: readonly PackData[], lay: Layout): BuiltSheet {
  const rows: RowSpec[] = [];
  for (const p of packs) {
    const nums: number[] = [];
    for (const x of p.remittance) {
      nums.push(rows.length + 2);
      rows.push({
        currency: x.currency,
        values: [p.claim.id, x.paymentNumber, x.paymentDate, x.docNumber, x.slice, x.docDate, x.description, x.family, x.invoiceAmountCents,
          x.withholdingCents, x.discountCents, x.paidCents, x.remainingCents, x.currency, x.fileName, x.location, x.raw],
      });
    }
    lay.remitRows.set(p.claim.id, nums);
  }
  return { spec: sizeColumns({ name: SHEETS.remit, columns: REMIT_COLS, currency: packs[0]?.claim.currency ?? 'USD', table: true }, rows), rows };
}

function shipmentSheet(packs: readonly PackData[]): BuiltSheet {
  const rows: RowSpec[] = [];
  for (const p of packs) {
    for (const c of p.cartons) {
      rows.push({
        values: [p.claim.id, c.shipmentId, c.shippedDate, c.deliveredDate, c.carrierScac, c.bol, c.pro, c.arn, c.freightTerms, c.shipmentType, c.shipTo,
          c.containerId, c.containerType, c.parentId, c.trackingNumber, c.poNumber, c.asin, c.qtyEach],
      });
    }
  }
  return { spec: sizeColumns({ name: SHEETS.shipment, columns: SHIP_COLS, currency: 'USD', table: true }, rows), rows };
}

function evidenceSheet(packs: readonly PackData[]): BuiltSheet {
  const rows: RowSpec[] = [];
  for (const p of packs) {
    for (const e of p.evidence) {
      rows.push({ values: [p.claim.id, e.description ?? e.fileName, 'registered', e.kind, e.filePath, e.sha256, e.poNumber, e.shipmentId, e.bol, e.pro, null, isoDay(e.addedAt)] });
    }
    for (const r of p.requirements) {
      rows.push({ values: [p.claim.id, r.requirement, r.status, null, null, null, null, null, null, null, r.detail, null] });
    }
  }
  return { spec: sizeColumns({ name: SHEETS.evidence, columns: EVIDENCE_COLS, currency: 'USD', table: true }, rows), rows };
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Calculation blocks: each step cites the cells it uses; the last rows compare with Recoup's amount. */
function calcSheet(packs: readonly PackData[], lay: Layout): BuiltSheet {
  const rows: RowSpec[] = [];
  const push = (r: RowSpec) => { rows.push(r); return rows.length + 1; };
  const LS = SHEETS.lines;
  const RS = SHEETS.remit;
  for (const p of packs) {
    const c = p.claim;
    const cur = c.currency;
    const cid = c.id;
    push({ values: [cid, `${c.type} ${c.claimNumber ?? c.invoiceNumber ?? ''}${c.asin ? ` ASIN ${c.asin}` : ''}`, null, c.findingId], kinds: [null, null, 'text', null], bold: true });
    const lineRows = lay.lineRows.get(cid) ?? [];
    const remitRows = lay.remitRows.get(cid) ?? [];
    let total: { formula: string; result: number } | null = null;
    const amountRows: number[] = [];
    const amountResults: number[] = [];

    const perLine = (label: string, unitsFormula: (r: number) => string, unitsValue: (l: PackLine) => number, costCol: number, costOf: (l: PackLine) => number | null) => {
      p.lines.forEach((l, i) => {
        const lr = lineRows[i]!;
        const u = unitsValue(l);
        const uRow = push({ values: [cid, `${label} — ${l.asin ?? l.vendorSku ?? 'line'} (PO ${l.poNumber ?? '?'})`, f(unitsFormula(lr), u), `${LS} row ${lr}`], kinds: [null, null, 'int', null], currency: cur });
        const cost = costOf(l) ?? 0;
        const cRow = push({ values: [cid, 'Unit cost', f(ref(LS, costCol, lr), cost), `${LS} row ${lr}${l.invoiceLineRef ? `, invoice line ${l.invoiceLineRef}` : ''}`], kinds: [null, null, 'cost', null] });
        const amt = lineAmountCents(u, cost);
        const aRow = push({ values: [cid, 'Amount = ROUND(units × unit cost, 2)', f(`ROUND(C${uRow}*C${cRow},2)`, amt), null], currency: cur });
        amountRows.push(aRow);
        amountResults.push(amt);
      });
      if (amountRows.length) total = { formula: amountRows.map((r) => `C${r}`).join('+'), result: amountResults.reduce((a, b) => a + b, 0) };
    };

    switch (c.type) {
      case 'SHORTAGE_CLAIM_DISPUTABLE': {
        perLine('Disputable units = MIN(shipped, invoiced) − received', (r) => `MAX(0,MIN(${ref(LS, L.shipped, r)},${ref(LS, L.invoiced, r)})-${ref(LS, L.received, r)})`,
          (l) => Math.max(0, Math.min(l.shippedEach ?? 0, l.invoicedEach ?? 0) - (l.receivedEach ?? 0)), L.invCost, (l) => l.invoiceCostE4);
        // Amazon cannot be asked for more than the claim still takes (claim rows less reversals).
        const net = claimNet(p, remitRows);
        const t0 = total as { formula: string; result: number } | null;
        if (net.formula && t0) {
          const nRow = push({ values: [cid, 'Claim still deducted (gross) = −Σ claim rows − Σ reversal rows', f(net.formula, net.result), net.cites], currency: cur });
          const sRow = push({ values: [cid, 'Shortage computed from the documents', f(t0.formula, t0.result), null], currency: cur });
          let capped = Math.min(t0.result, net.result);
          let formula = `MIN(C${sRow},C${nRow})`;
          if (c.amountCents > capped && c.amountCents <= net.result) {
            // The claim takes more than the documents explain; reconciliation assigns the rest to this ASIN.
            const xRow = push({ values: [cid, 'Claimed beyond the computed shortage (unexplained by the documents; assigned to this ASIN)', c.amountCents - capped, c.findingId], currency: cur });
            formula = `${formula}+C${xRow}`;
            capped = c.amountCents;
          }
          total = { formula, result: capped };
        }
        break;
      }
      case 'SHORTAGE_CLAIM_VALID':
      case 'INVOICED_MORE_THAN_SHIPPED':
        perLine('Units invoiced but not shipped = invoiced − shipped', (r) => `MAX(0,${ref(LS, L.invoiced, r)}-${ref(LS, L.shipped, r)})`,
          (l) => Math.max(0, (l.invoicedEach ?? 0) - (l.shippedEach ?? 0)), L.invCost, (l) => l.invoiceCostE4);
        break;
      case 'PRICE_CLAIM_VALID':
      case 'PRICE_CLAIM_DISPUTABLE': {
        // Explained price variance per line: (invoice cost − PO cost) × invoiced units, when positive.
        p.lines.forEach((l, i) => {
          const lr = lineRows[i]!;
          const diff = Math.max(0, (l.invoiceCostE4 ?? 0) - (l.poCostE4 ?? 0));
          const amt = lineAmountCents(l.invoicedEach ?? 0, diff);
          const aRow = push({
            values: [cid, `Price variance — ${l.asin ?? 'line'}: ROUND(MAX(0, invoice cost − PO cost) × invoiced, 2)`,
              f(`ROUND(MAX(0,${ref(LS, L.invCost, lr)}-${ref(LS, L.poCost, lr)})*${ref(LS, L.invoiced, lr)},2)`, amt), `${LS} row ${lr}`], currency: cur,
          });
          amountRows.push(aRow);
          amountResults.push(amt);
        });
        const explained = amountResults.reduce((a, b) => a + b, 0);
        if (c.type === 'PRICE_CLAIM_VALID') {
          if (amountRows.length) total = { formula: amountRows.map((r) => `C${r}`).join('+'), result: explained };
          break;
        }
        const claimed = claimedGross(p, remitRows);
        const cRow = push({ values: [cid, 'Price claim deducted (gross) = −Σ Invoice amount of the claim rows', f(claimed.formula || '0', claimed.result), claimed.cites], currency: cur });
        const eRow = push({ values: [cid, 'Explained by the cost difference', f(amountRows.length ? amountRows.map((r) => `C${r}`).join('+') : '0', explained), null], currency: cur });
        total = { formula: `MAX(0,C${cRow}-C${eRow})`, result: Math.max(0, claimed.result - explained) };
        break;
      }
      case 'CHARGEBACK':
      case 'COOP_DEDUCTION':
      case 'DUPLICATE_DEDUCTION': {
        // The document's amount is its Invoice Amount (the largest on its rows; slices repeat it).
        const idx = p.remittance.map((x, i) => ({ x, r: remitRows[i]! })).filter(({ x }) => sameDoc(x.docNumber, c.claimNumber));
        if (!idx.length) break;
        const docAmount = Math.max(...idx.map(({ x }) => Math.abs(x.invoiceAmountCents)));
        const aRow = push({ values: [cid, 'Document amount = the largest |Invoice amount| on its rows', f(`MAX(${idx.map(({ r }) => `ABS(${ref(RS, R.amount, r)})`).join(',')})`, docAmount), `${RS} rows ${idx.map(({ r }) => r).join(', ')}`], currency: cur });
        if (c.type !== 'DUPLICATE_DEDUCTION') {
          total = { formula: `C${aRow}`, result: docAmount };
          break;
        }
        const taken = -idx.reduce((s, { x }) => s + x.paidCents + x.discountCents + x.withholdingCents, 0);
        const tRow = push({
          values: [cid, 'Deducted in total = −Σ (Amount paid + discount + withholding) of its rows',
            f(`-(${idx.map(({ r }) => `${ref(RS, R.paid, r)}+${ref(RS, R.discount, r)}+${ref(RS, R.withholding, r)}`).join('+')})`, taken), null], currency: cur,
        });
        total = { formula: `C${tRow}-C${aRow}`, result: taken - docAmount };
        break;
      }
      case 'UOM_MISMATCH': {
        // The two quantities (ordered, shipped, invoiced) that differ by exactly the case pack.
        const d = p.details ?? {};
        const diffEach = typeof d.differenceEach === 'number' ? d.differenceEach : null;
        const costE4 = typeof d.unitCostE4 === 'number' ? d.unitCostE4 : null;
        const i = p.lines.findIndex((l) => !c.asin || l.asin === c.asin);
        const l = p.lines[i];
        if (diffEach === null || costE4 === null || !l) break;
        const lr = lineRows[i]!;
        const qty: Array<[string, number, number | null]> = [['ordered', 7, l.orderedEach], ['shipped', L.shipped, l.shippedEach], ['invoiced', L.invoiced, l.invoicedEach]];
        let pair: [[string, number, number | null], [string, number, number | null]] | null = null;
        for (let a = 0; a < qty.length && !pair; a++) for (let b = a + 1; b < qty.length && !pair; b++) {
          if (qty[a]![2] !== null && qty[b]![2] !== null && Math.abs(qty[a]![2]! - qty[b]![2]!) === diffEach) pair = [qty[a]!, qty[b]!];
        }
        if (!pair) break;
        const uRow = push({ values: [cid, `Units = |${pair[0][0]} − ${pair[1][0]}| (eaches)`, f(`ABS(${ref(LS, pair[0][1], lr)}-${ref(LS, pair[1][1], lr)})`, diffEach), `${LS} row ${lr}`], kinds: [null, null, 'int', null] });
        const costCol = l.invoiceCostE4 === costE4 ? L.invCost : L.poCost;
        const cRow = push({ values: [cid, 'Unit cost', f(ref(LS, costCol, lr), costE4), `${LS} row ${lr}`], kinds: [null, null, 'cost', null] });
        total = { formula: `ROUND(C${uRow}*C${cRow},2)`, result: lineAmountCents(diffEach, costE4) };
        break;
      }
      case 'UNMATCHED_DEDUCTION': {
        const claimed = claimedGross(p, remitRows);
        if (claimed.formula) total = { formula: claimed.formula, result: claimed.result };
        break;
      }
      case 'SHORT_PAID': {
        // total − paid − discount (no more than the terms allow) − claims against the invoice (net).
        const d = p.details ?? {};
        const num = (k: string) => (typeof d[k] === 'number' ? (d[k] as number) : null);
        const allowed = num('allowedDiscountCents');
        if (!p.invoice || allowed === null) break;
        const rows = p.remittance.map((x, i) => ({ x, r: remitRows[i]! }));
        const isSale = (x: PackRemitLine) => x.family === 'invoice' || x.family === 'direct_fulfillment';
        const sale = rows.filter(({ x }) => isSale(x));
        const claims = rows.filter(({ x }) => !isSale(x));
        const paid = sale.reduce((t, { x }) => t + x.paidCents + x.withholdingCents, 0);
        const disc = sale.reduce((t, { x }) => t + x.discountCents, 0);
        const net = -claims.reduce((t, { x }) => t + x.paidCents + x.discountCents + x.withholdingCents, 0);
        // Use the cited rows only when they are the rows the engine counted.
        if (paid !== num('paidCents') || disc !== num('discountCents') || Math.max(0, net) !== Math.max(0, num('claimsNetCents') ?? 0)) break;
        const sumOf = (list: typeof rows, cols: number[]) => (list.length ? list.map(({ r }) => cols.map((k) => ref(RS, k, r)).join('+')).join('+') : '0');
        const tRow = push({ values: [cid, `Invoice ${p.invoice.invoiceNumber} total (as imported)`, p.invoice.totalCents, `invoice ${p.invoice.invoiceNumber}`], currency: cur });
        const pRow = push({ values: [cid, 'Paid = Σ (Amount paid + withholding) of the invoice rows', f(sumOf(sale, [R.paid, R.withholding]), paid), `${RS} rows ${sale.map(({ r }) => r).join(', ')}`], currency: cur });
        const dRow = push({ values: [cid, 'Terms discount taken = Σ discount of the invoice rows', f(sumOf(sale, [R.discount]), disc), null], currency: cur });
        const aRow = push({ values: [cid, 'Terms discount the invoice terms allow', allowed, 'invoice terms'], currency: cur });
        const cRow = push({ values: [cid, 'Claims against the invoice (net, gross) = −Σ (paid + discount + withholding) of their rows', f(claims.length ? `-(${sumOf(claims, [R.paid, R.discount, R.withholding])})` : '0', net), null], currency: cur });
        total = { formula: `C${tRow}-C${pRow}-MIN(C${dRow},C${aRow})-MAX(0,C${cRow})`, result: p.invoice.totalCents - paid - Math.min(disc, allowed) - Math.max(0, net) };
        break;
      }
      case 'UNPAID_INVOICE':
        if (p.invoice) {
          const r = push({ values: [cid, `Invoice ${p.invoice.invoiceNumber} total (as imported)`, p.invoice.totalCents, `invoice ${p.invoice.invoiceNumber}`], currency: cur });
          total = { formula: `C${r}`, result: p.invoice.totalCents };
        }
        break;
      default:
        break;
    }
    let totalRow: number;
    const t = total as { formula: string; result: number } | null;
    if (t) {
      totalRow = push({ values: [cid, 'Disputed amount (reproduced)', f(t.formula, t.result), null], currency: cur, bold: true });
    } else {
      totalRow = push({ values: [cid, 'Disputed amount (as computed by reconciliation; see the explanation)', c.amountCents, p.explanation], currency: cur, bold: true });
    }
    const rRow = push({ values: [cid, "Recoup's amount for this finding", c.amountCents, c.findingId], currency: cur });
    push({ values: [cid, 'Difference (should be 0.00)', f(`C${totalRow}-C${rRow}`, (t ? t.result : c.amountCents) - c.amountCents), null], currency: cur });
    lay.calcTotal.set(cid, totalRow);
    push({ values: [null, null, null, null] });
  }
  return { spec: { name: SHEETS.calc, columns: CALC_COLS, currency: packs[0]?.claim.currency ?? 'USD', table: true }, rows };
}

function sameDoc(a: string, b: string | null): boolean {
  if (!b) return false;
  const k = (s: string) => s.toUpperCase().replace(/[\s/_.\-#]/g, '');
  return k(a) === k(b);
}

function claimedGross(p: PackData, remitRows: number[]): { formula: string; result: number; cites: string } {
  const idx = p.remittance.map((x, i) => ({ x, i })).filter(({ x }) => sameDoc(x.docNumber, p.claim.claimNumber) && x.invoiceAmountCents < 0);
  if (!idx.length) return { formula: '', result: 0, cites: 'no remittance row for the document' };
  const cells = idx.map(({ i }) => ref(SHEETS.remit, R.amount, remitRows[i]!));
  return { formula: `-(${cells.join('+')})`, result: -idx.reduce((s, { x }) => s + x.invoiceAmountCents, 0), cites: `${SHEETS.remit} rows ${idx.map(({ i }) => remitRows[i]).join(', ')}` };
}

/** The claim as still deducted: its rows (negative) and its reversal rows (…R, positive), gross. */
function claimNet(p: PackData, remitRows: number[]): { formula: string; result: number; cites: string } {
  const k = (s: string) => s.toUpperCase().replace(/[\s/_.\-#]/g, '');
  const claimKey = p.claim.claimNumber ? k(p.claim.claimNumber) : null;
  if (!claimKey) return { formula: '', result: 0, cites: '' };
  const idx = p.remittance.map((x, i) => ({ x, i })).filter(({ x }) => k(x.docNumber) === claimKey || k(x.docNumber) === `${claimKey}R`);
  if (!idx.length) return { formula: '', result: 0, cites: '' };
  const cells = idx.map(({ i }) => ref(SHEETS.remit, R.amount, remitRows[i]!));
  return { formula: `-(${cells.join('+')})`, result: -idx.reduce((s, { x }) => s + x.invoiceAmountCents, 0), cites: `${SHEETS.remit} rows ${idx.map(({ i }) => remitRows[i]).join(', ')}` };
}

function summarySheet(packs: readonly PackData[], lay: Layout): BuiltSheet {
  const rows: RowSpec[] = [];
  for (const p of packs) {
    const c = p.claim;
    const cur = c.currency;
    const remitRows = lay.remitRows.get(c.id) ?? [];
    const ded = p.remittance.map((x, i) => ({ x, r: remitRows[i]! })).filter(({ x }) => sameDoc(x.docNumber, c.claimNumber) && x.invoiceAmountCents < 0);
    const payments = [...new Set(ded.map(({ x }) => x.paymentNumber))];
    const payDates = [...new Set(ded.map(({ x }) => x.paymentDate).filter((d): d is string => !!d))];
    const pos = [...new Set([c.poNumber, ...p.lines.map((l) => l.poNumber)].filter((x): x is string => !!x))];
    const missing = p.requirements.filter((r) => r.status === 'missing').length;
    const kv = (field: string, value: CellValue, kind: CellKind, bold = false): void => {
      rows.push({ values: [c.id, field, value], kinds: [null, null, kind], currency: cur, bold });
    };
    lay.summaryRow.set(c.id, rows.length + 2);
    kv('Claim', `${c.id}`, 'id', true);
    kv('Vendor code', c.vendorCode, 'id');
    kv('Marketplace', p.marketplace, 'text');
    kv('Claim type', c.type, 'text');
    kv('Claim (document) number', c.claimNumber, 'id');
    kv('Root invoice', c.invoiceNumber, 'id');
    kv('Invoice date', p.invoice?.invoiceDate ?? null, 'date');
    kv('Invoice due date', p.invoice?.dueDate ?? null, 'date');
    kv('PO(s)', pos.join(', ') || null, 'id');
    kv('ASIN', c.asin, 'id');
    kv('Payment(s) where deducted', payments.join(', ') || c.paymentNumber, 'id');
    kv('Payment date(s)', payDates.length === 1 ? payDates[0]! : payDates.join(', ') || null, payDates.length === 1 ? 'date' : 'text');
    const grossCells = ded.map(({ r }) => ref(SHEETS.remit, R.amount, r));
    const cashCells = ded.map(({ r }) => ref(SHEETS.remit, R.paid, r));
    const gross = -ded.reduce((s, { x }) => s + x.invoiceAmountCents, 0);
    const cash = -ded.reduce((s, { x }) => s + x.paidCents, 0);
    kv('Claimed amount (gross)', grossCells.length ? f(`-(${grossCells.join('+')})`, gross) : null, 'money');
    kv('Claimed amount (cash)', cashCells.length ? f(`-(${cashCells.join('+')})`, cash) : null, 'money');
    const calcRow = lay.calcTotal.get(c.id);
    kv('Disputed amount', calcRow ? f(ref(SHEETS.calc, 3, calcRow), c.amountCents) : c.amountCents, 'money', true);
    kv('Approved', c.approvedCents, 'money');
    kv('Recovered', c.recoveredCents, 'money');
    kv('Outstanding', c.outstandingCents, 'money');
    kv('Reason', reasonCode(c.type, p.remittance.find((x) => sameDoc(x.docNumber, c.claimNumber))?.description ?? null), 'text');
    kv('Explanation', p.explanation, 'text');
    kv('Dispute by', c.disputeBy, 'date');
    kv('Dispute / case id', c.caseId, 'id');
    kv('Status', c.status.replace(/_/g, ' '), 'text');
    if (c.reason) kv('Status reason', c.reason, 'text');
    kv('Evidence', missing === 0 ? 'complete' : `${missing} item(s) missing (see Evidence index)`, 'text');
    kv('Finding id', c.findingId, 'id');
    rows.push({ values: [null, null, null] });
  }
  return { spec: { name: SHEETS.summary, columns: SUMMARY_COLS, currency: packs[0]?.claim.currency ?? 'USD', table: true }, rows };
}

function indexSheet(packs: readonly PackData[], lay: Layout): BuiltSheet {
  const rows: RowSpec[] = packs.map((p) => {
    const c = p.claim;
    const r = lay.summaryRow.get(c.id) ?? 2;
    return {
      currency: c.currency,
      values: [c.id, c.status.replace(/_/g, ' '), c.type, c.claimNumber, c.invoiceNumber, c.poNumber, c.asin, c.amountCents, c.outstandingCents, c.disputeBy,
        c.caseId, p.requirements.filter((x) => x.status === 'missing').length, f(`HYPERLINK("#'${SHEETS.summary}'!B${r}","Summary row ${r}")`, `Summary row ${r}`)],
    };
  });
  return { spec: sizeColumns({ name: SHEETS.index, columns: INDEX_COLS, currency: packs[0]?.claim.currency ?? 'USD', table: true }, rows), rows };
}

/** Build every sheet of a pack (one claim) or a selection (with the Index first). */
export function buildDisputePack(packs: readonly PackData[], options: { index?: boolean } = {}): BuiltSheet[] {
  return [...disputePackSheets(packs, options)];
}

/**
 * The sheets one at a time, in reading order, so a writer can stream each and drop it: only the
 * Calculation and Summary rows (which cite other sheets' rows) are built ahead.
 */
export function* disputePackSheets(packs: readonly PackData[], options: { index?: boolean } = {}): Generator<BuiltSheet> {
  const lay: Layout = { lineRows: new Map(), remitRows: new Map(), calcTotal: new Map(), summaryRow: new Map() };
  // Row positions of the cited sheets follow from the row counts.
  let line = 2;
  let remit = 2;
  for (const p of packs) {
    lay.lineRows.set(p.claim.id, p.lines.map((_, i) => line + i));
    line += p.lines.length;
    lay.remitRows.set(p.claim.id, p.remittance.map((_, i) => remit + i));
    remit += p.remittance.length;
  }
  const calc = calcSheet(packs, lay);
  const summary = summarySheet(packs, lay);
  if (options.index ?? packs.length > 1) yield indexSheet(packs, lay);
  yield summary;
  yield linesSheet(packs, lay);
  yield shipmentSheet(packs);
  yield evidenceSheet(packs);
  yield calc;
  yield remitSheet(packs, lay);
}
