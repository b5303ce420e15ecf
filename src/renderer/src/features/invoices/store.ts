// Invoices screen state: one page of invoices with their AR status, and the open invoice.
import { create } from 'zustand';
import type { InvoiceDetailDto, InvoiceFilterDto, InvoiceSummaryDto, PageDto } from '../../../../shared/ipc-documents';
import { call } from '../../lib/api';
import { useApp } from '../../store/app';

export const INVOICES_PAGE = 100;
export const INVOICE_LINES_PAGE = 1000;
export type InvoiceSort = 'date' | 'due' | 'number' | 'amount';

interface InvoicesState {
  filter: InvoiceFilterDto;
  sort: InvoiceSort;
  offset: number;
  page: (PageDto<InvoiceSummaryDto> & { asOf: string }) | null;
  generation: number;
  detail: InvoiceDetailDto | null;
  detailFor: string | null;
  linesOffset: number;
  setFilter(patch: Partial<InvoiceFilterDto>): void;
  clearFilter(): void;
  setSort(sort: InvoiceSort): void;
  setOffset(offset: number): void;
  load(): Promise<void>;
  open(invoiceNumber: string, linesOffset?: number): Promise<void>;
}

function clean<T extends object>(f: T): T {
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined && v !== '')) as T;
}

export const useInvoices = create<InvoicesState>((set, get) => ({
  filter: {},
  sort: 'date',
  offset: 0,
  page: null,
  generation: 0,
  detail: null,
  detailFor: null,
  linesOffset: 0,
  setFilter(patch) {
    set({ filter: clean({ ...get().filter, ...patch }), offset: 0 });
    void get().load();
  },
  clearFilter() {
    set({ filter: {}, offset: 0 });
    void get().load();
  },
  setSort(sort) {
    set({ sort, offset: 0 });
    void get().load();
  },
  setOffset(offset) {
    set({ offset });
    void get().load();
  },
  async load() {
    const generation = get().generation + 1;
    set({ generation });
    const { filter, sort, offset } = get();
    const page = await useApp.getState().track('Loading invoices', () => call('invoices:list', { filter, sort, limit: INVOICES_PAGE, offset }));
    if (page && get().generation === generation) set({ page });
  },
  async open(invoiceNumber, linesOffset = 0) {
    if (get().detailFor !== invoiceNumber) set({ detail: null });
    set({ detailFor: invoiceNumber, linesOffset });
    const detail = await useApp.getState().track(`Opening invoice ${invoiceNumber}`, () =>
      call('invoices:get', { invoiceNumber, limit: INVOICE_LINES_PAGE, offset: linesOffset }),
    );
    if (detail && get().detailFor === invoiceNumber) set({ detail });
  },
}));

export const AR_LABELS: Record<string, { label: string; tone: 'ok' | 'warn' | 'bad' | 'neutral'; help: string }> = {
  paid: { label: 'Paid', tone: 'ok', help: 'Payments settled the invoice in full.' },
  short_paid: { label: 'Short-paid', tone: 'warn', help: 'Payments and claims leave part of the invoice unpaid.' },
  unpaid: { label: 'Unpaid', tone: 'neutral', help: 'No payment refers to the invoice yet, and it is not due.' },
  overdue: { label: 'Overdue', tone: 'bad', help: 'No payment refers to the invoice and its due date has passed.' },
  overpaid: { label: 'Overpaid', tone: 'warn', help: 'Payments exceed the invoice total: expect Amazon to recover the excess.' },
  credit_note: { label: 'Credit note', tone: 'neutral', help: 'A credit note: it is not paid, it reduces what Amazon owes.' },
};
