import { describe, expect, it } from 'vitest';
import { DateFormatError, addDays, excelSerialToIso, parseDate, parseTimestamp } from './dates';

describe('parseDate', () => {
  it('reads slash dates by the marketplace order', () => {
    expect(parseDate('03/04/2026', 'MDY')).toBe('2026-03-04');
    expect(parseDate('03/04/2026', 'DMY')).toBe('2026-04-03');
    expect(parseDate('8/5/2026', 'MDY')).toBe('2026-08-05');
    expect(parseDate('31/12/26', 'DMY')).toBe('2026-12-31');
    expect(parseDate('8/5/2026 12:00 AM', 'MDY')).toBe('2026-08-05');
  });

  it('reads dashed day/month dates by the order too (US ERPs write 08-05-2026)', () => {
    expect(parseDate('08-05-2026', 'MDY')).toBe('2026-08-05');
    expect(parseDate('08-05-2026', 'DMY')).toBe('2026-05-08');
  });

  it('reads dotted dates day first whatever the order', () => {
    expect(parseDate('05.08.2026', 'MDY')).toBe('2026-08-05');
  });

  it('rejects days that do not exist', () => {
    expect(() => parseDate('02/30/2026', 'MDY')).toThrow(DateFormatError);
    expect(() => parseDate('02/30/2026', 'MDY')).toThrow('"02/30/2026" is not a real calendar date');
    expect(() => parseDate('2/29/2025', 'MDY')).toThrow(DateFormatError);
    expect(parseDate('2/29/2024', 'MDY')).toBe('2024-02-29');
    expect(() => parseDate('13/01/2026', 'MDY')).toThrow(DateFormatError); // month 13
    expect(() => parseDate('20260230')).toThrow(DateFormatError);
  });

  it('reads EDI YYYYMMDD, ISO days and ISO timestamps as the day written', () => {
    expect(parseDate('20260805')).toBe('2026-08-05');
    expect(parseDate('2026-08-05')).toBe('2026-08-05');
    expect(parseDate('2026/08/05')).toBe('2026-08-05');
    expect(parseDate('2026-08-05T10:00:00Z')).toBe('2026-08-05');
    expect(parseDate('2026-08-05T23:30:00.123-05:00')).toBe('2026-08-05');
    expect(parseDate('2026-08-05 10:00:00')).toBe('2026-08-05');
  });

  it('reads D-MMM-YY and month names in several languages', () => {
    expect(parseDate('5-Aug-26')).toBe('2026-08-05');
    expect(parseDate('15-Ağu-26')).toBe('2026-08-15'); // Turkish remittance
    expect(parseDate('5 Aug 2026')).toBe('2026-08-05');
    expect(parseDate('Aug 5, 2026')).toBe('2026-08-05');
    expect(parseDate('1-Okt-26')).toBe('2026-10-01');
    expect(() => parseDate('5-Foo-26')).toThrow(DateFormatError);
  });

  it('returns null for an empty cell and refuses other text', () => {
    expect(parseDate('')).toBeNull();
    expect(parseDate('  ')).toBeNull();
    expect(parseDate('-')).toBeNull();
    expect(() => parseDate('next week', 'DMY')).toThrow('"next week" is not a date (DD/MM/YYYY)');
  });
});

describe('parseTimestamp', () => {
  it('reads zones and fractions to epoch milliseconds', () => {
    expect(parseTimestamp('2026-08-05T10:00:00Z')).toBe(Date.UTC(2026, 7, 5, 10));
    expect(parseTimestamp('2026-08-05T10:00:00.5+02:00')).toBe(Date.UTC(2026, 7, 5, 8, 0, 0, 500));
    expect(parseTimestamp('2026-08-05')).toBe(Date.UTC(2026, 7, 5));
    expect(() => parseTimestamp('2026-02-30T00:00:00Z')).toThrow(DateFormatError);
  });
});

describe('day arithmetic', () => {
  it('adds days across month and year ends and maps Excel serials', () => {
    expect(addDays('2026-07-25', 10)).toBe('2026-08-04');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(excelSerialToIso(45658)).toBe('2025-01-01'); // Excel shows 45658 for 1 Jan 2025
    expect(excelSerialToIso(46239)).toBe('2026-08-05');
  });
});
