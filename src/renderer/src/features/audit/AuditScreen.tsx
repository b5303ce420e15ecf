// The audit log: every change anyone made (imports, undo, reconcile runs, claim status, rules,
// restores), filterable, with the hash chain that shows nothing was altered or removed.
import { useEffect, useState } from 'react';
import { create } from 'zustand';
import type { AuditFilterDto, AuditPageDto, AuditVerifyDto } from '../../../../shared/ipc-documents';
import { call } from '../../lib/api';
import { count, dateTime } from '../../lib/format';
import { useApp } from '../../store/app';
import { Pager } from '../payments/common';

export const AUDIT_PAGE = 100;

interface AuditState {
  filter: AuditFilterDto;
  offset: number;
  page: AuditPageDto | null;
  verify: AuditVerifyDto | null;
  generation: number;
  setFilter(patch: Partial<AuditFilterDto>): void;
  setOffset(offset: number): void;
  load(): Promise<void>;
  runVerify(): Promise<void>;
}

export const useAudit = create<AuditState>((set, get) => ({
  filter: {},
  offset: 0,
  page: null,
  verify: null,
  generation: 0,
  setFilter(patch) {
    const filter = Object.fromEntries(Object.entries({ ...get().filter, ...patch }).filter(([, v]) => v)) as AuditFilterDto;
    set({ filter, offset: 0 });
    void get().load();
  },
  setOffset(offset) {
    set({ offset });
    void get().load();
  },
  async load() {
    const generation = get().generation + 1;
    set({ generation });
    const { filter, offset } = get();
    const page = await useApp.getState().track('Loading the audit log', () => call('audit:list', { filter, limit: AUDIT_PAGE, offset }));
    if (page && get().generation === generation) set({ page });
  },
  async runVerify() {
    const verify = await useApp.getState().track('Verifying the audit log', () => call('audit:verify', {}));
    if (verify) set({ verify });
  },
}));

const ACTION_LABELS: Record<string, string> = {
  import: 'Imported a file',
  'undo-import': 'Undid an import',
  'claim.create': 'Claim opened',
  'claim.status': 'Claim status changed',
  'claim.note': 'Claim note added',
  'claim.evidence': 'Claim evidence added',
  'claim.recovery': 'Money recovered on a claim',
  'claim.refresh': 'Claim refreshed from its finding',
  'claim.finding_gone': 'Claim\'s finding no longer raised',
  reconcile: 'Reconciled',
  restore: 'Restored the database',
  'deadline_rule.save': 'Saved a deadline rule',
  'deadline_rule.delete': 'Deleted a deadline rule',
};
export const actionLabel = (a: string): string => ACTION_LABELS[a] ?? a.replace(/^claim\./, 'Claim: ').replace(/[._-]/g, ' ');

/** A before/after JSON value, short enough for a table cell. */
function summary(json: string | null): string {
  if (!json) return '';
  try {
    const v = JSON.parse(json) as unknown;
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.entries(v as Record<string, unknown>)
        .filter(([, x]) => x !== null && typeof x !== 'object')
        .slice(0, 6)
        .map(([k, x]) => `${k}: ${String(x)}`)
        .join(' · ');
    }
    return String(v);
  } catch {
    return json;
  }
}

export function AuditScreen() {
  const { page, filter, offset, verify, load, setFilter, setOffset, runVerify } = useAudit();
  const [entityId, setEntityId] = useState(filter.entityId ?? '');
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <div className="screen docs-screen">
      <header className="screen-head">
        <div>
          <h1>Audit log</h1>
          <p className="lede">Every change made to this database, newest first. Entries are chained by hash: altering or removing one breaks the chain from that point.</p>
        </div>
        <button type="button" className="btn" onClick={() => void runVerify()} data-testid="verify-audit">Verify the chain</button>
      </header>
      {verify && (
        <p className={`callout ${verify.ok ? 'ok' : 'bad'}`} role="status" data-testid="verify-result">
          {verify.ok
            ? <><strong>Intact.</strong> All {count(verify.entries)} entries link to the one before and match their hashes.</>
            : <><strong>Broken at entry {verify.brokenAt}.</strong> {verify.reason}. {count(verify.entries)} entries checked.</>}
        </p>
      )}
      <form className="filters card" aria-label="Filter the audit log" onSubmit={(e) => { e.preventDefault(); setFilter({ entityId: entityId.trim() || undefined }); }}>
        <label>
          <span>Action</span>
          <select value={filter.action ?? ''} onChange={(e) => setFilter({ action: e.target.value || undefined })} data-testid="audit-action">
            <option value="">Any action</option>
            {page?.actions.map((a) => <option key={a} value={a}>{actionLabel(a)}</option>)}
          </select>
        </label>
        <label>
          <span>Who</span>
          <select value={filter.actor ?? ''} onChange={(e) => setFilter({ actor: e.target.value || undefined })}>
            <option value="">Anyone</option>
            {page?.actors.map((a) => <option key={a} value={a}>{a}</option>)}
          </select>
        </label>
        <label>
          <span>What</span>
          <select value={filter.entity ?? ''} onChange={(e) => setFilter({ entity: e.target.value || undefined })}>
            <option value="">Anything</option>
            {page?.entities.map((a) => <option key={a} value={a}>{a.replace(/_/g, ' ')}</option>)}
          </select>
        </label>
        <label className="grow">
          <span>Record id</span>
          <input type="search" value={entityId} onChange={(e) => setEntityId(e.target.value)} placeholder="e.g. a claim or batch id" />
        </label>
        <div className="filter-actions">
          <button type="submit" className="btn primary">Apply</button>
          <button type="button" className="btn ghost" onClick={() => { setEntityId(''); useAudit.setState({ filter: {}, offset: 0 }); void load(); }}>Clear</button>
        </div>
      </form>
      <section className="card" aria-labelledby="audit-title">
        <div className="card-head">
          <h2 id="audit-title"><span data-testid="audit-total">{page ? count(page.total) : '…'}</span> entries</h2>
          <Pager offset={offset} limit={AUDIT_PAGE} total={page?.total ?? null} onPage={setOffset} what="entries" />
        </div>
        {page && page.items.length === 0 ? <p className="empty">No entries match.</p> : (
          <div className="table-wrap">
            <table className="table compact" data-testid="audit-table">
              <caption className="sr-only">Audit log entries</caption>
              <thead><tr><th scope="col">#</th><th scope="col">When</th><th scope="col">Who</th><th scope="col">Action</th><th scope="col">Record</th><th scope="col">Change</th></tr></thead>
              <tbody>
                {page?.items.map((a) => (
                  <tr key={a.id} data-testid="audit-row">
                    <td className="muted">{a.id}</td>
                    <td className="nowrap">{dateTime(a.at)}</td>
                    <td>{a.actor}</td>
                    <td>{actionLabel(a.action)}</td>
                    <td className="muted">{a.entity ? `${a.entity.replace(/_/g, ' ')}${a.entityId ? ` ${a.entityId}` : ''}` : '—'}</td>
                    <td>
                      {(a.before || a.after) ? (
                        <details>
                          <summary>{summary(a.after) || summary(a.before) || 'details'}</summary>
                          {a.before && <><span className="muted small">Before</span><pre className="json">{a.before}</pre></>}
                          {a.after && <><span className="muted small">After</span><pre className="json">{a.after}</pre></>}
                          <span className="muted small mono">hash {a.hash.slice(0, 16)}…</span>
                        </details>
                      ) : <span className="muted">—</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
