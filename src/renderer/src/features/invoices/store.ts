// Invoices screen state: one page of invoices with their AR status, and the open invoice.
import type { InvoiceDetailDto, InvoiceFilterDto, InvoiceSummaryDto, PageDto } from '../../../../shared/ipc-documents';
import { call } from '../../lib/api';
import { createDocumentStore } from '../../lib/document-store';

export const INVOICES_PAGE = 100;
export const INVOICE_LINES_PAGE = 1000;
export type InvoiceSort = 'date' | 'due' | 'number' | 'amount';

export const useInvoices = createDocumentStore<InvoiceFilterDto, InvoiceSort, PageDto<InvoiceSummaryDto> & { asOf: string }, InvoiceDetailDto>({
  noun: 'invoices',
  one: 'invoice',
  defaultSort: 'date',
  fetchPage: ({ filter, sort, offset }) => call('invoices:list', { filter, sort, limit: INVOICES_PAGE, offset }),
  fetchDetail: (invoiceNumber, offset) => call('invoices:get', { invoiceNumber, limit: INVOICE_LINES_PAGE, offset }),
});

export const AR_LABELS: Record<string, { label: string; tone: 'ok' | 'warn' | 'bad' | 'neutral'; help: string }> = {
  paid: { label: 'Paid', tone: 'ok', help: 'Payments settled the invoice in full.' },
  short_paid: { label: 'Short-paid', tone: 'warn', help: 'Payments and claims leave part of the invoice unpaid.' },
  unpaid: { label: 'Unpaid', tone: 'neutral', help: 'No payment refers to the invoice yet, and it is not due.' },
  overdue: { label: 'Overdue', tone: 'bad', help: 'No payment refers to the invoice and its due date has passed.' },
  overpaid: { label: 'Overpaid', tone: 'warn', help: 'Payments exceed the invoice total: expect Amazon to recover the excess.' },
  credit_note: { label: 'Credit note', tone: 'neutral', help: 'A credit note: it is not paid, it reduces what Amazon owes.' },
};
