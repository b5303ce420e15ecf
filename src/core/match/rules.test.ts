import { describe, expect, it } from 'vitest';
import {
  documentFindings, invoiceFindings, paymentTieOut, poItemFindings, priceClaimFindings, shortageClaimFindings, uomSignature,
  type ClaimFacts, type ClaimLineFacts, type DocFacts, type InvoiceFacts, type PoItemFacts,
} from './rules';
import { DEFAULT_DEADLINE_RULES } from './deadlines';

const rules = DEFAULT_DEADLINE_RULES;

function line(over: Partial<ClaimLineFacts> = {}): ClaimLineFacts {
  return {
    lineNo: 1, po: '1ABCDEFA', item: 'B07DFYF5AB', invoiced: 120, costE4: 37600, amountCents: 45120, shipped: 120, received: 96, invoicedTotal: 120,
    confirmedCostE4: 37600, shipmentId: 'SH-88120', cartonCount: 5, cartons: ['00012345678901234567'], ...over,
  };
}

function claim(over: Partial<ClaimFacts> = {}): ClaimFacts {
  return {
    claimNumber: 'INV-10042SC', kind: 'shortage', invoiceNumber: 'INV-10042', currency: 'USD', claimCents: 9024, reversedCents: 0,
    paymentNumber: '367531888', claimDate: '2026-08-26', invoiceDate: '2026-08-01', dueDate: '2026-08-31', lines: [line()], ...over,
  };
}

describe('shortage claims', () => {
  it('shipped ≥ invoiced, received < invoiced: the shortfall is disputable, gross, with its deadline', () => {
    const [f, ...rest] = shortageClaimFindings(claim(), rules);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ type: 'SHORTAGE_CLAIM_DISPUTABLE', amount_cents: 9024, asin: 'B07DFYF5AB', dispute_by: '2026-09-30', shipment_id: 'SH-88120' });
    expect(f!.explanation).toMatch(/24 units \(90\.24 USD\)/);
  });

  it('invoiced > shipped: the unshipped part is valid, the rest of the shortfall disputable', () => {
    // 120 invoiced, 110 shipped, 90 received; claim 30 units = 112.80
    const out = shortageClaimFindings(claim({ claimCents: 11280, lines: [line({ shipped: 110, received: 90 })] }), rules);
    expect(out.map((f) => [f.type, f.amount_cents])).toEqual([['SHORTAGE_CLAIM_VALID', 3760], ['SHORTAGE_CLAIM_DISPUTABLE', 7520]]);
  });

  it('no receipt data and shipped ≥ invoiced: the claim is disputable up to its amount', () => {
    const out = shortageClaimFindings(claim({ claimCents: 5000, lines: [line({ received: null })] }), rules);
    expect(out.map((f) => [f.type, f.amount_cents])).toEqual([['SHORTAGE_CLAIM_DISPUTABLE', 5000]]);
  });

  it('one finding per ASIN of the invoice, never more than the claim', () => {
    const out = shortageClaimFindings(claim({
      claimCents: 10000,
      lines: [line(), line({ lineNo: 2, item: 'B000000002', invoiced: 10, costE4: 50000, amountCents: 5000, shipped: 10, received: 5, invoicedTotal: 10 })],
    }), rules);
    expect(out.map((f) => [f.asin, f.amount_cents])).toEqual([['B07DFYF5AB', 9024], ['B000000002', 976]]);
    expect(out.reduce((s, f) => s + f.amount_cents, 0)).toBe(10000);
  });

  it('the same ASIN on two POs of one invoice: each PO line is judged on its own ASN and receipts', () => {
    const out = shortageClaimFindings(claim({
      claimCents: 13536,
      lines: [line({ po: '1AAAAAAA', received: 108 }), line({ lineNo: 2, po: '2BBBBBBB', received: 96 })],
    }), rules);
    expect(out.map((f) => [f.po_number, f.asin, f.amount_cents])).toEqual([['1AAAAAAA', 'B07DFYF5AB', 4512], ['2BBBBBBB', 'B07DFYF5AB', 9024]]);
  });

  it('a claim reversed in full leaves nothing to dispute; a partial reversal reduces it', () => {
    expect(shortageClaimFindings(claim({ reversedCents: 9024 }), rules)).toEqual([]);
    expect(shortageClaimFindings(claim({ reversedCents: 24 }), rules)[0]!.amount_cents).toBe(9000);
  });

  it('an invoice line with no ASN gives no shortage finding (INVOICE_WITHOUT_ASN covers it)', () => {
    expect(shortageClaimFindings(claim({ lines: [line({ shipped: 0 })] }), rules)).toEqual([]);
  });
});

describe('price claims', () => {
  const pc = (over: Partial<ClaimFacts> = {}) => claim({ claimNumber: 'INV-10042PC', kind: 'price', claimCents: 3000, ...over });
  it('disputable for what the cost difference does not explain', () => {
    const [f] = priceClaimFindings(pc({ lines: [line({ costE4: 38100 })] }), rules); // 0.05 × 120 = 6.00 explained
    expect(f).toMatchObject({ type: 'PRICE_CLAIM_DISPUTABLE', amount_cents: 2400, dispute_by: '2026-09-30' });
  });
  it('fully explained, or no PO cost known: nothing', () => {
    expect(priceClaimFindings(pc({ claimCents: 600, lines: [line({ costE4: 38100 })] }), rules)).toEqual([]);
    expect(priceClaimFindings(pc({ lines: [line({ confirmedCostE4: null })] }), rules)).toEqual([]);
  });
});

function poItem(over: Partial<PoItemFacts> = {}): PoItemFacts {
  return {
    po: '1ABCDEFA', item: 'B07DFYF5AB', currency: 'USD', ordered: 120, accepted: 120, poCostE4: 20000, confirmedCostE4: 20000, shipped: 120,
    shipmentId: 'SH-1', shipmentCount: 1, shippedDate: '2026-07-10', received: 120, invoiced: 120, invCostE4: 20000, invoiceNumber: 'INV-1',
    invoiceCount: 1, caseSize: 12, shortageClaimed: false, haveAsns: true, haveInvoices: true, ...over,
  };
}

describe('PO + item', () => {
  it('a clean line raises nothing', () => {
    expect(poItemFindings(poItem())).toEqual([]);
  });
  it('UOM: quantities a case-pack factor apart', () => {
    expect(uomSignature(poItem({ invoiced: 10 }))).toMatchObject({ a: 'invoiced', av: 10, b: 'shipped', bv: 120 });
    expect(uomSignature(poItem({ invoiced: 100 }))).toBeNull();
    expect(uomSignature(poItem({ invoiced: 10, caseSize: 1 }))).toBeNull();
    const out = poItemFindings(poItem({ invoiced: 10 }));
    expect(out.map((f) => [f.type, f.amount_cents])).toEqual([['UOM_MISMATCH', 22000]]); // not also ASN_NOT_INVOICED
  });
  it('invoiced more than shipped, unless a shortage claim already covers it', () => {
    expect(poItemFindings(poItem({ invoiced: 130, caseSize: null })).map((f) => [f.type, f.amount_cents])).toEqual([['INVOICED_MORE_THAN_SHIPPED', 2000]]);
    expect(poItemFindings(poItem({ invoiced: 130, caseSize: null, shortageClaimed: true }))).toEqual([]);
  });
  it('shipped but not invoiced, valued at the PO cost; not without any invoice data', () => {
    expect(poItemFindings(poItem({ invoiced: 0, invCostE4: null, invoiceNumber: null, caseSize: null })).map((f) => [f.type, f.amount_cents])).toEqual([['ASN_NOT_INVOICED', 24000]]);
    expect(poItemFindings(poItem({ invoiced: 0, invCostE4: null, caseSize: null, haveInvoices: false }))).toEqual([]);
  });
  it('an item known by SKU only keeps asin null and names the SKU', () => {
    const [f] = poItemFindings(poItem({ item: 'SKU:AB-1', invoiced: 130, caseSize: null }));
    expect(f).toMatchObject({ asin: null, item_key: 'SKU:AB-1' });
    expect(f!.explanation).toContain('vendor SKU AB-1');
  });
});

function doc(over: Partial<DocFacts> = {}): DocFacts {
  return {
    docNumber: '6268-1490026100', family: 'agreement', currency: 'USD', amountCents: -100000, takenCents: -100000, lineCount: 2, paymentCount: 2,
    firstPayment: '367530001', payments: ['367530001', '367530002'], docDate: '2026-08-15', description: 'Co-op', poNumber: null, rootInvoice: null,
    invoiceNumber: null, invoiceDate: null, dueDate: null, reversedCents: 0, reversals: [], ...over,
  };
}

describe('Amazon documents', () => {
  it('co-op in slices that add up: one COOP_DEDUCTION, no duplicate', () => {
    expect(documentFindings(doc(), rules).map((f) => [f.type, f.amount_cents])).toEqual([['COOP_DEDUCTION', 100000]]);
  });
  it('co-op taken beyond its amount: the excess is a DUPLICATE_DEDUCTION', () => {
    expect(documentFindings(doc({ takenCents: -160000 }), rules).map((f) => [f.type, f.amount_cents])).toEqual([['COOP_DEDUCTION', 100000], ['DUPLICATE_DEDUCTION', 60000]]);
  });
  it('tolerance: one minor unit', () => {
    expect(documentFindings(doc({ takenCents: -100001 }), rules)).toHaveLength(1);
    expect(documentFindings(doc({ takenCents: -100002 }), rules)).toHaveLength(2);
  });
  it('a provision and its reversal net to zero; an unreversed one is info, never unmatched', () => {
    const prov = doc({ docNumber: '260801_PROVISION_FOR_AGED_RECEIVABLE', family: 'provision', amountCents: -50000, takenCents: -50000 });
    expect(documentFindings({ ...prov, reversedCents: 50000 }, rules)).toEqual([]);
    expect(documentFindings(prov, rules).map((f) => [f.type, f.severity, f.amount_cents])).toEqual([['PROVISION_UNREVERSED', 'info', 50000]]);
  });
  it('a claim fully reversed raises CLAIM_REVERSED only, even if it was deducted twice', () => {
    const sc = doc({ docNumber: 'INV-1SC', family: 'shortage_claim', amountCents: -1200, takenCents: -2400, rootInvoice: 'INV-1', invoiceNumber: 'INV-1', reversedCents: 1200, reversals: ['INV-1SCR'] });
    expect(documentFindings(sc, rules).map((f) => [f.type, f.severity, f.amount_cents])).toEqual([['CLAIM_REVERSED', 'info', 1200]]);
  });
  it('a claim on an invoice that was never imported is unmatched', () => {
    const sc = doc({ docNumber: 'X9SC', family: 'shortage_claim', amountCents: -1200, takenCents: -1200, rootInvoice: 'X9' });
    expect(documentFindings(sc, rules).map((f) => f.type)).toEqual(['UNMATCHED_DEDUCTION']);
  });
  it('chargeback: dispute by its date + 30 days', () => {
    const [f] = documentFindings(doc({ docNumber: '1520586356VCBSINV', family: 'chargeback', amountCents: -5000, takenCents: -5000, docDate: '2026-08-20', paymentCount: 1, lineCount: 1 }), rules);
    expect(f).toMatchObject({ type: 'CHARGEBACK', amount_cents: 5000, dispute_by: '2026-09-19' });
  });
});

function inv(over: Partial<InvoiceFacts> = {}): InvoiceFacts {
  return {
    invoiceNumber: 'INV-1', currency: 'USD', totalCents: 100000, invoiceDate: '2026-08-01', dueDate: '2026-08-31', discountPercentBp: 200, poNumber: null,
    referenced: true, payments: [{ paymentNumber: 'P1', paymentDate: '2026-09-02', grossCents: 100000, paidCents: 98000, discountCents: 2000 }],
    claimsNetCents: 0, claimNumbers: [], ...over,
  };
}

describe('invoices', () => {
  it('paid with its terms discount: nothing', () => {
    expect(invoiceFindings(inv(), '2026-10-15', rules)).toEqual([]);
  });
  it('a discount beyond the terms is short-paid', () => {
    const out = invoiceFindings(inv({ payments: [{ paymentNumber: 'P1', paymentDate: null, grossCents: 100000, paidCents: 97000, discountCents: 3000 }] }), '2026-10-15', rules);
    expect(out.map((f) => [f.type, f.amount_cents])).toEqual([['SHORT_PAID', 1000]]);
  });
  it('a shortfall explained by claims is not short-paid', () => {
    const p = [{ paymentNumber: 'P1', paymentDate: null, grossCents: 90000, paidCents: 90000, discountCents: 0 }];
    expect(invoiceFindings(inv({ discountPercentBp: null, payments: p, claimsNetCents: 10000 }), '2026-10-15', rules)).toEqual([]);
    expect(invoiceFindings(inv({ discountPercentBp: null, payments: p }), '2026-10-15', rules).map((f) => f.type)).toEqual(['SHORT_PAID']);
  });
  it('paid in two slices is not a duplicate; paid in full twice is', () => {
    const half = (n: string) => ({ paymentNumber: n, paymentDate: null, grossCents: 50000, paidCents: 50000, discountCents: 0 });
    expect(invoiceFindings(inv({ payments: [half('P1'), half('P2')] }), '2026-10-15', rules)).toEqual([]);
    const full = (n: string) => ({ paymentNumber: n, paymentDate: null, grossCents: 100000, paidCents: 100000, discountCents: 0 });
    expect(invoiceFindings(inv({ payments: [full('P1'), full('P2')] }), '2026-10-15', rules).map((f) => [f.type, f.amount_cents, f.payment_number])).toEqual([['DUPLICATE_PAYMENT', 100000, 'P2']]);
  });
  it('unpaid only after due date + grace', () => {
    const unref = inv({ referenced: false, payments: [] });
    expect(invoiceFindings(unref, '2026-09-07', rules)).toEqual([]);
    expect(invoiceFindings(unref, '2026-09-08', rules).map((f) => [f.type, f.amount_cents])).toEqual([['UNPAID_INVOICE', 100000]]);
  });
  it('a claim taken against an invoice does not pay it', () => {
    const [f, ...rest] = invoiceFindings(inv({ payments: [], claimsNetCents: 5000, claimNumbers: ['INV-1SC'] }), '2026-10-15', rules);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ type: 'UNPAID_INVOICE', amount_cents: 100000 });
    expect(f!.explanation).toContain('INV-1SC');
  });
});

describe('payment tie-out', () => {
  const p = { paymentNumber: '367531888', currency: 'USD', amountCents: 10000, linesCents: 10000, lineCount: 3, hiddenLines: false, paymentDate: null };
  it('ties within one cent', () => {
    expect(paymentTieOut({ ...p, linesCents: 9999 })).toBeNull();
    expect(paymentTieOut({ ...p, linesCents: 9998 })).toMatchObject({ amount_cents: 2, severity: 'medium' });
  });
  it('hidden lines explain a gap (low); a payment without imported lines says nothing', () => {
    expect(paymentTieOut({ ...p, linesCents: 5000, hiddenLines: true })).toMatchObject({ amount_cents: 5000, severity: 'low' });
    expect(paymentTieOut({ ...p, linesCents: 0, lineCount: 0 })).toBeNull();
  });
});
