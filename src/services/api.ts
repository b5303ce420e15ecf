// The handler table behind the IPC contract (src/shared/ipc.ts), shared by both front doors that
// speak it: Electron main (ipcMain) and browser mode (src/server). Handlers only call services and
// map their results to the contract's plain values; business rules stay in the services.
import { basename } from 'node:path';
import type { Db } from '../db/open';
import { schemaVersion } from '../db/open';
import {
  channelNames, isChannel, parseInput,
  type ApiError, type AppInfo, type BatchDto, type Channel, type ImportResultDto, type Output, type ParsedInput, type Result,
} from '../shared/ipc';
import { batches, batchRejects, importPaths, undoImport, NotFoundError, type ImportFileResult } from './import';
import { getBatch, type BatchRow } from '../db/imports.repo';

export interface ApiContext {
  /** The open database; Electron may swap it (File > Open database). */
  db: Db;
  dbPath: string;
  mode: AppInfo['mode'];
  version: string;
  actor?: string;
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
      };
    case 'already_imported':
      return { fileName, status: 'already_imported', batchId: r.batchId, format: r.format, importedAt: r.importedAt };
    case 'error':
      return { fileName, status: 'error', error: r.error };
  }
}

export const handlers: HandlerTable = {
  'app:info': (ctx) => ({
    mode: ctx.mode,
    version: ctx.version,
    dbPath: ctx.dbPath,
    dbName: basename(ctx.dbPath),
    schemaVersion: schemaVersion(ctx.db),
    channels: [...channelNames],
  }),
  'import:files': async (ctx, input) => {
    const results = await importPaths(ctx.db, input.paths, { actor: ctx.actor ?? 'analyst' });
    return results.map((r) => toImportResultDto(r));
  },
  'batches:list': (ctx) => batches(ctx.db).map(toBatchDto),
  'batches:rejects': (ctx, input) => {
    if (!getBatch(ctx.db, input.batchId)) throw new ApiFailure('not_found', `there is no import batch ${input.batchId}`);
    return batchRejects(ctx.db, input.batchId).slice(0, input.limit ?? 1000);
  },
  'batches:undo': (ctx, input) => toBatchDto(undoImport(ctx.db, input.batchId, ctx.actor ?? 'analyst')),
  'dialog:openFiles': () => {
    throw new ApiFailure('unavailable', 'file dialogs exist only in the desktop app; drop files on the page or use "Choose files"');
  },
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
  const message = err instanceof Error ? err.message : String(err);
  if (/SQLITE_BUSY|database is locked/i.test(message)) return { code: 'conflict', message: 'the database is busy with another change; try again in a moment' };
  return { code: 'internal', message: message.split('\n')[0] ?? 'unexpected error' };
}
