import { useEffect, useState } from 'react';
import type { DeadlineRuleDto, DeadlineRuleInput } from '../../../../shared/ipc-documents';
import { bytes, count, day } from '../../lib/format';
import { useApp } from '../../store/app';
import { LOCALES, amount } from '../payments/common';
import { BASE_LABELS, KIND_LABELS, useSettings } from './store';
import { useFindings } from '../findings/store';

export function SettingsScreen() {
  const load = useSettings((s) => s.load);
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <div className="screen docs-screen settings-screen">
      <header className="screen-head">
        <div>
          <h1>Settings</h1>
          <p className="lede">Dispute deadlines, the column mappings Recoup reads registers with, how amounts are shown, and where your data lives.</p>
        </div>
      </header>
      <DeadlineRules />
      <Display />
      <Database />
      <Profiles />
    </div>
  );
}

/** A window in words: "30 days after the invoice due date (late but worth it until day 40)". */
export function describeRule(r: Pick<DeadlineRuleDto, 'base' | 'days' | 'warnDays' | 'months'>): string {
  const parts: string[] = [];
  if (r.months) parts.push(`${r.months} month${r.months === 1 ? '' : 's'}`);
  if (r.days || !r.months) parts.push(`${r.days} day${r.days === 1 ? '' : 's'}`);
  return `${parts.join(' and ')} after ${BASE_LABELS[r.base] ?? r.base}${r.warnDays !== null ? `; still worth disputing until day ${r.warnDays}` : ''}`;
}

/** Is the rule the one in force today, replaced by a later one, or still to come? */
export function ruleState(rule: DeadlineRuleDto, rules: DeadlineRuleDto[], today: string): { state: 'in_force' | 'replaced' | 'upcoming'; by?: string } {
  if (rule.effectiveFrom > today) return { state: 'upcoming' };
  const later = rules.filter((r) => r.kind === rule.kind && r.effectiveFrom > rule.effectiveFrom && r.effectiveFrom <= today).map((r) => r.effectiveFrom).sort();
  return later.length ? { state: 'replaced', by: later[0]! } : { state: 'in_force' };
}

function RuleState({ rule, rules, today }: { rule: DeadlineRuleDto; rules: DeadlineRuleDto[]; today: string }) {
  const s = ruleState(rule, rules, today);
  if (s.state === 'in_force') return <span className="pill ok">In force</span>;
  if (s.state === 'upcoming') return <span className="pill warn">Not yet in force</span>;
  return <span className="pill neutral" title="Documents dated before the replacement still follow this rule">Older documents (replaced {day(s.by!)})</span>;
}

const intOrNull = (s: string): number | null => (s.trim() === '' ? null : Number(s));

function RuleForm({ initial, fixedKey, onDone }: { initial: DeadlineRuleInput; fixedKey: boolean; onDone: () => void }) {
  const saveRule = useSettings((s) => s.saveRule);
  const [r, setR] = useState({ ...initial, days: String(initial.days), warnDays: initial.warnDays === null ? '' : String(initial.warnDays), months: String(initial.months), note: initial.note ?? '' });
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async () => {
    const days = Number(r.days);
    const months = Number(r.months);
    const warnDays = intOrNull(r.warnDays);
    if (!Number.isInteger(days) || days < 0) return setProblem('Days must be a whole number, 0 or more.');
    if (!Number.isInteger(months) || months < 0) return setProblem('Months must be a whole number, 0 or more.');
    if (warnDays !== null && (!Number.isInteger(warnDays) || warnDays < days)) return setProblem('"Worth disputing until" must be a whole number of days, not before the deadline.');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(r.effectiveFrom)) return setProblem('Give the date the rule starts to apply.');
    setProblem(null);
    if (await saveRule({ kind: r.kind, base: r.base, days, warnDays, months, effectiveFrom: r.effectiveFrom, note: r.note.trim() || null })) onDone();
  };
  const id = `rule-${fixedKey ? `${initial.kind}-${initial.effectiveFrom}` : 'new'}`;
  return (
    <form
      className="rule-form"
      aria-label={fixedKey ? `Change the ${KIND_LABELS[initial.kind]?.label ?? initial.kind} rule from ${initial.effectiveFrom}` : 'Add a deadline rule'}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label>
        <span>Applies to</span>
        <select value={r.kind} disabled={fixedKey} onChange={(e) => setR({ ...r, kind: e.target.value as DeadlineRuleInput['kind'] })}>
          {Object.entries(KIND_LABELS).map(([k, v]) => <option key={k} value={k}>{v.label}</option>)}
        </select>
      </label>
      <label>
        <span>Effective from</span>
        <input type="date" value={r.effectiveFrom} disabled={fixedKey} required onChange={(e) => setR({ ...r, effectiveFrom: e.target.value })} />
      </label>
      <label>
        <span>Counted from</span>
        <select value={r.base} onChange={(e) => setR({ ...r, base: e.target.value as DeadlineRuleInput['base'] })}>
          {Object.entries(BASE_LABELS).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
        </select>
      </label>
      <label className="narrow">
        <span>Days</span>
        <input id={`${id}-days`} inputMode="numeric" value={r.days} onChange={(e) => setR({ ...r, days: e.target.value })} />
      </label>
      <label className="narrow">
        <span>Worth disputing until (day)</span>
        <input inputMode="numeric" value={r.warnDays} placeholder="none" onChange={(e) => setR({ ...r, warnDays: e.target.value })} />
      </label>
      <label className="narrow">
        <span>Months</span>
        <input inputMode="numeric" value={r.months} onChange={(e) => setR({ ...r, months: e.target.value })} />
      </label>
      <label className="grow">
        <span>Note (source, reason)</span>
        <input value={r.note} onChange={(e) => setR({ ...r, note: e.target.value })} placeholder="e.g. Amazon notice of 2026-03-01" />
      </label>
      <div className="filter-actions">
        <button type="submit" className="btn primary small">Save rule</button>
        <button type="button" className="btn ghost small" onClick={onDone}>Cancel</button>
      </div>
      {problem && <p className="reason small" role="alert">{problem}</p>}
    </form>
  );
}

function DeadlineRules() {
  const { rules, deleteRule } = useSettings();
  const [editing, setEditing] = useState<number | null>(null);
  const [adding, setAdding] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState<number | null>(null);
  const today = new Date().toISOString().slice(0, 10);
  return (
    <section className="card" aria-labelledby="rules-title">
      <div className="card-head">
        <h2 id="rules-title">Dispute deadline rules</h2>
        <span className="row gap">
          {!adding && <button type="button" className="btn small" onClick={() => setAdding(true)} data-testid="add-rule">Add a rule version</button>}
          <button type="button" className="btn ghost small" onClick={() => void useFindings.getState().reconcile()} title="Recompute every finding and its deadline with these rules">
            Reconcile now
          </button>
        </span>
      </div>
      <p className="muted small">
        Amazon changes its windows, so each rule has the date it starts to apply: a document follows the latest rule in effect on its own date.
        To change a window from some day on, add a version with that effective date — older documents keep the old rule. Changes apply at the next reconcile.
      </p>
      {adding && (
        <RuleForm initial={{ kind: 'shortage_claim', base: 'due_date', days: 30, warnDays: null, months: 0, effectiveFrom: today, note: null }} fixedKey={false} onDone={() => setAdding(false)} />
      )}
      {!rules ? <p className="empty">Loading…</p> : (
        <div className="table-wrap">
          <table className="table compact" data-testid="rules-table">
            <caption className="sr-only">Dispute deadline rules with their effective dates</caption>
            <thead><tr><th scope="col">Applies to</th><th scope="col">Effective from</th><th scope="col">Window</th><th scope="col">Note</th><th scope="col" className="actions"><span className="sr-only">Actions</span></th></tr></thead>
            <tbody>
              {rules.map((r) => (
                editing === r.id ? (
                  <tr key={r.id}><td colSpan={5}><RuleForm initial={r} fixedKey onDone={() => setEditing(null)} /></td></tr>
                ) : (
                  <tr key={r.id} data-testid="rule-row">
                    <td><strong>{KIND_LABELS[r.kind]?.label ?? r.kind}</strong><span className="block muted small">{KIND_LABELS[r.kind]?.help}</span></td>
                    <td className="nowrap">{day(r.effectiveFrom)}<span className="block"><RuleState rule={r} rules={rules} today={today} /></span></td>
                    <td data-testid="rule-window">{describeRule(r)}</td>
                    <td className="muted small">{r.note ?? '—'}</td>
                    <td className="actions">
                      {confirmDelete === r.id ? (
                        <span className="confirm">
                          <span className="small">Delete this rule?</span>
                          <button type="button" className="btn danger small" onClick={() => void deleteRule(r.id).then(() => setConfirmDelete(null))}>Delete</button>
                          <button type="button" className="btn ghost small" onClick={() => setConfirmDelete(null)}>Keep</button>
                        </span>
                      ) : (
                        <span className="row gap">
                          <button type="button" className="btn small" onClick={() => setEditing(r.id)} aria-label={`Change the ${KIND_LABELS[r.kind]?.label ?? r.kind} rule from ${r.effectiveFrom}`}>Change</button>
                          <button type="button" className="btn ghost small" onClick={() => setConfirmDelete(r.id)} aria-label={`Delete the ${KIND_LABELS[r.kind]?.label ?? r.kind} rule from ${r.effectiveFrom}`}>Delete</button>
                        </span>
                      )}
                    </td>
                  </tr>
                )
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Display() {
  const { locale, setLocale } = useSettings();
  const { theme, toggleTheme } = useApp();
  return (
    <section className="card" aria-labelledby="display-title">
      <h2 id="display-title">Display</h2>
      <div className="row gap wrap settings-row">
        <label className="field">
          <span>Number and currency format</span>
          <select value={locale} onChange={(e) => setLocale(e.target.value)} data-testid="locale">
            {LOCALES.map((l) => <option key={l.value} value={l.value}>{l.label}</option>)}
          </select>
        </label>
        <p className="muted small" aria-live="polite" data-testid="locale-sample">
          Example: {amount(123456789, 'USD')} · {amount(-98765, 'EUR')} · {amount(500000, 'JPY')}
        </p>
      </div>
      <p className="muted small">Amounts keep the currency of their document; this changes only how they are written. Stored values are never converted.</p>
      <div className="row gap">
        <span>Theme: {theme === 'dark' ? 'dark' : 'light'}</span>
        <button type="button" className="btn small" onClick={toggleTheme}>Switch to {theme === 'dark' ? 'light' : 'dark'}</button>
      </div>
    </section>
  );
}

function Database() {
  const info = useApp((s) => s.info);
  const { lastBackup, lastRestore, backup, restore } = useSettings();
  const [backupPath, setBackupPath] = useState('');
  const [restorePath, setRestorePath] = useState('');
  const [confirming, setConfirming] = useState(false);
  return (
    <section className="card" aria-labelledby="db-title">
      <h2 id="db-title">Database</h2>
      <dl className="facts">
        <div><dt>Open database</dt><dd data-testid="db-path">{info?.dbPath ?? '…'}</dd></div>
        <div><dt>Schema version</dt><dd>{info?.schemaVersion ?? '…'}</dd></div>
        <div><dt>Running as</dt><dd>{info ? (info.mode === 'electron' ? 'Desktop app' : 'Browser mode (local server)') : '…'}</dd></div>
        <div><dt>Recoup version</dt><dd>{info?.version ?? '…'}</dd></div>
      </dl>
      <form className="row gap wrap settings-row" aria-label="Back up the database" onSubmit={(e) => { e.preventDefault(); void backup(backupPath.trim() || undefined); }}>
        <label className="grow">
          <span>Back up to (leave empty for a dated file in a “backups” folder beside the database)</span>
          <input value={backupPath} onChange={(e) => setBackupPath(e.target.value)} placeholder="/path/to/recoup-backup.db" data-testid="backup-path" />
        </label>
        <button type="submit" className="btn primary" data-testid="backup-now">Back up now</button>
      </form>
      {lastBackup && (
        <p className="callout ok" role="status" data-testid="backup-result">
          Backup written to <span className="mono">{lastBackup.file}</span> ({bytes(lastBackup.bytes)}, {count(lastBackup.auditEntries)} audit entries, SHA-256 <span className="mono">{lastBackup.sha256.slice(0, 16)}…</span>).
        </p>
      )}
      <form
        className="row gap wrap settings-row"
        aria-label="Restore the database from a backup"
        onSubmit={(e) => {
          e.preventDefault();
          if (!restorePath.trim()) return;
          if (!confirming) return setConfirming(true);
          setConfirming(false);
          void restore(restorePath.trim());
        }}
      >
        <label className="grow">
          <span>Restore from a backup file</span>
          <input value={restorePath} onChange={(e) => { setRestorePath(e.target.value); setConfirming(false); }} placeholder="/path/to/recoup-backup.db" data-testid="restore-path" />
        </label>
        <button type="submit" className={`btn${confirming ? ' danger' : ''}`} disabled={!restorePath.trim()} data-testid="restore-now">{confirming ? 'Yes, replace the open database' : 'Restore…'}</button>
        {confirming && <button type="button" className="btn ghost" onClick={() => setConfirming(false)}>Cancel</button>}
      </form>
      {confirming && (
        <p className="callout warn" role="alert">
          Restoring replaces everything in the open database with the backup. The backup is checked first, and the current database is kept beside it as a .bak file.
        </p>
      )}
      {lastRestore && (
        <p className="callout ok" role="status">
          Restored from <span className="mono">{lastRestore.from}</span>{lastRestore.previous ? <>; the database as it was is kept at <span className="mono">{lastRestore.previous}</span></> : null}.
        </p>
      )}
    </section>
  );
}

function Profiles() {
  const profiles = useSettings((s) => s.profiles);
  return (
    <section className="card" aria-labelledby="profiles-title">
      <h2 id="profiles-title">Column mapping profiles</h2>
      <p className="muted small">How Recoup reads the columns of register exports (invoices, shipments, purchase orders, receipts). Built-in profiles accept the usual header names; profiles you save at import match one exact layout.</p>
      {!profiles ? <p className="empty">Loading…</p> : (
        <table className="table compact" data-testid="profiles-table">
          <caption className="sr-only">Mapping profiles</caption>
          <thead><tr><th scope="col">Name</th><th scope="col">Reads</th><th scope="col">Kind</th><th scope="col">Columns</th><th scope="col">Dates / decimals</th></tr></thead>
          <tbody>
            {profiles.map((p) => (
              <tr key={p.id} data-testid="profile-row">
                <td><strong>{p.name}</strong></td>
                <td>{p.target.replace(/_/g, ' ')}</td>
                <td>{p.builtin ? <span className="pill neutral">Built-in</span> : <span className="pill ok">Saved</span>}</td>
                <td>
                  <details>
                    <summary>{count(p.fields.length)} fields</summary>
                    <dl className="profile-fields">
                      {p.fields.map((f) => (
                        <div key={f.field}><dt>{f.field}</dt><dd className="muted">{f.headers.join(', ')}</dd></div>
                      ))}
                    </dl>
                  </details>
                </td>
                <td className="muted">{[p.dateOrder ? (p.dateOrder === 'MDY' ? 'month first' : 'day first') : null, p.decimal ? `decimal ${p.decimal}` : null, p.currency].filter(Boolean).join(' · ') || 'from the file'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
