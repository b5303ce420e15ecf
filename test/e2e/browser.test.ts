// End to end over browser mode: `npm start`'s server on a fresh database (demo data loaded on
// first start), driven in Debian's Chromium through playwright-core. Screenshots go to
// test-output/e2e/ (not committed) for a person to look at.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { ROOT, SHOTS, chromiumPath, ensureBuilt, launchChromium, startBrowserMode, stopBrowserMode, type BrowserMode } from './harness';
import ExcelJS from 'exceljs';

const FIXTURE = join(ROOT, 'test', 'fixtures', 'e2e', 'invoice-register.csv');

describe.skipIf(!chromiumPath)('browser mode in Chromium', () => {
  let dir: string;
  let mode: BrowserMode | undefined;
  let url = '';
  let stdout = '';
  let context: BrowserContext;
  let page: Page;
  let demoBatches = 0;
  let findingsTotal = 0;
  let chargebackCount = 0;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'recoup-e2e-'));
    ensureBuilt();
    mode = await startBrowserMode([], { RECOUP_DB: join(dir, 'recoup.db') });
    url = mode.url;
    stdout = mode.stdout();
    const m = /loaded the demo data set \((\d+) files, (\d+) import batches, (\d+) findings\)/.exec(stdout);
    demoBatches = m ? Number(m[2]) : 0;
    ({ context, page } = await launchChromium(join(dir, 'chromium-profile')));
  });

  afterAll(async () => {
    await context?.close();
    await stopBrowserMode(mode);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('creates the database on first start, loads the demo data and says where it lives', () => {
    expect(stdout).toContain(`database ${join(dir, 'recoup.db')} (created)`);
    expect(demoBatches).toBeGreaterThan(0);
  });

  it('opens the page and shows the demo batches with their counts', async () => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(url);
    // The token leaves the address bar once the page has it.
    await expect.poll(() => page.url()).not.toContain('token=');
    await expect.poll(() => page.getByTestId('db-name').textContent()).toBe('recoup.db');
    await expect.poll(() => page.getByTestId('tile-batches').textContent()).toBe(String(demoBatches));
    await page.screenshot({ path: join(SHOTS, '01-dashboard.png'), fullPage: true });
    await page.getByRole('link', { name: 'Import' }).click();
    const rows = page.getByTestId('batch-row');
    await expect.poll(() => rows.count()).toBe(demoBatches);
    const first = (await rows.first().innerText()).replace(/\s+/g, ' ');
    expect(first).toMatch(/\d/);
    await page.screenshot({ path: join(SHOTS, '02-import-history.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  it('imports a file through the page, shows its reject with the reason, and undoes it', async () => {
    await page.getByTestId('file-input').setInputFiles(FIXTURE);
    // A preview first (nothing stored yet); "Import" stores it.
    const preview = page.getByTestId('import-preview');
    await expect.poll(() => preview.innerText()).toContain('Quantity Invoiced "12O" is not a whole number');
    expect(await page.getByTestId('batch-row').count()).toBe(demoBatches);
    await preview.getByRole('button', { name: 'Import', exact: true }).click();
    const results = page.getByTestId('import-results');
    await expect.poll(() => results.innerText()).toContain('invoice-register.csv');
    const text = await results.innerText();
    expect(text).toContain('Imported with rejects');
    expect(text).toMatch(/3 rows read · 2 stored · 0 already known · 1 rejected/);
    await page.getByText('Rejected rows (1)').click();
    await expect.poll(() => results.innerText()).toContain('Quantity Invoiced "12O" is not a whole number');
    const rows = page.getByTestId('batch-row');
    await expect.poll(() => rows.count()).toBe(demoBatches + 1);
    await page.screenshot({ path: join(SHOTS, '03-import-result.png'), fullPage: true });

    // The same file again stores nothing new, and says so.
    await page.getByTestId('file-input').setInputFiles(FIXTURE);
    await expect.poll(() => preview.innerText()).toContain('Already imported');
    await preview.getByRole('button', { name: 'Cancel' }).click();
    expect(await rows.count()).toBe(demoBatches + 1);

    await page.getByRole('button', { name: 'Undo import of invoice-register.csv' }).click();
    await page.getByRole('button', { name: 'Undo import', exact: true }).click();
    await expect.poll(() => rows.count()).toBe(demoBatches);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Import of invoice-register.csv undone' }).count()).toBe(1);
    await page.screenshot({ path: join(SHOTS, '04-after-undo.png'), fullPage: true });

    // A whole folder from the browser (no paths there either): every file in it, hidden ones skipped.
    const folder = join(dir, 'exports-folder');
    mkdirSync(folder);
    writeFileSync(join(folder, 'invoice-register.csv'), readFileSync(FIXTURE));
    writeFileSync(join(folder, '.DS_Store'), 'junk');
    await page.getByTestId('folder-input').setInputFiles(folder);
    await expect.poll(() => preview.innerText()).toContain('invoice-register.csv');
    expect(await preview.innerText()).not.toContain('.DS_Store');
    await preview.getByRole('button', { name: 'Import', exact: true }).click();
    await expect.poll(() => results.innerText()).toContain('invoice-register.csv');
    expect(await results.innerText()).not.toContain('.DS_Store');
    await expect.poll(() => rows.count()).toBe(demoBatches + 1);
    await page.getByRole('button', { name: 'Undo this import of invoice-register.csv' }).click();
    await expect.poll(() => rows.count()).toBe(demoBatches);
  });

  it('shows dashboard totals equal to `recoup findings`', async () => {
    const cli = spawnSync(process.execPath, [join(ROOT, 'bin', 'recoup.js'), 'findings', '--db', join(dir, 'recoup.db'), '--json'], { cwd: ROOT, encoding: 'utf8' });
    expect(cli.status, cli.stderr).toBe(0);
    const findings = JSON.parse(cli.stdout) as Array<{ amount_cents: number; currency: string; type: string }>;
    expect(findings.length).toBeGreaterThan(0);
    const totalCents = findings.filter((f) => f.currency === findings[0]!.currency).reduce((n, f) => n + f.amount_cents, 0);
    const expected = new Intl.NumberFormat('en-US', { style: 'currency', currency: findings[0]!.currency }).format(totalCents / 100);
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await expect.poll(() => page.getByTestId('tile-at-stake').textContent()).toBe(expected);
    const byType = await page.getByTestId('by-type').innerText();
    expect(byType.split('\n').filter((l) => l.trim()).length).toBeGreaterThan(0);
    await page.screenshot({ path: join(SHOTS, '07-dashboard-findings.png'), fullPage: true });
    findingsTotal = findings.length;
    chargebackCount = findings.filter((f) => f.type === 'CHARGEBACK').length;
  });

  it('filters the worklist, opens a finding, changes its status and exports its dispute pack', async () => {
    await page.getByRole('link', { name: 'Findings' }).click();
    await expect.poll(() => page.getByTestId('findings-total').textContent()).toBe(String(findingsTotal));
    await page.screenshot({ path: join(SHOTS, '08-worklist.png') });
    // Filter to one type through the select (its options come from the summary).
    const option = await page.getByTestId('filter-type').locator('option[value="CHARGEBACK"]').count();
    expect(option).toBe(1);
    await page.getByTestId('filter-type').selectOption('CHARGEBACK');
    await expect.poll(() => page.getByTestId('findings-total').textContent()).toBe(String(chargebackCount));
    const ms = Number(/(\d+) ms/.exec((await page.getByTestId('first-page-ms').textContent()) ?? '')?.[1]);
    expect(ms).toBeLessThan(300);
    // Keyboard review: j moves, Enter opens.
    await page.getByTestId('worklist').focus();
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    await page.keyboard.press('Enter');
    const detail = page.getByTestId('finding-detail');
    await expect.poll(() => detail.isVisible()).toBe(true);
    await expect.poll(() => page.getByTestId('explanation').innerText()).toMatch(/chargeback/i);
    await expect.poll(() => page.getByTestId('claim-status').textContent()).toBe('Open');
    await page.getByRole('group', { name: 'Change status' }).getByRole('button', { name: 'To dispute' }).click();
    await expect.poll(() => page.getByTestId('claim-status').textContent()).toBe('To dispute');
    // Evidence: the browser uploads the file; it is kept beside the database and listed.
    const pod = join(dir, 'POD carrier signed.pdf');
    writeFileSync(pod, '%PDF-1.4 signed proof of delivery');
    await page.getByTestId('evidence-input').setInputFiles(pod);
    await expect.poll(() => page.getByTestId('evidence-files').innerText()).toContain('POD carrier signed.pdf');
    expect(existsSync(join(dir, 'evidence'))).toBe(true);
    await page.screenshot({ path: join(SHOTS, '09-finding-detail.png') });

    const downloadP = page.waitForEvent('download');
    await page.getByTestId('export-pack').click();
    const download = await downloadP;
    expect(download.suggestedFilename()).toMatch(/^dispute-pack-.*\.xlsx$/);
    const saved = join(dir, download.suggestedFilename());
    await download.saveAs(saved);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(saved);
    expect(wb.worksheets.length).toBeGreaterThan(0);
    const text = wb.worksheets.map((ws) => ws.getSheetValues().flat().join(' ')).join(' ');
    expect(text).toMatch(/VCBSINV|chargeback/i);
  });

  it('opens every main screen without errors, and finds a document from the search box', async () => {
    const errors: string[] = [];
    const onError = (e: Error) => errors.push(e.message);
    page.on('pageerror', onError);
    const screens = ['Payments', 'Invoices', 'ASIN ledger', 'Audit log', 'Settings'];
    for (const [i, name] of screens.entries()) {
      await page.getByRole('navigation').getByRole('link', { name }).click();
      await expect.poll(() => page.locator('main h1').first().textContent()).toContain(name === 'ASIN ledger' ? 'ASIN' : name);
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: join(SHOTS, `${String(10 + i)}-${name.toLowerCase().replace(/\s+/g, '-')}.png`), fullPage: true });
    }
    // Search for a claim number the worklist knows: the findings that carry it open.
    const cli = spawnSync(process.execPath, [join(ROOT, 'bin', 'recoup.js'), 'findings', '--db', join(dir, 'recoup.db'), '--json'], { cwd: ROOT, encoding: 'utf8' });
    const withClaim = (JSON.parse(cli.stdout) as Array<{ claim_number: string | null }>).find((f) => f.claim_number);
    expect(withClaim).toBeDefined();
    await page.getByTestId('global-search').fill(withClaim!.claim_number!);
    await page.getByTestId('global-search').press('Enter');
    await expect.poll(() => page.url()).toContain('#/findings');
    await expect.poll(async () => Number(await page.getByTestId('findings-total').textContent())).toBeGreaterThan(0);
    const rows = await page.getByTestId('finding-row').allInnerTexts();
    expect(rows.every((r) => r.includes(withClaim!.claim_number!.slice(0, 10)))).toBe(true);
    page.off('pageerror', onError);
    expect(errors).toEqual([]);
  });

  it('has a keyboard shortcut overlay and a dark theme', async () => {
    await page.locator('main').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('?');
    await expect.poll(() => page.getByRole('dialog', { name: 'Keyboard shortcuts' }).isVisible()).toBe(true);
    await page.screenshot({ path: join(SHOTS, '05-shortcuts.png') });
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await page.keyboard.press('t');
    const theme = await page.evaluate(() => document.documentElement.dataset.theme);
    expect(['light', 'dark']).toContain(theme);
    await page.keyboard.press('g');
    await page.keyboard.press('d');
    await expect.poll(() => page.url()).toContain('#/dashboard');
    await page.screenshot({ path: join(SHOTS, '06-dashboard-theme.png'), fullPage: true });
  });
});
