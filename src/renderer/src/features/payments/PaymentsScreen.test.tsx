// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PaymentDetailDto, PaymentSummaryDto, RemitLineDto } from '../../../../shared/ipc-documents';
import { formatMoney } from '../../../../shared/money';
import { PaymentsScreen } from './PaymentsScreen';
import { usePayments } from './store';
import { useApp } from '../../store/app';
import { click, fakeApi, goTo, mount, setValue, text } from './test-helpers';

const pay = (n: string, amount: number, lines: number, hidden: boolean, count: number): PaymentSummaryDto => {
  const gap = amount - lines;
  return {
    paymentNumber: n, paymentDate: '2026-04-14', currency: 'USD', amountCents: amount, paidAmountCents: amount, paymentCurrency: 'USD', linesCents: lines,
    lineCount: count, gapCents: gap, hiddenLines: hidden, status: Math.abs(gap) <= 1 ? 'tied' : hidden ? 'hidden' : 'gap', paymentType: 'Electronic Funds Transfer', paymentStatus: 'Paid',
  };
};

const line = (id: number, doc: string, family: string, paid: number, invoiceNumber: string | null): RemitLineDto => ({
  id, paymentNumber: '367331284', paymentDate: '2026-04-14', slice: 1, docNumber: doc, docDate: '2026-04-01', description: null, family, rootInvoice: invoiceNumber,
  isReversal: false, currency: 'USD', invoiceAmountCents: paid, withholdingCents: 0, discountCents: 0, paidCents: paid, remainingCents: 0, poNumber: null, invoiceNumber,
});

let calls: Array<{ channel: string; input: unknown }>;
let cleanup: (() => void) | undefined;
const payments = [pay('367331375', 7257251, 7257251, false, 8), pay('367331284', 9757926, 9840377, true, 2), pay('367331200', 100000, 90000, false, 1)];

beforeEach(async () => {
  const lines = [line(1, 'NW0696410', 'invoice', 9844376, 'NW0696410'), line(2, '9880988234VCBSINV', 'chargeback', -3999, null)];
  calls = fakeApi({
    'payments:list': (input) => {
      const items = input.filter?.status ? payments.filter((p) => p.status === input.filter!.status) : payments;
      return { items, total: items.length };
    },
    'payments:get': ({ paymentNumber }): PaymentDetailDto => {
      const p = payments.find((x) => x.paymentNumber === paymentNumber);
      if (!p) throw new Error(`there is no payment ${paymentNumber}`);
      return {
        payment: { ...p, exchangeRate: '1', voidedReason: null, vendorCode: null, source: 'vc_remittance_xlsx', fileName: 'Payments.xlsx' },
        lines, linesTotal: lines.length, byFamily: [{ family: 'invoice', count: 1, paidCents: 9844376 }, { family: 'chargeback', count: 1, paidCents: -3999 }], findings: [],
      };
    },
  });
  usePayments.setState({ filter: {}, sort: 'date', offset: 0, page: null, detail: null, detailFor: null });
  useApp.setState({ toasts: [], busy: 0 });
  await goTo('#/payments');
});

afterEach(() => cleanup?.());

describe('Payments screen', () => {
  it('lists payments with their tie-out status and gap, and filters by status', async () => {
    const r = await mount(<PaymentsScreen />);
    cleanup = r.unmount;
    const rows = [...r.container.querySelectorAll('[data-testid="payment-row"]')];
    expect(rows).toHaveLength(3);
    expect(rows.map((x) => text(x.querySelector('[data-testid="tie-out-status"]')))).toEqual(['Ties out', 'Hidden lines', 'Gap']);
    expect(text(rows[1])).toContain(formatMoney(9757926 - 9840377, 'USD'));
    // The sum of lines is a link to the payment's lines.
    expect(rows[1]!.querySelectorAll('a')[1]!.getAttribute('href')).toBe('#/payments/367331284');
    await setValue(r.container.querySelector('[data-testid="payments-status"]'), 'hidden');
    expect(calls.at(-1)).toMatchObject({ channel: 'payments:list', input: { filter: { status: 'hidden' }, offset: 0 } });
    expect(r.container.querySelectorAll('[data-testid="payment-row"]')).toHaveLength(1);
    expect(text(r.container.querySelector('[data-testid="payments-total"]'))).toBe('1');
  });

  it('opens a payment: the tie-out arithmetic, the hidden-lines warning, and lines linking to their invoice', async () => {
    const r = await mount(<PaymentsScreen />);
    cleanup = r.unmount;
    await goTo('#/payments/367331284');
    expect(calls.some((c) => c.channel === 'payments:get' && (c.input as { paymentNumber: string }).paymentNumber === '367331284')).toBe(true);
    const tie = r.container.querySelector('[data-testid="tie-out"]');
    expect(text(tie)).toContain(formatMoney(9757926, 'USD'));
    expect(text(r.container.querySelector('[data-testid="lines-sum"]'))).toBe(formatMoney(9840377, 'USD'));
    expect(text(r.container.querySelector('[data-testid="gap"]'))).toBe(formatMoney(-82451, 'USD'));
    expect(text(r.container.querySelector('[data-testid="hidden-warning"]'))).toMatch(/ordering codes are not set up/);
    const lines = [...r.container.querySelectorAll('[data-testid="remit-line"]')];
    expect(lines).toHaveLength(2);
    expect(lines[0]!.querySelector('a[href="#/invoices/NW0696410"]')).not.toBeNull();
    expect(text(lines[1])).toContain('Chargeback');
    // Back to the list.
    await click(r.container.querySelector('a.back-link'));
    await goTo('#/payments');
    expect(r.container.querySelectorAll('[data-testid="payment-row"]').length).toBeGreaterThan(0);
  });

  it('shows the reason when a payment cannot be opened', async () => {
    const r = await mount(<PaymentsScreen />);
    cleanup = r.unmount;
    await goTo('#/payments/999999999');
    const toast = useApp.getState().toasts.at(-1);
    expect(toast).toMatchObject({ kind: 'error' });
    expect(toast?.detail).toContain('there is no payment 999999999');
  });
});
