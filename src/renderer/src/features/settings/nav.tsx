// Sidebar entries and the screen for each document route, spread into the shell (App.tsx).
import type { ReactNode } from 'react';
import type { DocumentRoute } from './routes';
import { PaymentsScreen } from '../payments/PaymentsScreen';
import { InvoicesScreen } from '../invoices/InvoicesScreen';
import { AsinScreen } from '../asin/AsinScreen';
import { AuditScreen } from '../audit/AuditScreen';
import { SettingsScreen } from './SettingsScreen';
import './documents.css';

export const DOCUMENT_NAV: Array<{ route: DocumentRoute; label: string; icon: ReactNode }> = [
  { route: 'payments', label: 'Payments', icon: <path d="M3 7h18v10H3zM3 11h18M7 15h3" /> },
  { route: 'invoices', label: 'Invoices', icon: <path d="M7 3h8l4 4v14H7zM15 3v4h4M10 12h6M10 16h6" /> },
  { route: 'asin', label: 'ASIN ledger', icon: <path d="M4 7l8-4 8 4-8 4zM4 7v10l8 4 8-4V7M12 11v10" /> },
  { route: 'audit', label: 'Audit log', icon: <path d="M12 3l8 3v6c0 5-3.5 8-8 9-4.5-1-8-4-8-9V6zM9 12l2 2 4-4" /> },
  { route: 'settings', label: 'Settings', icon: <path d="M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM19 12l2-1-1-3-2 .3-1.3-1.3.3-2-3-1-1 2h-2l-1-2-3 1 .3 2L6 7.3 4 7 3 10l2 1v2l-2 1 1 3 2-.3 1.3 1.3-.3 2 3 1 1-2h2l1 2 3-1-.3-2 1.3-1.3 2 .3 1-3-2-1z" /> },
];

const SCREENS: Record<DocumentRoute, () => ReactNode> = {
  payments: () => <PaymentsScreen />,
  invoices: () => <InvoicesScreen />,
  asin: () => <AsinScreen />,
  audit: () => <AuditScreen />,
  settings: () => <SettingsScreen />,
};

/** The screen for a route, or nothing when the route is not a document screen. */
export function DocumentScreens({ route }: { route: string }) {
  const screen = (SCREENS as Record<string, (() => ReactNode) | undefined>)[route];
  return screen ? <>{screen()}</> : null;
}
