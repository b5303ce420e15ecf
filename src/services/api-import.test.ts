// import:preview and import:progress through dispatch, on a fresh database.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dispatch, trackedImport, type ApiContext } from './api';
import { openDatabase } from '../db/open';
import type { BatchDto, ImportResultDto } from '../shared/ipc';

const FIXTURES = join(__dirname, '..', '..', 'test', 'fixtures');
const FILES = [join(FIXTURES, 'vc', 'remittance-de-excel-semicolon.csv'), join(FIXTURES, 'edi', 'broken_810_fields.edi')];

let dir: string;
let ctx: ApiContext;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'recoup-api-import-'));
  const dbPath = join(dir, 'recoup.db');
  ctx = { db: openDatabase(dbPath), dbPath, mode: 'browser', version: 'test' };
});
afterEach(() => {
  ctx.db.close();
  rmSync(dir, { recursive: true, force: true });
});

async function ok<T>(channel: string, input: unknown): Promise<T> {
  const r = await dispatch(ctx, channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code}: ${r.error.message}`);
  return r.value as T;
}
const shape = (r: ImportResultDto) => (r.status === 'imported' ? [r.fileName, r.format, r.rowsRead, r.rowsStored, r.rowsDuplicate, r.rowsRejected, r.rejects] : [r.fileName, r.status]);

describe('import:preview', () => {
  it('reports each file as the import would, stores nothing, and the import that follows matches it', async () => {
    const preview = await ok<ImportResultDto[]>('import:preview', { paths: FILES });
    expect(preview).toHaveLength(2);
    expect(preview.every((r) => r.status === 'imported' && r.preview === true)).toBe(true);
    expect(preview[1]).toMatchObject({ fileName: 'broken_810_fields.edi', rowsRejected: expect.any(Number) });
    expect(preview[1]!.status === 'imported' && preview[1]!.rowsRejected > 0).toBe(true);
    expect(await ok<BatchDto[]>('batches:list', {})).toEqual([]);

    const real = await ok<ImportResultDto[]>('import:files', { paths: FILES });
    expect(real.map(shape)).toEqual(preview.map(shape));
    expect(real.some((r) => 'preview' in r)).toBe(false);
    expect(await ok<BatchDto[]>('batches:list', {})).toHaveLength(2);

    const again = await ok<ImportResultDto[]>('import:preview', { paths: FILES });
    expect(again.map((r) => r.status)).toEqual(['already_imported', 'already_imported']);
  });

  it('refuses bad input and reports an unreadable path as that file\'s error', async () => {
    expect(await dispatch(ctx, 'import:preview', { paths: [] })).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    const [r] = await ok<ImportResultDto[]>('import:preview', { paths: [join(dir, 'nope.csv')] });
    expect(r).toMatchObject({ status: 'error' });
  });
});

describe('import:progress', () => {
  it('is null when idle and reports the running file under its display name', async () => {
    expect(await ok<unknown>('import:progress', {})).toBeNull();
    const t = trackedImport(ctx, true, 'remittance.csv');
    t.options.onProgress?.({ file: '/tmp/recoup-upload-x/remittance.csv', bytesRead: 512, totalBytes: 2048, rows: 7 });
    expect(await ok<unknown>('import:progress', {})).toEqual({ fileName: 'remittance.csv', bytesRead: 512, totalBytes: 2048, rows: 7 });
    t.done();
    expect(await ok<unknown>('import:progress', {})).toBeNull();
  });

  it('is cleared once an import through the channel finishes', async () => {
    await ok('import:files', { paths: [FILES[0]] });
    expect(await ok<unknown>('import:progress', {})).toBeNull();
  });
});
