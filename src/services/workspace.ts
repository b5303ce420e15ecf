// The app's own database: where it lives by default, and what happens on first start (create it,
// load the demo data set). Used by both app front doors (Electron main and browser mode).
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { openDatabase, type Db } from '../db/open';
import { listBatches } from '../db/imports.repo';
import { importPaths } from './import';

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
  demo?: { files: number; batches: number; errors: string[] };
}

export interface WorkspaceOptions {
  /** Folder holding the demo files (resources/demo). */
  demoDir?: string;
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
  if (created && options.loadDemo !== false && options.demoDir) {
    try {
      out.demo = await loadDemoFolder(db, options.demoDir);
    } catch (err) {
      out.demo = { files: 0, batches: 0, errors: [(err as Error).message] };
    }
  }
  return out;
}

/** Import every file of the demo folder (content-detected, like any user import). */
export async function loadDemoFolder(db: Db, dir: string): Promise<{ files: number; batches: number; errors: string[] }> {
  if (!existsSync(dir)) return { files: 0, batches: 0, errors: [`${dir} does not exist`] };
  const files = readdirSync(dir).filter((n) => !n.startsWith('.'));
  if (!files.length) return { files: 0, batches: 0, errors: [] };
  const results = await importPaths(db, [dir], { actor: 'demo' });
  return {
    files: results.length,
    batches: listBatches(db).length,
    errors: results.flatMap((r) => (r.status === 'error' ? [r.error] : [])),
  };
}
