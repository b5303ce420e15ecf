import { useState } from 'react';
import { DEADLINE_BASE_VALUES, DEADLINE_KIND_VALUES, type DeadlineRuleDto, type DeadlineRuleInput } from '../../../../shared/ipc-documents';
import { ScreenHead, useCall } from '../../components/common';
import { call } from '../../lib/api';
import { bytes, day } from '../../lib/format';
import { useApp } from '../../store/app';

const KIND_LABELS: Record<string, string> = {
  chargeback: 'Chargeback',
  shortage_claim: 'Shortage claim',
  price_claim: 'Price claim',
  claim_hard_limit: 'Claim hard limit',
  unpaid_grace: 'Unpaid invoice grace',
};
const BASE_LABELS: Record<string, string> = { doc_date: 'document date', due_date: 'due date', invoice_date: 'invoice date' };

export function SettingsScreen() {
  const { info, theme, setTheme } = useApp();
  const rules = useCall('rules:list', {}, 'Loading deadline rules');
  const profiles = useCall('profiles:list', {}, 'Loading mapping profiles');
  const [backup, setBackup] = useState<string | null>(null);
  return (
    <div className="screen">
      <ScreenHead title="Settings" lede="Dispute deadlines, column mappings, the database and how Recoup looks." />
      <section className="card" aria-labelledby="db-title">
        <h2 id="db-title">Database</h2>
        <p>Open database: <code data-testid="settings-db-path">{info?.dbPath ?? '…'}</code></p>
        <p className="muted small">Schema version {info?.schemaVersion ?? '…'} · Recoup {info?.version ?? ''}. Everything you import and every change you make is stored in this one file; set RECOUP_DB or use File › Open Database to use another.</p>
        <div className="row gap">
          <button
            type="button"
            className="btn"
            onClick={() => void useApp.getState().track('Backing up', () => call('backup:create', {})).then((r) => {
              if (!r) return;
              setBackup(`${r.file} (${bytes(r.bytes)}, ${r.auditEntries} audit entries, SHA-256 ${r.sha256.slice(0, 12)}…)`);
              useApp.getState().toast({ kind: 'success', title: 'Backup written', detail: r.file });
            })}
          >
            Back up now
          </button>
          {backup && <span className="muted small" role="status">Saved to {backup}</span>}
        </div>
      </section>
      <section className="card" aria-labelledby="theme-title">
        <h2 id="theme-title">Appearance</h2>
        <div className="row gap" role="radiogroup" aria-label="Theme">
          {(['light', 'dark'] as const).map((t) => (
            <label key={t} className="row gap small-gap"><input type="radio" name="theme" checked={theme === t} onChange={() => setTheme(t)} /> {t === 'light' ? 'Light' : 'Dark'}</label>
          ))}
        </div>
        <p className="muted small">Amounts are shown in each document's own currency; dates as Month Day, Year.</p>
      </section>
      <section className="card" aria-labelledby="rules-title">
        <h2 id="rules-title">Dispute deadline rules</h2>
        <p className="muted small">Amazon changes its windows, so they are data: the rule in effect on a document's date applies. Changes take effect at the next reconcile.</p>
        <RulesTable rules={rules.data ?? []} onChanged={rules.reload} />
      </section>
      <section className="card" aria-labelledby="profiles-title">
        <h2 id="profiles-title">Column mapping profiles</h2>
        <p className="muted small">How Recoup reads spreadsheet registers: each profile maps a layout's headers to fields. Built-in profiles accept the usual header names.</p>
        <div className="table-wrap">
          <table className="table compact">
            <thead><tr><th scope="col">Profile</th><th scope="col">Documents</th><th scope="col">Fields</th><th scope="col">Dates</th></tr></thead>
            <tbody>
              {(profiles.data ?? []).map((p) => (
                <tr key={p.id}>
                  <td>{p.name}{p.builtin ? <span className="pill neutral"> built-in</span> : null}</td>
                  <td>{p.target}</td>
                  <td className="muted small">{p.fields.slice(0, 6).map((f) => f.field).join(', ')}{p.fields.length > 6 ? `, +${p.fields.length - 6}` : ''}</td>
                  <td>{p.dateOrder ?? 'auto'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}

function RulesTable({ rules, onChanged }: { rules: DeadlineRuleDto[]; onChanged(): void }) {
  const blank: DeadlineRuleInput = { kind: 'chargeback', base: 'doc_date', days: 30, warnDays: null, months: 0, effectiveFrom: new Date().toISOString().slice(0, 10), note: null };
  const [draft, setDraft] = useState<DeadlineRuleInput | null>(null);
  const save = async () => {
    if (!draft) return;
    const r = await useApp.getState().track('Saving the rule', () => call('rules:update', { rule: draft }));
    if (r) {
      setDraft(null);
      onChanged();
      useApp.getState().toast({ kind: 'success', title: 'Deadline rule saved', detail: 'Reconcile to apply it to existing findings.' });
    }
  };
  const remove = async (id: number) => {
    if (await useApp.getState().track('Deleting the rule', () => call('rules:delete', { id }))) onChanged();
  };
  return (
    <>
      <div className="table-wrap">
        <table className="table compact" data-testid="rules-table">
          <thead><tr><th scope="col">Applies to</th><th scope="col">Window</th><th scope="col">Effective from</th><th scope="col">Note</th><th scope="col"><span className="sr-only">Actions</span></th></tr></thead>
          <tbody>
            {rules.map((r) => (
              <tr key={r.id}>
                <td>{KIND_LABELS[r.kind] ?? r.kind}</td>
                <td>{r.days ? `${r.days} days` : ''}{r.days && r.months ? ' + ' : ''}{r.months ? `${r.months} months` : ''} after the {BASE_LABELS[r.base] ?? r.base}{r.warnDays !== null ? ` (late but possible until ${r.warnDays} days)` : ''}</td>
                <td className="nowrap">{day(r.effectiveFrom)}</td>
                <td className="muted small">{r.note ?? ''}</td>
                <td className="actions">
                  <button type="button" className="btn small ghost" onClick={() => setDraft({ kind: r.kind, base: r.base, days: r.days, warnDays: r.warnDays, months: r.months, effectiveFrom: r.effectiveFrom, note: r.note })}>Edit</button>
                  <button type="button" className="btn small ghost" aria-label={`Delete the ${KIND_LABELS[r.kind] ?? r.kind} rule from ${r.effectiveFrom}`} onClick={() => void remove(r.id)}>Delete</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {draft ? (
        <form className="filters" aria-label="Deadline rule" onSubmit={(e) => { e.preventDefault(); void save(); }}>
          <label><span>Applies to</span><select value={draft.kind} onChange={(e) => setDraft({ ...draft, kind: e.target.value as DeadlineRuleInput['kind'] })}>{DEADLINE_KIND_VALUES.map((k) => <option key={k} value={k}>{KIND_LABELS[k] ?? k}</option>)}</select></label>
          <label><span>Counted from</span><select value={draft.base} onChange={(e) => setDraft({ ...draft, base: e.target.value as DeadlineRuleInput['base'] })}>{DEADLINE_BASE_VALUES.map((b) => <option key={b} value={b}>{BASE_LABELS[b]}</option>)}</select></label>
          <label><span>Days</span><input type="number" min={0} max={3650} value={draft.days} onChange={(e) => setDraft({ ...draft, days: Number(e.target.value) })} /></label>
          <label><span>Months</span><input type="number" min={0} max={240} value={draft.months} onChange={(e) => setDraft({ ...draft, months: Number(e.target.value) })} /></label>
          <label><span>Late until (days)</span><input type="number" min={0} value={draft.warnDays ?? ''} onChange={(e) => setDraft({ ...draft, warnDays: e.target.value === '' ? null : Number(e.target.value) })} /></label>
          <label><span>Effective from</span><input type="date" value={draft.effectiveFrom} onChange={(e) => setDraft({ ...draft, effectiveFrom: e.target.value })} /></label>
          <label className="grow"><span>Note</span><input value={draft.note ?? ''} onChange={(e) => setDraft({ ...draft, note: e.target.value || null })} /></label>
          <div className="filter-actions"><button type="submit" className="btn primary">Save rule</button><button type="button" className="btn ghost" onClick={() => setDraft(null)}>Cancel</button></div>
        </form>
      ) : (
        <div><button type="button" className="btn" onClick={() => setDraft(blank)}>Add a rule</button></div>
      )}
    </>
  );
}
