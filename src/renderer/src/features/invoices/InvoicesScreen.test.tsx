// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InvoiceDetailDto, InvoiceSummaryDto } from '../../../../shared/ipc-documents';
import { formatMoney } from '../../../../shared/money';
import { InvoicesScreen } from './InvoicesScreen';
import { useInvoices } from './store';
import { useApp } from '../../store/app';
import { fakeApi, goTo, mount, setValue, submit, text } from '../payments/test-helpers';

const inv = (n: string, total: number, settled: number, claims: number, status: InvoiceSummaryDto['status']): InvoiceSummaryDto => {
  const unpaid = total - settled;
  return {
    invoiceNumber: n, invoiceType: 'invoice', invoiceDate: '2026-03-16', dueDate: '2026-05-15', currency: 'USD', totalCents: total, settledCents: settled,
    discountCents: 0, claimsCents: claims, openCents: unpaid > 0 ? unpaid - Math.min(Math.max(0, claims), unpaid) : unpaid, status, poNumber: null,
    vendorCode: null, paymentCount: settled ? 1 : 0,
  };
};

let calls: Array<{ channel: string; input: unknown }>;
let cleanup: (() => void) | undefined;
const invoices = [inv('NW0696410', 1705884, 1685243, 0, 'short_paid'), inv('NW0696406', 5000000, 5000000, 388704, 'paid'), inv('NW0696451', 505296, 0, 0, 'overdue')];

beforeEach(async () => {
  calls = fakeApi({
    'invoices:list': (input) => {
      const items = invoices.filter((i) => (!input.filter?.status || i.status === input.filter.status) && (!input.filter?.number || i.invoiceNumber.startsWith(input.filter.number)));
      return { items, total: items.length, asOf: '2026-05-31' };
    },
    'invoices:get': ({ invoiceNumber }): InvoiceDetailDto => ({
      invoice: { ...invoices.find((i) => i.invoiceNumber === invoiceNumber)!, terms: '2% 30 Net 60', netDays: 60, discountPercentBp: 200, remitTo: null, shipTo: null, source: 'register_csv', fileName: 'invoices.csv' },
      asOf: '2026-05-31',
      lines: [{ lineNo: 1, poNumber: '6PCQSOHJ', asin: 'B0FRC0XV5D', vendorSku: 'NW-1', qtyEach: 576, uom: 'CA', qtyUom: 48, caseSize: 12, unitCostE4: 66650, amountCents: 5000000 - 0 }],
      linesTotal: 1,
      charges: [],
      remittance: [],
      shipments: [{ shipmentId: 'SH13622', shippedDate: '2026-03-09', units: 576, cartons: 1, poNumbers: ['6PCQSOHJ'] }],
      findings: [],
    }),
  });
  useInvoices.setState({ filter: {}, sort: 'date', offset: 0, page: null, detail: null, detailFor: null });
  useApp.setState({ toasts: [], busy: 0 });
  await goTo('#/invoices');
});

afterEach(() => cleanup?.());

describe('Invoices screen', () => {
  it('lists invoices with their AR status as of the reconcile day, and searches by number', async () => {
    const r = await mount(<InvoicesScreen />);
    cleanup = r.unmount;
    const rows = [...r.container.querySelectorAll('[data-testid="invoice-row"]')];
    expect(rows.map((x) => text(x.querySelector('[data-testid="ar-status"]')))).toEqual(['Short-paid', 'Paid', 'Overdue']);
    expect(text(r.container)).toContain('as of May 31, 2026');
    expect(text(rows[0])).toContain(formatMoney(1705884 - 1685243, 'USD'));
    await setValue(r.container.querySelector('input[type="search"]'), 'NW069641');
    await submit(r.container.querySelector('form[aria-label="Filter invoices"]'));
    expect(calls.at(-1)).toMatchObject({ channel: 'invoices:list', input: { filter: { number: 'NW069641' } } });
    expect(r.container.querySelectorAll('[data-testid="invoice-row"]')).toHaveLength(1);
  });

  it('shows the AR arithmetic so it adds up, with claims taken beyond the unpaid part called out', async () => {
    const r = await mount(<InvoicesScreen />);
    cleanup = r.unmount;
    await goTo('#/invoices/NW0696406');
    const strip = r.container.querySelector('[data-testid="ar-sum"]');
    expect(text(strip)).toContain(formatMoney(5000000, 'USD'));
    expect(text(r.container.querySelector('[data-testid="explained"]'))).toBe(formatMoney(0, 'USD'));
    expect(text(r.container.querySelector('[data-testid="open"]'))).toBe(formatMoney(0, 'USD'));
    expect(text(r.container)).toContain(`Amazon also took ${formatMoney(388704, 'USD')} in shortage or price claims`);
    // Lines link to the ASIN ledger; quantities as the source wrote them.
    const lines = r.container.querySelector('[data-testid="invoice-lines"]')!;
    expect(lines.querySelector('a[href="#/asin/B0FRC0XV5D"]')).not.toBeNull();
    expect(text(lines)).toContain('48 CA (case of 12)');
    expect(text(lines)).toContain('$6.665');
    expect(text(r.container.querySelector('[data-testid="invoice-asns"]'))).toContain('SH13622');
  });
});
