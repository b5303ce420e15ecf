// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeadlineRuleDto } from '../../../../shared/ipc-documents';
import { formatMoney } from '../../../../shared/money';
import { SettingsScreen, describeRule, ruleState } from './SettingsScreen';
import { useSettings } from './store';
import { useApp } from '../../store/app';
import { LOCALE_KEY } from '../payments/common';
import { click, fakeApi, mount, setValue, submit, text } from '../payments/test-helpers';

let rules: DeadlineRuleDto[];
let calls: Array<{ channel: string; input: unknown }>;
let cleanup: (() => void) | undefined;

beforeEach(() => {
  rules = [
    { id: 1, kind: 'chargeback', base: 'doc_date', days: 30, warnDays: null, months: 0, effectiveFrom: '2000-01-01', note: 'Chargebacks: 30 days.' },
    { id: 4, kind: 'claim_hard_limit', base: 'invoice_date', days: 0, warnDays: null, months: 84, effectiveFrom: '2000-01-01', note: null },
    { id: 5, kind: 'claim_hard_limit', base: 'invoice_date', days: 0, warnDays: null, months: 24, effectiveFrom: '2025-08-01', note: 'From Aug 2025.' },
    { id: 2, kind: 'shortage_claim', base: 'due_date', days: 30, warnDays: 40, months: 0, effectiveFrom: '2000-01-01', note: null },
  ];
  calls = fakeApi({
    'rules:list': () => rules,
    'rules:update': ({ rule }) => {
      rules = [...rules.filter((r) => !(r.kind === rule.kind && r.effectiveFrom === rule.effectiveFrom)), { ...rule, id: 99, note: rule.note ?? null, warnDays: rule.warnDays ?? null }];
      return rules;
    },
    'profiles:list': () => [{ id: 'builtin-invoices', name: 'Invoice register', target: 'invoices', builtin: true, fields: [{ field: 'invoiceNumber', headers: ['Invoice Number', 'Invoice #'] }], dateOrder: null, decimal: null, currency: null }],
    'backup:restore': ({ path }) => ({ file: '/data/recoup.db', from: path, previous: '/data/recoup.db.pre-restore.bak', schemaVersion: 4, auditEntries: 3 }),
    'app:info': () => ({ mode: 'browser', version: 'test', dbPath: '/data/recoup.db', dbName: 'recoup.db', schemaVersion: 4, channels: [] }),
    'findings:summary': () => ({ run: null, byType: [] }),
    'findings:list': () => ({ items: [], total: 0, nextCursor: null }),
  });
  useSettings.setState({ rules: null, profiles: null, lastBackup: null, lastRestore: null });
  useApp.setState({ toasts: [], busy: 0, info: { mode: 'browser', version: 'test', dbPath: '/data/recoup.db', dbName: 'recoup.db', schemaVersion: 4, channels: [] } });
  localStorage.removeItem(LOCALE_KEY);
});

afterEach(() => cleanup?.());

describe('deadline rules', () => {
  it('describes each window in words and marks which rule is in force', () => {
    expect(describeRule(rules[3]!)).toBe('30 days after the invoice due date; still worth disputing until day 40');
    expect(describeRule(rules[2]!)).toBe('24 months after the invoice date');
    expect(ruleState(rules[1]!, rules, '2026-05-31')).toEqual({ state: 'replaced', by: '2025-08-01' });
    expect(ruleState(rules[2]!, rules, '2026-05-31')).toEqual({ state: 'in_force' });
    expect(ruleState(rules[2]!, rules, '2025-07-31')).toEqual({ state: 'upcoming' });
  });

  it('lists the rules, refuses an impossible change with the reason, and saves a valid one', async () => {
    const r = await mount(<SettingsScreen />);
    cleanup = r.unmount;
    const rows = [...r.container.querySelectorAll('[data-testid="rule-row"]')];
    expect(rows).toHaveLength(4);
    expect(text(rows[2])).toContain('In force');
    expect(text(rows[1])).toContain('Older documents');
    await click(r.container.querySelector('button[aria-label="Change the Shortage claims rule from 2000-01-01"]'));
    const form = r.container.querySelector('form[aria-label="Change the Shortage claims rule from 2000-01-01"]')!;
    const inputs = form.querySelectorAll('input[inputmode="numeric"]');
    await setValue(inputs[0]!, '45'); // days beyond "worth disputing until" (40)
    await submit(form);
    expect(text(form.querySelector('[role="alert"]'))).toMatch(/not before the deadline/);
    expect(calls.some((c) => c.channel === 'rules:update')).toBe(false);
    await setValue(inputs[1]!, '60');
    await submit(form);
    const update = calls.find((c) => c.channel === 'rules:update');
    expect(update?.input).toEqual({ rule: { kind: 'shortage_claim', base: 'due_date', days: 45, warnDays: 60, months: 0, effectiveFrom: '2000-01-01', note: null } });
    expect(useApp.getState().toasts.at(-1)?.title).toBe('Deadline rule saved');
  });
});

describe('display and database', () => {
  it('formats amounts in the chosen locale and remembers the choice', async () => {
    const r = await mount(<SettingsScreen />);
    cleanup = r.unmount;
    expect(text(r.container.querySelector('[data-testid="locale-sample"]'))).toContain(formatMoney(123456789, 'USD', 'en-US'));
    await setValue(r.container.querySelector('[data-testid="locale"]'), 'de-DE');
    expect(localStorage.getItem(LOCALE_KEY)).toBe('de-DE');
    expect(text(r.container.querySelector('[data-testid="locale-sample"]'))).toContain(formatMoney(123456789, 'USD', 'de-DE'));
  });

  it('asks for confirmation before a restore replaces the database', async () => {
    const r = await mount(<SettingsScreen />);
    cleanup = r.unmount;
    expect(text(r.container.querySelector('[data-testid="db-path"]'))).toBe('/data/recoup.db');
    await setValue(r.container.querySelector('[data-testid="restore-path"]'), '/backups/recoup-2026-05-31.db');
    await click(r.container.querySelector('[data-testid="restore-now"]'));
    expect(calls.some((c) => c.channel === 'backup:restore')).toBe(false);
    expect(text(r.container.querySelector('[data-testid="restore-now"]'))).toBe('Yes, replace the open database');
    await click(r.container.querySelector('[data-testid="restore-now"]'));
    expect(calls.find((c) => c.channel === 'backup:restore')?.input).toEqual({ path: '/backups/recoup-2026-05-31.db' });
    expect(useApp.getState().toasts.some((t) => t.title === 'Database restored')).toBe(true);
    // Everything on screen is reloaded from the restored file.
    expect(calls.filter((c) => c.channel === 'rules:list').length).toBeGreaterThanOrEqual(2);
    expect(calls.some((c) => c.channel === 'app:info')).toBe(true);
  });
});
