import { useEffect, useRef } from 'react';
import { useApp } from '../store/app';

export const SHORTCUTS: Array<{ keys: string[]; what: string }> = [
  { keys: ['?'], what: 'Show or hide this list' },
  { keys: ['g', 'd'], what: 'Go to the dashboard' },
  { keys: ['g', 'i'], what: 'Go to Import' },
  { keys: ['g', 'f'], what: 'Go to Findings' },
  { keys: ['g', 'p'], what: 'Go to Payments' },
  { keys: ['g', 'n'], what: 'Go to Invoices' },
  { keys: ['g', 'a'], what: 'Go to the ASIN ledger' },
  { keys: ['g', 'l'], what: 'Go to the audit log' },
  { keys: ['g', 's'], what: 'Go to Settings' },
  { keys: ['/'], what: 'Search for an invoice, PO, ASIN, claim or payment' },
  { keys: ['u'], what: 'Import files (choose files)' },
  { keys: ['j'], what: 'Findings: next row' },
  { keys: ['k'], what: 'Findings: previous row' },
  { keys: ['Enter'], what: 'Findings: open the row' },
  { keys: ['x'], what: 'Findings: select or unselect the row' },
  { keys: ['t'], what: 'Switch light / dark theme' },
  { keys: ['Esc'], what: 'Close a dialog or panel' },
];

export function ShortcutsOverlay() {
  const open = useApp((s) => s.helpOpen);
  const setHelp = useApp((s) => s.setHelp);
  const closeBtn = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (open) closeBtn.current?.focus();
  }, [open]);
  if (!open) return null;
  return (
    <div className="backdrop" onClick={() => setHelp(false)}>
      <div role="dialog" aria-modal="true" aria-labelledby="shortcuts-title" className="dialog" onClick={(e) => e.stopPropagation()}>
        <div className="card-head">
          <h2 id="shortcuts-title">Keyboard shortcuts</h2>
          <button ref={closeBtn} type="button" className="btn ghost small" onClick={() => setHelp(false)}>Close</button>
        </div>
        <table className="table compact">
          <tbody>
            {SHORTCUTS.map((s) => (
              <tr key={s.what}>
                <td className="nowrap">{s.keys.map((k, i) => <span key={i}>{i > 0 && <span className="muted"> then </span>}<kbd>{k}</kbd></span>)}</td>
                <td>{s.what}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

export function Toasts() {
  const toasts = useApp((s) => s.toasts);
  const dismiss = useApp((s) => s.dismiss);
  return (
    <div className="toasts" role="region" aria-label="Notifications" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} className={`toast ${t.kind}`} role={t.kind === 'error' ? 'alert' : 'status'}>
          <div>
            <strong>{t.title}</strong>
            {t.detail && <p>{t.detail}</p>}
          </div>
          <button type="button" className="btn ghost small" aria-label="Dismiss notification" onClick={() => dismiss(t.id)}>×</button>
        </div>
      ))}
    </div>
  );
}
