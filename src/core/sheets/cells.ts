// Reading one cell of a sheet as money, a date, a quantity or an identifier. A cell that does not
// read throws a CellError naming the column as the file labels it and what was expected, which
// the caller turns into a row reject (`row 14: Amount Paid "12,3O" is not a number`).
import { MoneyFormatError, parseCents, parseCostE4, parseDecimal, type Cents, type CostE4 } from '../../shared/money';
import { DateFormatError, excelSerialToIso, parseDate, type IsoDate } from '../../shared/dates';
import type { SheetLocale } from './locale';
import { cleanHeader } from './profiles';

export class CellError extends Error {
  constructor(readonly field: string, message: string) {
    super(message);
  }
}

export function isBlankRow(row: readonly string[]): boolean {
  return row.every((c) => c === undefined || c === null || String(c).trim() === '');
}

export function cell(row: readonly string[], col: number | undefined): string {
  if (col === undefined) return '';
  const v = row[col];
  return v === undefined || v === null ? '' : String(v).trim();
}

export function money(text: string, field: string, locale: SheetLocale): Cents | null {
  try {
    return parseCents(text, locale.decimal);
  } catch (err) {
    if (err instanceof MoneyFormatError) throw new CellError(field, `${field} "${text}" is not ${err.expected}`);
    throw err;
  }
}

export function requiredMoney(text: string, field: string, locale: SheetLocale): Cents {
  const v = money(text, field, locale);
  if (v === null) throw new CellError(field, `${field} is empty (an amount is expected)`);
  return v;
}

export function cost(text: string, field: string, locale: SheetLocale): CostE4 | null {
  try {
    return parseCostE4(text, locale.decimal);
  } catch (err) {
    if (err instanceof MoneyFormatError) throw new CellError(field, `${field} "${text}" is not ${err.expected}`);
    throw err;
  }
}

/** The currency a money cell names by symbol or code (`$`, `€`, `INR`), if any. */
export function currencyOf(text: string, locale: SheetLocale): string | null {
  try {
    return parseDecimal(text, 2, locale.decimal)?.currency ?? null;
  } catch {
    return null;
  }
}

export function date(text: string, field: string, locale: SheetLocale, container: 'xlsx' | 'csv'): IsoDate | null {
  // A date cell Excel did not format as a date arrives as its serial day number.
  if (container === 'xlsx' && /^\d{5}(\.\d+)?$/.test(text)) {
    const serial = Number(text);
    if (serial > 20000 && serial < 80000) return excelSerialToIso(serial);
  }
  try {
    return parseDate(text, locale.dateOrder);
  } catch (err) {
    if (err instanceof DateFormatError) throw new CellError(field, `${field} "${text}" is not ${err.expected}`);
    throw err;
  }
}

/** A count of units: whole numbers only (float noise from spreadsheets tolerated). */
export function quantity(text: string, field: string, locale: SheetLocale): number | null {
  let scaled: number | null;
  try {
    scaled = parseDecimal(text, 4, locale.decimal)?.value ?? null;
  } catch (err) {
    if (err instanceof MoneyFormatError) throw new CellError(field, `${field} "${text}" is not a whole number`);
    throw err;
  }
  if (scaled === null) return null;
  if (scaled % 10000 !== 0) throw new CellError(field, `${field} "${text}" is not a whole number of units`);
  return scaled / 10000;
}

/**
 * An identifier (PO, invoice, payment, carton…) as written. Excel turns long digit strings into
 * `3.68E+08`; such a cell has lost digits and is refused rather than stored wrong.
 */
export function identifier(text: string, field: string): string | null {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t === '') return null;
  if (/^\d+(\.\d+)?E\+?\d+$/i.test(t)) {
    throw new CellError(field, `${field} "${t}" was turned into scientific notation by Excel and has lost digits; format the column as text and export again`);
  }
  return t;
}

/** UPC/EAN digits: Excel drops leading zeros of numeric cells, so pad back to the code's length. */
export function gtin(text: string, field: string, length: 12 | 13): string | null {
  const t = identifier(text, field);
  if (t === null) return null;
  if (/^\d+$/.test(t) && t.length < length && t.length >= length - 3) return t.padStart(length, '0');
  return t;
}

/**
 * The raw row kept for audit, as JSON keyed by the file's own headers (empty cells left out). Keys
 * are worked out once per header row: a repeated header gets its column number, a cell beyond
 * the headers is `column N`.
 */
export class RawRow {
  private readonly keys: string[];

  constructor(headers: readonly string[]) {
    const seen = new Set<string>();
    this.keys = headers.map((h, i) => {
      let k = cleanHeader(String(h ?? '')) || `column ${i + 1}`;
      if (seen.has(k)) k = `${k} (${i + 1})`;
      seen.add(k);
      return k;
    });
  }

  json(row: readonly string[]): string {
    const o: Record<string, string> = {};
    for (let i = 0; i < row.length; i++) {
      const c = row[i];
      if (c === undefined || c === null || c === '') continue;
      const v = String(c).trim();
      if (v !== '') o[this.keys[i] ?? `column ${i + 1}`] = v;
    }
    return JSON.stringify(o);
  }
}
