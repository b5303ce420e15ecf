// `npm start` without the Electron binary: open (or create) the database, then serve the app on
// 127.0.0.1 and print the address (with its per-launch token) for the analyst's browser.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultDbPath, openWorkspace } from '../services/workspace';
import { openAuditReview } from '../services/audit';
import { startServer, type RunningServer } from './server';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface BrowserModeArgs {
  port: number;
  db: string;
  demo: boolean;
  open: boolean;
  /** Audit review: open this database or snapshot read-only, with no way to write. */
  review: string | null;
}

export function parseArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): BrowserModeArgs {
  const out: BrowserModeArgs = { port: 0, db: defaultDbPath(env), demo: true, open: false, review: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--port') {
      const p = Number(value());
      if (!Number.isInteger(p) || p < 0 || p > 65535) throw new Error(`--port must be a whole number from 0 to 65535`);
      out.port = p;
    } else if (a === '--db') out.db = resolve(value());
    else if (a === '--no-demo') out.demo = false;
    else if (a === '--review') out.review = resolve(value());
    else if (a === '--open') out.open = true;
    else if (a === '--no-open') out.open = false;
    else if (a === '--browser' || a === '--no-build') continue; // start.js flags
    else throw new Error(`unknown option ${a} (options: --port N, --db FILE, --review FILE, --no-demo, --open)`);
  }
  return out;
}

export async function runBrowserMode(argv: readonly string[]): Promise<RunningServer> {
  const args = parseArgs(argv);
  const version = (JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const ws = args.review
    ? { db: openAuditReview(args.review), path: args.review, created: false, demo: undefined }
    : await openWorkspace(args.db, {
      loadDemo: args.demo,
      onBackup: (p) => console.log(`Recoup: backed up the database before upgrading it: ${p}`),
    });
  console.log(args.review ? `Recoup: audit review of ${ws.path} (read only: nothing can be changed)` : `Recoup: database ${ws.path}${ws.created ? ' (created)' : ''}`);
  if (ws.demo) {
    if (ws.demo.files) console.log(`Recoup: loaded the demo data set (${ws.demo.files} files, ${ws.demo.batches} import batches, ${ws.demo.findings} findings)`);
    for (const e of ws.demo.errors) console.log(`Recoup: demo: ${e}`);
  }
  // Exports are written here and handed to the browser as downloads; removed on exit.
  const exportDir = mkdtempSync(join(tmpdir(), 'recoup-exports-'));
  const server = await startServer({
    ctx: { db: ws.db, dbPath: ws.path, mode: 'browser', version, exportDir, readonly: args.review !== null },
    rendererDir: resolve(ROOT, 'out', 'renderer'),
    port: args.port,
  });
  console.log(`Recoup is running in browser mode (no Electron binary found). Open this address in your browser:`);
  console.log(`  ${server.url}`);
  console.log('Press Ctrl+C to stop.');
  if (args.open) openInBrowser(server.url);
  const stop = () => {
    void server.close().then(() => {
      ws.db.close();
      rmSync(exportDir, { recursive: true, force: true });
      process.exit(0);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return server;
}

function openInBrowser(url: string): void {
  const cmd = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  try {
    const child = spawn(cmd, [url], { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // Printing the address is enough; opening a browser is a convenience.
  }
}
