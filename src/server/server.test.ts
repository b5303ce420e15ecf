import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../db/open';
import { appendAudit } from '../db/audit.repo';
import { BatchWriter } from '../db/imports.repo';
import { CSP, isLoopback, startServer, type RunningServer } from './server';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  json(): { ok: boolean; value?: unknown; error?: { code: string; message: string } };
}

function call(srv: RunningServer, path: string, opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<Reply> {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port: srv.port, path, method: opts.method ?? 'POST', headers: { host: `127.0.0.1:${srv.port}`, ...opts.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        ok({ status: res.statusCode ?? 0, headers: res.headers, body, json: () => JSON.parse(body) });
      });
    });
    req.on('error', fail);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

const api = (srv: RunningServer, channel: string, input: unknown, headers: Record<string, string> = {}) =>
  call(srv, `/api/${channel}`, { headers: { 'content-type': 'application/json', 'x-recoup-token': srv.token, ...headers }, body: JSON.stringify(input) });

/** A committed batch the way the import pipeline leaves one (rows are not needed for these tests). */
function seedBatch(db: Db, fileName: string): number {
  const w = new BatchWriter(db, { fileName, filePath: null, sha256: fileName.padEnd(64, '0'), format: 'vc_remittance_csv', sizeBytes: 1234, importedAt: 1_790_000_000_000, profile: null, marketplace: 'US' });
  db.transaction(() => {
    w.begin();
    w.write([], [{ location: 'row 14', field: 'Amount Paid', reason: 'Amount Paid "12,3O" is not a number', raw: null }]);
    w.finish('vc_remittance_csv', null, 'US', null);
    appendAudit(db, { actor: 'test', action: 'import', entity: 'import_batch', entityId: String(w.id), at: 1 });
  })();
  return w.id;
}

describe('browser-mode server', () => {
  let dir: string;
  let db: Db;
  let srv: RunningServer;
  let batchId: number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'recoup-server-'));
    const renderer = join(dir, 'renderer');
    writeFileSync(join(dir, 'secret.txt'), 'not for the browser');
    mkdirSync(join(renderer, 'assets'), { recursive: true });
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Recoup</title>');
    writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)');
    db = openDatabase(join(dir, 'recoup.db'));
    batchId = seedBatch(db, 'Remittance_367531888.csv');
    mkdirSync(join(dir, 'exports'));
    srv = await startServer({ ctx: { db, dbPath: join(dir, 'recoup.db'), mode: 'browser', version: '0.0.0-test', exportDir: join(dir, 'exports') }, rendererDir: renderer });
  });

  afterAll(async () => {
    await srv?.close();
    db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('listens on loopback only and prints a tokenised URL', () => {
    const addr = srv.server.address();
    expect(typeof addr === 'object' && addr?.address).toBe('127.0.0.1');
    expect(srv.url).toBe(`http://127.0.0.1:${srv.port}/?token=${srv.token}`);
    expect(srv.token).toMatch(/^[0-9a-f]{64}$/);
  });

  it('answers a good call with the contract envelope', async () => {
    const r = await api(srv, 'batches:list', {});
    expect(r.status).toBe(200);
    const body = r.json();
    expect(body.ok).toBe(true);
    expect(body.value).toMatchObject([{ id: batchId, fileName: 'Remittance_367531888.csv', rowsRejected: 1, marketplace: 'US' }]);
  });

  it('accepts localhost as the Host and our own Origin', async () => {
    const r = await api(srv, 'app:info', {}, { host: `localhost:${srv.port}`, origin: `http://localhost:${srv.port}` });
    expect(r.status).toBe(200);
    expect(r.json().value).toMatchObject({ mode: 'browser', dbName: 'recoup.db', schemaVersion: expect.any(Number) });
  });

  it('refuses a call without a token', async () => {
    const r = await call(srv, '/api/batches:list', { headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(r.status).toBe(401);
    expect(r.json().error).toMatchObject({ code: 'refused', message: expect.stringContaining('missing token') });
  });

  it('refuses a wrong token, including one of a different length', async () => {
    const wrong = srv.token.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'));
    expect((await api(srv, 'batches:list', {}, { 'x-recoup-token': wrong })).status).toBe(401);
    expect((await api(srv, 'batches:list', {}, { 'x-recoup-token': 'short' })).status).toBe(401);
  });

  it('refuses a foreign Host header (DNS rebinding), even with the right token', async () => {
    const r = await api(srv, 'batches:list', {}, { host: `evil.example:${srv.port}` });
    expect(r.status).toBe(421);
    expect(r.json().ok).toBe(false);
    // The page itself is refused too, so a rebinding page cannot read the app's HTML.
    expect((await call(srv, '/', { method: 'GET', headers: { host: 'attacker.test' } })).status).toBe(421);
    // Right name, wrong port.
    expect((await api(srv, 'batches:list', {}, { host: `127.0.0.1:${srv.port + 1}` })).status).toBe(421);
  });

  it('refuses a cross-site Origin, even with the right token', async () => {
    const r = await api(srv, 'batches:undo', { batchId }, { origin: 'https://evil.example' });
    expect(r.status).toBe(403);
    expect(r.json().error?.message).toContain('cross-site');
    const list = (await api(srv, 'batches:list', {})).json().value as unknown[];
    expect(list).toHaveLength(1); // nothing was undone
  });

  it('refuses a connection from a non-loopback address', async () => {
    expect(isLoopback('127.0.0.1')).toBe(true);
    expect(isLoopback('::1')).toBe(true);
    expect(isLoopback('::ffff:127.0.0.1')).toBe(true);
    expect(isLoopback('192.168.1.20')).toBe(false);
    expect(isLoopback(undefined)).toBe(false);
    // Drive the real request handler with a socket that claims a LAN address.
    const socket = new Socket();
    Object.defineProperty(socket, 'remoteAddress', { value: '192.168.1.20' });
    const req = new IncomingMessage(socket);
    req.method = 'POST';
    req.url = '/api/batches:list';
    req.headers = { host: `127.0.0.1:${srv.port}`, 'x-recoup-token': srv.token, 'content-type': 'application/json' };
    const res = new ServerResponse(req);
    const done = new Promise<{ status: number; body: string }>((ok) => {
      let body = '';
      res.write = ((chunk: string | Buffer) => { body += String(chunk); return true; }) as typeof res.write;
      res.end = ((chunk?: string | Buffer) => { if (chunk) body += String(chunk); ok({ status: res.statusCode, body }); return res; }) as typeof res.end;
    });
    srv.server.emit('request', req, res);
    req.push(null);
    const out = await done;
    expect(out.status).toBe(403);
    expect(out.body).toContain('only this computer');
  });

  it('rejects bad input and unknown channels with specific errors', async () => {
    const bad = (await api(srv, 'batches:undo', { batchId: 'seven' })).json();
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    expect(bad.error?.message).toContain('batchId');
    const unknown = (await api(srv, 'tables:drop', {})).json();
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    const missing = (await api(srv, 'batches:rejects', { batchId: 999 })).json();
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect((await call(srv, '/api/batches:list', { method: 'GET' })).status).toBe(405);
    expect((await call(srv, '/api/batches:list', { headers: { 'x-recoup-token': srv.token, 'content-type': 'text/plain' }, body: '{}' })).status).toBe(415);
  });

  it('serves the app with a strict CSP and never files outside the renderer folder', async () => {
    const page = await call(srv, '/?token=abc', { method: 'GET' });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toBe(CSP);
    expect(CSP).toContain("script-src 'self'");
    expect(CSP).not.toContain('unsafe');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.body).toContain('<title>Recoup</title>');
    expect((await call(srv, '/assets/app.js', { method: 'GET' })).headers['content-type']).toContain('javascript');
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/../../secret.txt']) {
      const r = await call(srv, p, { method: 'GET' });
      expect(r.status, p).toBe(404);
      expect(r.body).not.toContain('not for the browser');
    }
  });

  it('returns the rejects of a batch and undoes it as one unit', async () => {
    const rejects = (await api(srv, 'batches:rejects', { batchId })).json();
    expect(rejects).toMatchObject({ ok: true, value: [{ location: 'row 14', field: 'Amount Paid', reason: 'Amount Paid "12,3O" is not a number' }] });
    const extra = seedBatch(db, 'Remittance_second.csv');
    const undone = (await api(srv, 'batches:undo', { batchId: extra })).json();
    expect(undone).toMatchObject({ ok: true, value: { id: extra, fileName: 'Remittance_second.csv' } });
    const list = (await api(srv, 'batches:list', {})).json().value as Array<{ id: number }>;
    expect(list.map((b) => b.id)).toEqual([batchId]);
    const again = (await api(srv, 'batches:undo', { batchId: extra })).json();
    expect(again).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('takes uploads (the browser has no paths), names results by the uploaded name, and needs the token', async () => {
    const body = Buffer.from('just some notes, not an export\n');
    const noToken = await call(srv, '/upload', { headers: { 'x-file-name': 'notes.txt' }, body });
    expect(noToken.status).toBe(401);
    const r = (await call(srv, '/upload', { headers: { 'x-recoup-token': srv.token, 'x-file-name': encodeURIComponent('../Notes März.txt') }, body })).json();
    expect(r.ok).toBe(true);
    const [result] = r.value as Array<{ fileName: string; status: string; error?: string }>;
    expect(result).toMatchObject({ fileName: '_Notes März.txt', status: 'error' });
    expect(result!.error).toMatch(/^_Notes März\.txt: /);
    expect(((await api(srv, 'batches:list', {})).json().value as unknown[]).length).toBe(1);
  });

  it('imports an uploaded register whole, with its reject, and stores nothing new the second time', async () => {
    const body = readFileSync(join(__dirname, '..', '..', 'test', 'fixtures', 'server', 'invoice-register.csv'));
    const send = async () => (await call(srv, '/upload', { headers: { 'x-recoup-token': srv.token, 'x-file-name': 'invoice-register.csv' }, body })).json();
    const first = await send();
    expect(first).toMatchObject({ ok: true, value: [{ fileName: 'invoice-register.csv', status: 'imported', format: 'register_csv', rowsRead: 3, rowsStored: 2, rowsRejected: 1 }] });
    const [imported] = first.value as Array<{ batchId: number; rejects: Array<{ location: string; reason: string }> }>;
    expect(imported!.rejects).toEqual([expect.objectContaining({ location: 'row 4', reason: 'Quantity Invoiced "12O" is not a whole number' })]);
    const second = await send();
    expect(second).toMatchObject({ ok: true, value: [{ fileName: 'invoice-register.csv', status: 'already_imported', batchId: imported!.batchId }] });
    const list = (await api(srv, 'batches:list', {})).json().value as Array<{ id: number; fileName: string }>;
    expect(list.filter((b) => b.fileName === 'invoice-register.csv')).toHaveLength(1);
    expect((await api(srv, 'batches:undo', { batchId: imported!.batchId })).json().ok).toBe(true);
  });

  it('previews an upload with ?dryRun=1: the same counts and rejects as the import, nothing stored', async () => {
    const body = readFileSync(join(__dirname, '..', '..', 'test', 'fixtures', 'server', 'invoice-register.csv'));
    const before = (await api(srv, 'batches:list', {})).json().value as unknown[];
    const preview = (await call(srv, '/upload?dryRun=1', { headers: { 'x-recoup-token': srv.token, 'x-file-name': 'invoice-register.csv' }, body })).json();
    expect(preview).toMatchObject({ ok: true, value: [{ fileName: 'invoice-register.csv', status: 'imported', preview: true, rowsRead: 3, rowsStored: 2, rowsRejected: 1 }] });
    expect((preview.value as Array<{ rejects: unknown[] }>)[0]!.rejects).toEqual([expect.objectContaining({ location: 'row 4', reason: 'Quantity Invoiced "12O" is not a whole number' })]);
    expect((await api(srv, 'batches:list', {})).json().value).toEqual(before);
    expect((await api(srv, 'import:progress', {})).json()).toEqual({ ok: true, value: null });
  });

  it('hands over files from this session\'s export folder only, and only with the token', async () => {
    const pack = join(dir, 'exports', 'dispute-pack-f_1-2026-05-31.xlsx');
    writeFileSync(pack, 'PK fake workbook bytes');
    const ask = (path: string, headers: Record<string, string> = { 'x-recoup-token': srv.token }) =>
      call(srv, '/download', { headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ path }) });
    const ok = await ask(pack);
    expect(ok.status).toBe(200);
    expect(ok.body).toBe('PK fake workbook bytes');
    expect(ok.headers['content-disposition']).toBe('attachment; filename="dispute-pack-f_1-2026-05-31.xlsx"');
    expect(ok.headers['content-type']).toContain('spreadsheetml');
    expect((await ask(pack, {})).status).toBe(401);
    // Anything else on disk is refused, including a path that climbs out of the folder.
    expect((await ask(join(dir, 'secret.txt'))).status).toBe(404);
    expect((await ask(join(dir, 'exports', '..', 'secret.txt'))).status).toBe(404);
    expect((await ask(join(dir, 'recoup.db'))).status).toBe(404);
    expect((await ask(join(dir, 'exports', 'missing.xlsx'))).status).toBe(404);
    expect((await ask(join(dir, 'secret.txt'))).body).not.toContain('not for the browser');
  });
});
