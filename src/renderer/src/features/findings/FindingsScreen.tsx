import { useEffect, useRef, useState } from 'react';
import type { FindingDto } from '../../../../shared/ipc';
import { money, count, day, shortDay } from '../../lib/format';
import { useApp } from '../../store/app';
import { useFindings, type DeadlineWindow, type SearchField, type Sort } from './store';
import { centsToDecimal } from '../../../../shared/money';
import { daysBetween, todayIso, typeLabel } from './labels';
import { FindingDetail } from './FindingDetail';

const ROW_HEIGHT = 44;
const OVERSCAN = 10;

const SEARCH_FIELDS: Array<{ key: SearchField; label: string }> = [
  { key: 'invoiceNumber', label: 'Invoice' },
  { key: 'claimNumber', label: 'Claim / document' },
  { key: 'poNumber', label: 'PO' },
  { key: 'asin', label: 'ASIN' },
  { key: 'paymentNumber', label: 'Payment' },
];

export function FindingsScreen() {
  const info = useApp((s) => s.info);
  const { total, summary, loadSummary, reload, openId, firstPageMs, reconcile } = useFindings();
  const ready = info?.channels.includes('findings:list') ?? false;

  useEffect(() => {
    if (!ready) return;
    // The first page first: the summary (type counts for the filter) may take longer on big data.
    const first = useFindings.getState().total === null ? reload() : Promise.resolve();
    void first.then(() => loadSummary());
  }, [ready, loadSummary, reload]);

  if (!ready) {
    return (
      <div className="screen">
        <header className="screen-head"><div><h1>Findings</h1></div></header>
        <section className="card"><p className="empty">Reconciliation is not part of this build.</p></section>
      </div>
    );
  }
  const asOf = summary?.run?.asOf ?? null;
  return (
    <div className={`screen findings-screen${openId ? ' with-detail' : ''}`}>
      <header className="screen-head">
        <div>
          <h1>Findings</h1>
          <p className="lede">
            {summary?.run ? <>Reconciled as of {day(asOf)}. </> : <>Not reconciled yet. </>}
            Work the queue with <kbd>j</kbd> <kbd>k</kbd>, open with <kbd>Enter</kbd>, select with <kbd>x</kbd>.
          </p>
        </div>
        <button type="button" className="btn" onClick={() => void reconcile()}>Reconcile now</button>
      </header>
      <Filters />
      <SavedViews />
      <div className="worklist-wrap">
        <section className="card worklist-card" aria-labelledby="worklist-title">
          <div className="card-head">
            <h2 id="worklist-title">
              <span data-testid="findings-total">{total === null ? '…' : count(total)}</span> findings
            </h2>
            <span className="muted small" data-testid="first-page-ms">{firstPageMs !== null ? `first page in ${firstPageMs} ms` : ''}</span>
          </div>
          <Worklist asOf={asOf} />
        </section>
        {openId && <FindingDetail asOf={asOf} />}
      </div>
    </div>
  );
}

const DEADLINE_WINDOWS: Array<{ value: DeadlineWindow; label: string }> = [
  { value: 'overdue', label: 'Overdue' },
  { value: 'next7', label: 'Next 7 days' },
  { value: 'next14', label: 'Next 14 days' },
  { value: 'next30', label: 'Next 30 days' },
];

function Filters() {
  const { filter, sort, summary, setFilter, clearFilter, setSort, setAmountRange, amountError } = useFindings();
  const [field, setField] = useState<SearchField>('invoiceNumber');
  const [text, setText] = useState('');
  const asText = (c: number | undefined) => (c === undefined ? '' : centsToDecimal(c));
  const [minText, setMinText] = useState(asText(filter.minCents));
  const [maxText, setMaxText] = useState(asText(filter.maxCents));
  const [vendor, setVendor] = useState(filter.vendorCode ?? '');
  // A saved view or a dashboard click replaces the filter: show what is applied.
  useEffect(() => {
    setMinText(asText(filter.minCents));
    setMaxText(asText(filter.maxCents));
    setVendor(filter.vendorCode ?? '');
  }, [filter.minCents, filter.maxCents, filter.vendorCode]);
  const types = summary?.byType ?? [];
  const apply = () => {
    const patch: Record<string, string | undefined> = Object.fromEntries(SEARCH_FIELDS.map((f) => [f.key, undefined]));
    if (text.trim()) patch[field] = text.trim();
    patch.vendorCode = vendor.trim() || undefined;
    setAmountRange(minText, maxText, patch);
  };
  return (
    <form
      className="filters card"
      aria-label="Filter findings"
      onSubmit={(e) => {
        e.preventDefault();
        apply();
      }}
    >
      <label>
        <span>Type</span>
        <select
          value={filter.types?.[0] ?? ''}
          onChange={(e) => setFilter({ types: e.target.value ? [e.target.value] : [] })}
          data-testid="filter-type"
        >
          <option value="">All types</option>
          {types.map((t) => <option key={`${t.type}-${t.currency}`} value={t.type}>{typeLabel(t.type)} ({t.count})</option>)}
        </select>
      </label>
      <label>
        <span>Severity</span>
        <select value={filter.severities?.[0] ?? ''} onChange={(e) => setFilter({ severities: e.target.value ? [e.target.value as 'high'] : [] })}>
          <option value="">Any</option>
          <option value="high">High</option>
          <option value="medium">Medium</option>
          <option value="low">Low</option>
          <option value="info">Info</option>
        </select>
      </label>
      <label className="check">
        <input type="checkbox" checked={filter.disputable ?? false} onChange={(e) => setFilter({ disputable: e.target.checked || undefined })} />
        <span>Disputable only</span>
      </label>
      <label>
        <span>Deadline</span>
        <select value={filter.deadlineWindow ?? ''} onChange={(e) => setFilter({ deadlineWindow: (e.target.value || undefined) as DeadlineWindow | undefined })} data-testid="filter-deadline">
          <option value="">Any</option>
          {DEADLINE_WINDOWS.map((w) => <option key={w.value} value={w.value}>{w.label}</option>)}
        </select>
      </label>
      <fieldset className="amount-range">
        <legend>Amount</legend>
        <label>
          <span className="sr-only">Minimum amount</span>
          <input inputMode="decimal" value={minText} placeholder="min, e.g. 1,250.00" size={12} onChange={(e) => setMinText(e.target.value)}
            aria-invalid={amountError ? true : undefined} aria-describedby={amountError ? 'amount-error' : undefined} data-testid="filter-min" />
        </label>
        <span aria-hidden="true">–</span>
        <label>
          <span className="sr-only">Maximum amount</span>
          <input inputMode="decimal" value={maxText} placeholder="max" size={12} onChange={(e) => setMaxText(e.target.value)}
            aria-invalid={amountError ? true : undefined} aria-describedby={amountError ? 'amount-error' : undefined} data-testid="filter-max" />
        </label>
        {amountError && <span id="amount-error" className="field-error" role="alert">{amountError}</span>}
      </fieldset>
      <label>
        <span>Vendor code</span>
        <input value={vendor} placeholder="e.g. NWHG7" size={8} onChange={(e) => setVendor(e.target.value)} data-testid="filter-vendor" />
      </label>
      <label>
        <span>Search in</span>
        <select value={field} onChange={(e) => setField(e.target.value as SearchField)}>
          {SEARCH_FIELDS.map((f) => <option key={f.key} value={f.key}>{f.label}</option>)}
        </select>
      </label>
      <label className="grow">
        <span>Number</span>
        <input type="search" value={text} placeholder="e.g. INV-10042 or B07DFYF5AB" onChange={(e) => setText(e.target.value)} data-testid="filter-text" />
      </label>
      <label>
        <span>Sort by</span>
        <select value={sort} onChange={(e) => setSort(e.target.value as Sort)}>
          <option value="amount">Amount, largest first</option>
          <option value="dispute_by">Deadline, soonest first</option>
          <option value="type">Type</option>
        </select>
      </label>
      <div className="filter-actions">
        <button type="submit" className="btn primary">Apply</button>
        <button type="button" className="btn ghost" onClick={() => { setText(''); setMinText(''); setMaxText(''); setVendor(''); clearFilter(); }}>Clear</button>
      </div>
    </form>
  );
}

function SavedViews() {
  const { views, saveView, applyView, deleteView, filter, sort } = useFindings();
  const [naming, setNaming] = useState<string | null>(null);
  const active = views.find((v) => v.sort === sort && JSON.stringify(v.filter) === JSON.stringify(filter))?.name;
  return (
    <div className="views row gap wrap" role="group" aria-label="Saved views">
      <span className="muted small">Views:</span>
      {views.length === 0 && <span className="muted small">none yet</span>}
      {views.map((v) => (
        <span key={v.name} className={`view-chip${active === v.name ? ' active' : ''}`}>
          <button type="button" className="link" onClick={() => applyView(v.name)} aria-pressed={active === v.name}>{v.name}</button>
          <button type="button" className="chip-x" aria-label={`Delete view ${v.name}`} onClick={() => deleteView(v.name)}>×</button>
        </span>
      ))}
      {naming === null ? (
        <button type="button" className="btn ghost small" onClick={() => setNaming('')}>Save this view…</button>
      ) : (
        <form className="row gap" onSubmit={(e) => { e.preventDefault(); if (naming.trim()) { saveView(naming.trim()); setNaming(null); } }}>
          <label><span className="sr-only">View name</span><input autoFocus value={naming} placeholder="e.g. Chargebacks due soon" onChange={(e) => setNaming(e.target.value)} /></label>
          <button type="submit" className="btn small primary">Save</button>
          <button type="button" className="btn small ghost" onClick={() => setNaming(null)}>Cancel</button>
        </form>
      )}
    </div>
  );
}

function Worklist({ asOf }: { asOf: string | null }) {
  const { total, cursor, selected, ensurePages, setCursor, moveCursor, toggleSelected, open, generation } = useFindings();
  useFindings((s) => s.pages); // re-render as pages arrive
  const rowAt = useFindings((s) => s.rowAt);
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  useEffect(() => {
    scroller.current?.scrollTo({ top: 0 });
    setScrollTop(0);
  }, [generation]);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min((total ?? 0) - 1, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);

  useEffect(() => {
    if (total) ensurePages(first, last);
  }, [first, last, total, ensurePages]);

  // Keep the keyboard cursor on screen.
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const top = cursor * ROW_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW_HEIGHT - el.clientHeight;
  }, [cursor]);

  // j/k, Enter, x on the list (not while typing in a filter).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement;
      if (e.ctrlKey || e.metaKey || e.altKey || ['INPUT', 'SELECT', 'TEXTAREA'].includes(t.tagName) || useApp.getState().helpOpen) return;
      const s = useFindings.getState();
      if (e.key === 'j' || e.key === 'ArrowDown') {
        e.preventDefault();
        moveCursor(1);
      } else if (e.key === 'k' || e.key === 'ArrowUp') {
        e.preventDefault();
        moveCursor(-1);
      } else if (e.key === 'Enter' && !(t.tagName === 'BUTTON' || t.tagName === 'A')) {
        const row = s.rowAt(s.cursor);
        if (row) void open(row.id);
      } else if (e.key === 'x') {
        const row = s.rowAt(s.cursor);
        if (row) toggleSelected(row.id);
      } else if (e.key === 'Escape' && s.openId) {
        void open(null);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [moveCursor, open, toggleSelected]);

  if (total === 0) return <p className="empty">No findings match. Clear the filters, or import more files and reconcile.</p>;
  const rows: Array<{ index: number; row: FindingDto | undefined }> = [];
  for (let i = first; i <= last; i++) rows.push({ index: i, row: rowAt(i) });
  const nSelected = Object.keys(selected).length;

  return (
    <>
      <div className="wl-head" role="presentation">
        <span className="wl-sel"><span className="sr-only">Selected</span></span>
        <span className="wl-type">Type</span>
        <span className="wl-doc">Document</span>
        <span className="wl-item">PO / ASIN</span>
        <span className="wl-deadline">Dispute by</span>
        <span className="wl-amount">Amount</span>
      </div>
      <div
        ref={scroller}
        className="wl-scroll"
        role="grid"
        aria-label="Findings"
        aria-rowcount={total ?? 0}
        tabIndex={0}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
        data-testid="worklist"
      >
        <div style={{ height: (total ?? 0) * ROW_HEIGHT, position: 'relative' }}>
          {rows.map(({ index, row }) => (
            <div
              key={row?.id ?? `p-${index}`}
              role="row"
              aria-rowindex={index + 1}
              aria-selected={row ? !!selected[row.id] : false}
              className={`wl-row${index === cursor ? ' cursor' : ''}${row && selected[row.id] ? ' selected' : ''}`}
              style={{ top: index * ROW_HEIGHT, height: ROW_HEIGHT }}
              onClick={() => {
                setCursor(index);
                if (row) void open(row.id);
              }}
              data-testid={row ? 'finding-row' : 'finding-row-loading'}
            >
              {row ? <RowCells row={row} asOf={asOf} selected={!!selected[row.id]} onToggle={() => toggleSelected(row.id)} /> : <span className="muted wl-loading">Loading…</span>}
            </div>
          ))}
        </div>
      </div>
      {nSelected > 0 && <SelectionBar n={nSelected} />}
    </>
  );
}

function RowCells({ row, asOf, selected, onToggle }: { row: FindingDto; asOf: string | null; selected: boolean; onToggle: () => void }) {
  const left = row.dispute_by ? daysBetween(asOf ?? todayIso(), row.dispute_by) : null;
  return (
    <>
      <span className="wl-sel" role="gridcell">
        <input type="checkbox" checked={selected} aria-label={`Select finding ${row.id}`} onClick={(e) => e.stopPropagation()} onChange={onToggle} tabIndex={-1} />
      </span>
      <span className="wl-type" role="gridcell">
        <span className={`sev sev-${row.severity}`} title={`Severity: ${row.severity}`} aria-label={`Severity ${row.severity}`} />
        {typeLabel(row.type)}
      </span>
      <span className="wl-doc" role="gridcell">{row.claim_number ?? row.invoice_number ?? row.payment_number ?? '—'}</span>
      <span className="wl-item muted" role="gridcell">{[row.po_number, row.asin].filter(Boolean).join(' · ') || '—'}</span>
      <span className={`wl-deadline${left !== null && left <= 7 ? ' urgent' : ''}`} role="gridcell" title={left === null ? undefined : left < 0 ? `${-left} days past the deadline` : `${left} days left`}>
        {row.dispute_by ? <>{shortDay(row.dispute_by, Number((asOf ?? todayIso()).slice(0, 4)))} <span className="muted small">({left! < 0 ? `\u2212${-left!} d` : `${left} d`})</span></> : <span className="muted">—</span>}
      </span>
      <span className="wl-amount" role="gridcell">{money(row.amount_cents, row.currency)}</span>
    </>
  );
}

function SelectionBar({ n }: { n: number }) {
  const { clearSelection, bulkStatus, exportSelected } = useFindings();
  const [reason, setReason] = useState<string | null>(null);
  return (
    <div className="selection-bar" role="region" aria-label="Bulk actions" data-testid="selection-bar">
      <strong>{n} selected</strong>
      <button type="button" className="btn small" onClick={() => void exportSelected()}>Add to a dispute pack</button>
      <button type="button" className="btn small" onClick={() => void bulkStatus('to_dispute')}>Mark to dispute</button>
      {reason === null ? (
        <button type="button" className="btn small" onClick={() => setReason('')}>Won't dispute…</button>
      ) : (
        <form className="row gap" onSubmit={(e) => { e.preventDefault(); if (reason.trim()) void bulkStatus('wont_dispute', reason.trim()).then(() => setReason(null)); }}>
          <label><span className="sr-only">Reason</span><input autoFocus required value={reason} placeholder="Reason (required)" onChange={(e) => setReason(e.target.value)} /></label>
          <button type="submit" className="btn small danger">Won't dispute</button>
          <button type="button" className="btn small ghost" onClick={() => setReason(null)}>Cancel</button>
        </form>
      )}
      <button type="button" className="btn ghost small" onClick={clearSelection}>Clear selection</button>
    </div>
  );
}
