// 820 remittance advice → PaymentRecord + RemitLineRecord per RMR (open item paid) and per ADX
// (adjustment). ADX signs are not trusted: the sign convention that ties the lines to BPR02 wins.
import type { PaymentRecord, RemitLineRecord } from '../records';
import { classifyDocument } from '../claims/grammar';
import { centsToDecimal } from '../../shared/money';
import type { Mapper } from './common';
import { joinRaw } from './common';
import { EdiFieldError, currencyOf, opt, optCents, optDate, req, reqCents } from './fields';
import type { Segment } from './reader';

/** X12 element 426 (adjustment reason) codes seen on retail remittances. */
const ADX_REASONS: Record<string, string> = {
  '01': 'pricing error', '03': 'extension error', '04': 'item not accepted - damaged', '05': 'item not accepted - quality',
  '06': 'quantity contested', '07': 'incorrect product', '11': 'returns - damage', '12': 'returns - quality',
  '19': 'duplicate billing', '22': 'weight error', '24': 'incorrect discount', '52': 'credit for overpayment',
  '53': 'remittance for previous underpayment', '54': 'freight deducted', '55': 'tax deducted', '56': 'advertising allowance taken',
  '57': 'volume discount taken', '59': 'item not received', '60': 'no open item on file', 'AA': 'allowance',
  ZZ: 'mutually defined',
};

interface Draft {
  kind: 'RMR' | 'ADX';
  seg: Segment;
  docNumber: string | null;
  /** RMR04 net paid, or the ADX01 amount as written. */
  amount: number;
  gross: number | null;
  discount: number;
  reasonCode: string | null;
  qualifier: string | null;
  poNumber: string | null;
  docDate: string | null;
  reference: string | null;
  parentDoc: string | null;
  texts: string[];
}

type Convention = 'as written' | 'every ADX reduces the payment' | 'ADX signs reversed';

export const map820: Mapper = (tx, _ctx, where) => {
  const notes: string[] = [];
  let bpr: Segment | null = null;
  let trn: Segment | null = null;
  let currency: string | null = null;
  let payer: string | null = null;
  let payee: string | null = null;
  let vendorCode: string | null = null;
  let lastN1: string | null = null;
  const header: string[] = [];
  const drafts: Draft[] = [];
  let open: Draft | null = null;
  let lastRmr: string | null = null;

  const close = () => {
    if (open) drafts.push(open);
    open = null;
  };

  for (const seg of tx.segments) {
    switch (seg.id) {
      case 'BPR': bpr = seg; header.push(seg.text); break;
      case 'TRN': trn ??= seg; header.push(seg.text); break;
      case 'CUR': currency = currencyOf(seg, currency); header.push(seg.text); break;
      case 'N1': {
        close();
        lastN1 = opt(seg, 1);
        if (lastN1 === 'PR') payer = opt(seg, 2) ?? opt(seg, 4);
        else if (lastN1 === 'PE') {
          payee = opt(seg, 2) ?? opt(seg, 4);
          vendorCode ??= opt(seg, 4);
        }
        header.push(seg.text);
        break;
      }
      case 'ENT': close(); lastRmr = null; break;
      case 'RMR': {
        close();
        const docNumber = req(seg, 2, 'reference identification (document number)');
        const amount = reqCents(seg, 4, 'monetary amount paid');
        const gross = optCents(seg, 5, 'total invoice amount');
        const discount = optCents(seg, 6, 'discount amount taken') ?? 0;
        open = { kind: 'RMR', seg, docNumber, amount, gross, discount, reasonCode: null, qualifier: opt(seg, 1), poNumber: null, docDate: null, reference: null, parentDoc: null, texts: [seg.text] };
        lastRmr = docNumber;
        break;
      }
      case 'ADX': {
        close();
        const amount = reqCents(seg, 1, 'adjustment amount');
        open = {
          kind: 'ADX', seg, docNumber: opt(seg, 4), amount, gross: null, discount: 0, reasonCode: opt(seg, 2), qualifier: opt(seg, 3),
          poNumber: null, docDate: null, reference: null, parentDoc: lastRmr, texts: [seg.text],
        };
        break;
      }
      case 'REF': {
        const q = opt(seg, 1);
        if (open) {
          const o: Draft = open;
          o.texts.push(seg.text);
          const v = opt(seg, 2);
          if (q === 'PO') o.poNumber ??= v;
          else if (v !== null) {
            if (o.kind === 'ADX' && o.docNumber === null && (q === 'CM' || q === 'DB' || q === 'IV' || q === 'CR')) o.docNumber = v;
            else if (o.reference === null && v !== o.docNumber) o.reference = `${q ?? ''} ${[v, opt(seg, 3)].filter(Boolean).join(' ')}`.trim();
          }
        } else {
          if (lastN1 === 'PE' && (q === 'VR' || q === 'IA')) vendorCode = opt(seg, 2) ?? vendorCode;
          header.push(seg.text);
        }
        break;
      }
      case 'DTM':
        if (open) {
          const o: Draft = open;
          o.texts.push(seg.text);
          if (opt(seg, 1) === '003') o.docDate ??= optDate(seg, 2, 'invoice date');
        } else header.push(seg.text);
        break;
      case 'SE':
        close();
        break;
      default:
        if (open) (open as Draft).texts.push(seg.text);
    }
  }
  close();

  if (!bpr) throw new EdiFieldError(tx.segments[0]!, 'BPR', 'the 820 has no BPR (beginning segment for payment order/remittance advice)');
  if (!trn) throw new EdiFieldError(bpr, 'TRN', 'the 820 has no TRN segment: the payment (trace) number is missing');
  const paymentNumber = req(trn, 2, 'reference identification (trace / payment number)');
  const total = reqCents(bpr, 2, 'monetary amount');
  const cur = currency ?? 'USD';

  // Choose the ADX sign convention that ties the lines to BPR02.
  const rmrSum = drafts.filter((d) => d.kind === 'RMR').reduce((s, d) => s + d.amount, 0);
  const adx = drafts.filter((d) => d.kind === 'ADX');
  const conventions: Array<[Convention, (a: number) => number]> = [
    ['as written', (a) => a],
    ['every ADX reduces the payment', (a) => -Math.abs(a)],
    ['ADX signs reversed', (a) => -a],
  ];
  const sumWith = (f: (a: number) => number) => rmrSum + adx.reduce((s, d) => s + f(d.amount), 0);
  let chosen = conventions.find(([, f]) => sumWith(f) === total) ?? null;
  if (!chosen) {
    chosen = conventions[0]!;
    notes.push(`payment ${paymentNumber} (${where}): its lines sum to ${centsToDecimal(sumWith(chosen[1]), cur)} but BPR02 is ${centsToDecimal(total, cur)}`
      + ` (gap ${centsToDecimal(total - sumWith(chosen[1]), cur)}); no ADX sign convention ties out, so the source signs are kept`);
  } else if (chosen[0] !== 'as written' && adx.length > 0) {
    notes.push(`payment ${paymentNumber} (${where}): ADX amounts read as "${chosen[0]}" because that ties the lines to BPR02 ${centsToDecimal(total, cur)};`
      + ` as written they would sum to ${centsToDecimal(sumWith(conventions[0]![1]), cur)}`);
  }
  const sign = chosen[1];

  const payment: PaymentRecord = {
    kind: 'payment',
    location: where,
    paymentNumber,
    paymentDate: optDate(bpr, 16, 'effective entry date'),
    currency: cur,
    amountCents: total,
    invoiceCurrency: null,
    amountInvoiceCurrencyCents: null,
    exchangeRate: null,
    paymentType: opt(bpr, 1),
    status: null,
    voidedReason: null,
    method: opt(bpr, 4),
    payer,
    payee,
    vendorCode,
    hiddenLines: false,
    raw: joinRaw(header),
  };
  const lines: RemitLineRecord[] = drafts.map((d) => {
    const location = `${where}, segment ${d.seg.pos} (${d.kind})`;
    if (d.kind === 'RMR') {
      const docNumber = d.docNumber!;
      const gross = d.gross ?? d.amount + d.discount;
      return {
        kind: 'remit_line', location, paymentNumber, docNumber, docDate: d.docDate, description: null,
        doc: classifyDocument(docNumber, null, gross), currency: cur, invoiceAmountCents: gross, withholdingCents: 0,
        discountCents: d.discount, paidCents: d.amount, remainingCents: null, transactionType: d.qualifier, reference: d.reference,
        originalInvoice: null, reasonCode: null, poNumber: d.poNumber, raw: joinRaw(d.texts),
      };
    }
    const amount = sign(d.amount);
    const docNumber = d.docNumber ?? d.parentDoc ?? '';
    const reason = d.reasonCode ? ADX_REASONS[d.reasonCode] : undefined;
    const description = d.reasonCode ? `adjustment ${d.reasonCode}${reason ? ` (${reason})` : ''}` : 'adjustment';
    return {
      kind: 'remit_line', location, paymentNumber, docNumber, docDate: d.docDate, description,
      doc: classifyDocument(docNumber, description, amount), currency: cur, invoiceAmountCents: amount, withholdingCents: 0,
      discountCents: 0, paidCents: amount, remainingCents: null, transactionType: d.qualifier, reference: d.reference,
      originalInvoice: d.docNumber === null ? d.parentDoc : null, reasonCode: d.reasonCode, poNumber: d.poNumber, raw: joinRaw(d.texts),
    };
  });
  return { records: [payment, ...lines], rejects: [], notes };
};
