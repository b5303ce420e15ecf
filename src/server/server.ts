// Browser mode: the built renderer and the IPC contract over HTTP, for machines without the
// Electron binary. Listens on 127.0.0.1 only. Every API call must carry the per-launch token, come
// with a loopback Host header (DNS-rebinding defence) and, when the browser sends one, our own
// Origin (cross-site defence). Static files carry a strict CSP.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { AddressInfo } from 'node:net';
import { dispatch, toApiError, toImportResultDto, trackedImport, type ApiContext } from '../services/api';
import { importPaths } from '../services/import';
import { FILE_NAME_HEADER, TOKEN_HEADER, type Result } from '../shared/ipc';

export interface ServerOptions {
  ctx: ApiContext;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Fixed token for tests; default: 32 random bytes, hex. */
  token?: string;
  /** Largest accepted upload (default 2 GiB) and JSON body (default 4 MiB). */
  maxUploadBytes?: number;
  maxJsonBytes?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  token: string;
  server: Server;
  close(): Promise<void>;
}

export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export function isLoopback(address: string | undefined): boolean {
  return address !== undefined && LOOPBACK.has(address);
}

class Refusal extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const token = options.token ?? randomBytes(32).toString('hex');
  const tokenBuf = Buffer.from(token);
  const rendererDir = resolve(options.rendererDir);
  const maxUpload = options.maxUploadBytes ?? 2 * 1024 ** 3;
  const maxJson = options.maxJsonBytes ?? 4 * 1024 ** 2;
  let port = 0;

  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  /** The checks every request passes, static or API. */
  function checkRequest(req: IncomingMessage): void {
    if (!isLoopback(req.socket.remoteAddress)) throw new Refusal(403, 'only this computer may connect');
    const host = (req.headers.host ?? '').toLowerCase();
    if (!allowedHosts().has(host)) throw new Refusal(421, `unexpected Host header "${host}"`);
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins().has(origin.toLowerCase())) throw new Refusal(403, `cross-site request from "${origin}" refused`);
  }

  function checkToken(req: IncomingMessage): void {
    const given = req.headers[TOKEN_HEADER];
    if (typeof given !== 'string' || !given) throw new Refusal(401, 'missing token: open the address Recoup printed when it started');
    const buf = Buffer.from(given);
    if (buf.length !== tokenBuf.length || !timingSafeEqual(buf, tokenBuf)) throw new Refusal(401, 'wrong token: open the address Recoup printed when it started');
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (err instanceof Refusal) sendJson(res, err.status, { ok: false, error: { code: 'refused', message: err.message } });
      else sendJson(res, 500, { ok: false, error: toApiError(err) });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    checkRequest(req);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    if (path.startsWith('/api/')) {
      if (req.method !== 'POST') throw new Refusal(405, 'API calls are POST');
      checkToken(req);
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) throw new Refusal(415, 'API calls send JSON');
      const body = await readBody(req, maxJson);
      let input: unknown;
      try {
        input = body.length ? JSON.parse(body.toString('utf8')) : {};
      } catch {
        throw new Refusal(400, 'the request body is not valid JSON');
      }
      const result = await dispatch(options.ctx, decodeURIComponent(path.slice('/api/'.length)), input);
      sendJson(res, 200, result);
      return;
    }
    if (path === '/upload') {
      if (req.method !== 'POST') throw new Refusal(405, 'uploads are POST');
      checkToken(req);
      // `?dryRun=1`: the import preview; the browser uploads again when the analyst confirms.
      sendJson(res, 200, await receiveUpload(req, url.searchParams.get('dryRun') === '1'));
      return;
    }
    if (path === '/evidence') {
      if (req.method !== 'POST') throw new Refusal(405, 'uploads are POST');
      checkToken(req);
      sendJson(res, 200, await receiveEvidence(req));
      return;
    }
    if (path === '/download') {
      if (req.method !== 'POST') throw new Refusal(405, 'downloads are POST');
      checkToken(req);
      await sendExport(req, res);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new Refusal(405, 'method not allowed');
    serveStatic(path, req, res);
  }

  /** The browser cannot give file paths: take the bytes, import them from a private temp folder. */
  async function receiveUpload(req: IncomingMessage, dryRun: boolean): Promise<Result<unknown>> {
    const rawName = req.headers[FILE_NAME_HEADER];
    let name = typeof rawName === 'string' ? safeDecode(rawName) : '';
    name = name.replace(/[\\/]/g, '_').replace(/^\.+/, '').slice(0, 200);
    if (!name) throw new Refusal(400, `uploads need a file name in the ${FILE_NAME_HEADER} header`);
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (Number.isFinite(declared) && declared > maxUpload) throw new Refusal(413, `${name} is larger than the ${Math.round(maxUpload / 1024 ** 2)} MB upload limit`);
    const dir = mkdtempSync(join(tmpdir(), 'recoup-upload-'));
    const file = join(dir, name);
    try {
      let seen = 0;
      req.on('data', (chunk: Buffer) => {
        seen += chunk.length;
        if (seen > maxUpload) req.destroy(new Error(`${name} is larger than the upload limit`));
      });
      await pipeline(req, createWriteStream(file, { mode: 0o600 }));
      const tracked = trackedImport(options.ctx, dryRun, name);
      try {
        const results = await importPaths(options.ctx.db, [file], tracked.options);
        return { ok: true, value: results.map((r) => toImportResultDto(r, name)) };
      } finally {
        tracked.done();
      }
    } catch (err) {
      return { ok: false, error: toApiError(err) };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  /**
   * Evidence for a claim (a BOL, a proof of delivery): the register records where the file is, so
   * an upload is kept for good in an `evidence` folder beside the database, one folder per claim.
   */
  async function receiveEvidence(req: IncomingMessage): Promise<Result<unknown>> {
    const header = (name: string) => {
      const v = req.headers[name];
      return typeof v === 'string' ? safeDecode(v) : '';
    };
    const name = header(FILE_NAME_HEADER).replace(/[\\/]/g, '_').replace(/^\.+/, '').slice(0, 200);
    const claimId = Number(header('x-claim-id'));
    if (!name) throw new Refusal(400, `uploads need a file name in the ${FILE_NAME_HEADER} header`);
    if (!Number.isInteger(claimId) || claimId <= 0) throw new Refusal(400, 'x-claim-id must be a claim id');
    const dir = join(dirname(resolve(options.ctx.dbPath)), 'evidence', String(claimId));
    mkdirSync(dir, { recursive: true });
    // Never overwrite an earlier piece of evidence with the same name.
    let file = join(dir, name);
    for (let n = 2; existsSync(file); n++) file = join(dir, name.replace(/(\.[^.]*)?$/, (ext) => ` (${n})${ext}`));
    let seen = 0;
    req.on('data', (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > maxUpload) req.destroy(new Error(`${name} is larger than the upload limit`));
    });
    try {
      await pipeline(req, createWriteStream(file, { mode: 0o600 }));
    } catch (err) {
      rmSync(file, { force: true });
      return { ok: false, error: toApiError(err) };
    }
    const description = header('x-description') || null;
    const r = await dispatch(options.ctx, 'claims:addEvidence', { claimId, path: file, kind: header('x-evidence-kind'), description });
    if (!r.ok) rmSync(file, { force: true });
    return r;
  }

  /** Hand over a file an export wrote; only files inside this launch's export folder. */
  async function sendExport(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const exportDir = options.ctx.exportDir;
    if (!exportDir) throw new Refusal(404, 'nothing to download');
    let body: { path?: unknown };
    try {
      body = JSON.parse((await readBody(req, 64 * 1024)).toString('utf8')) as { path?: unknown };
    } catch {
      throw new Refusal(400, 'the request body is not valid JSON');
    }
    if (typeof body.path !== 'string') throw new Refusal(400, 'path missing');
    const root = realpathSync(exportDir);
    let file: string;
    try {
      file = realpathSync(body.path);
    } catch {
      throw new Refusal(404, 'that export no longer exists');
    }
    if (!file.startsWith(root + sep) || !statSync(file).isFile()) throw new Refusal(404, 'not an export of this session');
    const name = basename(file);
    res.writeHead(200, {
      'content-type': name.endsWith('.xlsx') ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'application/octet-stream',
      'content-length': statSync(file).size,
      'content-disposition': `attachment; filename="${name.replace(/"/g, '')}"`,
      'cache-control': 'no-store',
      ...securityHeaders(),
    });
    createReadStream(file).pipe(res);
  }

  function serveStatic(path: string, req: IncomingMessage, res: ServerResponse): void {
    let rel = normalize(safeDecode(path)).replace(/^([/\\])+/, '');
    if (rel === '' || rel === '.') rel = 'index.html';
    let file = resolve(rendererDir, rel);
    if (file !== rendererDir && !file.startsWith(rendererDir + sep)) throw new Refusal(404, 'not found');
    // Client-side routes fall back to the app page; files with an extension must exist.
    if (!existsSync(file) || !statSync(file).isFile()) {
      if (extname(rel)) throw new Refusal(404, 'not found');
      file = join(rendererDir, 'index.html');
      if (!existsSync(file)) throw new Refusal(404, 'the app is not built: run `npm run build`');
    }
    const isHtml = file.endsWith('.html');
    res.writeHead(200, {
      'content-type': MIME[extname(file)] ?? 'application/octet-stream',
      'content-length': statSync(file).size,
      'cache-control': isHtml ? 'no-store' : 'public, max-age=31536000, immutable',
      ...securityHeaders(),
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(file).pipe(res);
  }

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', fail);
      ok();
    });
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    server,
    close: () => new Promise<void>((ok) => {
      server.closeAllConnections();
      server.close(() => ok());
    }),
  };
}

function securityHeaders(): Record<string, string> {
  return {
    'content-security-policy': CSP,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    // The token is in the page URL; never send it on as a Referer.
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store', ...securityHeaders() });
  res.end(text);
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((ok, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        fail(new Refusal(413, 'request body too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => ok(Buffer.concat(chunks)));
    req.on('error', fail);
  });
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
