// Exports at scale: a vendor's year of N invoice lines (10 per invoice, with POs, ASNs with one SSCC
// carton per line, receipts, weekly payments with shortage claims and chargebacks, and the
// engine-shaped findings) written with prepared INSERTs into a temporary database; then each
// export timed in a fresh child process so its peak RSS is its own.
//
//   node bin/run-ts.js bench/exports-scale.ts [--lines 1000000] [--packs 1000] [--dir /tmp/recoup-exports-bench] [--reuse --only month-end]
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../src/db/open';
import { addDays } from '../src/shared/dates';
import { lineAmountCents } from '../src/shared/money';

const { values } = parseArgs({ options: { lines: { type: 'string' }, packs: { type: 'string' }, dir: { type: 'string' }, phase: { type: 'string' }, db: { type: 'string' }, out: { type: 'string' }, reuse: { type: 'boolean' }, only: { type: 'string' } } });
const maxRssMB = () => Math.round(process.resourceUsage().maxRSS / 1024);
/** CPU seconds of this process: on a shared machine wall time is mostly waiting for a core. */
const cpuS = () => { const u = process.cpuUsage(); return +((u.user + u.system) / 1e6).toFixed(1); };

async function phase(): Promise<void> {
  const db = openDatabase(values.db!);
  const t0 = performance.now();
  const out = values.out!;
  if (values.phase === 'packs-per-claim' || values.phase === 'packs-one-book') {
    const { selectClaims, exportDisputePack, exportDisputePacksPerClaim } = await import('../src/services/exports/dispute-pack');
    const ids = selectClaims(db, { allDisputable: true }).slice(0, Number(values.packs ?? 1000)).map((c) => c.id);
    const t1 = performance.now();
    if (values.phase === 'packs-per-claim') await exportDisputePacksPerClaim(db, { claimIds: ids }, out);
    else await exportDisputePack(db, { claimIds: ids }, join(out, 'selection.xlsx'));
    const bytes = readdirSync(out).reduce((s, f) => s + statSync(join(out, f)).size, 0);
    process.stdout.write(`${JSON.stringify({ phase: values.phase, claims: ids.length, selectMs: Math.round(t1 - t0), ms: Math.round(performance.now() - t0), files: readdirSync(out).length, MB: +(bytes / 1e6).toFixed(1), cpuS: cpuS(), maxRssMB: maxRssMB() })}\n`);
  } else if (values.phase === 'month-end') {
    const { exportMonthEnd } = await import('../src/services/exports/month-end');
    const r = await exportMonthEnd(db, '2026-12', join(out, 'month-end.xlsx'));
    process.stdout.write(`${JSON.stringify({ phase: 'month-end', rows: r.rows, ms: Math.round(performance.now() - t0), MB: +(statSync(join(out, 'month-end.xlsx')).size / 1e6).toFixed(1), cpuS: cpuS(), maxRssMB: maxRssMB() })}\n`);
  } else if (values.phase === 'open-items') {
    const { exportOpenItems } = await import('../src/services/exports/open-items');
    const r = await exportOpenItems(db, join(out, 'open-items.xlsx'));
    process.stdout.write(`${JSON.stringify({ phase: 'open-items', rows: r.rows, ms: Math.round(performance.now() - t0), cpuS: cpuS(), maxRssMB: maxRssMB() })}\n`);
  }
  db.close();
}

function generate(file: string, lines: number): void {
  const t0 = performance.now();
  for (const s of ['', '-wal', '-shm']) rmSync(file + s, { force: true });
  const db = openDatabase(file);
  const batch = Number(db.prepare(`INSERT INTO import_batch (file_name, sha256, format, size_bytes, imported_at, marketplace) VALUES ('bench', 'bench', 'generated', 0, 0, 'US')`).run().lastInsertRowid);
  const st = {
    inv: db.prepare(`INSERT INTO invoice (batch_id, invoice_number, invoice_key, invoice_type, invoice_date, due_date, net_days, currency, total_cents, vendor_code, ship_to, po_number, content_sha256, source)
      VALUES (?, ?, ?, 'invoice', ?, ?, 30, 'USD', ?, 'AMWV0', ?, ?, 'x', 'generated')`),
    il: db.prepare(`INSERT INTO invoice_line (batch_id, invoice_id, line_no, po_number, asin, vendor_sku, qty_each, uom, qty_uom, case_size, unit_cost_e4, amount_cents) VALUES (?, ?, ?, ?, ?, ?, ?, 'EA', ?, 12, ?, ?)`),
    po: db.prepare(`INSERT INTO purchase_order (batch_id, po_number, order_date, vendor_code, ship_to, currency, source) VALUES (?, ?, ?, 'AMWV0', ?, 'USD', 'generated')`),
    pol: db.prepare(`INSERT INTO po_line (batch_id, po_id, po_number, line_no, asin, vendor_sku, ordered_each, uom, qty_uom, case_size, unit_cost_e4) VALUES (?, ?, ?, ?, ?, ?, ?, 'CA', ?, 12, ?)`),
    sh: db.prepare(`INSERT INTO shipment (batch_id, shipment_id, shipped_date, delivery_date, carrier_scac, bol, pro, ship_to, vendor_code, shipment_type, freight_terms, source)
      VALUES (?, ?, ?, ?, 'ABFS', ?, ?, ?, 'AMWV0', 'LTL', 'prepaid', 'generated')`),
    ctn: db.prepare(`INSERT INTO shipment_carton (batch_id, shipment_ref, container_id, id_type, type) VALUES (?, ?, ?, 'SSCC', 'carton')`),
    shl: db.prepare(`INSERT INTO shipment_line (batch_id, shipment_ref, line_no, container_id, po_number, asin, vendor_sku, qty_each, uom, qty_uom, case_size) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'CA', ?, 12)`),
    rc: db.prepare(`INSERT INTO receipt (batch_id, po_number, line_no, asin, qty_each, qty_uom, receive_date, mode, fc, natural_key, source) VALUES (?, ?, ?, ?, ?, ?, ?, 'snapshot', ?, ?, 'generated')`),
    pay: db.prepare(`INSERT INTO payment (batch_id, payment_number, payment_date, currency, amount_cents, vendor_code, source) VALUES (?, ?, ?, 'USD', ?, 'AMWV0', 'generated')`),
    rl: db.prepare(`INSERT INTO remit_line (batch_id, payment_number, slice, doc_number, doc_date, description, family, root_invoice, root_key, is_reversal, currency, invoice_amount_cents,
      discount_cents, paid_cents, source, location, raw) VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, 0, 'USD', ?, ?, ?, 'generated', ?, ?)`),
    f: db.prepare(`INSERT INTO finding (id, type, severity, amount_cents, currency, invoice_number, claim_number, po_number, asin, payment_number, shipment_id, vendor_code, dispute_by, doc_date, explanation, evidence, run_id)
      VALUES (?, ?, ?, ?, 'USD', ?, ?, ?, ?, ?, ?, 'AMWV0', ?, ?, ?, '[]', 1)`),
  };
  const invoices = Math.floor(lines / 10);
  const payments = new Map<string, { date: string; total: number; lines: Array<() => void> }>();
  const fcs = ['ABE8', 'IND9', 'PHX6', 'MDW2'];
  let findings = 0;
  db.exec('BEGIN');
  db.prepare(`INSERT INTO reconcile_run (id, started_at, as_of) VALUES (1, 0, '2026-12-31')`).run();
  for (let i = 0; i < invoices; i++) {
    const invNo = `INV-${String(100000 + i)}`;
    const po = `${(i % 9) + 1}${(i * 7919).toString(36).toUpperCase().padStart(6, '0').slice(-6)}X`;
    const date = addDays('2026-01-01', Math.floor((i * 365) / invoices));
    const due = addDays(date, 30);
    const fc = fcs[i % fcs.length]!;
    const poId = Number(st.po.run(batch, po, addDays(date, -7), fc).lastInsertRowid);
    const shRef = Number(st.sh.run(batch, `SH-${100000 + i}`, addDays(date, -1), addDays(date, 2), `BOL-${i}`, `0${400000000 + i}`, fc).lastInsertRowid);
    let total = 0;
    const costs: number[] = [];
    const invId = Number(st.inv.run(batch, invNo, invNo.replace(/-/g, ''), date, due, 0, fc, po).lastInsertRowid);
    for (let l = 0; l < 10; l++) {
      const asin = `B0${String((i * 10 + l) % 5000).padStart(8, '0')}`;
      const qty = 12 * (1 + ((i + l) % 10));
      const cost = 10_000 + ((i * 31 + l * 17) % 90_000);
      costs.push(cost);
      const amt = lineAmountCents(qty, cost);
      total += amt;
      st.il.run(batch, invId, l + 1, po, asin, `SKU-${asin}`, qty, qty, cost, amt);
      st.pol.run(batch, poId, po, l + 1, asin, `SKU-${asin}`, qty, qty / 12, cost);
      const sscc = `00${String(860000000000000000n + BigInt(i * 10 + l)).padStart(18, '0')}`;
      st.ctn.run(batch, shRef, sscc);
      st.shl.run(batch, shRef, l + 1, sscc, po, asin, `SKU-${asin}`, qty, qty / 12);
      const short = i % 10 === 0 && l === 0 ? 6 : 0;
      st.rc.run(batch, po, l + 1, asin, qty - short, qty - short, addDays(date, 3), fc, `${po}|${l}`);
    }
    db.prepare('UPDATE invoice SET total_cents = ? WHERE id = ?').run(total, invId);
    if (due > '2026-12-31') continue; // not yet paid: open at year end
    const payNo = String(367000000 + Math.floor((Date.parse(due) - Date.parse('2026-01-01')) / (7 * 86_400_000)));
    const p = payments.get(payNo) ?? { date: due, total: 0, lines: [] };
    payments.set(payNo, p);
    const disc = Math.round(total * 0.02);
    p.total += total - disc;
    const row = p.lines.length + 10;
    p.lines.push(() => st.rl.run(batch, payNo, invNo, date, `PO ${po}/${fc}/|${invNo}`, 'invoice', invNo, invNo.replace(/-/g, ''), total, -disc, total - disc, `row ${row}`, JSON.stringify([payNo, invNo, date, total / 100])));
    if (i % 10 === 0) {
      const sc = lineAmountCents(6, costs[0]!);
      const claw = Math.round(sc * 0.02);
      p.total += -sc + claw;
      const doc = `${invNo}SC`;
      p.lines.push(() => st.rl.run(batch, payNo, doc, addDays(due, -5), `Shortage Claim for Invoice - ${invNo}`, 'shortage_claim', invNo, invNo.replace(/-/g, ''), -sc, claw, -sc + claw, `row ${row + 1}`, JSON.stringify([payNo, doc, -sc / 100])));
      st.f.run(`f_sc_${i}`, 'SHORTAGE_CLAIM_DISPUTABLE', 'high', sc, invNo, doc, po, `B0${String((i * 10) % 5000).padStart(8, '0')}`, payNo, `SH-${100000 + i}`, addDays(due, 30), addDays(due, -5),
        `Amazon deducted ${sc / 100} for 6 units short on ${invNo}; the ASN shows them shipped.`);
      findings++;
    }
    if (i % 20 === 5) {
      const doc = `${1520000000 + i}VCBSINV`;
      const cb = 2_500 + (i % 7) * 1_000;
      p.total -= cb;
      p.lines.push(() => st.rl.run(batch, payNo, doc, addDays(due, -10), 'PO on-time accuracy', 'chargeback', null, null, -cb, 0, -cb, `row ${row + 2}`, JSON.stringify([payNo, doc, -cb / 100])));
      st.f.run(`f_cb_${i}`, 'CHARGEBACK', 'medium', cb, null, doc, po, null, payNo, null, addDays(due, 20), addDays(due, -10), `Chargeback ${doc} (PO on-time accuracy).`);
      findings++;
    }
  }
  let remit = 0;
  for (const [num, p] of payments) {
    st.pay.run(batch, num, p.date, p.total);
    for (const w of p.lines) w();
    remit += p.lines.length;
  }
  db.exec('COMMIT');
  db.close();
  process.stdout.write(`${JSON.stringify({ phase: 'generate', invoiceLines: invoices * 10, invoices, payments: payments.size, remitLines: remit, findings, ms: Math.round(performance.now() - t0), dbMB: Math.round(statSync(file).size / 1e6) })}\n`);
}

function child(args: string[]): void {
  const r = spawnSync(process.execPath, [resolve('bin/run-ts.js'), 'bench/exports-scale.ts', ...args], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error(`phase ${args.join(' ')} failed`);
}

if (values.phase) {
  await phase();
} else {
  const dir = values.dir ?? '/tmp/recoup-exports-bench';
  const lines = Number(values.lines ?? 1_000_000);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `exports-${lines}.db`);
  if (!values.reuse) {
    generate(file, lines);
    // Claims are created from the findings once, as the app does after a reconcile.
    const { syncClaims } = await import('../src/services/claims');
    const db = openDatabase(file);
    const t0 = performance.now();
    const s = syncClaims(db);
    db.close();
    process.stdout.write(`${JSON.stringify({ phase: 'sync-claims', ...s, ms: Math.round(performance.now() - t0) })}\n`);
  }
  // --reuse --only month-end: time one export again on the database already generated.
  for (const ph of values.only ? values.only.split(',') : ['packs-per-claim', 'packs-one-book', 'month-end', 'open-items']) {
    const out = join(dir, ph);
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out, { recursive: true });
    child(['--phase', ph, '--db', file, '--out', out, '--packs', values.packs ?? '1000']);
  }
}
