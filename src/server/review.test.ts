// Audit review in the app (`npm start -- --review FILE`): the database is opened read-only and the
// same contract answers every question but refuses every change, with a reason a person can read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dispatch, type ApiContext } from '../services/api';
import { openWorkspace } from '../services/workspace';
import { openAuditReview } from '../services/audit';
import type { AppInfo, BatchDto, FindingPageDto } from '../shared/ipc';

let dir: string;
let file: string;
let ctx: ApiContext;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'recoup-review-'));
  file = join(dir, 'recoup.db');
  const ws = await openWorkspace(file);
  ws.db.pragma('wal_checkpoint(TRUNCATE)');
  ws.db.close();
  ctx = { db: openAuditReview(file), dbPath: file, mode: 'browser', version: 'test', readonly: true, exportDir: join(dir, 'exports') };
});

afterAll(() => {
  ctx?.db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('audit review mode', () => {
  it('answers reads and says it is read-only', async () => {
    const info = await dispatch(ctx, 'app:info', {});
    expect(info.ok && (info.value as AppInfo).readonly).toBe(true);
    const batches = await dispatch(ctx, 'batches:list', {});
    expect(batches.ok && (batches.value as BatchDto[]).length).toBeGreaterThan(0);
    const page = await dispatch(ctx, 'findings:list', { limit: 5 });
    expect(page.ok && (page.value as FindingPageDto).items.length).toBeGreaterThan(0);
  });

  it('refuses every change with a plain reason and leaves the file byte for byte as it was', async () => {
    const before = readFileSync(file);
    const batches = await dispatch(ctx, 'batches:list', {});
    const id = (batches.ok ? (batches.value as BatchDto[]) : [])[0]!.id;
    for (const [channel, input] of [['batches:undo', { batchId: id }], ['reconcile:run', {}]] as const) {
      const r = await dispatch(ctx, channel, input);
      expect(r.ok, channel).toBe(false);
      if (!r.ok) {
        expect(r.error.code, channel).toBe('refused');
        expect(r.error.message).toMatch(/open for audit review \(read only\)/);
      }
    }
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});
