// Data safety: online backup while writes go on, restore with validation (refusing damaged,
// foreign and newer files), the audit snapshot an auditor checks with sha256sum, and the
// read-only review mode in which no write of any kind gets through.
import { afterEach, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase, DatabaseVersionError } from '../../src/db/open';
import { appendAudit, verifyAuditChain } from '../../src/db/audit.repo';
import { LATEST_VERSION, migrations } from '../../src/db/migrations/index';
import { backupDatabase, restoreDatabase, auditSnapshot, verifySnapshotManifest, BackupError, sha256File } from '../../src/services/backup';
import { openAuditReview, verifyAuditFile } from '../../src/services/audit';
import { seed, fingerprint, tableCounts, tempDir } from './helpers';

const dirs: Array<() => void> = [];
afterEach(() => { while (dirs.length) dirs.pop()!(); });
function tmp(): string {
  const t = tempDir();
  dirs.push(t.cleanup);
  return t.dir;
}

const cli = (args: string[]) => spawnSync(process.execPath, ['bin/recoup.js', ...args], { encoding: 'utf8', timeout: 60_000 });

describe('backup', () => {
  it('copies a live WAL database whole, including writes committed after it was opened, as one self-contained file', async () => {
    const dir = tmp();
    const db = openDatabase(join(dir, 'live.db'));
    seed(db, '36753', 50);
    const before = fingerprint(db);
    const r = await backupDatabase(db, join(dir, 'copy.db'));
    expect(r.schemaVersion).toBe(LATEST_VERSION);
    expect(r.auditEntries).toBe(1);
    expect(r.sha256).toBe(await sha256File(join(dir, 'copy.db')));
    // No -wal beside the backup: one file is the whole backup.
    expect(existsSync(join(dir, 'copy.db-wal'))).toBe(false);
    const copy = new Database(join(dir, 'copy.db'), { readonly: true });
    expect(fingerprint(copy)).toBe(before);
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    copy.close();
    // No temporary file left behind.
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    db.close();
  });

  it('waits for an import transaction in the same process instead of copying its uncommitted rows', async () => {
    const dir = tmp();
    const db = openDatabase(join(dir, 'live.db'));
    seed(db, '11111', 5);
    const { withWriteLock } = await import('../../src/services/write-lock');
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    // An "import" holding a manual transaction across awaits, as importFile does.
    const importing = withWriteLock(async () => {
      db.exec('BEGIN IMMEDIATE');
      seedInside(db);
      await gate;
      db.exec('ROLLBACK');
    });
    const backingUp = backupDatabase(db, join(dir, 'copy.db'));
    await new Promise((r) => setTimeout(r, 50));
    release();
    await importing;
    await backingUp;
    const copy = new Database(join(dir, 'copy.db'), { readonly: true });
    expect(copy.prepare("SELECT count(*) FROM payment WHERE payment_number LIKE 'UNCOMMITTED%'").pluck().get()).toBe(0);
    expect(copy.prepare('SELECT count(*) FROM payment').pluck().get()).toBe(5);
    copy.close();
    db.close();
  });

  it('refuses to overwrite the database with itself and a missing folder', async () => {
    const dir = tmp();
    const db = openDatabase(join(dir, 'live.db'));
    await expect(backupDatabase(db, join(dir, 'live.db'))).rejects.toThrow(BackupError);
    await expect(backupDatabase(db, join(dir, 'nope', 'x.db'))).rejects.toThrow(/does not exist/);
    db.close();
  });
});

function seedInside(db: Database.Database): void {
  db.prepare("INSERT INTO import_batch (file_name, sha256, format, size_bytes, imported_at) VALUES ('x', 'uncommitted', 'x', 1, 1)").run();
  const id = db.prepare('SELECT max(id) FROM import_batch').pluck().get();
  db.prepare("INSERT INTO payment (batch_id, payment_number, currency, amount_cents, source) VALUES (?, 'UNCOMMITTED1', 'USD', 1, 'x')").run(id);
}

describe('restore', () => {
  it('puts a backup back, keeps the replaced database, and records the restore in the audit log', async () => {
    const dir = tmp();
    const dbFile = join(dir, 'live.db');
    const db = openDatabase(dbFile);
    seed(db, '20000', 10);
    await backupDatabase(db, join(dir, 'monday.db'));
    const monday = fingerprint(db);
    seed(db, '30000', 7); // Tuesday's work, to be rolled back
    const tuesday = fingerprint(db);
    db.close();

    const r = await restoreDatabase(dbFile, join(dir, 'monday.db'), { actor: 'ana', now: () => Date.UTC(2026, 10, 29, 12) });
    expect(r.previous).toMatch(/live\.db\.pre-restore-2026-11-29T12-00-00-000Z\.bak$/);
    const restored = openDatabase(dbFile, { mustExist: true });
    expect(tableCounts(restored).payment).toBe(10);
    const chain = verifyAuditChain(restored);
    expect(chain).toEqual({ ok: true, entries: 2 });
    const last = restored.prepare('SELECT actor, action, after FROM audit_log ORDER BY id DESC LIMIT 1').get() as { actor: string; action: string; after: string };
    expect(last).toMatchObject({ actor: 'ana', action: 'restore' });
    expect(JSON.parse(last.after)).toMatchObject({ from: join(dir, 'monday.db'), previous: r.previous });
    restored.close();
    // The replaced database is intact beside it, and the backup itself was not touched.
    const prev = new Database(r.previous!, { readonly: true });
    expect(fingerprint(prev)).toBe(tuesday);
    prev.close();
    const mon = new Database(join(dir, 'monday.db'), { readonly: true });
    expect(fingerprint(mon)).toBe(monday);
    mon.close();
  });

  it('refuses a damaged, foreign, empty, tampered or newer file and leaves the database untouched', async () => {
    const dir = tmp();
    const dbFile = join(dir, 'live.db');
    const db = openDatabase(dbFile);
    seed(db, '40000', 3);
    await backupDatabase(db, join(dir, 'good.db'));
    db.close();
    const sum = await sha256File(dbFile);

    writeFileSync(join(dir, 'empty.db'), '');
    writeFileSync(join(dir, 'text.db'), 'Payment Number,Invoice Number\n1,2\n');
    const foreign = new Database(join(dir, 'foreign.db'));
    foreign.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1); PRAGMA user_version = 1;');
    foreign.close();
    const newer = new Database(join(dir, 'newer.db'));
    newer.exec(`CREATE TABLE t (x); PRAGMA user_version = ${LATEST_VERSION + 1};`);
    newer.close();
    // Truncated backup: the second half of the file is gone.
    const good = readFileSync(join(dir, 'good.db'));
    writeFileSync(join(dir, 'truncated.db'), good.subarray(0, Math.floor(good.length / 2)));
    // A backup whose audit log was edited by someone with raw access.
    const tampered = join(dir, 'tampered.db');
    writeFileSync(tampered, good);
    const t = new Database(tampered);
    t.exec('DROP TRIGGER audit_log_no_update');
    t.prepare("UPDATE audit_log SET actor = 'eve'").run();
    t.close();

    const cases: Array<[string, RegExp]> = [
      ['missing.db', /does not exist/],
      ['empty.db', /empty/],
      ['text.db', /not a Recoup database|cannot be opened|not a database/],
      ['foreign.db', /missing tables/],
      ['newer.db', /newer version of Recoup/],
      ['truncated.db', /damaged|not a Recoup database|malformed|cannot be opened/],
      ['tampered.db', /broken audit log: entry 1 was altered/],
    ];
    for (const [name, msg] of cases) {
      await expect(restoreDatabase(dbFile, join(dir, name)), name).rejects.toThrow(msg);
      expect(await sha256File(dbFile), name).toBe(sum);
    }
    await expect(restoreDatabase(dbFile, join(dir, 'newer.db'))).rejects.toBeInstanceOf(DatabaseVersionError);
    expect(readdirSync(dir).filter((f) => f.includes('pre-restore') || f.endsWith('.tmp'))).toEqual([]);
  });

  it('restores over a database whose file is damaged, keeping the damaged bytes aside', async () => {
    const dir = tmp();
    const dbFile = join(dir, 'live.db');
    const db = openDatabase(dbFile);
    seed(db, '50000', 4);
    await backupDatabase(db, join(dir, 'good.db'));
    db.close();
    writeFileSync(dbFile, Buffer.from('this is not sqlite any more'.repeat(200)));
    const r = await restoreDatabase(dbFile, join(dir, 'good.db'));
    expect(readFileSync(r.previous!, 'utf8')).toContain('this is not sqlite');
    const restored = openDatabase(dbFile, { mustExist: true });
    expect(tableCounts(restored).payment).toBe(4);
    restored.close();
  });

  it('works from the command line: backup, restore, errors on stderr with exit 1', () => {
    const dir = tmp();
    const dbFile = join(dir, 'live.db');
    const db = openDatabase(dbFile);
    seed(db, '60000', 6);
    db.close();
    const b = cli(['backup', '--db', dbFile, '--out', join(dir, 'b.db')]);
    expect(b.stderr).toBe('');
    expect(b.status).toBe(0);
    expect(b.stdout).toMatch(/Backup written to .*b\.db: \d+ bytes, schema \d+, 1 audit entries, sha256 [0-9a-f]{64}/);
    const r = cli(['restore', '--db', dbFile, '--from', join(dir, 'b.db')]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Restored .*live\.db from .*b\.db/);
    writeFileSync(join(dir, 'junk.db'), 'junk');
    const bad = cli(['restore', '--db', dbFile, '--from', join(dir, 'junk.db')]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/^recoup restore: .*junk\.db/);
    const usage = cli(['backup', '--db', dbFile]);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/--out FILE is required/);
  });
});

describe('audit snapshot', () => {
  it('writes a copy and a manifest that sha256sum -c accepts, and detects any later change', async () => {
    const dir = tmp();
    const dbFile = join(dir, 'live.db');
    const db = openDatabase(dbFile);
    seed(db, '70000', 8);
    const snapDir = join(dir, 'snap');
    const r = await auditSnapshot(db, snapDir, { now: () => Date.UTC(2026, 10, 29) });
    expect(r.auditOk).toBe(true);
    expect(r.auditEntries).toBe(1);
    expect(readdirSync(snapDir).sort()).toEqual(['MANIFEST.sha256', 'SNAPSHOT.json', 'recoup.db']);
    const manifest = readFileSync(join(snapDir, 'MANIFEST.sha256'), 'utf8');
    expect(manifest).toMatch(/^[0-9a-f]{64} {2}recoup\.db\n[0-9a-f]{64} {2}SNAPSHOT\.json\n$/);
    // The auditor's own tool, offline.
    const check = execFileSync('sha256sum', ['-c', 'MANIFEST.sha256'], { cwd: snapDir, encoding: 'utf8' });
    expect(check).toBe('recoup.db: OK\nSNAPSHOT.json: OK\n');
    const info = JSON.parse(readFileSync(join(snapDir, 'SNAPSHOT.json'), 'utf8'));
    expect(info).toMatchObject({ createdAt: '2026-11-29T00:00:00.000Z', schemaVersion: LATEST_VERSION, audit: { ok: true, entries: 1 } });
    expect(info.rowCounts.payment).toBe(8);
    // The copy equals the live database at that moment; later writes do not reach it.
    const snap = openAuditReview(join(snapDir, 'recoup.db'));
    expect(fingerprint(snap)).toBe(fingerprint(db));
    snap.close();
    seed(db, '71000', 2);
    expect((await verifySnapshotManifest(snapDir)).ok).toBe(true);
    // Tamper with the snapshot: both sha256sum and our check fail.
    chmodSync(join(snapDir, 'SNAPSHOT.json'), 0o644);
    writeFileSync(join(snapDir, 'SNAPSHOT.json'), readFileSync(join(snapDir, 'SNAPSHOT.json'), 'utf8').replace('"payment": 8', '"payment": 9'));
    expect(spawnSync('sha256sum', ['-c', 'MANIFEST.sha256'], { cwd: snapDir }).status).not.toBe(0);
    const m = await verifySnapshotManifest(snapDir);
    expect(m.ok).toBe(false);
    expect(m.problems[0]).toMatch(/^SNAPSHOT\.json: FAILED/);
    await expect(auditSnapshot(db, snapDir)).rejects.toThrow(/not empty/);
    db.close();
  });

  it('from the command line: snapshot, check-snapshot, and audit verify naming the first broken link', () => {
    const dir = tmp();
    const dbFile = join(dir, 'live.db');
    const db = openDatabase(dbFile);
    seed(db, '80000', 3);
    for (let i = 0; i < 4; i++) db.transaction(() => appendAudit(db, { actor: 'ana', action: 'claim-status', entity: 'claim', entityId: `C${i}`, after: { status: 'disputed' }, at: 1_780_000_100_000 + i }))();
    db.close();
    const s = cli(['audit', 'snapshot', '--db', dbFile, '--out', join(dir, 'snap')]);
    expect(s.stderr).toBe('');
    expect(s.status).toBe(0);
    expect(s.stdout).toMatch(/Audit log: intact, 5 entries, head [0-9a-f]{64}/);
    const c = cli(['audit', 'check-snapshot', '--dir', join(dir, 'snap')]);
    expect(c.status).toBe(0);
    expect(c.stdout).toMatch(/Manifest: 2 files match\. Audit log: intact, 5 entries/);
    const ok = cli(['audit', 'verify', '--db', dbFile]);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toBe('Audit log intact: 5 entries, every link verified.\n');

    // Delete entry 3 behind the triggers' back: the link from 4 to 2 is broken.
    const raw = new Database(dbFile);
    raw.exec('DROP TRIGGER audit_log_no_delete');
    raw.prepare('DELETE FROM audit_log WHERE id = 3').run();
    raw.close();
    const broken = cli(['audit', 'verify', '--db', dbFile, '--json']);
    expect(broken.status).toBe(1);
    expect(JSON.parse(broken.stdout)).toEqual({ ok: false, entries: 3, brokenAt: 4, reason: 'entry 4 does not link to the entry before it (an entry was removed or altered)' });
    expect(verifyAuditFile(dbFile)).toMatchObject({ ok: false, brokenAt: 4 });
    const missing = cli(['audit', 'verify', '--db', join(dir, 'nope.db')]);
    expect(missing.status).toBe(2);
  });
});

describe('audit review mode', () => {
  it('opens a snapshot with no way to write: every kind of statement is refused and the file does not change', async () => {
    const dir = tmp();
    const db = openDatabase(join(dir, 'live.db'));
    seed(db, '90000', 5);
    await auditSnapshot(db, join(dir, 'snap'));
    db.close();
    const file = join(dir, 'snap', 'recoup.db');
    const sum = await sha256File(file);
    const review = openAuditReview(file);
    expect(review.readonly).toBe(true);
    expect(review.pragma('query_only', { simple: true })).toBe(1);
    const writes = [
      "INSERT INTO payment (batch_id, payment_number, currency, amount_cents, source) VALUES (1, 'X', 'USD', 1, 'x')",
      'UPDATE payment SET amount_cents = 0',
      'DELETE FROM remit_line',
      "INSERT INTO audit_log (at, actor, action, prev_hash, hash) VALUES (1, 'eve', 'x', 'x', 'x')",
      'DROP TABLE invoice',
      'CREATE TABLE evil (x)',
      'DROP TRIGGER audit_log_no_update',
      'CREATE INDEX evil_ix ON payment(amount_cents)',
      'VACUUM',
      'PRAGMA user_version = 99',
      'REINDEX',
      'ANALYZE',
    ];
    for (const sql of writes) expect(() => review.exec(sql), sql).toThrow(/readonly|read-only|query_only|attempt to write|not authorized|cannot/i);
    // Switching to WAL would rewrite the header: refused or silently kept as it is.
    try { review.pragma('journal_mode = WAL'); } catch { /* refused */ }
    expect(review.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(() => appendAudit(review, { actor: 'eve', action: 'x' })).toThrow();
    // Turning query_only off still cannot write: the file handle itself is read-only.
    review.pragma('query_only = OFF');
    expect(() => review.exec('DELETE FROM payment')).toThrow(/readonly/i);
    expect(review.prepare('SELECT count(*) FROM payment').pluck().get()).toBe(5);
    expect(verifyAuditChain(review).ok).toBe(true);
    review.close();
    expect(await sha256File(file)).toBe(sum);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });
});

describe('audit review of an older database', () => {
  it('verifies a schema-1 file as it is: no upgrade, no backup copy, not one byte changed', async () => {
    const dir = tmp();
    const file = join(dir, 'v1.db');
    const raw = new Database(file);
    raw.exec(migrations[0]!.up as string);
    raw.pragma('user_version = 1');
    for (let i = 0; i < 3; i++) appendAudit(raw, { actor: 'ana', action: 'import', entity: 'import_batch', entityId: String(i), at: 1_780_000_000_000 + i });
    raw.close();
    const sum = await sha256File(file);
    expect(verifyAuditFile(file)).toEqual({ ok: true, entries: 3 });
    const review = openAuditReview(file);
    expect(review.pragma('user_version', { simple: true })).toBe(1);
    expect(() => review.exec('DELETE FROM import_batch')).toThrow();
    review.close();
    expect(await sha256File(file)).toBe(sum);
    expect(readdirSync(dir)).toEqual(['v1.db']);
  });
});

describe('recoup audit review', () => {
  it('reports a snapshot read-only and leaves every byte as it was, even for a WAL-mode database', async () => {
    const dir = tmp();
    const dbFile = join(dir, 'live.db');
    const db = openDatabase(dbFile);
    seed(db, '12121', 4);
    await auditSnapshot(db, join(dir, 'snap'));
    db.close();
    const file = join(dir, 'snap', 'recoup.db');
    const sum = await sha256File(file);
    const r = cli(['audit', 'review', '--db', file, '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ readonly: true, schemaVersion: LATEST_VERSION, audit: { ok: true, entries: 1 }, rowCounts: { payment: 4, remit_line: 8 } });
    expect(report.latest[0]).toMatchObject({ action: 'import', actor: 'test' });
    expect(await sha256File(file)).toBe(sum);
    expect(readdirSync(join(dir, 'snap')).sort()).toEqual(['MANIFEST.sha256', 'SNAPSHOT.json', 'recoup.db']);
    const text = cli(['audit', 'review', '--db', file]);
    expect(text.stdout).toMatch(/\(read-only review, schema \d+\)\n[\s\S]*payment\s+4\n[\s\S]*Audit log intact: 1 entries\./);
    expect(cli(['audit', 'review', '--db', file, '--entries', 'x']).status).toBe(2);
    // The live database is in WAL mode: reviewing it changes no byte of the database file either.
    const liveSum = await sha256File(dbFile);
    const live = cli(['audit', 'review', '--db', dbFile, '--json']);
    expect(live.status).toBe(0);
    expect(JSON.parse(live.stdout).rowCounts.payment).toBe(4);
    expect(await sha256File(dbFile)).toBe(liveSum);
  });
});
