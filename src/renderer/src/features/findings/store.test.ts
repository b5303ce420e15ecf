// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import type { FindingDto, FindingFilterDto } from '../../../../shared/ipc';
import { installFakeApi, type FakeApi } from '../../test-utils';
import { useFindings, PAGE_SIZE, parseAmountInput } from './store';

const TOTAL = 1234;
function finding(i: number): FindingDto {
  return {
    id: `f_${String(i).padStart(6, '0')}`, type: i % 3 ? 'CHARGEBACK' : 'SHORTAGE_CLAIM_DISPUTABLE', severity: 'high', amount_cents: 100_000 - i,
    currency: 'USD', invoice_number: `INV-${i}`, claim_number: `INV-${i}SC`, po_number: 'PO1', asin: 'B07DFYF5AB', payment_number: null,
    shipment_id: null, dispute_by: '2026-06-30', explanation: `finding ${i}`, evidence: [], vendor_code: null, doc_date: null,
  };
}

let fake: FakeApi;
let lastFilter: FindingFilterDto | undefined;

beforeEach(() => {
  lastFilter = undefined;
  fake = installFakeApi({
    'findings:list': (input) => {
      lastFilter = input.filter;
      const n = input.filter?.types?.length ? Math.floor(TOTAL / 3) : TOTAL;
      const offset = input.offset ?? 0;
      const limit = input.limit ?? 100;
      const items = Array.from({ length: Math.max(0, Math.min(limit, n - offset)) }, (_, k) => finding(offset + k));
      return { items, total: n, nextCursor: null };
    },
  });
  useFindings.setState({ filter: {}, sort: 'amount', generation: 0, total: null, pages: {}, loading: {}, cursor: 0, selected: {}, openId: null, detail: null });
});

const listCalls = () => fake.calls.filter((c) => c.channel === 'findings:list') as Array<{ input: { offset?: number; limit?: number } }>;

describe('findings store (worklist paging)', () => {
  it('loads only the first page on reload, and pages on demand for the rows on screen', async () => {
    await useFindings.getState().reload();
    expect(useFindings.getState().total).toBe(TOTAL);
    expect(listCalls()).toHaveLength(1);
    expect(listCalls()[0]!.input).toMatchObject({ offset: 0, limit: PAGE_SIZE });

    // Rows 950–990 on screen: only page 9 is fetched, never the whole table.
    useFindings.getState().ensurePages(950, 990);
    await new Promise((r) => setTimeout(r, 0));
    expect(listCalls().map((c) => c.input.offset)).toEqual([0, 900]);
    expect(useFindings.getState().rowAt(950)?.id).toBe('f_000950');
    expect(useFindings.getState().rowAt(500)).toBeUndefined();
    const held = Object.values(useFindings.getState().pages).reduce((n, p) => n + p.length, 0);
    expect(held).toBe(2 * PAGE_SIZE);

    // Asking again for loaded pages fetches nothing; pages past the end are not asked for.
    useFindings.getState().ensurePages(0, 99);
    useFindings.getState().ensurePages(1290, 1500);
    await new Promise((r) => setTimeout(r, 0));
    expect(listCalls().map((c) => c.input.offset)).toEqual([0, 900, 1200]);
  });

  it('drops empty filter values and restarts from the first page when the filter changes', async () => {
    await useFindings.getState().reload();
    useFindings.getState().ensurePages(300, 320);
    await new Promise((r) => setTimeout(r, 0));
    useFindings.getState().setFilter({ types: ['CHARGEBACK'], invoiceNumber: '', severities: [] });
    await new Promise((r) => setTimeout(r, 0));
    expect(lastFilter).toEqual({ types: ['CHARGEBACK'] });
    expect(useFindings.getState().total).toBe(Math.floor(TOTAL / 3));
    expect(Object.keys(useFindings.getState().pages)).toEqual(['0']);
    expect(useFindings.getState().cursor).toBe(0);
  });

  it('ignores a page that arrives for an older query', async () => {
    await useFindings.getState().reload();
    const before = useFindings.getState().generation;
    useFindings.getState().ensurePages(500, 510); // in flight for generation `before`
    useFindings.setState({ generation: before + 1, pages: {}, total: 10 });
    await new Promise((r) => setTimeout(r, 0));
    expect(useFindings.getState().pages[5]).toBeUndefined();
  });

  it('moves the keyboard cursor within bounds and toggles selection', async () => {
    await useFindings.getState().reload();
    const s = useFindings.getState();
    s.moveCursor(-5);
    expect(useFindings.getState().cursor).toBe(0);
    s.moveCursor(3);
    expect(useFindings.getState().cursor).toBe(3);
    s.setCursor(TOTAL + 50);
    useFindings.getState().moveCursor(1);
    expect(useFindings.getState().cursor).toBe(TOTAL - 1);
    s.toggleSelected('f_000001');
    s.toggleSelected('f_000002');
    s.toggleSelected('f_000001');
    expect(Object.keys(useFindings.getState().selected)).toEqual(['f_000002']);
  });

  it('saves a view (filter + sort), re-applies it later, and keeps it across restarts', async () => {
    localStorage.clear();
    useFindings.setState({ views: [] });
    useFindings.getState().setFilter({ types: ['CHARGEBACK'], disputable: true });
    useFindings.getState().setSort('dispute_by');
    useFindings.getState().saveView('Chargebacks due soon');
    useFindings.getState().clearFilter();
    useFindings.getState().setSort('amount');
    expect(useFindings.getState().filter).toEqual({});
    useFindings.getState().applyView('Chargebacks due soon');
    await new Promise((r) => setTimeout(r, 0));
    expect(useFindings.getState().filter).toEqual({ types: ['CHARGEBACK'], disputable: true });
    expect(useFindings.getState().sort).toBe('dispute_by');
    expect(lastFilter).toEqual({ types: ['CHARGEBACK'], disputable: true });
    expect(JSON.parse(localStorage.getItem('recoup.savedViews')!)).toEqual([{ name: 'Chargebacks due soon', filter: { types: ['CHARGEBACK'], disputable: true }, sort: 'dispute_by' }]);
    useFindings.getState().deleteView('Chargebacks due soon');
    expect(JSON.parse(localStorage.getItem('recoup.savedViews')!)).toEqual([]);
  });

  it('reads a typed amount range as minor units, with the other filter changes in one query', async () => {
    useFindings.setState({ amountError: null });
    const before = listCalls().length;
    expect(useFindings.getState().setAmountRange('1,250.00', ' 5000 ', { vendorCode: 'NWHG7', deadlineWindow: 'next14' })).toBe(true);
    await new Promise((r) => setTimeout(r, 0));
    expect(listCalls().length).toBe(before + 1);
    expect(lastFilter).toEqual({ minCents: 125_000, maxCents: 500_000, vendorCode: 'NWHG7', deadlineWindow: 'next14' });
    // A blank bound is no bound.
    useFindings.getState().setAmountRange('', '99.5');
    await new Promise((r) => setTimeout(r, 0));
    expect(lastFilter).toEqual({ maxCents: 9_950, vendorCode: 'NWHG7', deadlineWindow: 'next14' });
  });

  it('refuses an amount it cannot read, says why, and keeps the applied filter', async () => {
    useFindings.getState().setFilter({ minCents: 100 });
    await new Promise((r) => setTimeout(r, 0));
    const before = listCalls().length;
    expect(useFindings.getState().setAmountRange('12abc', '')).toBe(false);
    expect(useFindings.getState().amountError).toMatch(/Minimum amount must be an amount like 1,250.00, got "12abc"/);
    expect(useFindings.getState().setAmountRange('500', '20')).toBe(false);
    expect(useFindings.getState().amountError).toMatch(/minimum amount is above the maximum/);
    expect(useFindings.getState().setAmountRange('', '-3')).toBe(false);
    expect(useFindings.getState().amountError).toMatch(/must not be negative/);
    expect(listCalls().length).toBe(before);
    expect(useFindings.getState().filter).toEqual({ minCents: 100 });
    expect(parseAmountInput('1,250.00', 'x')).toEqual({ cents: 125_000 });
    useFindings.getState().clearFilter();
    expect(useFindings.getState().amountError).toBeNull();
  });

  it('sends the deadline window and vendor code, and drops them when cleared', async () => {
    useFindings.getState().setFilter({ deadlineWindow: 'overdue', vendorCode: 'NWHG7' });
    await new Promise((r) => setTimeout(r, 0));
    expect(lastFilter).toEqual({ deadlineWindow: 'overdue', vendorCode: 'NWHG7' });
    useFindings.getState().setFilter({ deadlineWindow: undefined, vendorCode: '' });
    await new Promise((r) => setTimeout(r, 0));
    expect(lastFilter).toEqual({});
  });
});
