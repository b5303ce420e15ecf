// Reading files as the core parsers want them: text chunks (X12), rows of text cells (CSV and
// XLSX), or one JSON document. Streams where the format allows, so memory stays bounded.
import { createReadStream, statSync, readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import Papa from 'papaparse';
import ExcelJS from 'exceljs';
import { detectEncoding, type TextEncoding } from '../core/text';
import { UnreadableFileError } from '../core/records';
import { basename } from 'node:path';
import { readZipDirectory, checkZipContents } from './zip-guard';

const CHUNK = 1 << 20;
const ROW_BATCH = 2000;

/** Decoded text chunks of a file; BOM and encoding recognised from the first bytes. */
export async function* readTextChunks(file: string, progress?: (bytes: number) => void): AsyncIterable<string> {
  let decoder: TextDecoder | null = null;
  let bytes = 0;
  for await (const buf of createReadStream(file, { highWaterMark: CHUNK }) as AsyncIterable<Buffer>) {
    let data: Uint8Array = buf;
    if (!decoder) {
      const { encoding, bomLength } = detectEncoding(buf);
      decoder = new TextDecoder(encoding as TextEncoding);
      data = buf.subarray(bomLength);
    }
    bytes += buf.length;
    progress?.(bytes);
    const text = decoder.decode(data, { stream: true });
    if (text) yield text;
  }
  if (decoder) {
    const rest = decoder.decode();
    if (rest) yield rest;
  }
}

/** CSV rows in batches (papaparse streaming, delimiter detected, quoted newlines kept). */
export async function* readCsvRows(file: string, progress?: (bytes: number) => void): AsyncIterable<string[][]> {
  const queue: string[][][] = [];
  let current: string[][] = [];
  let done = false;
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  let parserRef: Papa.Parser | null = null;
  let rowsSeen = 0;
  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  const source = Readable.from(limitLineLength(readTextChunks(file, progress)));
  Papa.parse<string[], Papa.LocalFile>(source as unknown as Papa.LocalFile, {
    skipEmptyLines: false,
    step: (result: Papa.ParseStepResult<string[]>, parser: Papa.Parser) => {
      parserRef = parser;
      if (result.data.length > MAX_COLUMNS && !failure) {
        failure = new Error(`row ${rowsSeen + 1} has ${result.data.length} cells; a sheet has at most ${MAX_COLUMNS} columns: not a spreadsheet export`);
        parser.abort();
        return;
      }
      rowsSeen++;
      current.push(result.data);
      if (current.length >= ROW_BATCH) {
        queue.push(current);
        current = [];
        parser.pause();
        notify();
      }
    },
    complete: () => {
      if (current.length) queue.push(current);
      current = [];
      done = true;
      notify();
    },
    error: (err: Error) => {
      failure = err;
      done = true;
      notify();
    },
  } as Papa.ParseLocalConfig<string[], Papa.LocalFile>);
  while (true) {
    if (queue.length) {
      yield queue.shift()!;
      continue;
    }
    if (failure) throw new UnreadableFileError(`${basename(file)}: ${(failure as Error).message}`);
    if (done) return;
    const p = new Promise<void>((r) => (wake = r));
    (parserRef as Papa.Parser | null)?.resume();
    await p;
  }
}

/** Excel's column limit: a row with more cells is not a spreadsheet export. */
export const MAX_COLUMNS = 16_384;
/** Excel's row limit. */
export const MAX_ROWS = 1_048_576;

/** Longest line read from delimited text: a remittance row is under 1 KB; a cell may hold a long note. */
export const MAX_CSV_LINE = 4 * 1024 * 1024;

/**
 * Refuse a line longer than MAX_CSV_LINE before papaparse sees it: the streaming parser re-scans an
 * unfinished line on every chunk (quadratic), and a 50 MB "line" is not a spreadsheet export.
 * A quoted cell spanning lines only makes this check more lenient, never wrong.
 */
async function* limitLineLength(chunks: AsyncIterable<string>): AsyncIterable<string> {
  let run = 0;
  let line = 1;
  for await (const chunk of chunks) {
    let last = -1;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (c === 10 || c === 13) {
        if (c === 10 || chunk.charCodeAt(i + 1) !== 10) line++;
        last = i;
      }
    }
    run = last < 0 ? run + chunk.length : chunk.length - last - 1;
    if (run > MAX_CSV_LINE) throw new UnreadableFileError(`line ${line} runs past ${MAX_CSV_LINE >> 20} MB without a line break: not a delimited text export`);
    yield chunk;
  }
}

/** Largest XLSX Recoup opens, and the cap on what its parts may unpack to (zip-bomb guard). */
export const MAX_XLSX_BYTES = 512 * 1024 * 1024;

/** Rows of the first worksheet of an XLSX workbook, every cell as text. */
export async function* readXlsxRows(file: string, progress?: (bytes: number) => void): AsyncIterable<string[][]> {
  if (statSync(file).size > MAX_XLSX_BYTES) throw new UnreadableFileError(`${basename(file)}: the workbook is larger than ${MAX_XLSX_BYTES >> 20} MB`);
  // Zip-bomb and corrupt-container guard: declared sizes and ratios, then the real unpacked sizes.
  await checkZipContents(file, readZipDirectory(file));
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit', entries: 'emit' });
  let batch: string[][] = [];
  let expected = 1;
  try {
    for await (const worksheet of reader) {
      for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
        if (row.number > MAX_ROWS) throw new UnreadableFileError(`${basename(file)}: row ${row.number} is past Excel's last row (${MAX_ROWS}): the workbook is corrupt`);
        while (expected < row.number) {
          batch.push([]);
          expected++;
          if (batch.length >= ROW_BATCH) {
            yield batch;
            batch = [];
          }
        }
        const cells: string[] = [];
        const values = row.values as unknown[];
        if (values.length - 1 > MAX_COLUMNS) throw new UnreadableFileError(`${basename(file)}: row ${row.number} has ${values.length - 1} cells; a sheet has at most ${MAX_COLUMNS} columns: the workbook is corrupt`);
        for (let c = 1; c < values.length; c++) cells.push(cellText(values[c]));
        batch.push(cells);
        expected = row.number + 1;
        if (batch.length >= ROW_BATCH) {
          yield batch;
          batch = [];
        }
      }
      break; // the first worksheet holds the export
    }
  } catch (err) {
    if (err instanceof UnreadableFileError) throw err;
    throw new UnreadableFileError(`${basename(file)}: the workbook cannot be read (${(err as Error).message})`);
  }
  progress?.(statSync(file).size);
  if (batch.length) yield batch;
}

/** A cell value as the text a person sees: dates as ISO days, numbers as written, formulas by result. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return numberText(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as { richText?: Array<{ text: string }>; text?: unknown; result?: unknown; error?: string; formula?: string };
    if (o.richText) return o.richText.map((r) => r.text).join('');
    if ('result' in o) return cellText(o.result);
    if (o.text !== undefined) return cellText(o.text);
    if (o.error) return '';
  }
  return String(v);
}

/**
 * A numeric cell as plain decimal text. Exactly three decimals get a fourth zero: `5.125` would
 * otherwise read as 5125 in a decimal-comma marketplace, where `5.125` is how five thousand one
 * hundred twenty-five is grouped. Exponent forms (1e-7, 1e21) are written out in full.
 */
export function numberText(v: number): string {
  if (!Number.isFinite(v)) return '';
  let s = String(v);
  if (/e/i.test(s)) s = Math.abs(v) >= 1 ? BigInt(Math.round(v)).toString() : v.toFixed(10).replace(/0+$/, '');
  if (/\.\d{3}$/.test(s)) s += '0';
  return s;
}

/** Largest JSON document read whole. */
export const MAX_JSON_BYTES = 256 * 1024 * 1024;

export async function readJsonFile(file: string): Promise<unknown> {
  const size = statSync(file).size;
  if (size > MAX_JSON_BYTES) throw new UnreadableFileError(`${basename(file)}: the JSON file is larger than ${MAX_JSON_BYTES >> 20} MB; split the API download into pages`);
  const bytes = readFileSync(file);
  const { encoding, bomLength } = detectEncoding(bytes);
  const text = new TextDecoder(encoding).decode(bytes.subarray(bomLength));
  const depth = jsonDepth(text);
  if (depth > MAX_JSON_DEPTH) throw new UnreadableFileError(`${basename(file)}: the JSON is nested more than ${MAX_JSON_DEPTH} levels deep; it is not an SP-API payload`);
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new UnreadableFileError(`${basename(file)}: not valid JSON (${(err as Error).message})`);
  }
}

/** Deepest nesting read: SP-API payloads are under 10 levels; the parsers walk documents recursively. */
export const MAX_JSON_DEPTH = 64;

/** Deepest bracket nesting outside strings, stopping early once past the limit. */
function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) max = depth;
      if (max > MAX_JSON_DEPTH) return max;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return max;
}
