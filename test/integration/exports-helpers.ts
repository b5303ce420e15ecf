// Shared by the export tests: read a workbook back with exceljs, and recalculate one with
// LibreOffice headless (a profile that forces recalculation on load, so cached results cannot
// pass for computed ones) into one CSV per sheet.
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

export async function readBook(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** Rows of a sheet as arrays of cells (1-based column index → cell). */
export function rowsOf(ws: ExcelJS.Worksheet): ExcelJS.Row[] {
  const out: ExcelJS.Row[] = [];
  ws.eachRow((r) => out.push(r));
  return out;
}

/** The value column of a key/value Summary row found by its field label. */
export function summaryCell(ws: ExcelJS.Worksheet, field: string, claimId?: number): ExcelJS.Cell {
  let hit: ExcelJS.Cell | undefined;
  ws.eachRow((r) => {
    if (hit) return;
    if (r.getCell(2).value === field && (claimId === undefined || r.getCell(1).value === claimId)) hit = r.getCell(3);
  });
  if (!hit) throw new Error(`no Summary row "${field}"`);
  return hit;
}

export const SOFFICE = ['/usr/bin/soffice', '/usr/bin/libreoffice', '/usr/lib/libreoffice/program/soffice'].find((p) => existsSync(p)) ?? null;

const RECALC_XCU = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/** Open `xlsx` in LibreOffice, recalculate every formula, and return each sheet as CSV rows (raw values). */
export function recalcWithLibreOffice(xlsx: string): Map<string, string[][]> {
  if (!SOFFICE) throw new Error('LibreOffice not installed');
  const work = mkdtempSync(join(tmpdir(), 'recoup-lo-'));
  const profile = join(work, 'profile');
  mkdirSync(join(profile, 'user'), { recursive: true });
  writeFileSync(join(profile, 'user', 'registrymodifications.xcu'), RECALC_XCU);
  const outDir = join(work, 'csv');
  // Filter options: comma, double quote, UTF-8, from line 1, raw values (not as shown), every sheet (-1).
  execFileSync(SOFFICE, ['--headless', '--norestore', `-env:UserInstallation=file://${profile}`, '--convert-to',
    'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1', '--outdir', outDir, xlsx], { timeout: 120_000, stdio: 'pipe' });
  const stem = basename(xlsx).replace(/\.xlsx$/i, '');
  const sheets = new Map<string, string[][]>();
  for (const f of readdirSync(outDir)) {
    if (!f.startsWith(`${stem}-`) || !f.endsWith('.csv')) continue;
    const name = f.slice(stem.length + 1, -4);
    sheets.set(name, Papa.parse<string[]>(readFileSync(join(outDir, f), 'utf8'), { skipEmptyLines: true }).data);
  }
  return sheets;
}
