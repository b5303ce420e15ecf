// Reading X12 elements with named, specific errors: a missing or malformed required element
// rejects its transaction with the segment position and the element's name.
import type { ItemIds } from '../records';
import { MoneyFormatError, parseCents, parseCostE4, impliedCents } from '../../shared/money';
import { isValidYmd, toIso, type IsoDate } from '../../shared/dates';
import type { Segment } from './reader';

export class EdiFieldError extends Error {
  constructor(readonly segment: Segment, readonly field: string, message: string) {
    super(message);
  }
}

/** "BIG02 (invoice number)" */
const label = (seg: Segment, i: number, name: string) => `${seg.id}${String(i).padStart(2, '0')} (${name})`;

export function opt(seg: Segment, i: number): string | null {
  const v = seg.el[i];
  if (v === undefined) return null;
  const t = v.trim();
  return t === '' ? null : t;
}

export function req(seg: Segment, i: number, name: string): string {
  const v = opt(seg, i);
  if (v === null) throw new EdiFieldError(seg, label(seg, i, name), `${label(seg, i, name)} is missing`);
  return v;
}

/**
 * A whole number of units (X12 R/N0 type); "12.000" is accepted, "12.5" is not. Negative
 * quantities only where the document allows them (an 810 may bill a credit line).
 */
export function reqQty(seg: Segment, i: number, name: string, allowNegative = false): number {
  const v = req(seg, i, name);
  const m = /^([-+]?\d+)(?:\.0*)?$/.exec(v);
  if (!m) throw new EdiFieldError(seg, label(seg, i, name), `${label(seg, i, name)} "${v}" is not a whole number of units`);
  const n = Number(m[1]);
  if (n < 0 && !allowNegative) throw new EdiFieldError(seg, label(seg, i, name), `${label(seg, i, name)} "${v}" is negative; a quantity here cannot be`);
  if (!Number.isSafeInteger(n)) throw new EdiFieldError(seg, label(seg, i, name), `${label(seg, i, name)} "${v}" is out of range`);
  return n || 0;
}

export function optQty(seg: Segment, i: number, name: string): number | null {
  return opt(seg, i) === null ? null : reqQty(seg, i, name);
}

/** A CUR segment: the first one sets the document's currency; a different one later is refused. */
export function currencyOf(seg: Segment, current: string | null): string | null {
  const code = opt(seg, 2)?.toUpperCase() ?? null;
  if (code !== null && !/^[A-Z]{3}$/.test(code)) throw new EdiFieldError(seg, 'CUR02 (currency code)', `CUR02 (currency code) "${code}" is not an ISO currency code`);
  if (current !== null && code !== null && code !== current) {
    throw new EdiFieldError(seg, 'CUR02 (currency code)', `CUR02 names ${code} but the document is in ${current}: one document in two currencies cannot be read`);
  }
  return current ?? code;
}

/** A decimal amount (X12 R type, explicit decimal point) in cents. */
export function reqCents(seg: Segment, i: number, name: string): number {
  const v = req(seg, i, name);
  return decimalOrThrow(seg, i, name, v, (s) => (/^[-+]?(\d+\.?\d*|\.\d+)$/.test(s) ? parseCents(s) : null));
}

export function optCents(seg: Segment, i: number, name: string): number | null {
  return opt(seg, i) === null ? null : reqCents(seg, i, name);
}

/** Implied two decimals (X12 N2 type): "19934" = 199.34. */
export function reqImplied(seg: Segment, i: number, name: string): number {
  const v = req(seg, i, name);
  return decimalOrThrow(seg, i, name, v, (s) => impliedCents(s));
}

export function optImplied(seg: Segment, i: number, name: string): number | null {
  return opt(seg, i) === null ? null : reqImplied(seg, i, name);
}

export function reqCostE4(seg: Segment, i: number, name: string): number {
  const v = req(seg, i, name);
  return decimalOrThrow(seg, i, name, v, (s) => (/^[-+]?(\d+\.?\d*|\.\d+)$/.test(s) ? parseCostE4(s) : null));
}

export function optCostE4(seg: Segment, i: number, name: string): number | null {
  return opt(seg, i) === null ? null : reqCostE4(seg, i, name);
}

function decimalOrThrow(seg: Segment, i: number, name: string, v: string, parse: (s: string) => number | null): number {
  let out: number | null = null;
  try {
    out = parse(v);
  } catch (err) {
    if (!(err instanceof MoneyFormatError)) throw err;
  }
  if (out === null) throw new EdiFieldError(seg, label(seg, i, name), `${label(seg, i, name)} "${v}" is not a number`);
  return out;
}

/** CCYYMMDD (or the YYMMDD of older versions). */
export function optDate(seg: Segment, i: number, name: string): IsoDate | null {
  const v = opt(seg, i);
  if (v === null) return null;
  let m = /^(\d{4})(\d{2})(\d{2})$/.exec(v);
  let y: number, mo: number, d: number;
  if (m) [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else if ((m = /^(\d{2})(\d{2})(\d{2})$/.exec(v))) [y, mo, d] = [2000 + Number(m[1]), Number(m[2]), Number(m[3])];
  else throw new EdiFieldError(seg, label(seg, i, name), `${label(seg, i, name)} "${v}" is not a date (CCYYMMDD)`);
  if (!isValidYmd(y, mo, d)) throw new EdiFieldError(seg, label(seg, i, name), `${label(seg, i, name)} "${v}" is not a real calendar date`);
  return toIso(y, mo, d);
}

export function reqDate(seg: Segment, i: number, name: string): IsoDate {
  const d = optDate(seg, i, name);
  if (d === null) throw new EdiFieldError(seg, label(seg, i, name), `${label(seg, i, name)} is missing`);
  return d;
}

/** Small whole numbers such as days and case sizes; "" → null. */
export function optInt(seg: Segment, i: number, name: string): number | null {
  const v = opt(seg, i);
  if (v === null) return null;
  const m = /^(\d+)(?:\.0*)?$/.exec(v);
  if (!m) throw new EdiFieldError(seg, label(seg, i, name), `${label(seg, i, name)} "${v}" is not a whole number`);
  return Number(m[1]);
}

export interface QualifiedIds {
  ids: ItemIds;
  poNumber: string | null;
}

/**
 * Product id qualifier/value pairs (IT1, PO1 from element 6; LIN from element 2). Qualifiers
 * Recoup does not use stay in the raw segment text.
 */
export function readIds(seg: Segment, from: number): QualifiedIds {
  const ids: ItemIds = { asin: null, vendorSku: null, upc: null, ean: null };
  let poNumber: string | null = null;
  let isbn: string | null = null;
  for (let i = from; i + 1 < seg.el.length; i += 2) {
    const q = seg.el[i]!.trim().toUpperCase();
    const v = seg.el[i + 1]!.trim();
    if (q === '' || v === '') continue;
    switch (q) {
      case 'BP': ids.asin ??= v.toUpperCase(); break;
      case 'VN': case 'VP': case 'SK': case 'VA': ids.vendorSku ??= v; break;
      case 'UP': case 'UI': ids.upc ??= v; break;
      case 'EN': ids.ean ??= v; break;
      case 'IB': isbn ??= v; break;
      case 'PO': poNumber ??= v; break;
      default: break;
    }
  }
  // An ISBN-13 is an EAN; an ISBN-10 is the vendor's product id when nothing else names it.
  if (isbn !== null) {
    if (/^\d{13}$/.test(isbn)) ids.ean ??= isbn;
    else ids.vendorSku ??= isbn;
  }
  return { ids, poNumber };
}

/** Qualifier values from N1: the id (N104) when given, else the name (N102). */
export function partyId(seg: Segment): string | null {
  return opt(seg, 4) ?? opt(seg, 2);
}

/** a / b rounded half to even, for integers (b > 0). */
export function divRound(a: number, b: number): number {
  const sign = a < 0 ? -1 : 1;
  const abs = Math.abs(a);
  const q = Math.floor(abs / b);
  const r = abs - q * b;
  const up = r * 2 > b || (r * 2 === b && q % 2 === 1);
  return sign * (up ? q + 1 : q) || 0;
}
