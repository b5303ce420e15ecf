// End to end over browser mode: the document screens (payments, invoices, ASIN ledger, audit log,
// settings) in Debian's Chromium on a fresh database with the demo data. The numbers on screen are
// checked against the contract's answers and the reconcile engine's findings (`recoup findings`).
// Screenshots go to test-output/e2e/ (not committed).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { ROOT, SHOTS, chromiumPath, ensureBuilt, launchChromium, startBrowserMode, stopBrowserMode, type BrowserMode } from './harness';
import { formatMoney } from '../../src/shared/money';

interface Finding { type: string; amount_cents: number; currency: string; invoice_number: string | null; payment_number: string | null }

describe.skipIf(!chromiumPath)('document screens in Chromium', () => {
  let dir: string;
  let mode: BrowserMode | undefined;
  let url = '';
  let base = '';
  let token = '';
  let context: BrowserContext;
  let page: Page;
  let findings: Finding[] = [];
  const errors: string[] = [];

  /** The contract over HTTP, as the page calls it. */
  async function api<T>(channel: string, input: unknown): Promise<T> {
    const res = await fetch(`${base}/api/${channel}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-recoup-token': token }, body: JSON.stringify(input) });
    const body = (await res.json()) as { ok: boolean; value: T; error?: { message: string } };
    if (!body.ok) throw new Error(`${channel}: ${body.error?.message}`);
    return body.value;
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'recoup-e2e-docs-'));
    ensureBuilt();
    mode = await startBrowserMode([], { RECOUP_DB: join(dir, 'recoup.db') });
    url = mode.url;
    const u = new URL(url);
    base = u.origin;
    token = u.searchParams.get('token')!;
    const cli = spawnSync(process.execPath, [join(ROOT, 'bin', 'recoup.js'), 'findings', '--db', join(dir, 'recoup.db'), '--json'], { cwd: ROOT, encoding: 'utf8' });
    if (cli.status !== 0) throw new Error(cli.stderr);
    findings = JSON.parse(cli.stdout) as Finding[];
    ({ context, page } = await launchChromium(join(dir, 'chromium-profile'), { width: 1360, height: 1000 }));
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(url);
    await page.getByTestId('db-name').filter({ hasText: 'recoup.db' }).waitFor();
  });

  afterAll(async () => {
    await context?.close();
    await stopBrowserMode(mode);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('lists every payment; the ones flagged with hidden lines are those the engine found off by the same gap', async () => {
    await page.getByRole('link', { name: 'Payments' }).click();
    const list = await api<{ total: number }>('payments:list', {});
    await expect.poll(() => page.getByTestId('payment-row').count()).toBe(list.total);
    await page.getByTestId('payments-status').selectOption('hidden');
    const gaps = findings.filter((f) => f.type === 'PAYMENT_TIE_OUT_GAP');
    await expect.poll(() => page.getByTestId('payment-row').count()).toBe(gaps.length);
    await page.screenshot({ path: join(SHOTS, 'documents-01-payments-hidden.png'), fullPage: true });
    const first = page.getByTestId('payment-row').first().getByRole('link').first();
    const number = (await first.textContent())!;
    await first.click();
    await expect.poll(() => page.getByTestId('hidden-warning').count()).toBe(1);
    const gap = gaps.find((f) => f.payment_number === number)!;
    expect((await page.getByTestId('gap').textContent())!.replace('-', '')).toBe(formatMoney(gap.amount_cents, gap.currency));
    const detail = await api<{ payment: { linesCents: number; currency: string }; linesTotal: number }>('payments:get', { paymentNumber: number });
    expect(await page.getByTestId('lines-sum').textContent()).toBe(formatMoney(detail.payment.linesCents, detail.payment.currency));
    await expect.poll(() => page.getByTestId('remit-line').count()).toBe(detail.linesTotal);
    await page.screenshot({ path: join(SHOTS, 'documents-02-payment-detail.png'), fullPage: true });
  });

  it('shows a short-paid invoice whose open amount is the SHORT_PAID finding, with links to the ASIN ledger', async () => {
    await page.getByRole('link', { name: 'Invoices' }).click();
    await page.getByTestId('invoices-status').selectOption('short_paid');
    const short = findings.filter((f) => f.type === 'SHORT_PAID');
    await expect.poll(() => page.getByTestId('invoice-row').count()).toBe(short.length);
    const link = page.getByTestId('invoice-row').first().getByRole('link').first();
    const number = (await link.textContent())!;
    await link.click();
    const f = short.find((x) => x.invoice_number === number)!;
    await expect.poll(() => page.getByTestId('open').textContent()).toBe(formatMoney(f.amount_cents, f.currency));
    await expect.poll(() => page.getByTestId('remit-line').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(SHOTS, 'documents-03-invoice.png'), fullPage: true });
    const asinLink = page.getByTestId('invoice-lines').getByRole('link').first();
    const asin = (await asinLink.textContent())!;
    await asinLink.click();
    await expect.poll(() => page.getByTestId('ledger-asin').textContent()).toBe(asin);
    await expect.poll(() => page.getByTestId('ledger-by-po').locator('tbody tr').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('ledger-invoices').getByRole('link', { name: number }).count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(SHOTS, 'documents-04-asin-ledger.png'), fullPage: true });
  });

  it('changes a deadline rule from a date on, and the audit log records it with an intact chain', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    const before = await api<unknown[]>('rules:list', {});
    await expect.poll(() => page.getByTestId('rule-row').count()).toBe(before.length);
    await page.getByTestId('add-rule').click();
    const form = page.getByRole('form', { name: 'Add a deadline rule' });
    await form.getByLabel('Applies to').selectOption('chargeback');
    await form.getByLabel('Counted from').selectOption('doc_date');
    await form.getByLabel('Effective from').fill('2027-01-01');
    await form.getByLabel('Days', { exact: true }).fill('45');
    await form.getByLabel('Note (source, reason)').fill('e2e: longer chargeback window');
    await form.getByRole('button', { name: 'Save rule' }).click();
    await expect.poll(() => page.getByTestId('rule-row').count()).toBe(before.length + 1);
    const rules = await api<Array<{ kind: string; days: number; effectiveFrom: string }>>('rules:list', {});
    expect(rules.find((r) => r.kind === 'chargeback' && r.effectiveFrom === '2027-01-01')?.days).toBe(45);
    await page.getByTestId('backup-now').click();
    await expect.poll(() => page.getByTestId('backup-result').count()).toBe(1);
    expect(existsSync(join(dir, 'backups'))).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'documents-05-settings.png'), fullPage: true });

    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByTestId('audit-action').selectOption('deadline_rule.save');
    await expect.poll(() => page.getByTestId('audit-row').count()).toBe(1);
    await page.getByTestId('verify-audit').click();
    await expect.poll(() => page.getByTestId('verify-result').textContent()).toMatch(/^Intact\./);
    await page.screenshot({ path: join(SHOTS, 'documents-06-audit.png'), fullPage: true });

    // Back up, change a rule, and restore the backup from the page: the change is gone, the restore audited.
    await page.getByRole('link', { name: 'Settings' }).click();
    const saved = await api<{ file: string }>('backup:create', { path: join(dir, 'before-change.db') });
    await api('rules:update', { rule: { kind: 'price_claim', base: 'due_date', days: 60, warnDays: null, months: 0, effectiveFrom: '2028-01-01', note: 'to be undone by the restore' } });
    await page.reload();
    await expect.poll(() => page.getByTestId('rule-row').count()).toBe(before.length + 2);
    await page.getByTestId('restore-path').fill(saved.file);
    await page.getByTestId('restore-now').click();
    await page.getByRole('button', { name: 'Yes, replace the open database' }).click();
    await expect.poll(() => page.getByTestId('rule-row').count()).toBe(before.length + 1);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Restored from' }).count()).toBe(1);
    const restores = await api<{ total: number }>('audit:list', { filter: { action: 'restore' } });
    expect(restores.total).toBe(1);
    expect(await api('audit:verify', {})).toMatchObject({ ok: true });
    // The server answers from the restored file: payments are all still there.
    expect((await api<{ total: number }>('payments:list', {})).total).toBeGreaterThan(0);
    await page.screenshot({ path: join(SHOTS, 'documents-07-restored.png'), fullPage: true });
    expect(errors).toEqual([]);
  });
});
