// Data safety: online backup of a live database, restore with validation, and the audit snapshot
// (a consistent copy plus a SHA-256 manifest an auditor can check offline with `sha256sum -c`).
// Every file is written under a temporary name and renamed into place, so a crash never leaves a
// half-written backup, database or snapshot under the name a person will trust.
import Database from 'better-sqlite3';
import {
  chmodSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { sha256File } from './files';
import { openDatabase, DatabaseVersionError, NotARecoupDatabaseError, type Db } from '../db/open';
import { LATEST_VERSION } from '../db/migrations/index';
import { appendAudit, verifyAuditChain } from '../db/audit.repo';
import { withWriteLock } from './write-lock';

/** Tables every Recoup database has from schema 1 on; a file without them is not ours. */
const REQUIRED_TABLES = ['import_batch', 'import_reject', 'payment', 'remit_line', 'invoice', 'audit_log'];

export class BackupError extends Error {}

export interface BackupResult {
  file: string;
  bytes: number;
  sha256: string;
  schemaVersion: number;
  auditEntries: number;
}

/**
 * Copy a live database to `outFile` with SQLite's online backup API. Runs under the write lock:
 * an import holds a transaction across awaits on the same connection, and a backup taken then
 * would copy its uncommitted pages.
 */
export function backupDatabase(db: Db, outFile: string): Promise<BackupResult> {
  return withWriteLock(async () => {
    const target = resolve(outFile);
    if (!existsSync(dirname(target))) throw new BackupError(`the folder ${dirname(target)} does not exist`);
    if (db.name && resolve(db.name) === target) throw new BackupError('the backup must go to a different file than the database');
    const tmp = tempName(target);
    try {
      await db.backup(tmp);
      const check = inspectCopy(tmp);
      fsyncFile(tmp);
      renameSync(tmp, target);
      fsyncDir(dirname(target));
      return { file: target, bytes: statSync(target).size, sha256: await sha256File(target), ...check };
    } finally {
      rmSync(tmp, { force: true });
    }
  });
}

export interface SourceCheck {
  schemaVersion: number;
  auditEntries: number;
}

/**
 * Is `file` a whole, readable Recoup database this version can use? Throws a BackupError saying
 * what is wrong (not SQLite, corrupt, missing tables, newer schema, broken audit chain).
 */
export function validateDatabaseFile(file: string): SourceCheck {
  if (!existsSync(file)) throw new BackupError(`${file} does not exist`);
  if (statSync(file).size === 0) throw new BackupError(`${file} is empty: not a Recoup database`);
  let src: Database.Database;
  try {
    src = new Database(file, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new BackupError(`${file} cannot be opened as a database: ${(err as Error).message}`);
  }
  try {
    let version: number;
    let integrity: string[];
    try {
      version = src.pragma('user_version', { simple: true }) as number;
      integrity = (src.pragma('integrity_check') as Array<{ integrity_check: string }>).map((r) => r.integrity_check);
    } catch (err) {
      throw new BackupError(`${file} is not a Recoup database: ${(err as Error).message}`);
    }
    if (integrity.length !== 1 || integrity[0] !== 'ok') throw new BackupError(`${file} is damaged (integrity check: ${integrity.slice(0, 3).join('; ')})`);
    if (version > LATEST_VERSION) throw new DatabaseVersionError(file, version, LATEST_VERSION);
    if (version < 1) throw new BackupError(`${file} is not a Recoup database (no schema version)`);
    const tables = new Set((src.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map((r) => r.name));
    const missing = REQUIRED_TABLES.filter((t) => !tables.has(t));
    if (missing.length) throw new BackupError(`${file} is not a Recoup database (missing tables: ${missing.join(', ')})`);
    const chain = verifyAuditChain(src);
    if (!chain.ok) throw new BackupError(`${file} has a broken audit log: ${chain.reason}`);
    return { schemaVersion: version, auditEntries: chain.entries };
  } finally {
    src.close();
  }
}

export interface RestoreResult {
  file: string;
  from: string;
  /** Copy of the database as it was before the restore, when there was one. */
  previous: string | null;
  schemaVersion: number;
  auditEntries: number;
}

/**
 * Replace the database at `dbFile` with the backup `fromFile`. The backup is validated first;
 * the current database is kept as `<db>.pre-restore-<time>.bak`; the new file is copied under a
 * temporary name and renamed into place, so a crash leaves either the old or the new database.
 * The restore itself is recorded in the restored database's audit log.
 */
export async function restoreDatabase(dbFile: string, fromFile: string, options: { actor?: string; now?: () => number } = {}): Promise<RestoreResult> {
  const target = resolve(dbFile);
  const from = resolve(fromFile);
  if (target === from) throw new BackupError('restore needs a backup file other than the database itself');
  const check = validateDatabaseFile(from);
  if (!existsSync(dirname(target))) throw new BackupError(`the folder ${dirname(target)} does not exist`);
  const now = options.now ?? Date.now;
  const tmp = tempName(target);
  const previous = existsSync(target) && statSync(target).size > 0
    ? `${target}.pre-restore-${new Date(now()).toISOString().replace(/[:.]/g, '-')}.bak`
    : null;
  const entry = { actor: options.actor ?? 'analyst', action: 'restore', entity: 'database', entityId: basename(target),
    after: { from, sha256: await sha256File(from), schemaVersion: check.schemaVersion, previous }, at: now() };
  try {
    // Through the backup API, not a file copy: a source left in WAL mode is copied whole.
    const src = new Database(from, { readonly: true, fileMustExist: true });
    try {
      await src.backup(tmp);
    } finally {
      src.close();
    }
    // The restore is recorded inside the copy before it goes into place: a crash can never leave
    // a restored database whose audit log does not say so.
    const copy = new Database(tmp, { fileMustExist: true });
    try {
      copy.transaction(() => appendAudit(copy, entry)).immediate();
    } finally {
      copy.close();
    }
    inspectCopy(tmp);
    fsyncFile(tmp);

    if (previous) await keepPrevious(target, previous);
    // The old database was checkpointed and closed: its -wal is empty and must not be replayed
    // onto the restored file, nor its -shm index reused.
    rmSync(`${target}-wal`, { force: true });
    rmSync(`${target}-shm`, { force: true });
    renameSync(tmp, target);
    fsyncDir(dirname(target));
  } finally {
    rmSync(tmp, { force: true });
  }
  // Bring an older backup up to this version now (with its own pre-upgrade copy), not on next use.
  openDatabase(target, { mustExist: true }).close();
  return { file: target, from, previous, schemaVersion: check.schemaVersion, auditEntries: check.auditEntries + 1 };
}

/** Copy the current database aside before it is replaced; refuse when another process has it open. */
async function keepPrevious(target: string, previous: string): Promise<void> {
  let cur: Database.Database | null = null;
  try {
    cur = new Database(target, { fileMustExist: true });
    cur.pragma('busy_timeout = 5000');
    cur.pragma('wal_checkpoint(TRUNCATE)');
    await cur.backup(previous);
  } catch (err) {
    cur?.close();
    cur = null;
    const code = (err as { code?: string }).code ?? '';
    if (!/^SQLITE_(CORRUPT|NOTADB)/.test(code)) throw new BackupError(`${target} cannot be set aside before the restore: ${(err as Error).message}`);
    // A damaged database cannot be copied page by page: keep its bytes as they are.
    renameSync(target, previous);
    for (const ext of ['-wal', '-shm']) if (existsSync(`${target}${ext}`)) renameSync(`${target}${ext}`, `${previous}${ext}`);
    return;
  } finally {
    cur?.close();
  }
  const wal = `${target}-wal`;
  if (existsSync(wal) && statSync(wal).size > 0) {
    throw new BackupError(`${target} is open in another program (Recoup or the server): close it before restoring`);
  }
}

/** Open a finished copy, make it a single self-contained file (no WAL), and check it. */
function inspectCopy(file: string): SourceCheck {
  const copy = new Database(file, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
    const integrity = copy.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new BackupError(`the copy failed its integrity check (${String(integrity)})`);
    const chain = verifyAuditChain(copy);
    return { schemaVersion: copy.pragma('user_version', { simple: true }) as number, auditEntries: chain.entries };
  } finally {
    copy.close();
  }
}

export interface SnapshotResult {
  dir: string;
  database: string;
  manifest: string;
  files: Array<{ name: string; sha256: string; bytes: number }>;
  auditEntries: number;
  auditOk: boolean;
  lastHash: string | null;
}

export const SNAPSHOT_DB = 'recoup.db';
export const SNAPSHOT_INFO = 'SNAPSHOT.json';
export const SNAPSHOT_MANIFEST = 'MANIFEST.sha256';

/**
 * A consistent, read-only copy of the database for an auditor: `recoup.db` (one file, no WAL),
 * `SNAPSHOT.json` (when, from where, schema, audit head, row counts) and `MANIFEST.sha256` in the
 * format `sha256sum -c` reads. The manifest is written last: a folder without one is unfinished.
 */
export function auditSnapshot(db: Db, outDir: string, options: { now?: () => number } = {}): Promise<SnapshotResult> {
  return withWriteLock(async () => {
    const dir = resolve(outDir);
    if (existsSync(dir) && readdirSync(dir).length > 0) throw new BackupError(`${dir} is not empty: give a new or empty folder for the snapshot`);
    mkdirSync(dir, { recursive: true });
    const dbPath = join(dir, SNAPSHOT_DB);
    const tmp = tempName(dbPath);
    try {
      await db.backup(tmp);
      inspectCopy(tmp);
      fsyncFile(tmp);
      renameSync(tmp, dbPath);
    } finally {
      rmSync(tmp, { force: true });
    }
    const copy = new Database(dbPath, { readonly: true, fileMustExist: true });
    let info: Record<string, unknown>;
    let chain: ReturnType<typeof verifyAuditChain>;
    let lastHash: string | null;
    try {
      chain = verifyAuditChain(copy);
      lastHash = (copy.prepare('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { hash: string } | undefined)?.hash ?? null;
      const tables = (copy.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as Array<{ name: string }>).map((r) => r.name);
      const counts: Record<string, number> = {};
      for (const t of tables) counts[t] = (copy.prepare(`SELECT count(*) AS n FROM "${t.replace(/"/g, '""')}"`).get() as { n: number }).n;
      info = {
        createdAt: new Date((options.now ?? Date.now)()).toISOString(),
        source: db.name,
        schemaVersion: copy.pragma('user_version', { simple: true }),
        audit: chain.ok ? { ok: true, entries: chain.entries, lastHash } : { ok: false, entries: chain.entries, brokenAt: chain.brokenAt, reason: chain.reason },
        rowCounts: counts,
        howToCheck: `cd into this folder and run: sha256sum -c ${SNAPSHOT_MANIFEST}`,
      };
    } finally {
      copy.close();
    }
    writeAtomic(join(dir, SNAPSHOT_INFO), `${JSON.stringify(info, null, 2)}\n`);
    const files: SnapshotResult['files'] = [];
    for (const name of [SNAPSHOT_DB, SNAPSHOT_INFO]) {
      const p = join(dir, name);
      files.push({ name, sha256: await sha256File(p), bytes: statSync(p).size });
    }
    const manifest = join(dir, SNAPSHOT_MANIFEST);
    writeAtomic(manifest, files.map((f) => `${f.sha256}  ${f.name}\n`).join(''));
    for (const name of [SNAPSHOT_DB, SNAPSHOT_INFO, SNAPSHOT_MANIFEST]) chmodSync(join(dir, name), 0o444);
    return { dir, database: dbPath, manifest, files, auditEntries: chain.entries, auditOk: chain.ok, lastHash };
  });
}

export interface ManifestCheck {
  ok: boolean;
  checked: number;
  problems: string[];
}

/** Check a snapshot folder against its manifest, as `sha256sum -c` would. */
export async function verifySnapshotManifest(dir: string): Promise<ManifestCheck> {
  const manifest = join(dir, SNAPSHOT_MANIFEST);
  if (!existsSync(manifest)) return { ok: false, checked: 0, problems: [`${manifest} is missing: the snapshot is unfinished or not a snapshot`] };
  const problems: string[] = [];
  let checked = 0;
  const lines = readFileSync(manifest, 'utf8').split('\n').filter((l) => l.trim() !== '');
  for (const [i, line] of lines.entries()) {
    const m = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
    if (!m) { problems.push(`${SNAPSHOT_MANIFEST} line ${i + 1}: not "<sha256>  <file>"`); continue; }
    const name = m[2]!;
    if (name.includes('/') || name.includes('\\') || name === '..') { problems.push(`${SNAPSHOT_MANIFEST} line ${i + 1}: ${name} is outside the snapshot`); continue; }
    const p = join(dir, name);
    checked++;
    if (!existsSync(p)) { problems.push(`${name}: missing`); continue; }
    const actual = await sha256File(p);
    if (actual !== m[1]) problems.push(`${name}: FAILED (sha256 ${actual}, manifest says ${m[1]})`);
  }
  if (checked === 0 && problems.length === 0) problems.push(`${SNAPSHOT_MANIFEST} lists no files`);
  return { ok: problems.length === 0, checked, problems };
}


export { sha256File };

/** Write a small file whole or not at all: temporary name, fsync, rename. */
export function writeAtomic(file: string, content: string | Uint8Array): void {
  const tmp = tempName(file);
  try {
    writeFileSync(tmp, content);
    fsyncFile(tmp);
    renameSync(tmp, file);
  } finally {
    rmSync(tmp, { force: true });
  }
}

function tempName(file: string): string {
  return join(dirname(file), `.${basename(file)}.${process.pid}.${Date.now().toString(36)}.tmp`);
}

function fsyncFile(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function fsyncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some file systems (and Windows) do not let a folder be fsynced; the rename is still atomic.
  }
}

export { NotARecoupDatabaseError };
