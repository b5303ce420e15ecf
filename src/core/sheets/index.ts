// Spreadsheet-shaped files (Vendor Central XLSX/CSV exports and ERP registers): which layout a
// sheet is, and its rows turned into records. The layout is recognised from a header row found by
// its labels; the marketplace (date order, decimal style, currency) from the analyst's hint or the
// file's own currencies and dates, holding rows back until the dates tell or the buffer is full.
import type { ParseChunk, ParseContext, ParseMeta } from '../records';
import { UnreadableFileError } from '../records';
import { fingerprint, normaliseHeader, type MappingProfile } from './profiles';
import { BUILTIN_PROFILES } from './builtin-profiles';
import { HeaderError, VcRemittanceSheet, isLineHeader, isPaymentHeader } from './vc-remittance';
import { RegisterSheet, chooseProfile, missingFields, resolveProfile } from './register';
import { isBlankRow } from './cells';

export { fingerprint, normaliseHeader } from './profiles';
export type { MappingProfile, RegisterTarget } from './profiles';
export { BUILTIN_PROFILES } from './builtin-profiles';
export { chooseProfile, resolveProfile, missingFields, suggestColumns } from './register';

const TARGETS = new Set(['invoices', 'shipments', 'purchase_orders', 'receipts']);

export interface SheetContext extends ParseContext {
  container: 'xlsx' | 'csv';
  /** Built-in and user-saved register profiles, matched by header fingerprint. */
  profiles: readonly MappingProfile[];
}

/** Non-empty rows read while looking for a header row before the layout is declared unknown. */
const DETECT_ROWS = 50;
/** Rows (blank ones included) read before a header row must have appeared. */
const MAX_LEADING_ROWS = 10_000;
/** Data rows held back while the dates have not yet told their order. */
const LOCALE_BUFFER = 20_000;

type Sheet = VcRemittanceSheet | RegisterSheet;

/**
 * Rows arrive in batches, cells as text, in sheet order (row 1 first; empty rows as []).
 * Yields records and rejects as it goes; throws UnreadableFileError when no known layout fits,
 * naming the headers it found.
 */
export async function* parseSheet(rows: AsyncIterable<string[][]>, ctx: SheetContext): AsyncIterable<ParseChunk> {
  let sheet: Sheet | null = null;
  let head: Array<{ row: string[]; rowNo: number }> = [];
  let nonEmpty = 0;
  let rowNo = 0;
  let localeSet = false;
  let firstChunk = true;
  const meta: ParseMeta = {};

  const start = (s: Sheet) => {
    sheet = s;
    meta.format = s instanceof VcRemittanceSheet
      ? (ctx.container === 'xlsx' ? 'vc_remittance_xlsx' : 'vc_remittance_csv')
      : (ctx.container === 'xlsx' ? 'register_xlsx' : 'register_csv');
    if (s instanceof RegisterSheet) meta.profile = s.profile.id;
    for (const h of head) feed(s, h.row, h.rowNo);
    head = [];
  };
  const decideLocale = (s: Sheet) => {
    const fixed = s instanceof RegisterSheet ? { dateOrder: s.profile.dateOrder, decimal: s.profile.decimal } : {};
    const money = !(s instanceof RegisterSheet) || s.profile.target === 'invoices' || s.profile.target === 'purchase_orders';
    const locale = s.evidence.decide(ctx.marketplace, fixed, money);
    if (locale.marketplace) meta.marketplace = locale.marketplace;
    meta.notes = [locale.note];
    s.setLocale(locale);
    localeSet = true;
  };
  const feed = (s: Sheet, row: string[], n: number) => {
    try {
      s.push(row, n);
    } catch (err) {
      if (err instanceof HeaderError) throw new UnreadableFileError(`${ctx.fileName}: ${err.message}`);
      throw err;
    }
  };

  for await (const batch of rows) {
    for (const row of batch) {
      rowNo++;
      if (sheet) {
        feed(sheet, row, rowNo);
        continue;
      }
      if (isBlankRow(row)) {
        // Blank rows before any header are not kept past a point: a sheet of nothing is unknown.
        if (rowNo > MAX_LEADING_ROWS) throw nonEmpty === 0 ? new UnreadableFileError(`${ctx.fileName}: the sheet is empty`) : unknownLayout(head, ctx);
        head.push({ row, rowNo });
        continue;
      }
      head.push({ row, rowNo });
      nonEmpty++;
      const found = detect(row, rowNo, ctx);
      if (found) start(found);
      else if (nonEmpty >= DETECT_ROWS) throw unknownLayout(head, ctx);
    }
    const s = sheet as Sheet | null;
    if (!s) continue;
    if (!localeSet && (ctx.marketplace || s.evidence.settled || s.pendingRows >= LOCALE_BUFFER)) decideLocale(s);
    if (localeSet) {
      const chunk: ParseChunk = s.drain();
      if (firstChunk) {
        chunk.meta = { ...meta };
        firstChunk = false;
      }
      if (chunk.records.length || chunk.rejects.length || chunk.meta) yield chunk;
    }
  }
  const s = sheet as Sheet | null;
  if (!s) {
    if (nonEmpty === 0) throw new UnreadableFileError(`${ctx.fileName}: the sheet is empty`);
    throw unknownLayout(head, ctx);
  }
  if (!localeSet) decideLocale(s);
  s.finish();
  const chunk: ParseChunk = s.drain();
  const final: ParseMeta = firstChunk ? { ...meta } : {};
  const notes = [...(firstChunk ? meta.notes ?? [] : []), ...s.notes];
  if (notes.length) final.notes = notes;
  if (s instanceof VcRemittanceSheet && s.hidden.length) final.hiddenLinePayments = [...s.hidden];
  chunk.meta = final;
  yield chunk;
}

/** Which layout a row is the header of, if any. */
function detect(row: string[], rowNo: number, ctx: SheetContext): Sheet | null {
  if (isPaymentHeader(row) || isLineHeader(row)) return new VcRemittanceSheet(ctx.container);
  const labels = new Set(row.map((c) => normaliseHeader(String(c ?? ''))));
  if (labels.has('vendor code') && labels.has('transaction no') && (labels.has('deducted amount') || labels.has('balance'))) {
    // DOMAIN.md §2.4: open Amazon debits awaiting deduction. No Recoup record holds them yet
    // (they are neither payments nor remittance lines), so the file is named, not imported.
    throw new UnreadableFileError(`${ctx.fileName}: this is Vendor Central's "payables ready for deduction" list (header at row ${rowNo}); Recoup recognises it but does not import it yet — its Transaction numbers appear on remittances as Invoice Numbers once Amazon deducts them, so import the Remittance export instead`);
  }
  if (row.filter((c) => String(c ?? '').trim() !== '').length < 2) return null;
  const choice = chooseProfile(row, ctx.profiles.length ? ctx.profiles : BUILTIN_PROFILES);
  if (choice.kind === 'none') return null;
  if (choice.kind === 'ambiguous') {
    const names = choice.candidates.map((c) => `"${c.profile.name}"`).join(' or ');
    throw new UnreadableFileError(`${ctx.fileName}: the headers at row ${rowNo} (${headerList(row)}) fit ${names} equally well; Recoup will not guess — save a mapping profile for this layout (saveProfile in src/services/profiles.ts, fingerprint "${fingerprint(row)}") and import again`);
  }
  if (!TARGETS.has(choice.resolved.profile.target)) {
    throw new UnreadableFileError(`${ctx.fileName}: mapping profile "${choice.resolved.profile.name}" has target "${choice.resolved.profile.target}"; Recoup imports invoices, shipments, purchase_orders or receipts`);
  }
  const chosen = choice.resolved;
  if (!chosen.profile.builtin) {
    // A saved profile must map what Recoup needs for its kind of document.
    const base = BUILTIN_PROFILES.find((p) => p.target === chosen.profile.target && p.id === `builtin-${chosen.profile.target.replace('_', '-')}`);
    const lacking = (base?.required ?? []).filter((req) => !(Array.isArray(req) ? req : [req]).some((f) => chosen.cols.has(f)));
    if (lacking.length) {
      const names = lacking.map((req) => (Array.isArray(req) ? req.join(' or ') : req)).join(', ');
      throw new UnreadableFileError(`${ctx.fileName}: mapping profile "${chosen.profile.name}" maps no column to ${names}, which ${chosen.profile.target} need; edit the profile and import again`);
    }
  }
  return new RegisterSheet(chosen, row.map((c) => String(c ?? '').trim()), rowNo, ctx.container);
}

function headerList(row: readonly string[]): string {
  return row.map((c) => String(c ?? '').trim()).filter(Boolean).join(', ');
}

function unknownLayout(head: Array<{ row: string[]; rowNo: number }>, ctx: SheetContext): UnreadableFileError {
  const candidate = head.find((h) => h.row.filter((c) => String(c ?? '').trim() !== '').length >= 2) ?? head.find((h) => !isBlankRow(h.row));
  const headers = candidate ? headerList(candidate.row) : '';
  const at = candidate ? ` (row ${candidate.rowNo})` : '';
  let closest = '';
  if (candidate) {
    // The built-in layout that comes nearest, so the analyst sees which columns are missing.
    const ranked = BUILTIN_PROFILES.map((p) => ({ p, missing: missingFields(p, candidate.row), found: (resolveAll(p, candidate.row)) }))
      .filter((x) => x.found > 0)
      .sort((a, b) => a.missing.length - b.missing.length || b.found - a.found);
    const best = ranked[0];
    if (best) closest = ` The nearest built-in layout, "${best.p.name}", lacks ${best.missing.join(', ')}.`;
  }
  return new UnreadableFileError(
    `${ctx.fileName}: unknown spreadsheet layout — headers found${at}: ${headers || 'none'}.${closest} ` +
    'It is not a Vendor Central Remittance export and matches no mapping profile; Recoup never guesses what columns mean: ' +
    `save a mapping profile for this layout (saveProfile in src/services/profiles.ts, fingerprint "${candidate ? fingerprint(candidate.row) : ''}") and import again`,
  );
}

function resolveAll(p: MappingProfile, row: readonly string[]): number {
  return resolveProfile({ ...p, required: [] }, row)?.score ?? 0;
}
