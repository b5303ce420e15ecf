// Findings worklist state. Rows are fetched a page at a time, only for the part of the list on
// screen (virtual scrolling): the renderer never holds the whole table.
import { create } from 'zustand';
import type { FindingDetailDto, FindingDto, FindingFilterDto, FindingsSummaryDto } from '../../../../shared/ipc';
import { addEvidence, call, downloadExport } from '../../lib/api';
import { useApp } from '../../store/app';
import { MoneyFormatError, parseCents } from '../../../../shared/money';

export const PAGE_SIZE = 100;
const VIEWS_KEY = 'recoup.savedViews';

export interface SavedView {
  name: string;
  filter: FindingFilterDto;
  sort: Sort;
}

function readViews(): SavedView[] {
  try {
    const v = JSON.parse(localStorage.getItem(VIEWS_KEY) ?? '[]') as SavedView[];
    return Array.isArray(v) ? v : [];
  } catch {
    return [];
  }
}
export type Sort = 'amount' | 'dispute_by' | 'type';
export type DeadlineWindow = NonNullable<FindingFilterDto['deadlineWindow']>;

/**
 * An amount the analyst typed ("1,250.00", "1250", blank) as minor units, or the reason it cannot
 * be one. Blank means no bound.
 */
export function parseAmountInput(text: string, label: string): { cents: number | undefined } | { error: string } {
  const t = text.trim();
  if (!t) return { cents: undefined };
  try {
    const cents = parseCents(t);
    if (cents === null) return { cents: undefined };
    if (cents < 0) return { error: `${label} must not be negative, got "${t}"` };
    return { cents };
  } catch (err) {
    if (err instanceof MoneyFormatError) return { error: `${label} must be an amount like 1,250.00, got "${t}"` };
    throw err;
  }
}

export type SearchField = 'invoiceNumber' | 'claimNumber' | 'poNumber' | 'asin' | 'paymentNumber';

interface FindingsState {
  filter: FindingFilterDto;
  sort: Sort;
  /** Bumped on every filter/sort change so late pages of an old query are dropped. */
  generation: number;
  total: number | null;
  pages: Record<number, FindingDto[]>;
  loading: Record<number, boolean>;
  /** Milliseconds the first page of the current query took (shown, and read by the e2e test). */
  firstPageMs: number | null;
  cursor: number;
  selected: Record<string, true>;
  openId: string | null;
  detail: FindingDetailDto | null;
  summary: FindingsSummaryDto | null;
  /** Named filter + sort combinations the analyst saved (kept in this browser / app profile). */
  views: SavedView[];
  saveView(name: string): void;
  applyView(name: string): void;
  deleteView(name: string): void;
  setFilter(patch: Partial<FindingFilterDto>): void;
  /** Why the last amount range typed was not applied (null when it was). */
  amountError: string | null;
  /** Apply an amount range typed as text (with any other filter changes, in one query); false (and amountError set) when it cannot be read. */
  setAmountRange(minText: string, maxText: string, also?: Partial<FindingFilterDto>): boolean;
  clearFilter(): void;
  setSort(sort: Sort): void;
  reload(): Promise<void>;
  ensurePages(from: number, to: number): void;
  rowAt(index: number): FindingDto | undefined;
  moveCursor(delta: number): void;
  setCursor(index: number): void;
  toggleSelected(id: string): void;
  clearSelection(): void;
  open(id: string | null): Promise<void>;
  refreshDetail(): Promise<void>;
  loadSummary(): Promise<void>;
  reconcile(asOf?: string): Promise<void>;
  setStatus(input: { status: string; caseId?: string; amountCents?: number; reason?: string }): Promise<boolean>;
  addNote(text: string): Promise<boolean>;
  addEvidence(file: File, kind: 'bol' | 'pod' | 'carrier_tracking' | 'asn_transmission' | 'photo' | 'other', description: string | null): Promise<boolean>;
  exportPack(findingId: string): Promise<void>;
  bulkStatus(status: 'to_dispute' | 'wont_dispute', reason?: string): Promise<void>;
  exportSelected(): Promise<void>;
}

/** Drop empty values so the filter object stays minimal (and the contract's schema strict). */
function clean(f: FindingFilterDto): FindingFilterDto {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(f)) {
    if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    out[k] = v;
  }
  return out as FindingFilterDto;
}

export const useFindings = create<FindingsState>((set, get) => {
  async function loadPage(page: number, generation: number): Promise<void> {
    if (get().loading[page] || get().pages[page]) return;
    set({ loading: { ...get().loading, [page]: true } });
    const started = performance.now();
    const { filter, sort } = get();
    const r = await useApp.getState().track('Loading findings', () => call('findings:list', { filter, sort, limit: PAGE_SIZE, offset: page * PAGE_SIZE }));
    if (get().generation !== generation) return;
    const loading = { ...get().loading };
    delete loading[page];
    if (!r) {
      set({ loading });
      return;
    }
    set({
      loading,
      total: r.total,
      pages: { ...get().pages, [page]: r.items },
      ...(page === 0 ? { firstPageMs: Math.round(performance.now() - started) } : {}),
    });
  }

  return {
    filter: {},
    sort: 'amount',
    generation: 0,
    total: null,
    pages: {},
    loading: {},
    firstPageMs: null,
    cursor: 0,
    selected: {},
    openId: null,
    detail: null,
    summary: null,
    views: typeof localStorage !== 'undefined' ? readViews() : [],
    amountError: null,
    setAmountRange(minText, maxText, also = {}) {
      const min = parseAmountInput(minText, 'Minimum amount');
      const max = parseAmountInput(maxText, 'Maximum amount');
      const error = 'error' in min ? min.error : 'error' in max ? max.error
        : min.cents !== undefined && max.cents !== undefined && min.cents > max.cents ? 'The minimum amount is above the maximum' : null;
      if (error || 'error' in min || 'error' in max) {
        set({ amountError: error });
        return false;
      }
      set({ amountError: null });
      get().setFilter({ ...also, minCents: min.cents, maxCents: max.cents });
      return true;
    },
    saveView(name) {
      const views = [...get().views.filter((v) => v.name !== name), { name, filter: get().filter, sort: get().sort }];
      localStorage.setItem(VIEWS_KEY, JSON.stringify(views));
      set({ views });
    },
    applyView(name) {
      const v = get().views.find((x) => x.name === name);
      if (!v) return;
      set({ filter: v.filter, sort: v.sort });
      void get().reload();
    },
    deleteView(name) {
      const views = get().views.filter((v) => v.name !== name);
      localStorage.setItem(VIEWS_KEY, JSON.stringify(views));
      set({ views });
    },
    setFilter(patch) {
      set({ filter: clean({ ...get().filter, ...patch }) });
      void get().reload();
    },
    clearFilter() {
      set({ filter: {}, amountError: null });
      void get().reload();
    },
    setSort(sort) {
      set({ sort });
      void get().reload();
    },
    async reload() {
      const generation = get().generation + 1;
      set({ generation, pages: {}, loading: {}, total: null, cursor: 0, firstPageMs: null });
      await loadPage(0, generation);
    },
    ensurePages(from, to) {
      const first = Math.max(0, Math.floor(from / PAGE_SIZE));
      const last = Math.floor(Math.max(from, to) / PAGE_SIZE);
      const total = get().total;
      for (let p = first; p <= last; p++) {
        if (total !== null && p * PAGE_SIZE >= total) break;
        void loadPage(p, get().generation);
      }
    },
    rowAt(index) {
      return get().pages[Math.floor(index / PAGE_SIZE)]?.[index % PAGE_SIZE];
    },
    moveCursor(delta) {
      const total = get().total ?? 0;
      if (!total) return;
      get().setCursor(Math.max(0, Math.min(total - 1, get().cursor + delta)));
    },
    setCursor(index) {
      set({ cursor: index });
      get().ensurePages(index, index + 1);
    },
    toggleSelected(id) {
      const selected = { ...get().selected };
      if (selected[id]) delete selected[id];
      else selected[id] = true;
      set({ selected });
    },
    clearSelection() {
      set({ selected: {} });
    },
    async open(id) {
      set({ openId: id, detail: id && get().detail?.finding.id === id ? get().detail : null });
      if (!id) return;
      const detail = await useApp.getState().track('Opening the finding', () => call('findings:get', { id }));
      if (detail && get().openId === id) set({ detail });
    },
    async refreshDetail() {
      const id = get().openId;
      if (!id) return;
      const detail = await useApp.getState().track('Refreshing the finding', () => call('findings:get', { id }));
      if (detail && get().openId === id) set({ detail });
    },
    async loadSummary() {
      const summary = await useApp.getState().track('Loading the summary', () => call('findings:summary', {}));
      if (summary) set({ summary });
    },
    async reconcile(asOf) {
      const app = useApp.getState();
      const r = await app.track('Reconciling', () => call('reconcile:run', asOf ? { asOf } : {}));
      if (!r) return;
      app.toast({ kind: 'success', title: `Reconciled: ${r.findings} findings`, detail: `${r.inserted} new, ${r.kept} unchanged, ${r.removed} no longer raised${r.notes.length ? `. ${r.notes.join(' ')}` : ''}` });
      await Promise.all([get().loadSummary(), get().reload()]);
    },
    async setStatus(input) {
      const claim = get().detail?.claim;
      if (!claim) return false;
      const r = await useApp.getState().track('Changing the status', () =>
        call('claims:setStatus', {
          claimId: claim.id,
          status: input.status as never,
          ...(input.caseId ? { caseId: input.caseId } : {}),
          ...(input.amountCents !== undefined ? { amountCents: input.amountCents } : {}),
          ...(input.reason ? { reason: input.reason } : {}),
        }),
      );
      if (!r) return false;
      useApp.getState().toast({ kind: 'success', title: `Status set to ${statusLabel(r.status)}` });
      await get().refreshDetail();
      return true;
    },
    async addNote(text) {
      const claim = get().detail?.claim;
      if (!claim) return false;
      const r = await useApp.getState().track('Adding the note', () => call('claims:addNote', { claimId: claim.id, text }));
      if (!r) return false;
      await get().refreshDetail();
      return true;
    },
    async bulkStatus(status, reason) {
      const app = useApp.getState();
      const findingIds = Object.keys(get().selected);
      if (!findingIds.length) return;
      const r = await app.track('Changing the status', () => call('claims:bulkSetStatus', { findingIds, status, ...(reason ? { reason } : {}) }));
      if (!r) return;
      app.toast({ kind: r.skipped.length ? 'info' : 'success', title: `${r.changed} claim(s) set to ${statusLabel(status)}`, ...(r.skipped.length ? { detail: `${r.skipped.length} left as they were: ${r.skipped.slice(0, 3).map((x) => `${x.findingId} (${x.reason})`).join('; ')}${r.skipped.length > 3 ? '…' : ''}` } : {}) });
      set({ selected: {} });
      await get().refreshDetail();
    },
    async exportSelected() {
      const app = useApp.getState();
      const findingIds = Object.keys(get().selected);
      if (!findingIds.length) return;
      const r = await app.track('Exporting the dispute pack', () => downloadExport('export:disputePack', { findingIds }));
      if (r) app.toast({ kind: 'success', title: `Dispute pack saved: ${r.fileName}`, detail: `${r.claims} claim(s)${r.missingEvidence ? `; ${r.missingEvidence} piece(s) of evidence still missing` : ''}.` });
    },
    async addEvidence(file, kind, description) {
      const claim = get().detail?.claim;
      if (!claim) return false;
      const r = await useApp.getState().track('Adding the evidence', () => addEvidence(claim.id, file, kind, description));
      if (!r) return false;
      useApp.getState().toast({ kind: 'success', title: `${r.fileName} added to the evidence register` });
      await get().refreshDetail();
      return true;
    },
    async exportPack(findingId) {
      const app = useApp.getState();
      const r = await app.track('Exporting the dispute pack', () => downloadExport('export:disputePack', { findingId }));
      if (!r) return;
      app.toast({
        kind: 'success',
        title: `Dispute pack saved: ${r.fileName}`,
        detail: r.missingEvidence ? `${r.missingEvidence} piece(s) of evidence still missing; the pack lists them.` : 'All required evidence is on file.',
      });
    },
  };
});

const STATUS_LABELS: Record<string, string> = {
  open: 'Open',
  to_dispute: 'To dispute',
  disputed: 'Disputed',
  approved: 'Approved',
  partially_approved: 'Partially approved',
  denied: 'Denied',
  re_disputed: 'Re-disputed',
  written_off: 'Written off',
  wont_dispute: "Won't dispute",
};
export const statusLabel = (s: string): string => STATUS_LABELS[s] ?? s;
