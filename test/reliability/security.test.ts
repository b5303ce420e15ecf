// Security checks that complete the owners' tests (src/server/server.test.ts): Electron main
// driven through a fake `electron` module (the Electron binary is not installed where tests run),
// so its hardening is exercised as behaviour — window preferences, CSP, permissions, navigation
// and window.open, IPC sender checks and input validation that stops bad input before any SQL —
// plus the browser-mode refusals the server tests do not cover yet.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { request } from 'node:http';
import { mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openDatabase, type Db } from '../../src/db/open';
import { channelNames, FILE_NAME_HEADER, IPC_INVOKE, TOKEN_HEADER } from '../../src/shared/ipc';
import { startServer, type RunningServer } from '../../src/server/server';
import { seed, fingerprint, tempDir } from './helpers';

// ---------- a fake Electron that records what main asks of it ----------
const fake = vi.hoisted(() => {
  type Fn = (...a: unknown[]) => unknown;
  const appHandlers = new Map<string, Fn>();
  const state = {
    appHandlers,
    windows: [] as Array<{ options: Record<string, unknown>; webContents: { id: number; send: Fn } }>,
    ipcHandlers: new Map<string, Fn>(),
    headersHook: null as null | Fn,
    permissionHook: null as null | Fn,
    sandboxEnabled: false,
    singleInstance: false,
    openExternal: [] as string[],
    db: null as unknown,
  };
  class BrowserWindow {
    webContents = { id: 1, send: () => undefined };
    constructor(options: Record<string, unknown>) { state.windows.push({ options, webContents: this.webContents }); }
    once() { return this; }
    on() { return this; }
    loadFile() { return Promise.resolve(); }
    loadURL() { return Promise.resolve(); }
    setTitle() { /* title only */ }
    show() { /* shown */ }
    isMinimized() { return false; }
  }
  const electron = {
    app: {
      enableSandbox: () => { state.sandboxEnabled = true; },
      requestSingleInstanceLock: () => { state.singleInstance = true; return true; },
      quit: () => undefined,
      on: (event: string, fn: Fn) => { appHandlers.set(event, fn); },
      whenReady: () => Promise.resolve(),
      getPath: () => '/tmp',
      getVersion: () => '0.0.0-test',
      isPackaged: true,
    },
    BrowserWindow,
    dialog: { showErrorBox: () => undefined, showOpenDialog: async () => ({ canceled: true, filePaths: [] }), showSaveDialog: async () => ({ canceled: true }) },
    ipcMain: { handle: (channel: string, fn: Fn) => { state.ipcHandlers.set(channel, fn); } },
    Menu: { buildFromTemplate: () => ({}), setApplicationMenu: () => undefined },
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: (fn: Fn) => { state.headersHook = fn; } },
        setPermissionRequestHandler: (fn: Fn) => { state.permissionHook = fn; },
      },
    },
    shell: { openExternal: async (url: string) => { state.openExternal.push(url); }, showItemInFolder: () => undefined },
  };
  return { state, electron };
});

vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));
vi.mock('../../src/services/workspace', () => ({
  defaultDbPath: () => ':memory:',
  openWorkspace: async (path: string) => ({ db: fake.state.db, path, created: false }),
}));

const MAIN_DIR = resolve(__dirname, '..', '..', 'src', 'main');
const OWN_PAGE = pathToFileURL(join(MAIN_DIR, '..', 'renderer', 'index.html')).href;
type IpcResult = { ok: boolean; value?: unknown; error?: { code: string; message: string } };

describe('Electron main hardening (with a fake electron module)', () => {
  let db: Db;
  let sqlCalls = 0;
  let invoke: (event: unknown, channel: unknown, input: unknown) => Promise<IpcResult>;
  let trusted: { sender: unknown; senderFrame: { url: string } };

  beforeAll(async () => {
    db = openDatabase(':memory:');
    seed(db, '321', 3);
    const prepare = db.prepare.bind(db);
    vi.spyOn(db, 'prepare').mockImplementation(((sql: string) => { sqlCalls++; return prepare(sql); }) as never);
    fake.state.db = db;
    await import('../../src/main/index');
    for (let i = 0; i < 100 && !fake.state.ipcHandlers.has(IPC_INVOKE); i++) await new Promise((r) => setTimeout(r, 10));
    invoke = fake.state.ipcHandlers.get(IPC_INVOKE) as typeof invoke;
    expect(invoke).toBeTypeOf('function');
    trusted = { sender: fake.state.windows[0]!.webContents, senderFrame: { url: OWN_PAGE } };
  });
  afterAll(() => db?.close());

  it('turns the sandbox on for every renderer and keeps one instance', () => {
    expect(fake.state.sandboxEnabled).toBe(true);
    expect(fake.state.singleInstance).toBe(true);
  });

  it('opens its window with context isolation, the sandbox, no Node integration and web security on', () => {
    expect(fake.state.windows).toHaveLength(1);
    const prefs = fake.state.windows[0]!.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInWorker: false, webSecurity: true, allowRunningInsecureContent: false });
    expect(prefs.nodeIntegrationInSubFrames ?? false).toBe(false);
    expect(prefs.webviewTag ?? false).toBe(false);
    expect(String(prefs.preload)).toMatch(/preload[\\/]index\.cjs$/);
  });

  it('sends a strict CSP on every response: own scripts only, no inline or eval, no plugins or framing', () => {
    let headers: Record<string, string[]> = {};
    fake.state.headersHook!({ responseHeaders: { 'x-a': ['1'] } }, (r: { responseHeaders: Record<string, string[]> }) => { headers = r.responseHeaders; });
    const csp = headers['Content-Security-Policy']![0]!;
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toMatch(/object-src 'none'/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(csp).toMatch(/base-uri 'none'/);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*|http:/);
    expect(headers['x-a']).toEqual(['1']);
  });

  it('denies every permission a page asks for', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      let granted: boolean | undefined;
      fake.state.permissionHook!({}, p, (g: boolean) => { granted = g; });
      expect(granted, p).toBe(false);
    }
  });

  it('blocks navigation away from the app, every new window, and webviews', () => {
    const hooks: Record<string, (...a: unknown[]) => unknown> = {};
    let windowOpen: ((d: { url: string }) => { action: string }) | undefined;
    const contents = {
      setWindowOpenHandler: (fn: typeof windowOpen) => { windowOpen = fn; },
      on: (event: string, fn: (...a: unknown[]) => unknown) => { hooks[event] = fn; },
    };
    fake.state.appHandlers.get('web-contents-created')!({}, contents);
    const navigate = (url: string) => {
      let prevented = false;
      hooks['will-navigate']!({ preventDefault: () => { prevented = true; } }, url);
      return prevented;
    };
    expect(navigate('https://evil.example/phish')).toBe(true);
    expect(navigate('file:///etc/passwd')).toBe(true);
    expect(navigate('http://127.0.0.1:8080/')).toBe(true);
    expect(navigate('javascript:alert(1)')).toBe(true);
    expect(navigate(OWN_PAGE)).toBe(false);
    for (const url of ['https://evil.example/', 'http://evil.example/', 'file:///etc/passwd', 'javascript:alert(1)', OWN_PAGE]) {
      expect(windowOpen!({ url }), url).toEqual({ action: 'deny' });
    }
    // Only https links go to the user's own browser; nothing else is handed to the OS.
    expect(fake.state.openExternal).toEqual(['https://evil.example/']);
    let webviewBlocked = false;
    hooks['will-attach-webview']!({ preventDefault: () => { webviewBlocked = true; } });
    expect(webviewBlocked).toBe(true);
  });

  it('refuses IPC from any other page or frame, before looking at the call', async () => {
    const before = sqlCalls;
    const foreignSender = { sender: { id: 99 }, senderFrame: { url: OWN_PAGE } };
    const foreignFrame = { sender: trusted.sender, senderFrame: { url: 'https://evil.example/' } };
    const lookalike = { sender: trusted.sender, senderFrame: { url: `${OWN_PAGE}.evil.html` } };
    for (const ev of [foreignSender, foreignFrame, lookalike, { sender: trusted.sender }]) {
      expect(await invoke(ev, 'batches:list', {})).toEqual({ ok: false, error: { code: 'refused', message: 'IPC from an unknown page' } });
    }
    expect(sqlCalls).toBe(before);
    expect((await invoke(trusted, 'batches:list', {})).ok).toBe(true);
  });

  it('answers every channel\'s invalid input with a typed error, and not one SQL statement runs', async () => {
    const invalid: unknown[] = [42, 'x', [], true, { unexpectedKey: 1 }, JSON.parse('{"__proto__": {"polluted": true}}'), { paths: "'; DROP TABLE finding; --" }, { batchId: -1 }, { batchId: '1 OR 1=1' }, { id: 'x'.repeat(100_000) }];
    const before = sqlCalls;
    let calls = 0;
    for (const channel of channelNames) {
      for (const input of invalid) {
        const r = await invoke(trusted, channel, input);
        calls++;
        expect(r.ok, `${channel} ${JSON.stringify(input).slice(0, 40)}`).toBe(false);
        expect(r.error!.code, `${channel}`).toBe('bad_input');
        expect(r.error!.message.startsWith(`${channel}: `)).toBe(true);
      }
    }
    expect(calls).toBeGreaterThanOrEqual(channelNames.length * invalid.length);
    expect(sqlCalls, 'invalid input reached the database').toBe(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await invoke(trusted, 42, {})).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    expect(await invoke(trusted, 'sql:exec', { sql: 'DROP TABLE finding' })).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    expect(await invoke(trusted, '__proto__', {})).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
  });

  it('treats SQL in valid text as text: nothing is dropped, nothing leaks', async () => {
    const before = fingerprint(db);
    const r = await invoke(trusted, 'search:findings', { text: "' OR 1=1; DROP TABLE finding; --" });
    expect(r).toEqual({ ok: true, value: [] });
    expect((await invoke(trusted, 'findings:get', { id: "1' OR '1'='1" })).error?.code).toBe('not_found');
    expect(fingerprint(db)).toBe(before);
  });
});

// ---------- browser mode: refusals the server's own tests leave out ----------
interface Reply { status: number; headers: Record<string, string | string[] | undefined>; body: string }
function call(srv: RunningServer, path: string, opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<Reply> {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port: srv.port, path, method: opts.method ?? 'POST', headers: { host: `127.0.0.1:${srv.port}`, ...opts.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', (e: NodeJS.ErrnoException) => (e.code === 'ECONNRESET' || e.code === 'EPIPE' ? ok({ status: 0, headers: {}, body: '' }) : fail(e)));
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

describe('browser mode: further refusals', () => {
  const t = tempDir('recoup-sec-');
  let db: Db;
  let srv: RunningServer;
  let exportDir: string;
  afterAll(async () => { await srv?.close(); db?.close(); t.cleanup(); });
  beforeAll(async () => {
    const renderer = join(t.dir, 'renderer');
    mkdirSync(renderer);
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Recoup</title>');
    writeFileSync(join(t.dir, 'secret.txt'), 'outside the export folder');
    exportDir = join(t.dir, 'exports');
    mkdirSync(exportDir);
    db = openDatabase(join(t.dir, 'r.db'));
    seed(db, '654', 2);
    srv = await startServer({ ctx: { db, dbPath: join(t.dir, 'r.db'), mode: 'browser', version: 'test', exportDir }, rendererDir: renderer, maxJsonBytes: 64 * 1024 });
  });
  const auth = (): Record<string, string> => ({ [TOKEN_HEADER]: srv.token });
  const json = (r: Reply) => JSON.parse(r.body) as IpcResult;

  it('API calls must be POSTed JSON: GET, OPTIONS and form/text bodies (CSRF "simple requests") are refused', async () => {
    expect((await call(srv, '/api/app:info', { method: 'GET', headers: auth() })).status).toBe(405);
    const pre = await call(srv, '/api/app:info', { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(pre.status).toBe(403);
    expect(pre.headers['access-control-allow-origin']).toBeUndefined();
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const r = await call(srv, '/api/batches:list', { headers: { ...auth(), 'content-type': type }, body: '{}' });
      expect(r.status, type).toBe(415);
    }
  });

  it('refuses Host names that only start like ours and the opaque "null" Origin', async () => {
    const spoofed = await call(srv, '/api/app:info', { headers: { ...auth(), host: `127.0.0.1.evil.example:${srv.port}`, 'content-type': 'application/json' }, body: '{}' });
    expect(spoofed.status).toBe(421);
    const wrongPort = await call(srv, '/api/app:info', { headers: { ...auth(), host: `localhost:${srv.port + 1}`, 'content-type': 'application/json' }, body: '{}' });
    expect(wrongPort.status).toBe(421);
    const nullOrigin = await call(srv, '/api/app:info', { headers: { ...auth(), origin: 'null', 'content-type': 'application/json' }, body: '{}' });
    expect(nullOrigin.status).toBe(403);
    // No response ever grants another origin access.
    for (const r of [spoofed, nullOrigin]) expect(r.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses an oversized body and keeps serving', async () => {
    const r = await call(srv, '/api/search:findings', { headers: { ...auth(), 'content-type': 'application/json' }, body: JSON.stringify({ text: 'x'.repeat(200 * 1024) }) });
    expect([0, 413]).toContain(r.status);
    const ok = await call(srv, '/api/app:info', { headers: { ...auth(), 'content-type': 'application/json' }, body: '{}' });
    expect(ok.status).toBe(200);
    expect(json(ok).ok).toBe(true);
  });

  it('downloads only files this session exported: no absolute paths, no traversal, no symlinks out', async () => {
    writeFileSync(join(exportDir, 'pack.xlsx'), 'PK');
    symlinkSync(join(t.dir, 'secret.txt'), join(exportDir, 'link.xlsx'));
    const get = (path: string, headers: Record<string, string> = auth()) => call(srv, '/download', { headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ path }) });
    for (const path of [join(t.dir, 'secret.txt'), join(exportDir, '..', 'secret.txt'), join(exportDir, 'link.xlsx'), '/etc/passwd', exportDir]) {
      const r = await get(path);
      expect(r.status, path).toBe(404);
      expect(r.body).not.toContain('outside the export folder');
    }
    expect((await get(join(exportDir, 'pack.xlsx'), {})).status).toBe(401);
    const good = await get(join(exportDir, 'pack.xlsx'));
    expect(good.status).toBe(200);
    expect(good.body).toBe('PK');
  });

  it('an upload cannot choose where it lands: path parts in its name are flattened', async () => {
    const before = readdirSync(dirname(t.dir)).length;
    const r = await call(srv, '/upload', { headers: { ...auth(), [FILE_NAME_HEADER]: encodeURIComponent('../../../evil.csv'), 'content-type': 'application/octet-stream' }, body: 'foo,bar\n1,2\n' });
    expect(r.status).toBe(200);
    const result = json(r);
    expect(JSON.stringify(result)).not.toMatch(/\.\.\//);
    expect(readdirSync(dirname(t.dir)).length).toBe(before);
    expect(readdirSync(t.dir)).not.toContain('evil.csv');
  });
});
