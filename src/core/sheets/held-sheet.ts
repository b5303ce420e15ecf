// What the remittance and register readers share: data rows wait until the sheet's locale (date
// order, decimal style) is known, then convert; records and rejects are handed out in chunks.
import type { ImportRecord, Reject } from '../records';
import { LocaleEvidence, type SheetLocale } from './locale';

export abstract class LocaleHeldSheet<Row> {
  readonly evidence = new LocaleEvidence();
  readonly notes: string[] = [];
  protected locale: SheetLocale | null = null;
  protected records: ImportRecord[] = [];
  protected rejects: Reject[] = [];
  private pending: Row[] = [];

  protected abstract convert(row: Row): void;

  /** Convert the row now if the locale is known, else hold it until setLocale. */
  protected take(row: Row): void {
    if (this.locale) this.convert(row);
    else this.pending.push(row);
  }

  get pendingRows(): number {
    return this.pending.length;
  }

  setLocale(locale: SheetLocale): void {
    this.locale = locale;
    const held = this.pending;
    this.pending = [];
    for (const r of held) this.convert(r);
  }

  /** Records and rejects ready so far. */
  drain(): { records: ImportRecord[]; rejects: Reject[] } {
    const out = { records: this.records, rejects: this.rejects };
    this.records = [];
    this.rejects = [];
    return out;
  }
}
