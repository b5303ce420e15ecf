// Crash safety: the real `recoup` command is killed with SIGKILL at random moments while it
// imports a many-MB remittance export, recomputes findings, and writes an export. After every
// kill the database passes `PRAGMA integrity_check`, holds no partial batch or run (a batch is
// there whole, with all its rows, or not at all), the audit chain verifies, no half-written
// workbook sits under the target name, and running the command again gives the full, correct
// result. Kill moments are spread over the measured length of a full run, so most land while
// the work is under way; the seed is printed so a failure can be replayed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { openDatabase, type Db } from '../../src/db/open';
import { verifyAuditChain } from '../../src/db/audit.repo';
import { importPaths, undoImport } from '../../src/services/import';
import { reconcile } from '../../src/services/reconcile';
import { generateDataset } from '../../src/services/generate';
import { seed, tableCounts, tempDir } from './helpers';

const KILLS = 20;
const SEED = Number(process.env.RECOUP_CRASH_SEED ?? Date.now() % 100_000);
let rng = SEED || 1;
const random = () => ((rng = (rng * 48271) % 2147483647) / 2147483647);

const t = tempDir('recoup-crash-');
afterAll(() => t.cleanup());
const totals = { kills: 0, midWork: 0 };
afterAll(() => console.log(`crash safety (seed ${SEED}): ${totals.kills} SIGKILLs survived, ${totals.midWork} of them while the work was under way; nothing lost`));

/** Run `recoup ARGS`; with `killAfterMs`, SIGKILL it then. Resolves with how it ended and how long it ran. */
function recoup(args: string[], killAfterMs?: number): Promise<{ code: number | null; signal: string | null; ms: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(process.execPath, ['bin/recoup.js', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const timer = killAfterMs === undefined ? null : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code, signal, ms: Date.now() - started, stderr });
    });
  });
}

function checkDb(db: Db): void {
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(db.pragma('foreign_key_check')).toEqual([]);
  expect(verifyAuditChain(db).ok).toBe(true);
}

/** A many-MB Vendor Central remittance export: `payments` payments of `lines` invoice lines. */
function writeRemittance(file: string, payments: number, lines: number): { payments: number; lines: number } {
  const out = [
    'Payment Number,Payment Date,Invoice Currency,Amount in Invoice Currency,Payment Currency,Amount in Payment Currency,Exchange Rate,Payment Type,Payment Status,Payment Voided Reason',
  ];
  for (let p = 0; p < payments; p++) out.push(`${400_000_000 + p},08/14/2026,USD,"$${lines * 10 - 25}.00",USD,"$${lines * 10 - 25}.00",1,EFT,Paid,`);
  out.push('', 'Invoices', 'Payment Number,Invoice Number,Invoice Date,Description,Invoice Amount,Invoice Currency,Withholding Amount,Terms Discount Taken,Amount Paid,Remaining Amount');
  for (let p = 0; p < payments; p++) {
    for (let l = 0; l < lines - 1; l++) out.push(`${400_000_000 + p},INV-${p}-${l},07/01/2026,Invoice,$10.00,USD,$0.00,$0.00,$10.00,$0.00`);
    out.push(`${400_000_000 + p},INV-${p}-0SC,07/20/2026,Shortage claim,($25.00),USD,$0.00,$0.00,($25.00),$0.00`);
  }
  writeFileSync(file, `${out.join('\r\n')}\r\n`);
  return { payments, lines: payments * lines };
}

describe('crash safety: SIGKILL during recoup import', () => {
  const dbFile = join(t.dir, 'import.db');
  const file = join(t.dir, 'Payments-big.csv');
  const pristine = join(t.dir, 'import-pristine.db');
  let expected: { payments: number; lines: number };
  let fullMs = 0;
  let baseline: Record<string, number>;

  beforeAll(async () => {
    expected = writeRemittance(file, 400, 80); // ~2.5 MB, 32,400 rows
    const db = openDatabase(dbFile);
    seed(db, '777', 10); // earlier work that must survive every crash
    baseline = tableCounts(db);
    db.close();
    copyFileSync(dbFile, pristine);
    // One full run on a copy measures how long the command takes on this machine.
    copyFileSync(dbFile, join(t.dir, 'measure.db'));
    const full = await recoup(['import', '--db', join(t.dir, 'measure.db'), file]);
    expect(full.stderr).toBe('');
    expect(full.code).toBe(0);
    fullMs = full.ms;
  }, 300_000);

  it(`survives ${KILLS} kills at random moments with nothing partial, and the re-run stores every row`, async () => {
    let midWork = 0;
    for (let k = 0; k < KILLS; k++) {
      const at = Math.round(200 + random() * fullMs * 1.05);
      const pre = openDatabase(dbFile, { mustExist: true });
      const before = tableCounts(pre);
      pre.close();
      const r = await recoup(['import', '--db', dbFile, file], at);
      // A run that finished before its kill shows the machine got faster: aim the next kills earlier.
      if (r.code === 0) fullMs = Math.min(fullMs, r.ms);
      const db = openDatabase(dbFile, { mustExist: true });
      checkDb(db);
      const batches = db.prepare("SELECT id, rows_read AS rowsRead, rows_stored AS rowsStored, rows_rejected AS rowsRejected FROM import_batch WHERE file_name = 'Payments-big.csv'").all() as Array<{ id: number; rowsRead: number; rowsStored: number; rowsRejected: number }>;
      const counts = tableCounts(db);
      if (batches.length === 0) {
        // Killed before COMMIT: not one row of the file, and the earlier work intact.
        expect(counts, `kill ${k} at ${at} ms left a partial batch`).toEqual(before);
        expect({ ...counts, audit_log: 0 }).toEqual({ ...baseline, audit_log: 0 });
        if (r.signal === 'SIGKILL') midWork += at > fullMs * 0.3 ? 1 : 0;
      } else {
        // Killed after COMMIT (or it finished): the batch is whole.
        expect(batches).toHaveLength(1);
        expect(batches[0]).toMatchObject({ rowsRead: expected.payments + expected.lines, rowsStored: expected.payments + expected.lines, rowsRejected: 0 });
        expect(counts.payment).toBe(baseline.payment! + expected.payments);
        expect(counts.remit_line).toBe(baseline.remit_line! + expected.lines);
      }
      // The re-run completes with the full, correct counts; undo it so the next kill lands mid-import again.
      const [again] = await importPaths(db, [file]);
      if (batches.length === 0) {
        expect(again).toMatchObject({ status: 'imported', rowsRead: expected.payments + expected.lines, rowsStored: expected.payments + expected.lines, rowsRejected: 0, rowsDuplicate: 0 });
      } else {
        expect(again!.status).toBe('already_imported');
      }
      const after = tableCounts(db);
      expect(after.payment).toBe(baseline.payment! + expected.payments);
      expect(after.remit_line).toBe(baseline.remit_line! + expected.lines);
      const id = db.prepare("SELECT id FROM import_batch WHERE file_name = 'Payments-big.csv'").pluck().get() as number;
      expect(db.prepare('SELECT sum(paid_cents) FROM remit_line WHERE batch_id = ?').pluck().get(id)).toBe(expected.payments * (79 * 1000 - 2500));
      if (k % 5 === 4) {
        // Now and then through undo-import (the batch leaves as one unit) ...
        undoImport(db, id, 'crash-test');
        expect(tableCounts(db).payment).toBe(baseline.payment);
        checkDb(db);
        db.close();
        copyFileSync(dbFile, pristine);
      } else {
        // ... otherwise back to the saved state by file, which is quicker.
        db.close();
        for (const ext of ['-wal', '-shm']) rmSync(`${dbFile}${ext}`, { force: true });
        copyFileSync(pristine, dbFile);
      }
      totals.kills++;
    }
    totals.midWork += midWork;
    // Most kills must have landed while the import was running, or the test proves little.
    expect(midWork).toBeGreaterThanOrEqual(KILLS / 4);
  }, 600_000);
});

describe('online backup while another process imports', () => {
  it('copies the last committed state: the import\'s batch is in the backup whole or not at all', async () => {
    const dbFile = join(t.dir, 'online.db');
    const file = join(t.dir, 'Payments-online.csv');
    const expected = writeRemittance(file, 300, 80);
    const db = openDatabase(dbFile);
    seed(db, '432', 10);
    const baseline = tableCounts(db);
    const { backupDatabase } = await import('../../src/services/backup');
    const child = recoup(['import', '--db', dbFile, file]);
    const copies: string[] = [];
    // Back up repeatedly while the other process writes, until it is done.
    let done = false;
    void child.then(() => (done = true));
    for (let i = 0; !done && i < 40; i++) {
      const out = join(t.dir, `online-${i}.db`);
      await backupDatabase(db, out);
      copies.push(out);
      await new Promise((r) => setTimeout(r, 150));
    }
    const r = await child;
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    copies.push(join(t.dir, 'online-final.db'));
    await backupDatabase(db, copies[copies.length - 1]!);
    db.close();
    let withBatch = 0;
    for (const c of copies) {
      const b = openDatabase(c, { mustExist: true, readonly: true });
      checkDb(b);
      const counts = tableCounts(b);
      if (counts.import_batch === baseline.import_batch) expect(counts).toEqual(baseline);
      else {
        withBatch++;
        expect(counts.payment).toBe(baseline.payment! + expected.payments);
        expect(counts.remit_line).toBe(baseline.remit_line! + expected.lines);
      }
      b.close();
    }
    expect(copies.length).toBeGreaterThan(2);
    expect(withBatch).toBeGreaterThanOrEqual(1); // the last copy, at least
  }, 300_000);
});

describe('crash safety: SIGKILL during recoup reconcile and an export', () => {
  const dbFile = join(t.dir, 'business.db');
  const asOf = ['--as-of', '2026-07-30'];
  let reference: { findings: number; amount: number };
  let reconcileMs = 0;
  let exportMs = 0;

  beforeAll(async () => {
    await generateDataset(join(t.dir, 'gen'), { invoiceLines: 2500, seed: 'crash' });
    const db = openDatabase(dbFile);
    const results = await importPaths(db, [join(t.dir, 'gen', 'data')]);
    expect(results.filter((r) => r.status === 'error')).toEqual([]);
    await reconcile(db, { asOf: '2026-07-30' });
    reference = db.prepare('SELECT count(*) AS findings, coalesce(sum(amount_cents), 0) AS amount FROM finding').get() as typeof reference;
    db.close();
    expect(reference.findings).toBeGreaterThan(20);
    copyFileSync(dbFile, join(t.dir, 'measure.db'));
    const full = await recoup(['reconcile', '--db', join(t.dir, 'measure.db'), ...asOf]);
    expect(full.code).toBe(0);
    reconcileMs = full.ms;
  }, 300_000);

  it(`survives ${KILLS} kills of reconcile: findings are the old set or the new set whole, never a mix`, async () => {
    let midWork = 0;
    for (let k = 0; k < KILLS; k++) {
      const at = Math.round(200 + random() * reconcileMs * 1.05);
      const db0 = openDatabase(dbFile, { mustExist: true });
      const runsBefore = db0.prepare('SELECT count(*) FROM reconcile_run').pluck().get() as number;
      db0.close();
      const r = await recoup(['reconcile', '--db', dbFile, ...asOf], at);
      if (r.code === 0) reconcileMs = Math.min(reconcileMs, r.ms);
      const db = openDatabase(dbFile, { mustExist: true });
      checkDb(db);
      const runs = db.prepare('SELECT id, finished_at AS finishedAt, findings, amount_cents AS amount FROM reconcile_run ORDER BY id').all() as Array<{ id: number; finishedAt: number | null; findings: number; amount: number }>;
      expect(runs.every((x) => x.finishedAt !== null), 'an unfinished reconcile run is visible').toBe(true);
      const latest = runs[runs.length - 1]!;
      const stored = db.prepare('SELECT count(*) AS n, coalesce(sum(amount_cents), 0) AS amount, count(DISTINCT run_id) AS runs, max(run_id) AS runId FROM finding').get() as { n: number; amount: number; runs: number; runId: number };
      expect(stored).toEqual({ n: reference.findings, amount: reference.amount, runs: 1, runId: latest.id });
      expect({ findings: latest.findings, amount: latest.amount }).toEqual(reference);
      if (runs.length === runsBefore && r.signal === 'SIGKILL' && at > reconcileMs * 0.3) midWork++;
      db.close();
      totals.kills++;
    }
    totals.midWork += midWork;
    // And a clean re-run still gives the same findings.
    const final = await recoup(['reconcile', '--db', dbFile, ...asOf]);
    expect(final.code).toBe(0);
    const db = openDatabase(dbFile, { mustExist: true });
    expect(db.prepare('SELECT count(*) AS findings, coalesce(sum(amount_cents), 0) AS amount FROM finding').get()).toEqual(reference);
    db.close();
    expect(midWork).toBeGreaterThanOrEqual(KILLS / 4);
  }, 600_000);

  it(`survives ${KILLS} kills of an export: the target is the previous complete workbook or the new one, never half`, async () => {
    const outDir = join(t.dir, 'exports');
    rmSync(outDir, { recursive: true, force: true });
    mkdirSync(outDir);
    const target = join(outDir, 'dispute-pack.xlsx');
    const args = ['export', 'dispute-pack', '--db', dbFile, '--all-disputable', '--out', target];
    const first = await recoup(args);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    exportMs = first.ms;
    const shape = await workbookShape(target);
    expect(shape.length).toBeGreaterThan(1);
    let midWork = 0;
    for (let k = 0; k < KILLS; k++) {
      const at = Math.round(200 + random() * exportMs * 1.05);
      if (k % 2 === 0) rmSync(target, { force: true }); // half the runs write over an existing pack, half write a new one
      const existed = existsSync(target);
      const r = await recoup(args, at);
      if (r.code === 0) exportMs = Math.min(exportMs, r.ms);
      if (existsSync(target)) expect(await workbookShape(target), `kill ${k} at ${at} ms`).toEqual(shape);
      else expect(existed).toBe(false);
      // Anything left behind by the killed writer is a hidden temporary file, never a look-alike.
      for (const name of readdirSync(outDir)) expect(name === 'dispute-pack.xlsx' || /^\.dispute-pack\.xlsx\.\d+\.[0-9a-f]+\.tmp$/.test(name), name).toBe(true);
      if (r.signal === 'SIGKILL' && at > exportMs * 0.3) midWork++;
      totals.kills++;
    }
    totals.midWork += midWork;
    const last = await recoup(args);
    expect(last.code).toBe(0);
    expect(await workbookShape(target)).toEqual(shape);
    expect(midWork).toBeGreaterThanOrEqual(KILLS / 4);
  }, 600_000);
});

/** Sheet names and row counts: what must be whole in a workbook that was completely written. */
async function workbookShape(file: string): Promise<Array<[string, number]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb.worksheets.map((ws) => [ws.name, ws.rowCount]);
}

describe('crash safety: SIGKILL during recoup restore', () => {
  const RESTORE_KILLS = 10;
  const dbFile = join(t.dir, 'restore.db');
  const backupFile = join(t.dir, 'restore-backup.db');
  let restoreMs = 0;
  let backupPayments = 0;

  beforeAll(async () => {
    const db = openDatabase(dbFile);
    seed(db, '881', 3000);
    backupPayments = tableCounts(db).payment!;
    db.close();
    const b = await recoup(['backup', '--db', dbFile, '--out', backupFile]);
    expect(b.code).toBe(0);
    copyFileSync(dbFile, join(t.dir, 'restore-measure.db'));
    const full = await recoup(['restore', '--db', join(t.dir, 'restore-measure.db'), '--from', backupFile]);
    expect(full.stderr).toBe('');
    expect(full.code).toBe(0);
    restoreMs = full.ms;
  }, 300_000);

  it(`survives ${RESTORE_KILLS} kills: the database is the one before or the restored one, whole`, async () => {
    for (let k = 0; k < RESTORE_KILLS; k++) {
      // Work done since the backup, which a restore rolls back.
      const live = openDatabase(dbFile, { mustExist: true });
      seed(live, `9${k}`, 5);
      const before = tableCounts(live).payment!;
      live.close();
      const at = Math.round(200 + random() * restoreMs * 1.05);
      const r = await recoup(['restore', '--db', dbFile, '--from', backupFile], at);
      if (r.code === 0) restoreMs = Math.min(restoreMs, r.ms);
      const db = openDatabase(dbFile, { mustExist: true });
      checkDb(db);
      const payments = tableCounts(db).payment!;
      expect([before, backupPayments], `kill ${k} at ${at} ms`).toContain(payments);
      if (payments === backupPayments) expect(db.prepare("SELECT count(*) FROM audit_log WHERE action = 'restore'").pluck().get()).toBe(1);
      else if (r.signal === 'SIGKILL' && at > restoreMs * 0.3) totals.midWork++;
      db.close();
      totals.kills++;
    }
    // The backup itself is never touched by a restore, killed or not.
    const b = openDatabase(backupFile, { mustExist: true, readonly: true });
    expect(tableCounts(b).payment).toBe(backupPayments);
    b.close();
  }, 600_000);
});
