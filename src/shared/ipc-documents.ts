// The document screens' part of the IPC contract (payments, invoices, ASIN ledger, audit log,
// settings): input schemas and output types. Spread into `channels` in src/shared/ipc.ts, so they
// are validated and dispatched exactly like every other channel; handlers in
// src/services/api-documents.ts.
import { z } from 'zod';
import type { AuditEntryDto, FindingDto } from './ipc';

// ---- Values that cross the boundary ----

/**
 * Tie-out of a payment: its amount against the sum of its lines' amount paid.
 * tied: equal within one cent · hidden: a gap Vendor Central warned about (lines not shown) ·
 * gap: a gap nothing explains · no_lines: no lines imported for it (nothing to compare).
 */
export type TieOutStatus = 'tied' | 'hidden' | 'gap' | 'no_lines';
export const TIE_OUT_STATUSES = ['tied', 'hidden', 'gap', 'no_lines'] as const;

export interface PaymentSummaryDto {
  paymentNumber: string;
  paymentDate: string | null;
  /** The currency the lines are in (the invoice currency when Amazon converted). */
  currency: string;
  /** The payment amount in that currency. */
  amountCents: number;
  /** The amount actually paid out, in the payment currency (differs only when converted). */
  paidAmountCents: number;
  paymentCurrency: string;
  linesCents: number;
  lineCount: number;
  /** amount − Σ lines (positive: lines are missing money). */
  gapCents: number;
  hiddenLines: boolean;
  status: TieOutStatus;
  paymentType: string | null;
  paymentStatus: string | null;
}

export interface RemitLineDto {
  id: number;
  paymentNumber: string;
  paymentDate: string | null;
  slice: number;
  docNumber: string;
  docDate: string | null;
  description: string | null;
  /** The claim grammar's family: invoice, shortage_claim, chargeback, … */
  family: string;
  rootInvoice: string | null;
  isReversal: boolean;
  currency: string;
  invoiceAmountCents: number;
  withholdingCents: number;
  discountCents: number;
  paidCents: number;
  remainingCents: number | null;
  poNumber: string | null;
  /** The vendor invoice this line refers to when it is imported (for a link), else null. */
  invoiceNumber: string | null;
}

export interface FamilyTotalDto { family: string; count: number; paidCents: number }

export interface PaymentDetailDto {
  payment: PaymentSummaryDto & {
    exchangeRate: string | null;
    voidedReason: string | null;
    vendorCode: string | null;
    source: string;
    fileName: string | null;
  };
  lines: RemitLineDto[];
  /** Lines of this payment in all (the page above is `offset`..`offset + lines.length`). */
  linesTotal: number;
  byFamily: FamilyTotalDto[];
  findings: FindingDto[];
}

export interface PageDto<T> {
  items: T[];
  total: number;
}

/** Accounts-receivable status of a vendor invoice from the remittance lines that refer to it. */
export type ArStatus = 'paid' | 'short_paid' | 'unpaid' | 'overdue' | 'overpaid' | 'credit_note';
export const AR_STATUSES = ['paid', 'short_paid', 'unpaid', 'overdue', 'overpaid', 'credit_note'] as const;

export interface InvoiceSummaryDto {
  invoiceNumber: string;
  invoiceType: 'invoice' | 'credit_note';
  invoiceDate: string | null;
  dueDate: string | null;
  currency: string;
  totalCents: number;
  /** Settled by payment lines for the invoice itself: paid + terms discount + withholding. */
  settledCents: number;
  discountCents: number;
  /** Net taken back by shortage/price claims on it (after reversals); positive = deducted. */
  claimsCents: number;
  /**
   * What is still owed and not explained: total − settled, less the claims (which explain an
   * unpaid part, never more). Negative when payments exceed the total.
   */
  openCents: number;
  status: ArStatus;
  /** The invoice's PO; in lists, the POs of its lines ("A, B") when it names none itself. */
  poNumber: string | null;
  vendorCode: string | null;
  paymentCount: number;
}

export interface InvoiceLineDto {
  lineNo: number;
  poNumber: string | null;
  asin: string | null;
  vendorSku: string | null;
  qtyEach: number;
  uom: string | null;
  qtyUom: number;
  caseSize: number | null;
  unitCostE4: number;
  amountCents: number;
}

export interface ShipmentLinkDto {
  shipmentId: string;
  shippedDate: string | null;
  units: number;
  cartons: number;
  poNumbers: string[];
}

export interface InvoiceDetailDto {
  invoice: InvoiceSummaryDto & {
    terms: string | null;
    netDays: number | null;
    discountPercentBp: number | null;
    remitTo: string | null;
    shipTo: string | null;
    source: string;
    fileName: string | null;
  };
  asOf: string;
  lines: InvoiceLineDto[];
  linesTotal: number;
  charges: Array<{ type: 'allowance' | 'charge'; code: string | null; description: string | null; amountCents: number }>;
  /** Every remittance line whose root is this invoice (its payments and the claims against it). */
  remittance: RemitLineDto[];
  /** Shipments (ASNs) carrying the invoice's PO + ASIN pairs. */
  shipments: ShipmentLinkDto[];
  findings: FindingDto[];
}

export interface AsinPoSummaryDto {
  poNumber: string;
  ordered: number;
  shipped: number;
  received: number;
  invoiced: number;
  invoicedCents: number;
  currency: string | null;
}

export interface AsinLedgerDto {
  asin: string;
  /** Per PO: units ordered, shipped (ASN), received, invoiced — the three-way match at a glance. */
  byPo: AsinPoSummaryDto[];
  poLines: Array<{ poNumber: string; lineNo: number; orderDate: string | null; orderedEach: number; uom: string | null; caseSize: number | null; unitCostE4: number | null; currency: string }>;
  asnLines: Array<{ shipmentId: string; shippedDate: string | null; lineNo: number; poNumber: string | null; containerId: string | null; containerType: string | null; parentId: string | null; qtyEach: number; uom: string | null; caseSize: number | null }>;
  receipts: Array<{ poNumber: string; lineNo: number | null; receiveDate: string | null; qtyEach: number; mode: string; fc: string | null; status: string | null }>;
  invoiceLines: Array<{ invoiceNumber: string; invoiceDate: string | null; lineNo: number; poNumber: string | null; qtyEach: number; unitCostE4: number; amountCents: number; currency: string }>;
  /** Remittance lines (payments, claims) on the invoices that carry this ASIN. */
  remitLines: RemitLineDto[];
  findings: FindingDto[];
  /** Sections cut at the limit say so here (section name → rows in all). */
  truncated: Record<string, number>;
}

export interface AuditRowDto extends AuditEntryDto {
  entity: string | null;
  entityId: string | null;
  hash: string;
}

export interface AuditPageDto extends PageDto<AuditRowDto> {
  actions: string[];
  actors: string[];
  entities: string[];
}

export type AuditVerifyDto = { ok: true; entries: number } | { ok: false; entries: number; brokenAt: number; reason: string };

export const DEADLINE_KIND_VALUES = ['chargeback', 'shortage_claim', 'price_claim', 'claim_hard_limit', 'unpaid_grace'] as const;
export const DEADLINE_BASE_VALUES = ['doc_date', 'due_date', 'invoice_date'] as const;

export interface DeadlineRuleDto {
  id: number;
  kind: (typeof DEADLINE_KIND_VALUES)[number];
  base: (typeof DEADLINE_BASE_VALUES)[number];
  days: number;
  warnDays: number | null;
  months: number;
  effectiveFrom: string;
  note: string | null;
}

export interface ProfileDto {
  id: string;
  name: string;
  target: string;
  builtin: boolean;
  /** Field → header as found in the file (saved profiles) or the accepted labels (built-ins). */
  fields: Array<{ field: string; headers: string[] }>;
  dateOrder: 'MDY' | 'DMY' | null;
  decimal: 'point' | 'comma' | null;
  currency: string | null;
}

export interface BackupDto {
  file: string;
  bytes: number;
  sha256: string;
  schemaVersion: number;
  auditEntries: number;
}

export interface RestoreDto {
  file: string;
  from: string;
  previous: string | null;
  schemaVersion: number;
  auditEntries: number;
}

// ---- Input schemas ----

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');
const docNumber = z.string().trim().min(1).max(100);
const limit = (max: number, dflt: number) => z.number().int().min(1).max(max).default(dflt);
const offset = z.number().int().min(0).max(100_000_000).default(0);
const empty = z.object({}).strict();

export const DOCUMENTS_PAGE_MAX = 500;

export const paymentFilterSchema = z.object({
  status: z.enum(TIE_OUT_STATUSES).optional(),
  /** Payment number, or its beginning. */
  number: z.string().trim().max(100).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
}).strict();
export type PaymentFilterDto = z.infer<typeof paymentFilterSchema>;

export const invoiceFilterSchema = z.object({
  status: z.enum(AR_STATUSES).optional(),
  /** Invoice number, or its beginning. */
  number: z.string().trim().max(100).optional(),
  poNumber: z.string().trim().max(100).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
}).strict();
export type InvoiceFilterDto = z.infer<typeof invoiceFilterSchema>;

export const auditFilterSchema = z.object({
  action: z.string().max(100).optional(),
  actor: z.string().max(100).optional(),
  entity: z.string().max(100).optional(),
  entityId: z.string().max(200).optional(),
}).strict();
export type AuditFilterDto = z.infer<typeof auditFilterSchema>;

export const deadlineRuleSchema = z.object({
  kind: z.enum(DEADLINE_KIND_VALUES),
  base: z.enum(DEADLINE_BASE_VALUES),
  days: z.number().int().min(0).max(3650),
  warnDays: z.number().int().min(0).max(3650).nullable(),
  months: z.number().int().min(0).max(240),
  effectiveFrom: isoDate,
  note: z.string().trim().max(1000).nullable(),
}).strict();
export type DeadlineRuleInput = z.infer<typeof deadlineRuleSchema>;

interface ChannelDef<I extends z.ZodType, O> {
  input: I;
  output?: { value: O };
}
const channel = <O>() => <I extends z.ZodType>(input: I): ChannelDef<I, O> => ({ input });

export const documentChannels = {
  /** Payments with their tie-out status, one page at a time (newest first). */
  'payments:list': channel<PageDto<PaymentSummaryDto>>()(z.object({
    filter: paymentFilterSchema.default({}),
    sort: z.enum(['date', 'amount', 'number']).default('date'),
    limit: limit(DOCUMENTS_PAGE_MAX, 100),
    offset,
  }).strict()),
  /** One payment: the tie-out, a page of its lines, totals by document family, its findings. */
  'payments:get': channel<PaymentDetailDto>()(z.object({ paymentNumber: docNumber, limit: limit(2000, 500), offset }).strict()),
  /** Vendor invoices with their accounts-receivable status as of a day (default: the last reconcile's). */
  'invoices:list': channel<PageDto<InvoiceSummaryDto> & { asOf: string }>()(z.object({
    filter: invoiceFilterSchema.default({}),
    sort: z.enum(['date', 'due', 'number', 'amount']).default('date'),
    limit: limit(DOCUMENTS_PAGE_MAX, 100),
    offset,
    asOf: isoDate.optional(),
  }).strict()),
  'invoices:get': channel<InvoiceDetailDto>()(z.object({ invoiceNumber: docNumber, asOf: isoDate.optional(), limit: limit(5000, 1000), offset }).strict()),
  /** Everything about one ASIN across the documents; each section capped at `limit` rows. */
  'asin:ledger': channel<AsinLedgerDto>()(z.object({ asin: docNumber, limit: limit(5000, 500) }).strict()),
  'audit:list': channel<AuditPageDto>()(z.object({ filter: auditFilterSchema.default({}), limit: limit(DOCUMENTS_PAGE_MAX, 100), offset }).strict()),
  /** Walk the hash chain of the audit log: intact, or the first entry that was altered or removed. */
  'audit:verify': channel<AuditVerifyDto>()(empty),
  'rules:list': channel<DeadlineRuleDto[]>()(empty),
  /** Add a rule or change one (same kind and effective date replaces it). Returns every rule. */
  'rules:update': channel<DeadlineRuleDto[]>()(z.object({ rule: deadlineRuleSchema }).strict()),
  'rules:delete': channel<DeadlineRuleDto[]>()(z.object({ id: z.number().int().positive() }).strict()),
  'profiles:list': channel<ProfileDto[]>()(empty),
  /** Copy the open database to a file (default: a dated file in a `backups` folder beside it). */
  'backup:create': channel<BackupDto>()(z.object({ path: z.string().trim().min(1).max(4096).optional() }).strict()),
  /** Replace the open database with a backup (validated first; the current one is kept aside). */
  'backup:restore': channel<RestoreDto>()(z.object({ path: z.string().trim().min(1).max(4096) }).strict()),
} as const;
