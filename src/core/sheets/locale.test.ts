import { describe, expect, it } from 'vitest';
import { LocaleEvidence } from './locale';
import { parseTerms } from './terms';

function evidence(feed: (e: LocaleEvidence) => void): LocaleEvidence {
  const e = new LocaleEvidence();
  feed(e);
  return e;
}

describe('LocaleEvidence.decide', () => {
  it('takes the marketplace from the currencies and the order from a day above 12', () => {
    const e = evidence((x) => {
      x.currencyCode('GBP');
      x.amount('£1,234.56');
      x.date('03/04/2026');
      x.date('25/04/2026');
    });
    expect(e.settled).toBe(true);
    expect(e.decide(undefined)).toMatchObject({ marketplace: 'UK', dateOrder: 'DMY', decimal: 'point', currency: 'GBP' });
  });

  it('falls back to the marketplace order when no date tells', () => {
    const us = evidence((x) => { x.amount('$1.00'); x.date('03/04/2026'); });
    expect(us.settled).toBe(false);
    expect(us.decide(undefined)).toMatchObject({ marketplace: 'US', dateOrder: 'MDY', currency: 'USD' });
    const eu = evidence((x) => { x.amount('1,00 €'); x.date('03/04/2026'); });
    expect(eu.decide(undefined)).toMatchObject({ marketplace: 'EU', dateOrder: 'DMY', decimal: 'comma', currency: 'EUR' });
    const br = evidence((x) => { x.amount('R$ 1.234,56'); });
    expect(br.decide(undefined)).toMatchObject({ marketplace: 'BR', dateOrder: 'MDY', decimal: 'comma', currency: 'BRL' });
  });

  it('reads a non-US layout with nothing else to go on as day-first, and says when it had to assume', () => {
    const e = evidence((x) => { x.nonUsLayout = true; x.date('03/04/2026'); });
    expect(e.decide(undefined).dateOrder).toBe('DMY');
    const blind = evidence((x) => x.date('03/04/2026')).decide(undefined);
    expect(blind).toMatchObject({ marketplace: null, dateOrder: 'MDY', currency: 'USD' });
    expect(blind.note).toMatch(/nothing in the file tells the order/);
    expect(blind.note).toMatch(/no currency in the file/);
  });

  it('lets the analyst hint and the profile override the evidence', () => {
    const e = evidence((x) => { x.amount('$1.00'); x.date('25/04/2026'); });
    expect(e.decide('us')).toMatchObject({ marketplace: 'US', dateOrder: 'MDY' });
    expect(e.decide(undefined, { dateOrder: 'MDY', decimal: 'comma' })).toMatchObject({ dateOrder: 'MDY', decimal: 'comma' });
  });

  it('notes a file whose dates contradict each other', () => {
    const e = evidence((x) => { x.date('25/04/2026'); x.date('04/25/2026'); x.amount('$1.00'); });
    const d = e.decide(undefined);
    expect(d.dateOrder).toBe('MDY');
    expect(d.note).toMatch(/mixes day-first and month-first/);
  });
});

describe('parseTerms', () => {
  it.each([
    ['Net 30', { discountPercentBp: null, discountDays: null, netDays: 30 }],
    ['NET30', { discountPercentBp: null, discountDays: null, netDays: 30 }],
    ['2% 10 Net 30', { discountPercentBp: 200, discountDays: 10, netDays: 30 }],
    ['2/10 Net 30', { discountPercentBp: 200, discountDays: 10, netDays: 30 }],
    ['2/10 N30', { discountPercentBp: 200, discountDays: 10, netDays: 30 }],
    ['1.5% 15 days, net 45', { discountPercentBp: 150, discountDays: 15, netDays: 45 }],
    ['60 days', { discountPercentBp: null, discountDays: null, netDays: 60 }],
    ['COD', { discountPercentBp: null, discountDays: null, netDays: null }],
    ['', { discountPercentBp: null, discountDays: null, netDays: null }],
  ])('%j', (text, terms) => {
    expect(parseTerms(text)).toEqual(terms);
  });
});
