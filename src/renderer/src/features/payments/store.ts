// Payments screen state: one page of payments at a time (the renderer never holds the table) and
// the open payment with one page of its lines.
import type { PageDto, PaymentDetailDto, PaymentFilterDto, PaymentSummaryDto } from '../../../../shared/ipc-documents';
import { call } from '../../lib/api';
import { createDocumentStore } from '../../lib/document-store';

export const PAYMENTS_PAGE = 100;
export const LINES_PAGE = 500;
export type PaymentSort = 'date' | 'amount' | 'number';

export const usePayments = createDocumentStore<PaymentFilterDto, PaymentSort, PageDto<PaymentSummaryDto>, PaymentDetailDto>({
  noun: 'payments',
  one: 'payment',
  defaultSort: 'date',
  fetchPage: ({ filter, sort, offset }) => call('payments:list', { filter, sort, limit: PAYMENTS_PAGE, offset }),
  fetchDetail: (paymentNumber, offset) => call('payments:get', { paymentNumber, limit: LINES_PAGE, offset }),
});

export const TIE_OUT_LABELS: Record<string, { label: string; tone: 'ok' | 'warn' | 'bad' | 'neutral'; help: string }> = {
  tied: { label: 'Ties out', tone: 'ok', help: 'The payment equals the sum of its lines.' },
  hidden: { label: 'Hidden lines', tone: 'warn', help: 'Vendor Central warned some lines are not shown (ordering codes not set up); the gap is those lines.' },
  gap: { label: 'Gap', tone: 'bad', help: 'The lines do not add up to the payment and nothing explains it: lines may be missing from the import.' },
  no_lines: { label: 'No lines', tone: 'neutral', help: 'No remittance lines are imported for this payment, so there is nothing to compare.' },
};
