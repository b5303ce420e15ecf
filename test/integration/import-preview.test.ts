// Import preview (dry run): the same work as an import, reported the same way, and nothing kept.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../src/db/open';
import { importPaths, type ImportFileResult } from '../../src/services/import';

const FILES = [
  join(__dirname, '..', 'fixtures', 'vc', 'remittance-de-excel-semicolon.csv'),
  join(__dirname, '..', 'fixtures', 'edi', 'retail_856_asn_sopi_sscc.edi'),
  join(__dirname, '..', 'fixtures', 'edi', 'broken_810_fields.edi'),
];

let dir: string;
let db: Db;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'recoup-preview-'));
  db = openDatabase(join(dir, 'recoup.db'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Row count of every table (sqlite_sequence included, so even a consumed id would show). */
const snapshot = () => {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{ name: string }>;
  return Object.fromEntries(tables.map(({ name }) => [name, (db.prepare(`SELECT COUNT(*) AS n FROM "${name}"`).get() as { n: number }).n]));
};
const counts = (r: ImportFileResult) => (r.status === 'imported' ? { format: r.format, rowsRead: r.rowsRead, rowsStored: r.rowsStored, rowsDuplicate: r.rowsDuplicate, rowsRejected: r.rowsRejected, rejects: r.rejects.map((x) => x.reason) } : r.status);

describe('import dry run', () => {
  it('stores nothing yet reports what the real import then does', async () => {
    const before = snapshot();
    const audit = db.prepare('SELECT * FROM audit_log').all();
    const preview = await importPaths(db, FILES, { dryRun: true, now: () => 1 });
    expect(snapshot()).toEqual(before);
    expect(db.prepare('SELECT * FROM audit_log').all()).toEqual(audit);
    expect(preview.map((r) => r.status)).toEqual(['imported', 'imported', 'imported']);
    expect(preview.every((r) => r.status === 'imported' && r.preview === true)).toBe(true);
    const stored = preview.map((r) => (r.status === 'imported' ? r.rowsStored : 0));
    expect(stored.every((n) => n > 0)).toBe(true);
    const broken = preview[2]!;
    expect(broken.status === 'imported' && broken.rowsRejected > 0 && broken.rejects.length > 0).toBe(true);

    const real = await importPaths(db, FILES, { now: () => 2 });
    expect(real.map(counts)).toEqual(preview.map(counts));
    expect(real.some((r) => r.status === 'imported' && r.preview)).toBe(false);
    const after = snapshot();
    expect(after['import_batch']).toBe(3);
    expect(after['audit_log']).toBe((before['audit_log'] ?? 0) + 3);
  });

  it('previews a file already imported as already imported', async () => {
    const [first] = await importPaths(db, [FILES[0]!]);
    expect(first?.status).toBe('imported');
    const before = snapshot();
    const [again] = await importPaths(db, [FILES[0]!], { dryRun: true });
    expect(again).toMatchObject({ status: 'already_imported', batchId: first!.status === 'imported' ? first!.batchId : -1 });
    expect(snapshot()).toEqual(before);
  });
});
