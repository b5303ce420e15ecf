// Display formatting at the edge: numbers stay integers (cents) until here.
import { formatMoney } from '../../../shared/money';

/** Where Settings → Display keeps the analyst's number format (a BCP 47 locale such as de-DE). */
export const LOCALE_KEY = 'recoup.locale';

/** The display locale for amounts: the analyst's choice, else US English. */
export function displayLocale(): string {
  try {
    const v = typeof localStorage !== 'undefined' ? localStorage.getItem(LOCALE_KEY) : null;
    return v && Intl.NumberFormat.supportedLocalesOf([v]).length ? v : 'en-US';
  } catch {
    return 'en-US';
  }
}

export const money = (cents: number, currency = 'USD'): string => formatMoney(cents, currency, displayLocale());

const intFmt = new Intl.NumberFormat('en-US');
export const count = (n: number): string => intFmt.format(n);

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

const dtFmt = new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
export const dateTime = (ms: number): string => dtFmt.format(new Date(ms));

const dayFmt = new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
/** An ISO calendar day (YYYY-MM-DD) as "Nov 14, 2026". */
export const day = (iso: string | null): string => (iso ? dayFmt.format(new Date(`${iso}T00:00:00Z`)) : '—');

const shortDayFmt = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
/** "May 19" when the year is `year` (default this one), else the full "May 19, 2025". */
export function shortDay(iso: string | null, year = new Date().getUTCFullYear()): string {
  if (!iso) return '—';
  return iso.startsWith(`${year}-`) ? shortDayFmt.format(new Date(`${iso}T00:00:00Z`)) : day(iso);
}

export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

/** Human names for detected formats. */
const FORMATS: Record<string, string> = {
  vc_remittance_xlsx: 'Remittance export (XLSX)',
  vc_remittance_csv: 'Remittance export (CSV)',
  register_xlsx: 'Register (XLSX)',
  register_csv: 'Register (CSV)',
  x12: 'EDI X12',
  x12_810: 'EDI 810 invoice',
  x12_820: 'EDI 820 remittance',
  x12_850: 'EDI 850 purchase order',
  x12_855: 'EDI 855 PO acknowledgement',
  x12_856: 'EDI 856 ship notice (ASN)',
  spapi: 'SP-API JSON',
  spapi_orders: 'SP-API purchase orders',
  spapi_order_status: 'SP-API order status',
  spapi_shipments: 'SP-API shipments',
  spapi_invoices: 'SP-API invoices',
  spapi_finance_invoices: 'SP-API payments (finance)',
  generated: 'Generated data',
};
export function formatName(format: string): string {
  if (FORMATS[format]) return FORMATS[format];
  return format
    .replace(/_/g, ' ')
    .replace(/\bx12\b/i, 'EDI')
    .replace(/\bvc\b/i, 'Vendor Central')
    .replace(/^./, (c) => c.toUpperCase());
}
