// App-wide state: what is open (route), the database info, theme, toasts, the busy indicator and
// the shortcuts overlay. Feature data lives in each feature's own store.
import { create } from 'zustand';
import type { AppInfo } from '../../../shared/ipc';
import { call } from '../lib/api';

export type Route = 'dashboard' | 'import' | 'findings' | 'payments' | 'invoices' | 'asin' | 'audit' | 'settings';
export const ROUTES: Route[] = ['dashboard', 'import', 'findings', 'payments', 'invoices', 'asin', 'audit', 'settings'];

export type Theme = 'light' | 'dark';

export interface Toast {
  id: number;
  kind: 'error' | 'success' | 'info';
  title: string;
  detail?: string;
}

interface AppState {
  info: AppInfo | null;
  route: Route;
  /** The document the route shows (an invoice number, a payment number, an ASIN), if any. */
  param: string | null;
  theme: Theme;
  toasts: Toast[];
  /** Long work in progress (count of outstanding operations). */
  busy: number;
  busyLabel: string | null;
  helpOpen: boolean;
  loadInfo(): Promise<void>;
  go(route: Route, param?: string | null): void;
  setTheme(theme: Theme): void;
  toggleTheme(): void;
  toast(t: Omit<Toast, 'id'>): void;
  dismiss(id: number): void;
  setHelp(open: boolean): void;
  /** Run work with the progress indicator on; errors become a toast with the specific reason. */
  track<T>(label: string, work: () => Promise<T>): Promise<T | undefined>;
}

const THEME_KEY = 'recoup.theme';

function initialTheme(): Theme {
  const saved = typeof localStorage !== 'undefined' ? localStorage.getItem(THEME_KEY) : null;
  if (saved === 'light' || saved === 'dark') return saved;
  return typeof matchMedia !== 'undefined' && matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export function routeFromHash(hash: string): Route {
  const r = hash.replace(/^#\/?/, '').split(/[/?]/)[0] as Route;
  return ROUTES.includes(r) ? r : 'dashboard';
}

/** The document a route points at: `#/invoices/INV-10042` → "INV-10042". */
export function paramFromHash(hash: string): string | null {
  const parts = hash.replace(/^#\/?/, '').split('/');
  if (parts.length < 2 || !parts[1]) return null;
  try {
    return decodeURIComponent(parts.slice(1).join('/'));
  } catch {
    return null;
  }
}

let nextToast = 1;

export const useApp = create<AppState>((set, get) => ({
  info: null,
  route: typeof location !== 'undefined' ? routeFromHash(location.hash) : 'dashboard',
  param: typeof location !== 'undefined' ? paramFromHash(location.hash) : null,
  theme: initialTheme(),
  toasts: [],
  busy: 0,
  busyLabel: null,
  helpOpen: false,
  async loadInfo() {
    const info = await get().track('Opening the database', () => call('app:info', {}));
    if (info) set({ info });
  },
  go(route, param = null) {
    const hash = `#/${route}${param ? `/${encodeURIComponent(param)}` : ''}`;
    if (typeof location !== 'undefined' && location.hash !== hash) location.hash = hash;
    set({ route, param });
  },
  setTheme(theme) {
    localStorage.setItem(THEME_KEY, theme);
    set({ theme });
  },
  toggleTheme() {
    get().setTheme(get().theme === 'dark' ? 'light' : 'dark');
  },
  toast(t) {
    const id = nextToast++;
    // Three at most, so they never hide the screen; errors stay until dismissed (the reason matters).
    set({ toasts: [...get().toasts, { ...t, id }].slice(-3) });
    if (t.kind !== 'error') setTimeout(() => get().dismiss(id), 4000);
  },
  dismiss(id) {
    set({ toasts: get().toasts.filter((t) => t.id !== id) });
  },
  setHelp(open) {
    set({ helpOpen: open });
  },
  async track(label, work) {
    set({ busy: get().busy + 1, busyLabel: label });
    try {
      return await work();
    } catch (err) {
      get().toast({ kind: 'error', title: `${label} failed`, detail: err instanceof Error ? err.message : String(err) });
      return undefined;
    } finally {
      const busy = get().busy - 1;
      set({ busy, busyLabel: busy ? get().busyLabel : null });
    }
  },
}));
