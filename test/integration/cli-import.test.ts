// `recoup import` on a mixed folder, exactly as an analyst runs it: formats detected from content,
// one line per file, a second run stores nothing new, and a bad file fails with one line.
import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';

const root = resolve(__dirname, '../..');
const bin = join(root, 'bin/recoup.js');
const demo = join(root, 'resources/demo/data');

function recoup(...args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
}

describe('recoup import (command line)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'recoup-cli-'));
  const db = join(dir, 'cli.db');

  it('imports a mixed folder, detecting every format from content', () => {
    const r = recoup('import', '--db', db, demo);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n').filter((l) => !l.startsWith('  '));
    const formatOf = (name: string) => lines.find((l) => l.includes(name))?.split(': ')[1]?.split(',')[0];
    expect(formatOf('810.edi')).toBe('x12_810');
    expect(formatOf('856.edi')).toBe('x12_856');
    expect(formatOf('850.edi')).toBe('x12_850');
    expect(formatOf('Payments.xlsx')).toBe('vc_remittance_xlsx');
    expect(formatOf('Payments.csv')).toBe('vc_remittance_csv');
    expect(formatOf('purchaseOrdersStatus.json')).toBe('spapi_order_status');
    expect(formatOf('invoices.csv')).toBe('register_csv');
    for (const l of lines) expect(l).toMatch(/\d+ rows read, \d+ stored, \d+ already present, 0 rejected \(batch \d+\)$/);
    const sqlite = new Database(db, { readonly: true });
    const payments = sqlite.prepare('SELECT COUNT(*) FROM payment').pluck().get() as number;
    const hidden = sqlite.prepare('SELECT COUNT(*) FROM payment WHERE hidden_lines = 1').pluck().get() as number;
    sqlite.close();
    expect(payments).toBeGreaterThan(0);
    expect(hidden).toBeGreaterThan(0);
  });

  it('stores nothing the second time and says so for each file', () => {
    const r = recoup('import', '--db', db, demo);
    expect(r.status).toBe(0);
    const fileLines = r.stdout.trim().split('\n');
    expect(fileLines.length).toBeGreaterThan(5);
    for (const l of fileLines) expect(l).toMatch(/already imported \(batch \d+, same content\); nothing new stored/);
  });

  it('fails with a one-line reason on an unreadable file and leaves the database as it was', () => {
    const bad = join(dir, 'Payments.xlsx');
    writeFileSync(bad, 'this is not a workbook');
    const before = execFileSync(process.execPath, [bin, 'batches', '--db', db, '--json'], { encoding: 'utf8' });
    const r = recoup('import', '--db', db, bad);
    expect(r.status).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/Payments\.xlsx: .*not a zip container/);
    const after = execFileSync(process.execPath, [bin, 'batches', '--db', db, '--json'], { encoding: 'utf8' });
    expect(after).toBe(before);
  });

  it('rejects bad arguments and a missing database with one line on stderr', () => {
    const noFiles = recoup('import', '--db', db);
    expect(noFiles.status).toBe(2);
    expect(noFiles.stderr).toMatch(/give at least one file or folder/);
    const missing = recoup('batches', '--db', join(dir, 'nope.db'));
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toMatch(/database .*nope\.db does not exist/);
    const unknown = recoup('frobnicate');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr.trim()).toBe('recoup: unknown command "frobnicate" (see recoup --help)');
  });
});
