// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AsinLedgerDto } from '../../../../shared/ipc-documents';
import { formatMoney } from '../../../../shared/money';
import { AsinScreen, useLedger } from './AsinScreen';
import { useApp } from '../../store/app';
import { click, fakeApi, goTo, mount, setValue, submit, text } from '../payments/test-helpers';

const ledger = (asin: string): AsinLedgerDto => ({
  asin,
  byPo: [
    { poNumber: '6PCQSOHJ', ordered: 576, shipped: 576, received: 480, invoiced: 576, invoicedCents: 383904, currency: 'USD' },
    { poNumber: '9SQSK7QS', ordered: 12, shipped: 12, received: 12, invoiced: 12, invoicedCents: 7998, currency: 'USD' },
  ],
  poLines: [],
  asnLines: [
    { shipmentId: 'SH13622', shippedDate: '2026-03-09', lineNo: 1, poNumber: '6PCQSOHJ', containerId: '006141410004024243', containerType: 'carton', parentId: null, qtyEach: 576, uom: 'CA', caseSize: 12 },
    { shipmentId: 'SH13621', shippedDate: '2026-03-09', lineNo: 2, poNumber: '9SQSK7QS', containerId: '006141410004024175', containerType: 'carton', parentId: null, qtyEach: 12, uom: 'CA', caseSize: 6 },
  ],
  receipts: [],
  invoiceLines: [{ invoiceNumber: 'NW0696406', invoiceDate: '2026-03-10', lineNo: 4, poNumber: '6PCQSOHJ', qtyEach: 576, unitCostE4: 66650, amountCents: 383904, currency: 'USD' }],
  remitLines: [],
  findings: [],
  truncated: { asnLines: 1200 },
});

let calls: Array<{ channel: string; input: unknown }>;
let cleanup: (() => void) | undefined;

beforeEach(async () => {
  calls = fakeApi({ 'asin:ledger': ({ asin }) => ledger(asin.toUpperCase()) });
  useLedger.setState({ ledger: null, loadingFor: null });
  useApp.setState({ toasts: [], busy: 0 });
  await goTo('#/asin');
});

afterEach(() => cleanup?.());

describe('ASIN ledger screen', () => {
  it('looks an ASIN up from the search box and shows the three-way match by PO with totals', async () => {
    const r = await mount(<AsinScreen />);
    cleanup = r.unmount;
    expect(calls).toHaveLength(0);
    await setValue(r.container.querySelector('[data-testid="asin-input"]'), 'b0frc0xv5d');
    await submit(r.container.querySelector('form[role="search"]'));
    await goTo(location.hash); // the hash change the submit caused
    expect(location.hash).toBe('#/asin/B0FRC0XV5D');
    expect(calls.at(-1)).toMatchObject({ channel: 'asin:ledger', input: { asin: 'B0FRC0XV5D' } });
    expect(text(r.container.querySelector('[data-testid="ledger-asin"]'))).toBe('B0FRC0XV5D');
    const table = r.container.querySelector('[data-testid="ledger-by-po"]')!;
    const rows = [...table.querySelectorAll('tbody tr')];
    expect(rows[0]!.querySelector('.bad-text')).not.toBeNull(); // received 480 < invoiced 576
    expect(rows[1]!.querySelector('.bad-text')).toBeNull();
    expect(text(table.querySelector('tfoot'))).toContain(formatMoney(383904 + 7998, 'USD'));
    expect(text(table.querySelector('tfoot'))).toContain('588');
    expect(text(r.container)).toContain('Showing the latest 2 of 1,200 rows.');
    expect(r.container.querySelector('[data-testid="ledger-invoices"] a[href="#/invoices/NW0696406"]')).not.toBeNull();
    // A PO in the match table shows the rows behind its numbers.
    expect(r.container.querySelectorAll('[data-testid="ledger-asn"] tbody tr')).toHaveLength(2);
    await click(r.container.querySelector('button[aria-label="Show only the rows of PO 9SQSK7QS"]'));
    expect(text(r.container.querySelector('[data-testid="po-filter"]'))).toContain('9SQSK7QS');
    const asn = [...r.container.querySelectorAll('[data-testid="ledger-asn"] tbody tr')];
    expect(asn.map((x) => text(x))).toEqual([expect.stringContaining('SH13621')]);
    expect(r.container.querySelector('[data-testid="ledger-invoices"]')).toBeNull(); // no invoice line on that PO
    await click(r.container.querySelector('button[aria-label="Show the rows of every PO"]'));
    expect(r.container.querySelectorAll('[data-testid="ledger-asn"] tbody tr')).toHaveLength(2);
  });
});
