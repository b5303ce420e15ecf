// Upgrades from every released schema version, with data: a database is built at version N by
// applying only migrations 1..N (as a user's file from that release would be), filled with rows,
// then opened by the current code. The rows must survive, a copy of the old file must be kept,
// and the audit chain must still verify. A database from a newer Recoup is refused, untouched.
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { migrations, LATEST_VERSION } from './index';
import { openDatabase, DatabaseVersionError, type Db } from '../open';
import { appendAudit, verifyAuditChain } from '../audit.repo';

const dirs: string[] = [];
afterEach(() => { while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true }); });
const tmp = () => { const d = mkdtempSync(join(tmpdir(), 'recoup-mig-')); dirs.push(d); return d; };

/** Rows written with the columns each version had when it was released (never today's writer). */
const seeds: Record<number, (db: Db) => void> = {
  1: (db) => {
    db.prepare(`INSERT INTO import_batch (id, file_name, sha256, format, size_bytes, imported_at, rows_read, rows_stored)
      VALUES (1, 'Payments.xlsx', 'aa11', 'vc_remittance_xlsx', 52311, 1780000000000, 3, 3)`).run();
    db.prepare(`INSERT INTO import_reject (batch_id, file_name, location, field, reason, raw)
      VALUES (1, 'Payments.xlsx', 'row 14', 'Amount Paid', '"12,3O" is not a number', '["367531888","12,3O"]')`).run();
    db.prepare(`INSERT INTO payment (batch_id, payment_number, payment_date, currency, amount_cents, source)
      VALUES (1, '367531888', '2026-08-14', 'USD', 9750000, 'vc_remittance_xlsx')`).run();
    const line = db.prepare(`INSERT INTO remit_line (batch_id, payment_number, slice, doc_number, family, root_invoice, root_key,
      suffix_chain, is_reversal, currency, invoice_amount_cents, paid_cents, source) VALUES (1, '367531888', 1, ?, ?, ?, ?, ?, 0, 'USD', ?, ?, 'vc_remittance_xlsx')`);
    line.run('INV-10042', 'invoice', 'INV-10042', 'INV10042', null, 10000000, 10000000);
    line.run('INV-10042SC', 'shortage_claim', 'INV-10042', 'INV10042', 'SC', -250000, -250000);
    db.prepare(`INSERT INTO invoice (batch_id, invoice_number, invoice_key, invoice_type, currency, total_cents, content_sha256, source)
      VALUES (1, 'INV-10042', 'INV10042', 'invoice', 'USD', 10000000, 'c0ffee', 'register_csv')`).run();
    db.prepare(`INSERT INTO invoice_line (batch_id, invoice_id, line_no, asin, qty_each, uom, qty_uom, unit_cost_e4, amount_cents)
      VALUES (1, 1, 1, 'B07DFYF5AB', 800, 'EA', 800, 125000, 10000000)`).run();
    db.prepare("INSERT INTO app_setting (key, value) VALUES ('marketplace', 'US')").run();
    appendAudit(db, { actor: 'ana', action: 'import', entity: 'import_batch', entityId: '1', after: { file: 'Payments.xlsx' }, at: 1780000000000 });
  },
  2: (db) => {
    db.prepare(`INSERT INTO reconcile_run (id, started_at, finished_at, as_of, findings, amount_cents) VALUES (1, 1780000001000, 1780000002000, '2026-08-20', 1, 250000)`).run();
    db.prepare(`INSERT INTO finding (id, type, severity, amount_cents, currency, invoice_number, claim_number, explanation, evidence, run_id)
      VALUES ('F-7a1c', 'shortage_claim_disputable', 'high', 250000, 'USD', 'INV-10042', 'INV-10042SC', 'Shortage claimed on units Amazon received', '[]', 1)`).run();
    db.prepare(`INSERT INTO deadline_rule (kind, base, days, warn_days, effective_from, note) VALUES ('shortage_claim', 'doc_date', 30, 7, '2026-01-01', 'test rule')`).run();
    appendAudit(db, { actor: 'ana', action: 'reconcile', entity: 'reconcile_run', entityId: '1', at: 1780000002000 });
  },
};

/** A file as release N left it: migrations 1..N applied, each version's rows written as it went. */
function buildAt(file: string, version: number): void {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  for (const m of migrations.filter((x) => x.version <= version)) {
    db.transaction(() => {
      if (typeof m.up === 'string') db.exec(m.up);
      else m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
    seeds[m.version]?.(db);
  }
  db.close();
}

const snapshot = (db: Db) => ({
  payments: db.prepare('SELECT payment_number, payment_date, currency, amount_cents FROM payment ORDER BY id').all(),
  lines: db.prepare('SELECT payment_number, slice, doc_number, family, root_key, invoice_amount_cents, paid_cents FROM remit_line ORDER BY id').all(),
  invoices: db.prepare('SELECT invoice_number, total_cents FROM invoice ORDER BY id').all(),
  invoiceLines: db.prepare('SELECT asin, qty_each, unit_cost_e4, amount_cents FROM invoice_line ORDER BY id').all(),
  rejects: db.prepare('SELECT location, field, reason FROM import_reject ORDER BY id').all(),
  audit: db.prepare('SELECT id, action, hash FROM audit_log ORDER BY id').all(),
});

describe('schema migrations', () => {
  it('the migrations are numbered 1..N without gaps', () => {
    expect(migrations.map((m) => m.version)).toEqual(Array.from({ length: LATEST_VERSION }, (_, i) => i + 1));
  });

  for (let from = 1; from < LATEST_VERSION; from++) {
    it(`upgrades a version ${from} database with data to version ${LATEST_VERSION}, keeping every row and a copy of the old file`, () => {
      const dir = tmp();
      const file = join(dir, 'recoup.db');
      buildAt(file, from);
      const old = new Database(file, { readonly: true });
      const before = snapshot(old);
      old.close();
      expect(before.payments.length).toBe(1);

      const backups: string[] = [];
      const db = openDatabase(file, { onBackup: (p) => backups.push(p) });
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
      expect(snapshot(db)).toEqual(before);
      expect(verifyAuditChain(db)).toEqual({ ok: true, entries: before.audit.length });
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
      // Every table of every migration exists after the upgrade.
      const tables = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
      for (const m of migrations) {
        if (typeof m.up !== 'string') continue;
        for (const [, t] of m.up.matchAll(/CREATE TABLE (\w+)/g)) expect(tables.has(t!), `${t} from migration ${m.version}`).toBe(true);
      }
      // The new code can write to the upgraded file and the chain goes on.
      appendAudit(db, { actor: 'ana', action: 'note', at: 1790000000000 });
      expect(verifyAuditChain(db).ok).toBe(true);
      db.close();

      expect(backups).toEqual([`${file}.v${from}.bak`]);
      const bak = new Database(backups[0]!, { readonly: true });
      expect(bak.pragma('user_version', { simple: true })).toBe(from);
      expect(snapshot(bak)).toEqual(before);
      bak.close();
    });
  }

  it('rolls a failed upgrade back whole: the file stays at its old version with its data', () => {
    const dir = tmp();
    const file = join(dir, 'recoup.db');
    buildAt(file, 1);
    // A table in the way makes migration 2 fail half-way through its statements.
    const raw = new Database(file);
    raw.exec('CREATE TABLE reconcile_run (x)');
    raw.close();
    expect(() => openDatabase(file)).toThrow(/reconcile_run already exists/);
    const after = new Database(file, { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(1);
    const tables = after.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(tables).not.toContain('finding');
    expect(after.prepare('SELECT count(*) FROM payment').pluck().get()).toBe(1);
    after.close();
  });

  it('refuses a database made by a newer Recoup with a clear message, and does not touch it', () => {
    const dir = tmp();
    const file = join(dir, 'future.db');
    buildAt(file, LATEST_VERSION);
    const raw = new Database(file);
    raw.pragma(`user_version = ${LATEST_VERSION + 1}`);
    raw.pragma('wal_checkpoint(TRUNCATE)');
    raw.close();
    const sum = createHash('sha256').update(readFileSync(file)).digest('hex');
    let error: unknown;
    try { openDatabase(file); } catch (err) { error = err; }
    expect(error).toBeInstanceOf(DatabaseVersionError);
    expect((error as Error).message).toBe(`${file} was made by a newer version of Recoup (schema ${LATEST_VERSION + 1}; this version reads up to ${LATEST_VERSION}). Update Recoup to open it.`);
    expect(() => openDatabase(file, { readonly: true })).toThrow(DatabaseVersionError);
    expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(sum);
    expect(existsSync(`${file}.v${LATEST_VERSION + 1}.bak`)).toBe(false);
    // And on the command line: one line on stderr, exit 1.
    const r = spawnSync(process.execPath, ['bin/recoup.js', 'batches', '--db', file], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^recoup batches: .*future\.db was made by a newer version of Recoup \(schema \d+; this version reads up to \d+\)\. Update Recoup to open it\.\n$/);
  });
});
