// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeductionsByMonthDto } from '../../../../shared/ipc';
import { click, installFakeApi, render, settle, type FakeApi } from '../../test-utils';
import { DeductionsChart } from './Dashboard';
import { usePayments } from '../payments/store';
import { useApp } from '../../store/app';

const zero = { shortage: 0, price: 0, chargeback: 0, coop: 0, other: 0 };
let data: DeductionsByMonthDto;
let fake: FakeApi;
let cleanup: (() => void) | undefined;

beforeEach(() => {
  data = {
    from: '2026-03', to: '2026-05',
    months: [
      { month: '2026-03', currency: 'USD', byKind: { ...zero, shortage: 45_120, chargeback: 10_000 }, totalCents: 55_120 },
      { month: '2026-05', currency: 'USD', byKind: { ...zero, coop: 250_000 }, totalCents: 250_000 },
      { month: '2026-05', currency: 'CAD', byKind: { ...zero, price: 999 }, totalCents: 999 },
    ],
  };
  fake = installFakeApi({ 'dashboard:deductionsByMonth': () => data, 'payments:list': () => ({ items: [], total: 0 }) as never });
});

afterEach(() => {
  cleanup?.();
  cleanup = undefined;
});

describe('Deductions over time chart', () => {
  it('draws one stacked bar per month (empty months included) and sums them in its label and hidden table', async () => {
    const r = await render(<DeductionsChart />);
    cleanup = r.unmount;
    await settle();
    expect(fake.calls.some((c) => c.channel === 'dashboard:deductionsByMonth')).toBe(true);
    const svg = r.container.querySelector('svg[role="img"]')!;
    expect(svg.getAttribute('aria-label')).toMatch(/\$3,051\.20 in all; Shortage \$451\.20, Chargeback \$100\.00, Co-op \$2,500\.00/);
    // March: shortage + chargeback; April: nothing; May: co-op only (the CAD line is not drawn).
    expect([...svg.querySelectorAll('g')].map((g) => g.querySelectorAll('rect[fill^="#"]').length)).toEqual([2, 0, 1]);
    const rows = [...r.container.querySelectorAll('table.sr-only tbody tr')];
    expect(rows.map((tr) => tr.lastElementChild?.textContent)).toEqual(['$551.20', '$0.00', '$2,500.00']);
    expect(r.container.textContent).toContain('Deductions in CAD are not drawn');
  });

  it('opens the payments of a month from its row', async () => {
    const r = await render(<DeductionsChart />);
    cleanup = r.unmount;
    await settle();
    await click(r.container.querySelector('table.sr-only tbody tr:nth-child(2) button'));
    expect(usePayments.getState().filter).toMatchObject({ from: '2026-04-01', to: '2026-04-30' });
    expect(useApp.getState().route).toBe('payments');
  });
});
