// ANSI X12 writers for the generated documents: 850 purchase orders (Amazon → vendor), 856 ASNs
// and 810 invoices (vendor → Amazon), 820 remittance advice (Amazon → vendor). One interchange
// per file with one functional group; control numbers and counts are exact (ISA13 = IEA02,
// GS06 = GE02, ST02 = SE02, SE01 = segments from ST to SE, GE01 = transactions).
import type { IsoDate } from '../../shared/dates';
import type { GenInvoice, GenPayment, GenPo, GenShipment } from './model';
import { cost, dec, ymd } from './text';
import { TERMS, VENDOR } from './scenario';

export type Segment = ReadonlyArray<string | number>;

export const SEGMENT_TERMINATOR = '~\n';

export function segment(s: Segment): string {
  const parts = s.map(String);
  while (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  return parts.join('*') + SEGMENT_TERMINATOR;
}

export interface EnvelopeOptions {
  sender: string;
  receiver: string;
  /** GS01: PO (850), SH (856), IN (810), RA (820). */
  functionalId: 'PO' | 'SH' | 'IN' | 'RA';
  version: '004010' | '005010';
  date: IsoDate;
  control: number;
}

export class X12Envelope {
  private count = 0;

  constructor(private readonly o: EnvelopeOptions) {}

  get transactions(): number {
    return this.count;
  }

  header(): string {
    const d = ymd(this.o.date);
    const ctl = String(this.o.control).padStart(9, '0');
    const isa = [
      'ISA', '00', ' '.repeat(10), '00', ' '.repeat(10), 'ZZ', this.o.sender.padEnd(15), 'ZZ', this.o.receiver.padEnd(15), d.slice(2), '0800',
      this.o.version === '005010' ? '^' : 'U', this.o.version === '005010' ? '00501' : '00401', ctl, '0', 'P', '>',
    ];
    return isa.join('*') + SEGMENT_TERMINATOR + segment(['GS', this.o.functionalId, this.o.sender, this.o.receiver, d, '0800', this.o.control, 'X', this.o.version]);
  }

  /** ST … SE around the body; SE01 counts ST and SE too. */
  transaction(setId: '850' | '810' | '856' | '820', body: readonly Segment[]): string {
    const ctl = String(++this.count).padStart(4, '0');
    let out = segment(['ST', setId, ctl]);
    for (const s of body) out += segment(s);
    return out + segment(['SE', body.length + 2, ctl]);
  }

  trailer(): string {
    return segment(['GE', this.count, this.o.control]) + segment(['IEA', 1, String(this.o.control).padStart(9, '0')]);
  }
}

export function po850(po: GenPo): Segment[] {
  const segs: Segment[] = [
    ['BEG', '00', 'SA', po.poNumber, '', ymd(po.orderDate)],
    ['CUR', 'BY', 'USD'],
    ['DTM', '064', ymd(po.windowStart)],
    ['DTM', '063', ymd(po.windowEnd)],
    ['N1', 'ST', '', '92', po.fc],
    ['N1', 'SE', VENDOR.name, '92', VENDOR.code],
  ];
  for (const l of po.lines) {
    segs.push(['PO1', l.lineNo, l.amount, l.uom, cost(l.costE4), 'PE', 'BP', l.item.asin, 'VN', l.item.sku, 'UP', l.item.upc]);
    segs.push(['PO4', l.caseSize]);
  }
  segs.push(['CTT', po.lines.length]);
  return segs;
}

export function invoice810(inv: GenInvoice): Segment[] {
  const pos = [...new Set(inv.lines.map((l) => l.poNumber))];
  const segs: Segment[] = [
    ['BIG', ymd(inv.invoiceDate), inv.invoiceNumber, '', pos.length === 1 ? pos[0]! : '', '', '', 'DI'],
    ['CUR', 'SE', 'USD'],
    ['REF', 'VR', VENDOR.code],
    ['N1', 'RI', VENDOR.name, '92', VENDOR.code],
    ['N1', 'ST', '', '92', inv.fc],
    ['ITD', '08', '3', TERMS.discountBp / 100, '', TERMS.discountDays, '', TERMS.netDays],
    ['DTM', '011', ymd(inv.shipDate)],
  ];
  for (const l of inv.lines) {
    // Quantities in eaches at the each price: the safe way Amazon asks vendors to invoice.
    segs.push(['IT1', l.lineNo, l.each, 'EA', cost(l.costE4), 'NT', 'BP', l.item.asin, 'VN', l.item.sku, 'PO', l.poNumber]);
  }
  segs.push(['TDS', inv.totalCents]);
  segs.push(['CTT', inv.lines.length]);
  return segs;
}

/** 856 in the Shipment / Order / Pack / Item hierarchy (BSN05 0001), one carton per pack. */
export function asn856(s: GenShipment): Segment[] {
  const cartons = s.lines.length;
  const segs: Segment[] = [
    ['BSN', '00', s.shipmentId, ymd(s.shipDate), '0800', '0001'],
    ['HL', 1, '', 'S'],
    ['TD1', 'CTN25', cartons],
    ['TD5', '', '2', s.scac],
    ['REF', 'BM', s.bol],
    ['REF', 'CN', s.pro],
    ['DTM', '011', ymd(s.shipDate)],
    ['DTM', '017', ymd(s.deliveryDate)],
    ['N1', 'SF', VENDOR.name, '92', VENDOR.code],
    ['N1', 'ST', '', '92', s.fc],
  ];
  let hl = 1;
  const byPo = new Map<string, typeof s.lines>();
  for (const l of s.lines) {
    const arr = byPo.get(l.poNumber) ?? [];
    arr.push(l);
    byPo.set(l.poNumber, arr);
  }
  for (const [po, lines] of byPo) {
    const orderHl = ++hl;
    segs.push(['HL', orderHl, 1, 'O']);
    segs.push(['PRF', po]);
    for (const l of lines) {
      const packHl = ++hl;
      segs.push(['HL', packHl, orderHl, 'P']);
      segs.push(['MAN', 'GM', l.sscc]);
      segs.push(['HL', ++hl, packHl, 'I']);
      segs.push(['LIN', '', 'BP', l.item.asin, 'VN', l.item.sku]);
      segs.push(['SN1', '', l.amount, l.uom]);
      if (l.uom === 'CA') segs.push(['PO4', l.caseSize]);
    }
  }
  segs.push(['CTT', hl]);
  return segs;
}

/**
 * 820: invoices and Amazon claims (which carry a terms discount) as RMR with RMR04 net paid,
 * RMR05 gross and RMR06 discount; chargebacks, agreements and other deductions as ADX with the
 * document in ADX04. BPR02 = Σ RMR04 + Σ ADX01 (the payment ties out).
 */
export function remit820(p: GenPayment): Segment[] {
  const segs: Segment[] = [
    ['BPR', 'I', dec(p.amountCents), 'C', 'ACH', 'CTX', '01', '021000021', 'DA', '4410076520', '1234567890', '', '01', '026009593', 'DA', '8830012754', ymd(p.date)],
    ['TRN', '1', p.paymentNumber],
    ['DTM', '009', ymd(p.date)],
    ['N1', 'PR', 'AMAZON.COM SERVICES LLC', '92', 'AMAZON'],
    ['N1', 'PE', VENDOR.name, '92', VENDOR.code],
    ['REF', 'VR', VENDOR.code],
    ['ENT', 1],
  ];
  for (const l of p.lines) {
    if (l.kind === 'invoice' || l.kind === 'claim' || l.kind === 'reversal') {
      segs.push(['RMR', l.kind === 'invoice' ? 'IV' : 'CM', l.docNumber, 'PI', dec(l.paidCents), dec(l.invoiceAmountCents), dec(l.discountCents)]);
      segs.push(['REF', 'ZZ', l.description]);
      segs.push(['DTM', '003', ymd(l.docDate)]);
    } else {
      segs.push(['ADX', dec(l.paidCents), l.adxCode ?? 'ZZ', l.paidCents < 0 ? 'CM' : 'DB', l.docNumber]);
      segs.push(['REF', 'ZZ', l.description]);
      segs.push(['DTM', '003', ymd(l.docDate)]);
    }
  }
  return segs;
}
