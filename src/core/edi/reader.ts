// A small streaming X12 reader: text chunks in (split anywhere, even inside a segment or a CRLF),
// whole transactions (ST…SE) out, with the envelope checked on the way. Only the transaction
// being read is held in memory, never the file.
import type { Reject } from '../records';
import { UnreadableFileError } from '../records';

export interface Segment {
  /** Segment id (ST, BIG, IT1…). */
  id: string;
  /** Elements; el[0] is the id, so el[1] is the X12 "01" element. */
  el: string[];
  /** 1-based position of the segment in the file (ISA of the first interchange = 1). */
  pos: number;
  /** The segment text as written, without its terminator or surrounding whitespace. */
  text: string;
}

export interface Transaction {
  /** ST01: 810, 856, 820… */
  setId: string;
  /** ST02 control number. */
  control: string;
  /** Position of the ST segment. */
  pos: number;
  /** ST…SE inclusive. */
  segments: Segment[];
  /** GS08 version (004010, 005010VICS…) or null outside a group. */
  version: string | null;
  componentSeparator: string;
  /** Envelope problems that make the transaction unusable (count or control mismatch, no SE…). */
  problems: Array<{ field: string | null; reason: string }>;
}

export type ReaderEvent = { type: 'transaction'; tx: Transaction } | { type: 'reject'; reject: Reject };

interface Interchange { control: string; pos: number; groups: number }
interface Group { control: string; pos: number; sets: number; version: string | null; controls: Set<string | number> }

/** Longest segment read: real X12 segments are under a few KB. */
const MAX_SEGMENT_LENGTH = 1 << 20;
const MAX_ISA_LENGTH = 200; // a fixed-width ISA is 106 characters; allow unpadded or overlong ones

export class X12Reader {
  private buf = '';
  private off = 0;
  private pos = 0;
  private elementSep = '';
  private componentSep = '';
  private terminator = '';
  private interchange: Interchange | null = null;
  private group: Group | null = null;
  private tx: Transaction | null = null;
  private interchanges = 0;
  private events: ReaderEvent[] = [];

  constructor(private readonly fileName: string) {}

  /** Feed a chunk; returns the transactions and envelope rejects completed by it. */
  push(chunk: string): ReaderEvent[] {
    return [...this.feed(chunk)];
  }

  /**
   * Feed a chunk and get its transactions one by one, as each SE is read: the caller can hand
   * records on before the rest of the chunk is split, so only one transaction's segments live.
   */
  *feed(chunk: string): Generator<ReaderEvent> {
    const rest = this.buf.slice(this.off);
    this.off = 0;
    const idx = rest !== '' && this.interchange ? chunk.indexOf(this.terminator) : -1;
    if (idx >= 0) {
      // Finish the segment left open by the last chunk on a small joined string, then read the
      // chunk itself in place: concatenating whole chunks would copy every megabyte once more.
      const cut = idx + this.terminator.length;
      this.buf = rest + chunk.slice(0, cut);
      while (this.scan(false)) yield* this.take();
      yield* this.take();
      const left = this.buf.slice(this.off);
      this.buf = left === '' ? chunk.slice(cut) : left + chunk.slice(cut);
      this.off = 0;
    } else {
      this.buf = rest + chunk;
    }
    while (this.scan(false)) yield* this.take();
    yield* this.take();
  }

  /** End of input: the last segment may lack its terminator; a missing IEA makes the file unreadable. */
  end(): ReaderEvent[] {
    const early: ReaderEvent[] = [];
    while (this.scan(true)) early.push(...this.take());
    const rest = this.buf.slice(this.off).trim();
    this.buf = '';
    this.off = 0;
    if (rest !== '' && this.interchange) this.segment(rest);
    else if (rest !== '' && !this.interchange) this.needIsa(rest);
    if (this.interchange) {
      const where = this.tx ? ` in transaction ${this.tx.control} (ST at segment ${this.tx.pos})` : '';
      throw new UnreadableFileError(
        `${this.fileName}: the file ends${where} before the IEA trailer of interchange ${this.interchange.control} (ISA at segment ${this.interchange.pos}): it is truncated or incomplete`,
      );
    }
    if (this.interchanges === 0) throw new UnreadableFileError(`${this.fileName}: no ISA interchange header found`);
    return [...early, ...this.take()];
  }

  private take(): ReaderEvent[] {
    const out = this.events;
    this.events = [];
    return out;
  }

  /** Splits segments off the buffer; returns true (to be called again) as soon as events are waiting. */
  private scan(final: boolean): boolean {
    const buf = this.buf;
    while (this.off < buf.length) {
      if (this.events.length > 0) return true;
      if (!this.interchange) {
        if (!this.readIsa(final)) return false;
        continue;
      }
      const end = buf.indexOf(this.terminator, this.off);
      if (end < 0) {
        // An unterminated run would be re-scanned on every chunk (quadratic) and held whole.
        if (buf.length - this.off > MAX_SEGMENT_LENGTH) {
          throw new UnreadableFileError(`${this.fileName}: segment ${this.pos + 1} runs past ${MAX_SEGMENT_LENGTH >> 20} MB without a segment terminator: the file is corrupt or not X12`);
        }
        return false;
      }
      let s = this.off;
      let e = end;
      this.off = end + this.terminator.length;
      // Newlines and indentation between segments are layout, not data.
      while (s < e && buf.charCodeAt(s) <= 32) s++;
      while (e > s && buf.charCodeAt(e - 1) <= 32) e--;
      if (s === e) continue;
      const text = buf.slice(s, e);
      if (text.startsWith('ISA') && text.charAt(3) !== '' && !/[A-Z0-9]/i.test(text.charAt(3))) {
        // A new interchange before this one's IEA: report it, then re-read delimiters from the new ISA.
        this.missingIea(s);
        this.off = s;
        continue;
      }
      this.segment(text);
    }
    return false;
  }

  /** Reads an ISA header at the cursor; false when more input is needed. */
  private readIsa(final: boolean): boolean {
    const buf = this.buf;
    let s = this.off;
    while (s < buf.length && (buf.charCodeAt(s) <= 32 || buf.charCodeAt(s) === 0xfeff)) s++;
    this.off = s;
    if (s >= buf.length) return false;
    if (buf.length - s < 4 && !final) return false;
    const head = buf.slice(s, s + 3);
    if (head !== 'ISA') {
      const where = this.interchanges === 0 ? 'the file does not start with an ISA interchange header' : `segment ${this.pos + 1}: expected an ISA header after the IEA trailer`;
      throw new UnreadableFileError(`${this.fileName}: ${where} (found "${buf.slice(s, s + 20).replace(/\s+/g, ' ')}")`);
    }
    const sep = buf.charAt(s + 3);
    if (sep === '' || /[A-Za-z0-9\s]/.test(sep)) {
      if (sep === '' && !final) return false;
      throw new UnreadableFileError(`${this.fileName}: malformed ISA header at segment ${this.pos + 1}: the 4th character "${sep}" cannot be an element separator`);
    }
    // ISA16 (component separator) follows the 16th element separator; the segment terminator follows it.
    let count = 0;
    let i = s + 3;
    for (; i < buf.length && i - s < MAX_ISA_LENGTH; i++) {
      if (buf[i] === sep && ++count === 16) break;
    }
    if (count < 16 || i + 2 >= buf.length) {
      if (!final && i - s < MAX_ISA_LENGTH && i + 2 >= buf.length) return false;
      throw new UnreadableFileError(`${this.fileName}: malformed ISA header at segment ${this.pos + 1}: expected 16 elements separated by "${sep}", found ${count}`);
    }
    const component = buf.charAt(i + 1);
    let term = buf.charAt(i + 2);
    if (term === '\r' && buf.charAt(i + 3) === '\n') term = '\r\n';
    else if (term === '\r' && i + 3 >= buf.length && !final) return false; // a CRLF split across chunks
    if (/[A-Za-z0-9 ]/.test(component) || component === sep) {
      throw new UnreadableFileError(`${this.fileName}: malformed ISA header at segment ${this.pos + 1}: ISA16 "${component}" cannot be a component separator`);
    }
    if (/[A-Za-z0-9 ]/.test(term) || term === sep || term === component) {
      throw new UnreadableFileError(`${this.fileName}: malformed ISA header at segment ${this.pos + 1}: "${term}" after ISA16 cannot be a segment terminator`);
    }
    const text = buf.slice(s, i + 2);
    const el = text.split(sep);
    this.elementSep = sep;
    this.componentSep = component;
    this.terminator = term;
    this.pos += 1;
    this.interchanges += 1;
    const control = (el[13] ?? '').trim();
    if (!/^\d{1,9}$/.test(control)) {
      throw new UnreadableFileError(`${this.fileName}: malformed ISA header at segment ${this.pos}: ISA13 (interchange control number) "${control}" is not a number`);
    }
    this.interchange = { control, pos: this.pos, groups: 0 };
    this.off = i + 2 + term.length;
    return true;
  }

  private needIsa(rest: string): void {
    this.buf = rest;
    this.off = 0;
    this.readIsa(true);
  }

  private segment(text: string): void {
    const el = text.split(this.elementSep);
    const id = el[0]!;
    const seg: Segment = { id, el, pos: ++this.pos, text };
    switch (id) {
      case 'GS': return this.openGroup(seg);
      case 'ST': return this.openTx(seg);
      case 'SE': return this.closeTx(seg);
      case 'GE': return this.closeGroup(seg);
      case 'IEA': return this.closeInterchange(seg);
    }
    if (this.tx) {
      this.tx.segments.push(seg);
    } else if (id !== 'TA1') {
      this.envelopeReject(`segment ${seg.pos} (${id})`, null, `${id} is outside any ST…SE transaction; skipped`, text);
    }
  }

  private openGroup(seg: Segment): void {
    if (this.group) this.unclosedGroup(seg.pos);
    this.group = { control: (seg.el[6] ?? '').trim(), pos: seg.pos, sets: 0, version: (seg.el[8] ?? '').trim() || null, controls: new Set() };
    this.interchange!.groups += 1;
  }

  private openTx(seg: Segment): void {
    if (this.tx) this.unclosedTx(seg.pos);
    const control = (seg.el[2] ?? '').trim();
    this.tx = {
      setId: (seg.el[1] ?? '').trim(), control, pos: seg.pos, segments: [seg], version: this.group?.version ?? null,
      componentSeparator: this.componentSep, problems: [],
    };
    if (this.group) {
      this.group.sets += 1;
      // ST02 must be unique in its group: a repeat is a resent or spliced transaction.
      // Numeric control numbers are kept as numbers: a group of a million sets stays small.
      const key = /^\d{1,15}$/.test(control) ? Number(control) : control;
      if (control !== '' && this.group.controls.has(key)) {
        this.tx.problems.push({ field: 'ST02', reason: `ST02 control number "${control}" repeats an earlier transaction of group ${this.group.control}` });
      }
      this.group.controls.add(key);
    } else this.tx.problems.push({ field: 'GS', reason: `ST at segment ${seg.pos} is not inside a GS…GE functional group` });
    if (control === '') this.tx.problems.push({ field: 'ST02', reason: 'ST02 (transaction set control number) is missing' });
  }

  private closeTx(seg: Segment): void {
    const tx = this.tx;
    if (!tx) {
      this.envelopeReject(`segment ${seg.pos} (SE)`, 'SE', 'SE trailer without a matching ST header; skipped', seg.text);
      return;
    }
    tx.segments.push(seg);
    const declared = (seg.el[1] ?? '').trim();
    const control = (seg.el[2] ?? '').trim();
    if (control !== tx.control) tx.problems.push({ field: 'SE02', reason: `SE02 control number "${control}" does not match ST02 "${tx.control}"` });
    if (!/^\d+$/.test(declared)) tx.problems.push({ field: 'SE01', reason: `SE01 (number of included segments) "${declared}" is not a number` });
    else if (Number(declared) !== tx.segments.length) {
      tx.problems.push({ field: 'SE01', reason: `SE01 says ${Number(declared)} segments but the transaction has ${tx.segments.length} (ST to SE): segments are missing or extra` });
    }
    this.tx = null;
    this.events.push({ type: 'transaction', tx });
  }

  private closeGroup(seg: Segment): void {
    if (this.tx) this.unclosedTx(seg.pos);
    const g = this.group;
    if (!g) {
      this.envelopeReject(`segment ${seg.pos} (GE)`, 'GE', 'GE trailer without a matching GS header', seg.text);
      return;
    }
    this.group = null;
    const count = (seg.el[1] ?? '').trim();
    const control = (seg.el[2] ?? '').trim();
    const where = `group ${g.control} (GS at segment ${g.pos})`;
    if (control !== g.control) this.envelopeReject(where, 'GE02', `GE02 control number "${control}" does not match GS06 "${g.control}"`, seg.text);
    if (!/^\d+$/.test(count) || Number(count) !== g.sets) {
      this.envelopeReject(where, 'GE01', `GE01 says ${count || '(empty)'} transaction sets but the group holds ${g.sets}`, seg.text);
    }
  }

  private closeInterchange(seg: Segment): void {
    if (this.tx) this.unclosedTx(seg.pos);
    if (this.group) this.unclosedGroup(seg.pos);
    const ic = this.interchange!;
    this.interchange = null;
    const count = (seg.el[1] ?? '').trim();
    const control = (seg.el[2] ?? '').trim();
    const where = `interchange ${ic.control} (ISA at segment ${ic.pos})`;
    if (control !== ic.control) this.envelopeReject(where, 'IEA02', `IEA02 control number "${control}" does not match ISA13 "${ic.control}"`, seg.text);
    if (!/^\d+$/.test(count) || Number(count) !== ic.groups) {
      this.envelopeReject(where, 'IEA01', `IEA01 says ${count || '(empty)'} functional groups but the interchange holds ${ic.groups}`, seg.text);
    }
  }

  private unclosedTx(atPos: number): void {
    const tx = this.tx!;
    tx.problems.push({ field: 'SE', reason: `no SE trailer before segment ${atPos}: the transaction is incomplete` });
    this.tx = null;
    this.events.push({ type: 'transaction', tx });
  }

  private unclosedGroup(atPos: number): void {
    const g = this.group!;
    this.group = null;
    this.envelopeReject(`group ${g.control} (GS at segment ${g.pos})`, 'GE', `no GE trailer before segment ${atPos}`, null);
  }

  private missingIea(_at: number): void {
    if (this.tx) this.unclosedTx(this.pos + 1);
    if (this.group) this.unclosedGroup(this.pos + 1);
    const ic = this.interchange!;
    this.envelopeReject(`interchange ${ic.control} (ISA at segment ${ic.pos})`, 'IEA', `no IEA trailer before the next ISA at segment ${this.pos + 1}`, null);
    this.interchange = null;
  }

  private envelopeReject(location: string, field: string | null, reason: string, raw: string | null): void {
    this.events.push({ type: 'reject', reject: { location, field, reason, raw } });
  }
}
