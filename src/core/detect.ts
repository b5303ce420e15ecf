// Format detection from content, not from the file extension: zip magic for XLSX, the ISA header
// for X12, a JSON object for SP-API payloads, otherwise delimited text.
import { detectEncoding } from './text';

export type FileKind = 'xlsx' | 'x12' | 'json' | 'csv';

export interface Sniffed {
  kind: FileKind | null;
  /** Why the kind was chosen, or why none fits. */
  reason: string;
}

export function sniffKind(head: Uint8Array, fileName: string): Sniffed {
  if (head.length === 0) return { kind: null, reason: 'the file is empty' };
  if (head[0] === 0x50 && head[1] === 0x4b && (head[2] === 0x03 || head[2] === 0x05)) return { kind: 'xlsx', reason: 'a zip container (XLSX workbook)' };
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) {
    return { kind: null, reason: 'an old Excel 97-2003 (.xls) workbook: save it as .xlsx or .csv first' };
  }
  if (/\.xlsx?$/i.test(fileName)) return { kind: null, reason: 'named .xlsx but not a zip container: the file is corrupt or not a workbook' };
  const { encoding, bomLength } = detectEncoding(head);
  const text = new TextDecoder(encoding).decode(head.subarray(bomLength, Math.min(head.length, 8192)));
  const start = text.trimStart();
  if (start.startsWith('ISA')) return { kind: 'x12', reason: 'an X12 interchange (ISA header)' };
  if (start.startsWith('{') || start.startsWith('[')) return { kind: 'json', reason: 'a JSON document' };
  if (/^(GS|ST)[*|^~]/.test(start)) return { kind: null, reason: 'X12 segments without an ISA envelope: the interchange header is missing' };
  if (hasBinary(text)) return { kind: null, reason: 'binary content that is not a workbook, X12 or text' };
  return { kind: 'csv', reason: 'delimited text' };
}

function hasBinary(text: string): boolean {
  let control = 0;
  const n = Math.min(text.length, 4096);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0 || (c < 9) || (c > 13 && c < 32)) control++;
  }
  return control > 8;
}
