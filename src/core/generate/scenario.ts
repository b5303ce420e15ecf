// The simulated vendor business: POs → shipments (ASNs with cartons) → invoices → receipts →
// weekly remittances with terms discounts and Amazon's deductions, in date order, with a controlled
// rate of every finding type of FINDINGS.md planted in it and recorded in the ground truth.
//
// It is a generator of events so the caller can stream them to files with back-pressure: memory
// holds only the payment runs still open (about six weeks of remittance lines) and the truth.
//
// How a planted situation stays unambiguous: it sits on a cluster that is not split across
// shipments, it changes one PO+ASIN (or one invoice, or one Amazon document), and every quantity
// pair on that PO+ASIN (ordered, shipped, invoiced, received) that differs is checked not to
// differ by the case pack (ratio or difference), so nothing but the intended finding can fire.
import type { Cents, CostE4 } from '../../shared/money';
import { lineAmountCents } from '../../shared/money';
import { dayNumberToIso, isoToDayNumber, type IsoDate } from '../../shared/dates';
import { Rng, ALNUM, DIGITS, UPPER } from './prng';
import type {
  Family, FindingType, GenInvLine, GenInvoice, GenPayment, GenPo, GenPoLine, GenPoStatus, GenRemitLine, GenShipLine, GenShipment,
  Item, RemitFormat, RemitKind, Truth, TruthFinding, TruthSituation, TruthTrap,
} from './model';

export interface GenerateOptions {
  seed: string;
  /** Size of the data set, in invoice lines. */
  invoiceLines: number;
  /** First order day (ISO); default 2026-03-02. */
  start?: IsoDate;
}

export type GenEvent =
  | { type: 'po'; po: GenPo }
  | { type: 'status'; status: GenPoStatus }
  | { type: 'shipment'; shipment: GenShipment }
  | { type: 'invoice'; invoice: GenInvoice }
  | { type: 'payment'; payment: GenPayment };

export const VENDOR = { code: 'NWHG7', name: 'NORTHWIND HOME GOODS LLC', duns: '081466849', gs1Prefix: '0614141' } as const;
export const TERMS = { discountBp: 200, discountDays: 30, netDays: 60, text: '2% 30 Net 60' } as const;
export const GRACE_DAYS = 7;
export const CURRENCY = 'USD';

const FCS = ['ABE8', 'AVP1', 'BFI4', 'CLT2', 'DFW7', 'IND9', 'MDW2', 'ONT8', 'PHX6', 'SDF8', 'TPA1', 'LGB8'];
const SCACS = ['UPSN', 'FXFE', 'ODFL', 'SAIA', 'RLCA', 'ABFS', 'ESTE', 'YFSY'];
const CASE_SIZES = [4, 6, 6, 8, 12, 12, 12, 24, 24, 36, 48];
const NOUNS = ['Towel Set', 'Storage Bin', 'Cutting Board', 'Mixing Bowl', 'Shower Caddy', 'Hangers', 'Candle', 'Mug Set', 'Doormat', 'Throw Pillow', 'Picture Frame', 'Lunch Box', 'Spice Rack', 'Laundry Basket'];
const ADJS = ['Bamboo', 'Ceramic', 'Linen', 'Steel', 'Cotton', 'Acacia', 'Glass', 'Woven', 'Matte', 'Classic'];
const CHARGEBACKS: ReadonlyArray<readonly [string, string]> = [
  ['PO On-Time Accuracy', 'ZZ'], ['Prep-Bagging', 'ZZ'], ['Ship In Own Container', 'ZZ'], ['Carton content label', 'ZZ'],
  ['ASN Accuracy', 'ZZ'], ['Overage PO units', 'ZZ'], ['Unconfirmed PO units', 'ZZ'],
];
const AGREEMENTS: ReadonlyArray<readonly [string, string]> = [['Co-op', '56'], ['Damage Allowance', '04'], ['Volume Incentive', '57'], ['Co-op - Marketing', '56']];

type ClusterKind =
  | 'SC_DISPUTABLE' | 'SC_VALID' | 'PC_VALID' | 'PC_DISPUTABLE' | 'UOM' | 'UNPAID' | 'SHORT_PAID' | 'OVERPAID' | 'DUP_PAYMENT'
  | 'INVOICE_WITHOUT_ASN' | 'IMTS' | 'ASN_NOT_INVOICED' | 'CLAIM_REVERSED';
type LooseKind = 'CHARGEBACK' | 'COOP' | 'DUP_DEDUCTION' | 'UNMATCHED' | 'PROVISION';

const CLUSTER_WEIGHTS: ReadonlyArray<readonly [ClusterKind, number]> = [
  ['SC_DISPUTABLE', 25], ['SC_VALID', 8], ['PC_VALID', 8], ['PC_DISPUTABLE', 6], ['UOM', 5], ['UNPAID', 5], ['SHORT_PAID', 6],
  ['OVERPAID', 4], ['DUP_PAYMENT', 4], ['INVOICE_WITHOUT_ASN', 5], ['IMTS', 5], ['ASN_NOT_INVOICED', 5], ['CLAIM_REVERSED', 10],
];
/** Share of clusters that carry a planted situation once every kind has been placed. */
const PLANT_RATE = 0.1;
const LOOSE_RATES: ReadonlyArray<readonly [LooseKind, number]> = [
  ['CHARGEBACK', 0.05], ['COOP', 0.012], ['DUP_DEDUCTION', 0.003], ['UNMATCHED', 0.004], ['PROVISION', 0.003],
];
const TIE_OUT_RATE = 0.04;
/** Cap per trap kind kept in truth.json (the rest are counted). */
const TRAP_CAP = 200;

interface LinePlan {
  po: GenPo;
  line: GenPoLine;
  shipEach: number;
  invoiceEach: number;
  invoiceCostE4: CostE4;
  receivedEach: number;
  onAsn: boolean;
  onInvoice: boolean;
  receiptMissing: boolean;
  /** Ship in whole cases so the ASN carries the physical case pack (the UOM situation needs it). */
  forceCases?: boolean;
}

interface RunAcc {
  day: number;
  lines: GenRemitLine[];
  /** Holds a sliced document: stays in a spreadsheet format (an 820 ADX cannot carry the document amount). */
  sliced: boolean;
  paymentNumber: string | null;
}

interface PendingFinding {
  f: TruthFinding;
  run: RunAcc | null;
}

/** Half-to-even percentage in basis points of an amount in cents. */
export function pctBp(amount: Cents, bp: number): Cents {
  const p = amount * bp;
  const sign = p < 0 ? -1 : 1;
  const abs = Math.abs(p);
  const whole = Math.floor(abs / 10000);
  const rem = abs % 10000;
  let r = whole;
  if (rem > 5000 || (rem === 5000 && whole % 2 === 1)) r += 1;
  return sign * r || 0;
}

/** Two quantities of one PO+ASIN that differ must not differ by the case pack (ratio or difference). */
export function uomSafe(qtys: readonly number[], caseSize: number): boolean {
  for (let i = 0; i < qtys.length; i++) {
    for (let j = i + 1; j < qtys.length; j++) {
      const a = qtys[i]!;
      const b = qtys[j]!;
      if (a === b || a === 0 || b === 0) continue;
      if (a === b * caseSize || b === a * caseSize || Math.abs(a - b) === caseSize) return false;
    }
  }
  return true;
}

export function sizeProfile(invoiceLines: number): { days: number; runsPerWeek: 1 | 2; chunkByMonth: boolean; catalog: number } {
  const n = invoiceLines;
  return {
    days: n < 5000 ? 60 : n < 50000 ? 120 : 365,
    runsPerWeek: n < 5000 ? 1 : 2,
    chunkByMonth: n > 20000,
    catalog: Math.max(30, Math.min(3000, Math.round(n / 150))),
  };
}

export function* generateBusiness(options: GenerateOptions): Generator<GenEvent, Truth> {
  const rng = new Rng(`recoup:${options.seed}`);
  const N = Math.max(1, Math.floor(options.invoiceLines));
  const profile = sizeProfile(N);
  const startDay = isoToDayNumber(options.start ?? '2026-03-02');
  const endOrderDay = startDay + profile.days;
  const asOfDay = endOrderDay + 30;
  const asOf = dayNumberToIso(asOfDay);
  const iso = (d: number) => dayNumberToIso(d);
  const chunkOf = (day: number) => (profile.chunkByMonth ? iso(day).slice(0, 7) : 'all');

  // ---- identifiers ----------------------------------------------------------------------------
  const used = new Set<string>();
  const unique = (make: () => string): string => {
    for (;;) {
      const v = make();
      if (!used.has(v)) {
        used.add(v);
        return v;
      }
    }
  };
  const poNumber = () => unique(() => rng.chars(1, '123456789') + rng.chars(6, ALNUM) + rng.chars(1, UPPER));
  let invoiceSeq = 100000 + rng.int(0, 800000);
  const invoiceNumber = () => `NW${String(++invoiceSeq).padStart(7, '0')}`;
  let shipmentSeq = rng.int(10000, 90000);
  const shipmentId = () => `SH${++shipmentSeq}`;
  let ssccSerial = rng.int(100000, 900000);
  const sscc = () => {
    const body = `0${VENDOR.gs1Prefix}${String(++ssccSerial).padStart(9, '0')}`;
    return `00${body}${gs1Check(body)}`;
  };
  let paymentSeq = 367000000 + rng.int(0, 400000);
  const chargebackNo = () => unique(() => `${rng.chars(1, '123456789')}${rng.digits(9)}VCBSINV`);
  const agreementNo = () => unique(() => `${rng.chars(1, '123456789')}${rng.digits(3)}-${rng.chars(1, '123456789')}${rng.digits(9)}`);

  // ---- catalog ---------------------------------------------------------------------------------
  const catalog: Item[] = [];
  for (let i = 0; i < profile.catalog; i++) {
    const asin = unique(() => `B0${rng.chars(8, ALNUM)}`);
    const dollars = Math.round(2 + rng.float() * rng.float() * 70);
    const cents = dollars * 100 + rng.pick([0, 49, 99, 25, 50, 75, 19, 89]);
    catalog.push({
      asin,
      sku: `NW-${rng.chars(3, UPPER)}-${String(1000 + i)}`,
      upc: upcWithCheck(`8${rng.digits(10)}`),
      caseSize: rng.pick(CASE_SIZES),
      costE4: cents * 100,
      title: `${rng.pick(ADJS)} ${rng.pick(NOUNS)}`,
    });
  }

  // ---- payment runs ----------------------------------------------------------------------------
  const isRunDay = (d: number) => {
    const w = (((d - startDay) % 7) + 7) % 7;
    return profile.runsPerWeek === 1 ? w === 1 : w === 1 || w === 4;
  };
  const runOnOrBefore = (d: number) => {
    let x = d;
    while (!isRunDay(x)) x--;
    return x;
  };
  const runAfter = (d: number) => {
    let x = d + 1;
    while (!isRunDay(x)) x++;
    return x;
  };
  const runs = new Map<number, RunAcc>();
  const run = (day: number): RunAcc => {
    let r = runs.get(day);
    if (!r) {
      r = { day, lines: [], sliced: false, paymentNumber: null };
      runs.set(day, r);
    }
    return r;
  };
  const addLine = (day: number, line: GenRemitLine): RunAcc => {
    if (day > asOfDay) throw new Error(`internal: remittance line ${line.docNumber} scheduled after the as-of date`);
    const r = run(day);
    r.lines.push(line);
    return r;
  };

  // ---- truth -----------------------------------------------------------------------------------
  const pending: PendingFinding[] = [];
  const situations: TruthSituation[] = [];
  const traps: TruthTrap[] = [];
  const trapCounts: Record<string, number> = {};
  const counts: Record<string, number> = {};
  const bump = (k: string, by = 1) => {
    counts[k] = (counts[k] ?? 0) + by;
  };
  let situationSeq = 0;
  const situation = (kind: string, family: Family | null, description: string): string => {
    const id = `S${String(++situationSeq).padStart(5, '0')}`;
    situations.push({ id, kind, family, description });
    return id;
  };
  const expect = (sit: string, type: FindingType, amount: Cents, keys: Partial<Omit<TruthFinding, 'situation' | 'type' | 'amount_cents'>>, paidIn: RunAcc | null = null) => {
    if (amount <= 0) throw new Error(`internal: planted ${type} with amount ${amount}`);
    pending.push({
      f: {
        situation: sit, type, invoice_number: keys.invoice_number ?? null, claim_number: keys.claim_number ?? null,
        po_number: keys.po_number ?? null, asin: keys.asin ?? null, payment_number: null, amount_cents: amount,
      },
      run: paidIn,
    });
  };
  let trapSeq = 0;
  const trap = (kind: string, description: string, keys: Partial<Omit<TruthTrap, 'id' | 'kind' | 'description'>>) => {
    trapCounts[kind] = (trapCounts[kind] ?? 0) + 1;
    if (trapCounts[kind]! > TRAP_CAP) return;
    traps.push({
      id: `T${String(++trapSeq).padStart(5, '0')}`, kind, description, invoice_number: keys.invoice_number ?? null,
      claim_number: keys.claim_number ?? null, po_number: keys.po_number ?? null, payment_number: keys.payment_number ?? null,
    });
  };

  // Every kind is planted early (the most date-constrained first), then at random rates.
  const forcedCluster: ClusterKind[] = ['UNPAID', 'CLAIM_REVERSED', 'DUP_PAYMENT', 'SC_DISPUTABLE', 'SC_VALID', 'PC_VALID', 'PC_DISPUTABLE',
    'SHORT_PAID', 'OVERPAID', 'UOM', 'INVOICE_WITHOUT_ASN', 'IMTS', 'ASN_NOT_INVOICED'];
  if (N >= 2000) forcedCluster.push(...forcedCluster.slice());
  const forcedLoose: LooseKind[] = ['CHARGEBACK', 'COOP', 'DUP_DEDUCTION', 'UNMATCHED', 'PROVISION', 'CHARGEBACK', 'COOP', 'DUP_DEDUCTION', 'CHARGEBACK'];
  const forcedTraps = new Set(['SPLIT', 'PARTIAL_FILL', 'INVOICE_SLICED', 'LATE_NO_DISCOUNT', 'SC_SLICED', 'SC_NO_RECEIPT', 'SC_MULTI_ASIN', 'PC_PLUS_EXCESS']);
  let forcedTieOuts = 2;

  // ---- remittance writers ----------------------------------------------------------------------
  const invLine = (inv: GenInvoice, discount: Cents, paid: Cents, remaining: Cents, amount = inv.totalCents): GenRemitLine => ({
    docNumber: inv.invoiceNumber, docDate: inv.invoiceDate, description: `${inv.lines[0]?.poNumber ?? ''}/${inv.fc}`,
    kind: 'invoice', invoiceAmountCents: amount, discountCents: discount, paidCents: paid, remainingCents: remaining, adxCode: null,
  });
  const claimLine = (doc: string, docDay: number, description: string, kind: RemitKind, gross: Cents, discount: Cents, paid: Cents, remaining: Cents, adx: string | null = null): GenRemitLine => ({
    docNumber: doc, docDate: iso(docDay), description, kind, invoiceAmountCents: gross, discountCents: discount, paidCents: paid,
    remainingCents: remaining, adxCode: adx,
  });
  /** The usual payment of an invoice: at the last run on or before its discount date, discount taken. */
  const payInvoice = (inv: GenInvoice): RunAcc | null => {
    const day = runOnOrBefore(isoToDayNumber(inv.discountDate));
    if (day > asOfDay) return null;
    const d = pctBp(inv.totalCents, TERMS.discountBp);
    return addLine(day, invLine(inv, d, inv.totalCents - d, 0));
  };
  const shortageDesc = (root: string) => `Shortage Claim for Invoice - ${root}`;
  const priceDesc = (root: string) => `Price Claim for Invoice - ${root} FOR PPV`;

  // ---- clusters --------------------------------------------------------------------------------
  let linesWritten = 0;
  let clusterNo = 0;
  const pendingForced = forcedCluster.slice();
  const pendingLoose = forcedLoose.slice();

  while (linesWritten < N) {
    const orderDay = startDay + Math.floor((linesWritten * profile.days) / N);
    // Close every payment run no later event can reach: events land ≥ 20 days after an order.
    yield* flushRuns(orderDay + 20);
    clusterNo++;
    const family: Family = rng.weighted([['edi', 4], ['spapi', 3], ['csv', 3]]);
    const fc = rng.pick(FCS);
    const chunk = chunkOf(orderDay);
    const nPo = rng.weighted([[1, 55], [2, 30], [3, 15]]);
    const pos: GenPo[] = [];
    const plans: LinePlan[] = [];
    for (let p = 0; p < nPo; p++) {
      const po: GenPo = {
        poNumber: poNumber(), family, chunk, orderDate: iso(orderDay), windowStart: iso(orderDay + 3), windowEnd: iso(orderDay + 10), fc, lines: [],
      };
      const nLines = rng.weighted([[1, 12], [2, 18], [3, 20], [4, 16], [5, 12], [6, 9], [7, 7], [8, 6]]);
      const picked = new Set<Item>();
      while (picked.size < Math.min(nLines, catalog.length)) picked.add(rng.pick(catalog));
      let lineNo = 0;
      for (const item of picked) {
        const cases = 1 + Math.floor(rng.float() * rng.float() * 30);
        const uom: 'CA' | 'EA' = rng.chance(0.6) ? 'CA' : 'EA';
        const each = cases * item.caseSize;
        const line: GenPoLine = {
          lineNo: ++lineNo, item, amount: uom === 'CA' ? cases : each, uom, caseSize: item.caseSize, orderedEach: each, acceptedEach: each, costE4: item.costE4,
        };
        po.lines.push(line);
        plans.push({ po, line, shipEach: each, invoiceEach: each, invoiceCostE4: item.costE4, receivedEach: each, onAsn: true, onInvoice: true, receiptMissing: false });
      }
      pos.push(po);
    }
    const shipDay = orderDay + rng.int(2, 6);
    const invDay = shipDay + (rng.chance(0.3) ? 1 : 0);
    const discountDay = invDay + TERMS.discountDays;
    const payDay = runOnOrBefore(discountDay);

    // Which situation (if any) this cluster carries.
    const fits = (k: ClusterKind): boolean => {
      switch (k) {
        case 'UNPAID': return invDay + TERMS.netDays + GRACE_DAYS < asOfDay - 1;
        case 'CLAIM_REVERSED': return payDay + 7 + 35 <= asOfDay;
        case 'DUP_PAYMENT': return payDay + 21 <= asOfDay;
        case 'SC_DISPUTABLE': case 'SC_VALID': case 'PC_VALID': case 'PC_DISPUTABLE': return payDay + 7 <= asOfDay;
        case 'SHORT_PAID': case 'OVERPAID': return payDay <= asOfDay;
        default: return true;
      }
    };
    // Lines a shortage-type situation can use: at least 4 cases.
    const bigLines = plans.filter((p) => p.line.orderedEach >= 4 * p.line.item.caseSize);
    const usable = (k: ClusterKind): boolean => {
      if (!fits(k)) return false;
      if ((k === 'SC_DISPUTABLE' || k === 'SC_VALID' || k === 'IMTS' || k === 'CLAIM_REVERSED') && bigLines.length === 0) return false;
      if (k === 'ASN_NOT_INVOICED' && plans.length < 2) return false;
      return true;
    };
    let kind: ClusterKind | null = null;
    const fi = pendingForced.findIndex(usable);
    if (fi >= 0 && (clusterNo > 1 || pendingForced[fi] === 'UNPAID')) {
      kind = pendingForced[fi]!;
      pendingForced.splice(fi, 1);
    } else if (pendingForced.length === 0 && rng.chance(PLANT_RATE)) {
      const k = rng.weighted(CLUSTER_WEIGHTS);
      if (usable(k)) kind = k;
    }
    const sit = kind ? situation(kind, family, '') : null;
    const sitObj = sit ? situations[situations.length - 1]! : null;
    const descr = (text: string) => {
      if (sitObj) sitObj.description = text;
    };
    const k = kind;
    const t: LinePlan | null = k ? (bigLines.length && k !== 'ASN_NOT_INVOICED' ? rng.pick(bigLines) : rng.pick(plans)) : null;

    // A quantity short (in eaches) that keeps every differing pair clear of the case pack.
    const pickShort = (p: LinePlan, others: (s: number) => number[]): number => {
      const cs = p.line.item.caseSize;
      const cases = p.line.orderedEach / cs;
      const tries = [2 * cs, cs, 3 * cs, Math.max(1, Math.floor(cs / 2)), cs + 1, 2 * cs + 1, 1];
      for (const s of tries) {
        if (s > 0 && s < p.line.orderedEach && s / cs < cases && uomSafe(others(s), cs)) return s;
      }
      throw new Error(`internal: no safe shortage for ${p.line.orderedEach} eaches at case ${cs}`);
    };

    // Partial fills (a trap: shipped < ordered, invoiced = shipped) on clean clusters only.
    if (!k) {
      for (const p of plans) {
        const cs = p.line.item.caseSize;
        const cases = p.line.orderedEach / cs;
        if (cases >= 3 && rng.chance(0.08)) {
          const shipCases = cases - rng.int(1, 2);
          const each = shipCases * cs;
          if (!uomSafe([p.line.orderedEach, each], cs)) continue;
          p.shipEach = each;
          p.invoiceEach = each;
          p.receivedEach = each;
          p.line.acceptedEach = each;
          trap('PARTIAL_FILL', `PO ${p.po.poNumber} ASIN ${p.line.item.asin}: ${p.line.orderedEach} ordered, ${each} shipped and invoiced — a partial fill raises nothing`, { po_number: p.po.poNumber });
        }
      }
    }

    // Apply the situation's quantity and price changes.
    let scTargets: Array<{ p: LinePlan; s: number }> = [];
    let pcDelta = 0;
    let pcExcess = 0;
    let pcClaimed = true;
    let scVariant: 'plain' | 'sliced' | 'no_receipt' = 'plain';
    let pcReversal = false;
    if (k && t) {
      const cs = t.line.item.caseSize;
      const Q = t.line.orderedEach;
      switch (k) {
        case 'SC_DISPUTABLE': {
          const s = pickShort(t, (s) => [Q, Q, Q, Q - s]);
          t.receivedEach = Q - s;
          scTargets = [{ p: t, s }];
          const others = bigLines.filter((p) => p !== t);
          if ((forcedTraps.delete('SC_MULTI_ASIN') || rng.chance(0.15)) && others.length) {
            const p2 = rng.pick(others);
            const s2 = pickShort(p2, (s) => [p2.line.orderedEach, p2.line.orderedEach - s]);
            p2.receivedEach = p2.line.orderedEach - s2;
            scTargets.push({ p: p2, s: s2 });
          }
          if (family === 'csv' && (forcedTraps.delete('SC_NO_RECEIPT') || rng.chance(0.25)) && scTargets.length === 1) scVariant = 'no_receipt';
          else if (forcedTraps.delete('SC_SLICED') || rng.chance(0.2)) scVariant = 'sliced';
          if (scVariant === 'no_receipt') t.receiptMissing = true;
          break;
        }
        case 'SC_VALID': {
          const s = pickShort(t, (s) => [Q, Q - s, Q, Q - s]);
          t.shipEach = Q - s;
          t.receivedEach = Q - s;
          t.line.acceptedEach = Q;
          scTargets = [{ p: t, s }];
          break;
        }
        case 'IMTS': {
          const s = pickShort(t, (s) => [Q, Q - s, Q, Q - s]);
          t.shipEach = Q - s;
          t.receivedEach = Q - s;
          scTargets = [{ p: t, s }];
          break;
        }
        case 'CLAIM_REVERSED': {
          const s = pickShort(t, (s) => [Q, Q, Q, Q - s]);
          scTargets = [{ p: t, s }];
          pcReversal = rng.chance(0.3);
          break;
        }
        case 'PC_VALID': {
          const cost = t.line.costE4;
          pcDelta = Math.max(100, Math.round((cost * rng.int(2, 10)) / 100 / 100) * 100);
          t.invoiceCostE4 = cost + pcDelta;
          pcClaimed = rng.chance(0.8);
          break;
        }
        case 'PC_DISPUTABLE': {
          if (forcedTraps.delete('PC_PLUS_EXCESS') || rng.chance(0.3)) {
            pcDelta = Math.max(100, Math.round((t.line.costE4 * rng.int(2, 6)) / 100 / 100) * 100);
            t.invoiceCostE4 = t.line.costE4 + pcDelta;
          }
          pcExcess = Math.max(500, pctBp(lineAmountCents(Q, t.line.costE4), rng.int(200, 800)));
          break;
        }
        case 'UOM': {
          // The catalog's case pack is wrong: Amazon ordered N "cases" of 1; the vendor ships and
          // bills N real cases.
          const cases = Math.max(2, Math.round(Q / cs));
          t.line.uom = 'CA';
          t.line.caseSize = 1;
          t.line.amount = cases;
          t.line.orderedEach = cases;
          t.line.acceptedEach = cases;
          t.shipEach = cases * cs;
          t.invoiceEach = cases * cs;
          t.receivedEach = cases * cs;
          t.forceCases = true;
          break;
        }
        case 'INVOICE_WITHOUT_ASN':
          t.onAsn = false;
          break;
        case 'ASN_NOT_INVOICED':
          t.onInvoice = false;
          break;
        default:
          break;
      }
    }

    // Split shipments (a trap): clean clusters only; every multi-case line ships in two parts.
    const split = !k && rng.chance(0.15) && plans.some((p) => p.shipEach >= 2 * p.line.item.caseSize);
    if (split) forcedTraps.delete('SPLIT');

    // ---- documents ----
    const shipments: GenShipment[] = [];
    const invoices: GenInvoice[] = [];
    const parts: Array<Map<LinePlan, number>> = [new Map()];
    if (split) parts.push(new Map());
    for (const p of plans) {
      const cs = p.line.item.caseSize;
      if (split && p.shipEach >= 2 * cs) {
        const cases = Math.floor(p.shipEach / cs);
        const first = Math.max(1, Math.floor(cases * 0.6)) * cs;
        parts[0]!.set(p, first);
        parts[1]!.set(p, p.shipEach - first);
      } else parts[0]!.set(p, p.shipEach);
    }
    let lastDelivery = shipDay;
    parts.forEach((part, i) => {
      const sDay = i === 0 ? shipDay : shipDay + rng.int(3, 8);
      const dDay = sDay + rng.int(1, 4);
      lastDelivery = Math.max(lastDelivery, dDay);
      const scac = rng.pick(SCACS);
      const shipment: GenShipment = {
        shipmentId: shipmentId(), family, chunk, shipDate: iso(sDay), deliveryDate: iso(dDay), scac,
        bol: `${rng.digits(10)}`, pro: `${scac.slice(0, 2)}${rng.digits(9)}`, arn: rng.digits(10), fc, lines: [],
      };
      let ln = 0;
      for (const [p, each] of part) {
        if (!p.onAsn || each <= 0) continue;
        const cs = p.line.item.caseSize;
        const whole = each % cs === 0;
        const cases = Math.floor(each / cs);
        const nCartons = whole ? Math.min(cases, rng.weighted([[1, 70], [2, 25], [3, 5]])) : 1;
        let left = each;
        for (let c = 0; c < nCartons; c++) {
          const q = c === nCartons - 1 ? left : Math.floor(cases / nCartons) * cs;
          left -= q;
          const asCases = whole && q % cs === 0 && (p.forceCases === true || rng.chance(0.7));
          shipment.lines.push({
            lineNo: ++ln, poNumber: p.po.poNumber, item: p.line.item, uom: asCases ? 'CA' : 'EA', amount: asCases ? q / cs : q, caseSize: cs, each: q, sscc: sscc(),
          } satisfies GenShipLine);
        }
      }
      if (shipment.lines.length) shipments.push(shipment);
      // One invoice per shipment, dated the ship day (or the next), billing what the plan says.
      const iDay = i === 0 ? invDay : sDay;
      const lines: GenInvLine[] = [];
      for (const [p, each] of part) {
        if (!p.onInvoice) continue;
        const q = split ? each : p.invoiceEach;
        if (q <= 0) continue;
        const amountCents = lineAmountCents(q, p.invoiceCostE4);
        lines.push({ lineNo: lines.length + 1, poNumber: p.po.poNumber, item: p.line.item, uom: 'EA', amount: q, caseSize: p.line.item.caseSize, each: q, costE4: p.invoiceCostE4, amountCents });
      }
      if (lines.length) {
        invoices.push({
          invoiceNumber: invoiceNumber(), family, chunk, invoiceDate: iso(iDay), shipDate: iso(sDay), discountDate: iso(iDay + TERMS.discountDays),
          dueDate: iso(iDay + TERMS.netDays), fc, shipmentId: shipment.lines.length ? shipment.shipmentId : null,
          totalCents: lines.reduce((a, l) => a + l.amountCents, 0), lines,
        });
      }
    });
    const receiveDay = lastDelivery + rng.int(0, 2);
    const statuses: GenPoStatus[] = pos.map((po) => ({
      poNumber: po.poNumber, family, chunk, orderDate: po.orderDate, fc,
      lines: plans.filter((p) => p.po === po).map((p) => {
        const received = receiveDay <= asOfDay ? p.receivedEach : 0;
        return {
          lineNo: p.line.lineNo, item: p.line.item, orderedEach: p.line.orderedEach, acceptedEach: p.line.acceptedEach, receivedEach: received,
          uom: p.line.uom, caseSize: p.line.caseSize, costE4: p.line.costE4, lastReceiveDate: received > 0 ? iso(receiveDay) : null, missing: p.receiptMissing,
        };
      }),
    }));

    for (const po of pos) yield { type: 'po', po };
    for (const s of shipments) yield { type: 'shipment', shipment: s };
    for (const inv of invoices) yield { type: 'invoice', invoice: inv };
    for (const st of statuses) yield { type: 'status', status: st };
    for (const inv of invoices) linesWritten += inv.lines.length;
    bump('clusters');
    bump('purchase_orders', pos.length);
    bump('shipments', shipments.length);
    bump('asn_lines', shipments.reduce((a, s) => a + s.lines.length, 0));
    bump('invoices', invoices.length);
    bump(`family_${family}`);

    // ---- remittance for the cluster's invoices, and the truth ----
    const inv0 = invoices[0]!;
    const line0 = t ? inv0.lines.find((l) => l.poNumber === t.po.poNumber && l.item === t.line.item) : undefined;
    const keysOf = (p: LinePlan) => ({ invoice_number: inv0.invoiceNumber, po_number: p.po.poNumber, asin: p.line.item.asin });
    if (!k) {
      for (const inv of invoices) {
        const dd = isoToDayNumber(inv.discountDate);
        if (runOnOrBefore(dd) > asOfDay) {
          trap('NOT_YET_DUE', `invoice ${inv.invoiceNumber} is unpaid but due ${inv.dueDate}, after the as-of date ${asOf}`, { invoice_number: inv.invoiceNumber });
          continue;
        }
        const r = rng.float();
        if ((forcedTraps.has('INVOICE_SLICED') || r < 0.02) && runOnOrBefore(dd - 7) > invDay + 7) {
          forcedTraps.delete('INVOICE_SLICED');
          const g1 = Math.round(inv.totalCents * 0.4);
          const d1 = pctBp(g1, TERMS.discountBp);
          const dAll = pctBp(inv.totalCents, TERMS.discountBp);
          const r1 = addLine(runOnOrBefore(dd - 7), invLine(inv, d1, g1 - d1, inv.totalCents - g1));
          const r2 = addLine(runOnOrBefore(dd), invLine(inv, dAll - d1, inv.totalCents - g1 - (dAll - d1), 0));
          r1.sliced = true;
          r2.sliced = true;
          trap('INVOICE_SLICED', `invoice ${inv.invoiceNumber} is paid in two slices that add up to its total: not a duplicate payment`, { invoice_number: inv.invoiceNumber });
        } else if ((forcedTraps.has('LATE_NO_DISCOUNT') || r < 0.04) && runAfter(dd + 5) <= asOfDay) {
          forcedTraps.delete('LATE_NO_DISCOUNT');
          addLine(runAfter(dd + 5), invLine(inv, 0, inv.totalCents, 0));
          trap('LATE_NO_DISCOUNT', `invoice ${inv.invoiceNumber} is paid after its discount date without a discount: paid in full`, { invoice_number: inv.invoiceNumber });
        } else {
          payInvoice(inv);
        }
      }
      if (split) trap('SPLIT', `POs ${pos.map((p) => p.poNumber).join(', ')} ship in two shipments, each invoiced on its own (${invoices.map((i) => i.invoiceNumber).join(', ')})`, { invoice_number: invoices[0]?.invoiceNumber ?? null, po_number: pos[0]!.poNumber });
      else if (pos.length > 1) trap('MULTI_PO_INVOICE', `invoice ${inv0.invoiceNumber} bills ${pos.length} POs (${pos.map((p) => p.poNumber).join(', ')})`, { invoice_number: inv0.invoiceNumber });
    } else if (t && sit) {
      const root = inv0.invoiceNumber;
      const cost = t.line.costE4;
      switch (k) {
        case 'UNPAID':
          descr(`invoice ${root} (total ${inv0.totalCents} cents, due ${inv0.dueDate}) never appears on a remittance`);
          expect(sit, 'UNPAID_INVOICE', inv0.totalCents, { invoice_number: root });
          break;
        case 'SHORT_PAID': {
          const d = pctBp(inv0.totalCents, TERMS.discountBp);
          const x = Math.max(100, pctBp(inv0.totalCents, rng.int(100, 500)));
          const r = addLine(payDay, invLine(inv0, d, inv0.totalCents - d - x, x));
          descr(`invoice ${root} is paid ${x} cents short with no deduction to explain it`);
          expect(sit, 'SHORT_PAID', x, { invoice_number: root }, r);
          break;
        }
        case 'OVERPAID': {
          const d = pctBp(inv0.totalCents, TERMS.discountBp);
          const x = Math.max(100, pctBp(inv0.totalCents, rng.int(100, 500)));
          const r = addLine(payDay, invLine(inv0, d, inv0.totalCents - d + x, -x));
          descr(`invoice ${root} is paid ${x} cents more than its total after the terms discount`);
          expect(sit, 'OVERPAID', x, { invoice_number: root }, r);
          break;
        }
        case 'DUP_PAYMENT': {
          payInvoice(inv0);
          const again = runAfter(payDay + 14);
          addLine(again, invLine(inv0, 0, inv0.totalCents, 0));
          descr(`invoice ${root} is paid in full twice (the second time without discount, ${iso(again)})`);
          expect(sit, 'DUPLICATE_PAYMENT', inv0.totalCents, { invoice_number: root });
          break;
        }
        case 'SC_DISPUTABLE': case 'SC_VALID': case 'CLAIM_REVERSED': {
          for (const inv of invoices) payInvoice(inv);
          const doc = `${root}SC`;
          const gross = -scTargets.reduce((a, x) => a + lineAmountCents(x.s, x.p.invoiceCostE4), 0);
          const claimDay = rng.chance(0.6) ? payDay : runAfter(payDay);
          const dDay = claimDay - rng.int(1, 5);
          let first: RunAcc;
          if (k === 'SC_DISPUTABLE' && scVariant === 'sliced') {
            const g1 = Math.round(gross * 0.5);
            const d1 = pctBp(g1, TERMS.discountBp);
            const g2 = gross - g1;
            const d2 = pctBp(g2, TERMS.discountBp);
            first = addLine(claimDay, claimLine(doc, dDay, shortageDesc(root), 'claim', gross, d1, g1 - d1, gross - g1));
            const second = addLine(runAfter(claimDay), claimLine(doc, dDay, shortageDesc(root), 'claim', gross, d2, g2 - d2, 0));
            first.sliced = true;
            second.sliced = true;
            trap('SC_SLICED', `shortage claim ${doc} is deducted in two slices that add up to it: not a duplicate deduction`, { claim_number: doc });
          } else {
            const d = pctBp(gross, TERMS.discountBp);
            first = addLine(claimDay, claimLine(doc, dDay, shortageDesc(root), 'claim', gross, d, gross - d, 0));
          }
          if (k === 'CLAIM_REVERSED') {
            const cdoc = pcReversal ? `${root}PC` : doc;
            if (pcReversal) {
              // A price claim instead: remove the SC just written and claim price; reverse it.
              first.lines.pop();
              const pcGross = -Math.max(500, pctBp(inv0.totalCents, rng.int(200, 600)));
              const d = pctBp(pcGross, TERMS.discountBp);
              first = addLine(claimDay, claimLine(cdoc, dDay, priceDesc(root), 'claim', pcGross, d, pcGross - d, 0));
              const back = runAfter(claimDay + rng.int(14, 35));
              addLine(back, claimLine(`${root}PCR`, back - 2, `PRICE CLAIM REVERSAL for Invoice - ${root}`, 'reversal', -pcGross, 0, -pcGross, 0));
              descr(`price claim ${cdoc} (${-pcGross} cents) is reversed in full by ${root}PCR`);
              expect(sit, 'CLAIM_REVERSED', -pcGross, { invoice_number: root });
            } else {
              const back = runAfter(claimDay + rng.int(14, 35));
              addLine(back, claimLine(`${root}SCR`, back - 2, `Shortage Claim Reversal for Invoice - ${root}`, 'reversal', -gross, 0, -gross, 0));
              descr(`shortage claim ${doc} (${-gross} cents) is reversed in full by ${root}SCR once the receipt was found`);
              expect(sit, 'CLAIM_REVERSED', -gross, { invoice_number: root });
            }
            trap('CLAIM_FULLY_REVERSED', `claim ${cdoc} is fully reversed: CLAIM_REVERSED only, never a disputable finding`, { claim_number: cdoc });
          } else {
            const type: FindingType = k === 'SC_VALID' ? 'SHORTAGE_CLAIM_VALID' : 'SHORTAGE_CLAIM_DISPUTABLE';
            for (const x of scTargets) {
              expect(sit, type, lineAmountCents(x.s, x.p.invoiceCostE4), { ...keysOf(x.p), claim_number: doc }, first);
            }
            descr(k === 'SC_VALID'
              ? `${t.line.item.asin} on PO ${t.po.poNumber}: invoiced ${t.invoiceEach}, the ASN shipped ${t.shipEach}; Amazon's ${doc} claims the ${scTargets[0]!.s} never shipped`
              : `shortage claim ${doc} on ${scTargets.map((x) => `${x.p.line.item.asin} (${x.s} of ${x.p.invoiceEach} shipped units${scVariant === 'no_receipt' ? ', no receipt data' : ` not received`})`).join(', ')}${scVariant === 'sliced' ? ', deducted in two slices' : ''}`);
          }
          break;
        }
        case 'IMTS': {
          for (const inv of invoices) payInvoice(inv);
          const s = scTargets[0]!.s;
          descr(`${t.line.item.asin} on PO ${t.po.poNumber}: invoiced ${t.invoiceEach}, the ASN shipped ${t.shipEach}; no claim yet`);
          expect(sit, 'INVOICED_MORE_THAN_SHIPPED', lineAmountCents(s, t.invoiceCostE4), keysOf(t));
          break;
        }
        case 'PC_VALID': {
          const r0 = payInvoice(inv0);
          const explained = lineAmountCents(t.invoiceEach, t.invoiceCostE4) - lineAmountCents(t.invoiceEach, cost);
          let r: RunAcc | null = null;
          if (pcClaimed && r0) {
            const d = pctBp(-explained, TERMS.discountBp);
            r = addLine(payDay, claimLine(`${root}PC`, payDay - 3, priceDesc(root), 'claim', -explained, d, -explained - d, 0));
          }
          descr(`${t.line.item.asin} on PO ${t.po.poNumber} invoiced at ${t.invoiceCostE4 / 10000} vs PO cost ${cost / 10000}${pcClaimed && r0 ? `; Amazon claims ${root}PC` : '; not claimed yet'}`);
          expect(sit, 'PRICE_CLAIM_VALID', explained, { ...keysOf(t), claim_number: pcClaimed && r0 ? `${root}PC` : null }, r);
          break;
        }
        case 'PC_DISPUTABLE': {
          payInvoice(inv0);
          const explained = lineAmountCents(t.invoiceEach, t.invoiceCostE4) - lineAmountCents(t.invoiceEach, cost);
          const claimed = explained + pcExcess;
          const d = pctBp(-claimed, TERMS.discountBp);
          const r = addLine(payDay, claimLine(`${root}PC`, payDay - 3, priceDesc(root), 'claim', -claimed, d, -claimed - d, 0));
          descr(`price claim ${root}PC takes ${claimed} cents; the cost difference explains ${explained}`);
          expect(sit, 'PRICE_CLAIM_DISPUTABLE', pcExcess, { invoice_number: root, claim_number: `${root}PC` }, r);
          if (explained > 0) {
            expect(sit, 'PRICE_CLAIM_VALID', explained, { ...keysOf(t), claim_number: `${root}PC` }, r);
            trap('PC_PLUS_EXCESS', `price claim ${root}PC is partly explained (valid) and partly not (disputable)`, { claim_number: `${root}PC` });
          }
          break;
        }
        case 'UOM': {
          for (const inv of invoices) payInvoice(inv);
          const amount = lineAmountCents(t.shipEach - t.line.orderedEach, cost);
          descr(`PO ${t.po.poNumber} orders ${t.line.amount} cases of 1 of ${t.line.item.asin} (catalog case pack wrong); ${t.shipEach} eaches shipped and invoiced in cases of ${t.line.item.caseSize}`);
          expect(sit, 'UOM_MISMATCH', amount, { po_number: t.po.poNumber, asin: t.line.item.asin });
          break;
        }
        case 'INVOICE_WITHOUT_ASN': {
          for (const inv of invoices) payInvoice(inv);
          descr(`${t.line.item.asin} on PO ${t.po.poNumber} is invoiced on ${root} but appears on no ASN`);
          expect(sit, 'INVOICE_WITHOUT_ASN', line0!.amountCents, keysOf(t));
          break;
        }
        case 'ASN_NOT_INVOICED': {
          for (const inv of invoices) payInvoice(inv);
          descr(`${t.line.item.asin} on PO ${t.po.poNumber}: ${t.shipEach} units on the ASN, billed by no invoice`);
          expect(sit, 'ASN_NOT_INVOICED', lineAmountCents(t.shipEach, cost), { po_number: t.po.poNumber, asin: t.line.item.asin });
          break;
        }
      }
    }

    // ---- Amazon documents that are not claims on an invoice (chargebacks, co-op, provisions…) ----
    const looseKinds: LooseKind[] = [];
    if (pendingLoose.length && clusterNo > 1 && runAfter(orderDay + 30) + 21 <= asOfDay) looseKinds.push(pendingLoose.shift()!);
    for (const [lk, rate] of LOOSE_RATES) if (rng.chance(rate)) looseKinds.push(lk);
    for (const lk of looseKinds) {
      const base = runAfter(orderDay + rng.int(20, 30));
      if (base + 21 > asOfDay) continue;
      const po = rng.pick(pos);
      switch (lk) {
        case 'CHARGEBACK': {
          const [desc, adx] = rng.pick(CHARGEBACKS);
          const doc = chargebackNo();
          const amt = rng.int(25, 900) * 100 + rng.pick([0, 50, 99, 25]);
          const r = addLine(base, claimLine(doc, base - rng.int(2, 9), `${desc} - PO ${po.poNumber}`, 'chargeback', -amt, 0, -amt, 0, adx));
          const s = situation('CHARGEBACK', null, `chargeback ${doc} (${desc}) for ${amt} cents`);
          expect(s, 'CHARGEBACK', amt, { claim_number: doc }, r);
          break;
        }
        case 'COOP': {
          const [desc, adx] = rng.pick(AGREEMENTS);
          const doc = agreementNo();
          const amt = rng.int(200, 6000) * 100;
          const slices = rng.weighted([[1, 50], [2, 35], [3, 15]]);
          const s = situation('COOP', null, `co-op agreement ${doc} (${desc}) for ${amt} cents in ${slices} slice(s)`);
          let left = amt;
          let firstRun: RunAcc | null = null;
          let day = base;
          for (let i = 0; i < slices; i++) {
            const part = i === slices - 1 ? left : Math.round((amt / slices) * (0.7 + rng.float() * 0.5));
            left -= part;
            const r = addLine(day, claimLine(doc, base - 3, desc, 'agreement', -amt, 0, -part, -left, adx));
            if (slices > 1) r.sliced = true;
            firstRun ??= r;
            day = runAfter(day);
          }
          if (slices > 1) trap('COOP_SLICED', `co-op ${doc} is deducted in ${slices} slices that add up to it: not a duplicate deduction`, { claim_number: doc });
          expect(s, 'COOP_DEDUCTION', amt, { claim_number: doc }, firstRun);
          break;
        }
        case 'DUP_DEDUCTION': {
          if (rng.chance(0.5)) {
            const [desc, adx] = rng.pick(CHARGEBACKS);
            const doc = chargebackNo();
            const amt = rng.int(50, 700) * 100;
            const r = addLine(base, claimLine(doc, base - 4, `${desc} - PO ${po.poNumber}`, 'chargeback', -amt, 0, -amt, 0, adx));
            addLine(runAfter(base + 7), claimLine(doc, base - 4, `${desc} - PO ${po.poNumber}`, 'chargeback', -amt, 0, -amt, 0, adx));
            const s = situation('DUP_DEDUCTION', null, `chargeback ${doc} (${amt} cents) is deducted twice`);
            expect(s, 'CHARGEBACK', amt, { claim_number: doc }, r);
            expect(s, 'DUPLICATE_DEDUCTION', amt, { claim_number: doc });
          } else {
            const [desc, adx] = rng.pick(AGREEMENTS);
            const doc = agreementNo();
            const amt = rng.int(300, 4000) * 100;
            const a = Math.round(amt * 0.6);
            const extra = amt - a;
            const r = addLine(base, claimLine(doc, base - 3, desc, 'agreement', -amt, 0, -a, -(amt - a), adx));
            const r2 = addLine(runAfter(base), claimLine(doc, base - 3, desc, 'agreement', -amt, 0, -(amt - a), 0, adx));
            const r3 = addLine(runAfter(base + 7), claimLine(doc, base - 3, desc, 'agreement', -amt, 0, -extra, 0, adx));
            r.sliced = r2.sliced = r3.sliced = true;
            const s = situation('DUP_DEDUCTION', null, `co-op ${doc} (${amt} cents) is deducted in slices totalling ${amt + extra}`);
            expect(s, 'COOP_DEDUCTION', amt, { claim_number: doc }, r);
            expect(s, 'DUPLICATE_DEDUCTION', extra, { claim_number: doc });
          }
          break;
        }
        case 'UNMATCHED': {
          const doc = unique(() => `${rng.chars(1, '123456789')}${rng.digits(14)}`);
          const amt = rng.int(20, 2500) * 100 + rng.int(0, 99);
          const r = addLine(base, claimLine(doc, base - 5, 'Miscellaneous adjustment', 'other', -amt, 0, -amt, 0, 'ZZ'));
          const s = situation('UNMATCHED', null, `deduction ${doc} for ${amt} cents matches no invoice, claim, agreement or chargeback`);
          expect(s, 'UNMATCHED_DEDUCTION', amt, { claim_number: doc }, r);
          break;
        }
        case 'PROVISION': {
          const doc = `${iso(base - 2).slice(2).replace(/-/g, '')}_PROVISION_FOR_AGED_RECEIVABLE`;
          if (used.has(doc)) break;
          used.add(doc);
          const amt = rng.int(500, 20000) * 100;
          const back = runAfter(base + rng.int(7, 14));
          const r = addLine(base, claimLine(doc, base - 2, 'Provision for aged receivable', 'provision', -amt, 0, -amt, 0, 'ZZ'));
          addLine(back, claimLine(`${doc}-R`, back - 1, 'Provision for aged receivable reversal', 'provision', amt, 0, amt, 0, 'ZZ'));
          r.sliced = true; // keep provisions in the spreadsheet exports, where Amazon shows them
          trap('PROVISION_REVERSED', `provision ${doc} (${amt} cents) and its reversal net to zero`, { claim_number: doc });
          break;
        }
      }
    }
  }
  yield* flushRuns(asOfDay + 1);

  function* flushRuns(before: number): Generator<GenEvent> {
    const days = [...runs.keys()].filter((d) => d < before).sort((a, b) => a - b);
    for (const day of days) {
      const r = runs.get(day)!;
      runs.delete(day);
      if (r.lines.length === 0) continue;
      paymentSeq += rng.int(1, 37);
      r.paymentNumber = String(paymentSeq);
      const idx = counts.payments ?? 0;
      bump('payments');
      bump('remittance_lines', r.lines.length);
      let format: RemitFormat = idx % 8 === 3 ? 'x12' : idx % 8 === 6 ? 'csv' : 'xlsx';
      if (r.sliced && format === 'x12') format = 'xlsx';
      let hidden = 0;
      if (format !== 'x12' && idx >= 1 && (forcedTieOuts > 0 || rng.chance(TIE_OUT_RATE))) {
        forcedTieOuts--;
        hidden = -(rng.int(40, 900) * 100 + rng.int(0, 99));
        const s = situation('TIE_OUT_GAP', null, `payment ${r.paymentNumber} includes ${-hidden} cents of lines Amazon does not display`);
        pending.push({ f: { situation: s, type: 'PAYMENT_TIE_OUT_GAP', invoice_number: null, claim_number: null, po_number: null, asin: null, payment_number: r.paymentNumber, amount_cents: -hidden }, run: r });
      }
      const sum = r.lines.reduce((a, l) => a + l.paidCents, 0);
      yield {
        type: 'payment',
        payment: { paymentNumber: r.paymentNumber, date: iso(day), chunk: chunkOf(day), format, amountCents: sum + hidden, hiddenCents: hidden, lines: r.lines },
      };
    }
  }

  for (const p of pending) {
    if (p.run && !p.run.paymentNumber) throw new Error(`internal: a planted ${p.f.type} was never paid out`);
    if (p.run) p.f.payment_number = p.run.paymentNumber;
  }
  const findings = pending.map((p) => p.f);
  for (const f of findings) bump(`expected_${f.type}`);
  for (const [k, v] of Object.entries(trapCounts)) counts[`trap_${k}`] = v;
  counts.invoice_lines = linesWritten;
  return {
    generator: 'recoup generate 1', seed: options.seed, invoice_lines: linesWritten, as_of: asOf, currency: CURRENCY, vendor_code: VENDOR.code,
    terms: TERMS.text, counts, situations, findings, traps,
  };
}

/** GS1 mod-10 check digit over a digit string (SSCC, GTIN). */
export function gs1Check(digits: string): string {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    const n = digits.charCodeAt(digits.length - 1 - i) - 48;
    sum += i % 2 === 0 ? n * 3 : n;
  }
  return String((10 - (sum % 10)) % 10);
}

function upcWithCheck(eleven: string): string {
  return eleven + gs1Check(eleven);
}

export { DIGITS };
