// Settings state: the deadline rules (data the reconcile engine reads), mapping profiles, display
// locale, and the database's backup and restore.
import { create } from 'zustand';
import type { BackupDto, DeadlineRuleDto, DeadlineRuleInput, ProfileDto, RestoreDto } from '../../../../shared/ipc-documents';
import { call } from '../../lib/api';
import { useApp } from '../../store/app';
import { LOCALE_KEY, displayLocale } from '../payments/common';
import { usePayments } from '../payments/store';
import { useInvoices } from '../invoices/store';
import { useAudit } from '../audit/AuditScreen';
import { useLedger } from '../asin/AsinScreen';
import { useFindings } from '../findings/store';

interface SettingsState {
  rules: DeadlineRuleDto[] | null;
  profiles: ProfileDto[] | null;
  locale: string;
  lastBackup: BackupDto | null;
  lastRestore: RestoreDto | null;
  load(): Promise<void>;
  saveRule(rule: DeadlineRuleInput): Promise<boolean>;
  deleteRule(id: number): Promise<boolean>;
  setLocale(locale: string): void;
  backup(path?: string): Promise<BackupDto | null>;
  restore(path: string): Promise<RestoreDto | null>;
}

export const useSettings = create<SettingsState>((set, get) => ({
  rules: null,
  profiles: null,
  locale: displayLocale(),
  lastBackup: null,
  lastRestore: null,
  async load() {
    const track = useApp.getState().track;
    const [rules, profiles] = await Promise.all([
      track('Loading the deadline rules', () => call('rules:list', {})),
      track('Loading the mapping profiles', () => call('profiles:list', {})),
    ]);
    set({ rules: rules ?? get().rules, profiles: profiles ?? get().profiles });
  },
  async saveRule(rule) {
    const rules = await useApp.getState().track('Saving the deadline rule', () => call('rules:update', { rule }));
    if (!rules) return false;
    set({ rules });
    useApp.getState().toast({ kind: 'success', title: 'Deadline rule saved', detail: 'It applies from the next reconcile (Findings → Reconcile now).' });
    return true;
  },
  async deleteRule(id) {
    const rules = await useApp.getState().track('Deleting the deadline rule', () => call('rules:delete', { id }));
    if (!rules) return false;
    set({ rules });
    useApp.getState().toast({ kind: 'success', title: 'Deadline rule deleted', detail: 'It applies from the next reconcile.' });
    return true;
  },
  setLocale(locale) {
    try {
      localStorage.setItem(LOCALE_KEY, locale);
    } catch {
      // Private windows may refuse storage; the choice then lasts for this page only.
    }
    set({ locale });
  },
  async backup(path) {
    const r = await useApp.getState().track('Backing up the database', () => call('backup:create', path ? { path } : {}));
    if (!r) return null;
    set({ lastBackup: r });
    useApp.getState().toast({ kind: 'success', title: 'Backup written', detail: r.file });
    return r;
  },
  async restore(path) {
    const app = useApp.getState();
    const r = await app.track('Restoring the database', () => call('backup:restore', { path }));
    if (!r) return null;
    set({ lastRestore: r });
    app.toast({ kind: 'success', title: 'Database restored', detail: `From ${r.from}${r.previous ? `. The database as it was is kept at ${r.previous}` : ''}` });
    // Everything on screen came from the old file: drop it and load again.
    usePayments.setState({ page: null, detail: null, detailFor: null });
    useInvoices.setState({ page: null, detail: null, detailFor: null });
    useLedger.setState({ ledger: null });
    useAudit.setState({ page: null, verify: null });
    await Promise.all([app.loadInfo(), get().load(), useFindings.getState().loadSummary(), useFindings.getState().reload()]);
    return r;
  },
}));

export const KIND_LABELS: Record<string, { label: string; help: string }> = {
  chargeback: { label: 'Chargebacks', help: 'Window to dispute an operational chargeback.' },
  shortage_claim: { label: 'Shortage claims', help: 'Window to dispute a shortage (quantity) claim.' },
  price_claim: { label: 'Price claims', help: 'Window to dispute a price claim.' },
  claim_hard_limit: { label: 'Hard limit on claims', help: 'After this, Amazon accepts no dispute of a shortage or price claim at all.' },
  unpaid_grace: { label: 'Unpaid invoice grace', help: 'Days after the due date before an invoice with no payment counts as unpaid.' },
};

export const BASE_LABELS: Record<string, string> = {
  doc_date: 'the document date',
  due_date: 'the invoice due date',
  invoice_date: 'the invoice date',
};
