// The document channels over the real contract (zod schemas + handler table) on a database holding
// the demo data set (imported and reconciled as on first start). Expectations are recomputed from
// the stored rows and cross-checked with the reconcile engine's findings, not copied from output.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../db/open';
import { loadDemoData } from './workspace';
import { dispatch, type ApiContext } from './api';
import { listFindings } from './findings';
import type {
  AsinLedgerDto, AuditPageDto, DeadlineRuleDto, InvoiceDetailDto, InvoiceSummaryDto, PageDto, PaymentDetailDto, PaymentSummaryDto,
} from '../shared/ipc-documents';

let dir: string;
let ctx: ApiContext;

async function ok<T>(channel: string, input: unknown): Promise<T> {
  const r = await dispatch(ctx, channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

async function allPages<T>(channel: string, input: Record<string, unknown>, limit = 7): Promise<{ items: T[]; total: number }> {
  const items: T[] = [];
  let total = 0;
  for (let offset = 0; ; offset += limit) {
    const page = await ok<PageDto<T>>(channel, { ...input, limit, offset });
    total = page.total;
    items.push(...page.items);
    if (page.items.length < limit) break;
  }
  return { items, total };
}

const db = (): Db => ctx.db;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'recoup-docs-'));
  const file = join(dir, 'recoup.db');
  const d = openDatabase(file);
  const demo = await loadDemoData(d);
  expect(demo.errors).toEqual([]);
  ctx = { db: d, dbPath: file, mode: 'browser', version: 'test', actor: 'tester' };
});

afterAll(() => {
  ctx?.db.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('payments', () => {
  it('pages through every payment once, newest first, with the tie-out of its lines', async () => {
    const { items, total } = await allPages<PaymentSummaryDto>('payments:list', {});
    const stored = (db().prepare('SELECT count(*) AS n FROM payment').get() as { n: number }).n;
    expect(total).toBe(stored);
    expect(items).toHaveLength(stored);
    expect(new Set(items.map((p) => p.paymentNumber)).size).toBe(stored);
    const dates = items.map((p) => p.paymentDate ?? '');
    expect(dates).toEqual([...dates].sort().reverse());
    for (const p of items) {
      const lines = db().prepare('SELECT paid_cents FROM remit_line WHERE payment_number = ?').all(p.paymentNumber) as Array<{ paid_cents: number }>;
      expect(p.lineCount).toBe(lines.length);
      expect(p.linesCents).toBe(lines.reduce((s, l) => s + l.paid_cents, 0));
      expect(p.gapCents).toBe(p.amountCents - p.linesCents);
      const expected = lines.length === 0 && !p.hiddenLines ? 'no_lines' : Math.abs(p.gapCents) <= 1 ? 'tied' : p.hiddenLines ? 'hidden' : 'gap';
      expect(p.status).toBe(expected);
    }
  });

  it('agrees with the reconcile engine: a payment is off exactly when it has a tie-out finding of that gap', async () => {
    const { items } = await allPages<PaymentSummaryDto>('payments:list', {}, 100);
    const gaps = listFindings(db(), { types: ['PAYMENT_TIE_OUT_GAP'] }, 'amount', { limit: 500 }).items;
    const off = items.filter((p) => p.status === 'gap' || p.status === 'hidden');
    expect(off.length).toBeGreaterThan(0);
    expect(off.map((p) => p.paymentNumber).sort()).toEqual(gaps.map((f) => f.payment_number).sort());
    for (const p of off) expect(gaps.find((f) => f.payment_number === p.paymentNumber)!.amount_cents).toBe(Math.abs(p.gapCents));
  });

  it('filters by tie-out status, number prefix and date range; each count matches its rows', async () => {
    const { items: all } = await allPages<PaymentSummaryDto>('payments:list', {}, 100);
    for (const status of ['tied', 'hidden', 'gap', 'no_lines'] as const) {
      const { items, total } = await allPages<PaymentSummaryDto>('payments:list', { filter: { status } }, 3);
      expect(total).toBe(all.filter((p) => p.status === status).length);
      expect(items.every((p) => p.status === status)).toBe(true);
    }
    const prefix = all[0]!.paymentNumber.slice(0, 7);
    const byPrefix = await allPages<PaymentSummaryDto>('payments:list', { filter: { number: prefix } }, 100);
    expect(byPrefix.items.map((p) => p.paymentNumber).sort()).toEqual(all.filter((p) => p.paymentNumber.startsWith(prefix)).map((p) => p.paymentNumber).sort());
    const mid = [...all].sort((a, b) => (a.paymentDate! < b.paymentDate! ? -1 : 1))[Math.floor(all.length / 2)]!.paymentDate!;
    const fromMid = await allPages<PaymentSummaryDto>('payments:list', { filter: { from: mid } }, 100);
    expect(fromMid.total).toBe(all.filter((p) => p.paymentDate! >= mid).length);
    const byAmount = (await ok<PageDto<PaymentSummaryDto>>('payments:list', { sort: 'amount', limit: 500 })).items.map((p) => p.amountCents);
    expect(byAmount).toEqual([...byAmount].sort((a, b) => b - a));
  });

  it('opens a payment with hidden lines: its lines page by page, totals by document family, and its findings', async () => {
    const hidden = (await ok<PageDto<PaymentSummaryDto>>('payments:list', { filter: { status: 'hidden' }, limit: 1 })).items[0]!;
    const full = await ok<PaymentDetailDto>('payments:get', { paymentNumber: hidden.paymentNumber });
    expect(full.payment.hiddenLines).toBe(true);
    expect(full.lines).toHaveLength(full.linesTotal);
    expect(full.lines.reduce((s, l) => s + l.paidCents, 0)).toBe(full.payment.linesCents);
    expect(full.byFamily.reduce((s, f) => s + f.paidCents, 0)).toBe(full.payment.linesCents);
    expect(full.byFamily.reduce((s, f) => s + f.count, 0)).toBe(full.linesTotal);
    expect(full.findings.some((f) => f.type === 'PAYMENT_TIE_OUT_GAP')).toBe(true);
    expect(full.findings.every((f) => f.payment_number === hidden.paymentNumber)).toBe(true);
    // Lines that name an imported vendor invoice carry its number (for the link).
    for (const l of full.lines.filter((x) => x.family === 'invoice')) expect(l.invoiceNumber).toBe(l.docNumber);
    const page2 = await ok<PaymentDetailDto>('payments:get', { paymentNumber: hidden.paymentNumber, limit: 3, offset: 3 });
    expect(page2.lines.map((l) => l.id)).toEqual(full.lines.slice(3, 6).map((l) => l.id));
  });

  it('answers a payment that is not there with not_found, and a bad status with bad_input', async () => {
    const r = await dispatch(ctx, 'payments:get', { paymentNumber: '000000000' });
    expect(r).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const b = await dispatch(ctx, 'payments:list', { filter: { status: 'paid' } });
    expect(b).toMatchObject({ ok: false, error: { code: 'bad_input' } });
  });
});

describe('invoices', () => {
  it('gives every invoice an AR status that follows from its remittance lines', async () => {
    const { items, total } = await allPages<InvoiceSummaryDto & { asOf?: string }>('invoices:list', {}, 11);
    expect(total).toBe((db().prepare('SELECT count(*) AS n FROM invoice').get() as { n: number }).n);
    expect(new Set(items.map((i) => i.invoiceNumber)).size).toBe(total);
    const asOf = (await ok<{ asOf: string }>('invoices:list', { limit: 1 })).asOf;
    expect(asOf).toBe((db().prepare('SELECT as_of FROM reconcile_run ORDER BY id DESC LIMIT 1').get() as { as_of: string }).as_of);
    for (const i of items) {
      const unpaid = i.totalCents - i.settledCents;
      expect(i.openCents).toBe(i.invoiceType === 'credit_note' ? 0 : unpaid > 0 ? unpaid - Math.min(Math.max(0, i.claimsCents), unpaid) : unpaid);
      if (i.status === 'paid') expect(Math.abs(i.openCents)).toBeLessThanOrEqual(1);
      if (i.status === 'overpaid') expect(i.settledCents - i.totalCents).toBeGreaterThan(1);
      if (i.status === 'short_paid') expect(i.openCents).toBeGreaterThan(1);
      if (i.status === 'unpaid' || i.status === 'overdue') expect(i.paymentCount).toBe(0);
      if (i.status === 'overdue') expect(i.dueDate! < asOf).toBe(true);
      if (i.status === 'unpaid') expect(i.dueDate === null || i.dueDate >= asOf).toBe(true);
    }
    const statuses = new Set(items.map((i) => i.status));
    for (const s of ['paid', 'short_paid', 'overdue']) expect(statuses.has(s as never)).toBe(true);
  });

  it('agrees with the reconcile engine on short-paid, overpaid and unpaid invoices', async () => {
    const { items } = await allPages<InvoiceSummaryDto>('invoices:list', {}, 200);
    const findings = (type: string) => listFindings(db(), { types: [type] }, 'amount', { limit: 500 }).items;
    const short = items.filter((i) => i.status === 'short_paid');
    expect(short.map((i) => [i.invoiceNumber, i.openCents]).sort()).toEqual(findings('SHORT_PAID').map((f) => [f.invoice_number, f.amount_cents]).sort());
    const over = findings('OVERPAID').map((f) => f.invoice_number);
    for (const n of over) expect(items.find((i) => i.invoiceNumber === n)!.status).toBe('overpaid');
    // The engine calls an invoice unpaid only after the grace period: every such one is overdue here.
    for (const f of findings('UNPAID_INVOICE')) expect(items.find((i) => i.invoiceNumber === f.invoice_number)!.status).toBe('overdue');
  });

  it('filters by status, number prefix (separators ignored), PO and dates', async () => {
    const { items: all } = await allPages<InvoiceSummaryDto>('invoices:list', {}, 200);
    for (const status of ['paid', 'short_paid', 'unpaid', 'overdue', 'overpaid', 'credit_note'] as const) {
      const r = await allPages<InvoiceSummaryDto>('invoices:list', { filter: { status } }, 5);
      expect(r.total).toBe(all.filter((i) => i.status === status).length);
      expect(r.items.every((i) => i.status === status)).toBe(true);
    }
    const prefix = all[0]!.invoiceNumber.slice(0, 6);
    const r = await allPages<InvoiceSummaryDto>('invoices:list', { filter: { number: prefix.toLowerCase() } }, 200);
    expect(r.items.length).toBe(all.filter((i) => i.invoiceNumber.startsWith(prefix)).length);
    // A PO found on the invoice header or on any of its lines (multi-PO invoices list their lines' POs).
    const { po } = db().prepare('SELECT po_number AS po FROM invoice_line WHERE po_number IS NOT NULL GROUP BY po_number ORDER BY count(DISTINCT invoice_id) DESC LIMIT 1').get() as { po: string };
    const expected = (db().prepare(`SELECT invoice_number AS n FROM invoice WHERE po_number = ? OR id IN (SELECT invoice_id FROM invoice_line WHERE po_number = ?)
      ORDER BY invoice_number`).all(po, po) as Array<{ n: string }>).map((x) => x.n);
    const byPo = await allPages<InvoiceSummaryDto>('invoices:list', { filter: { poNumber: po } }, 200);
    expect(byPo.items.map((i) => i.invoiceNumber).sort()).toEqual(expected);
    for (const i of byPo.items) expect(i.poNumber!.split(', ')).toContain(po);
    const due = (await ok<PageDto<InvoiceSummaryDto>>('invoices:list', { sort: 'due', limit: 500 })).items.map((i) => i.dueDate ?? '9999-12-31');
    expect(due).toEqual([...due].sort());
  });

  it('gives the same answers from the whole-table summary as from per-invoice lookups, and drops the summary when lines change', async () => {
    const perRow = (await allPages<InvoiceSummaryDto>('invoices:list', { sort: 'number' }, 500)).items;
    const overdue = await allPages<InvoiceSummaryDto>('invoices:list', { filter: { status: 'overdue' } }, 500); // builds the summary
    const summarised = (await allPages<InvoiceSummaryDto>('invoices:list', { sort: 'number' }, 500)).items;
    expect(summarised).toEqual(perRow);
    expect(overdue.total).toBeGreaterThan(0);
    // A payment line for an overdue invoice arrives (as an import would write it): it is no longer overdue.
    const target = overdue.items[0]!;
    const pay = db().prepare('SELECT payment_number, batch_id FROM payment LIMIT 1').get() as { payment_number: string; batch_id: number };
    db().prepare(`INSERT INTO remit_line (batch_id, payment_number, slice, doc_number, family, root_invoice, root_key, is_reversal, currency,
      invoice_amount_cents, paid_cents, source) VALUES (?, ?, 1, ?, 'invoice', ?, ?, 0, 'USD', ?, ?, 'test')`)
      .run(pay.batch_id, pay.payment_number, target.invoiceNumber, target.invoiceNumber, target.invoiceNumber.toUpperCase().replace(/[\s/_.\-#]/g, ''), target.totalCents, target.totalCents);
    const after = await allPages<InvoiceSummaryDto>('invoices:list', { filter: { status: 'overdue' } }, 500);
    expect(after.total).toBe(overdue.total - 1);
    expect(after.items.map((i) => i.invoiceNumber)).not.toContain(target.invoiceNumber);
    const paid = await allPages<InvoiceSummaryDto>('invoices:list', { filter: { status: 'paid', number: target.invoiceNumber } }, 500);
    expect(paid.items.map((i) => i.invoiceNumber)).toContain(target.invoiceNumber);
    db().prepare("DELETE FROM remit_line WHERE source = 'test'").run();
    expect((await ok<PageDto<InvoiceSummaryDto>>('invoices:list', { filter: { status: 'overdue' }, limit: 1 })).total).toBe(overdue.total);
  });

  it('opens a short-paid invoice: lines, the remittance lines naming it, the ASNs carrying its items, its findings', async () => {
    const sp = (await ok<PageDto<InvoiceSummaryDto>>('invoices:list', { filter: { status: 'short_paid' }, limit: 1 })).items[0]!;
    const d = await ok<InvoiceDetailDto>('invoices:get', { invoiceNumber: sp.invoiceNumber });
    expect(d.invoice.status).toBe('short_paid');
    const stored = db().prepare('SELECT il.amount_cents, il.asin FROM invoice_line il JOIN invoice i ON i.id = il.invoice_id WHERE i.invoice_number = ?').all(sp.invoiceNumber) as Array<{ amount_cents: number; asin: string | null }>;
    expect(d.linesTotal).toBe(stored.length);
    expect(d.lines.reduce((s, l) => s + l.amountCents, 0)).toBe(stored.reduce((s, l) => s + l.amount_cents, 0));
    const settled = d.remittance.filter((l) => l.family === 'invoice').reduce((s, l) => s + l.paidCents + l.discountCents + l.withholdingCents, 0);
    expect(settled).toBe(d.invoice.settledCents);
    expect(d.remittance.every((l) => l.invoiceNumber === sp.invoiceNumber)).toBe(true);
    expect(d.findings.map((f) => f.type)).toContain('SHORT_PAID');
    // Every linked ASN carries at least one of the invoice's PO + ASIN pairs.
    const pairs = new Set(d.lines.map((l) => `${l.poNumber}|${l.asin}`));
    expect(d.shipments.length).toBeGreaterThan(0);
    for (const s of d.shipments) {
      const lines = db().prepare('SELECT sl.po_number, sl.asin FROM shipment_line sl JOIN shipment s ON s.id = sl.shipment_ref WHERE s.shipment_id = ?').all(s.shipmentId) as Array<{ po_number: string; asin: string }>;
      expect(lines.some((l) => pairs.has(`${l.po_number}|${l.asin}`))).toBe(true);
    }
    // The number is found however the remittance wrote it (case, separators).
    const again = await ok<InvoiceDetailDto>('invoices:get', { invoiceNumber: sp.invoiceNumber.toLowerCase() });
    expect(again.invoice.invoiceNumber).toBe(sp.invoiceNumber);
  });
});

describe('ASIN ledger', () => {
  it('shows every document row for the ASIN and per-PO totals that add up to them', async () => {
    const { asin } = db().prepare('SELECT asin, count(*) AS n FROM invoice_line WHERE asin IS NOT NULL GROUP BY asin ORDER BY n DESC, asin LIMIT 1').get() as { asin: string };
    const l = await ok<AsinLedgerDto>('asin:ledger', { asin: asin.toLowerCase() });
    expect(l.asin).toBe(asin);
    const n = (t: string) => (db().prepare(`SELECT count(*) AS n FROM ${t} WHERE asin = ?`).get(asin) as { n: number }).n;
    expect(l.poLines).toHaveLength(n('po_line'));
    expect(l.asnLines).toHaveLength(n('shipment_line'));
    expect(l.receipts).toHaveLength(n('receipt'));
    expect(l.invoiceLines).toHaveLength(n('invoice_line'));
    expect(l.truncated).toEqual({});
    const sum = (k: 'ordered' | 'shipped' | 'invoiced') => l.byPo.reduce((s, p) => s + p[k], 0);
    expect(sum('ordered')).toBe(l.poLines.reduce((s, x) => s + x.orderedEach, 0));
    expect(sum('shipped')).toBe(l.asnLines.filter((x) => x.poNumber).reduce((s, x) => s + x.qtyEach, 0));
    expect(sum('invoiced')).toBe(l.invoiceLines.reduce((s, x) => s + x.qtyEach, 0));
    // Remittance lines are those of the invoices carrying the ASIN.
    const invoices = new Set(l.invoiceLines.map((x) => x.invoiceNumber));
    expect(l.remitLines.length).toBeGreaterThan(0);
    for (const r of l.remitLines) expect(invoices.has(r.invoiceNumber!)).toBe(true);
    expect(l.findings.every((f) => f.asin === asin)).toBe(true);
    expect(l.findings).toHaveLength(listFindings(db(), { asin }, 'amount', { limit: 500 }).total);
  });

  it('caps each section and says how many rows there are in all', async () => {
    const { asin, n } = db().prepare('SELECT asin, count(*) AS n FROM shipment_line WHERE asin IS NOT NULL GROUP BY asin ORDER BY n DESC LIMIT 1').get() as { asin: string; n: number };
    expect(n).toBeGreaterThan(2);
    const l = await ok<AsinLedgerDto>('asin:ledger', { asin, limit: 2 });
    expect(l.asnLines).toHaveLength(2);
    expect(l.truncated.asnLines).toBe(n);
    expect(l.byPo.reduce((s, p) => s + p.shipped, 0)).toBe((db().prepare('SELECT sum(qty_each) AS q FROM shipment_line WHERE asin = ? AND po_number IS NOT NULL').get(asin) as { q: number }).q);
  });

  it('returns an empty ledger for an ASIN no document mentions', async () => {
    const l = await ok<AsinLedgerDto>('asin:ledger', { asin: 'B000000000' });
    expect([l.byPo, l.poLines, l.asnLines, l.receipts, l.invoiceLines, l.remitLines, l.findings].every((x) => x.length === 0)).toBe(true);
  });
});

describe('audit log', () => {
  it('lists entries newest first with filters whose totals match, and verifies the chain', async () => {
    const page = await ok<AuditPageDto>('audit:list', { limit: 5 });
    expect(page.total).toBe((db().prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n);
    expect(page.items.map((a) => a.id)).toEqual([...page.items.map((a) => a.id)].sort((a, b) => b - a));
    expect(page.actions).toContain('import');
    const imports = await ok<AuditPageDto>('audit:list', { filter: { action: 'import' }, limit: 500 });
    expect(imports.total).toBe((db().prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'import'").get() as { n: number }).n);
    expect(imports.items.every((a) => a.action === 'import')).toBe(true);
    expect(await ok('audit:verify', {})).toEqual({ ok: true, entries: page.total });
  });
});

describe('settings', () => {
  it('saves a new version of a deadline rule with its effective date, audited, and refuses a bad one', async () => {
    const before = await ok<DeadlineRuleDto[]>('rules:list', {});
    const rule = { kind: 'chargeback', base: 'doc_date', days: 45, warnDays: null, months: 0, effectiveFrom: '2027-01-01', note: 'test: new window' };
    const after = await ok<DeadlineRuleDto[]>('rules:update', { rule });
    expect(after).toHaveLength(before.length + 1);
    expect(after.find((r) => r.kind === 'chargeback' && r.effectiveFrom === '2027-01-01')).toMatchObject({ days: 45, note: 'test: new window' });
    const audit = await ok<AuditPageDto>('audit:list', { filter: { action: 'deadline_rule.save' }, limit: 5 });
    expect(audit.items[0]).toMatchObject({ actor: 'tester', entity: 'deadline_rule' });
    const bad = await dispatch(ctx, 'rules:update', { rule: { ...rule, days: 30, warnDays: 10 } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    expect((bad as { error: { message: string } }).error.message).toMatch(/warn days/);
    const added = after.find((r) => r.effectiveFrom === '2027-01-01')!;
    expect(await ok<DeadlineRuleDto[]>('rules:delete', { id: added.id })).toEqual(before);
    const onlyChargeback = before.find((r) => r.kind === 'chargeback')!;
    const refused = await dispatch(ctx, 'rules:delete', { id: onlyChargeback.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'bad_input' } });
  });

  it('lists the mapping profiles with the fields each one reads', async () => {
    const profiles = await ok<Array<{ id: string; builtin: boolean; target: string; fields: Array<{ field: string; headers: string[] }> }>>('profiles:list', {});
    expect(profiles.length).toBeGreaterThan(0);
    for (const p of profiles) {
      expect(p.fields.length).toBeGreaterThan(0);
      for (const f of p.fields) expect(f.headers.length).toBeGreaterThan(0);
    }
    expect(profiles.map((p) => p.target)).toContain('invoices');
  });

  it('backs up the open database and restores it, swapping the open handle and auditing the restore', async () => {
    const backup = await ok<{ file: string; bytes: number; auditEntries: number }>('backup:create', {});
    expect(existsSync(backup.file)).toBe(true);
    expect(backup.file.startsWith(join(dir, 'backups'))).toBe(true);
    const again = await dispatch(ctx, 'backup:create', { path: backup.file });
    expect(again).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    // A change after the backup, then the restore takes it back.
    await ok('rules:update', { rule: { kind: 'price_claim', base: 'due_date', days: 60, warnDays: null, months: 0, effectiveFrom: '2028-01-01', note: null } });
    const old = ctx.db;
    const r = await ok<{ previous: string | null; auditEntries: number }>('backup:restore', { path: backup.file });
    expect(ctx.db).not.toBe(old);
    expect(r.previous && existsSync(r.previous)).toBeTruthy();
    const rules = await ok<DeadlineRuleDto[]>('rules:list', {});
    expect(rules.some((x) => x.effectiveFrom === '2028-01-01')).toBe(false);
    const restores = await ok<AuditPageDto>('audit:list', { filter: { action: 'restore' }, limit: 5 });
    expect(restores.total).toBe(1);
    expect(await ok('audit:verify', {})).toMatchObject({ ok: true, entries: r.auditEntries });
    // A file that is not a Recoup database is refused and the open database stays usable.
    const notDb = await dispatch(ctx, 'backup:restore', { path: join(dir, 'missing.db') });
    expect(notDb).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const bogus = join(dir, 'bogus.db');
    (await import('node:fs')).writeFileSync(bogus, 'not a database at all');
    const refused = await dispatch(ctx, 'backup:restore', { path: bogus });
    expect(refused).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    expect((await ok<PageDto<PaymentSummaryDto>>('payments:list', { limit: 1 })).total).toBeGreaterThan(0);
  });
});
