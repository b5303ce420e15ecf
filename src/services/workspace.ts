// The app's own database: where it lives by default, and what happens on first start (create it,
// load the demo data set). Used by both app front doors (Electron main and browser mode).
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { openDatabase, type Db } from '../db/open';
import { listBatches } from '../db/imports.repo';
import { demoDir, loadDemo } from './demo';
import { reconcile } from './reconcile';

/** `$RECOUP_DB`, else the platform's per-user data folder (e.g. ~/.local/share/Recoup/recoup.db). */
export function defaultDbPath(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = homedir()): string {
  if (env.RECOUP_DB) return env.RECOUP_DB;
  return join(userDataDir(env, platform, home), 'recoup.db');
}

export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = homedir()): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Recoup');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Recoup');
  return join(env.XDG_DATA_HOME || join(home, '.local', 'share'), 'Recoup');
}

export interface OpenedWorkspace {
  db: Db;
  path: string;
  /** True when this call created the database (first start). */
  created: boolean;
  /** What the demo load did, when it ran. */
  demo?: DemoLoad;
}

export interface DemoLoad {
  files: number;
  batches: number;
  findings: number;
  errors: string[];
}

export interface WorkspaceOptions {
  /** Load the demo data into a newly created database (default true). */
  loadDemo?: boolean;
  onBackup?: (path: string) => void;
}

/** Open (or create) the app database; a new one gets the demo data set so the first screen is not empty. */
export async function openWorkspace(path: string, options: WorkspaceOptions = {}): Promise<OpenedWorkspace> {
  const created = !(existsSync(path) && statSync(path).size > 0);
  if (created) mkdirSync(dirname(path), { recursive: true });
  const db = openDatabase(path, options.onBackup ? { onBackup: options.onBackup } : {});
  const out: OpenedWorkspace = { db, path, created };
  if (created && options.loadDemo !== false) out.demo = await loadDemoData(db);
  return out;
}

/** Import the demo data set and reconcile it, so the first screen shows real findings. */
export async function loadDemoData(db: Db): Promise<DemoLoad> {
  try {
    const results = await loadDemo(db);
    const errors = results.flatMap((r) => (r.status === 'error' ? [r.error] : []));
    const asOf = demoAsOf();
    const run = await reconcile(db, { actor: 'demo', ...(asOf ? { asOf } : {}) });
    return { files: results.length, batches: listBatches(db).length, findings: run.findings, errors };
  } catch (err) {
    return { files: 0, batches: listBatches(db).length, findings: 0, errors: [(err as Error).message] };
  }
}

/** The demo month's own "today" (truth.json `as_of`), so its deadlines and overdue invoices read as intended. */
function demoAsOf(): string | undefined {
  try {
    const truth = JSON.parse(readFileSync(join(demoDir(), 'truth.json'), 'utf8')) as { as_of?: unknown };
    return typeof truth.as_of === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(truth.as_of) ? truth.as_of : undefined;
  } catch {
    return undefined;
  }
}
