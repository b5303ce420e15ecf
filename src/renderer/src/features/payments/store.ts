// Payments screen state: one page of payments at a time (the renderer never holds the table) and
// the open payment with one page of its lines.
import { create } from 'zustand';
import type { PageDto, PaymentDetailDto, PaymentFilterDto, PaymentSummaryDto } from '../../../../shared/ipc-documents';
import { call } from '../../lib/api';
import { useApp } from '../../store/app';

export const PAYMENTS_PAGE = 100;
export const LINES_PAGE = 500;
export type PaymentSort = 'date' | 'amount' | 'number';

interface PaymentsState {
  filter: PaymentFilterDto;
  sort: PaymentSort;
  offset: number;
  page: PageDto<PaymentSummaryDto> | null;
  /** Bumped per query so a late answer to an old one is dropped. */
  generation: number;
  detail: PaymentDetailDto | null;
  detailFor: string | null;
  linesOffset: number;
  setFilter(patch: Partial<PaymentFilterDto>): void;
  clearFilter(): void;
  setSort(sort: PaymentSort): void;
  setOffset(offset: number): void;
  load(): Promise<void>;
  open(paymentNumber: string, linesOffset?: number): Promise<void>;
}

function clean<T extends object>(f: T): T {
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined && v !== '')) as T;
}

export const usePayments = create<PaymentsState>((set, get) => ({
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
    const page = await useApp.getState().track('Loading payments', () => call('payments:list', { filter, sort, limit: PAYMENTS_PAGE, offset }));
    if (page && get().generation === generation) set({ page });
  },
  async open(paymentNumber, linesOffset = 0) {
    if (get().detailFor !== paymentNumber) set({ detail: null });
    set({ detailFor: paymentNumber, linesOffset });
    const detail = await useApp.getState().track(`Opening payment ${paymentNumber}`, () =>
      call('payments:get', { paymentNumber, limit: LINES_PAGE, offset: linesOffset }),
    );
    if (detail && get().detailFor === paymentNumber) set({ detail });
  },
}));

export const TIE_OUT_LABELS: Record<string, { label: string; tone: 'ok' | 'warn' | 'bad' | 'neutral'; help: string }> = {
  tied: { label: 'Ties out', tone: 'ok', help: 'The payment equals the sum of its lines.' },
  hidden: { label: 'Hidden lines', tone: 'warn', help: 'Vendor Central warned some lines are not shown (ordering codes not set up); the gap is those lines.' },
  gap: { label: 'Gap', tone: 'bad', help: 'The lines do not add up to the payment and nothing explains it: lines may be missing from the import.' },
  no_lines: { label: 'No lines', tone: 'neutral', help: 'No remittance lines are imported for this payment, so there is nothing to compare.' },
};
