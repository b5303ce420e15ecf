// State of a document screen (payments, invoices): one page of the list at a time (the renderer
// never holds the table), the open document with one page of its lines, and late answers to
// superseded queries dropped.
import { create } from 'zustand';
import { useApp } from '../store/app';

export interface DocumentListState<F extends object, S extends string, P, D> {
  filter: F;
  sort: S;
  offset: number;
  page: P | null;
  /** Bumped per query so a late answer to an old one is dropped. */
  generation: number;
  detail: D | null;
  detailFor: string | null;
  linesOffset: number;
  setFilter(patch: Partial<F>): void;
  clearFilter(): void;
  setSort(sort: S): void;
  setOffset(offset: number): void;
  load(): Promise<void>;
  open(key: string, linesOffset?: number): Promise<void>;
}

export interface DocumentListSource<F, S, P, D> {
  /** Plural noun for the busy indicator ("payments"). */
  noun: string;
  /** Singular noun for opening one ("payment"). */
  one: string;
  defaultSort: S;
  fetchPage(q: { filter: F; sort: S; offset: number }): Promise<P | null>;
  fetchDetail(key: string, linesOffset: number): Promise<D | null>;
}

function clean<T extends object>(f: T): T {
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined && v !== '')) as T;
}

export function createDocumentStore<F extends object, S extends string, P, D>(src: DocumentListSource<F, S, P, D>) {
  return create<DocumentListState<F, S, P, D>>((set, get) => ({
    filter: {} as F,
    sort: src.defaultSort,
    offset: 0,
    page: null,
    generation: 0,
    detail: null,
    detailFor: null,
    linesOffset: 0,
    setFilter(patch) {
      set({ filter: clean({ ...get().filter, ...patch }), offset: 0 });
      void get().load();
    },
    clearFilter() {
      set({ filter: {} as F, offset: 0 });
      void get().load();
    },
    setSort(sort) {
      set({ sort, offset: 0 });
      void get().load();
    },
    setOffset(offset) {
      set({ offset });
      void get().load();
    },
    async load() {
      const generation = get().generation + 1;
      set({ generation });
      const { filter, sort, offset } = get();
      const page = await useApp.getState().track(`Loading ${src.noun}`, () => src.fetchPage({ filter, sort, offset }));
      if (page && get().generation === generation) set({ page });
    },
    async open(key, linesOffset = 0) {
      if (get().detailFor !== key) set({ detail: null });
      set({ detailFor: key, linesOffset });
      const detail = await useApp.getState().track(`Opening ${src.one} ${key}`, () => src.fetchDetail(key, linesOffset));
      if (detail && get().detailFor === key) set({ detail });
    },
  }));
}
