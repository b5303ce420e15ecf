// What every end-to-end test needs: Debian's Chromium (never a downloaded browser), the built
// renderer, browser mode started as `npm start` starts it, and a clean shutdown.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const ROOT = resolve(__dirname, '..', '..');
export const SHOTS = join(ROOT, 'test-output', 'e2e');

function findChromium(): string | null {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  return candidates.find((p): p is string => !!p && existsSync(p)) ?? null;
}

export const chromiumPath = findChromium();
// .ci/run sets RECOUP_REQUIRE_E2E=1 so a missing browser fails there instead of skipping.
if (!chromiumPath && process.env.RECOUP_REQUIRE_E2E) throw new Error('Chromium not found: apt-get install chromium, or set CHROMIUM_PATH');
if (!chromiumPath) console.warn('e2e: Chromium not found (set CHROMIUM_PATH); browser tests skipped');

/** `npm test` builds before vitest; build here only when a test runs on its own without out/. */
export function ensureBuilt(): void {
  mkdirSync(SHOTS, { recursive: true });
  if (existsSync(join(ROOT, 'out', 'renderer', 'index.html'))) return;
  const b = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (b.status !== 0) throw new Error('electron-vite build failed');
}

export interface BrowserMode {
  server: ChildProcess;
  /** The printed address, with its per-launch token. */
  url: string;
  /** Everything the server printed so far. */
  stdout(): string;
}

/** Start browser mode through scripts/start.js (as `npm start` does) and wait for its address. */
export async function startBrowserMode(args: string[], env: NodeJS.ProcessEnv = {}): Promise<BrowserMode> {
  const server = spawn(process.execPath, [join(ROOT, 'scripts', 'start.js'), '--browser', '--no-build', '--port', '0', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env, CI: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stderr!.on('data', (d: Buffer) => process.stderr.write(d));
  let out = '';
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`browser mode did not print its URL:\n${out}`)), 120_000);
    server.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{64}/.exec(out);
      if (m) {
        clearTimeout(timer);
        ok(m[0]);
      }
    });
    server.on('exit', (code) => fail(new Error(`browser mode exited (${code}):\n${out}`)));
  });
  return { server, url, stdout: () => out };
}

export async function stopBrowserMode(mode: BrowserMode | undefined): Promise<void> {
  const server = mode?.server;
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((ok) => server.once('exit', ok));
  }
}

/** Headless Chromium with a fresh profile, with the flags this machine needs. */
export async function launchChromium(profileDir: string, viewport = { width: 1360, height: 860 }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath!,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page };
}
