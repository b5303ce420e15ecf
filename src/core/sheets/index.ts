// Spreadsheet-shaped files (Vendor Central XLSX/CSV exports and ERP registers): which layout a
// sheet is, and its rows turned into records.
import type { ParseChunk, ParseContext } from '../records';
import { UnreadableFileError } from '../records';
import type { MappingProfile } from './profiles';

export interface SheetContext extends ParseContext {
  container: 'xlsx' | 'csv';
  /** Built-in and user-saved register profiles, matched by header fingerprint. */
  profiles: readonly MappingProfile[];
}

/**
 * Rows arrive in batches, cells as text, in sheet order (row 1 first; empty rows as []).
 * Yields records and rejects as it goes; throws UnreadableFileError when no known layout fits,
 * naming the headers it found.
 */
export async function* parseSheet(rows: AsyncIterable<string[][]>, ctx: SheetContext): AsyncIterable<ParseChunk> {
  for await (const _batch of rows) {
    throw new UnreadableFileError(`${ctx.fileName}: spreadsheet layouts are not supported yet`);
  }
}
