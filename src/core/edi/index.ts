// ANSI X12 interchanges (810, 820, 850, 855, 856) read as a stream of text chunks. The reader
// checks the envelopes and hands over whole transactions; each is mapped to records on its own,
// so a broken transaction becomes one reject and the rest of the file is still read.
import type { ImportRecord, ParseChunk, ParseContext, ParseMeta, Reject, SourceFormat } from '../records';
import { MoneyFormatError } from '../../shared/money';
import { DateFormatError } from '../../shared/dates';
import type { Mapper } from './common';
import { EdiFieldError } from './fields';
import { X12Reader, type Transaction } from './reader';
import { map810 } from './x810';
import { map820 } from './x820';
import { map850, map855 } from './x850';
import { map856 } from './x856';

export { X12Reader } from './reader';
export type { Segment, Transaction } from './reader';

const MAPPERS: Record<string, { format: SourceFormat; map: Mapper; name: string }> = {
  '810': { format: 'x12_810', map: map810, name: 'invoice' },
  '820': { format: 'x12_820', map: map820, name: 'remittance' },
  '850': { format: 'x12_850', map: map850, name: 'purchase order' },
  '855': { format: 'x12_855', map: map855, name: 'PO acknowledgement' },
  '856': { format: 'x12_856', map: map856, name: 'ship notice' },
};

/** Records per yielded chunk (a document with many lines counts each line). */
const CHUNK_UNITS = 1000;
const RAW_LIMIT = 2000;

export async function* parseX12(chunks: AsyncIterable<string>, ctx: ParseContext): AsyncIterable<ParseChunk> {
  const reader = new X12Reader(ctx.fileName);
  const state = new ChunkState(ctx);
  for await (const text of chunks) {
    for (const ev of reader.feed(text)) {
      if (ev.type === 'reject') state.rejects.push(ev.reject);
      else state.transaction(ev.tx);
      yield* state.takeReady();
    }
  }
  for (const ev of reader.end()) {
    if (ev.type === 'reject') state.rejects.push(ev.reject);
    else state.transaction(ev.tx);
  }
  yield* state.takeReady();
  yield* state.finish();
}

/**
 * Collects records into chunks of about CHUNK_UNITS. A chunk holds one transaction set type, and
 * says which (meta.format) when it changes, so every stored row carries its precise source
 * (x12_810, x12_856…); a file of several types ends with format x12 for the batch.
 */
class ChunkState {
  records: ImportRecord[] = [];
  rejects: Reject[] = [];
  notes: string[] = [];
  private units = 0;
  private ready: ParseChunk[] = [];
  private readonly skipped = new Map<string, number>();
  private readonly noteSeen = new Set<string>();
  private readonly formats = new Set<SourceFormat>();
  /** Format of the records in the chunk being filled, and the last one announced. */
  private chunkFormat: SourceFormat | null = null;
  private announced: SourceFormat | null = null;

  constructor(private readonly ctx: ParseContext) {}

  transaction(tx: Transaction): void {
    const where = `transaction ${tx.control || '(no control number)'} (ST at segment ${tx.pos})`;
    const mapper = MAPPERS[tx.setId];
    if (mapper) {
      this.formats.add(mapper.format);
      this.chunkFormat ??= mapper.format;
    }
    if (tx.problems.length > 0) {
      this.rejects.push({ location: where, field: tx.problems[0]!.field, reason: `${tx.setId} ${mapper?.name ?? 'transaction'}: ${tx.problems.map((p) => p.reason).join('; ')}`, raw: rawOf(tx) });
      return;
    }
    if (!mapper) {
      const id = tx.setId || '(no ST01)';
      this.skipped.set(id, (this.skipped.get(id) ?? 0) + 1);
      return;
    }
    let out;
    try {
      out = mapper.map(tx, this.ctx, where);
    } catch (err) {
      this.rejects.push(toReject(err, tx, where, mapper.name));
      return;
    }
    if (out.records.length > 0 && this.chunkFormat !== mapper.format) {
      if (this.records.length > 0) this.cut();
      this.chunkFormat = mapper.format;
    }
    for (const r of out.records) {
      this.records.push(r);
      this.units += 'lines' in r ? Math.max(1, r.lines.length) : 1;
    }
    this.rejects.push(...out.rejects);
    for (const n of out.notes) {
      if (this.noteSeen.has(n)) continue;
      this.noteSeen.add(n);
      this.notes.push(n);
    }
  }

  /** Chunks ready to hand on; a file of many rejects is handed on in chunks too. */
  *takeReady(): Generator<ParseChunk> {
    if (this.units >= CHUNK_UNITS || this.rejects.length >= CHUNK_UNITS) this.cut();
    while (this.ready.length > 0) yield this.ready.shift()!;
  }

  /** The last chunks; for a file of several types, an empty one that names the batch x12. */
  finish(): ParseChunk[] {
    const skipped = [...this.skipped.entries()].map(([id, n]) => `${n} × ${id}`);
    if (skipped.length) this.notes.push(`${this.ctx.fileName}: skipped transaction sets Recoup does not import: ${skipped.join(', ')}`);
    const last = this.build();
    if (this.formats.size <= 1) return [last];
    return [last, { records: [], rejects: [], meta: { format: 'x12' } }];
  }

  /** Closes the chunk being filled. */
  private cut(): void {
    this.ready.push(this.build());
  }

  private build(): ParseChunk {
    const chunk: ParseChunk = { records: this.records, rejects: this.rejects };
    const meta: ParseMeta = {};
    if (this.chunkFormat && this.chunkFormat !== this.announced) {
      meta.format = this.chunkFormat;
      this.announced = this.chunkFormat;
    }
    if (this.notes.length) meta.notes = this.notes;
    if (meta.format || meta.notes) chunk.meta = meta;
    this.records = [];
    this.rejects = [];
    this.notes = [];
    this.units = 0;
    return chunk;
  }
}

function toReject(err: unknown, tx: Transaction, where: string, name: string): Reject {
  if (err instanceof EdiFieldError) {
    return { location: `${where}, segment ${err.segment.pos} (${err.segment.id})`, field: err.field, reason: `${tx.setId} ${name}: ${err.message}`, raw: err.segment.text };
  }
  if (err instanceof MoneyFormatError || err instanceof DateFormatError) {
    return { location: where, field: null, reason: `${tx.setId} ${name}: ${err.message}`, raw: rawOf(tx) };
  }
  throw err;
}

function rawOf(tx: Transaction): string {
  let s = '';
  for (const seg of tx.segments) {
    s += `${seg.text}~`;
    if (s.length > RAW_LIMIT) return `${s.slice(0, RAW_LIMIT)}…`;
  }
  return s;
}
