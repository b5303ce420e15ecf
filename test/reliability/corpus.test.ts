// The hostile corpus: every file in test/fixtures/bad/ goes through importPaths into a database that
// already holds data. Each must end in a specific error (naming the file and what was expected)
// or in stored rejects (location, field, reason) — never a crash, an unhandled rejection, a
// partial write or a silent zero. Files too big to commit are made here, and imported in a child
// process with a small heap so "memory bounded" is enforced, not hoped for.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, statSync, writeFileSync, createWriteStream } from 'node:fs';
import { basename, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { openDatabase, type Db } from '../../src/db/open';
import { verifyAuditChain } from '../../src/db/audit.repo';
import { importPaths, type ImportFileResult } from '../../src/services/import';
import { fingerprint, seed, tempDir } from './helpers';

const ROOT = join(__dirname, '..', 'fixtures', 'bad');
const files = readdirSync(ROOT, { recursive: true, withFileTypes: true })
  .filter((d) => d.isFile() && d.name !== 'README.md')
  .map((d) => join(d.parentPath, d.name))
  .sort();

type Outcome =
  /** A clean error naming the file, with this explanation. */
  | { error: RegExp }
  /** Imported, with at least one stored reject matching (field, reason). */
  | { reject: { field: RegExp; reason: RegExp } }
  /** Imported cleanly: awkward but valid (BOMs, encodings, delimiters). */
  | { stored: number }
  /** Either a clean error or imported with rejects: a layout the parsers may treat either way. */
  | { either: RegExp };

const E = (error: RegExp): Outcome => ({ error });
const R = (field: RegExp, reason: RegExp): Outcome => ({ reject: { field, reason } });
const OK = (stored: number): Outcome => ({ stored });
const EITHER = (re: RegExp): Outcome => ({ either: re });
const UNKNOWN_LAYOUT = /unknown spreadsheet layout|the sheet is empty|no rows to import|header/;
const CORRUPT_ZIP = /the workbook is corrupt|cannot be read/;

/** What each file must end in. A file missing here fails the test: every hostile file is decided. */
const expected: Record<string, Outcome> = {
  'csv/binary-garbage.csv': E(/binary content that is not a workbook, X12 or text/),
  'csv/bom-utf8-remittance.csv': OK(5),
  'csv/classic-mac-cr-line-endings.csv': OK(5),
  'csv/double-bom-remittance.csv': OK(5),
  'csv/duplicate-headers.csv': EITHER(/Invoice Number|header/i),
  'csv/empty.csv': E(/the file is empty/),
  'csv/formula-cells-remittance.csv': R(/Invoice Amount/, /"-1\+1" is not a number/),
  'csv/headers-only-invoice-register.csv': E(/no rows to import \(headers only or empty\)/),
  'csv/headers-only-remittance.csv': E(/no rows to import \(headers only or empty\)/),
  'csv/html-login-page.csv': E(/unknown spreadsheet layout/),
  'csv/huge-amounts.csv': R(/Invoice Amount/, /"99999999999999999999\.99" is not an amount within range/),
  'csv/impossible-dates.csv': R(/Invoice Date/, /"02\/30\/2026" is not a real calendar date/),
  'csv/invoice-register-bad-values.csv': R(/Quantity/, /"ten" is not a whole number/),
  'csv/long-cell-200k.csv': OK(2),
  'csv/missing-required-column.csv': E(/the invoice-line header at row 5 has no .*column \(headers found: Payment Number, Invoice Number, Invoice Date, Description\)/),
  'csv/mixed-currencies-one-payment.csv': R(/^Invoice Currency$/, /^Invoice Currency "EUR" differs from payment 367531888 \(USD\); one payment is settled in one currency$/),
  'csv/negative-quantities-invoice-register.csv': R(/^Quantity$/, /^Quantity "-10" is negative on invoice INV-30001, which is not marked as a credit note .*a quantity of 0 or more is expected; credits belong on a credit note$/),
  'csv/non-numeric-amounts.csv': R(/Invoice Amount/, /"12,3O" is not a number/),
  'csv/nul-bytes.csv': E(/binary content/),
  'csv/only-newlines.csv': E(UNKNOWN_LAYOUT),
  'csv/payment-lines-without-payment-section.csv': EITHER(/payment/i),
  'csv/pipe-delimited-invoice-register.csv': EITHER(/layout|header/i),
  'csv/ragged-rows.csv': R(/Invoice Amount/, /is empty \(an amount is expected\)/),
  'csv/same-invoice-different-content.csv': R(/Invoice|invoice/, /INV-40001/),
  'csv/semicolon-delimited-remittance.csv': EITHER(/not a number|layout/),
  'csv/single-column-numbers.csv': E(/unknown spreadsheet layout/),
  'csv/tab-delimited-remittance.csv': OK(5),
  'csv/unbalanced-quotes.csv': EITHER(/amount|quote|row/i),
  'csv/unknown-layout.csv': E(/unknown spreadsheet layout — headers found \(row 1\): foo, bar, baz/),
  'csv/utf16be-bom-remittance.csv': OK(5),
  'csv/utf16le-bom-remittance.csv': OK(5),
  'csv/utf16le-nobom-remittance.csv': OK(5),
  'csv/whitespace-only.csv': E(UNKNOWN_LAYOUT),
  'csv/windows-1252-remittance.csv': OK(3),
  'xlsx/bad-values-remittance.xlsx': R(/Invoice Amount/, /"12,3O" is not a number/),
  'xlsx/corrupt-bitflips.xlsx': E(CORRUPT_ZIP),
  'xlsx/corrupt-zeroed-block.xlsx': E(CORRUPT_ZIP),
  'xlsx/empty-sheet.xlsx': E(UNKNOWN_LAYOUT),
  'xlsx/empty.xlsx': E(/the file is empty/),
  'xlsx/headers-only-remittance.xlsx': E(/no rows to import/),
  'xlsx/libreoffice-saved-remittance.xlsx': OK(5),
  'xlsx/libreoffice-mojibake-bom-header.xlsx': OK(5),
  'xlsx/zip64-local-headers.xlsx': R(/Invoice Amount/, /"12,3O" is not a number/),
  'xlsx/malformed-sheet-xml.xlsx': E(/cannot be read|header|column/),
  'xlsx/not-a-zip.xlsx': E(/named \.xlsx but not a zip container/),
  'xlsx/old-excel-97.xls': E(/old Excel 97-2003 \(\.xls\) workbook: save it as \.xlsx or \.csv first/),
  'xlsx/password-protected-ole.xlsx': E(/old Excel 97-2003|encrypted|password/),
  'xlsx/row-number-past-excel-limit.xlsx': E(/row 2000000000 is past Excel's last row/),
  'xlsx/sheet-rows-out-of-order.xlsx': EITHER(/row|header|layout/i),
  'xlsx/too-many-columns.xlsx': E(/column/i),
  'xlsx/truncated-100-bytes.xlsx': E(/the workbook is corrupt \(no zip end record: the file is truncated or not a zip\)/),
  'xlsx/truncated-half.xlsx': E(/truncated/),
  'xlsx/truncated-last-byte.xlsx': E(/truncated/),
  'xlsx/xml-entity-expansion.xlsx': E(/cannot be read|entity/),
  'xlsx/zip-bomb-200mb-sheet.xlsx': E(/refused as a possible zip bomb: part xl\/worksheets\/sheet1\.xml would unpack \d+×/),
  'xlsx/zip-bomb-lying-size.xlsx': E(/refused as a possible zip bomb: part xl\/worksheets\/sheet1\.xml unpacks to more than the 1 KB it declares/),
  'xlsx/zip-bomb-many-parts.xlsx': E(/the workbook has 6000 parts/),
  'xlsx/zip-unsupported-method.xlsx': E(/compression method 12/),
  'xlsx/zip-without-workbook.xlsx': E(/sheet is empty|workbook|cannot be read/),
  'x12/856-negative-and-bad-quantities.edi': R(/DTM02|SN1/, /not a real calendar date|not a whole number|negative/),
  'x12/bpr-non-numeric-820.edi': R(/RMR04|BPR02/, /is not a number/),
  'x12/duplicate-st-control-numbers.edi': R(/GE01|ST02/, /transaction sets|control number/),
  'x12/ge-control-number-mismatch.edi': R(/GE02/, /GE02 control number "777" does not match GS06 "201"/),
  'x12/ge-count-mismatch.edi': R(/GE01/, /GE01 says 5 transaction sets but the group holds 1/),
  'x12/gs-st-without-isa.edi': E(/X12 segments without an ISA envelope/),
  'x12/iea-control-number-mismatch.edi': R(/IEA02/, /IEA02 control number "000000999" does not match ISA13 "000000201"/),
  'x12/iea-group-count-mismatch.edi': R(/IEA01/, /IEA01 says 3 functional groups but the interchange holds 1/),
  'x12/impossible-dates-810.edi': R(/BIG01/, /"20260230" is not a real calendar date/),
  'x12/isa-garbage-after.edi': E(/truncated or incomplete|segment/),
  'x12/isa-only.edi': E(/before the IEA trailer .*truncated or incomplete/),
  'x12/isa-too-few-elements.edi': E(/malformed ISA header at segment 1/),
  'x12/isa-wrong-length.edi': EITHER(/ISA/),
  'x12/missing-ge-and-iea.edi': E(/before the IEA trailer/),
  'x12/missing-iea.edi': E(/before the IEA trailer of interchange 000000201/),
  'x12/missing-se.edi': R(/SE/, /no SE trailer/),
  'x12/mixed-currencies-820.edi': R(/CUR02/, /names EUR but the document is in USD/),
  'x12/negative-quantity-810.edi': R(/^IT102 \(quantity invoiced\)$/, /IT102 \(quantity invoiced\) "-5" is negative but BIG07 \(transaction type\) is empty, not CR or CN \(credit memo\)/),
  'x12/non-numeric-amounts-810.edi': R(/IT102/, /"FIVE" is not a whole number/),
  'x12/same-invoice-different-content.edi': R(/invoice number/, /INV-10042 was already imported \(batch \d+\) with different content/),
  'x12/se-control-number-mismatch.edi': R(/SE02/, /SE02 control number "0009" does not match ST02 "0001"/),
  'x12/se-segment-count-mismatch.edi': R(/SE01/, /SE01 says 99 segments but the transaction has 11/),
  'x12/truncated-mid-segment.edi': E(/truncated or incomplete/),
  'x12/unknown-segments.edi': EITHER(/ZZZ|QQ1|segment/),
  'x12/unknown-transaction-set.edi': E(/999|no rows to import|not supported|unknown/),
  'x12/utf16-interchange.edi': OK(1),
  'x12/valid-baseline-810.edi': OK(1),
  'x12/wrong-element-separator.edi': E(/malformed ISA header/),
  'json/deeply-nested-arrays.json': E(/nested more than 64 levels deep/),
  'json/deeply-nested-objects.json': E(/nested more than 64 levels deep/),
  'json/empty-array.json': E(/bare list|no SP-API shape|no rows/),
  'json/empty-object.json': E(/no SP-API shape Recoup reads was found/),
  'json/huge-numbers.json': R(/amount/, /whole number|range/),
  'json/invoice-mixed-currencies.json': R(/currencyCode/, /priced in EUR, the invoice in USD/),
  'json/not-json.json': E(/not valid JSON/),
  'json/null-root.json': E(/unknown spreadsheet layout|JSON|SP-API/),
  'json/orders-bad-values.json': R(/amount/, /whole number of units, found number -3/),
  'json/orders-with-nulls.json': R(/order/, /expected a JSON object, found null/),
  'json/orders-wrong-type.json': E(/no SP-API shape/),
  'json/payload-wrong-type.json': E(/no SP-API shape/),
  'json/proto-pollution.json': E(/no rows to import|no SP-API shape/),
  'json/same-invoice-different-content.json': R(/invoice number/, /INV-70001 was already imported \(batch \d+\) with different content/),
  'json/string-root.json': E(/unknown spreadsheet layout|SP-API|JSON/),
  'json/trailing-garbage.json': E(/not valid JSON/),
  'json/unknown-api-shape.json': E(/no SP-API shape Recoup reads was found \(top-level keys: payload; inside payload: reports\)/),
  'json/utf16-bom.json': E(/no rows to import|no SP-API shape/),
};

/** A programming value leaking into a message (a quoted input like "NaN" is fine). */
const LEAKED = /\[object Object\]|(?<!["\w])(undefined|NaN)(?!["\w]| entity)/;

/** A location that says where: a row, a segment or envelope, or a JSON path. */
const LOCATION = /^(row \d+|.*segment \d+|transaction |group |interchange |\$[.[])/;

const stats = { files: 0, errors: 0, imported: 0, rejectsStored: 0 };
const unhandled: unknown[] = [];
const onUnhandled = (e: unknown) => unhandled.push(e);
beforeAll(() => { process.on('unhandledRejection', onUnhandled); });
afterAll(() => {
  process.off('unhandledRejection', onUnhandled);
  console.log(`hostile corpus: ${stats.files} files tried, ${stats.errors} clean errors, ${stats.imported} imported with ${stats.rejectsStored} stored rejects, 0 partial writes`);
});

/** A database with earlier work in it, so "unchanged" means something. */
function populated(): Db {
  const db = openDatabase(':memory:');
  seed(db, '555', 3);
  return db;
}

function checkInvariants(db: Db, before: string, file: string, r: ImportFileResult): void {
  const name = basename(file);
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(db.pragma('foreign_key_check')).toEqual([]);
  expect(verifyAuditChain(db).ok).toBe(true);
  if (r.status === 'error') {
    // A specific message that names the file, bounded in size, and nothing written at all.
    expect(r.error.startsWith(`${name}: `), r.error.slice(0, 200)).toBe(true);
    expect(r.error.length).toBeLessThan(2300);
    expect(r.error).not.toMatch(LEAKED);
    expect(r.error).not.toMatch(/TypeError|RangeError|Maximum call stack/);
    expect(fingerprint(db)).toBe(before);
    expect(db.inTransaction).toBe(false);
    return;
  }
  expect(r.status).toBe('imported');
  if (r.status !== 'imported') return;
  // The batch is whole: its counts add up, every reject is stored with a location and reason,
  // and the audit log records it.
  expect(r.rowsRead).toBe(r.rowsStored + r.rowsDuplicate + r.rowsRejected);
  const batch = db.prepare('SELECT rows_read AS rowsRead, rows_stored AS rowsStored, rows_rejected AS rowsRejected FROM import_batch WHERE id = ?').get(r.batchId);
  expect(batch).toEqual({ rowsRead: r.rowsRead, rowsStored: r.rowsStored, rowsRejected: r.rowsRejected });
  const stored = db.prepare('SELECT location, field, reason FROM import_reject WHERE batch_id = ?').all(r.batchId) as Array<{ location: string; field: string | null; reason: string }>;
  expect(stored.length).toBe(r.rejects.length);
  if (r.rowsRejected > 0) expect(stored.length).toBeGreaterThan(0);
  for (const rej of stored) {
    expect(rej.location, JSON.stringify(rej).slice(0, 300)).toMatch(LOCATION);
    expect(rej.reason.trim().length).toBeGreaterThan(10);
    expect(rej.reason).not.toMatch(LEAKED);
  }
  stats.rejectsStored += stored.length;
  expect(db.prepare("SELECT count(*) FROM audit_log WHERE action = 'import' AND entity_id = ?").pluck().get(String(r.batchId))).toBe(1);
  // No money stored as NaN or a float, and no row without its batch.
  for (const [table, cols] of [['payment', ['amount_cents']], ['remit_line', ['invoice_amount_cents', 'paid_cents']], ['invoice', ['total_cents']], ['invoice_line', ['amount_cents', 'qty_each']]] as const) {
    for (const c of cols) expect(db.prepare(`SELECT count(*) FROM ${table} WHERE typeof(${c}) != 'integer'`).pluck().get(), `${table}.${c}`).toBe(0);
    expect(db.prepare(`SELECT count(*) FROM ${table} t LEFT JOIN import_batch b ON b.id = t.batch_id WHERE b.id IS NULL`).pluck().get()).toBe(0);
  }
}

describe('hostile corpus', () => {
  it('holds at least 60 files across every format, each with a decided outcome', () => {
    expect(files.length).toBeGreaterThanOrEqual(60);
    const rel = files.map((f) => f.slice(ROOT.length + 1));
    for (const dir of ['csv/', 'xlsx/', 'x12/', 'json/']) expect(rel.filter((f) => f.startsWith(dir)).length).toBeGreaterThanOrEqual(10);
    expect(rel.filter((f) => !(f in expected))).toEqual([]);
    expect(Object.keys(expected).filter((f) => !rel.includes(f))).toEqual([]);
  });

  for (const file of files) {
    const rel = file.slice(ROOT.length + 1);
    it(rel, async () => {
      const db = populated();
      const before = fingerprint(db);
      const results = await importPaths(db, [file], { now: () => 1_790_000_000_000 });
      expect(results).toHaveLength(1);
      const r = results[0]!;
      stats.files++;
      if (r.status === 'error') stats.errors++;
      else stats.imported++;
      checkInvariants(db, before, file, r);
      const want = expected[rel];
      expect(want, `no expectation for ${rel}`).toBeDefined();
      const summary = r.status === 'error' ? r.error : r.status === 'imported' ? JSON.stringify(r.rejects.slice(0, 5)) : r.status;
      if (want && 'error' in want) {
        expect(r.status, summary.slice(0, 500)).toBe('error');
        if (r.status === 'error') expect(r.error).toMatch(want.error);
      } else if (want && 'reject' in want) {
        expect(r.status, summary.slice(0, 500)).toBe('imported');
        if (r.status === 'imported') {
          const hit = r.rejects.find((x) => want.reject.field.test(x.field ?? '') && want.reject.reason.test(x.reason));
          expect(hit, summary.slice(0, 1500)).toBeDefined();
        }
      } else if (want && 'stored' in want) {
        expect(r.status, summary.slice(0, 500)).toBe('imported');
        if (r.status === 'imported') expect({ stored: r.rowsStored, rejected: r.rowsRejected }).toEqual({ stored: want.stored, rejected: 0 });
      } else if (want && 'either' in want) {
        if (r.status === 'error') expect(r.error).toMatch(want.either);
        else expect(r.status).toBe('imported');
      }
      // Importing the same bad file again changes nothing more (no half-state left behind).
      const mid = fingerprint(db);
      const again = await importPaths(db, [file]);
      expect(again[0]!.status).toBe(r.status === 'error' ? 'error' : 'already_imported');
      expect(fingerprint(db)).toBe(mid);
      db.close();
    });
  }

  it('decodes text exactly: Windows-1252 and UTF-16 keep every character, nothing is mangled to U+FFFD', async () => {
    const db = openDatabase(':memory:');
    await importPaths(db, [join(ROOT, 'csv/windows-1252-remittance.csv'), join(ROOT, 'csv/utf16be-bom-remittance.csv')]);
    const descriptions = db.prepare('SELECT description FROM remit_line ORDER BY id').pluck().all() as string[];
    expect(descriptions).toContain('Facture réglée');
    expect(descriptions).toContain('Vendor’s shortage claim €');
    expect(descriptions.join('')).not.toContain('\ufffd');
    db.close();
  });

  it('keeps hostile text as inert data: formulas are stored as text, prototypes are not polluted', async () => {
    const db = openDatabase(':memory:');
    await importPaths(db, [join(ROOT, 'csv/formula-cells-remittance.csv'), join(ROOT, 'json/proto-pollution.json')]);
    const docs = db.prepare('SELECT doc_number FROM remit_line').pluck().all();
    expect(docs).toContain('=HYPERLINK("http://evil.example/x","click")');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
    db.close();
  });

  it('stores none of the wrong data it used to store silently: mixed currencies, negative quantities, a BOM-hidden header', async () => {
    const db = openDatabase(':memory:');
    const rejects = (rel: string) => db.prepare('SELECT location, field FROM import_reject WHERE file_name = ? ORDER BY id').all(basename(rel));
    await importPaths(db, ['csv/mixed-currencies-one-payment.csv', 'csv/negative-quantities-invoice-register.csv', 'x12/negative-quantity-810.edi'].map((f) => join(ROOT, f)));
    // One USD payment: its EUR and GBP lines are each refused, its USD line kept.
    expect(rejects('mixed-currencies-one-payment.csv')).toEqual([{ location: 'row 7', field: 'Invoice Currency' }, { location: 'row 8', field: 'Invoice Currency' }]);
    expect(db.prepare("SELECT DISTINCT currency FROM remit_line WHERE payment_number = '367531888'").pluck().all()).toEqual(['USD']);
    // No negative quantity reached an invoice that is not a credit note (register row, 810 line).
    expect(rejects('negative-quantities-invoice-register.csv')).toEqual([{ location: 'row 2', field: 'Quantity' }]);
    expect(rejects('negative-quantity-810.edi')).toEqual([{ location: 'transaction 0001 (ST at segment 3), segment 9 (IT1)', field: 'IT102 (quantity invoiced)' }]);
    expect(db.prepare('SELECT count(*) FROM invoice_line WHERE qty_each < 0').pluck().get()).toBe(0);
    expect(db.prepare("SELECT count(*) FROM invoice WHERE invoice_number IN ('INV-30001', 'INV-10042')").pluck().get()).toBe(0);
    db.close();
    // The payment section behind `ï»¿Payment Number` is read (alone: the first file holds the same payment), its header clean in the raw row.
    const lo = openDatabase(':memory:');
    await importPaths(lo, [join(ROOT, 'xlsx/libreoffice-mojibake-bom-header.xlsx')]);
    const pay = lo.prepare("SELECT amount_cents AS amountCents, raw FROM payment WHERE payment_number = '367531888'").get() as { amountCents: number; raw: string };
    expect(pay.amountCents).toBe(101975);
    expect(JSON.parse(pay.raw)).toHaveProperty('Payment Number', '367531888');
    lo.close();
  });

  it('never raised an unhandled rejection', () => {
    expect(unhandled).toEqual([]);
  });
});

describe('huge hostile files, in a child process with a 192 MB heap', () => {
  const t = tempDir();
  afterAll(() => t.cleanup());
  const run = (file: string) => {
    const db = join(t.dir, `${basename(file)}.db`);
    const r = spawnSync(process.execPath, ['--max-old-space-size=192', 'bin/recoup.js', 'import', '--db', db, file], { encoding: 'utf8', timeout: 120_000 });
    return { ...r, db };
  };
  const unchanged = (dbFile: string) => {
    const db = openDatabase(dbFile, { mustExist: true });
    const n = db.prepare('SELECT (SELECT count(*) FROM import_batch) + (SELECT count(*) FROM audit_log)').pluck().get();
    db.close();
    return n === 0;
  };

  it('a 50 MB single-line CSV is refused quickly with the line named', async () => {
    const file = join(t.dir, 'single-line-50mb.csv');
    await writeBig(file, 50 * 1024 * 1024, 'Payment Number,', 'x,');
    const r = run(file);
    expect(r.stderr).toMatch(/^single-line-50mb\.csv: line 1 runs past 4 MB without a line break: not a delimited text export\n$/);
    expect(r.status).toBe(1);
    expect(unchanged(r.db)).toBe(true);
    stats.files++;
  });

  it('a 50 MB X12 segment without a terminator is refused with the segment named', async () => {
    const file = join(t.dir, 'single-segment-50mb.edi');
    await writeBig(file, 50 * 1024 * 1024, 'ISA*00*          *00*          *ZZ*AMWV0          *ZZ*AMAZON         *260803*1200*U*00401*000000201*0*P*>~GS*IN*', 'A');
    const r = run(file);
    expect(r.stderr).toMatch(/^single-segment-50mb\.edi: segment 2 runs past 1 MB without a segment terminator/);
    expect(r.status).toBe(1);
    expect(unchanged(r.db)).toBe(true);
    stats.files++;
  });

  it('JSON nested a million levels deep is refused before parsing', async () => {
    const file = join(t.dir, 'nested-1m.json');
    writeFileSync(file, `${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}`);
    const r = run(file);
    expect(r.stderr).toMatch(/^nested-1m\.json: the JSON is nested more than 64 levels deep/);
    expect(r.status).toBe(1);
    stats.files++;
  });

  it('a 40 MB identifier in JSON ends in a stored reject whose reason stays readable', async () => {
    const file = join(t.dir, 'huge-po-number.json');
    writeFileSync(file, `{"payload":{"orders":[{"purchaseOrderNumber":"${'A'.repeat(40 * 1024 * 1024)}"}]}}`);
    const r = run(file);
    expect(r.status).toBe(0);
    const db = openDatabase(r.db, { mustExist: true });
    const rejects = db.prepare('SELECT location, length(reason) AS n FROM import_reject').all() as Array<{ location: string; n: number }>;
    db.close();
    expect(rejects.length).toBeGreaterThan(0);
    for (const rej of rejects) {
      expect(rej.location).toMatch(/^\$\.payload\.orders\[0\]/);
      expect(rej.n).toBeLessThan(2100);
    }
    stats.files++;
  });

  it('a 200 MB zip bomb (1000×) is refused from its directory, without inflating', () => {
    const bomb = join(ROOT, 'xlsx/zip-bomb-200mb-sheet.xlsx');
    const r = run(bomb);
    expect(r.stderr).toMatch(/refused as a possible zip bomb/);
    expect(r.status).toBe(1);
    expect(statSync(bomb).size).toBeLessThan(300 * 1024);
  });
});

/** Write `size` bytes: a head, then `unit` repeated, streamed so the test itself stays small. */
function writeBig(file: string, size: number, head: string, unit: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const out = createWriteStream(file);
    out.on('error', reject);
    out.write(head);
    const block = unit.repeat(Math.ceil((1 << 20) / unit.length));
    let written = head.length;
    const pump = () => {
      while (written < size) {
        written += block.length;
        if (!out.write(block)) return out.once('drain', pump);
      }
      out.end(resolve);
    };
    pump();
  });
}
