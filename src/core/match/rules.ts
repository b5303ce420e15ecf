// The finding rules of FINDINGS.md as pure functions over matched facts. The SQL side (db/
// reconcile.sql.ts) matches documents set-wise and hands over one fact row per PO+item, per
// Amazon document, per claim (with its invoice lines), per invoice and per payment; each function
// here decides what, if anything, that row proves, and says so in words.
import { centsToDecimal, costE4ToDecimal, lineAmountCents, type Cents, type CostE4 } from '../../shared/money';
import type { IsoDate } from '../../shared/dates';
import type { DocFamily } from '../claims/grammar';
import { disputeDeadline, unpaidAfter, type DeadlineRule } from './deadlines';
import { TOLERANCE_CENTS, type Evidence, type FindingDraft, type FindingType, type Severity } from './types';

const SEVERITY: Record<FindingType, Severity> = {
  SHORTAGE_CLAIM_DISPUTABLE: 'high',
  SHORTAGE_CLAIM_VALID: 'low',
  PRICE_CLAIM_DISPUTABLE: 'high',
  PRICE_CLAIM_VALID: 'low',
  UOM_MISMATCH: 'medium',
  UNPAID_INVOICE: 'high',
  SHORT_PAID: 'high',
  OVERPAID: 'low',
  DUPLICATE_PAYMENT: 'low',
  DUPLICATE_DEDUCTION: 'high',
  PAYMENT_TIE_OUT_GAP: 'medium',
  CHARGEBACK: 'medium',
  COOP_DEDUCTION: 'low',
  UNMATCHED_DEDUCTION: 'medium',
  INVOICE_WITHOUT_ASN: 'medium',
  INVOICED_MORE_THAN_SHIPPED: 'medium',
  ASN_NOT_INVOICED: 'medium',
  CLAIM_REVERSED: 'info',
  PROVISION_UNREVERSED: 'info',
};

type Init = Partial<FindingDraft> & Pick<FindingDraft, 'type' | 'amount_cents' | 'currency' | 'explanation'>;

function draft(f: Init): FindingDraft {
  return {
    severity: SEVERITY[f.type],
    invoice_number: null, claim_number: null, po_number: null, asin: null, payment_number: null, shipment_id: null,
    dispute_by: null, evidence: [], item_key: null, doc_date: null, details: {}, vendor_code: null,
    ...f,
  };
}

const money = (c: Cents, cur: string) => `${centsToDecimal(c, cur)} ${cur}`;
const units = (n: number) => `${n} unit${n === 1 ? '' : 's'}`;
/** "ASIN B07…" or "vendor SKU ABC-1" for an item key. */
export function itemLabel(item: string): string {
  if (item.startsWith('SKU:')) return `vendor SKU ${item.slice(4)}`;
  if (item.startsWith('UPC:')) return `UPC ${item.slice(4)}`;
  if (item.startsWith('EAN:')) return `EAN ${item.slice(4)}`;
  return `ASIN ${item}`;
}
const asinOf = (item: string): string | null => (/^(SKU|UPC|EAN):/.test(item) ? null : item);
const abs = Math.abs;

// ---------------------------------------------------------------------------------------------
// PO + item level: ordered / confirmed vs shipped vs received vs invoiced, all in eaches.

export interface PoItemFacts {
  po: string;
  item: string;
  currency: string;
  ordered: number | null;
  accepted: number | null;
  poCostE4: CostE4 | null;
  /** The PO's confirmed cost: the acknowledgement's cost, else the PO line's. */
  confirmedCostE4: CostE4 | null;
  shipped: number;
  shipmentId: string | null;
  shipmentCount: number;
  shippedDate: IsoDate | null;
  received: number | null;
  invoiced: number;
  invCostE4: CostE4 | null;
  invoiceNumber: string | null;
  invoiceCount: number;
  caseSize: number | null;
  /** An outstanding shortage claim sits on an invoice that bills this PO and item. */
  shortageClaimed: boolean;
  /** Whether the store holds any ASNs / invoices at all: without them, absence proves nothing. */
  haveAsns: boolean;
  haveInvoices: boolean;
}

/** The pair of quantities that differ by exactly the case-pack factor, if any. */
export function uomSignature(f: PoItemFacts): { a: string; av: number; b: string; bv: number } | null {
  const cs = f.caseSize;
  if (!cs || cs <= 1) return null;
  const ordered = f.accepted ?? f.ordered;
  const pairs: Array<[string, number | null, string, number | null]> = [
    ['invoiced', f.invoiced, 'shipped', f.haveAsns ? f.shipped : null],
    ['invoiced', f.invoiced, f.accepted !== null ? 'confirmed' : 'ordered', ordered],
    ['shipped', f.haveAsns ? f.shipped : null, f.accepted !== null ? 'confirmed' : 'ordered', ordered],
  ];
  for (const [a, av, b, bv] of pairs) {
    if (av === null || bv === null || av <= 0 || bv <= 0 || av === bv) continue;
    if (av === bv * cs || bv === av * cs) return { a, av, b, bv };
  }
  return null;
}

export function poItemFindings(f: PoItemFacts): FindingDraft[] {
  const out: FindingDraft[] = [];
  const label = itemLabel(f.item);
  const base = { currency: f.currency, po_number: f.po, asin: asinOf(f.item), item_key: f.item, shipment_id: f.shipmentId, invoice_number: f.invoiceNumber };
  const uom = uomSignature(f);
  const cost = f.invCostE4 ?? f.confirmedCostE4;
  if (uom && cost !== null) {
    const diff = abs(uom.av - uom.bv);
    const amount = lineAmountCents(diff, cost);
    if (amount > 0) {
      out.push(draft({
        ...base, type: 'UOM_MISMATCH', amount_cents: amount,
        explanation: `On PO ${f.po}, ${label}: ${uom.a} ${units(uom.av)} vs ${uom.b} ${units(uom.bv)} in eaches — they differ by exactly the case pack of ${f.caseSize}, the signature of cases counted as eaches (or the reverse). ${units(diff)} × ${costE4ToDecimal(cost)} = ${money(amount, f.currency)} at stake.`,
        evidence: poItemEvidence(f),
        details: { ...qtyDetails(f), differenceEach: diff, unitCostE4: cost },
      }));
    }
  }
  const uomExplainsShipGap = uom !== null && ((uom.a === 'invoiced' && uom.b === 'shipped'));
  if (f.shipped > 0 && f.invoiced > f.shipped && !f.shortageClaimed && !uomExplainsShipGap && f.invCostE4 !== null) {
    const excess = f.invoiced - f.shipped;
    const amount = lineAmountCents(excess, f.invCostE4);
    if (amount > 0) {
      out.push(draft({
        ...base, type: 'INVOICED_MORE_THAN_SHIPPED', amount_cents: amount,
        explanation: `PO ${f.po}, ${label}: ${units(f.invoiced)} invoiced (${f.invoiceCount > 1 ? `${f.invoiceCount} invoices, first ${f.invoiceNumber}` : `invoice ${f.invoiceNumber}`}) but the ASN${f.shipmentCount > 1 ? 's' : ''} (${f.shipmentId}${f.shipmentCount > 1 ? ` and ${f.shipmentCount - 1} more` : ''}) show only ${units(f.shipped)} shipped; no shortage claim covers the ${units(excess)} yet. Expect a claim of ${units(excess)} × ${costE4ToDecimal(f.invCostE4)} = ${money(amount, f.currency)}, or issue a credit note.`,
        evidence: poItemEvidence(f),
        details: { ...qtyDetails(f), excessEach: excess, unitCostE4: f.invCostE4 },
      }));
    }
  }
  const uomExplainsInvGap = uom !== null && uom.a === 'invoiced' && uom.b === 'shipped';
  const valueCost = f.confirmedCostE4 ?? f.invCostE4;
  if (f.haveInvoices && f.shipped > f.invoiced && !uomExplainsInvGap && valueCost !== null) {
    const notBilled = f.shipped - f.invoiced;
    const amount = lineAmountCents(notBilled, valueCost);
    if (amount > 0) {
      out.push(draft({
        ...base, type: 'ASN_NOT_INVOICED', amount_cents: amount,
        explanation: `ASN ${f.shipmentId}${f.shipmentCount > 1 ? ` (and ${f.shipmentCount - 1} more)` : ''} shipped ${units(f.shipped)} of ${label} on PO ${f.po}${f.shippedDate ? ` (shipped ${f.shippedDate})` : ''}, but ${f.invoiced === 0 ? 'no invoice bills them' : `invoices bill only ${units(f.invoiced)}`}: ${units(notBilled)} × ${f.confirmedCostE4 !== null ? 'PO cost' : 'invoice cost'} ${costE4ToDecimal(valueCost)} = ${money(amount, f.currency)} not billed.`,
        evidence: poItemEvidence(f),
        details: { ...qtyDetails(f), notBilledEach: notBilled, unitCostE4: valueCost },
      }));
    }
  }
  return out;
}

function qtyDetails(f: PoItemFacts): Record<string, unknown> {
  return { orderedEach: f.ordered, confirmedEach: f.accepted, shippedEach: f.shipped, receivedEach: f.received, invoicedEach: f.invoiced, caseSize: f.caseSize, poCostE4: f.poCostE4, confirmedCostE4: f.confirmedCostE4, invoiceCostE4: f.invCostE4 };
}

function poItemEvidence(f: PoItemFacts): Evidence[] {
  const ev: Evidence[] = [{ kind: 'po_line', ref: `${f.po}/${f.item}` }];
  if (f.shipmentId) ev.push({ kind: 'asn', ref: f.shipmentId });
  if (f.invoiceNumber) ev.push({ kind: 'invoice', ref: f.invoiceNumber });
  if (f.received !== null) ev.push({ kind: 'receipt', ref: `${f.po}/${f.item}` });
  return ev;
}

// ---------------------------------------------------------------------------------------------
// Invoice lines with no ASN at all for their PO and item.

export interface InvoiceLineFacts {
  invoiceNumber: string;
  lineNo: number;
  po: string;
  item: string;
  qty: number;
  costE4: CostE4;
  amountCents: Cents;
  currency: string;
}

export function invoiceWithoutAsn(l: InvoiceLineFacts): FindingDraft | null {
  const amount = abs(l.amountCents) || lineAmountCents(l.qty, l.costE4);
  if (amount <= 0) return null;
  return draft({
    type: 'INVOICE_WITHOUT_ASN', amount_cents: amount, currency: l.currency, invoice_number: l.invoiceNumber, po_number: l.po,
    asin: asinOf(l.item), item_key: l.item,
    explanation: `Invoice ${l.invoiceNumber} line ${l.lineNo} bills ${units(l.qty)} of ${itemLabel(l.item)} on PO ${l.po} (${money(amount, l.currency)}), but no imported ASN ships that PO and item: without an ASN Amazon cannot match receipts and will raise a shortage claim.`,
    evidence: [{ kind: 'invoice_line', ref: `${l.invoiceNumber}#${l.lineNo}` }],
    details: { invoicedEach: l.qty, unitCostE4: l.costE4, lineNo: l.lineNo },
  });
}

// ---------------------------------------------------------------------------------------------
// Claims: one outstanding shortage (SC) or price (PC) claim with the lines of its root invoice.

export interface ClaimLineFacts {
  lineNo: number;
  po: string | null;
  item: string;
  /** Units of the item on this invoice. */
  invoiced: number;
  costE4: CostE4;
  amountCents: Cents;
  /** PO + item totals across all documents. */
  shipped: number;
  received: number | null;
  invoicedTotal: number;
  confirmedCostE4: CostE4 | null;
  shipmentId: string | null;
  cartonCount: number;
  cartons: string[];
}

export interface ClaimFacts {
  claimNumber: string;
  kind: 'shortage' | 'price';
  invoiceNumber: string;
  currency: string;
  /** Gross claim (Invoice Amount of the claim document), positive. */
  claimCents: Cents;
  /** Gross already reversed by its R document(s), positive. */
  reversedCents: Cents;
  paymentNumber: string | null;
  claimDate: IsoDate | null;
  invoiceDate: IsoDate | null;
  dueDate: IsoDate | null;
  lines: ClaimLineFacts[];
}

const lineKey = (l: ClaimLineFacts) => `${l.po ?? ''}\u0000${l.item}`;

export function shortageClaimFindings(c: ClaimFacts, rules: readonly DeadlineRule[]): FindingDraft[] {
  const outstanding = c.claimCents - c.reversedCents;
  if (outstanding <= TOLERANCE_CENTS) return [];
  const deadline = disputeDeadline(rules, 'shortage_claim', { docDate: c.claimDate, dueDate: c.dueDate, invoiceDate: c.invoiceDate });
  const byItem = new Map<string, { line: ClaimLineFacts; valid: number; validCents: Cents; disp: number; dispCents: Cents; extraCents: Cents; noReceipts: boolean }>();
  let remaining = outstanding;
  // Valid part first (units invoiced but never shipped), then the disputable part: the claim is
  // only disputable for what remains after Amazon's legitimate share.
  const lines = c.lines.filter((l) => l.shipped > 0 && l.invoiced > 0);
  const plan = lines.map((l) => {
    const validUnits = Math.min(l.invoiced, Math.max(0, l.invoicedTotal - l.shipped));
    const noReceipts = l.received === null;
    const dispUnits = noReceipts
      ? (l.shipped >= l.invoicedTotal ? l.invoiced : 0)
      : Math.min(l.invoiced - validUnits, Math.max(0, Math.min(l.invoicedTotal, l.shipped) - (l.received ?? 0)));
    return { l, validUnits, dispUnits, noReceipts };
  });
  for (const p of plan) {
    const cents = Math.min(remaining, lineAmountCents(p.validUnits, p.l.costE4));
    remaining -= cents;
    byItem.set(lineKey(p.l), { line: p.l, valid: p.validUnits, validCents: cents, disp: 0, dispCents: 0, extraCents: 0, noReceipts: p.noReceipts });
  }
  for (const p of plan) {
    const e = byItem.get(lineKey(p.l))!;
    const cents = Math.min(remaining, lineAmountCents(p.dispUnits, p.l.costE4));
    remaining -= cents;
    e.disp += p.dispUnits;
    e.dispCents += cents;
  }
  // Whatever the claim takes beyond the computed shortage is unexplained by the documents: it
  // belongs to the first line whose ASN shipped everything invoiced.
  if (remaining > TOLERANCE_CENTS) {
    const target = plan.find((p) => p.l.shipped >= p.l.invoicedTotal);
    if (target) byItem.get(lineKey(target.l))!.extraCents += remaining;
  }
  const out: FindingDraft[] = [];
  for (const e of byItem.values()) {
    const l = e.line;
    const base = {
      currency: c.currency, invoice_number: c.invoiceNumber, claim_number: c.claimNumber, po_number: l.po, asin: asinOf(l.item),
      item_key: l.item, payment_number: c.paymentNumber, shipment_id: l.shipmentId, doc_date: c.claimDate,
    };
    const evidence: Evidence[] = [
      { kind: 'remit_line', ref: `${c.paymentNumber ?? ''}:${c.claimNumber}` },
      { kind: 'invoice_line', ref: `${c.invoiceNumber}#${l.lineNo}` },
      ...(l.shipmentId ? [{ kind: 'asn', ref: l.shipmentId }] : []),
      ...l.cartons.slice(0, 50).map((s) => ({ kind: 'asn_carton', ref: s })),
      ...(l.received !== null && l.po ? [{ kind: 'receipt', ref: `${l.po}/${l.item}` }] : []),
    ];
    const cartonText = l.cartonCount > 0 ? ` in ${l.cartonCount} carton${l.cartonCount === 1 ? '' : 's'}${l.cartons.length ? ` (SSCC ${l.cartons.slice(0, 3).join(', ')}${l.cartons.length > 3 ? ', …' : ''})` : ''}` : '';
    const facts = `${units(l.invoiced)} of ${itemLabel(l.item)} invoiced on ${c.invoiceNumber} line ${l.lineNo} (PO ${l.po ?? '—'}); the ASN ${l.shipmentId ?? ''} shows ${units(l.shipped)} shipped${cartonText}${l.invoicedTotal !== l.invoiced ? ` against ${units(l.invoicedTotal)} invoiced on the PO in all` : ''}`;
    const details = { invoicedEach: l.invoiced, invoicedTotalEach: l.invoicedTotal, shippedEach: l.shipped, receivedEach: l.received, unitCostE4: l.costE4, claimCents: c.claimCents, reversedCents: c.reversedCents, cartons: l.cartons.length, deadline };
    if (e.validCents > TOLERANCE_CENTS) {
      out.push(draft({
        ...base, type: 'SHORTAGE_CLAIM_VALID', amount_cents: e.validCents, evidence,
        explanation: `Shortage claim ${c.claimNumber} (${money(c.claimCents, c.currency)} gross) is valid for ${units(e.valid)}: ${facts}, so ${units(e.valid)} were invoiced but never shipped (${units(e.valid)} × ${costE4ToDecimal(l.costE4)} = ${money(e.validCents, c.currency)}). Issue a credit note rather than dispute.`,
        details: { ...details, validEach: e.valid },
      }));
    }
    if (e.dispCents + e.extraCents > TOLERANCE_CENTS) {
      const receivedText = l.received === null ? 'no receipt data was imported for it' : `Amazon received ${units(l.received)}`;
      const unitsDisp = e.disp > 0 ? e.disp : Math.round((e.dispCents * 100) / Math.max(1, l.costE4));
      const shortText = e.dispCents > 0 ? `${units(unitsDisp)} (${money(e.dispCents, c.currency)}) were shipped and are disputable` : 'no shortage shows in the documents';
      const extraText = e.extraCents > 0 ? `; the claim also takes ${money(e.extraCents, c.currency)} more than the documents explain, disputable too` : '';
      out.push(draft({
        ...base, type: 'SHORTAGE_CLAIM_DISPUTABLE', amount_cents: e.dispCents + e.extraCents, evidence, dispute_by: deadline?.disputeBy ?? null,
        explanation: `Amazon deducted ${money(c.claimCents, c.currency)} under shortage claim ${c.claimNumber}${c.paymentNumber ? ` (payment ${c.paymentNumber})` : ''} on invoice ${c.invoiceNumber}; ${facts}, and ${receivedText}. ${shortText}${extraText} — with the ASN, carton SSCCs and proof of delivery${deadline ? ` by ${deadline.disputeBy}${deadline.warnBy ? ` (late until ${deadline.warnBy}` : ''}${deadline.hardLimit ? `${deadline.warnBy ? '; ' : ' ('}hard limit ${deadline.hardLimit})` : deadline.warnBy ? ')' : ''}` : ''}.`,
        details: { ...details, disputableEach: unitsDisp, unexplainedCents: e.extraCents },
      }));
    }
  }
  return out;
}

export function priceClaimFindings(c: ClaimFacts, rules: readonly DeadlineRule[]): FindingDraft[] {
  const outstanding = c.claimCents - c.reversedCents;
  if (outstanding <= TOLERANCE_CENTS) return [];
  const priced = c.lines.filter((l) => l.confirmedCostE4 !== null);
  if (priced.length === 0) return []; // no PO cost to compare with: nothing can be proven either way
  let explained = 0;
  const parts: string[] = [];
  for (const l of priced) {
    const diff = l.costE4 - l.confirmedCostE4!;
    const cents = diff > 0 ? lineAmountCents(l.invoiced, diff) : 0;
    explained += cents;
    parts.push(`${itemLabel(l.item)}: invoice cost ${costE4ToDecimal(l.costE4)} vs PO confirmed cost ${costE4ToDecimal(l.confirmedCostE4!)} × ${units(l.invoiced)} explains ${money(cents, c.currency)}`);
  }
  const excess = outstanding - explained;
  if (excess <= TOLERANCE_CENTS) return [];
  const deadline = disputeDeadline(rules, 'price_claim', { docDate: c.claimDate, dueDate: c.dueDate, invoiceDate: c.invoiceDate });
  const only = priced.length === 1 ? priced[0]! : null;
  return [draft({
    type: 'PRICE_CLAIM_DISPUTABLE', amount_cents: excess, currency: c.currency, invoice_number: c.invoiceNumber, claim_number: c.claimNumber,
    po_number: priced[0]!.po, asin: only ? asinOf(only.item) : null, item_key: only?.item ?? null, payment_number: c.paymentNumber,
    dispute_by: deadline?.disputeBy ?? null, doc_date: c.claimDate,
    explanation: `Price claim ${c.claimNumber} on invoice ${c.invoiceNumber} takes ${money(outstanding, c.currency)}${c.reversedCents ? ` (after ${money(c.reversedCents, c.currency)} reversed)` : ''}, but the cost difference explains only ${money(explained, c.currency)} (${parts.join('; ')}): ${money(excess, c.currency)} is disputable ("Purchase Order Confirmed")${deadline ? ` by ${deadline.disputeBy}` : ''}.`,
    evidence: [
      { kind: 'remit_line', ref: `${c.paymentNumber ?? ''}:${c.claimNumber}` },
      ...priced.map((l) => ({ kind: 'invoice_line', ref: `${c.invoiceNumber}#${l.lineNo}` })),
      ...priced.filter((l) => l.po).map((l) => ({ kind: 'po_line', ref: `${l.po}/${l.item}` })),
    ],
    details: { claimCents: c.claimCents, reversedCents: c.reversedCents, explainedCents: explained, deadline },
  })];
}

export interface PriceLineFacts {
  invoiceNumber: string;
  lineNo: number;
  po: string;
  item: string;
  invoiced: number;
  costE4: CostE4;
  confirmedCostE4: CostE4;
  currency: string;
  claimNumber: string | null;
  paymentNumber: string | null;
}

export function priceClaimValid(l: PriceLineFacts): FindingDraft | null {
  const diff = l.costE4 - l.confirmedCostE4;
  if (diff <= 0) return null;
  const amount = lineAmountCents(l.invoiced, diff);
  if (amount <= 0) return null;
  return draft({
    type: 'PRICE_CLAIM_VALID', amount_cents: amount, currency: l.currency, invoice_number: l.invoiceNumber, claim_number: l.claimNumber,
    po_number: l.po, asin: asinOf(l.item), item_key: l.item, payment_number: l.paymentNumber,
    explanation: `Invoice ${l.invoiceNumber} line ${l.lineNo} bills ${itemLabel(l.item)} at ${costE4ToDecimal(l.costE4)} but PO ${l.po} confirmed ${costE4ToDecimal(l.confirmedCostE4)}: (${costE4ToDecimal(l.costE4)} − ${costE4ToDecimal(l.confirmedCostE4)}) × ${units(l.invoiced)} = ${money(amount, l.currency)} ${l.claimNumber ? `is rightly claimed by ${l.claimNumber}` : 'will be claimed by Amazon as a price claim'}.`,
    evidence: [{ kind: 'invoice_line', ref: `${l.invoiceNumber}#${l.lineNo}` }, { kind: 'po_line', ref: `${l.po}/${l.item}` }],
    details: { invoicedEach: l.invoiced, invoiceCostE4: l.costE4, confirmedCostE4: l.confirmedCostE4 },
  });
}

// ---------------------------------------------------------------------------------------------
// Amazon documents on remittances: one row per document number, slices summed.

export interface DocFacts {
  docNumber: string;
  family: DocFamily;
  currency: string;
  /** The document's own amount (Invoice Amount), signed: negative for a deduction. */
  amountCents: Cents;
  /** What was actually taken over all its lines and payments, signed gross (paid + discount). */
  takenCents: Cents;
  lineCount: number;
  paymentCount: number;
  firstPayment: string | null;
  payments: string[];
  docDate: IsoDate | null;
  description: string | null;
  poNumber: string | null;
  rootInvoice: string | null;
  /** The vendor invoice the root matched, if any. */
  invoiceNumber: string | null;
  invoiceDate: IsoDate | null;
  dueDate: IsoDate | null;
  /** Reversal documents (…R / …-R) of this document and their gross, positive. */
  reversedCents: Cents;
  reversals: string[];
}

const CLAIM_FAMILIES = new Set<DocFamily>(['shortage_claim', 'price_claim']);
const DEDUCTION_CHECKED = new Set<DocFamily>(['shortage_claim', 'price_claim', 'chargeback', 'agreement', 'price_protection', 'returns', 'ar_invoice', 'unclassified']);

export function documentFindings(d: DocFacts, rules: readonly DeadlineRule[]): FindingDraft[] {
  const out: FindingDraft[] = [];
  const cur = d.currency;
  const amount = abs(d.amountCents);
  const taken = -d.takenCents;
  const base = { currency: cur, claim_number: d.docNumber, payment_number: d.firstPayment, po_number: d.poNumber, doc_date: d.docDate, invoice_number: d.invoiceNumber ?? d.rootInvoice };
  const remitEvidence: Evidence[] = d.payments.slice(0, 50).map((p) => ({ kind: 'remit_line', ref: `${p}:${d.docNumber}` }));
  const where = d.paymentCount > 1 ? `${d.paymentCount} payments (${d.payments.slice(0, 5).join(', ')}${d.payments.length > 5 ? ', …' : ''})` : `payment ${d.firstPayment}`;
  const isDeduction = d.amountCents < 0 || d.takenCents < 0;

  if (CLAIM_FAMILIES.has(d.family) && isDeduction) {
    if (d.reversedCents > 0 && d.reversedCents >= amount - TOLERANCE_CENTS) {
      const rev = Math.min(amount, d.reversedCents);
      out.push(draft({
        ...base, type: 'CLAIM_REVERSED', amount_cents: rev || d.reversedCents,
        explanation: `${d.family === 'shortage_claim' ? 'Shortage' : 'Price'} claim ${d.docNumber} (${money(amount, cur)} gross, ${where}) on invoice ${d.rootInvoice} was reversed in full by ${d.reversals.join(', ')} (${money(d.reversedCents, cur)}): nothing to dispute.`,
        evidence: [...remitEvidence, ...d.reversals.map((r) => ({ kind: 'remit_line', ref: r }))],
        details: { claimCents: amount, reversedCents: d.reversedCents },
      }));
      return out; // a fully reversed claim raises CLAIM_REVERSED only
    }
    if (d.invoiceNumber === null) {
      out.push(draft({
        ...base, type: 'UNMATCHED_DEDUCTION', amount_cents: amount - Math.min(amount, d.reversedCents),
        explanation: `${d.family === 'shortage_claim' ? 'Shortage' : 'Price'} claim ${d.docNumber} deducted ${money(amount, cur)} gross in ${where}, but its invoice ${d.rootInvoice} is not among the imported invoices: import the invoice, PO and ASN to see whether it is disputable.`,
        evidence: remitEvidence,
        details: { description: d.description },
      }));
    }
  } else if (d.family === 'chargeback' && isDeduction) {
    const deadline = disputeDeadline(rules, 'chargeback', { docDate: d.docDate, dueDate: null, invoiceDate: null });
    out.push(draft({
      ...base, type: 'CHARGEBACK', amount_cents: amount || taken, dispute_by: deadline?.disputeBy ?? null,
      explanation: `Chargeback ${d.docNumber}${d.description ? ` ("${d.description}")` : ''} of ${money(amount || taken, cur)}${d.docDate ? ` dated ${d.docDate}` : ''}, deducted in ${where}${d.poNumber ? ` against PO ${d.poNumber}` : ''}.${deadline ? ` Dispute by ${deadline.disputeBy} (30 days from the chargeback date).` : ' Its date is unknown, so the 30-day dispute window cannot be computed.'}`,
      evidence: remitEvidence,
      details: { description: d.description, deadline },
    }));
  } else if ((d.family === 'agreement' || d.family === 'price_protection') && isDeduction) {
    out.push(draft({
      ...base, type: 'COOP_DEDUCTION', amount_cents: amount || taken,
      explanation: `${d.family === 'price_protection' ? 'Price-protection' : 'Co-op / agreement'} document ${d.docNumber}${d.description ? ` ("${d.description}")` : ''} of ${money(amount || taken, cur)}, deducted in ${where}${d.paymentCount > 1 ? ` as ${d.lineCount} slices totalling ${money(taken, cur)}` : ''}. Check it against the signed agreement.`,
      evidence: remitEvidence,
      details: { description: d.description, slices: d.lineCount, takenCents: taken },
    }));
  } else if (d.family === 'provision') {
    const net = -(d.takenCents + d.reversedCents);
    if (net > TOLERANCE_CENTS) {
      out.push(draft({
        ...base, type: 'PROVISION_UNREVERSED', amount_cents: net,
        explanation: `Provision ${d.docNumber} holds back ${money(net, cur)} (taken ${money(taken, cur)} in ${where}${d.reversedCents ? `, ${money(d.reversedCents, cur)} reversed so far` : ', not reversed yet'}). Provisions are temporary and are normally reversed when the account balance recovers.`,
        evidence: remitEvidence,
        details: { takenCents: taken, reversedCents: d.reversedCents },
      }));
    }
    return out;
  } else if (d.family === 'unclassified' && isDeduction) {
    out.push(draft({
      ...base, type: 'UNMATCHED_DEDUCTION', amount_cents: amount || taken,
      explanation: `Deduction ${d.docNumber}${d.description ? ` ("${d.description}")` : ''} of ${money(amount || taken, cur)} in ${where} matches no invoice, claim, agreement or chargeback: ask Amazon for the backup.`,
      evidence: remitEvidence,
      details: { description: d.description },
    }));
  }

  if (DEDUCTION_CHECKED.has(d.family) && amount > 0 && taken - amount > TOLERANCE_CENTS) {
    const excess = taken - amount;
    const kind = d.family === 'chargeback' ? 'chargeback' : d.family === 'shortage_claim' ? 'shortage_claim' : d.family === 'price_claim' ? 'price_claim' : null;
    const deadline = kind ? disputeDeadline(rules, kind, { docDate: d.docDate, dueDate: d.dueDate, invoiceDate: d.invoiceDate }) : null;
    out.push(draft({
      ...base, type: 'DUPLICATE_DEDUCTION', amount_cents: excess, dispute_by: deadline?.disputeBy ?? null,
      explanation: `Document ${d.docNumber} is for ${money(amount, cur)} but ${money(taken, cur)} was deducted for it across ${d.lineCount} line${d.lineCount === 1 ? '' : 's'} in ${where}: ${money(excess, cur)} taken more than once.`,
      evidence: remitEvidence,
      details: { amountCents: amount, takenCents: taken, slices: d.lineCount },
    }));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Invoices: paid, unpaid, short-paid, overpaid, paid twice.

export interface InvoicePayment {
  paymentNumber: string;
  paymentDate: IsoDate | null;
  /** Gross settled on this line: paid + terms discount + withholding. */
  grossCents: Cents;
  paidCents: Cents;
  discountCents: Cents;
}

export interface InvoiceFacts {
  invoiceNumber: string;
  currency: string;
  totalCents: Cents;
  invoiceDate: IsoDate | null;
  dueDate: IsoDate | null;
  discountPercentBp: number | null;
  poNumber: string | null;
  /** Any remittance line at all refers to the invoice (payments and claims alike). */
  referenced: boolean;
  /** The invoice's own payment lines, in payment order. */
  payments: InvoicePayment[];
  /** Net gross of the claims (SC/PC and their reversals) attributed to it: positive = deducted. */
  claimsNetCents: Cents;
  claimNumbers: string[];
}

export function invoiceFindings(f: InvoiceFacts, asOf: IsoDate, rules: readonly DeadlineRule[]): FindingDraft[] {
  const out: FindingDraft[] = [];
  const cur = f.currency;
  const base = { currency: cur, invoice_number: f.invoiceNumber, po_number: f.poNumber, doc_date: f.invoiceDate };
  // Claims taken against an invoice do not pay it: without a payment line of its own it is unpaid.
  if (!f.referenced || f.payments.length === 0) {
    if (f.dueDate && f.totalCents > 0) {
      const after = unpaidAfter(rules, f.dueDate);
      if (after < asOf) {
        out.push(draft({
          ...base, type: 'UNPAID_INVOICE', amount_cents: f.totalCents,
          explanation: `Invoice ${f.invoiceNumber} for ${money(f.totalCents, cur)}${f.invoiceDate ? ` dated ${f.invoiceDate}` : ''} was due ${f.dueDate}; no remittance line pays it${f.claimNumbers.length ? ` (only claims ${f.claimNumbers.join(', ')} were taken against it)` : ''} and the grace period ended ${after} (as of ${asOf}).`,
          evidence: [{ kind: 'invoice', ref: f.invoiceNumber }],
          details: { dueDate: f.dueDate, graceEnds: after, asOf },
        }));
      }
    }
    return out;
  }
  const payRefs = f.payments.map((p) => ({ kind: 'remit_line', ref: `${p.paymentNumber}:${f.invoiceNumber}` }));
  const first = f.payments[0]!.paymentNumber;
  // Paid in full under more than one payment: everything after the first full payment is twice.
  const full = f.payments.filter((p) => p.grossCents >= f.totalCents - TOLERANCE_CENTS && f.totalCents > 0);
  const fullPayments = [...new Set(full.map((p) => p.paymentNumber))];
  let duplicate = 0;
  if (fullPayments.length >= 2) {
    const firstFull = full[0]!.paymentNumber;
    duplicate = full.filter((p) => p.paymentNumber !== firstFull).reduce((s, p) => s + p.grossCents, 0);
    out.push(draft({
      ...base, type: 'DUPLICATE_PAYMENT', amount_cents: duplicate, payment_number: full.find((p) => p.paymentNumber !== firstFull)!.paymentNumber,
      explanation: `Invoice ${f.invoiceNumber} (${money(f.totalCents, cur)}) was paid in full under ${fullPayments.length} payments (${fullPayments.join(', ')}): ${money(duplicate, cur)} was paid twice and Amazon will claw it back.`,
      evidence: payRefs,
      details: { payments: fullPayments },
    }));
  }
  const paid = f.payments.reduce((s, p) => s + p.grossCents - p.discountCents, 0);
  const discount = f.payments.reduce((s, p) => s + p.discountCents, 0);
  const allowed = f.discountPercentBp !== null ? Math.floor((f.totalCents * f.discountPercentBp + 5000) / 10000) : discount;
  const credited = paid + Math.min(discount, Math.max(allowed, 0));
  const shortfall = f.totalCents - credited - Math.max(0, f.claimsNetCents);
  if (shortfall > TOLERANCE_CENTS) {
    const overDiscount = discount - Math.min(discount, allowed);
    out.push(draft({
      ...base, type: 'SHORT_PAID', amount_cents: shortfall, payment_number: first,
      explanation: `Invoice ${f.invoiceNumber} totals ${money(f.totalCents, cur)}; payments ${[...new Set(f.payments.map((p) => p.paymentNumber))].join(', ')} paid ${money(paid, cur)} with ${money(discount, cur)} terms discount${overDiscount > 0 ? ` (${money(overDiscount, cur)} more than the ${f.discountPercentBp! / 100}% terms allow)` : ''}${f.claimsNetCents > 0 ? ` and claims ${f.claimNumbers.join(', ')} account for ${money(f.claimsNetCents, cur)}` : ''}: ${money(shortfall, cur)} is unexplained.`,
      evidence: [{ kind: 'invoice', ref: f.invoiceNumber }, ...payRefs],
      details: { paidCents: paid, discountCents: discount, allowedDiscountCents: allowed, claimsNetCents: f.claimsNetCents },
    }));
  }
  const excess = paid + discount - f.totalCents - duplicate;
  if (excess > TOLERANCE_CENTS) {
    out.push(draft({
      ...base, type: 'OVERPAID', amount_cents: excess, payment_number: first,
      explanation: `Invoice ${f.invoiceNumber} totals ${money(f.totalCents, cur)} but ${money(paid, cur)} paid plus ${money(discount, cur)} terms discount${duplicate ? ` (beyond the ${money(duplicate, cur)} paid twice)` : ''} exceed it by ${money(excess, cur)}: expect Amazon to recover it.`,
      evidence: [{ kind: 'invoice', ref: f.invoiceNumber }, ...payRefs],
      details: { paidCents: paid, discountCents: discount },
    }));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Payments: the payment amount against the sum of its lines.

export interface PaymentFacts {
  paymentNumber: string;
  currency: string;
  amountCents: Cents;
  linesCents: Cents;
  lineCount: number;
  hiddenLines: boolean;
  paymentDate: IsoDate | null;
}

export function paymentTieOut(p: PaymentFacts): FindingDraft | null {
  if (p.lineCount === 0 && !p.hiddenLines) return null; // lines not imported: nothing to compare
  const gap = abs(p.amountCents - p.linesCents);
  if (gap <= TOLERANCE_CENTS) return null;
  return {
    ...draft({
      type: 'PAYMENT_TIE_OUT_GAP', amount_cents: gap, currency: p.currency, payment_number: p.paymentNumber, doc_date: p.paymentDate,
      explanation: `Payment ${p.paymentNumber}${p.paymentDate ? ` of ${p.paymentDate}` : ''} is ${money(p.amountCents, p.currency)} but its ${p.lineCount === 1 ? 'one line comes' : `${p.lineCount} lines add up`} to ${money(p.linesCents, p.currency)}: a gap of ${money(gap, p.currency)}. ${p.hiddenLines ? 'Vendor Central warned that some of its lines are hidden (ordering codes not set up in the account) — that explains the gap; ask Amazon for the hidden lines.' : 'No hidden-lines warning covers it: lines may be missing from the import.'}`,
      evidence: [{ kind: 'payment', ref: p.paymentNumber }],
      details: { hiddenLines: p.hiddenLines, linesCents: p.linesCents },
    }),
    severity: p.hiddenLines ? 'low' : 'medium',
  };
}
