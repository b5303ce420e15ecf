import { useEffect } from 'react';
import { useImports } from '../import/store';
import { useApp } from '../../store/app';
import { count, dateTime, formatName } from '../../lib/format';

export function Dashboard() {
  const { batches, loaded, load } = useImports();
  const go = useApp((s) => s.go);
  useEffect(() => {
    void load();
  }, [load]);
  const rowsStored = batches.reduce((n, b) => n + b.rowsStored, 0);
  const rowsRejected = batches.reduce((n, b) => n + b.rowsRejected, 0);
  const withRejects = batches.filter((b) => b.rowsRejected > 0).length;
  return (
    <div className="screen">
      <header className="screen-head">
        <div>
          <h1>Dashboard</h1>
          <p className="lede">What is in this database, and what needs your attention first.</p>
        </div>
      </header>
      <div className="tiles">
        <button type="button" className="tile" onClick={() => go('import')}>
          <span className="tile-label">Files imported</span>
          <span className="tile-value" data-testid="tile-batches">{loaded ? count(batches.length) : '…'}</span>
          <span className="tile-foot">import batches</span>
        </button>
        <button type="button" className="tile" onClick={() => go('import')}>
          <span className="tile-label">Rows stored</span>
          <span className="tile-value">{loaded ? count(rowsStored) : '…'}</span>
          <span className="tile-foot">payments, lines, invoices, shipments, orders, receipts</span>
        </button>
        <button type="button" className={`tile${rowsRejected ? ' warn' : ''}`} onClick={() => go('import')}>
          <span className="tile-label">Rows rejected</span>
          <span className="tile-value">{loaded ? count(rowsRejected) : '…'}</span>
          <span className="tile-foot">{withRejects ? `in ${withRejects} file${withRejects === 1 ? '' : 's'}: open Import to see why` : 'every row was read'}</span>
        </button>
      </div>
      <section className="card" aria-labelledby="recent-title">
        <div className="card-head">
          <h2 id="recent-title">Latest imports</h2>
          <button type="button" className="btn ghost small" onClick={() => go('import')}>All imports</button>
        </div>
        {loaded && !batches.length ? (
          <p className="empty">No files yet. <button type="button" className="link" onClick={() => go('import')}>Import your first export</button>.</p>
        ) : (
          <ul className="plain recent" data-testid="recent-imports">
            {batches.slice(0, 8).map((b) => (
              <li key={b.id} className="row between">
                <span>
                  <strong>{b.fileName}</strong>
                  <span className="muted small block">{formatName(b.format)} · {dateTime(b.importedAt)}</span>
                </span>
                <span className="muted small nowrap">{count(b.rowsStored)} stored{b.rowsRejected ? ` · ${count(b.rowsRejected)} rejected` : ''}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
