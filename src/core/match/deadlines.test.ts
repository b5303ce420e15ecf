import { describe, expect, it } from 'vitest';
import { DEFAULT_DEADLINE_RULES, applicableRule, disputeDeadline, invoiceDueDate, unpaidAfter, validateRule, type DeadlineRule } from './deadlines';

const rules = DEFAULT_DEADLINE_RULES;

describe('applicableRule', () => {
  const r = (days: number, from: string): DeadlineRule => ({ kind: 'chargeback', base: 'doc_date', days, warnDays: null, months: 0, effectiveFrom: from, note: null });
  const set = [r(30, '2020-01-01'), r(45, '2026-03-01'), r(20, '2027-01-01')];

  it('takes the latest rule in effect on the document date', () => {
    expect(applicableRule(set, 'chargeback', '2026-02-28')!.days).toBe(30);
    expect(applicableRule(set, 'chargeback', '2026-03-01')!.days).toBe(45);
    expect(applicableRule(set, 'chargeback', '2030-01-01')!.days).toBe(20);
  });

  it('falls back to the earliest rule for older documents and the latest for undated ones', () => {
    expect(applicableRule(set, 'chargeback', '2019-05-05')!.days).toBe(30);
    expect(applicableRule(set, 'chargeback', null)!.days).toBe(20);
    expect(applicableRule(set, 'price_claim', '2026-01-01')).toBeNull();
  });
});

describe('disputeDeadline', () => {
  it('chargebacks: 30 days from the chargeback date', () => {
    expect(disputeDeadline(rules, 'chargeback', { docDate: '2026-09-01', dueDate: null, invoiceDate: null })).toEqual({ disputeBy: '2026-10-01', warnBy: null, hardLimit: null });
    expect(disputeDeadline(rules, 'chargeback', { docDate: null, dueDate: null, invoiceDate: null })).toBeNull();
  });

  it('shortage claims: due date + 30 (warn to + 40), hard limit 24 months after the invoice date from Aug 2025', () => {
    expect(disputeDeadline(rules, 'shortage_claim', { docDate: '2026-08-26', dueDate: '2026-08-31', invoiceDate: '2026-08-01' }))
      .toEqual({ disputeBy: '2026-09-30', warnBy: '2026-10-10', hardLimit: '2028-08-01' });
  });

  it('claims raised before Aug 2025 take the older, longer hard limit', () => {
    expect(disputeDeadline(rules, 'price_claim', { docDate: '2025-03-01', dueDate: '2025-02-20', invoiceDate: '2025-01-21' })!.hardLimit).toBe('2032-01-21');
  });

  it('the hard limit caps the optimal window', () => {
    const tight: DeadlineRule[] = [...rules, { kind: 'claim_hard_limit', base: 'invoice_date', days: 40, warnDays: null, months: 0, effectiveFrom: '2026-01-01', note: null }];
    expect(disputeDeadline(tight, 'shortage_claim', { docDate: '2026-08-26', dueDate: '2026-08-31', invoiceDate: '2026-08-01' }))
      .toEqual({ disputeBy: '2026-09-10', warnBy: '2026-09-10', hardLimit: '2026-09-10' });
  });

  it('without a due date the claim date is the base', () => {
    expect(disputeDeadline(rules, 'shortage_claim', { docDate: '2026-08-26', dueDate: null, invoiceDate: null })!.disputeBy).toBe('2026-09-25');
  });
});

describe('due dates and grace', () => {
  it('uses the stated due date, else invoice date + net days', () => {
    expect(invoiceDueDate('2026-09-01', '2026-08-01', 60)).toBe('2026-09-01');
    expect(invoiceDueDate(null, '2026-08-01', 60)).toBe('2026-09-30');
    expect(invoiceDueDate(null, '2026-08-01', null)).toBeNull();
  });

  it('unpaid after due date + 7 days grace', () => {
    expect(unpaidAfter(rules, '2026-07-31')).toBe('2026-08-07');
  });

  it('validates edited rules with a reason', () => {
    const ok: DeadlineRule = { kind: 'price_claim', base: 'due_date', days: 30, warnDays: 40, months: 0, effectiveFrom: '2026-01-01', note: null };
    expect(validateRule(ok)).toBeNull();
    expect(validateRule({ ...ok, warnDays: 10 })).toMatch(/warn days/);
    expect(validateRule({ ...ok, effectiveFrom: '1/1/2026' })).toMatch(/YYYY-MM-DD/);
    expect(validateRule({ ...ok, kind: 'nope' as never })).toMatch(/kind/);
  });
});
