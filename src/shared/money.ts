// Money is an integer count of minor units (cents); unit costs are integers of ten-thousandths.
// Parsing is exact decimal arithmetic on the digits; no float ever touches an amount.

export type Cents = number;
/** A unit cost in ten-thousandths of the currency unit (4 decimals kept from the source). */
export type CostE4 = number;

export type DecimalStyle = 'point' | 'comma';

export interface ParsedDecimal {
  /** The value scaled to `scale` decimals, rounded half-to-even. */
  value: number;
  /** Currency symbol or ISO code found next to the number, if any. */
  currency: string | null;
}

const CURRENCY_SYMBOLS: Record<string, string> = {
  $: 'USD', 'US$': 'USD', '€': 'EUR', '£': 'GBP', '¥': 'JPY', '₹': 'INR', 'R$': 'BRL', 'C$': 'CAD',
  'CA$': 'CAD', 'MX$': 'MXN', 'A$': 'AUD', 'zł': 'PLN', kr: 'SEK', '₺': 'TRY', 'AED': 'AED',
};

const ISO_CODE = /^[A-Z]{3}$/;

export class MoneyFormatError extends Error {
  constructor(readonly input: string, readonly expected: string) {
    super(`"${input}" is not ${expected}`);
  }
}

/**
 * Parse a decimal amount as Vendor Central, ERPs and EDI write it: `$1,234.56`, `(12.30)`,
 * `1.234,56 €`, `-12.30`, `12.30-`, `−5` (Unicode minus), `USD 12`, `INR 1,23,456.00`.
 * `style` says which separator is the decimal one when the text alone cannot tell
 * (`1,234` is 1234 in the US and 1.234 in Germany). Returns null for an empty cell or a lone dash.
 */
export function parseDecimal(input: string, scale: number, style: DecimalStyle = 'point'): ParsedDecimal | null {
  // Fast path for the forms that fill most cells (`1234.56`, `$1,234.56`, `($12.30)`, `-5`):
  // same result as the general reader below, without its allocations.
  const fast = SIMPLE.exec(input);
  if (fast && (style === 'point' || !fast[4]!.includes(',')) && (fast[1] === '') === (fast[6] === '')) {
    const grouped = fast[4]!;
    // In decimal-comma style a lone `.ddd` groups thousands: leave that to the general reader.
    if (!(style === 'comma' && fast[5] !== undefined && fast[5].length === 3 && !grouped.includes(','))) {
      const value = scaleDigits(grouped.replace(/,/g, ''), fast[5] ?? '', scale, input);
      const negative = fast[1] === '(' || fast[2] === '-';
      return { value: negative && value !== 0 ? -value : value, currency: fast[3] ? 'USD' : null };
    }
  }
  let s = input.replace(/[\u00a0\u202f\u2009]/g, ' ').trim();
  if (s === '' || s === '-' || s === '–' || s === '—') return null;
  let negative = false;
  let currency: string | null = null;
  // Minus signs seen: one makes the amount negative, two (`--5`, `-5-`) is not a number.
  let minusSigns = 0;

  if (s.startsWith('(') && s.endsWith(')')) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  s = s.replace(/[\u2212\u2012\u2013\u2014\ufe63\uff0d]/g, '-');
  // Leading sign may stand before or after a currency symbol: -$12, $-12.
  const takeSign = () => {
    if (s.startsWith('-')) { minusSigns++; negative = true; s = s.slice(1).trim(); return true; }
    if (s.startsWith('+')) { s = s.slice(1).trim(); return true; }
    return false;
  };
  takeSign();
  const takeCurrency = () => {
    const lead = /^([A-Z]{3}|[A-Z]{0,2}\$|[€£¥₹₺]|zł|kr)\s*/.exec(s);
    if (lead && lead[1] && lead[0].length < s.length) {
      currency = symbolToCode(lead[1]);
      s = s.slice(lead[0].length);
      return true;
    }
    const trail = /\s*([A-Z]{3}|[€£¥₹₺]|zł|kr)$/.exec(s);
    if (trail && trail[1] && trail.index > 0) {
      currency = symbolToCode(trail[1]);
      s = s.slice(0, trail.index);
      return true;
    }
    return false;
  };
  takeCurrency();
  takeSign();
  if (s.startsWith('(') && s.endsWith(')')) {
    // `$(12.30)`: accounting brackets after the symbol; `(-12.30)` stays negative, marked twice.
    negative = true;
    s = s.slice(1, -1).trim();
    takeSign();
  }
  if (s.endsWith('-')) {
    minusSigns++;
    negative = true;
    s = s.slice(0, -1).trim();
  }
  if (minusSigns > 1) throw new MoneyFormatError(input, 'a number (it has more than one minus sign)');
  s = s.replace(/[ '’]/g, '');
  if (!/^[0-9.,]+$/.test(s) || !/[0-9]/.test(s)) throw new MoneyFormatError(input, 'a number');

  const { intPart, fracPart } = splitDecimal(s, style, input);
  const value = scaleDigits(intPart, fracPart, scale, input);
  return { value: negative && value !== 0 ? -value : value, currency };
}

// (  -  $  1,234 or 1234  .56  )
const SIMPLE = /^(\(?)(-?)(\$?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(\)?)$/;

/** Digits before and after the decimal separator as an integer scaled to `scale`, half-to-even. */
function scaleDigits(intPart: string, fracPart: string, scale: number, input: string): number {
  const digits = (intPart.replace(/^0+(?=\d)/, '') || '0') + fracPart.padEnd(scale, '0').slice(0, scale);
  let value = Number(digits);
  const rest = fracPart.slice(scale);
  if (rest.length > 0) {
    // Round half to even on the dropped digits.
    const first = Number(rest[0]);
    const tailNonZero = /[1-9]/.test(rest.slice(1));
    if (first > 5 || (first === 5 && (tailNonZero || value % 2 === 1))) value += 1;
  }
  if (!Number.isSafeInteger(value)) throw new MoneyFormatError(input, 'an amount within range');
  return value;
}

function symbolToCode(sym: string): string {
  if (ISO_CODE.test(sym)) return sym;
  return CURRENCY_SYMBOLS[sym] ?? sym;
}

function splitDecimal(s: string, style: DecimalStyle, input: string): { intPart: string; fracPart: string } {
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  let decimalSep: '.' | ',' | null;
  if (lastDot >= 0 && lastComma >= 0) {
    decimalSep = lastDot > lastComma ? '.' : ',';
  } else if (lastDot >= 0 || lastComma >= 0) {
    const sep = lastDot >= 0 ? '.' : ',';
    const count = s.split(sep).length - 1;
    const after = s.length - s.lastIndexOf(sep) - 1;
    if (count > 1) decimalSep = null; // 1,234,567 or 1.234.567: grouping only
    else if (after !== 3) decimalSep = sep; // 12.3, 12,30: only a decimal separator fits
    else decimalSep = (style === 'comma' ? ',' : '.') === sep ? sep : null; // 1,234 vs 1.234: ask the locale
  } else {
    decimalSep = null;
  }
  let intPart = s;
  let fracPart = '';
  if (decimalSep) {
    const idx = s.lastIndexOf(decimalSep);
    intPart = s.slice(0, idx);
    fracPart = s.slice(idx + 1);
    if (fracPart.includes('.') || fracPart.includes(',') || fracPart === '') {
      if (fracPart !== '') throw new MoneyFormatError(input, 'a number');
    }
  }
  const groupSep = decimalSep === '.' ? ',' : decimalSep === ',' ? '.' : s.includes(',') ? ',' : '.';
  if (intPart.includes(decimalSep ?? '\0')) throw new MoneyFormatError(input, 'a number');
  if (intPart.includes(groupSep)) {
    // Groups of three (or the Indian 2-2-3 lakh grouping) after the first group.
    const groups = intPart.split(groupSep);
    const ok = groups.every((g, i) => /^\d+$/.test(g) && (i === 0 ? g.length <= 3 : g.length === 3 || (g.length === 2 && i < groups.length - 1)));
    if (!ok) throw new MoneyFormatError(input, 'a number');
    intPart = groups.join('');
  }
  if (!/^\d*$/.test(intPart) || !/^\d*$/.test(fracPart)) throw new MoneyFormatError(input, 'a number');
  return { intPart: intPart || '0', fracPart };
}

/** Parse an amount into cents. Throws MoneyFormatError on text that is not a number. */
export function parseCents(input: string, style: DecimalStyle = 'point'): Cents | null {
  const parsed = parseDecimal(input, 2, style);
  return parsed ? parsed.value : null;
}

/** Parse a unit cost into ten-thousandths. */
export function parseCostE4(input: string, style: DecimalStyle = 'point'): CostE4 | null {
  const parsed = parseDecimal(input, 4, style);
  return parsed ? parsed.value : null;
}

/** Round half to even from ten-thousandths to cents: used once per line amount. */
export function e4ToCents(e4: number): Cents {
  const sign = e4 < 0 ? -1 : 1;
  const abs = Math.abs(e4);
  const whole = Math.floor(abs / 100);
  const rem = abs % 100;
  let cents = whole;
  if (rem > 50 || (rem === 50 && whole % 2 === 1)) cents += 1;
  return sign * cents || 0;
}

/** Line amount in cents = quantity × unit cost (e4), rounded half-to-even once. */
export function lineAmountCents(qty: number, costE4: CostE4): Cents {
  const product = BigInt(qty) * BigInt(costE4);
  const sign = product < 0n ? -1n : 1n;
  const abs = product < 0n ? -product : product;
  const whole = abs / 100n;
  const rem = abs % 100n;
  let cents = whole;
  if (rem > 50n || (rem === 50n && whole % 2n === 1n)) cents += 1n;
  return Number(sign * cents) || 0;
}

/** Implied-decimal integers as EDI writes them (TDS*19934 = 199.34). */
export function impliedCents(input: string): Cents {
  const t = input.trim();
  if (!/^-?\d+$/.test(t)) throw new MoneyFormatError(input, 'a whole number of cents');
  return Number(t);
}

const MINOR_DIGITS: Record<string, number> = { JPY: 0, KRW: 0, CLP: 0, HUF: 2, KWD: 3, BHD: 3, OMR: 3 };

export function minorDigits(currency: string): number {
  return MINOR_DIGITS[currency] ?? 2;
}

/** Format minor units for people: 1234567 USD → "$12,345.67". Display only. */
export function formatMoney(cents: Cents, currency = 'USD', locale = 'en-US'): string {
  const digits = minorDigits(currency);
  const negative = cents < 0;
  const abs = Math.abs(cents);
  const unit = 10 ** digits;
  const whole = Math.floor(abs / unit);
  const frac = abs % unit;
  const wholeText = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(whole);
  const decimalSep = new Intl.NumberFormat(locale).format(1.5).charAt(1);
  const body = digits > 0 ? `${wholeText}${decimalSep}${String(frac).padStart(digits, '0')}` : wholeText;
  const symbol = currencySymbol(currency, locale);
  return `${negative ? '-' : ''}${symbol}${body}`;
}

function currencySymbol(currency: string, locale: string): string {
  try {
    const parts = new Intl.NumberFormat(locale, { style: 'currency', currency }).formatToParts(0);
    return parts.find((p) => p.type === 'currency')?.value ?? `${currency} `;
  } catch {
    return `${currency} `;
  }
}

/** Plain decimal text for cents (no grouping): 12345 → "123.45". For CSV and explanations. */
export function centsToDecimal(cents: Cents, currency = 'USD'): string {
  const digits = minorDigits(currency);
  const negative = cents < 0;
  const abs = Math.abs(cents);
  if (digits === 0) return `${negative ? '-' : ''}${abs}`;
  const unit = 10 ** digits;
  return `${negative ? '-' : ''}${Math.floor(abs / unit)}.${String(abs % unit).padStart(digits, '0')}`;
}

/** Plain decimal text for a unit cost in ten-thousandths, trailing zeros beyond cents trimmed. */
export function costE4ToDecimal(e4: CostE4): string {
  const negative = e4 < 0;
  const abs = Math.abs(e4);
  let frac = String(abs % 10000).padStart(4, '0');
  frac = frac.replace(/0{1,2}$/, '');
  return `${negative ? '-' : ''}${Math.floor(abs / 10000)}.${frac}`;
}
