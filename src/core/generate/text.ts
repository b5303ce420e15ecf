// Text shapes shared by the writers: Vendor Central amounts and dates, CSV cells, decimals.
import type { Cents, CostE4 } from '../../shared/money';
import { centsToDecimal, costE4ToDecimal } from '../../shared/money';
import type { IsoDate } from '../../shared/dates';

/** Vendor Central (US) amount text: `$1,234.56`, negatives in parentheses `($12.30)`. */
export function usd(cents: Cents): string {
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const body = `$${whole}.${String(abs % 100).padStart(2, '0')}`;
  return cents < 0 ? `(${body})` : body;
}

/** US Vendor Central date: MM/DD/YYYY. */
export function mdy(iso: IsoDate): string {
  return `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(0, 4)}`;
}

/** X12 date CCYYMMDD. */
export function ymd(iso: IsoDate): string {
  return iso.replace(/-/g, '');
}

export function dec(cents: Cents): string {
  return centsToDecimal(cents);
}

/** Unit cost with at least two decimals: 12.5 → "12.50". */
export function cost(e4: CostE4): string {
  const s = costE4ToDecimal(e4);
  const [w, f = ''] = s.split('.');
  return `${w}.${f.padEnd(2, '0')}`;
}

export function csvCell(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(cells: ReadonlyArray<string | number | null>): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}
