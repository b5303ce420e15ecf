// Import screen state: the batch history, the last import's per-file results, one batch's rejects.
import { create } from 'zustand';
import type { BatchDto, ImportProgressDto, ImportResultDto, RejectDto } from '../../../../shared/ipc';
import { call, importFiles, importWithDialog, tryCall } from '../../lib/api';
import { useApp } from '../../store/app';
import { plural } from '../../lib/format';

export interface FileProgress {
  name: string;
  size: number;
  state: 'waiting' | 'importing' | 'done';
  /** Share of the file's bytes sent (browser mode uploads); 1 once the server is reading it. */
  sent: number;
}

/** A dry run waiting for the analyst: the files (browser: uploaded again on confirm) or their paths. */
export interface PendingPreview {
  results: ImportResultDto[];
  files: File[] | null;
  paths: string[] | null;
}

interface ImportState {
  /** The file the app is reading right now (polled from import:progress while an import runs). */
  reading: ImportProgressDto | null;
  preview: PendingPreview | null;
  previewFiles(files: File[]): Promise<void>;
  previewWithDialog(folders: boolean): Promise<void>;
  /** "Import": store what the preview showed. */
  confirmPreview(): Promise<void>;
  cancelPreview(): void;
  batches: BatchDto[];
  loaded: boolean;
  /** Per-file results of the most recent import, newest first. */
  results: ImportResultDto[];
  progress: FileProgress[];
  rejectsFor: number | null;
  rejects: RejectDto[];
  load(): Promise<void>;
  importFiles(files: File[]): Promise<void>;
  importWithDialog(folders: boolean): Promise<void>;
  showRejects(batchId: number | null): Promise<void>;
  undo(batchId: number): Promise<boolean>;
  clearResults(): void;
}

function summarise(results: ImportResultDto[]): void {
  const { toast } = useApp.getState();
  const imported = results.filter((r) => r.status === 'imported');
  const already = results.filter((r) => r.status === 'already_imported');
  const failed = results.filter((r): r is Extract<ImportResultDto, { status: 'error' }> => r.status === 'error');
  if (imported.length || already.length) {
    const stored = imported.reduce((n, r) => n + (r.status === 'imported' ? r.rowsStored : 0), 0);
    const parts = [imported.length ? `${plural(imported.length, 'file')} imported, ${plural(stored, 'row')} stored` : null, already.length ? `${plural(already.length, 'file')} already imported (nothing new stored)` : null];
    toast({ kind: 'success', title: parts.filter(Boolean).join('; ') });
  }
  for (const f of failed) toast({ kind: 'error', title: `${f.fileName} was not imported`, detail: f.error });
}

const POLL_MS = 300;

export const useImports = create<ImportState>((set, get) => {
  /** Run `work` while polling the server's per-file progress. */
  async function polled<T>(work: () => Promise<T>): Promise<T> {
    let stopped = false;
    const tick = async () => {
      const r = await tryCall('import:progress', {});
      if (!stopped) set({ reading: r.ok ? r.value : null });
    };
    const timer = setInterval(() => void tick(), POLL_MS);
    try {
      return await work();
    } finally {
      stopped = true;
      clearInterval(timer);
      set({ reading: null });
    }
  }
  /** Upload (browser) or pass (desktop) the files, one progress entry each. */
  async function runFiles(files: File[], dryRun: boolean): Promise<ImportResultDto[] | undefined> {
    set({ progress: files.map((f, i) => ({ name: f.name, size: f.size, state: i === 0 ? 'importing' : 'waiting', sent: 0 })) });
    const label = `${dryRun ? 'Checking' : 'Importing'} ${plural(files.length, 'file')}`;
    const results = await useApp.getState().track(label, () => polled(() =>
      importFiles(
        files,
        (index) => {
          set({ progress: get().progress.map((p, i) => (i <= index ? { ...p, state: 'done', sent: 1 } : i === index + 1 ? { ...p, state: 'importing' } : p)) });
        },
        (index, fraction) => {
          set({ progress: get().progress.map((p, i) => (i === index ? { ...p, state: 'importing', sent: fraction } : p)) });
        },
        dryRun,
      )));
    set({ progress: [] });
    return results;
  }
  async function stored(results: ImportResultDto[] | undefined): Promise<void> {
    if (!results) return;
    set({ results });
    summarise(results);
    await get().load();
  }
  return {
  reading: null,
  preview: null,
  async previewFiles(files) {
    if (!files.length) return;
    const results = await runFiles(files, true);
    if (results) set({ preview: { results, files, paths: null }, results: [] });
  },
  async previewWithDialog(folders) {
    const picked = await useApp.getState().track('Choosing files', () => call('dialog:openFiles', { folders }));
    if (!picked?.paths.length) return;
    const paths = picked.paths;
    const results = await useApp.getState().track('Checking the files', () => polled(() => call('import:preview', { paths })));
    if (results) set({ preview: { results, files: null, paths }, results: [] });
  },
  async confirmPreview() {
    const pending = get().preview;
    if (!pending) return;
    set({ preview: null });
    if (pending.files) return stored(await runFiles(pending.files, false));
    const paths = pending.paths ?? [];
    if (paths.length) await stored(await useApp.getState().track('Importing', () => polled(() => call('import:files', { paths }))));
  },
  cancelPreview() {
    set({ preview: null });
  },
  batches: [],
  loaded: false,
  results: [],
  progress: [],
  rejectsFor: null,
  rejects: [],
  async load() {
    const batches = await useApp.getState().track('Loading import history', () => call('batches:list', {}));
    if (batches) set({ batches, loaded: true });
  },
  async importFiles(files) {
    if (!files.length) return;
    await stored(await runFiles(files, false));
  },
  async importWithDialog(folders) {
    const results = await useApp.getState().track('Importing', () => importWithDialog(folders));
    if (!results) return;
    set({ results });
    summarise(results);
    await get().load();
  },
  async showRejects(batchId) {
    if (batchId === null || get().rejectsFor === batchId) {
      set({ rejectsFor: null, rejects: [] });
      return;
    }
    const rejects = await useApp.getState().track('Loading rejected rows', () => call('batches:rejects', { batchId, limit: 1000 }));
    if (rejects) set({ rejectsFor: batchId, rejects });
  },
  async undo(batchId) {
    const removed = await useApp.getState().track('Undoing the import', () => call('batches:undo', { batchId }));
    if (!removed) return false;
    useApp.getState().toast({ kind: 'success', title: `Import of ${removed.fileName} undone`, detail: `${plural(removed.rowsStored, 'row')} removed.` });
    set({
      results: get().results.filter((r) => !('batchId' in r) || r.batchId !== batchId),
      ...(get().rejectsFor === batchId ? { rejectsFor: null, rejects: [] } : {}),
    });
    await get().load();
    return true;
  },
  clearResults() {
    set({ results: [] });
  },
  };
});
