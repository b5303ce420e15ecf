// The contract's handler table over the demo data set: what the app's screens call, end to end
// through dispatch (validation, services, result envelope), on a fresh database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { dispatch, type ApiContext } from './api';
import { openWorkspace } from './workspace';
import type { ClaimsSummaryDto, FindingDetailDto, FindingDto, FindingPageDto } from '../shared/ipc';

let dir: string;
let ctx: ApiContext;

async function ok<T>(channel: string, input: unknown): Promise<T> {
  const r = await dispatch(ctx, channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'recoup-api-'));
  const ws = await openWorkspace(join(dir, 'recoup.db'));
  expect(ws.created).toBe(true);
  expect(ws.demo?.errors).toEqual([]);
  expect(ws.demo?.findings).toBeGreaterThan(0);
  ctx = { db: ws.db, dbPath: ws.path, mode: 'browser', version: 'test', exportDir: join(dir, 'exports') };
});

afterAll(() => {
  ctx?.db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the IPC contract over the demo data', () => {
  it('pages the worklist with totals that match the summary', async () => {
    const summary = await ok<{ byType: Array<{ type: string; count: number; amountCents: number }> }>('findings:summary', {});
    const all = summary.byType.reduce((n, t) => n + t.count, 0);
    const first = await ok<FindingPageDto>('findings:list', { limit: 5 });
    expect(first.total).toBe(all);
    expect(first.items).toHaveLength(5);
    const amounts = first.items.map((f) => f.amount_cents);
    expect([...amounts].sort((a, b) => b - a)).toEqual(amounts);
    const type = summary.byType[0]!;
    const filtered = await ok<FindingPageDto>('findings:list', { filter: { types: [type.type] }, limit: 500 });
    expect(filtered.total).toBe(type.count);
    expect(filtered.items.reduce((n, f) => n + f.amount_cents, 0)).toBe(type.amountCents);
    const bad = await dispatch(ctx, 'findings:list', { filter: { types: ['NOT_A_TYPE'] } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_input', message: expect.stringContaining('NOT_A_TYPE') } });
    const tooBig = await dispatch(ctx, 'findings:list', { limit: 100_000 });
    expect(tooBig).toMatchObject({ ok: false, error: { code: 'bad_input' } });
  });

  it('opens a disputable finding, moves its claim through the workflow and reflects it in the claims summary', async () => {
    const page = await ok<FindingPageDto>('findings:list', { filter: { types: ['CHARGEBACK'] }, limit: 10 });
    const f = page.items[0] as FindingDto;
    const detail = await ok<FindingDetailDto>('findings:get', { id: f.id });
    expect(detail.finding).toMatchObject({ id: f.id, type: 'CHARGEBACK' });
    expect(detail.claim).toMatchObject({ status: 'open', amountCents: f.amount_cents });
    expect(detail.allowedStatuses).toContain('disputed');
    const refused = await dispatch(ctx, 'claims:setStatus', { claimId: detail.claim!.id, status: 'disputed' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'bad_input', message: expect.stringContaining('case id') } });
    await ok('claims:setStatus', { claimId: detail.claim!.id, status: 'disputed', caseId: '1234567890' });
    await ok('claims:addNote', { claimId: detail.claim!.id, text: 'Sent POD and carrier BOL.' });
    const after = await ok<FindingDetailDto>('findings:get', { id: f.id });
    expect(after.claim).toMatchObject({ status: 'disputed', caseId: '1234567890' });
    expect(after.notes.map((n) => n.text)).toEqual(['Sent POD and carrier BOL.']);
    expect(after.audit.map((a) => a.action)).toEqual(expect.arrayContaining(['claim.status', 'claim.note']));
    writeFileSync(join(dir, 'bol-4B7XKQ2N.pdf'), '%PDF-1.4 signed BOL');
    const ev = await ok<{ fileName: string; kind: string; sizeBytes: number }>('claims:addEvidence', { claimId: detail.claim!.id, path: join(dir, 'bol-4B7XKQ2N.pdf'), kind: 'bol', description: 'carrier signed' });
    expect(ev).toMatchObject({ fileName: 'bol-4B7XKQ2N.pdf', kind: 'bol', sizeBytes: 19 });
    expect((await ok<FindingDetailDto>('findings:get', { id: f.id })).evidenceFiles.map((e) => e.fileName)).toEqual(['bol-4B7XKQ2N.pdf']);
    const noFile = await dispatch(ctx, 'claims:addEvidence', { claimId: detail.claim!.id, path: join(dir, 'nope.pdf'), kind: 'pod' });
    expect(noFile).toMatchObject({ ok: false, error: { code: 'bad_input', message: expect.stringContaining('cannot be read') } });
    const claims = await ok<ClaimsSummaryDto>('claims:summary', {});
    expect(claims.byStatus.find((s) => s.status === 'disputed')).toMatchObject({ count: 1, amountCents: f.amount_cents });
    const missing = await dispatch(ctx, 'findings:get', { id: 'f_doesnotexist' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('sets a status on many findings at once, skipping the ones without a claim with the reason', async () => {
    const coop = await ok<FindingPageDto>('findings:list', { filter: { types: ['COOP_DEDUCTION'] }, limit: 10 });
    const info = await ok<FindingPageDto>('findings:list', { filter: { types: ['CLAIM_REVERSED'] }, limit: 1 });
    const ids = [...coop.items.map((f) => f.id), ...info.items.map((f) => f.id)];
    const r = await ok<{ changed: number; skipped: Array<{ findingId: string; reason: string }> }>('claims:bulkSetStatus', { findingIds: ids, status: 'to_dispute' });
    expect(r.changed).toBe(coop.items.length);
    expect(r.skipped).toEqual(info.items.map((f) => ({ findingId: f.id, reason: expect.stringContaining('not disputable') })));
  });

  it('writes a dispute pack for chosen findings that opens as a workbook, and names where it is', async () => {
    const page = await ok<FindingPageDto>('findings:list', { filter: { types: ['CHARGEBACK'] }, limit: 2 });
    const out = await ok<{ fileName: string; path: string; claims: number; sheets: string[] }>('export:disputePack', { findingIds: page.items.map((f) => f.id) });
    expect(out.claims).toBe(page.items.length);
    expect(out.path.startsWith(join(dir, 'exports'))).toBe(true);
    expect(out.fileName).toMatch(/^dispute-pack-2-findings-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out.path);
    expect(wb.worksheets.map((w) => w.name)).toEqual(out.sheets);
    const text = wb.worksheets.map((w) => JSON.stringify(w.getSheetValues())).join(' ');
    for (const f of page.items) expect(text).toContain(f.claim_number!);
  });

  it('finds which document field holds a number', async () => {
    const page = await ok<FindingPageDto>('findings:list', { filter: { types: ['SHORTAGE_CLAIM_DISPUTABLE'] }, limit: 1 });
    const f = page.items[0]!;
    const hits = await ok<Array<{ field: string; total: number }>>('search:findings', { text: f.claim_number!.toLowerCase() });
    expect(hits).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'claimNumber' })]));
    expect(await ok('search:findings', { text: 'NO-SUCH-DOC-0000' })).toEqual([]);
  });
});
