// The handler table behind the IPC contract (src/shared/ipc.ts), shared by both front doors that
// speak it: Electron main (ipcMain) and browser mode (src/server). Handlers only call services and
// map their results to the contract's plain values; business rules stay in the services.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Db } from '../db/open';
import { schemaVersion } from '../db/open';
import {
  channelNames, isChannel, parseInput,
  type ApiError, type AppInfo, type BatchDto, type Channel, type ClaimDto, type ClaimStatusDto, type FindingDetailDto, type FindingDto,
  type FindingsSummaryDto, type ImportProgressDto, type ImportResultDto, type Output, type ParsedInput, type Result, type SearchHitDto,
} from '../shared/ipc';
import { findingsSummary, getFinding, listFindings, FindingsInputError, type StoredFinding } from './findings';
import { reconcile } from './reconcile';
import { addEvidence, addNote, bulkSetStatus, claimForFinding, ClaimError, ensureSynced, getClaim, outstanding, setStatus, STATUSES, type ClaimListItem, type ClaimRow } from './claims';
import { exportDisputePack, type PackSelection } from './exports/dispute-pack';
import { batches, batchRejects, importPaths, undoImport, NotFoundError, type ImportFileResult, type ImportOptions } from './import';
import { getBatch, type BatchRow } from '../db/imports.repo';
import { lastRun } from '../db/findings.repo';
import { iterateClaims } from '../db/claims.repo';
import { documentHandlers } from './api-documents';
import { deductionsByMonth } from './dashboard';

export interface ApiContext {
  /** The open database; Electron may swap it (File > Open database). */
  db: Db;
  dbPath: string;
  mode: AppInfo['mode'];
  version: string;
  /** Audit review: the database was opened read-only; every change is refused. */
  readonly?: boolean;
  actor?: string;
  /** Where exports are written when no save dialog asked (browser mode: a private temp folder). */
  exportDir?: string;
}

export type Handler<C extends Channel> = (ctx: ApiContext, input: ParsedInput<C>) => Promise<Output<C>> | Output<C>;
export type HandlerTable = { [C in Channel]: Handler<C> };

/** An error a handler throws on purpose, with the contract's code. */
export class ApiFailure extends Error {
  constructor(readonly code: ApiError['code'], message: string) {
    super(message);
  }
}

const MAX_REJECTS_INLINE = 200;

export function toBatchDto(b: BatchRow): BatchDto {
  return {
    id: b.id, fileName: b.fileName, format: b.format, sha256: b.sha256, sizeBytes: b.sizeBytes, importedAt: b.importedAt,
    rowsRead: b.rowsRead, rowsStored: b.rowsStored, rowsDuplicate: b.rowsDuplicate, rowsRejected: b.rowsRejected,
    marketplace: b.marketplace, notes: b.notes,
  };
}

/** The contract's view of one file's import; `displayName` replaces temp-file names of uploads. */
export function toImportResultDto(r: ImportFileResult, displayName?: string): ImportResultDto {
  const fileName = displayName ?? basename(r.file);
  switch (r.status) {
    case 'imported':
      return {
        fileName, status: 'imported', batchId: r.batchId, format: r.format, rowsRead: r.rowsRead, rowsStored: r.rowsStored,
        rowsDuplicate: r.rowsDuplicate, rowsRejected: r.rowsRejected, rejects: r.rejects.slice(0, MAX_REJECTS_INLINE), notes: r.notes,
        ...(r.preview ? { preview: true } : {}),
      };
    case 'already_imported':
      return { fileName, status: 'already_imported', batchId: r.batchId, format: r.format, importedAt: r.importedAt };
    case 'error':
      return { fileName, status: 'error', error: r.error };
  }
}

/** The file each database is importing right now, for import:progress (imports run one at a time). */
const currentImport = new WeakMap<Db, ImportProgressDto>();

/**
 * Options for an import that import:progress can report on; `displayName` replaces temp-file
 * names of uploads. Call `done` when the import returns.
 */
export function trackedImport(ctx: ApiContext, dryRun: boolean, displayName?: string): { options: ImportOptions; done: () => void } {
  const db = ctx.db;
  return {
    options: {
      actor: ctx.actor ?? 'analyst',
      dryRun,
      onProgress: (p) => currentImport.set(db, { fileName: displayName ?? basename(p.file), bytesRead: p.bytesRead, totalBytes: p.totalBytes, rows: p.rows }),
    },
    done: () => currentImport.delete(db),
  };
}

async function importTracked(ctx: ApiContext, paths: readonly string[], dryRun: boolean): Promise<ImportResultDto[]> {
  const t = trackedImport(ctx, dryRun);
  try {
    return (await importPaths(ctx.db, paths, t.options)).map((r) => toImportResultDto(r));
  } finally {
    t.done();
  }
}

export function toFindingDto(f: StoredFinding): FindingDto {
  return {
    id: f.id, type: f.type, severity: f.severity, amount_cents: f.amount_cents, currency: f.currency, invoice_number: f.invoice_number,
    claim_number: f.claim_number, po_number: f.po_number, asin: f.asin, payment_number: f.payment_number, shipment_id: f.shipment_id,
    dispute_by: f.dispute_by, explanation: f.explanation, evidence: f.evidence.map((e) => ({ kind: e.kind, ref: e.ref })),
    vendor_code: f.vendor_code, doc_date: f.doc_date,
  };
}

export function toClaimDto(c: ClaimRow | ClaimListItem): ClaimDto {
  return {
    id: c.id, findingId: c.findingId, status: c.status, caseId: c.caseId, approvedCents: c.approvedCents, reason: c.reason,
    amountCents: c.amountCents, recoveredCents: c.recoveredCents, outstandingCents: outstanding(c),
    currency: c.currency, disputeBy: c.disputeBy, updatedAt: c.updatedAt,
  };
}

function findingDetail(ctx: ApiContext, id: string): FindingDetailDto {
  const f = getFinding(ctx.db, id);
  if (!f) throw new ApiFailure('not_found', `finding ${id} does not exist (it may have gone at the last reconcile)`);
  const c = claimForFinding(ctx.db, id);
  if (!c) return { finding: toFindingDto(f), claim: null, allowedStatuses: [], notes: [], evidenceFiles: [], audit: [] };
  const d = getClaim(ctx.db, c.id);
  return {
    finding: toFindingDto(f),
    claim: toClaimDto(d.claim),
    allowedStatuses: [...d.allowedStatuses] as ClaimStatusDto[],
    notes: d.notes.map((n) => ({ id: n.id, at: n.at, actor: n.actor, text: n.text })),
    evidenceFiles: d.evidence.map((e) => ({ id: e.id, kind: e.kind, fileName: e.fileName, sizeBytes: e.sizeBytes, description: e.description })),
    audit: d.audit.map((a) => ({ id: a.id, at: a.at, actor: a.actor, action: a.action, before: a.before, after: a.after })),
  };
}

/** What the contract may ask a dispute pack for: the service's selections, or findings by id. */
export type PackRequest = PackSelection | { findingIds: readonly string[] };

/** A file name that says what the pack holds and when it was made. */
export function packFileName(sel: PackRequest, now = new Date()): string {
  const day = now.toISOString().slice(0, 10);
  const what = 'findingId' in sel ? sel.findingId
    : 'claimIds' in sel ? `${sel.claimIds.length}-claims`
    : 'findingIds' in sel ? (sel.findingIds.length === 1 ? sel.findingIds[0]! : `${sel.findingIds.length}-findings`)
    : 'all-disputable';
  return `dispute-pack-${what.replace(/[^A-Za-z0-9_-]+/g, '_')}-${day}.xlsx`;
}

/** Findings → their claims; a finding without one (not disputable) is a specific error, not a silent gap. */
function claimIdsFor(ctx: ApiContext, findingIds: readonly string[]): number[] {
  const ids: number[] = [];
  for (const f of findingIds) {
    const c = claimForFinding(ctx.db, f);
    if (!c) throw new ApiFailure('bad_input', `finding ${f} is not disputable (or no longer exists), so it has no dispute pack`);
    ids.push(c.id);
  }
  return ids;
}

export async function writeDisputePack(ctx: ApiContext, req: PackRequest, out: string) {
  const sel: PackSelection = 'findingIds' in req ? { claimIds: claimIdsFor(ctx, req.findingIds) } : req;
  const r = await exportDisputePack(ctx.db, sel, out);
  return { fileName: basename(r.file), path: r.file, claims: r.claims, sheets: r.sheets, missingEvidence: r.missingEvidence };
}

const summaryCache = new WeakMap<Db, { run: string; value: FindingsSummaryDto }>();

/** Identifies the findings' current state: the last reconcile run (id and finish time). */
function lastRunKey(db: Db): string | null {
  const r = lastRun(db);
  return r ? `${r.id}:${r.finishedAt ?? ''}` : null;
}

export const handlers: HandlerTable = {
  'app:info': (ctx) => ({
    mode: ctx.mode,
    version: ctx.version,
    dbPath: ctx.dbPath,
    dbName: basename(ctx.dbPath),
    schemaVersion: schemaVersion(ctx.db),
    readonly: ctx.readonly ?? false,
    channels: [...channelNames],
  }),
  'import:files': (ctx, input) => importTracked(ctx, input.paths, false),
  'import:preview': (ctx, input) => importTracked(ctx, input.paths, true),
  'import:progress': (ctx) => currentImport.get(ctx.db) ?? null,
  'batches:list': (ctx) => batches(ctx.db).map(toBatchDto),
  'batches:rejects': (ctx, input) => {
    if (!getBatch(ctx.db, input.batchId)) throw new ApiFailure('not_found', `there is no import batch ${input.batchId}`);
    return batchRejects(ctx.db, input.batchId).slice(0, input.limit ?? 1000);
  },
  'batches:undo': (ctx, input) => toBatchDto(undoImport(ctx.db, input.batchId, ctx.actor ?? 'analyst')),
  'reconcile:run': (ctx, input) => reconcile(ctx.db, { ...(input.asOf ? { asOf: input.asOf } : {}), actor: ctx.actor ?? 'analyst' }),
  'findings:summary': (ctx) => {
    // Findings change only when a reconcile runs: reuse the last summary until the next run.
    const run = lastRunKey(ctx.db);
    const hit = summaryCache.get(ctx.db);
    if (hit && run !== null && hit.run === run) return hit.value;
    const s = findingsSummary(ctx.db);
    const value = {
      run: s.run ? { id: s.run.id, asOf: s.run.asOf, finishedAt: s.run.finishedAt, findings: s.run.findings, amountCents: s.run.amountCents, notes: s.run.notes } : null,
      byType: s.byType,
    };
    if (run !== null) summaryCache.set(ctx.db, { run, value });
    return value;
  },
  'findings:list': (ctx, input) => {
    const page = listFindings(ctx.db, input.filter, input.sort, { limit: input.limit, after: input.after ?? null, ...(input.offset !== undefined ? { offset: input.offset } : {}) });
    return { items: page.items.map(toFindingDto), total: page.total, nextCursor: page.nextCursor };
  },
  'findings:get': (ctx, input) => findingDetail(ctx, input.id),
  'claims:setStatus': (ctx, input) => {
    const { claimId, status, caseId, amountCents, reason } = input;
    return toClaimDto(setStatus(ctx.db, claimId, { status, caseId: caseId ?? null, amountCents: amountCents ?? null, reason: reason ?? null }, { actor: ctx.actor ?? 'analyst' }));
  },
  'claims:bulkSetStatus': (ctx, input) => {
    const skipped: Array<{ findingId: string; reason: string }> = [];
    const byClaim = new Map<number, string>();
    for (const f of input.findingIds) {
      const c = claimForFinding(ctx.db, f);
      if (c) byClaim.set(c.id, f);
      else skipped.push({ findingId: f, reason: 'not disputable, so it has no claim' });
    }
    const { status, caseId, reason } = input;
    const r = byClaim.size ? bulkSetStatus(ctx.db, [...byClaim.keys()], { status, caseId: caseId ?? null, reason: reason ?? null }, { actor: ctx.actor ?? 'analyst' }) : { ok: [], failed: [] };
    for (const f of r.failed) skipped.push({ findingId: byClaim.get(f.id) ?? String(f.id), reason: f.error });
    return { changed: r.ok.length, skipped };
  },
  'dashboard:deductionsByMonth': (ctx, input) => deductionsByMonth(ctx.db, input.months !== undefined ? { months: input.months } : {}),
  'claims:summary': (ctx) => {
    ensureSynced(ctx.db, { actor: ctx.actor ?? 'analyst' });
    const by = new Map<ClaimStatusDto, { status: ClaimStatusDto; count: number; amountCents: number; recoveredCents: number; outstandingCents: number }>();
    let currency = 'USD';
    for (const c of iterateClaims(ctx.db, STATUSES)) {
      currency = c.currency;
      const row = by.get(c.status) ?? { status: c.status, count: 0, amountCents: 0, recoveredCents: 0, outstandingCents: 0 };
      row.count++;
      row.amountCents += c.amountCents;
      row.recoveredCents += c.recoveredCents;
      row.outstandingCents += outstanding(c);
      by.set(c.status, row);
    }
    return { currency, byStatus: STATUSES.flatMap((s) => (by.has(s) ? [by.get(s)!] : [])) };
  },
  'claims:addEvidence': async (ctx, input) => {
    const e = await addEvidence(ctx.db, input.claimId, { filePath: input.path, kind: input.kind, description: input.description ?? null }, { actor: ctx.actor ?? 'analyst' });
    return { id: e.id, kind: e.kind, fileName: e.fileName, sizeBytes: e.sizeBytes, description: e.description };
  },
  'search:findings': (ctx, input) => {
    const fields: SearchHitDto['field'][] = ['invoiceNumber', 'claimNumber', 'poNumber', 'asin', 'paymentNumber'];
    const text = input.text.toUpperCase() === input.text ? input.text : input.text.trim();
    const hits: SearchHitDto[] = [];
    for (const field of fields) {
      for (const t of new Set([text, text.toUpperCase()])) {
        const total = listFindings(ctx.db, { [field]: t }, 'amount', { limit: 1 }).total;
        if (total) {
          hits.push({ field, total });
          break;
        }
      }
    }
    return hits;
  },
  'claims:addNote': (ctx, input) => {
    const n = addNote(ctx.db, input.claimId, input.text, { actor: ctx.actor ?? 'analyst' });
    return { id: n.id, at: n.at, actor: n.actor, text: n.text };
  },
  'export:disputePack': async (ctx, input) => {
    const dir = ctx.exportDir ?? mkdtempSync(join(tmpdir(), 'recoup-export-'));
    mkdirSync(dir, { recursive: true });
    return writeDisputePack(ctx, input, join(dir, packFileName(input)));
  },
  'dialog:openFiles': () => {
    throw new ApiFailure('unavailable', 'file dialogs exist only in the desktop app; drop files on the page or use "Choose files"');
  },
  ...documentHandlers,
};

/**
 * Run one call: unknown channel, bad input, and thrown errors all become `{ ok: false }` with a
 * specific message; nothing escapes as an exception. `overrides` lets Electron main supply the
 * channels only it can answer (native dialogs).
 */
export async function dispatch(ctx: ApiContext, name: string, raw: unknown, overrides: Partial<HandlerTable> = {}): Promise<Result<unknown>> {
  if (!isChannel(name)) return { ok: false, error: { code: 'unknown_channel', message: `there is no channel "${name}"` } };
  const input = parseInput(name, raw);
  if (!input.ok) return input;
  const handler = (overrides[name] ?? handlers[name]) as Handler<Channel>;
  try {
    return { ok: true, value: await handler(ctx, input.value as never) };
  } catch (err) {
    return { ok: false, error: toApiError(err) };
  }
}

export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiFailure) return { code: err.code, message: err.message };
  if (err instanceof NotFoundError) return { code: 'not_found', message: err.message };
  if (err instanceof ClaimError) return { code: err.code === 'not_found' ? 'not_found' : 'bad_input', message: err.message };
  if (err instanceof FindingsInputError) return { code: 'bad_input', message: err.message };
  const message = err instanceof Error ? err.message : String(err);
  if (/readonly database|query_only/i.test(message)) return { code: 'refused', message: 'this database is open for audit review (read only): nothing can be changed' };
  if (/SQLITE_BUSY|database is locked/i.test(message)) return { code: 'conflict', message: 'the database is busy with another change; try again in a moment' };
  return { code: 'internal', message: message.split('\n')[0] ?? 'unexpected error' };
}
