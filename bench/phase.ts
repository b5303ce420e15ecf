// One benchmark phase in its own process, so its peak RSS is its own. bench/run.ts drives it;
// it prints one JSON line on stdout: { phase, ms, maxRssMB, … }.
//
//   phase.ts generate  --out DIR --lines N --seed S
//   phase.ts import    --data DIR --db FILE              every file through importFile, timed per file
//   phase.ts floor     --src FILE --db FILE              the same normalised rows, prepared INSERTs, one transaction per batch
//   phase.ts reconcile --db FILE --as-of DATE
//   phase.ts peer      --src FILE --work DIR             DuckDB: the core matches on the same rows
//   phase.ts exports   --db FILE --out DIR --period YYYY-MM [--packs 1000]
//   phase.ts accuracy  --db FILE --truth FILE
import { createWriteStream, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { openDatabase } from '../src/db/open';
import { expandPaths, importFile } from '../src/services/import';
import { generateDataset } from '../src/services/generate';
import { reconcileNow } from '../src/services/reconcile';
import { allFindings } from '../src/services/findings';
import { compareFindings, formatAccuracy } from '../src/core/generate/compare';
import type { Truth } from '../src/core/generate/model';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    out: { type: 'string' }, lines: { type: 'string' }, seed: { type: 'string' }, data: { type: 'string' }, db: { type: 'string' },
    src: { type: 'string' }, 'as-of': { type: 'string' }, work: { type: 'string' }, period: { type: 'string' }, packs: { type: 'string' },
    truth: { type: 'string' },
  },
});
const phase = positionals[0];
const need = (k: keyof typeof values): string => {
  const v = values[k];
  if (typeof v !== 'string') throw new Error(`phase ${phase}: --${k} is required`);
  return v;
};
const maxRssMB = () => Math.round(process.resourceUsage().maxRSS / 1024);
const emit = (o: object) => process.stdout.write(`${JSON.stringify({ phase, ...o, maxRssMB: maxRssMB() })}\n`);
const fresh = (file: string) => {
  for (const s of ['', '-wal', '-shm']) rmSync(file + s, { force: true });
  return openDatabase(file);
};

/** Tables an import writes, parents before children. */
export const DATA_TABLES = ['payment', 'remit_line', 'invoice', 'invoice_line', 'invoice_charge', 'purchase_order', 'po_line', 'po_ack', 'shipment', 'shipment_carton', 'shipment_line', 'receipt'];

async function main(): Promise<void> {
  switch (phase) {
    case 'generate': {
      const t0 = performance.now();
      const r = await generateDataset(need('out'), { invoiceLines: Number(need('lines')), seed: need('seed') });
      emit({ ms: performance.now() - t0, files: r.files.length, bytes: r.files.reduce((a, f) => a + f.bytes, 0), counts: r.truth.counts, asOf: r.truth.as_of });
      return;
    }
    case 'import': {
      const db = fresh(need('db'));
      const perFormat: Record<string, { files: number; rows: number; bytes: number; ms: number }> = {};
      let total = 0;
      for (const file of expandPaths([need('data')])) {
        const t0 = performance.now();
        const r = await importFile(db, file, { now: () => 0 });
        const ms = performance.now() - t0;
        if (r.status !== 'imported') throw new Error(`${file}: ${r.status === 'error' ? r.error : 'already imported'}`);
        if (r.rowsRejected) throw new Error(`${file}: ${r.rowsRejected} rows rejected, e.g. ${JSON.stringify(r.rejects[0])}`);
        const f = (perFormat[r.format] ??= { files: 0, rows: 0, bytes: 0, ms: 0 });
        f.files++;
        f.rows += r.rowsRead;
        f.bytes += statSync(file).size;
        f.ms += ms;
        total += ms;
      }
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
      emit({ ms: total, perFormat });
      return;
    }
    case 'floor': {
      // The physical floor: the rows the importers stored, read back (untimed), then inserted into
      // the same tables of a fresh database with prepared statements, one transaction per batch.
      const src = new Database(need('src'), { readonly: true });
      const db = fresh(need('db'));
      const batches = src.prepare('SELECT * FROM import_batch ORDER BY id').all() as Array<Record<string, unknown> & { id: number; format: string }>;
      const cols = (t: string) => (src.prepare(`PRAGMA table_info(${t})`).all() as Array<{ name: string }>).map((c) => c.name);
      const batchCols = cols('import_batch');
      const insBatch = db.prepare(`INSERT INTO import_batch (${batchCols.join(', ')}) VALUES (${batchCols.map(() => '?').join(', ')})`);
      const tables = DATA_TABLES.map((t) => {
        const c = cols(t);
        return {
          name: t,
          read: src.prepare(`SELECT ${c.join(', ')} FROM ${t} WHERE batch_id = ? ORDER BY id`).raw(true),
          insert: db.prepare(`INSERT INTO ${t} (${c.join(', ')}) VALUES (${c.map(() => '?').join(', ')})`),
        };
      });
      const perFormat: Record<string, { rows: number; ms: number }> = {};
      let total = 0;
      for (const b of batches) {
        const rows = tables.map((t) => t.read.all(b.id) as unknown[][]);
        const t0 = performance.now();
        db.transaction(() => {
          insBatch.run(...batchCols.map((c) => b[c]));
          tables.forEach((t, i) => {
            for (const r of rows[i]!) t.insert.run(...r);
          });
        }).immediate();
        const ms = performance.now() - t0;
        const f = (perFormat[b.format] ??= { rows: 0, ms: 0 });
        f.rows += rows.reduce((a, r) => a + r.length, 0);
        f.ms += ms;
        total += ms;
      }
      src.close();
      db.close();
      emit({ ms: total, perFormat });
      return;
    }
    case 'reconcile': {
      const db = openDatabase(need('db'));
      const t0 = performance.now();
      const s = reconcileNow(db, { asOf: need('as-of'), now: () => 0 });
      const ms = performance.now() - t0;
      db.close();
      emit({ ms, findings: s.findings });
      return;
    }
    case 'peer': {
      await peer(need('src'), need('work'));
      return;
    }
    case 'exports': {
      const { selectClaims, exportDisputePack } = await import('../src/services/exports/dispute-pack');
      const { exportMonthEnd } = await import('../src/services/exports/month-end');
      const db = openDatabase(need('db'));
      const out = need('out');
      mkdirSync(out, { recursive: true });
      const want = Number(values.packs ?? 1000);
      const t0 = performance.now();
      const ids = selectClaims(db, { allDisputable: true }).slice(0, want).map((c) => c.id);
      const packs = ids.length ? await exportDisputePack(db, { claimIds: ids }, join(out, 'dispute-packs.xlsx')) : null;
      const packsMs = performance.now() - t0;
      const t1 = performance.now();
      const me = await exportMonthEnd(db, need('period'), join(out, 'month-end.xlsx'));
      const monthEndMs = performance.now() - t1;
      db.close();
      emit({ ms: packsMs + monthEndMs, packs: packs?.claims ?? 0, packsMs, monthEndMs, monthEndRows: Object.values(me.rows).reduce((a, n) => a + n, 0) });
      return;
    }
    case 'accuracy': {
      const db = openDatabase(need('db'), { readonly: true });
      const truth = JSON.parse(readFileSync(need('truth'), 'utf8')) as Truth;
      const r = compareFindings(truth, [...allFindings(db)]);
      db.close();
      process.stderr.write(`${formatAccuracy(r)}\n`);
      emit({
        ms: 0, expected: r.expected, raised: r.raised, matched: r.matched, exact: r.exact, recall: r.recall, precision: r.precision,
        moneyDiffCents: r.moneyDiffCents, types: r.types, missed: r.missed.slice(0, 20), falsePositives: r.falsePositives.slice(0, 20).map((f) => ({ ...f, explanation: undefined, evidence: undefined, details: undefined })),
        amountMismatches: r.amountMismatches.slice(0, 20).map((m) => ({ expected: m.expected, raised: m.raised.amount_cents })),
      });
      return;
    }
    default:
      throw new Error(`unknown phase ${phase}`);
  }
}

/**
 * The peer: DuckDB computing the core matches on the same normalised rows — invoice lines ⋈ ASN
 * lines ⋈ receipts at PO+ASIN, and each invoice ⋈ its remittance lines by root invoice — with
 * the quantities and money the findings need. Loading the rows (CSV export from SQLite, DuckDB
 * read_csv) is timed apart from the query.
 */
async function peer(srcFile: string, work: string): Promise<void> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  mkdirSync(work, { recursive: true });
  const src = new Database(srcFile, { readonly: true });
  const exportsSql: Record<string, string> = {
    invoice_line: `SELECT il.po_number, il.asin, il.qty_each, il.unit_cost_e4, il.amount_cents, i.invoice_key FROM invoice_line il JOIN invoice i ON i.id = il.invoice_id`,
    invoice: `SELECT invoice_key, total_cents, due_date FROM invoice`,
    shipment_line: `SELECT po_number, asin, qty_each FROM shipment_line`,
    receipt: `SELECT po_number, asin, qty_each, mode, receive_date FROM receipt`,
    po_line: `SELECT po_number, asin, ordered_each, unit_cost_e4 FROM po_line`,
    remit_line: `SELECT payment_number, root_key, family, invoice_amount_cents, discount_cents, paid_cents FROM remit_line`,
  };
  const t0 = performance.now();
  for (const [name, sql] of Object.entries(exportsSql)) {
    const ws = createWriteStream(join(work, `${name}.csv`));
    const stmt = src.prepare(sql);
    ws.write(`${stmt.columns().map((c) => c.name).join(',')}\n`);
    let buf = '';
    for (const row of stmt.raw(true).iterate() as Iterable<unknown[]>) {
      buf += `${row.map((v) => (v === null ? '' : typeof v === 'string' ? `"${v.replace(/"/g, '""')}"` : String(v))).join(',')}\n`;
      if (buf.length > 1 << 16) {
        if (!ws.write(buf)) await once(ws, 'drain');
        buf = '';
      }
    }
    ws.end(buf);
    await once(ws, 'finish');
  }
  src.close();
  const exportMs = performance.now() - t0;
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const con = await instance.connect();
  const t1 = performance.now();
  for (const name of Object.keys(exportsSql)) {
    await con.run(`CREATE TABLE ${name} AS SELECT * FROM read_csv('${join(work, `${name}.csv`)}', header = true, all_varchar = false)`);
  }
  const loadMs = performance.now() - t1;
  const t2 = performance.now();
  const reader = await con.runAndReadAll(`
    CREATE OR REPLACE TEMP TABLE matches AS
    WITH inv AS (SELECT po_number, asin, sum(qty_each) AS invoiced, max(unit_cost_e4) AS inv_cost, min(invoice_key) AS root FROM invoice_line GROUP BY ALL),
    asn AS (SELECT po_number, asin, sum(qty_each) AS shipped FROM shipment_line GROUP BY ALL),
    rcp AS (SELECT po_number, asin, coalesce(sum(qty_each) FILTER (WHERE mode = 'event'), 0) + coalesce(max(qty_each) FILTER (WHERE mode = 'snapshot'), 0) AS received FROM receipt GROUP BY ALL),
    po AS (SELECT po_number, asin, sum(ordered_each) AS ordered, max(unit_cost_e4) AS po_cost FROM po_line GROUP BY ALL),
    item AS (
      SELECT coalesce(inv.po_number, asn.po_number) AS po_number, coalesce(inv.asin, asn.asin) AS asin, inv.root, po.ordered, asn.shipped, inv.invoiced,
             rcp.received, inv.inv_cost, po.po_cost
      FROM inv FULL JOIN asn ON asn.po_number = inv.po_number AND asn.asin = inv.asin
      LEFT JOIN rcp ON rcp.po_number = coalesce(inv.po_number, asn.po_number) AND rcp.asin = coalesce(inv.asin, asn.asin)
      LEFT JOIN po ON po.po_number = coalesce(inv.po_number, asn.po_number) AND po.asin = coalesce(inv.asin, asn.asin)),
    rem AS (SELECT root_key, sum(paid_cents) FILTER (WHERE family = 'invoice') AS paid, sum(discount_cents) FILTER (WHERE family = 'invoice') AS discount,
                   count(DISTINCT payment_number) FILTER (WHERE family = 'invoice') AS payments,
                   sum(invoice_amount_cents) FILTER (WHERE family IN ('shortage_claim', 'price_claim')) AS claimed,
                   sum(invoice_amount_cents) FILTER (WHERE family IN ('shortage_reversal', 'price_reversal')) AS reversed
            FROM remit_line WHERE root_key IS NOT NULL GROUP BY ALL),
    invs AS (SELECT i.invoice_key, i.total_cents, i.due_date, rem.paid, rem.discount, rem.payments, rem.claimed, rem.reversed FROM invoice i LEFT JOIN rem ON rem.root_key = i.invoice_key)
    SELECT item.*, invs.total_cents, invs.due_date, invs.paid, invs.discount, invs.payments, invs.claimed, invs.reversed,
           greatest(0, coalesce(item.invoiced, 0) - coalesce(item.shipped, 0)) AS over_invoiced_each,
           greatest(0, least(coalesce(item.invoiced, 0), coalesce(item.shipped, 0)) - coalesce(item.received, 0)) AS short_received_each,
           (coalesce(item.inv_cost, 0) - coalesce(item.po_cost, 0)) * coalesce(item.invoiced, 0) AS ppv_e4,
           invs.total_cents - coalesce(invs.paid, 0) - coalesce(invs.discount, 0) + coalesce(invs.claimed, 0) + coalesce(invs.reversed, 0) AS unexplained_cents
    FROM item LEFT JOIN invs ON invs.invoice_key = item.root;
    SELECT count(*) AS n, sum(over_invoiced_each) AS over, sum(short_received_each) AS short, sum(CASE WHEN unexplained_cents <> 0 THEN 1 ELSE 0 END) AS unexplained FROM matches`);
  const queryMs = performance.now() - t2;
  const row = reader.getRowObjectsJson()[0] ?? {};
  con.closeSync();
  instance.closeSync();
  rmSync(work, { recursive: true, force: true });
  emit({ ms: queryMs, exportMs, loadMs, queryMs, result: row });
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
