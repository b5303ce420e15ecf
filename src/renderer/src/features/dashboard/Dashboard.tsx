import { useEffect, useState } from 'react';
import type { ClaimsSummaryDto, FindingDto } from '../../../../shared/ipc';
import { useImports } from '../import/store';
import { useApp } from '../../store/app';
import { call } from '../../lib/api';
import { count, dateTime, day, formatName, money } from '../../lib/format';
import { useFindings } from '../findings/store';
import { daysBetween, todayIso, typeLabel } from '../findings/labels';

function openFindings(filter: { types?: string[]; disputable?: boolean }, sort: 'amount' | 'dispute_by' = 'amount') {
  const f = useFindings.getState();
  useFindings.setState({ filter, sort });
  void f.reload();
  useApp.getState().go('findings');
}

const OPEN = new Set(['open', 'to_dispute', 'disputed', 're_disputed', 'partially_approved', 'denied']);
const GIVEN_UP = new Set(['written_off', 'wont_dispute']);

function ClaimTiles() {
  const [data, setData] = useState<ClaimsSummaryDto | null>(null);
  const summary = useFindings((s) => s.summary);
  useEffect(() => {
    void call('claims:summary', {}).then(setData, () => setData(null));
  }, [summary]);
  if (!data) return null;
  const sum = (pick: (r: ClaimsSummaryDto['byStatus'][number]) => number, keep: (s: string) => boolean) => data.byStatus.filter((r) => keep(r.status)).reduce((n, r) => n + pick(r), 0);
  const recoverable = sum((r) => r.outstandingCents, (s) => OPEN.has(s));
  const recovered = sum((r) => r.recoveredCents, () => true);
  const givenUp = sum((r) => r.amountCents - r.recoveredCents, (s) => GIVEN_UP.has(s));
  const openCount = sum((r) => r.count, (s) => OPEN.has(s));
  const disputed = sum((r) => r.count, (s) => s === 'disputed' || s === 're_disputed');
  return (
    <div className="tiles">
      <button type="button" className="tile" onClick={() => openFindings({ disputable: true }, 'dispute_by')}>
        <span className="tile-label">Recoverable</span>
        <span className="tile-value" data-testid="tile-recoverable">{money(recoverable, data.currency)}</span>
        <span className="tile-foot">{count(openCount)} open claims, {count(disputed)} with Amazon</span>
      </button>
      <div className="tile static">
        <span className="tile-label">Recovered</span>
        <span className="tile-value">{money(recovered, data.currency)}</span>
        <span className="tile-foot">credited back on later payments</span>
      </div>
      <div className="tile static">
        <span className="tile-label">Written off</span>
        <span className="tile-value">{money(givenUp, data.currency)}</span>
        <span className="tile-foot">written off or not worth disputing</span>
      </div>
    </div>
  );
}

function FindingsOverview() {
  const { summary, loadSummary, reconcile } = useFindings();
  const [upcoming, setUpcoming] = useState<FindingDto[] | null>(null);
  useEffect(() => {
    void loadSummary();
  }, [loadSummary]);
  useEffect(() => {
    if (!summary?.run) return;
    void call('findings:list', { filter: { disputable: true }, sort: 'dispute_by', limit: 500 }).then((r) => setUpcoming(r.items), () => setUpcoming([]));
  }, [summary]);
  if (!summary) return null;
  if (!summary.run) {
    return (
      <section className="card">
        <div className="card-head"><h2>Findings</h2><button type="button" className="btn primary" onClick={() => void reconcile()}>Reconcile now</button></div>
        <p className="empty">Not reconciled yet. Reconcile to match payments, invoices, shipments and orders and see the money at stake.</p>
      </section>
    );
  }
  // Every finding counts, as `recoup findings` totals them.
  const money_ = summary.byType;
  const currency = money_[0]?.currency ?? 'USD';
  const atStake = money_.filter((t) => t.currency === currency).reduce((n, t) => n + t.amountCents, 0);
  const findings = summary.byType.reduce((n, t) => n + t.count, 0);
  const max = Math.max(1, ...money_.map((t) => t.amountCents));
  const asOf = summary.run.asOf;
  const within = (days: number) => (upcoming ?? []).filter((f) => f.dispute_by && daysBetween(asOf, f.dispute_by) >= 0 && daysBetween(asOf, f.dispute_by) <= days);
  const windowTile = (days: number) => {
    const rows = within(days);
    const capped = upcoming && upcoming.length === 500 && rows.length === 500;
    return (
      <button key={days} type="button" className={`tile${days === 7 && rows.length ? ' warn' : ''}`} onClick={() => openFindings({ disputable: true }, 'dispute_by')}>
        <span className="tile-label">Deadline in {days} days</span>
        <span className="tile-value">{upcoming ? `${count(rows.length)}${capped ? '+' : ''}` : '…'}</span>
        <span className="tile-foot">{upcoming ? money(rows.reduce((n, f) => n + f.amount_cents, 0), currency) : ''} to dispute</span>
      </button>
    );
  };
  return (
    <>
      <div className="tiles">
        <button type="button" className="tile" onClick={() => openFindings({})}>
          <span className="tile-label">Money at stake</span>
          <span className="tile-value" data-testid="tile-at-stake">{money(atStake, currency)}</span>
          <span className="tile-foot">{count(findings)} findings as of {day(asOf)}</span>
        </button>
        {[7, 14, 30].map(windowTile)}
      </div>
      <ClaimTiles />
      <section className="card" aria-labelledby="by-type-title">
        <div className="card-head">
          <h2 id="by-type-title">Money at stake by finding type</h2>
          <button type="button" className="btn ghost small" onClick={() => void reconcile()}>Reconcile again</button>
        </div>
        <div className="bars" data-testid="by-type">
          {money_.map((t) => (
            <button key={`${t.type}-${t.currency}`} type="button" className="bar-row" onClick={() => openFindings({ types: [t.type] })} aria-label={`${typeLabel(t.type)}: ${t.count} findings, ${money(t.amountCents, t.currency)}`}>
              <span>{typeLabel(t.type)} <span className="muted small">({t.count})</span></span>
              <span className="bar-track"><span className="bar-fill block" style={{ width: `${Math.max(1, (t.amountCents / max) * 100)}%` }} /></span>
              <span className="bar-amount">{money(t.amountCents, t.currency)}</span>
            </button>
          ))}
        </div>
        {upcoming && upcoming.length > 0 && (
          <p className="muted small">Next deadline: {day(upcoming[0]!.dispute_by)} ({typeLabel(upcoming[0]!.type)}, {money(upcoming[0]!.amount_cents, upcoming[0]!.currency)}){daysBetween(todayIso(), asOf) !== 0 ? `; days counted from ${day(asOf)}` : ''}.</p>
        )}
      </section>
    </>
  );
}

export function Dashboard() {
  const { batches, loaded, load } = useImports();
  const go = useApp((s) => s.go);
  const findingsReady = useApp((s) => s.info?.channels.includes('findings:summary') ?? false);
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
      {findingsReady && <FindingsOverview />}
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
