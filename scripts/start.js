#!/usr/bin/env node
// `npm start`: build the app if out/ is missing or older than the sources, then launch the
// Electron app when its binary is installed, else browser mode (a local server; prints the URL).
//
//   npm start [-- --browser] [-- --port N] [-- --db FILE] [-- --no-demo] [-- --open] [-- --no-build]
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const require = createRequire(import.meta.url);

const OUTPUTS = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'].map((p) => join(root, p));
const INPUTS = ['src', 'electron.vite.config.mts', 'package.json'].map((p) => join(root, p));

/** Newest modification time under a path, ignoring tests (they are not part of the app). */
function newest(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return /\.test\.tsx?$/.test(path) ? 0 : st.mtimeMs;
  let max = 0;
  for (const name of readdirSync(path)) max = Math.max(max, newest(join(path, name)));
  return max;
}

function isStale() {
  if (!OUTPUTS.every((p) => existsSync(p))) return true;
  const built = Math.min(...OUTPUTS.map((p) => statSync(p).mtimeMs));
  return Math.max(...INPUTS.map(newest)) > built;
}

function build() {
  console.log('Recoup: building the app (electron-vite build)…');
  const cli = join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
  const r = spawnSync(process.execPath, [cli, 'build'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error('Recoup: the build failed (see above).');
    process.exit(r.status ?? 1);
  }
}

/** The Electron binary, when `npm ci` could download it (it cannot on offline machines). */
function electronBinary() {
  try {
    const dir = dirname(require.resolve('electron/package.json'));
    const pathTxt = join(dir, 'path.txt');
    if (!existsSync(pathTxt)) return null;
    const bin = join(dir, 'dist', readFileSync(pathTxt, 'utf8').trim());
    return existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

if (!args.includes('--no-build') && isStale()) build();
else if (!OUTPUTS.every((p) => existsSync(p))) {
  console.error('Recoup: the app is not built; run without --no-build (or `npm run build`).');
  process.exit(1);
}

const electron = args.includes('--browser') ? null : electronBinary();
if (electron) {
  const passOn = args.filter((a) => !['--browser', '--no-build', '--open', '--no-open'].includes(a));
  const child = spawn(electron, [root, ...passOn], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
} else {
  // Browser mode runs the TypeScript server through tsx, like the `recoup` CLI.
  const { register } = await import('tsx/esm/api');
  register();
  const { runBrowserMode } = await import('../src/server/main.ts');
  const open = args.includes('--open') || (process.stdout.isTTY && !args.includes('--no-open') && !process.env.CI);
  try {
    await runBrowserMode(open && !args.includes('--open') ? [...args, '--open'] : args);
  } catch (err) {
    console.error(`Recoup: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
