// Calendar days are ISO `YYYY-MM-DD` text; arithmetic is done in UTC days so no time zone can
// move a date.

export type IsoDate = string;
/** Order of day and month in slash dates: the US writes 03/04/2026 for March 4, Europe for 3 April. */
export type DateOrder = 'MDY' | 'DMY';

export class DateFormatError extends Error {
  constructor(readonly input: string, readonly expected: string) {
    super(`"${input}" is not ${expected}`);
  }
}

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
  // German, French, Spanish, Italian, Turkish short forms that differ from English
  mär: 3, mrz: 3, mai: 5, okt: 10, dez: 12, janv: 1, févr: 2, fev: 2, avr: 4, juil: 7, août: 8, aout: 8, déc: 12,
  ene: 1, abr: 4, ago: 8, dic: 12, gen: 1, mag: 5, giu: 6, lug: 7, set: 9, ott: 10, oca: 1, şub: 2, nis: 4, haz: 6,
  tem: 7, ağu: 8, eyl: 9, eki: 10, kas: 11, ara: 12,
};

export function isValidYmd(y: number, m: number, d: number): boolean {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return false;
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return false;
  return d <= daysInMonth(y, m);
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function toIso(y: number, m: number, d: number): IsoDate {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function expandYear(y: number): number {
  return y < 100 ? 2000 + y : y;
}

/**
 * Parse the dates found in remittance exports, registers, EDI and SP-API: `MM/DD/YYYY` or
 * `DD/MM/YYYY` (by `order`), `YYYY-MM-DD`, ISO timestamps, `YYYYMMDD` (EDI), `DD.MM.YYYY`,
 * `D-MMM-YY`, `Aug 5, 2026`, `5 Aug 2026`. Returns null for an empty cell; throws
 * DateFormatError for text that is not a real calendar day (02/30/2026 included).
 */
export function parseDate(input: string, order: DateOrder = 'MDY'): IsoDate | null {
  const s = input.trim();
  if (s === '' || s === '-') return null;
  let y: number, m: number, d: number;
  let match: RegExpExecArray | null;
  if ((match = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(s))) {
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else if ((match = /^(\d{4})(\d{2})(\d{2})$/.exec(s))) {
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else if ((match = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(s))) {
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else if ((match = /^(\d{1,2})[/](\d{1,2})[/](\d{2}|\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AP]M)?)?$/i.exec(s))) {
    const a = Number(match[1]);
    const b = Number(match[2]);
    y = expandYear(Number(match[3]));
    [m, d] = order === 'MDY' ? [a, b] : [b, a];
  } else if ((match = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s))) {
    // Dotted dates are day-first wherever they are written (DE, TR, PL…).
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else if ((match = /^(\d{1,2})-(\d{1,2})-(\d{4})$/.exec(s))) {
    // Dashed dates follow the locale like slashed ones: US ERPs write 08-05-2026 for August 5.
    const a = Number(match[1]);
    const b = Number(match[2]);
    y = Number(match[3]);
    [m, d] = order === 'MDY' ? [a, b] : [b, a];
  } else if ((match = /^(\d{1,2})[-\s.]([\p{L}]{3,5})\.?[-\s,]+(\d{2}|\d{4})$/u.exec(s))) {
    d = Number(match[1]);
    m = MONTHS[match[2]!.toLowerCase()] ?? NaN;
    y = expandYear(Number(match[3]));
  } else if ((match = /^([\p{L}]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})$/u.exec(s))) {
    m = MONTHS[match[1]!.toLowerCase().slice(0, 3)] ?? MONTHS[match[1]!.toLowerCase()] ?? NaN;
    d = Number(match[2]);
    y = Number(match[3]);
  } else {
    throw new DateFormatError(input, order === 'MDY' ? 'a date (MM/DD/YYYY)' : 'a date (DD/MM/YYYY)');
  }
  if (!isValidYmd(y, m, d)) throw new DateFormatError(input, 'a real calendar date');
  return toIso(y, m, d);
}

/** An ISO timestamp (with or without zone, 0–3 fractional digits) to epoch ms; zone-less = UTC. */
export function parseTimestamp(input: string): number | null {
  const s = input.trim();
  if (s === '') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(s);
  if (!m) throw new DateFormatError(input, 'an ISO timestamp');
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!isValidYmd(y, mo, d)) throw new DateFormatError(input, 'a real calendar date');
  const ms = Number((m[7] ?? '0').padEnd(3, '0').slice(0, 3));
  let t = Date.UTC(y, mo - 1, d, Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), ms);
  const zone = m[8];
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const hh = Number(zone.slice(1, 3));
    const mm = Number(zone.slice(-2));
    t -= sign * (hh * 60 + mm) * 60_000;
  }
  return t;
}

export function isoToDayNumber(iso: IsoDate): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return Math.floor(Date.UTC(y, m - 1, d) / 86_400_000);
}

export function dayNumberToIso(day: number): IsoDate {
  const dt = new Date(day * 86_400_000);
  return toIso(dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate());
}

export function addDays(iso: IsoDate, days: number): IsoDate {
  return dayNumberToIso(isoToDayNumber(iso) + days);
}

export function addMonths(iso: IsoDate, months: number): IsoDate {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  return toIso(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

export function daysBetween(from: IsoDate, to: IsoDate): number {
  return isoToDayNumber(to) - isoToDayNumber(from);
}

/** Today's date in UTC as ISO; pass `--as-of` instead wherever reproducibility matters. */
export function todayIso(now: number = Date.now()): IsoDate {
  return dayNumberToIso(Math.floor(now / 86_400_000));
}

/** An Excel serial day number (1900 system) to ISO. */
export function excelSerialToIso(serial: number): IsoDate {
  // Day 25569 is 1970-01-01; Excel's phantom 1900-02-29 is before any date we read.
  return dayNumberToIso(Math.floor(serial) - 25569);
}
