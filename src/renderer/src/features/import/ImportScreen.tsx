import { useEffect, useRef, useState, type DragEvent } from 'react';
import type { BatchDto, ImportProgressDto, ImportResultDto } from '../../../../shared/ipc';
import { isDesktop } from '../../lib/api';
import { bytes, count, dateTime, formatName, plural } from '../../lib/format';
import { useImports } from './store';
import { useFindings } from '../findings/store';
import { useApp } from '../../store/app';

export function ImportScreen() {
  const { batches, loaded, load } = useImports();
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <div className="screen">
      <header className="screen-head">
        <div>
          <h1>Import</h1>
          <p className="lede">Add Vendor Central exports (remittances, invoices, shipments, purchase orders, receipts), EDI files or SP-API downloads. Recoup detects each file's format from its content; a file already imported adds nothing.</p>
        </div>
      </header>
      <DropZone />
      <Progress />
      <PreviewPanel />
      <LastResults />
      <section aria-labelledby="history-title" className="card">
        <div className="card-head">
          <h2 id="history-title">Import history</h2>
          <span className="muted">{loaded ? plural(batches.length, 'batch', 'batches') : 'Loading…'}</span>
        </div>
        <BatchTable batches={batches} loaded={loaded} />
      </section>
      <RejectsPanel />
    </div>
  );
}

function DropZone() {
  // Every choice or drop is previewed first; only "Import" on the preview stores anything.
  const importFiles = useImports((s) => s.previewFiles);
  const importWithDialog = useImports((s) => s.previewWithDialog);
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);

  const folderInput = useRef<HTMLInputElement>(null);
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    // The desktop app imports dropped folders by path; the browser has to walk them itself.
    const entries = isDesktop() ? [] : [...e.dataTransfer.items].map((i) => i.webkitGetAsEntry?.()).filter((x): x is FileSystemEntry => !!x);
    if (entries.some((x) => x.isDirectory)) {
      void filesOf(entries).then((files) => (files.length ? importFiles(files) : undefined));
      return;
    }
    const files = [...e.dataTransfer.files];
    if (files.length) void importFiles(files);
  };
  const choose = () => {
    if (isDesktop()) void importWithDialog(false);
    else input.current?.click();
  };
  return (
    <div
      className={`dropzone${over ? ' over' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      data-testid="dropzone"
    >
      <svg aria-hidden="true" width="40" height="40" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round"><path d="M12 16V4m0 0-4 4m4-4 4 4" /><path d="M4 16v2a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-2" /></svg>
      <p className="drop-title">Drop export files here</p>
      <p className="muted">XLSX, CSV, EDI X12 or SP-API JSON. Several at once is fine.</p>
      <div className="row gap">
        <button type="button" className="btn primary" onClick={choose}>Choose files…</button>
        <button type="button" className="btn" onClick={() => (isDesktop() ? void importWithDialog(true) : folderInput.current?.click())}>Choose a folder…</button>
      </div>
      <input
        ref={folderInput}
        type="file"
        hidden
        aria-label="Folder to import"
        data-testid="folder-input"
        {...{ webkitdirectory: '' }}
        onChange={(e) => {
          const files = [...(e.target.files ?? [])].filter((f) => !f.name.startsWith('.'));
          e.target.value = '';
          void importFiles(files);
        }}
      />
      <input
        ref={input}
        type="file"
        multiple
        hidden
        aria-label="Files to import"
        data-testid="file-input"
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          void importFiles(files);
        }}
      />
    </div>
  );
}

/** Every file under dropped folders (hidden files skipped), in name order, like `recoup import DIR`. */
async function filesOf(entries: FileSystemEntry[]): Promise<File[]> {
  const out: File[] = [];
  const walk = async (entry: FileSystemEntry): Promise<void> => {
    if (entry.name.startsWith('.')) return;
    if (entry.isFile) {
      out.push(await new Promise<File>((ok, fail) => (entry as FileSystemFileEntry).file(ok, fail)));
      return;
    }
    const reader = (entry as FileSystemDirectoryEntry).createReader();
    const children: FileSystemEntry[] = [];
    // readEntries returns the folder in batches until an empty one.
    for (;;) {
      const batch = await new Promise<FileSystemEntry[]>((ok, fail) => reader.readEntries(ok, fail));
      if (!batch.length) break;
      children.push(...batch);
    }
    for (const c of children.sort((a, b) => a.name.localeCompare(b.name))) await walk(c);
  };
  for (const e of entries) await walk(e);
  return out;
}

/** Bytes read of the file the app is reading now, when the poll says it is this one. */
function readShare(reading: ImportProgressDto | null, name: string): number | undefined {
  return reading && reading.fileName === name && reading.totalBytes > 0 ? Math.min(1, reading.bytesRead / reading.totalBytes) : undefined;
}

function Progress() {
  const progress = useImports((s) => s.progress);
  const reading = useImports((s) => s.reading);
  if (!progress.length) {
    // Files chosen by path (desktop dialog): only the poll knows which one is being read.
    if (!reading) return null;
    return (
      <section className="card" aria-live="polite" aria-label="Import progress">
        <p>Reading {reading.fileName} · {plural(reading.rows, 'row')}</p>
        <progress max={1} value={readShare(reading, reading.fileName)} aria-label={`${reading.fileName} progress`} />
      </section>
    );
  }
  const done = progress.filter((p) => p.state === 'done').length;
  return (
    <section className="card" aria-live="polite" aria-labelledby="progress-title">
      <div className="card-head">
        <h2 id="progress-title">Importing</h2>
        <span className="muted">{done} of {progress.length} files</span>
      </div>
      <progress max={progress.length} value={done} aria-label="Files imported" />
      <ul className="plain">
        {progress.map((p, i) => (
          <li key={`${p.name}-${i}`} className={`file-progress ${p.state}`}>
            <span>{p.name}</span>{' '}
            <span className="muted">
              {bytes(p.size)} · {p.state === 'done' ? 'done' : p.state === 'waiting' ? 'waiting' : p.sent < 1 ? `uploading ${Math.round(p.sent * 100)}%` : readLabel(readShare(reading, p.name), reading)}
            </span>
            {p.state === 'importing' && <progress max={1} value={p.sent < 1 ? p.sent : readShare(reading, p.name)} aria-label={`${p.name} progress`} />}
          </li>
        ))}
      </ul>
    </section>
  );
}

function readLabel(share: number | undefined, reading: ImportProgressDto | null): string {
  return share === undefined || !reading ? 'reading…' : `reading ${Math.round(share * 100)}% · ${plural(reading.rows, 'row')}`;
}

/** The dry run's per-file report; nothing is stored until "Import". */
function PreviewPanel() {
  const preview = useImports((s) => s.preview);
  const confirm = useImports((s) => s.confirmPreview);
  const cancel = useImports((s) => s.cancelPreview);
  if (!preview) return null;
  const storable = preview.results.some((r) => r.status === 'imported');
  return (
    <section className="card" aria-labelledby="preview-title" data-testid="import-preview">
      <div className="card-head">
        <h2 id="preview-title">Check before importing</h2>
        <span className="muted">{plural(preview.results.length, 'file')} · nothing stored yet</span>
      </div>
      <div className="table-wrap">
        <table className="table" data-testid="preview-table">
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col">Detected format</th>
              <th scope="col" className="num">Rows read</th>
              <th scope="col" className="num">Would store</th>
              <th scope="col" className="num">Already known</th>
              <th scope="col" className="num">Rejected</th>
              <th scope="col">First reasons</th>
            </tr>
          </thead>
          <tbody>
            {preview.results.map((r, i) => (
              <tr key={`${r.fileName}-${i}`} data-testid="preview-row">
                <td>{r.fileName}</td>
                {r.status === 'imported' ? (
                  <>
                    <td>{formatName(r.format)}</td>
                    <td className="num">{count(r.rowsRead)}</td>
                    <td className="num">{count(r.rowsStored)}</td>
                    <td className="num">{count(r.rowsDuplicate)}</td>
                    <td className="num">{count(r.rowsRejected)}</td>
                    <td>
                      {r.rejects.length ? (
                        <ul className="plain small">{r.rejects.slice(0, 3).map((x, j) => <li key={j}>{x.location}: {x.reason}</li>)}</ul>
                      ) : r.notes.length ? <span className="muted small">{r.notes.join(' ')}</span> : '—'}
                    </td>
                  </>
                ) : r.status === 'already_imported' ? (
                  <td colSpan={6} className="muted">Already imported on {dateTime(r.importedAt)} as batch #{r.batchId} ({formatName(r.format)}); nothing new would be stored.</td>
                ) : (
                  <td colSpan={6} className="reason">{r.error}</td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="row gap">
        <button type="button" className="btn primary" disabled={!storable} onClick={() => void confirm()}>Import</button>
        <button type="button" className="btn" onClick={cancel}>Cancel</button>
      </div>
    </section>
  );
}

function statusText(r: ImportResultDto): { label: string; tone: 'ok' | 'warn' | 'bad' | 'neutral' } {
  if (r.status === 'error') return { label: 'Not imported', tone: 'bad' };
  if (r.status === 'already_imported') return { label: 'Already imported', tone: 'neutral' };
  return r.rowsRejected ? { label: 'Imported with rejects', tone: 'warn' } : { label: 'Imported', tone: 'ok' };
}

function LastResults() {
  const results = useImports((s) => s.results);
  const clear = useImports((s) => s.clearResults);
  const canReconcile = useApp((s) => s.info?.channels.includes('reconcile:run') ?? false);
  if (!results.length) return null;
  const anyNew = results.some((r) => r.status === 'imported');
  return (
    <section className="card" aria-labelledby="results-title" data-testid="import-results">
      <div className="card-head">
        <h2 id="results-title">Last import</h2>
        <button type="button" className="btn ghost small" onClick={clear}>Clear</button>
      </div>
      {anyNew && canReconcile && (
        <div className="row between note-box">
          <span>New documents were stored. Reconcile to update the findings.</span>
          <button type="button" className="btn primary small" onClick={() => void useFindings.getState().reconcile()}>Reconcile now</button>
        </div>
      )}
      <ul className="plain results">
        {results.map((r, i) => {
          const s = statusText(r);
          return (
            <li key={`${r.fileName}-${i}`} className="result">
              <div className="row between">
                <strong>{r.fileName}</strong>
                <span className="row gap">
                  {r.status === 'imported' && <UndoResult batchId={r.batchId} fileName={r.fileName} />}
                  <span className={`pill ${s.tone}`}>{s.label}</span>
                </span>
              </div>
              {r.status === 'error' && <p className="reason">{r.error}</p>}
              {r.status === 'already_imported' && <p className="muted">The same file (same content) was imported on {dateTime(r.importedAt)} as batch #{r.batchId}; nothing new was stored.</p>}
              {r.status === 'imported' && (
                <>
                  <p className="muted">
                    {formatName(r.format)} · {plural(r.rowsRead, 'row')} read · {count(r.rowsStored)} stored · {count(r.rowsDuplicate)} already known · {count(r.rowsRejected)} rejected
                  </p>
                  {r.notes.map((n) => <p key={n} className="note">{n}</p>)}
                  {r.rejects.length > 0 && (
                    <details>
                      <summary>Rejected rows ({count(r.rowsRejected)})</summary>
                      <RejectList rejects={r.rejects} />
                    </details>
                  )}
                </>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** Not what you expected? Take the file straight back out (the import stays one unit). */
function UndoResult({ batchId, fileName }: { batchId: number; fileName: string }) {
  const undo = useImports((s) => s.undo);
  return <button type="button" className="btn ghost small" aria-label={`Undo this import of ${fileName}`} onClick={() => void undo(batchId)}>Undo this import</button>;
}

function RejectList({ rejects }: { rejects: Array<{ location: string; field: string | null; reason: string }> }) {
  return (
    <table className="table compact">
      <thead>
        <tr><th scope="col">Where</th><th scope="col">Field</th><th scope="col">Reason</th></tr>
      </thead>
      <tbody>
        {rejects.map((r, i) => (
          <tr key={i}><td className="nowrap">{r.location}</td><td>{r.field ?? '—'}</td><td>{r.reason}</td></tr>
        ))}
      </tbody>
    </table>
  );
}

function BatchTable({ batches, loaded }: { batches: BatchDto[]; loaded: boolean }) {
  const [confirming, setConfirming] = useState<number | null>(null);
  const undo = useImports((s) => s.undo);
  const showRejects = useImports((s) => s.showRejects);
  const rejectsFor = useImports((s) => s.rejectsFor);
  if (loaded && !batches.length) return <p className="empty">Nothing imported yet. Drop your first export above.</p>;
  return (
    <div className="table-wrap">
      <table className="table" data-testid="batch-table">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">File</th>
            <th scope="col">Format</th>
            <th scope="col">Imported</th>
            <th scope="col" className="num">Rows read</th>
            <th scope="col" className="num">Stored</th>
            <th scope="col" className="num">Already known</th>
            <th scope="col" className="num">Rejected</th>
            <th scope="col"><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          {batches.map((b) => (
            <tr key={b.id} data-testid="batch-row">
              <td className="muted">{b.id}</td>
              <td>
                <span className="file-name" title={b.sha256}>{b.fileName}</span>
                <span className="muted small block">{bytes(b.sizeBytes)}{b.marketplace ? ` · ${b.marketplace}` : ''}</span>
              </td>
              <td>{formatName(b.format)}</td>
              <td className="nowrap">{dateTime(b.importedAt)}</td>
              <td className="num">{count(b.rowsRead)}</td>
              <td className="num">{count(b.rowsStored)}</td>
              <td className="num">{count(b.rowsDuplicate)}</td>
              <td className="num">
                {b.rowsRejected > 0 ? (
                  <button type="button" className="link" aria-expanded={rejectsFor === b.id} onClick={() => void showRejects(b.id)}>
                    {count(b.rowsRejected)}
                  </button>
                ) : (
                  '0'
                )}
              </td>
              <td className="actions">
                {confirming === b.id ? (
                  <span className="confirm" role="group" aria-label={`Confirm undo of ${b.fileName}`}>
                    <span className="small">Remove its {plural(b.rowsStored, 'row')}?</span>
                    <button type="button" className="btn danger small" autoFocus onClick={() => void undo(b.id).then(() => setConfirming(null))}>Undo import</button>
                    <button type="button" className="btn ghost small" onClick={() => setConfirming(null)}>Keep</button>
                  </span>
                ) : (
                  <button type="button" className="btn small" aria-label={`Undo import of ${b.fileName}`} onClick={() => setConfirming(b.id)}>Undo</button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RejectsPanel() {
  const { rejectsFor, rejects, batches, showRejects } = useImports();
  if (rejectsFor === null) return null;
  const batch = batches.find((b) => b.id === rejectsFor);
  return (
    <section className="card" aria-labelledby="rejects-title" data-testid="rejects-panel">
      <div className="card-head">
        <h2 id="rejects-title">Rejected rows of {batch?.fileName ?? `batch #${rejectsFor}`}</h2>
        <button type="button" className="btn ghost small" onClick={() => void showRejects(null)}>Close</button>
      </div>
      <p className="muted">These rows were not stored. Fix them in the source file and import it again; rows already stored are not duplicated.</p>
      <RejectList rejects={rejects} />
      {batch && batch.rowsRejected > rejects.length && <p className="muted">Showing the first {count(rejects.length)} of {count(batch.rowsRejected)}.</p>}
    </section>
  );
}
