// The document-number grammar of Amazon remittance lines (DOMAIN.md §3). A remittance line's
// "Invoice Number" is either the vendor's own invoice, or an Amazon document: a claim built from
// the vendor invoice number plus a suffix chain (SC, SCR, SCRSC, PC, PCR, …), a chargeback, an
// agreement (co-op) invoice, a provision and its reversal, price protection, returns, and more.
// Classification uses the number first, then the description, then the sign of the amount.

export type DocFamily =
  | 'invoice' // the vendor's own invoice, paid
  | 'shortage_claim' // …SC, …SCRSC: purchase quantity variance deducted
  | 'shortage_reversal' // …SCR: shortage claim released
  | 'price_claim' // …PC: purchase price variance deducted
  | 'price_reversal' // …PCR: price claim released
  | 'claim_validated' // …SCRI / …PCRI: claim converted into a final variance invoice
  | 'final_variance' // IQV/AQV/IPV/APV + 13 digits
  | 'chargeback' // {digits}VCBSINV, operational chargebacks
  | 'agreement' // NNNN-NNNNNNNNNN co-op / allowance agreement invoice
  | 'price_protection' // IPAPUS + 7 digits
  | 'provision' // …PROVISION_FOR_…
  | 'provision_reversal' // …PROVISION_FOR_…-R
  | 'returns' // VRET / RETURNS / RTV
  | 'ar_invoice' // …HPA26 "DFP for AR Invoice"
  | 'bank_fee'
  | 'quick_pay' // QPD quick-pay discount documents
  | 'dispute' // DSPT… dispute outcomes, Payback, CRTR refunds
  | 'direct_fulfillment' // DROPSHIP-PO-…|invoice
  | 'unclassified';

export interface DocumentInfo {
  family: DocFamily;
  /** The vendor invoice number the document refers to (claims, DF lines); null when none. */
  root: string | null;
  /** Suffix tokens off the root, in order: ['SC','R','SC'] is written 'SCRSC'. */
  suffixChain: string | null;
  /** The document gives money back (a reversal or a credit). */
  isReversal: boolean;
  /** One-line reason a person can read: how the number was classified. */
  reason: string;
}

// ((SC|PC)(RI|R)?)+ at the end of the number, optionally introduced by a hyphen (amalytix style).
const CHAIN = /^(.*?)-?((?:(?:SC|PC)(?:RI|R)?)+)$/;
const TOKEN = /(SC|PC)(RI|R)?/g;
const AGREEMENT = /^\d{4}-\d{10}$/;
const CHARGEBACK = /^(\d+)VCBSINV$/;
const PRICE_PROTECTION = /^IPAPUS\d{7}$/;
const PROVISION = /PROVISION_FOR_/;
// `-R`, or an `R` glued onto a known provision name (RECEIVABLE(S), ACCRUAL): a bare trailing R on
// any other name could be part of the name itself.
const PROVISION_REVERSAL = /PROVISION_FOR_[A-Z_]*?(?:-R|(?:RECEIVABLES?|ACCRUAL)R)$/;
const FINAL_VARIANCE = /^(IQV|AQV|IPV|APV)\d{13}$/;
const DIRECT_FULFILLMENT = /^DROPSHIP-PO-[^|]*\|(.+)$/;
const HPA = /HPA\d{2}$/;

const COOP_WORDS = /\b(co-?op|coop|volume incentive|damage allowance|defective|spa|flexible ?agreements?|allowance|marketing|price protection|vpc|accrual|contra[- ]?cogs|service agreement)\b/i;
const CHARGEBACK_WORDS = /\b(chargeback|on-?time|prep|bagging|labell?ing|ship in own container|sioc|asn|carton content|overage|unconfirmed|not filled|down-confirmed|routing|pallet|receive accuracy|non-?compliance)\b/i;
const RETURNS_WORDS = /\b(returns?|vret|rtv)\b/i;
const SHORTAGE_WORDS = /shortage claim|quantity shortage/i;
const PRICE_WORDS = /price claim|price variance|for ppv/i;
const REVERSAL_WORDS = /reversal/i;

export function classifyDocument(docNumber: string, description: string | null = null, amountCents: number | null = null): DocumentInfo {
  const doc = docNumber.trim();
  const upper = doc.toUpperCase();
  const desc = (description ?? '').trim();

  if (upper === '') return unclassified('the document number is empty');

  if (AGREEMENT.test(upper)) return info('agreement', null, null, (amountCents ?? 0) > 0, `${doc} has the agreement-invoice shape NNNN-NNNNNNNNNN`);
  let m = CHARGEBACK.exec(upper);
  if (m) return info('chargeback', null, null, (amountCents ?? 0) > 0, `${doc} ends in VCBSINV: a chargeback debit note`);
  if (PRICE_PROTECTION.test(upper)) return info('price_protection', null, null, (amountCents ?? 0) > 0, `${doc} is an IPAPUS price-protection debit note`);
  if (PROVISION.test(upper)) {
    const reversal = PROVISION_REVERSAL.test(upper) || /reversal/i.test(desc);
    return info(reversal ? 'provision_reversal' : 'provision', null, null, reversal,
      reversal ? `${doc} reverses a provision for receivables` : `${doc} is a provision for receivables (a temporary hold)`);
  }
  if (FINAL_VARIANCE.test(upper)) return info('final_variance', null, null, false, `${doc} is a final quantity/price variance invoice`);
  m = DIRECT_FULFILLMENT.exec(doc);
  if (m && m[1]) return info('direct_fulfillment', m[1].trim(), null, false, `${doc} is a Direct Fulfillment invoice line`);
  if (/^DSPT/.test(upper) || /^CRTR/.test(upper) || /\bpayback\b/i.test(desc)) return info('dispute', null, null, (amountCents ?? 0) > 0, `${doc} is a dispute outcome or refund document`);
  if (/^QPD/.test(upper) || /^QPD\b/i.test(desc)) return info('quick_pay', null, null, false, `${doc} is a quick-pay discount document`);
  if (/BANK ?FEE/.test(upper) || /bank fee/i.test(desc)) return info('bank_fee', null, null, false, `${doc} is a bank fee`);
  if (HPA.test(upper) && /DFP for AR Invoice/i.test(desc)) return info('ar_invoice', null, null, false, `${doc} is an AR invoice deduction (DFP for AR Invoice)`);
  if (/^VRET|^RETURNS?\b|^RTV/.test(upper) || (/^V[0-9A-Z]{15}$/.test(upper) && RETURNS_WORDS.test(desc))) {
    return info('returns', null, null, (amountCents ?? 0) > 0, `${doc} is a vendor returns (RTV) document`);
  }

  m = CHAIN.exec(upper);
  // A root must look like an invoice number (ends in a letter or digit and holds a digit), so
  // words that merely end in SC/PC (`DISC`, `MISC`) are not read as claims.
  if (m && m[1] && m[2] && /[0-9A-Z]$/.test(m[1]) && m[1].length >= 2 && /\d/.test(m[1])) {
    const chain = m[2];
    const tokens = [...chain.matchAll(TOKEN)];
    const last = tokens[tokens.length - 1]!;
    const kind = last[1] as 'SC' | 'PC';
    const marker = last[2] ?? '';
    // Keep the root as written (case and all); the chain is measured off the end.
    const root = doc.slice(0, m[1].length);
    const chainText = prettyChain(tokens);
    if (marker === 'RI') return info('claim_validated', root, chainText, false, `${doc}: ${kind} claim on ${root} validated into a final invoice`);
    const word = kind === 'SC' ? 'shortage' : 'price';
    if (marker === 'R') {
      // Some guides call the claim itself "…SCR"; a deduction not described as a reversal is a claim.
      if (amountCents !== null && amountCents < 0 && !REVERSAL_WORDS.test(desc)) {
        return info(kind === 'SC' ? 'shortage_claim' : 'price_claim', root, chainText, false,
          `${doc} ends in ${kind}R (a reversal) but is a deduction${desc ? ` described "${desc}"` : ''}: read as a ${word} claim on invoice ${root}`);
      }
      return info(kind === 'SC' ? 'shortage_reversal' : 'price_reversal', root, chainText, true,
        `${doc}: reversal of the ${word} claim on invoice ${root}`);
    }
    if (amountCents !== null && amountCents > 0 && REVERSAL_WORDS.test(desc)) {
      return info(kind === 'SC' ? 'shortage_reversal' : 'price_reversal', root, chainText, true,
        `${doc} ends in ${kind} but is a credit described "${desc}": read as a reversal of the ${word} claim on invoice ${root}`);
    }
    return info(kind === 'SC' ? 'shortage_claim' : 'price_claim', root, chainText, false,
      `${doc}: ${kind === 'SC' ? 'shortage' : 'price'} claim on invoice ${root}${tokens.length > 1 ? ` (chain ${chainText})` : ''}`);
  }

  // No telling number: read the description (claims written against a plain number included).
  if (SHORTAGE_WORDS.test(desc) || PRICE_WORDS.test(desc)) {
    const isShortage = SHORTAGE_WORDS.test(desc);
    const reversal = REVERSAL_WORDS.test(desc) || (amountCents ?? 0) > 0;
    // "Shortage Claim for Invoice - VC17413": the word after "Invoice" is the root only if it
    // looks like an invoice number (holds a digit), not "Invoice - Quantity shortage".
    const rootMatch = /invoice\s*(?:no\.?|number|#)?\s*[-:#]?\s*([A-Za-z0-9/_.-]*\d[A-Za-z0-9/_.-]*)/i.exec(desc);
    const root = rootMatch?.[1] ?? doc;
    const family: DocFamily = isShortage ? (reversal ? 'shortage_reversal' : 'shortage_claim') : reversal ? 'price_reversal' : 'price_claim';
    return info(family, root, null, reversal, `${doc} is described "${desc}"`);
  }
  if (COOP_WORDS.test(desc)) return info('agreement', null, null, (amountCents ?? 0) > 0, `${doc} is described "${desc}": a co-op/allowance agreement`);
  if (RETURNS_WORDS.test(desc)) return info('returns', null, null, (amountCents ?? 0) > 0, `${doc} is described "${desc}": vendor returns`);
  if (CHARGEBACK_WORDS.test(desc) && (amountCents ?? 0) <= 0) return info('chargeback', null, null, false, `${doc} is described "${desc}": an operational chargeback`);

  if (amountCents === null || amountCents >= 0) {
    return info('invoice', doc, null, false, `${doc} is paid as a vendor invoice`);
  }
  return unclassified(`${doc} is a deduction whose number and description match no known Amazon document`);
}

function prettyChain(tokens: RegExpMatchArray[]): string {
  return tokens.map((t) => t[0]).join('');
}

function info(family: DocFamily, root: string | null, suffixChain: string | null, isReversal: boolean, reason: string): DocumentInfo {
  return { family, root, suffixChain, isReversal, reason };
}

function unclassified(reason: string): DocumentInfo {
  return info('unclassified', null, null, false, reason);
}

/**
 * Invoice-number normalisation for matching a claim root to the vendor's invoice: case and
 * whitespace-insensitive, separators dropped (a public importer matches `VBE20240200365` to
 * `VBE/2024/02/00365`), and the extra trailing `R` that Vendor Central's Invoices page appends.
 */
export function invoiceKey(invoiceNumber: string): string {
  return invoiceNumber.toUpperCase().replace(/[\s/_.\-#]/g, '');
}

/** Families that take money from the vendor and are Amazon's claims on it. */
export const DEDUCTION_FAMILIES: ReadonlySet<DocFamily> = new Set([
  'shortage_claim', 'price_claim', 'chargeback', 'agreement', 'price_protection', 'returns', 'ar_invoice', 'unclassified',
]);
