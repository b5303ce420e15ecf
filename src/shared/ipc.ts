// The one IPC contract: every channel the renderer may call, its input (a zod schema, checked on
// arrival in main and in the browser-mode server) and its output type. Electron IPC and
// `POST /api/<channel>` carry exactly these calls; handlers live in src/services/api.ts.
import { z } from 'zod';
import { documentChannels } from './ipc-documents';

export type ErrorCode =
  | 'bad_input' // the input did not match the channel's schema
  | 'unknown_channel'
  | 'not_found'
  | 'conflict' // e.g. the database is busy with another write
  | 'unavailable' // this front door cannot do it (a native dialog in browser mode)
  | 'refused' // browser mode: no or wrong token, foreign Host or Origin
  | 'internal';

export interface ApiError {
  code: ErrorCode;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

// ---- Values that cross the boundary (plain JSON: numbers, strings, arrays, objects) ----

export interface AppInfo {
  /** 'electron' for the desktop app, 'browser' for browser mode. */
  mode: 'electron' | 'browser';
  version: string;
  dbPath: string;
  dbName: string;
  schemaVersion: number;
  /** Audit review: opened read-only, every change is refused. */
  readonly?: boolean;
  /** Channels this build can answer, so the UI hides what is not there yet. */
  channels: string[];
}

export interface BatchDto {
  id: number;
  fileName: string;
  format: string;
  sha256: string;
  sizeBytes: number;
  /** Epoch milliseconds. */
  importedAt: number;
  rowsRead: number;
  rowsStored: number;
  rowsDuplicate: number;
  rowsRejected: number;
  marketplace: string | null;
  notes: string | null;
}

export interface RejectDto {
  location: string;
  field: string | null;
  reason: string;
  raw: string | null;
}

export type ImportResultDto =
  | {
      fileName: string;
      status: 'imported';
      batchId: number;
      format: string;
      rowsRead: number;
      rowsStored: number;
      rowsDuplicate: number;
      rowsRejected: number;
      /** The first rejects (all are stored; see batches:rejects). */
      rejects: RejectDto[];
      notes: string[];
      /** A preview (import:preview): counted exactly as the import would, but nothing was stored. */
      preview?: boolean;
    }
  | { fileName: string; status: 'already_imported'; batchId: number; format: string; importedAt: number }
  | { fileName: string; status: 'error'; error: string };

/** The file an import is reading right now (import:progress polls it). */
export interface ImportProgressDto {
  fileName: string;
  bytesRead: number;
  totalBytes: number;
  rows: number;
}

export interface EvidenceRefDto {
  /** invoice | invoice_line | po_line | asn | asn_line | asn_carton | receipt | payment | remit_line … */
  kind: string;
  ref: string;
}

/** A finding: the FINDINGS.md JSON keys (snake_case, as analysts script against them) plus a few stored facts. */
export interface FindingDto {
  id: string;
  type: string;
  severity: 'info' | 'low' | 'medium' | 'high';
  amount_cents: number;
  currency: string;
  invoice_number: string | null;
  claim_number: string | null;
  po_number: string | null;
  asin: string | null;
  payment_number: string | null;
  shipment_id: string | null;
  dispute_by: string | null;
  explanation: string;
  evidence: EvidenceRefDto[];
  vendor_code: string | null;
  doc_date: string | null;
}

export interface FindingPageDto {
  items: FindingDto[];
  /** Rows matching the filter (all pages). */
  total: number;
  nextCursor: string | null;
}

export interface TypeTotalDto {
  type: string;
  count: number;
  amountCents: number;
  currency: string;
}

export interface FindingsSummaryDto {
  run: { id: number; asOf: string; finishedAt: number | null; findings: number | null; amountCents: number | null; notes: string | null } | null;
  byType: TypeTotalDto[];
}

export interface ReconcileResultDto {
  runId: number;
  asOf: string;
  findings: number;
  inserted: number;
  kept: number;
  removed: number;
  byType: TypeTotalDto[];
  notes: string[];
  millis: number;
}

export const CLAIM_STATUSES = ['open', 'to_dispute', 'disputed', 'approved', 'partially_approved', 'denied', 're_disputed', 'written_off', 'wont_dispute'] as const;
export type ClaimStatusDto = (typeof CLAIM_STATUSES)[number];

export interface ClaimDto {
  id: number;
  findingId: string;
  status: ClaimStatusDto;
  caseId: string | null;
  approvedCents: number | null;
  reason: string | null;
  amountCents: number;
  recoveredCents: number;
  outstandingCents: number;
  currency: string;
  disputeBy: string | null;
  updatedAt: number;
}

export interface ClaimNoteDto { id: number; at: number; actor: string; text: string }
export interface AuditEntryDto { id: number; at: number; actor: string; action: string; before: string | null; after: string | null }

export interface FindingDetailDto {
  finding: FindingDto;
  /** The claim the analyst works for a disputable finding; null for findings that are not disputable. */
  claim: ClaimDto | null;
  allowedStatuses: ClaimStatusDto[];
  notes: ClaimNoteDto[];
  evidenceFiles: Array<{ id: number; kind: string; fileName: string; sizeBytes: number; description: string | null }>;
  audit: AuditEntryDto[];
}

export interface BulkResultDto {
  /** Claims whose status changed. */
  changed: number;
  /** Findings left as they were, each with the reason (not disputable, move not allowed, …). */
  skipped: Array<{ findingId: string; reason: string }>;
}

/** Claims by status: what is still recoverable, what came back, what was given up. */
export interface ClaimsSummaryDto {
  currency: string;
  byStatus: Array<{ status: ClaimStatusDto; count: number; amountCents: number; recoveredCents: number; outstandingCents: number }>;
}

export const EVIDENCE_KINDS = ['bol', 'pod', 'carrier_tracking', 'asn_transmission', 'photo', 'other'] as const;
export type EvidenceFileDto = FindingDetailDto['evidenceFiles'][number];

export interface SearchHitDto {
  field: 'invoiceNumber' | 'claimNumber' | 'poNumber' | 'asin' | 'paymentNumber';
  total: number;
}

export interface ExportFileDto {
  fileName: string;
  /** Where the file was written (browser mode: a private temp folder; fetch it with downloadExport). */
  path: string;
  claims: number;
  sheets: string[];
  missingEvidence: number;
}

/** Deductions taken on remittances in one month and currency, positive minor units per kind. */
export interface DeductionMonthDto {
  month: string;
  currency: string;
  byKind: { shortage: number; price: number; chargeback: number; coop: number; other: number };
  totalCents: number;
}

export interface DeductionsByMonthDto {
  /** First and last month covered (YYYY-MM). */
  from: string;
  to: string;
  months: DeductionMonthDto[];
}

// ---- Input schemas ----

const id = z.number().int().positive();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');
const docText = z.string().trim().min(1).max(100);
export const FINDINGS_PAGE_MAX = 500;
export const findingFilterSchema = z.object({
  types: z.array(z.string().max(64)).max(40).optional(),
  severities: z.array(z.enum(['info', 'low', 'medium', 'high'])).max(4).optional(),
  invoiceNumber: docText.optional(),
  claimNumber: docText.optional(),
  poNumber: docText.optional(),
  asin: docText.optional(),
  paymentNumber: docText.optional(),
  disputable: z.boolean().optional(),
  /** Amount range in minor units (the UI parses what the analyst typed with parseCents). */
  minCents: z.number().int().min(0).optional(),
  maxCents: z.number().int().min(0).optional(),
  /** Dispute deadline relative to the last reconcile's as-of (or today): past it, or within the next 7/14/30 days. */
  deadlineWindow: z.enum(['overdue', 'next7', 'next14', 'next30']).optional(),
  vendorCode: docText.optional(),
}).strict();
export type FindingFilterDto = z.infer<typeof findingFilterSchema>;
const empty = z.object({}).strict();

/** How a channel is declared: its input schema, and (phantom) its output type. */
interface ChannelDef<I extends z.ZodType, O> {
  input: I;
  /** Never set or read at run time; carries the output type (boxed so `null` outputs survive). */
  output?: { value: O };
}
const channel = <O>() => <I extends z.ZodType>(input: I): ChannelDef<I, O> => ({ input });

export const channels = {
  'app:info': channel<AppInfo>()(empty),
  /** Import files or folders by path (Electron file dialog and drag-drop, or a path typed in). */
  'import:files': channel<ImportResultDto[]>()(z.object({ paths: z.array(z.string().min(1).max(4096)).min(1).max(10_000) }).strict()),
  /** Dry run of import:files: the same per-file results (with `preview: true`), nothing stored. */
  'import:preview': channel<ImportResultDto[]>()(z.object({ paths: z.array(z.string().min(1).max(4096)).min(1).max(10_000) }).strict()),
  /** The file being imported or previewed right now, or null when none is. */
  'import:progress': channel<ImportProgressDto | null>()(empty),
  'batches:list': channel<BatchDto[]>()(empty),
  'batches:rejects': channel<RejectDto[]>()(z.object({ batchId: id, limit: z.number().int().min(1).max(10_000).optional() }).strict()),
  /** Undo an import: the batch and every row it stored go, as one unit. Returns the batch removed. */
  'batches:undo': channel<BatchDto>()(z.object({ batchId: id }).strict()),
  /** Recompute every finding from the imported documents (`asOf` fixes "today"). */
  'reconcile:run': channel<ReconcileResultDto>()(z.object({ asOf: isoDate.optional() }).strict()),
  'findings:summary': channel<FindingsSummaryDto>()(empty),
  /** One page of the worklist: keyset `after` for the next page, or `offset` to jump (virtual scrolling). */
  'findings:list': channel<FindingPageDto>()(z.object({
    filter: findingFilterSchema.default({}),
    sort: z.enum(['amount', 'dispute_by', 'type']).default('amount'),
    limit: z.number().int().min(1).max(FINDINGS_PAGE_MAX).default(100),
    after: z.string().max(500).nullable().optional(),
    offset: z.number().int().min(0).optional(),
  }).strict()),
  'findings:get': channel<FindingDetailDto>()(z.object({ id: z.string().min(1).max(100) }).strict()),
  'claims:setStatus': channel<ClaimDto>()(z.object({
    claimId: id,
    status: z.enum(CLAIM_STATUSES),
    caseId: z.string().trim().max(100).nullable().optional(),
    amountCents: z.number().int().positive().nullable().optional(),
    reason: z.string().trim().max(1000).nullable().optional(),
  }).strict()),
  /** Set one status on many findings' claims; findings without a claim or a disallowed move are skipped with the reason. */
  'claims:bulkSetStatus': channel<BulkResultDto>()(z.object({
    findingIds: z.array(z.string().min(1).max(100)).min(1).max(5000),
    status: z.enum(CLAIM_STATUSES),
    caseId: z.string().trim().max(100).nullable().optional(),
    reason: z.string().trim().max(1000).nullable().optional(),
  }).strict()),
  'claims:summary': channel<ClaimsSummaryDto>()(empty),
  /** Remittance deductions per month by kind (shortage, price, chargeback, co-op, other), ending with the last run's as-of month. */
  'dashboard:deductionsByMonth': channel<DeductionsByMonthDto>()(z.object({ months: z.number().int().min(1).max(60).optional() }).strict()),
  /** Add a file (bill of lading, proof of delivery, …) to a claim's evidence register, by path (desktop; browser mode uploads). */
  'claims:addEvidence': channel<EvidenceFileDto>()(z.object({
    claimId: id,
    path: z.string().min(1).max(4096),
    kind: z.enum(EVIDENCE_KINDS),
    description: z.string().trim().max(1000).nullable().optional(),
  }).strict()),
  /** Which document fields hold this number (invoice, claim, PO, ASIN, payment), with how many findings each. */
  'search:findings': channel<SearchHitDto[]>()(z.object({ text: z.string().trim().min(1).max(100) }).strict()),
  'claims:addNote': channel<ClaimNoteDto>()(z.object({ claimId: id, text: z.string().trim().min(1).max(5000) }).strict()),
  /** Write a dispute pack workbook: desktop asks where to save it; browser mode offers it as a download. */
  'export:disputePack': channel<ExportFileDto | null>()(z.union([
    z.object({ findingId: z.string().min(1).max(100) }).strict(),
    z.object({ claimIds: z.array(id).min(1).max(10_000) }).strict(),
    z.object({ findingIds: z.array(z.string().min(1).max(100)).min(1).max(10_000) }).strict(),
    z.object({ allDisputable: z.literal(true) }).strict(),
  ])),
  /** Native file dialog (Electron only); browser mode answers `unavailable` and uploads instead. */
  'dialog:openFiles': channel<{ paths: string[] }>()(z.object({ folders: z.boolean().optional() }).strict()),
  ...documentChannels,
} as const;

export type Channel = keyof typeof channels;
export type Input<C extends Channel> = z.input<(typeof channels)[C]['input']>;
/** The input after validation (defaults applied). */
export type ParsedInput<C extends Channel> = z.output<(typeof channels)[C]['input']>;
export type Output<C extends Channel> = NonNullable<(typeof channels)[C]['output']>['value'];

export const channelNames = Object.keys(channels) as Channel[];

export function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(channels, name);
}

/** Validate a raw input for a channel: the parsed value, or a `bad_input` error naming the field. */
export function parseInput<C extends Channel>(name: C, raw: unknown): Result<ParsedInput<C>> {
  const parsed = channels[name].input.safeParse(raw ?? {});
  if (parsed.success) return { ok: true, value: parsed.data as ParsedInput<C> };
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length ? issue.path.join('.') : 'input';
  return { ok: false, error: { code: 'bad_input', message: `${name}: ${where}: ${issue?.message ?? 'invalid input'}` } };
}

/** What the preload script exposes as `window.api` (and what lib/api.ts emulates over HTTP). */
export interface PreloadApi {
  call<C extends Channel>(channel: C, input: Input<C>): Promise<Result<Output<C>>>;
  /** The file-system path of a dropped or picked File (Electron only). */
  pathForFile(file: File): string;
  /** Menu commands from the native menu ("import", "go:findings", …). Returns an unsubscribe. */
  onCommand(listener: (command: string) => void): () => void;
}

export { IPC_INVOKE, IPC_COMMAND, TOKEN_HEADER, FILE_NAME_HEADER } from './ipc-names';
