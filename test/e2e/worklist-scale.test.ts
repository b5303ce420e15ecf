// The worklist at scale: a database with 1,000,000 findings (RECOUP_SCALE_FINDINGS to change),
// browser mode over it, and Chromium timing the first page and a filter change as the analyst
// sees them (request sent → rows on screen). Figures are written to test-output/e2e/scale.json
// and recorded in docs/PERFORMANCE.md.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { ROOT, SHOTS, chromiumPath, launchChromium, startBrowserMode, stopBrowserMode, type BrowserMode } from './harness';
import { openDatabase } from '../../src/db/open';

// .ci/run sets 1,000,000 (the acceptance figure); a plain `npm test` uses fewer to stay quick.
const N = Number(process.env.RECOUP_SCALE_FINDINGS ?? 100_000);
const TYPES = ['SHORTAGE_CLAIM_DISPUTABLE', 'CHARGEBACK', 'COOP_DEDUCTION', 'UNPAID_INVOICE', 'PRICE_CLAIM_DISPUTABLE', 'SHORT_PAID'];

/** Findings shaped like the engine's (types, severities, documents, deadlines), made set-based in SQL. */
function seed(file: string, n: number): number {
  const db = openDatabase(file);
  const t0 = performance.now();
  // Bulk load the way a restore would: indexes dropped, rows in, indexes rebuilt (much faster
  // than maintaining ten indexes row by row).
  const indexes = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'finding' AND sql IS NOT NULL").all() as Array<{ name: string; sql: string }>;
  for (const i of indexes) db.exec(`DROP INDEX ${i.name}`);
  db.prepare("INSERT INTO reconcile_run (id, started_at, finished_at, as_of, findings, amount_cents) VALUES (1, 0, 0, '2026-05-31', ?, 0)").run(n);
  db.prepare(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
    INSERT INTO finding (id, type, severity, amount_cents, currency, invoice_number, claim_number, po_number, asin, payment_number, shipment_id,
      vendor_code, dispute_by, doc_date, explanation, evidence, details, run_id, item_key, first_run_id)
    SELECT printf('f_%012x', i),
      CASE i % 6 ${TYPES.map((t, k) => `WHEN ${k} THEN '${t}'`).join(' ')} END,
      CASE i % 4 WHEN 0 THEN 'high' WHEN 1 THEN 'medium' WHEN 2 THEN 'low' ELSE 'info' END,
      1 + (i * 7919) % 500000, 'USD', printf('NW%07d', i / 3), CASE WHEN i % 6 = 0 THEN printf('NW%07dSC', i / 3) END,
      printf('PO%06d', i / 10), printf('B0%08d', i % 50000), printf('3673%05d', i / 40), NULL, 'NWHG7',
      CASE WHEN i % 2 = 0 THEN date('2026-06-01', printf('+%d days', i % 400)) END, date('2026-01-01', printf('+%d days', i % 150)),
      printf('Amazon deducted for invoice NW%07d on PO PO%06d; the ASN shows the units shipped.', i / 3, i / 10),
      '[{"kind":"invoice","ref":"x"}]', NULL, 1, printf('B0%08d', i % 50000), 1
    FROM n`).run(n);
  for (const i of indexes) db.exec(i.sql);
  db.exec('ANALYZE');
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return performance.now() - t0;
}

describe.skipIf(!chromiumPath)(`worklist with ${N.toLocaleString('en-US')} findings`, () => {
  let dir: string;
  let mode: BrowserMode | undefined;
  let context: BrowserContext;
  let page: Page;
  let url = '';
  let seedMs = 0;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'recoup-scale-'));
    mkdirSync(SHOTS, { recursive: true });
    seedMs = seed(join(dir, 'scale.db'), N);
    mode = await startBrowserMode(['--no-demo', '--db', join(dir, 'scale.db')]);
    url = mode.url;
    ({ context, page } = await launchChromium(join(dir, 'profile')));
  }, 600_000);

  afterAll(async () => {
    await context?.close();
    await stopBrowserMode(mode);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('renders the first page and answers a filter change within 300 ms', async () => {
    await page.goto(url.replace('/?', '/?') + '#/findings');
    const total = page.getByTestId('findings-total');
    await expect.poll(() => total.textContent(), { timeout: 60_000 }).toBe(N.toLocaleString('en-US'));
    // The page's own measurement: request sent → first page stored (rendered in the same frame).
    const firstPageMs = Number(/(\d+) ms/.exec((await page.getByTestId('first-page-ms').textContent()) ?? '')?.[1]);
    // The type options come from the summary; wait for it so the change below is a real one.
    await expect.poll(() => page.locator('[data-testid="filter-type"] option[value="CHARGEBACK"]').count(), { timeout: 120_000 }).toBe(1);
    // A filter change, timed from the change to the new rows on screen.
    const filterMs = await page.evaluate(async (type) => {
      const select = document.querySelector<HTMLSelectElement>('[data-testid="filter-type"]')!;
      const t0 = performance.now();
      select.value = type;
      select.dispatchEvent(new Event('change', { bubbles: true }));
      await new Promise<void>((ok) => {
        const check = () => {
          const rows = [...document.querySelectorAll('[data-testid="finding-row"]')];
          if (rows.length && rows.every((r) => r.textContent?.includes('Chargeback'))) ok();
          else requestAnimationFrame(check);
        };
        check();
      });
      return performance.now() - t0;
    }, 'CHARGEBACK');
    await expect.poll(() => total.textContent()).toBe(Math.floor((N + 5) / 6).toLocaleString('en-US'));
    // Deep scroll: the rows at the bottom of a million arrive without loading what lies between.
    const filtered = Math.floor((N + 5) / 6);
    const deepMs = await page.evaluate(async (last) => {
      const el = document.querySelector<HTMLElement>('[data-testid="worklist"]')!;
      const t0 = performance.now();
      el.scrollTop = el.scrollHeight;
      await new Promise<void>((ok) => {
        const check = () => (document.querySelector(`[data-testid="finding-row"][aria-rowindex="${last}"]`) ? ok() : requestAnimationFrame(check));
        requestAnimationFrame(check);
      });
      return performance.now() - t0;
    }, filtered);
    expect(await page.locator(`[data-testid="finding-row"][aria-rowindex="${filtered}"]`).count()).toBe(1);
    await page.screenshot({ path: join(SHOTS, '20-worklist-1m.png') });
    const figures = { findings: N, seedMs: Math.round(seedMs), firstPageMs, filterChangeMs: Math.round(filterMs), deepScrollMs: Math.round(deepMs) };
    writeFileSync(join(ROOT, 'test-output', 'e2e', 'scale.json'), JSON.stringify(figures, null, 2));
    console.log('worklist scale:', figures);
    expect(firstPageMs).toBeLessThan(300);
    expect(filterMs).toBeLessThan(300);
    expect(deepMs).toBeLessThan(1000);
  });
});
