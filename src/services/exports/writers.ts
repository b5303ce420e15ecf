// The one XLSX writer and the one CSV writer behind every export. Both stream rows to a temporary
// file next to the target and rename it into place when complete, so no half-written workbook
// ever carries the target name. Typed cells (core/export/cells) decide number formats: amounts
// are numbers with currency formats, identifiers are text, dates are dates, and any imported text
// that a spreadsheet would read as a formula is neutralised.
import ExcelJS from 'exceljs';
import { createWriteStream, renameSync, rmSync, type WriteStream } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import {
  centsToNumber, csvHeader, csvLine, e4ToNumber, isFormula, isoToDate, neutralise, numFmtFor, defaultWidth,
  type CellKind, type CellValue, type Column,
} from '../../core/export/cells';
import type { RowSpec, SheetSpec } from '../../core/export/sheet';

function tempPath(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };

export interface XlsxOptions {
  /**
   * Stream rows to disk as they are written (large exports: constant memory). Small workbooks
   * (a dispute pack) are built in memory and written in one go, which is several times faster
   * per file. Default: stream.
   */
  streaming?: boolean;
  sharedStrings?: boolean;
  /** zlib level of the zip container: 1 is about twice as fast as the default for a few % more bytes. */
  compression?: number;
}

export class XlsxWriter {
  private readonly wb: ExcelJS.stream.xlsx.WorkbookWriter | ExcelJS.Workbook;
  private readonly tmp: string;
  private open: SheetWriter | null = null;
  private done = false;

  constructor(private readonly target: string, private readonly options: XlsxOptions = {}) {
    this.tmp = tempPath(target);
    this.wb = options.streaming === false
      ? new ExcelJS.Workbook()
      : new ExcelJS.stream.xlsx.WorkbookWriter({
        filename: this.tmp, useStyles: true, useSharedStrings: options.sharedStrings ?? true, zip: { zlib: { level: options.compression ?? 1 } },
      });
    this.wb.creator = 'Recoup';
    this.wb.created = new Date(0);
  }

  /** Start a sheet; the previous one is committed (streamed out) first. */
  sheet(spec: SheetSpec): SheetWriter {
    this.open?.commit();
    const views: Array<Partial<ExcelJS.WorksheetView>> = spec.table ? [{ state: 'frozen', ySplit: 1, xSplit: 0 }] : [];
    const ws = this.wb.addWorksheet(spec.name, { views });
    ws.columns = spec.columns.map((c) => ({ width: c.width ?? defaultWidth(c) }));
    const s = new SheetWriter(ws, spec);
    this.open = s;
    return s;
  }

  async finish(): Promise<void> {
    this.open?.commit();
    this.open = null;
    if (this.options.streaming === false) await (this.wb as ExcelJS.Workbook).xlsx.writeFile(this.tmp);
    else await (this.wb as ExcelJS.stream.xlsx.WorkbookWriter).commit();
    renameSync(this.tmp, this.target);
    this.done = true;
  }

  /** Drop the temporary file after a failure. */
  abort(): void {
    if (!this.done) rmSync(this.tmp, { force: true });
  }
}

export class SheetWriter {
  private rowNo = 0;
  private committed = false;

  constructor(private readonly ws: ExcelJS.Worksheet, private readonly spec: SheetSpec) {
    if (spec.header !== false) {
      const r = this.ws.addRow(spec.columns.map((c) => neutralise(c.header)));
      r.font = { bold: true };
      r.eachCell((cell) => { cell.fill = HEADER_FILL; });
      r.commit();
      this.rowNo = 1;
      if (spec.table) this.ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: spec.columns.length } };
    }
  }

  /** Write one row; returns its 1-based row number (for formulas that cite it). */
  row(r: RowSpec | CellValue[]): number {
    const spec: RowSpec = Array.isArray(r) ? { values: r } : r;
    const currency = spec.currency ?? this.spec.currency;
    const row = this.ws.addRow([]);
    spec.values.forEach((v, i) => {
      const col: Column | undefined = this.spec.columns[i];
      const kind: CellKind = spec.kinds?.[i] ?? col?.kind ?? 'text';
      writeCell(row.getCell(i + 1), kind, v, currency);
    });
    if (spec.bold) row.font = { bold: true };
    row.commit();
    this.rowNo += 1;
    return this.rowNo;
  }

  /** Rows written so far, header included. */
  get rows(): number {
    return this.rowNo;
  }

  commit(): void {
    if (this.committed) return;
    this.committed = true;
    // Streaming sheets flush here; in-memory sheets have nothing to flush.
    const ws = this.ws as ExcelJS.Worksheet & { commit?: () => void };
    if (typeof ws.commit === 'function') ws.commit();
  }
}

function scalar(kind: CellKind, v: number | string, currency: string): ExcelJS.CellValue {
  if (typeof v === 'number') {
    if (kind === 'money') return centsToNumber(v, currency);
    if (kind === 'cost') return e4ToNumber(v);
    if (kind === 'id' || kind === 'text') return String(v);
    return v;
  }
  if (kind === 'date') return isoToDate(v) ?? neutralise(v);
  return neutralise(v);
}

function writeCell(cell: ExcelJS.Cell, kind: CellKind, v: CellValue, currency: string): void {
  const fmt = numFmtFor(kind, currency);
  if (fmt) cell.numFmt = fmt;
  if (v === null) return;
  if (isFormula(v)) {
    const result = typeof v.result === 'number' ? (scalar(kind, v.result, currency) as number | string) : v.result;
    cell.value = { formula: v.formula, result } as ExcelJS.CellFormulaValue;
    return;
  }
  cell.value = scalar(kind, v, currency);
}

/** CSV with a header row, the same typed cells and the same neutralising; CRLF line ends, UTF-8 BOM for Excel. */
export class CsvWriter {
  private readonly tmp: string;
  private readonly out: WriteStream;
  private done = false;

  constructor(private readonly target: string, private readonly columns: Column[], private readonly currency: string) {
    this.tmp = tempPath(target);
    this.out = createWriteStream(this.tmp, { encoding: 'utf8' });
    this.out.write(`\ufeff${csvHeader(columns)}\r\n`);
  }

  /** Write a row; resolves when the stream can take more (back-pressure for large exports). */
  async row(values: readonly CellValue[], currency = this.currency): Promise<void> {
    if (!this.out.write(`${csvLine(this.columns, values, currency)}\r\n`)) await new Promise<void>((r) => this.out.once('drain', r));
  }

  async finish(): Promise<void> {
    await new Promise<void>((res, rej) => this.out.end((err?: Error | null) => (err ? rej(err) : res())));
    renameSync(this.tmp, this.target);
    this.done = true;
  }

  abort(): void {
    if (!this.done) {
      this.out.destroy();
      rmSync(this.tmp, { force: true });
    }
  }
}

/** Run `body` with a writer; on any failure the temporary file is removed and the error rethrown. */
export async function withWriter<W extends { finish(): Promise<void>; abort(): void }, T>(w: W, body: (w: W) => Promise<T> | T): Promise<T> {
  try {
    const r = await body(w);
    await w.finish();
    return r;
  } catch (err) {
    w.abort();
    throw err;
  }
}
