// 810 invoice → InvoiceRecord: BIG header, parties, ITD terms, IT1 lines (with PO4 pack and
// line-level SAC), header SAC and TXI, TDS total checked against the lines.
import type { ChargeRecord, InvoiceLineRecord, InvoiceRecord } from '../records';
import { centsToDecimal } from '../../shared/money';
import { addDays } from '../../shared/dates';
import type { Mapper } from './common';
import { eaches, joinRaw, lineNumber, PackCheck, priceLine } from './common';
import {
  EdiFieldError, currencyOf, opt, optCents, optDate, optImplied, optInt, partyId, readIds, req, reqCostE4, reqDate, reqImplied, reqQty,
} from './fields';
import type { Segment } from './reader';

interface OpenLine {
  seg: Segment;
  lineNo: number;
  qty: number;
  uom: string | null;
  priceE4: number;
  basis: string | null;
  caseSize: number | null;
  texts: string[];
}

export const map810: Mapper = (tx, ctx, where) => {
  const notes: string[] = [];
  let big: Segment | null = null;
  let tds: Segment | null = null;
  let currency: string | null = null;
  const header: string[] = [];
  const inv = {
    remitTo: null as string | null, vendorCode: null as string | null, shipTo: null as string | null, shipFrom: null as string | null,
    terms: null as string | null, discountPercentBp: null as number | null, discountDays: null as number | null, netDays: null as number | null,
    discountDate: null as string | null, dueDate: null as string | null,
  };
  const lines: InvoiceLineRecord[] = [];
  const charges: ChargeRecord[] = [];
  const seen = new Set<number>();
  let open: OpenLine | null = null;
  /** The first IT1 billing a negative quantity: allowed on a credit memo only (checked once BIG07 is known). */
  let negativeLine: { seg: Segment; qty: string } | null = null;
  let totalCents = 0;
  const packs = new PackCheck();

  const closeLine = () => {
    if (!open) return;
    const o = open;
    open = null;
    const qty = eaches(o.qty, o.uom, o.caseSize);
    packs.see(qty, o.lineNo);
    const { unitCostE4, amountCents } = priceLine(qty, o.priceE4, o.basis);
    const { ids, poNumber } = readIds(o.seg, 6);
    lines.push({ lineNo: o.lineNo, poNumber, ids, qty, unitCostE4, amountCents, raw: joinRaw(o.texts) });
  };

  for (const seg of tx.segments) {
    switch (seg.id) {
      case 'BIG':
        big = seg;
        header.push(seg.text);
        break;
      case 'CUR':
        currency = currencyOf(seg, currency);
        header.push(seg.text);
        break;
      case 'REF':
        if (!open && (opt(seg, 1) === 'IA' || opt(seg, 1) === 'VR')) inv.vendorCode ??= opt(seg, 2);
        if (open) open.texts.push(seg.text);
        else header.push(seg.text);
        break;
      case 'N1': {
        const q = opt(seg, 1);
        if (q === 'RI') {
          inv.remitTo = opt(seg, 2) ?? opt(seg, 4);
          if (opt(seg, 4)) inv.vendorCode = opt(seg, 4);
        } else if (q === 'ST') inv.shipTo = partyId(seg);
        else if (q === 'SF') inv.shipFrom = partyId(seg);
        else if (q === 'VN' || q === 'SU') inv.vendorCode ??= opt(seg, 4);
        header.push(seg.text);
        break;
      }
      case 'ITD': {
        const pct = opt(seg, 3);
        if (pct !== null) {
          const bp = optCents(seg, 3, 'terms discount percent');
          inv.discountPercentBp = bp;
        }
        inv.discountDate = optDate(seg, 4, 'terms discount due date');
        inv.discountDays = optInt(seg, 5, 'terms discount days due');
        inv.dueDate = optDate(seg, 6, 'terms net due date');
        inv.netDays = optInt(seg, 7, 'terms net days');
        inv.terms = opt(seg, 12);
        header.push(seg.text);
        break;
      }
      case 'IT1': {
        closeLine();
        const lineNo = lineNumber(opt(seg, 1), lines.length + 1);
        if (seen.has(lineNo)) throw new EdiFieldError(seg, 'IT101 (line number)', `IT101 line number ${lineNo} appears twice in the invoice`);
        seen.add(lineNo);
        const qty = reqQty(seg, 2, 'quantity invoiced', true);
        if (qty < 0 && !negativeLine) negativeLine = { seg, qty: opt(seg, 2)! };
        open = {
          seg, lineNo, qty, uom: opt(seg, 3)?.toUpperCase() ?? null,
          priceE4: reqCostE4(seg, 4, 'unit price'), basis: opt(seg, 5)?.toUpperCase() ?? null, caseSize: null, texts: [seg.text],
        };
        break;
      }
      case 'PO4':
        if (open) {
          open.caseSize = optInt(seg, 1, 'pack (units per case)');
          open.texts.push(seg.text);
        }
        break;
      case 'SAC': {
        const code = opt(seg, 1);
        if (code === 'A' || code === 'C') {
          const amount = optImplied(seg, 5, 'allowance or charge amount');
          if (amount !== null) {
            const desc = opt(seg, 15);
            charges.push({ type: code === 'A' ? 'allowance' : 'charge', code: opt(seg, 2), description: open ? `line ${open.lineNo}${desc ? `: ${desc}` : ''}` : desc, amountCents: amount });
          }
        }
        if (open) open.texts.push(seg.text);
        else header.push(seg.text);
        break;
      }
      case 'TXI': {
        const amount = optCents(seg, 2, 'tax amount');
        if (amount !== null && amount !== 0) charges.push({ type: 'charge', code: `TAX ${opt(seg, 1) ?? ''}`.trim(), description: 'tax (TXI)', amountCents: amount });
        if (open) open.texts.push(seg.text);
        else header.push(seg.text);
        break;
      }
      case 'TDS':
        closeLine();
        tds = seg;
        totalCents = reqImplied(seg, 1, 'total invoice amount');
        header.push(seg.text);
        break;
      case 'CTT':
        closeLine();
        header.push(seg.text);
        break;
      default:
        // Unknown or unused segments are skipped; a line's own segments stay in its raw text.
        if (open && seg.id !== 'SE') open.texts.push(seg.text);
    }
  }
  closeLine();

  if (!big) throw new EdiFieldError(tx.segments[0]!, 'BIG', 'the 810 has no BIG (beginning of invoice) segment');
  const invoiceDate = reqDate(big, 1, 'invoice date');
  const invoiceNumber = req(big, 2, 'invoice number');
  const typeCode = opt(big, 7);
  const isCredit = typeCode === 'CR' || typeCode === 'CN';
  // Credit lines are negative on a credit memo; on an invoice they would silently net the bill down.
  if (negativeLine && !isCredit) {
    const n = negativeLine;
    throw new EdiFieldError(n.seg, 'IT102 (quantity invoiced)',
      `invoice ${invoiceNumber}: IT102 (quantity invoiced) "${n.qty}" is negative but BIG07 (transaction type) ${typeCode ? `is "${typeCode}"` : 'is empty'}, not CR or CN (credit memo): an invoice bills a quantity of 0 or more; credits belong on a credit memo`);
  }
  if (!tds) throw new EdiFieldError(tx.segments[tx.segments.length - 1]!, 'TDS', `invoice ${invoiceNumber} has no TDS (total monetary value) segment`);

  const lineSum = lines.reduce((s, l) => s + l.amountCents, 0);
  const allowances = charges.filter((c) => c.type === 'allowance').reduce((s, c) => s + c.amountCents, 0);
  const chargeSum = charges.filter((c) => c.type === 'charge').reduce((s, c) => s + c.amountCents, 0);
  const expected = lineSum + chargeSum - allowances;
  if (expected !== totalCents) {
    const cur = currency ?? 'USD';
    throw new EdiFieldError(tds, 'TDS01 (total invoice amount)',
      `invoice ${invoiceNumber}: TDS01 total ${centsToDecimal(totalCents, cur)} does not equal its lines ${centsToDecimal(lineSum, cur)}`
      + ` + charges ${centsToDecimal(chargeSum, cur)} − allowances ${centsToDecimal(allowances, cur)} = ${centsToDecimal(expected, cur)}`
      + ` (difference ${centsToDecimal(totalCents - expected, cur)})`);
  }

  if (inv.dueDate === null && inv.netDays !== null) inv.dueDate = addDays(invoiceDate, inv.netDays);
  if (inv.discountDate === null && inv.discountDays !== null && inv.discountPercentBp) inv.discountDate = addDays(invoiceDate, inv.discountDays);
  if (inv.terms === null && (inv.netDays !== null || inv.discountPercentBp)) {
    inv.terms = [inv.discountPercentBp ? `${inv.discountPercentBp / 100}% ${inv.discountDays ?? 0}` : null, inv.netDays !== null ? `NET ${inv.netDays}` : null]
      .filter(Boolean).join(' ');
  }
  if (!currency) notes.push(`${ctx.fileName}: invoices without a CUR segment are read as USD`);

  const linePos = new Set(lines.map((l) => l.poNumber).filter((p): p is string => p !== null));
  const poNumber = opt(big, 4) ?? (linePos.size === 1 ? [...linePos][0]! : null);
  const record: InvoiceRecord = {
    kind: 'invoice',
    location: where,
    invoiceNumber,
    invoiceType: isCredit ? 'credit_note' : 'invoice',
    invoiceDate,
    dueDate: inv.dueDate,
    discountPercentBp: inv.discountPercentBp,
    discountDays: inv.discountDays,
    discountDate: inv.discountDate,
    netDays: inv.netDays,
    terms: inv.terms,
    currency: currency ?? 'USD',
    totalCents,
    vendorCode: inv.vendorCode,
    remitTo: inv.remitTo,
    shipTo: inv.shipTo,
    shipFrom: inv.shipFrom,
    poNumber,
    status: null,
    lines,
    charges,
    raw: joinRaw(header),
  };
  // Lines that name no PO inherit the invoice's (BIG04).
  if (record.poNumber) for (const l of lines) l.poNumber ??= record.poNumber;
  notes.push(...packs.notes(`invoice ${invoiceNumber} (${where})`));
  return { records: [record], rejects: [], notes };
};
