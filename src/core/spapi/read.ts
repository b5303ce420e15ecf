// Small, strict readers for SP-API JSON values. Every reader takes the JSON path of the value so a
// problem can be reported where it is ("$.payload.orders[2].items[0].netCost.amount"), and throws a
// FieldProblem instead of guessing; the document parsers turn that into a Reject.
import type { ItemIds, Quantity, Reject } from '../records';
import { eaches } from '../records';
import { MoneyFormatError, parseCents, parseCostE4 } from '../../shared/money';
import type { Cents, CostE4 } from '../../shared/money';
import type { IsoDate } from '../../shared/dates';
import { DateFormatError, dayNumberToIso, parseTimestamp } from '../../shared/dates';

export type Json = Record<string, unknown>;

/** More entries than this in one array is not a payload the API returns (pages hold ≤ 100). */
export const MAX_ENTRIES = 1_000_000;

export class FieldProblem extends Error {
  constructor(readonly path: string, readonly field: string, reason: string) {
    super(reason);
  }
}

/** What one file's parse collects besides the records. */
export class Collector {
  readonly rejects: Reject[] = [];
  readonly notes = new Set<string>();
}

export function isObj(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export const at = (path: string, key: string) => `${path}.${key}`;
export const idx = (path: string, i: number) => `${path}[${i}]`;

/** JSON text of an element for `raw`; a value too deep to serialise is reported, not thrown. */
export function rawText(v: unknown, path: string): string {
  try {
    return JSON.stringify(v);
  } catch {
    throw new FieldProblem(path, path.slice(path.lastIndexOf('.') + 1), 'the element is nested too deeply to keep as evidence');
  }
}

export function expectObj(v: unknown, path: string, field: string): Json {
  if (!isObj(v)) throw new FieldProblem(path, field, `expected a JSON object, found ${describe(v)}`);
  return v;
}

export function obj(o: Json, key: string, path: string): Json | null {
  const v = o[key];
  if (v === undefined || v === null) return null;
  if (!isObj(v)) throw new FieldProblem(at(path, key), key, `expected a JSON object, found ${describe(v)}`);
  return v;
}

/** A list; a missing list and an empty one mean the same. */
export function list(o: Json, key: string, path: string): unknown[] {
  const v = o[key];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new FieldProblem(at(path, key), key, `expected a list, found ${describe(v)}`);
  if (v.length > MAX_ENTRIES) throw new FieldProblem(at(path, key), key, `${v.length} entries: more than the ${MAX_ENTRIES} Recoup reads from one list`);
  return v;
}

/** Text value; identifiers sometimes arrive as numbers (itemSequenceNumber in invoices). Empty → null. */
export function str(o: Json, key: string, path: string): string | null {
  const v = o[key];
  if (v === undefined || v === null) return null;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string') throw new FieldProblem(at(path, key), key, `expected text, found ${describe(v)}`);
  const t = v.trim();
  return t === '' ? null : t;
}

export function reqStr(o: Json, key: string, path: string): string {
  const v = str(o, key, path);
  if (v === null) throw new FieldProblem(at(path, key), key, `${key} is missing`);
  return v;
}

export function partyId(o: Json, key: string, path: string): string | null {
  const p = obj(o, key, path);
  return p ? str(p, 'partyId', at(path, key)) : null;
}

/** A timestamp (with or without zone, 0–3+ fractional digits) or a date, as its UTC calendar day. */
export function date(o: Json, key: string, path: string): IsoDate | null {
  const v = str(o, key, path);
  return v === null ? null : dayOf(v, at(path, key), key);
}

export function dayOf(text: string, path: string, field: string): IsoDate {
  try {
    const ms = parseTimestamp(text);
    if (ms === null) throw new DateFormatError(text, 'an ISO timestamp');
    return dayNumberToIso(Math.floor(ms / 86_400_000));
  } catch (err) {
    if (err instanceof DateFormatError) throw new FieldProblem(path, field, `"${text}" is not an ISO date or timestamp`);
    throw err;
  }
}

/** A `start--end` window of two timestamps. */
export function window(o: Json, key: string, path: string): { start: IsoDate; end: IsoDate } | null {
  const v = str(o, key, path);
  if (v === null) return null;
  const parts = v.split('--');
  if (parts.length !== 2) throw new FieldProblem(at(path, key), key, `"${v}" is not a window written start--end`);
  return { start: dayOf(parts[0]!.trim(), at(path, key), key), end: dayOf(parts[1]!.trim(), at(path, key), key) };
}

/** An itemSequenceNumber ("1", "001" or 1) as a line number. */
export function lineNo(o: Json, key: string, path: string): number {
  const v = reqStr(o, key, path);
  if (!/^\d{1,9}$/.test(v) || Number(v) === 0) throw new FieldProblem(at(path, key), key, `"${v}" is not a positive line sequence number`);
  return Number(v);
}

// ---- money ----------------------------------------------------------------------------------

const DECIMAL = /^-?\d+(\.\d+)?$/;

/**
 * Decimal text of a money amount: vendor models send strings ("346.27", "70"); the Finances model
 * sends JSON numbers (2100.84, -25), which are turned back into their shortest decimal text, the
 * digits as written, so no float arithmetic touches them.
 */
export function decimalText(v: unknown, path: string, field: string): string {
  if (typeof v === 'string') {
    const t = v.trim();
    if (!DECIMAL.test(t)) throw new FieldProblem(path, field, `"${v}" is not a decimal amount`);
    return t;
  }
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new FieldProblem(path, field, `${v} is not an amount`);
    return numberToDecimal(v);
  }
  throw new FieldProblem(path, field, `expected an amount, found ${describe(v)}`);
}

/** Plain decimal text of a JS number, expanding exponent notation (1e21, 5e-7) digit by digit. */
export function numberToDecimal(n: number): string {
  const s = String(n);
  const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const [, sign, int, frac = '', expText] = m;
  const exp = Number(expText);
  const digits = int! + frac;
  const point = int!.length + exp;
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

export interface Money {
  currency: string | null;
  text: string;
  /** Money.unitOfMeasure: the price is per POUNDS/OUNCES/GRAMS/KILOGRAMS, not per each. */
  perWeight: string | null;
}

/** A `{currencyCode, amount}` (vendor) or `{currencyCode, currencyAmount}` (finances) object. */
export function money(o: Json, key: string, path: string): Money | null {
  const m = obj(o, key, path);
  if (!m) return null;
  const p = at(path, key);
  const amountKey = 'amount' in m ? 'amount' : 'currencyAmount';
  if (m[amountKey] === undefined || m[amountKey] === null) throw new FieldProblem(at(p, amountKey), amountKey, `${key} has no amount`);
  const text = decimalText(m[amountKey], at(p, amountKey), amountKey);
  const currency = str(m, 'currencyCode', p);
  if (currency !== null && !/^[A-Z]{3}$/.test(currency)) throw new FieldProblem(at(p, 'currencyCode'), 'currencyCode', `"${currency}" is not an ISO currency code`);
  return { currency, text, perWeight: str(m, 'unitOfMeasure', p)?.toUpperCase() ?? null };
}

export function cents(m: Money, path: string): Cents {
  return convert(() => parseCents(m.text), m.text, path);
}

export function costE4(m: Money, path: string): CostE4 {
  return convert(() => parseCostE4(m.text), m.text, path);
}

function convert(fn: () => number | null, text: string, path: string): number {
  try {
    const v = fn();
    if (v === null) throw new MoneyFormatError(text, 'an amount');
    return v;
  } catch (err) {
    if (err instanceof MoneyFormatError) throw new FieldProblem(path, path.slice(path.lastIndexOf('.') + 1), `"${text}" is not an amount Recoup can hold exactly`);
    throw err;
  }
}

// ---- quantities -----------------------------------------------------------------------------

/**
 * A quantity in Cases whose `unitSize` is missing: the number of eaches cannot be known. The line is
 * set aside with a reject rather than counted as if each case were one unit.
 */
export interface CaseSizeUnknown {
  gap: 'case-size-unknown';
  amount: number;
  path: string;
}

export type QtyResult = Quantity | CaseSizeUnknown;

export function isGap(q: QtyResult): q is CaseSizeUnknown {
  return 'gap' in q;
}

/**
 * `{amount, unitOfMeasure, unitSize}` to eaches. The unit is compared without regard to case and in
 * singular or plural (`Cases`, `CASES`, `Each`); a missing unit is read as eaches (the sandbox
 * acknowledgement sends `{amount: 10}`). Zero is a legal amount.
 */
export function quantity(o: Json, key: string, path: string): QtyResult | null {
  const q = obj(o, key, path);
  if (!q) return null;
  return quantityOf(q, at(path, key));
}

export function quantityOf(q: Json, path: string): QtyResult {
  const amount = wholeNumber(q.amount, at(path, 'amount'), 'amount');
  const unitText = str(q, 'unitOfMeasure', path);
  const unit = unitText?.toUpperCase() ?? null;
  const size = q.unitSize === undefined || q.unitSize === null ? null : wholeNumber(q.unitSize, at(path, 'unitSize'), 'unitSize');
  if (size === 0) throw new FieldProblem(at(path, 'unitSize'), 'unitSize', 'unitSize is 0');
  if (unit === 'CASES' || unit === 'CASE') {
    if (size === null) return { gap: 'case-size-unknown', amount, path };
    const each = amount * size;
    if (!Number.isSafeInteger(each)) throw new FieldProblem(path, 'amount', `${amount} × ${size} is too large`);
    return eaches(amount, 'CASES', size);
  }
  if (unit === null || unit === 'EACHES' || unit === 'EACH') {
    const qty = eaches(amount, unit === null ? null : 'EACHES', null);
    return qty;
  }
  throw new FieldProblem(at(path, 'unitOfMeasure'), 'unitOfMeasure', `"${unitText}" is not a unit Recoup reads (Cases or Eaches)`);
}

export function wholeNumber(v: unknown, path: string, field: string): number {
  const n = typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v.trim()) : v;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) throw new FieldProblem(path, field, `expected a whole number of units, found ${describe(v)}`);
  return n;
}

/** Reject for a line whose eaches cannot be known. */
export function gapReject(gap: CaseSizeUnknown, linePath: string, raw: string | null): Reject {
  return {
    location: linePath,
    field: 'unitSize',
    reason: `${gap.amount} Cases at ${gap.path} without unitSize: the number of eaches cannot be known, so the line was set aside (the rest of the document was imported)`,
    raw,
  };
}

// ---- identifiers ----------------------------------------------------------------------------

/**
 * Item ids: Amazon's identifier is an ASIN (10 characters); a 12–14 digit value in that place is
 * a GTIN (the shipment-details example sends an ISBN-13 there) and is kept as UPC/EAN instead.
 */
export function itemIds(amazonId: string | null, vendorId: string | null): ItemIds {
  let asin: string | null = amazonId;
  let upc: string | null = null;
  let ean: string | null = null;
  if (amazonId && /^\d{12,14}$/.test(amazonId)) {
    asin = null;
    if (amazonId.length === 12) upc = amazonId;
    else ean = amazonId;
  }
  return { asin, vendorSku: vendorId, upc, ean };
}

export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return `"${v.length > 40 ? `${v.slice(0, 40)}…` : v}"`;
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}

/**
 * Run one document's parse: a FieldProblem rejects the whole document at the problem's path (nothing
 * of it is half-written); line-level rejects it collected are kept only when the document succeeds.
 */
export function guarded<T>(c: Collector, element: unknown, path: string, fn: (local: Reject[]) => T): T | null {
  const local: Reject[] = [];
  try {
    const out = fn(local);
    c.rejects.push(...local);
    return out;
  } catch (err) {
    if (!(err instanceof FieldProblem)) throw err;
    let raw: string | null = null;
    try {
      raw = JSON.stringify(element) ?? null;
    } catch {
      raw = null;
    }
    c.rejects.push({ location: err.path, field: err.field, reason: `${err.message} (the element at ${path} was not imported)`, raw });
    return null;
  }
}
