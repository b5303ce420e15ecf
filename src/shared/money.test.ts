import { describe, expect, it } from 'vitest';
import { MoneyFormatError, e4ToCents, lineAmountCents, parseCents, parseCostE4, parseDecimal } from './money';

describe('parseCents: amounts as Vendor Central, ERPs and EDI write them', () => {
  it.each([
    ['$1,234.56', 123456],
    ['1234.56', 123456],
    ['($12.30)', -1230],
    ['(12.30)', -1230],
    ['$(12.30)', -1230],
    ['-$12.30', -1230],
    ['$-12.30', -1230],
    ['12.30-', -1230],
    ['\u221212.30', -1230], // Unicode minus sign
    ['\u2013 5', -500], // en dash used as a minus
    ['+5', 500],
    ['USD 12', 1200],
    ['12 USD', 1200],
    ['MXN 1,234.50', 123450],
    ['INR 1,23,456.00', 12345600], // Indian lakh grouping
    ['₹1,23,456.00', 12345600],
    ['£5', 500],
    ['AED 99.99', 9999],
    ['1\u00a0234.56', 123456], // non-breaking space as a thousands separator
    ['12.299999999999999', 1230], // float noise from a numeric cell
    ['-0.00', 0],
  ])('%s → %i cents', (text, cents) => {
    expect(parseCents(text)).toBe(cents);
  });

  it('reads decimal-comma amounts whatever the locale when the text is unambiguous', () => {
    expect(parseCents('1.234,56 €')).toBe(123456);
    expect(parseCents('1.234,56 €', 'comma')).toBe(123456);
    expect(parseCents('€ 1.234,56', 'comma')).toBe(123456);
    expect(parseCents('(€1.234,56)', 'comma')).toBe(-123456);
    expect(parseCents('-125,50 €', 'comma')).toBe(-12550);
    expect(parseCents('1 234,56', 'comma')).toBe(123456);
    expect(parseCents('R$ 1.234,56', 'comma')).toBe(123456);
  });

  it('asks the locale only for a lone separator followed by exactly three digits', () => {
    expect(parseCents('1,234', 'point')).toBe(123400);
    expect(parseCents('1,234', 'comma')).toBe(123);
    expect(parseCents('1.234', 'point')).toBe(123);
    expect(parseCents('1.234', 'comma')).toBe(123400);
    expect(parseCents('1,234,567', 'comma')).toBe(123456700);
  });

  it('returns null for an empty cell or a lone dash (nothing, not zero)', () => {
    for (const t of ['', '  ', '-', '–', '—']) expect(parseCents(t)).toBeNull();
  });

  it.each(['12,3O', 'abc', '$', '1.2.3', '12,34,56', '--5', '-5-', '1e-7', 'USD'])('refuses %j with a MoneyFormatError', (text) => {
    expect(() => parseCents(text)).toThrow(MoneyFormatError);
  });

  it('says what was wrong in the error message', () => {
    expect(() => parseCents('12,3O')).toThrow('"12,3O" is not a number');
    expect(() => parseCents('--5')).toThrow(/more than one minus sign/);
  });

  it('rounds half to even beyond the kept decimals', () => {
    expect(parseCents('1.005')).toBe(100); // 100.5 → 100 (even)
    expect(parseCents('1.015')).toBe(102); // 101.5 → 102 (even)
    expect(parseCents('1.0051')).toBe(101); // above half
    expect(parseCents('1.0049')).toBe(100);
    expect(parseCents('-1.005')).toBe(-100);
    expect(parseCents('2.675')).toBe(268);
  });
});

describe('parseCostE4: unit costs to ten-thousandths', () => {
  it('keeps four decimals and rounds half to even after them', () => {
    expect(parseCostE4('$10.00')).toBe(100000);
    expect(parseCostE4('5.125')).toBe(51250);
    expect(parseCostE4('5,1250', 'comma')).toBe(51250);
    expect(parseCostE4('2.00005')).toBe(20000);
    expect(parseCostE4('2.00015')).toBe(20002);
    expect(parseCostE4('1.23456')).toBe(12346);
  });
});

describe('parseDecimal', () => {
  it('reports the currency a symbol or code names', () => {
    expect(parseDecimal('$1.00', 2)).toEqual({ value: 100, currency: 'USD' });
    expect(parseDecimal('1,00 €', 2, 'comma')).toEqual({ value: 100, currency: 'EUR' });
    expect(parseDecimal('INR 1.00', 2)).toEqual({ value: 100, currency: 'INR' });
    expect(parseDecimal('1.00', 2)).toEqual({ value: 100, currency: null });
  });
});

describe('line amounts', () => {
  it('multiplies eaches by a 4-decimal unit cost and rounds half to even once', () => {
    expect(lineAmountCents(3, 51250)).toBe(1538); // 15.375 → 15.38 (8 is even)
    expect(lineAmountCents(1, 12350)).toBe(124); // 1.235 → 1.24
    expect(lineAmountCents(1, 12250)).toBe(122); // 1.225 → 1.22
    expect(lineAmountCents(-2, 100000)).toBe(-2000);
    expect(e4ToCents(12350)).toBe(124);
    expect(e4ToCents(12250)).toBe(122);
  });
});

describe('parseDecimal fast path', () => {
  it('agrees with the general reader on every simple form (a leading space takes the general path)', async () => {
    const fc = await import('fast-check');
    const num = fc.tuple(
      fc.constantFrom('', '(', '-', '$', '-$', '($'),
      fc.bigInt({ min: 0n, max: 10n ** 12n }),
      fc.boolean(),
      fc.option(fc.stringMatching(/^\d{1,6}$/), { nil: undefined }),
    ).map(([pre, n, group, frac]) => {
      const int = group ? n.toLocaleString('en-US') : n.toString();
      return `${pre}${int}${frac !== undefined ? `.${frac}` : ''}${pre.startsWith('(') ? ')' : ''}`;
    });
    fc.assert(fc.property(num, fc.constantFrom(2, 4), fc.constantFrom('point', 'comma'), (text, scale, style) => {
      const run = (t: string) => {
        try {
          return parseDecimal(t, scale, style as 'point' | 'comma');
        } catch (e) {
          return (e as Error).message.replace(/^" /, '"');
        }
      };
      expect(run(text)).toEqual(run(` ${text}`));
    }), { numRuns: 2000 });
  });
});
