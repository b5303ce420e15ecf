import { useEffect, useState } from 'react';
import type { ClaimsSummaryDto, DeductionMonthDto, DeductionsByMonthDto, FindingDto, FindingFilterDto } from '../../../../shared/ipc';
import { usePayments } from '../payments/store';
import { useImports } from '../import/store';
import { useApp } from '../../store/app';
import { call } from '../../lib/api';
import { count, dateTime, day, formatName, money } from '../../lib/format';
import { useFindings } from '../findings/store';
import { daysBetween, todayIso, typeLabel } from '../findings/labels';

function openFindings(filter: FindingFilterDto, sort: 'amount' | 'dispute_by' = 'amount') {
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
      <button key={days} type="button" className={`tile${days === 7 && rows.length ? ' warn' : ''}`} onClick={() => openFindings({ deadlineWindow: `next${days}` as 'next7' }, 'dispute_by')}>
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

type Kind = keyof DeductionMonthDto['byKind'];
const KINDS: Array<{ key: Kind; label: string; color: string }> = [
  { key: 'shortage', label: 'Shortage', color: '#d9534f' },
  { key: 'price', label: 'Price', color: '#f0ad4e' },
  { key: 'chargeback', label: 'Chargeback', color: '#5b7fde' },
  { key: 'coop', label: 'Co-op', color: '#3fa37a' },
  { key: 'other', label: 'Other', color: '#8a8f98' },
];

const monthLabel = (m: string) => new Date(`${m}-01T00:00:00Z`).toLocaleDateString(undefined, { month: 'short', year: 'numeric', timeZone: 'UTC' });

/** Every month from `from` to `to` (YYYY-MM), so gaps show as empty bars rather than vanishing. */
function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  while ((y < ty || (y === ty && m <= tm)) && out.length < 120) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m > 12) { m = 1; y += 1; }
  }
  return out;
}

/** The payments screen, filtered to the payments made in that month. */
function openPaymentsOfMonth(month: string) {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  usePayments.getState().setFilter({ status: undefined, number: undefined, from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` });
  useApp.getState().go('payments');
}

export function DeductionsChart() {
  const summary = useFindings((s) => s.summary);
  const [data, setData] = useState<DeductionsByMonthDto | null>(null);
  useEffect(() => {
    void call('dashboard:deductionsByMonth', {}).then(setData, () => setData(null));
  }, [summary]);
  if (!data) return null;
  // One currency per chart: the one most was deducted in (others are listed under it).
  const byCurrency = new Map<string, number>();
  for (const m of data.months) byCurrency.set(m.currency, (byCurrency.get(m.currency) ?? 0) + m.totalCents);
  const currency = [...byCurrency.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'USD';
  const others = [...byCurrency.keys()].filter((c) => c !== currency);
  const byMonth = new Map(data.months.filter((m) => m.currency === currency).map((m) => [m.month, m]));
  const months = monthsBetween(data.from, data.to).map((month) => byMonth.get(month) ?? { month, currency, byKind: { shortage: 0, price: 0, chargeback: 0, coop: 0, other: 0 }, totalCents: 0 });
  const total = months.reduce((n, m) => n + m.totalCents, 0);
  const max = Math.max(1, ...months.map((m) => m.totalCents));
  const kindTotals = KINDS.map((k) => ({ ...k, cents: months.reduce((n, m) => n + m.byKind[k.key], 0) }));
  const W = 640;
  const H = 180;
  const top = 8;
  const bottom = 22;
  const slot = W / months.length;
  const barW = Math.max(6, Math.min(40, slot * 0.6));
  const label = total
    ? `Deductions by month, ${monthLabel(data.from)} to ${monthLabel(data.to)}: ${money(total, currency)} in all; ${kindTotals.filter((k) => k.cents).map((k) => `${k.label} ${money(k.cents, currency)}`).join(', ')}. Largest month ${monthLabel(months.reduce((a, b) => (b.totalCents > a.totalCents ? b : a)).month)}.`
    : `No deductions from ${monthLabel(data.from)} to ${monthLabel(data.to)}.`;
  return (
    <section className="card" aria-labelledby="deductions-title">
      <div className="card-head">
        <h2 id="deductions-title">Deductions over time by type</h2>
        <span className="muted small">{money(total, currency)} in {months.length} months</span>
      </div>
      {total === 0 ? (
        <p className="empty">{label}</p>
      ) : (
        <>
          <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={label} data-testid="deductions-chart" style={{ maxHeight: 220, display: 'block' }}>
            {months.map((m, i) => {
              const x = i * slot + (slot - barW) / 2;
              let y = H - bottom;
              const tip = `${monthLabel(m.month)}: ${money(m.totalCents, currency)} deducted${KINDS.filter((k) => m.byKind[k.key]).map((k) => `\n${k.label}: ${money(m.byKind[k.key], currency)}`).join('')}\nClick to see that month's payments.`;
              return (
                <g key={m.month} onClick={() => openPaymentsOfMonth(m.month)} style={{ cursor: 'pointer' }}>
                  <title>{tip}</title>
                  {/* A transparent full-height target, so small months are easy to click. */}
                  <rect x={i * slot} y={top} width={slot} height={H - bottom - top} fill="transparent" />
                  {KINDS.map((k) => {
                    const h = (m.byKind[k.key] / max) * (H - bottom - top);
                    if (h <= 0) return null;
                    y -= h;
                    return <rect key={k.key} x={x} y={y} width={barW} height={h} fill={k.color} />;
                  })}
                  <text x={i * slot + slot / 2} y={H - 6} textAnchor="middle" fontSize="10" fill="currentColor">{m.month.slice(5) === '01' || i === 0 ? m.month : m.month.slice(5)}</text>
                </g>
              );
            })}
          </svg>
          <ul className="plain row gap wrap small" aria-hidden="true">
            {kindTotals.map((k) => (
              <li key={k.key}><span style={{ display: 'inline-block', width: 10, height: 10, background: k.color, marginRight: 4, borderRadius: 2 }} />{k.label} {money(k.cents, currency)}</li>
            ))}
          </ul>
          <table className="sr-only">
            <caption>Deductions by month and type ({currency}); each month opens its payments</caption>
            <thead>
              <tr><th scope="col">Month</th>{KINDS.map((k) => <th key={k.key} scope="col">{k.label}</th>)}<th scope="col">Total</th></tr>
            </thead>
            <tbody>
              {months.map((m) => (
                <tr key={m.month}>
                  <th scope="row"><button type="button" className="link" onClick={() => openPaymentsOfMonth(m.month)}>{monthLabel(m.month)}</button></th>
                  {KINDS.map((k) => <td key={k.key}>{money(m.byKind[k.key], currency)}</td>)}
                  <td>{money(m.totalCents, currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <p className="muted small">Remittance lines with a negative amount, by payment date (the document date when the payment has none).{others.length ? ` Deductions in ${others.join(', ')} are not drawn.` : ''}</p>
    </section>
  );
}

export function Dashboard() {
  const { batches, loaded, load } = useImports();
  const go = useApp((s) => s.go);
  const findingsReady = useApp((s) => s.info?.channels.includes('findings:summary') ?? false);
  const deductionsReady = useApp((s) => s.info?.channels.includes('dashboard:deductionsByMonth') ?? false);
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
      {deductionsReady && <DeductionsChart />}
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
