// Which marketplace a spreadsheet was exported from decides how its text is read: US, CA, MX and
// BR write MM/DD/YYYY, the others DD/MM/YYYY; most of Europe and Brazil write decimal commas.
// The analyst's hint wins; otherwise the currencies in the file and the dates themselves decide
// (a first part above 12 can only be a day).
import type { DecimalStyle } from '../../shared/money';
import type { DateOrder } from '../../shared/dates';

export interface SheetLocale {
  /** US, CA, DE, EU (a euro marketplace), IN…; null when nothing in the file says. */
  marketplace: string | null;
  dateOrder: DateOrder;
  decimal: DecimalStyle;
  /** Currency to assume where a row names none. */
  currency: string;
  /** How the locale was decided, for the batch notes. */
  note: string;
}

const MARKETPLACE_BY_CURRENCY: Record<string, string> = {
  USD: 'US', CAD: 'CA', MXN: 'MX', BRL: 'BR', GBP: 'UK', EUR: 'EU', INR: 'IN', JPY: 'JP', AED: 'AE', SAR: 'SA', TRY: 'TR',
  SEK: 'SE', PLN: 'PL', AUD: 'AU', SGD: 'SG', EGP: 'EG', ZAR: 'ZA',
};

const CURRENCY_BY_MARKETPLACE: Record<string, string> = {
  US: 'USD', CA: 'CAD', MX: 'MXN', BR: 'BRL', UK: 'GBP', GB: 'GBP', DE: 'EUR', FR: 'EUR', IT: 'EUR', ES: 'EUR', NL: 'EUR', BE: 'EUR',
  IE: 'EUR', AT: 'EUR', EU: 'EUR', IN: 'INR', JP: 'JPY', AE: 'AED', SA: 'SAR', TR: 'TRY', SE: 'SEK', PL: 'PLN', AU: 'AUD',
  SG: 'SGD', EG: 'EGP', ZA: 'ZAR',
};

const MDY_MARKETPLACES = new Set(['US', 'CA', 'MX', 'BR']);
const COMMA_MARKETPLACES = new Set(['DE', 'FR', 'IT', 'ES', 'NL', 'BE', 'AT', 'EU', 'BR', 'TR', 'SE', 'PL']);

const SYMBOLS: Array<[RegExp, string]> = [
  [/R\$/, 'BRL'], [/C\$|CA\$/, 'CAD'], [/MX\$/, 'MXN'], [/A\$/, 'AUD'], [/US\$/, 'USD'], [/€/, 'EUR'], [/£/, 'GBP'], [/₹/, 'INR'],
  [/¥/, 'JPY'], [/₺/, 'TRY'], [/zł/, 'PLN'], [/\$/, 'USD'],
];

export function marketplaceDateOrder(marketplace: string): DateOrder {
  return MDY_MARKETPLACES.has(marketplace.toUpperCase()) ? 'MDY' : 'DMY';
}

export function marketplaceDecimal(marketplace: string): DecimalStyle {
  return COMMA_MARKETPLACES.has(marketplace.toUpperCase()) ? 'comma' : 'point';
}

/** Evidence gathered from the cells of a sheet before any of them is parsed. */
export class LocaleEvidence {
  private readonly currencies = new Map<string, number>();
  private mdy = 0;
  private dmy = 0;
  /** Slash or dash dates seen at all (ISO dates and real date cells need no order). */
  private orderDependent = 0;
  private comma = 0;
  private point = 0;
  /** The layout itself says "not US" (e.g. Vendor Central's `Net Amount Paid` column). */
  nonUsLayout = false;
  /** The layout itself names a marketplace (e.g. the Indian remittance layout). */
  layoutMarketplace: string | null = null;

  /** An ISO currency code cell (Invoice Currency, Payment Currency…). */
  currencyCode(text: string): void {
    const code = text.trim().toUpperCase();
    if (/^[A-Z]{3}$/.test(code)) this.currencies.set(code, (this.currencies.get(code) ?? 0) + 1);
  }

  /** An amount cell: its currency symbol or code, and which separator is the decimal one. */
  amount(text: string): void {
    const t = text.trim();
    if (t === '') return;
    const code = /\b([A-Z]{3})\b/.exec(t);
    if (code && code[1] && MARKETPLACE_BY_CURRENCY[code[1]]) this.currencyCode(code[1]);
    else for (const [re, cur] of SYMBOLS) if (re.test(t)) { this.currencyCode(cur); break; }
    const digits = t.replace(/[^0-9.,]/g, '');
    const lastDot = digits.lastIndexOf('.');
    const lastComma = digits.lastIndexOf(',');
    if (lastDot >= 0 && lastComma >= 0) {
      if (lastDot > lastComma) this.point++;
      else this.comma++;
    } else if (lastComma >= 0 && digits.length - lastComma - 1 !== 3 && digits.split(',').length === 2) this.comma++;
    else if (lastDot >= 0 && digits.length - lastDot - 1 !== 3 && digits.split('.').length === 2) this.point++;
  }

  /** A date cell: a first part above 12 means day-first, a second part above 12 month-first. */
  date(text: string): void {
    const m = /^\s*(\d{1,2})[/-](\d{1,2})[/-](\d{2}|\d{4})\b/.exec(text);
    if (!m) return;
    this.orderDependent++;
    const a = Number(m[1]);
    const b = Number(m[2]);
    if (a > 12 && b <= 12) this.dmy++;
    else if (b > 12 && a <= 12) this.mdy++;
  }

  /** The dates already tell the order, so no more rows need to be held back. */
  get settled(): boolean {
    return this.mdy + this.dmy > 0;
  }

  private topCurrency(): string | null {
    let best: string | null = null;
    let n = 0;
    for (const [c, k] of this.currencies) if (k > n) { best = c; n = k; }
    return best;
  }

  decide(hint: string | undefined, fixed: { dateOrder?: DateOrder; decimal?: DecimalStyle } = {}, needsCurrency = true): SheetLocale {
    const currencyFound = this.topCurrency();
    const notes: string[] = [];
    let marketplace: string | null = null;
    if (hint) {
      marketplace = hint.toUpperCase();
      notes.push(`read as marketplace ${marketplace} (given)`);
    } else if (this.layoutMarketplace) {
      marketplace = this.layoutMarketplace;
      notes.push(`read as marketplace ${marketplace} (its column layout)`);
    } else if (currencyFound && MARKETPLACE_BY_CURRENCY[currencyFound]) {
      marketplace = MARKETPLACE_BY_CURRENCY[currencyFound]!;
      notes.push(`read as marketplace ${marketplace} (amounts in ${currencyFound})`);
    }
    let dateOrder: DateOrder;
    if (fixed.dateOrder) {
      dateOrder = fixed.dateOrder;
      notes.push(`dates ${label(dateOrder)} (mapping profile)`);
    } else if (hint) {
      dateOrder = marketplaceDateOrder(hint);
      notes.push(`dates ${label(dateOrder)}`);
    } else if (this.dmy > 0 && this.mdy === 0) {
      dateOrder = 'DMY';
      notes.push(`dates ${label(dateOrder)} (a day above 12 comes first)`);
    } else if (this.mdy > 0 && this.dmy === 0) {
      dateOrder = 'MDY';
      notes.push(`dates ${label(dateOrder)} (a day above 12 comes second)`);
    } else if (marketplace) {
      dateOrder = marketplaceDateOrder(marketplace);
      notes.push(this.orderDependent === 0 ? 'dates written year first or as date cells' : `dates ${label(dateOrder)} (as in ${marketplace})`);
    } else if (this.nonUsLayout) {
      dateOrder = 'DMY';
      notes.push(`dates ${label(dateOrder)} (a non-US layout)`);
    } else if (this.orderDependent === 0) {
      dateOrder = 'MDY';
      notes.push('dates written year first or as date cells');
    } else {
      dateOrder = 'MDY';
      notes.push(`dates ${label(dateOrder)}: nothing in the file tells the order, pass the marketplace to change it`);
    }
    if (!hint && this.dmy > 0 && this.mdy > 0) notes.push('the file mixes day-first and month-first dates; rows whose dates do not fit were rejected');
    let decimal: DecimalStyle;
    if (fixed.decimal) decimal = fixed.decimal;
    else if (marketplace) decimal = marketplaceDecimal(marketplace);
    else decimal = this.comma > this.point ? 'comma' : 'point';
    notes.push(decimal === 'comma' ? 'decimal commas' : 'decimal points');
    let currency = currencyFound ?? (marketplace ? CURRENCY_BY_MARKETPLACE[marketplace] ?? null : null);
    if (!currency) {
      currency = 'USD';
      if (needsCurrency) notes.push('no currency in the file: amounts taken as USD');
    }
    return { marketplace, dateOrder, decimal, currency, note: notes.join('; ') };
  }
}

function label(order: DateOrder): string {
  return order === 'MDY' ? 'MM/DD/YYYY' : 'DD/MM/YYYY';
}
