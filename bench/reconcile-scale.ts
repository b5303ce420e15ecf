// Reconcile at scale: a vendor's year generated straight through BatchWriter records (the same
// commit path as every importer) into .tmp/, then `reconcile` timed in a fresh child process so
// its peak RSS is the engine's own. Sizes are invoice lines; ASN lines match them one to one,
// remittance lines are about a quarter.
//
//   node bin/run-ts.js bench/reconcile-scale.ts [--sizes 10000,100000,1000000] [--fresh] [--no-rerun]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openDatabase, type Db } from '../src/db/open';
import { BatchWriter } from '../src/db/imports.repo';
import { classifyDocument } from '../src/core/claims/grammar';
import { eaches, noIds, type ImportRecord, type ItemIds } from '../src/core/records';
import { lineAmountCents } from '../src/shared/money';
import { addDays } from '../src/shared/dates';
import { reconcileNow } from '../src/services/reconcile';

const LINES_PER_INVOICE = 5;
const INVOICES_PER_PAYMENT = 50;
const AS_OF = '2026-12-31';

/** Small deterministic PRNG (mulberry32): the same data every time for a size. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generate(file: string, invoiceLines: number): { rows: number; ms: number } {
  const t0 = Date.now();
  const db = openDatabase(file);
  const rand = rng(invoiceLines);
  const invoices = Math.floor(invoiceLines / LINES_PER_INVOICE);
  let rows = 0;
  const writers = new Map<string, BatchWriter>();
  const writer = (kind: string) => {
    let w = writers.get(kind);
    if (!w) {
      w = new BatchWriter(db, { fileName: `bench-${kind}`, filePath: null, sha256: `bench-${kind}-${invoiceLines}`, format: 'generated', sizeBytes: 0, importedAt: 0, profile: null, marketplace: 'US' });
      w.begin();
      writers.set(kind, w);
    }
    return w;
  };
  const put = (kind: string, recs: ImportRecord[]) => {
    writer(kind).write(recs, []);
    rows += recs.length;
  };
  const ids = (asin: string, sku: string): ItemIds => ({ ...noIds, asin, vendorSku: sku });
  db.exec('BEGIN');
  const remit: ImportRecord[] = [];
  let payment = 0;
  let paymentLines: ImportRecord[] = [];
  const flushPayment = () => {
    if (paymentLines.length === 0) return;
    const pn = String(367000000 + payment);
    const total = paymentLines.reduce((s, r) => s + (r.kind === 'remit_line' ? r.paidCents : 0), 0);
    remit.push({
      kind: 'payment', location: `payment ${pn}`, paymentNumber: pn, paymentDate: addDays('2026-01-15', payment % 340), currency: 'USD',
      amountCents: total + (rand() < 0.02 ? 1234 : 0), invoiceCurrency: 'USD', amountInvoiceCurrencyCents: null, exchangeRate: null, paymentType: 'EFT',
      status: 'Paid', voidedReason: null, method: null, payer: null, payee: null, vendorCode: 'AMWV0', hiddenLines: false, raw: '',
    }, ...paymentLines);
    paymentLines = [];
    payment++;
  };
  const remitLine = (doc: string, description: string, amount: number, paid = amount, discount = 0, date = '2026-02-01') => {
    const pn = String(367000000 + payment);
    paymentLines.push({
      kind: 'remit_line', location: '', paymentNumber: pn, docNumber: doc, docDate: date, description, doc: classifyDocument(doc, description, amount),
      currency: 'USD', invoiceAmountCents: amount, withholdingCents: 0, discountCents: discount, paidCents: paid, remainingCents: 0,
      transactionType: null, reference: null, originalInvoice: null, reasonCode: null, poNumber: null, raw: '',
    });
  };
  for (let i = 0; i < invoices; i++) {
    const po = `${(i % 9) + 1}${i.toString(36).toUpperCase().padStart(6, '0')}A`;
    const inv = `INV-${String(i).padStart(7, '0')}`;
    const day = addDays('2026-01-01', Math.floor((i / invoices) * 330));
    const poLines = [];
    const shipLines = [];
    const invLines = [];
    const receipts: ImportRecord[] = [];
    const cartons = [];
    let shortCents = 0;
    let priceCents = 0;
    for (let l = 1; l <= LINES_PER_INVOICE; l++) {
      const asin = `B0${(i * LINES_PER_INVOICE + l).toString(36).toUpperCase().padStart(8, '0')}`;
      const sku = `SKU-${i}-${l}`;
      const qty = 12 * (1 + Math.floor(rand() * 10));
      const cost = 10000 + Math.floor(rand() * 90000);
      const r = rand();
      let shipped = qty, received = qty, invoiced = qty, invCost = cost;
      if (r < 0.02) received = qty - 6; // short received: a shortage claim follows
      else if (r < 0.03) shipped = qty - 12; // invoiced more than shipped
      else if (r < 0.035) invoiced = qty / 12; // cases invoiced as eaches
      else if (r < 0.045) invCost = cost + 500; // invoiced above PO cost: a price claim follows
      if (received < qty) shortCents += lineAmountCents(qty - received, invCost);
      if (invCost > cost) priceCents += lineAmountCents(invoiced, invCost - cost);
      const sscc = `00${String(i * LINES_PER_INVOICE + l).padStart(18, '0')}`;
      poLines.push({ lineNo: l, ids: ids(asin, sku), ordered: eaches(qty / 12, 'CA', 12), unitCostE4: cost, raw: null });
      shipLines.push({ lineNo: l, poNumber: po, ids: ids(asin, sku), qty: eaches(shipped, 'EA', null), containerId: sscc, raw: null });
      cartons.push({ containerId: sscc, idType: 'SSCC', type: 'carton' as const, parentId: null, trackingNumber: null });
      invLines.push({ lineNo: l, poNumber: po, ids: ids(asin, sku), qty: eaches(invoiced, 'EA', null), unitCostE4: invCost, amountCents: lineAmountCents(invoiced, invCost), raw: null });
      if (i % 2 === 0) receipts.push({ kind: 'receipt', location: '', poNumber: po, ids: ids(asin, null as unknown as string), lineNo: l, qty: eaches(received, 'EA', null), receiveDate: addDays(day, 10), mode: 'snapshot', fc: 'IND9', status: 'RECEIVED', raw: '' });
    }
    const total = invLines.reduce((s, l) => s + l.amountCents, 0);
    put('po', [{ kind: 'purchase_order', location: '', poNumber: po, orderDate: addDays(day, -20), vendorCode: 'AMWV0', shipTo: 'IND9', windowStart: null, windowEnd: null, state: 'Closed', currency: 'USD', lines: poLines, raw: '' }]);
    put('asn', [{
      kind: 'shipment', location: '', shipmentId: `SH-${i}`, shipmentDate: addDays(day, -2), shippedDate: addDays(day, -2), deliveryDate: addDays(day, 3),
      carrierScac: 'ABFS', bol: `BOL${i}`, pro: null, arn: null, shipFrom: 'WH01', shipTo: 'IND9', vendorCode: 'AMWV0', shipmentType: 'LessThanTruckLoad',
      freightTerms: 'prepaid', cartons, lines: shipLines, raw: '',
    }]);
    if (receipts.length) put('receipt', receipts);
    put('invoice', [{
      kind: 'invoice', location: '', invoiceNumber: inv, invoiceType: 'invoice', invoiceDate: day, dueDate: addDays(day, 60), discountPercentBp: null,
      discountDays: null, discountDate: null, netDays: 60, terms: 'NET60', currency: 'USD', totalCents: total, vendorCode: 'AMWV0', remitTo: null,
      shipTo: 'IND9', shipFrom: null, poNumber: po, status: null, lines: invLines, charges: [], raw: '',
    }]);
    // Remittance: most invoices paid; claims for the anomalies; chargebacks and co-op in between.
    const u = rand();
    if (u < 0.95) remitLine(inv, '', total, u < 0.003 ? total - 1500 : total);
    if (shortCents > 0) remitLine(`${inv}SC`, `Shortage Claim for Invoice - ${inv}`, -shortCents, -shortCents, 0, addDays(day, 55));
    if (shortCents > 0 && rand() < 0.2) remitLine(`${inv}SCR`, `Shortage claim reversal for Invoice - ${inv}`, shortCents, shortCents, 0, addDays(day, 80));
    if (priceCents > 0) remitLine(`${inv}PC`, `Price Claim for Invoice - ${inv} FOR PPV`, -(priceCents + (rand() < 0.3 ? 2000 : 0)), -priceCents, 0, addDays(day, 55));
    if (rand() < 0.1) remitLine(`${1520000000 + i}VCBSINV`, 'Prep-Bagging', -2500, -2500, 0, day);
    if (rand() < 0.02) {
      const doc = `6268-${String(1490000000 + i)}`;
      remitLine(doc, 'Co-op', -50000, -30000, 0, day);
      flushPayment();
      remitLine(doc, 'Co-op', -50000, -20000, 0, day);
    }
    if (rand() < 0.005) remitLine(`ADJ-${i}`, 'Miscellaneous adjustment', -1230);
    if ((i + 1) % INVOICES_PER_PAYMENT === 0) flushPayment();
    if (remit.length > 5000) put('remit', remit.splice(0));
  }
  flushPayment();
  put('remit', remit.splice(0));
  for (const w of writers.values()) w.finish('generated', null, 'US', null);
  db.exec('COMMIT');
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return { rows, ms: Date.now() - t0 };
}

function counts(db: Db): Record<string, number> {
  const c = (t: string) => db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number;
  return { invoice_lines: c('invoice_line'), asn_lines: c('shipment_line'), remit_lines: c('remit_line'), po_lines: c('po_line'), receipts: c('receipt') };
}

/** Child mode: reconcile one database twice (first run, then the re-run that keeps ids) and report. */
function runChild(file: string, rerun: boolean): void {
  const db = openDatabase(file);
  const size = counts(db);
  // CPU time next to wall time: on a shared machine wall time is mostly waiting for a core.
  const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
  const t0 = process.hrtime.bigint();
  const c0 = cpu();
  const first = reconcileNow(db, { asOf: AS_OF });
  const t1 = process.hrtime.bigint();
  const c1 = cpu();
  const again = rerun ? reconcileNow(db, { asOf: AS_OF }) : null;
  const t2 = process.hrtime.bigint();
  const c2 = cpu();
  db.close();
  process.stdout.write(JSON.stringify({
    ...size, findings: first.findings, kept: again?.kept ?? null, firstMs: Number(t1 - t0) / 1e6, firstCpuMs: c1 - c0,
    rerunMs: again ? Number(t2 - t1) / 1e6 : null, rerunCpuMs: again ? c2 - c1 : null,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), byType: first.byType.map((t) => `${t.type}:${t.count}`).join(' '),
  }));
}

function main(): void {
  const args = process.argv.slice(2);
  const runIdx = args.indexOf('--run');
  if (runIdx >= 0) return runChild(args[runIdx + 1]!, !args.includes('--no-rerun'));
  const sizesArg = args[args.indexOf('--sizes') + 1];
  const sizes = args.includes('--sizes') && sizesArg ? sizesArg.split(',').map(Number) : [10_000, 100_000, 1_000_000];
  const dir = resolve('.tmp');
  mkdirSync(dir, { recursive: true });
  const results: Array<Record<string, number | string> & { n: number }> = [];
  for (const n of sizes) {
    const file = join(dir, `bench-reconcile-${n}.db`);
    if (args.includes('--fresh') || !existsSync(file)) {
      for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
      const g = generate(file, n);
      console.error(`generated ${n} invoice lines: ${g.rows} records in ${(g.ms / 1000).toFixed(1)} s`);
    }
    const childArgs = [resolve('bin/run-ts.js'), 'bench/reconcile-scale.ts', '--run', file, ...(args.includes('--no-rerun') ? ['--no-rerun'] : [])];
    const child = spawnSync(process.execPath, childArgs, { encoding: 'utf8', maxBuffer: 1 << 24 });
    if (child.status !== 0) throw new Error(`reconcile of ${file} failed: ${child.stderr}`);
    const r = JSON.parse(child.stdout) as Record<string, number | string>;
    results.push({ n, ...r });
    console.error(JSON.stringify({ n, ...r }));
  }
  const sec = (v: unknown) => (v === null || v === undefined ? '—' : `${(Number(v) / 1000).toFixed(1)} s`);
  console.log('| invoice lines | ASN lines | remittance lines | findings | reconcile wall | reconcile CPU | re-run wall / CPU | peak RSS |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of results) {
    console.log(`| ${r.invoice_lines} | ${r.asn_lines} | ${r.remit_lines} | ${r.findings} | ${sec(r.firstMs)} | ${sec(r.firstCpuMs)} | ${sec(r.rerunMs)} / ${sec(r.rerunCpuMs)} | ${r.peakRssMb} MB |`);
  }
  for (let i = 1; i < results.length; i++) {
    const a = results[i - 1]!, b = results[i]!;
    console.log(`${a.n} → ${b.n}: data ×${(b.n / a.n).toFixed(0)}, wall ×${(Number(b.firstMs) / Number(a.firstMs)).toFixed(1)}, CPU ×${(Number(b.firstCpuMs) / Number(a.firstCpuMs)).toFixed(1)}`);
  }
}

main();
