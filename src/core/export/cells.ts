// Typed cells for every spreadsheet and CSV Recoup writes. A sheet model says what each value
// IS (an amount, an identifier, a date); the writers turn that into number formats, text cells
// and CSV fields. Amounts stay numbers, identifiers stay text, dates become real dates.
import { centsToDecimal, minorDigits } from '../../shared/money';

/**
 * Text a spreadsheet would read as a formula or a command (`=`, `+`, `-`, `@`, tab, CR at the
 * start) gets a leading apostrophe, so `=HYPERLINK(…)` in an imported description stays text in
 * Excel, LibreOffice and any CSV consumer. The one function every writer uses.
 */
export function neutralise(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export type CellKind = 'text' | 'id' | 'money' | 'int' | 'date' | 'cost';

export interface Column {
  header: string;
  kind: CellKind;
  /** Width in characters; computed from the header and kind when absent. */
  width?: number;
}

/** A live formula with the value Recoup computed, cached so viewers that do not recalculate show it. */
export interface Formula {
  formula: string;
  /** Cached result, in the model's units (cents for money cells); text for text formulas. */
  result: number | string;
}

/**
 * One cell value as the model holds it: money in minor units (cents), unit costs in e4, dates as
 * ISO text, identifiers and text as strings. `null` is an empty cell.
 */
export type CellValue = string | number | null | Formula;

export interface Sheet {
  name: string;
  columns: Column[];
  /** Currency of money/cost columns (one per sheet row set; a row may override via rowCurrency). */
  currency: string;
}

export const isFormula = (v: CellValue): v is Formula => typeof v === 'object' && v !== null && 'formula' in v;

/** Excel number format for amounts in a currency, with its own number of decimals. */
export function moneyFormat(currency: string): string {
  const d = minorDigits(currency);
  const body = d > 0 ? `#,##0.${'0'.repeat(d)}` : '#,##0';
  const sym = CURRENCY_PREFIX[currency];
  if (sym) return `"${sym}"${body};-"${sym}"${body}`;
  return `${body} "${currency.replace(/[^A-Z]/g, '')}";-${body} "${currency.replace(/[^A-Z]/g, '')}"`;
}

const CURRENCY_PREFIX: Record<string, string> = { USD: '$', CAD: 'CA$', MXN: 'MX$', BRL: 'R$', GBP: '£', EUR: '€', JPY: '¥', INR: '₹', AUD: 'A$' };

export const COST_FORMAT = '#,##0.00##';
export const DATE_FORMAT = 'yyyy-mm-dd';
export const INT_FORMAT = '#,##0';
export const TEXT_FORMAT = '@';

export function numFmtFor(kind: CellKind, currency: string): string | undefined {
  switch (kind) {
    case 'money': return moneyFormat(currency);
    case 'cost': return COST_FORMAT;
    case 'date': return DATE_FORMAT;
    case 'int': return INT_FORMAT;
    case 'id': return TEXT_FORMAT;
    default: return undefined;
  }
}

/** Minor units to the number a spreadsheet shows (1234 cents → 12.34). Exact for display. */
export function centsToNumber(cents: number, currency: string): number {
  return cents / 10 ** minorDigits(currency);
}

export function e4ToNumber(e4: number): number {
  return e4 / 10_000;
}

/** An ISO day to a Date at UTC midnight (exceljs writes dates as UTC serials). */
export function isoToDate(iso: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

export function defaultWidth(c: Column): number {
  if (c.width) return c.width;
  const base = { text: 24, id: 18, money: 14, int: 10, date: 12, cost: 12 }[c.kind];
  return Math.min(60, Math.max(base, c.header.length + 2));
}

/** Width that fits the longest value seen (capped), for columns sized to content. */
export function fitWidth(current: number, value: CellValue): number {
  if (value === null || isFormula(value)) return current;
  const len = typeof value === 'number' ? 14 : value.length + 2;
  return Math.min(80, Math.max(current, len));
}

/** The CSV field for a typed value: amounts as plain decimals, text neutralised and quoted as needed. */
export function csvField(kind: CellKind, value: CellValue, currency: string): string {
  if (value === null) return '';
  if (isFormula(value)) return csvField(kind, value.result, currency);
  if (typeof value === 'number') {
    switch (kind) {
      case 'money': return centsToDecimal(value, currency);
      case 'cost': return String(e4ToNumber(value));
      default: return String(value);
    }
  }
  return csvQuote(neutralise(value));
}

export function csvQuote(text: string): string {
  // Semicolons too: Excel in comma-decimal locales splits CSV on them.
  return /[",;\n\r]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(columns: readonly Column[], values: readonly CellValue[], currency: string): string {
  return columns.map((c, i) => csvField(c.kind, values[i] ?? null, currency)).join(',');
}

export function csvHeader(columns: readonly Column[]): string {
  return columns.map((c) => csvQuote(neutralise(c.header))).join(',');
}

/** Column letters for a 1-based column number (1 → A, 28 → AB). */
export function colLetter(n: number): string {
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** A sheet reference usable inside formulas: 'Lines per ASIN'!C5. */
export function ref(sheet: string, col: number, row: number): string {
  return `'${sheet.replace(/'/g, "''")}'!${colLetter(col)}${row}`;
}
