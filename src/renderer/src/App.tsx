import { useEffect, type ReactNode } from 'react';
import { useApp, paramFromHash, routeFromHash, type Route } from './store/app';
import { onCommand } from './lib/api';
import { Dashboard } from './features/dashboard/Dashboard';
import { ImportScreen } from './features/import/ImportScreen';
import { FindingsScreen } from './features/findings/FindingsScreen';
import { ShortcutsOverlay, Toasts } from './components/Overlays';
import { useImports } from './features/import/store';
import { GlobalSearch } from './components/GlobalSearch';
import { DOCUMENT_NAV, DocumentScreens } from './features/settings/nav';
import { DOCUMENT_KEYS } from './features/settings/routes';

const NAV: Array<{ route: Route; label: string; icon: ReactNode }> = [
  { route: 'dashboard', label: 'Dashboard', icon: <path d="M3 13h8V3H3zm0 8h8v-6H3zm10 0h8V11h-8zm0-18v6h8V3z" /> },
  { route: 'findings', label: 'Findings', icon: <path d="M9 5h11M9 12h11M9 19h11M4 5h.01M4 12h.01M4 19h.01" /> },
  { route: 'import', label: 'Import', icon: <path d="M12 3v12m0 0-4-4m4 4 4-4M4 17v2a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-2" /> },
  ...DOCUMENT_NAV,
];

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

/** Global keys: `?` help, `g` then a letter to navigate, `t` theme, `u` upload, Esc closes. */
function useShortcuts() {
  useEffect(() => {
    let pendingG = 0;
    const onKey = (e: KeyboardEvent) => {
      const app = useApp.getState();
      if (e.key === 'Escape' && app.helpOpen) {
        app.setHelp(false);
        return;
      }
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      if (e.key === '?') {
        e.preventDefault();
        app.setHelp(!app.helpOpen);
        return;
      }
      if (Date.now() - pendingG < 1500) {
        pendingG = 0;
        const to: Record<string, Route> = { d: 'dashboard', i: 'import', f: 'findings', ...DOCUMENT_KEYS };
        const route = to[e.key];
        if (route) {
          e.preventDefault();
          app.go(route);
        }
        return;
      }
      if (e.key === '/') {
        e.preventDefault();
        document.getElementById('global-search')?.focus();
      } else if (e.key === 'g') pendingG = Date.now();
      else if (e.key === 't') app.toggleTheme();
      else if (e.key === 'u') {
        app.go('import');
        setTimeout(() => document.querySelector<HTMLButtonElement>('.dropzone .btn.primary')?.click(), 0);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

export function App() {
  const { info, route, theme, busy, busyLabel, go, loadInfo, toggleTheme, setHelp } = useApp();

  useEffect(() => {
    void loadInfo();
    const onHash = () => useApp.setState({ route: routeFromHash(location.hash), param: paramFromHash(location.hash) });
    window.addEventListener('hashchange', onHash);
    const off = onCommand((command) => {
      const app = useApp.getState();
      if (command.startsWith('go:')) app.go(command.slice(3) as Route);
      else if (command === 'theme:toggle') app.toggleTheme();
      else if (command === 'help:shortcuts') app.setHelp(true);
      else if (command === 'search') document.getElementById('global-search')?.focus();
      else if (command === 'import:files' || command === 'import:folder') {
        app.go('import');
        void useImports.getState().previewWithDialog(command === 'import:folder');
      } else if (command === 'db-changed') {
        void app.loadInfo();
        void useImports.getState().load();
      }
    });
    return () => {
      window.removeEventListener('hashchange', onHash);
      off();
    };
  }, [loadInfo]);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  useShortcuts();

  // A file dropped outside the drop zone must not replace the app with the file's contents.
  useEffect(() => {
    const stop = (e: DragEvent) => {
      if (!(e.target as HTMLElement | null)?.closest?.('[data-testid="dropzone"]')) e.preventDefault();
    };
    window.addEventListener('dragover', stop);
    window.addEventListener('drop', stop);
    return () => {
      window.removeEventListener('dragover', stop);
      window.removeEventListener('drop', stop);
    };
  }, []);

  return (
    <div className="shell">
      <a href="#main" className="skip-link">Skip to content</a>
      <aside className="sidebar" aria-label="Main navigation">
        <div className="brand">
          <span className="logo" aria-hidden="true">R</span>
          <span>
            <strong>Recoup</strong>
            <span className="brand-sub">Vendor Central reconciliation</span>
          </span>
        </div>
        <GlobalSearch />
        <nav>
          <ul className="plain">
            {NAV.map((n) => (
              <li key={n.route}>
                <a
                  href={`#/${n.route}`}
                  className={`nav-item${route === n.route ? ' active' : ''}`}
                  aria-current={route === n.route ? 'page' : undefined}
                  onClick={(e) => {
                    e.preventDefault();
                    go(n.route);
                  }}
                >
                  <svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round">{n.icon}</svg>
                  {n.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="sidebar-foot">
          <div className="db" title={info?.dbPath}>
            <span className="muted small block">Database</span>
            <span className="db-name" data-testid="db-name">{info?.dbName ?? '…'}</span>
            {info?.readonly && (
              <span className="pill warn block small" role="status" data-testid="review-mode" title="Opened for audit review: nothing can be changed">
                Audit review · read only
              </span>
            )}
          </div>
          <div className="row gap">
            <button type="button" className="btn ghost small" onClick={toggleTheme} aria-label={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`}>
              {theme === 'dark' ? 'Light theme' : 'Dark theme'}
            </button>
            <button type="button" className="btn ghost small" onClick={() => setHelp(true)} aria-label="Keyboard shortcuts">?</button>
          </div>
        </div>
      </aside>
      <div className="content">
        <div className={`busy-bar${busy ? ' on' : ''}`} role="progressbar" aria-label={busyLabel ?? 'Idle'} aria-busy={busy > 0} aria-hidden={busy === 0} />
        {busy > 0 && <span className="sr-only" aria-live="polite">{busyLabel}…</span>}
        <main id="main" tabIndex={-1}>
          {route === 'dashboard' && <Dashboard />}
          {route === 'import' && <ImportScreen />}
          {route === 'findings' && <FindingsScreen />}
          <DocumentScreens route={route} />
        </main>
      </div>
      <Toasts />
      <ShortcutsOverlay />
    </div>
  );
}
