// Import use case: files and folders in, one batch per file, each committed whole in one
// transaction or not at all. Detection is by content; the same content twice stores nothing new.
import { openSync, readSync, closeSync, readdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Db } from '../db/open';
import { BatchWriter, deleteBatch, findBatchBySha, getBatch, listBatches, listRejects, type BatchRow } from '../db/imports.repo';
import { appendAudit } from '../db/audit.repo';
import { sniffKind, type FileKind } from '../core/detect';
import type { ParseChunk, ParseContext, ParseMeta, Reject } from '../core/records';
import { UnreadableFileError } from '../core/records';
import { parseSheet } from '../core/sheets/index';
import { parseX12 } from '../core/edi/index';
import { parseSpApi } from '../core/spapi/index';
import { readCsvRows, readXlsxRows, readTextChunks, readJsonFile } from './file-readers';
import { loadProfiles } from './profiles';
import { withWriteLock } from './write-lock';
import { sha256File } from './files';

export interface ImportOptions {
  actor?: string;
  marketplace?: string;
  now?: () => number;
  onProgress?: (p: ImportProgress) => void;
  /** Preview: hash, detect, parse and write exactly as an import would, then roll back. */
  dryRun?: boolean;
}

export interface ImportProgress {
  file: string;
  bytesRead: number;
  totalBytes: number;
  rows: number;
}

export type ImportFileResult =
  | { file: string; status: 'imported'; batchId: number; format: string; rowsRead: number; rowsStored: number; rowsDuplicate: number; rowsRejected: number; rejects: Reject[]; notes: string[]; preview?: true }
  | { file: string; status: 'already_imported'; batchId: number; format: string; importedAt: number }
  | { file: string; status: 'error'; error: string };

const HEAD_BYTES = 64 * 1024;
/** Longest error message passed on for one file. */
const MAX_ERROR_LENGTH = 2000;

/** Expand folders (recursively, sorted, hidden files skipped) into files. */
export function expandPaths(paths: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (p: string) => {
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const name of readdirSync(p).sort()) if (!name.startsWith('.')) walk(join(p, name));
    } else if (st.isFile()) out.push(p);
  };
  for (const p of paths) walk(resolve(p));
  return out;
}

export async function importPaths(db: Db, paths: readonly string[], options: ImportOptions = {}): Promise<ImportFileResult[]> {
  const results: ImportFileResult[] = [];
  let files: string[];
  try {
    files = expandPaths(paths);
  } catch (err) {
    return [{ file: String(paths[0] ?? ''), status: 'error', error: (err as Error).message }];
  }
  for (const file of files) results.push(await importFile(db, file, options));
  return results;
}

export async function importFile(db: Db, file: string, options: ImportOptions = {}): Promise<ImportFileResult> {
  const fileName = basename(file);
  try {
    const size = statSync(file).size;
    const sha256 = await sha256File(file);
    const existing = findBatchBySha(db, sha256);
    if (existing) return { file, status: 'already_imported', batchId: existing.id, format: existing.format, importedAt: existing.importedAt };
    const sniffed = sniffKind(readHead(file), fileName);
    if (!sniffed.kind) return { file, status: 'error', error: `${fileName}: not a file Recoup can read (${sniffed.reason})` };
    const ctx: ParseContext = { fileName, ...(options.marketplace ? { marketplace: options.marketplace } : {}) };
    return await withWriteLock(() => commitFile(db, file, fileName, size, sha256, sniffed.kind!, ctx, options));
  } catch (err) {
    return { file, status: 'error', error: describeError(fileName, err) };
  }
}

function describeError(fileName: string, err: unknown): string {
  let message = err instanceof Error ? err.message : String(err);
  // A message may quote the file (a header row, a segment): keep it readable when that is huge.
  if (message.length > MAX_ERROR_LENGTH) message = `${message.slice(0, MAX_ERROR_LENGTH)}… (${message.length - MAX_ERROR_LENGTH} more characters)`;
  return message.startsWith(fileName) ? message : `${fileName}: ${message}`;
}

async function commitFile(db: Db, file: string, fileName: string, size: number, sha256: string, kind: FileKind, ctx: ParseContext, options: ImportOptions): Promise<ImportFileResult> {
  const now = options.now ?? Date.now;
  const writer = new BatchWriter(db, {
    fileName, filePath: file, sha256, format: defaultFormat(kind), sizeBytes: size, importedAt: now(), profile: null, marketplace: ctx.marketplace ?? null,
  });
  const meta: Required<Pick<ParseMeta, 'notes' | 'hiddenLinePayments'>> & ParseMeta = { notes: [], hiddenLinePayments: [] };
  let bytesRead = 0;
  const progress = (n: number) => {
    bytesRead = n;
    options.onProgress?.({ file, bytesRead, totalBytes: size, rows: writer.counts.rowsRead });
  };
  // A manual transaction may span awaits here: the write lock keeps other writers out, and a
  // crash before COMMIT leaves nothing behind (SQLite rolls the journal back on next open).
  db.exec('BEGIN IMMEDIATE');
  try {
    writer.begin();
    for await (const chunk of parseFile(file, kind, ctx, progress, db)) {
      if (chunk.meta) {
        mergeMeta(meta, chunk.meta);
        if (chunk.meta.format) writer.setFormat(chunk.meta.format);
      }
      writer.write(chunk.records, chunk.rejects);
      options.onProgress?.({ file, bytesRead, totalBytes: size, rows: writer.counts.rowsRead });
    }
    if (meta.hiddenLinePayments.length) writer.markHiddenLines(meta.hiddenLinePayments);
    if (writer.counts.rowsRead === 0) throw new UnreadableFileError(`${fileName}: the file holds no rows to import (${kind === 'csv' || kind === 'xlsx' ? 'headers only or empty' : 'no documents'})`);
    const format = meta.format ?? defaultFormat(kind);
    const counts = writer.finish(format, meta.profile ?? null, meta.marketplace ?? ctx.marketplace ?? null, meta.notes.length ? meta.notes.join('\n') : null);
    if (options.dryRun) {
      // The same writes ran (so de-dup counts are the real ones); undo them all.
      db.exec('ROLLBACK');
      return { file, status: 'imported', preview: true, batchId: writer.id, format, ...counts, rejects: writer.writeRejects, notes: meta.notes };
    }
    appendAudit(db, { actor: options.actor ?? 'analyst', action: 'import', entity: 'import_batch', entityId: String(writer.id), after: { file: fileName, sha256, format, ...counts }, at: now() });
    db.exec('COMMIT');
    return { file, status: 'imported', batchId: writer.id, format, ...counts, rejects: writer.writeRejects, notes: meta.notes };
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw err;
  }
}

function mergeMeta(into: ParseMeta & { notes: string[]; hiddenLinePayments: string[] }, m: ParseMeta): void {
  if (m.format) into.format = m.format;
  if (m.profile) into.profile = m.profile;
  if (m.marketplace) into.marketplace = m.marketplace;
  if (m.notes) into.notes.push(...m.notes);
  if (m.hiddenLinePayments) into.hiddenLinePayments.push(...m.hiddenLinePayments);
}

function defaultFormat(kind: FileKind): string {
  return kind === 'x12' ? 'x12' : kind === 'json' ? 'spapi' : kind === 'xlsx' ? 'register_xlsx' : 'register_csv';
}

async function* parseFile(file: string, kind: FileKind, ctx: ParseContext, progress: (bytes: number) => void, db: Db): AsyncIterable<ParseChunk> {
  switch (kind) {
    case 'x12':
      yield* parseX12(readTextChunks(file, progress), ctx);
      return;
    case 'json':
      yield parseSpApi(await readJsonFile(file), ctx);
      return;
    case 'xlsx':
      yield* parseSheet(readXlsxRows(file, progress), { ...ctx, container: 'xlsx', profiles: loadProfiles(db) });
      return;
    case 'csv':
      yield* parseSheet(readCsvRows(file, progress), { ...ctx, container: 'csv', profiles: loadProfiles(db) });
      return;
  }
}

function readHead(file: string): Uint8Array {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(HEAD_BYTES);
    const n = readSync(fd, buf, 0, HEAD_BYTES, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}


export function batches(db: Db): BatchRow[] {
  return listBatches(db);
}

export function batchRejects(db: Db, batchId: number) {
  return listRejects(db, batchId);
}

export class NotFoundError extends Error {}

/** Undo an import: the batch and every row it stored go, as one unit, and the audit log says so. */
export function undoImport(db: Db, batchId: number, actor = 'analyst', now: () => number = Date.now): BatchRow {
  const batch = getBatch(db, batchId);
  if (!batch) throw new NotFoundError(`there is no import batch ${batchId} (see \`recoup batches\`)`);
  db.transaction(() => {
    deleteBatch(db, batchId);
    appendAudit(db, { actor, action: 'undo-import', entity: 'import_batch', entityId: String(batchId), before: batch, at: now() });
  }).immediate();
  return batch;
}
