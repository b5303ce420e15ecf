import { describe, expect, it } from 'vitest';
import { classifyDocument, invoiceKey, type DocFamily } from './grammar';

type Case = [doc: string, description: string | null, amountCents: number | null, family: DocFamily, root: string | null, chain: string | null, reversal: boolean];

// Every example of DOMAIN.md §3 (suffix grammar, other Amazon documents) with the family, root
// invoice, suffix chain and reversal flag it must read as.
const SECTION_3: Case[] = [
  // §3.1 suffix grammar
  ['VC17413SC', 'Shortage Claim for Invoice - VC17413', -87782, 'shortage_claim', 'VC17413', 'SC', false],
  ['INV123-SC', null, -10000, 'shortage_claim', 'INV123', 'SC', false], // amalytix writes a hyphen
  ['VC17413SCR', 'Shortage Claim Reversal', 87782, 'shortage_reversal', 'VC17413', 'SCR', true],
  ['VC17413SCRSC', null, -40000, 'shortage_claim', 'VC17413', 'SCRSC', false],
  ['VC17413SCRPC', null, -1200, 'price_claim', 'VC17413', 'SCRPC', false],
  ['VC17413SCRSCRPC', null, -1200, 'price_claim', 'VC17413', 'SCRSCRPC', false],
  ['VC17413SCRPCRI', null, 0, 'claim_validated', 'VC17413', 'SCRPCRI', false],
  ['VC17413SCRI', null, 0, 'claim_validated', 'VC17413', 'SCRI', false],
  ['INV2001PC', 'Price Claim for Invoice INV2001 FOR PPV', -6000, 'price_claim', 'INV2001', 'PC', false],
  ['INV2001PCR', 'PRICE CLAIM REVERSAL', 6000, 'price_reversal', 'INV2001', 'PCR', true],
  ['IQV1234567890123', null, -5000, 'final_variance', null, null, false],
  ['AQV1234567890123', null, -5000, 'final_variance', null, null, false],
  ['IPV1234567890123', null, -5000, 'final_variance', null, null, false],
  ['APV1234567890123', null, -5000, 'final_variance', null, null, false],
  // §3.2 other Amazon documents
  ['6268-1490026100', 'Co-op', -200000, 'agreement', null, null, false],
  ['1520586356VCBSINV', 'PO on-time accuracy', -12500, 'chargeback', null, null, false],
  ['260805_PROVISION_FOR_AGED_RECEIVABLE', 'Provision for aged receivable', -50000, 'provision', null, null, false],
  ['260805_PROVISION_FOR_AGED_RECEIVABLE-R', null, 50000, 'provision_reversal', null, null, true],
  ['260805_PROVISION_FOR_AGED_RECEIVABLER', null, 50000, 'provision_reversal', null, null, true],
  ['260805_PROVISION_FOR_RECEIVABLE', null, -50000, 'provision', null, null, false],
  ['260805_PROVISION_FOR_RECEIVABLES', null, -50000, 'provision', null, null, false],
  ['260805_PROVISION_FOR_RECEIVABLES-R', null, 50000, 'provision_reversal', null, null, true],
  ['PROVISION_FOR_ACCRUAL', null, -50000, 'provision', null, null, false],
  ['PROVISION_FOR_ACCRUAL-R', null, 50000, 'provision_reversal', null, null, true],
  ['IPAPUS1234567', null, -1230, 'price_protection', null, null, false],
  ['K7Q2HPA26', 'DFP for AR Invoice', -30000, 'ar_invoice', null, null, false],
  ['VRET123456', null, -4500, 'returns', null, null, false],
  ['RETURNS 0826', null, -4500, 'returns', null, null, false],
  ['V0A1B2C3D4E5F6G7', 'Vendor Returns', -4500, 'returns', null, null, false],
  ['BANK FEE', null, -2500, 'bank_fee', null, null, false],
  ['X-2291', 'Bank fee', -2500, 'bank_fee', null, null, false],
  ['QPD 0826', null, -1000, 'quick_pay', null, null, false],
  ['DSPT00012345', null, 45000, 'dispute', null, null, true],
  ['CRTR00881', null, 1500, 'dispute', null, null, true],
  ['99812', 'Payback', 1500, 'dispute', null, null, true],
  ['DROPSHIP-PO-US1/XTRA/|INV555', null, 12000, 'direct_fulfillment', 'INV555', null, false],
  // co-op and contra-COGS programs known by their description only
  ['C0012345', 'Co-op', -10000, 'agreement', null, null, false],
  ['88120', 'Volume Incentive', -10000, 'agreement', null, null, false],
  ['88121', 'Damage Allowance', -10000, 'agreement', null, null, false],
  ['88122', 'Defective', -10000, 'agreement', null, null, false],
  ['88123', 'SPA', -10000, 'agreement', null, null, false],
  ['88124', 'FlexibleAgreements', -10000, 'agreement', null, null, false],
  ['88125', 'Quantity/Bulk Buy Allowance', -10000, 'agreement', null, null, false],
  // operational chargebacks named by their issue
  ['88126', 'PO on-time accuracy', -10000, 'chargeback', null, null, false],
  ['88127', 'Prep-Bagging', -10000, 'chargeback', null, null, false],
  ['88128', 'Ship In Own Container', -10000, 'chargeback', null, null, false],
  // an ordinary vendor invoice paid
  ['VC17410', '6553UEPU/IST2/', 784000, 'invoice', 'VC17410', null, false],
];

describe('classifyDocument: DOMAIN.md §3 examples', () => {
  it.each(SECTION_3)('%s (%s) → %s', (doc, description, amount, family, root, chain, reversal) => {
    const info = classifyDocument(doc, description, amount);
    expect(info.family).toBe(family);
    expect(info.root).toBe(root);
    expect(info.suffixChain).toBe(chain);
    expect(info.isReversal).toBe(reversal);
    expect(info.reason).toContain(doc.trim());
  });
});

describe('classifyDocument: evidence beyond the number', () => {
  it('reads claims written against a plain number from the description', () => {
    const sc = classifyDocument('D-88812', 'Shortage Claim for Invoice - VC17413', -5000);
    expect(sc).toMatchObject({ family: 'shortage_claim', root: 'VC17413', isReversal: false });
    const pcr = classifyDocument('D-88813', 'Price variance reversal', 5000);
    expect(pcr).toMatchObject({ family: 'price_reversal', isReversal: true });
  });

  it('does not take a word after "Invoice" for the root', () => {
    const info = classifyDocument('DN-IN-88812', 'Financial Debit Note Invoice - Quantity shortage', -29400);
    expect(info.family).toBe('shortage_claim');
    expect(info.root).toBe('DN-IN-88812');
  });

  it('reads a deduction numbered …SCR but not described as a reversal as the claim (amazowl naming)', () => {
    const info = classifyDocument('VC17413SCR', 'Shortage Claim for Invoice - VC17413', -87782);
    expect(info).toMatchObject({ family: 'shortage_claim', root: 'VC17413', suffixChain: 'SCR', isReversal: false });
    expect(info.reason).toMatch(/deduction/);
  });

  it('reads a credit numbered …SC but described as a reversal as the reversal', () => {
    expect(classifyDocument('VC17413SC', 'Shortage claim reversal', 87782)).toMatchObject({ family: 'shortage_reversal', isReversal: true });
  });

  it('keeps the root as written and accepts lower case', () => {
    expect(classifyDocument('vc17413sc', null, -1)).toMatchObject({ family: 'shortage_claim', root: 'vc17413', suffixChain: 'SC' });
  });

  it('does not read words that end in SC/PC as claims', () => {
    expect(classifyDocument('DISC', null, -100).family).toBe('unclassified');
    expect(classifyDocument('MISC', null, -100).family).toBe('unclassified');
  });

  it('needs the DFP description before calling …HPA26 an AR invoice', () => {
    expect(classifyDocument('K7Q2HPA26', null, -30000).family).toBe('unclassified');
  });

  it('separates vendor invoices starting with V from returns ids by the description', () => {
    expect(classifyDocument('V0A1B2C3D4E5F6G7', null, 10000).family).toBe('invoice');
  });
});

describe('classifyDocument: the unclassified family', () => {
  it.each([
    ['365942281678551', null, -4100], // 15-digit id seen on payables lists, meaning unknown
    ['ZZZ', null, -100],
    ['88129', 'Missed Adjustment Claim for Invoice', -100],
    ['', null, -100],
  ] as const)('%j (%j) is unclassified, with a reason', (doc, description, amount) => {
    const info = classifyDocument(doc, description, amount);
    expect(info.family).toBe('unclassified');
    expect(info.root).toBeNull();
    expect(info.reason.length).toBeGreaterThan(10);
  });

  it('treats an unknown positive line as a paid vendor invoice, not as unclassified', () => {
    expect(classifyDocument('365942281678551', null, 4100).family).toBe('invoice');
  });
});

describe('invoiceKey', () => {
  it('matches invoice numbers across case, spaces and separators', () => {
    expect(invoiceKey('VBE/2024/02/00365')).toBe(invoiceKey('vbe20240200365'));
    expect(invoiceKey('INV-123 ')).toBe('INV123');
  });
});
