import { useState } from 'react';
import type { AuditFilterDto, AuditVerifyDto } from '../../../../shared/ipc-documents';
import { Pager, ScreenHead, useCall } from '../../components/common';
import { call } from '../../lib/api';
import { dateTime } from '../../lib/format';
import { useApp } from '../../store/app';

const PAGE = 100;

export function AuditScreen() {
  const [filter, setFilter] = useState<AuditFilterDto>({});
  const [offset, setOffset] = useState(0);
  const [verify, setVerify] = useState<AuditVerifyDto | null>(null);
  const { data } = useCall('audit:list', { filter, limit: PAGE, offset }, 'Loading the audit log');
  const pick = (key: keyof AuditFilterDto, values: string[] | undefined, label: string) => (
    <label>
      <span>{label}</span>
      <select value={filter[key] ?? ''} onChange={(e) => { setOffset(0); setFilter({ ...filter, [key]: e.target.value || undefined }); }}>
        <option value="">All</option>
        {(values ?? []).map((v) => <option key={v} value={v}>{v}</option>)}
      </select>
    </label>
  );
  return (
    <div className="screen">
      <ScreenHead title="Audit log" lede="Every change anyone made, in order. Each entry is chained to the one before by its hash, so an edit or deletion shows.">
        <button type="button" className="btn" onClick={() => void useApp.getState().track('Checking the audit log', () => call('audit:verify', {})).then((r) => r && setVerify(r))}>Check integrity</button>
      </ScreenHead>
      {verify && (
        <p className={`deadline ${verify.ok ? 'ok' : 'bad'}`} role="status">
          {verify.ok ? `The audit log is intact: ${verify.entries} entries, every link holds.` : `The audit log is broken at entry ${verify.brokenAt}: ${verify.reason}`}
        </p>
      )}
      <form className="filters card" aria-label="Filter the audit log" onSubmit={(e) => e.preventDefault()}>
        {pick('action', data?.actions, 'Action')}
        {pick('actor', data?.actors, 'Who')}
        {pick('entity', data?.entities, 'Record type')}
      </form>
      <section className="card" aria-label="Audit entries">
        <div className="table-wrap">
          <table className="table compact" data-testid="audit-table">
            <thead><tr><th scope="col">#</th><th scope="col">When</th><th scope="col">Who</th><th scope="col">Action</th><th scope="col">Record</th><th scope="col">Change</th></tr></thead>
            <tbody>
              {data?.items.map((a) => (
                <tr key={a.id}>
                  <td className="muted">{a.id}</td>
                  <td className="nowrap">{dateTime(a.at)}</td>
                  <td>{a.actor}</td>
                  <td>{a.action}</td>
                  <td>{a.entity ? `${a.entity} ${a.entityId ?? ''}` : '—'}</td>
                  <td className="muted small change">{summarise(a.before, a.after)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {data && <Pager offset={offset} limit={PAGE} total={data.total} onChange={setOffset} />}
      </section>
    </div>
  );
}

function summarise(before: string | null, after: string | null): string {
  const short = (s: string | null) => (s && s.length > 160 ? `${s.slice(0, 157)}…` : s ?? '');
  if (before && after) return `${short(before)} → ${short(after)}`;
  return short(after ?? before);
}
