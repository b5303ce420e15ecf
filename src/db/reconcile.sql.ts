// Set-based matching for a reconcile run: temp tables that resolve every line to an item, sum
// each PO + item across POs, acknowledgements, ASNs, receipts and invoices, tie remittance lines to
// invoices and group Amazon documents with their slices and reversals. Each step is one indexed
// GROUP BY or join, so a run costs O(n log n) in the store's size. The rules that turn these facts
// into findings live in core/match.
import type { Db } from './open';
import type {
  ClaimFacts, ClaimLineFacts, DocFacts, InvoiceFacts, InvoiceLineFacts, InvoicePayment, PaymentFacts, PoItemFacts, PriceLineFacts,
} from '../core/match/rules';
import type { DocFamily } from '../core/claims/grammar';
import { invoiceDueDate } from '../core/match/deadlines';

/** Item of a line: its ASIN, else the ASIN another document pairs with its SKU/UPC/EAN, else the id itself. */
function itemExpr(a: string, lineFallback: string | null): string {
  return `coalesce(${a}.asin,
    (SELECT asin FROM t_xref WHERE kind = 'S' AND val = ${a}.vendor_sku),
    (SELECT asin FROM t_xref WHERE kind = 'U' AND val = ${a}.upc),
    (SELECT asin FROM t_xref WHERE kind = 'E' AND val = ${a}.ean),
    'SKU:' || ${a}.vendor_sku, 'UPC:' || ${a}.upc, 'EAN:' || ${a}.ean${lineFallback ? `, ${lineFallback}` : ''})`;
}

const ID_SOURCES = ['po_line', 'po_ack', 'invoice_line', 'shipment_line', 'receipt'];

const ID_COLUMNS: ReadonlyArray<[string, string]> = [['S', 'vendor_sku'], ['U', 'upc'], ['E', 'ean']];

/**
 * Learn SKU/UPC/EAN → ASIN from documents that carry both. Only ids that some line carries
 * without an ASIN need it, so those are collected first (one scan per table); usually every line
 * names its ASIN and the learning step costs nothing more.
 */
function buildXref(db: Db): void {
  db.exec(`CREATE TEMP TABLE t_xref (kind TEXT NOT NULL, val TEXT NOT NULL, asin TEXT NOT NULL, PRIMARY KEY (kind, val)) WITHOUT ROWID;
    CREATE TEMP TABLE t_need (kind TEXT NOT NULL, val TEXT NOT NULL, PRIMARY KEY (kind, val)) WITHOUT ROWID;`);
  for (const t of ID_SOURCES) {
    db.exec(`INSERT OR IGNORE INTO t_need SELECT k.kind, CASE k.kind WHEN 'S' THEN x.vendor_sku WHEN 'U' THEN x.upc ELSE x.ean END AS val
      FROM ${t} x, (SELECT 'S' AS kind UNION ALL SELECT 'U' UNION ALL SELECT 'E') k
      WHERE x.asin IS NULL AND val IS NOT NULL`);
  }
  for (const [kind, col] of ID_COLUMNS) {
    const needed = db.prepare('SELECT EXISTS (SELECT 1 FROM t_need WHERE kind = ?)').pluck().get(kind) === 1;
    if (!needed) continue;
    const parts = ID_SOURCES.map((t) => `SELECT ${col} AS val, asin FROM ${t} WHERE asin IS NOT NULL AND ${col} IN (SELECT val FROM t_need WHERE kind = '${kind}')`).join(' UNION ALL ');
    // One ASIN per id: the smallest, so a conflicting cross-reference resolves the same way each run.
    db.exec(`INSERT INTO t_xref SELECT '${kind}', val, min(asin) FROM (${parts}) GROUP BY val`);
  }
}

const TEMP_TABLES = ['t_need', 't_xref', 't_pol', 't_po', 't_ack', 't_sl', 't_asn', 't_rcv', 't_il', 't_inv', 't_keys', 't_rl', 't_doc', 't_pc', 't_rev', 't_claimed', 't_pay', 't_claimnet'];

/** Build the run's temp tables. Call inside the run's transaction; `dropMatchTables` afterwards. */
export function buildMatchTables(db: Db): void {
  dropMatchTables(db);
  buildXref(db);
  db.exec(/* sql */ `

    CREATE TEMP TABLE t_pol AS
      SELECT pl.po_number AS po, pl.line_no, ${itemExpr('pl', `'LINE:' || pl.line_no`)} AS item, pl.ordered_each, pl.unit_cost_e4,
             pl.case_size, p.currency
      FROM po_line pl JOIN purchase_order p ON p.id = pl.po_id;

    -- Aggregates below run before their tables get indexes, so each GROUP BY is one sequential
    -- scan and a sort rather than index-order row lookups (which thrash at millions of rows).
    -- The PO cost of an item is that of its first costed line: min over "line|cost" text keeps
    -- it to the same single pass.
    CREATE TEMP TABLE t_po (po TEXT NOT NULL, item TEXT NOT NULL, ordered INTEGER, po_cost INTEGER, case_size INTEGER, currency TEXT,
      PRIMARY KEY (po, item)) WITHOUT ROWID;
    INSERT INTO t_po SELECT po, item, sum(ordered_each),
      CAST(substr(min(CASE WHEN unit_cost_e4 IS NOT NULL THEN printf('%010d|%d', line_no, unit_cost_e4) END), 12) AS INTEGER),
      max(case_size), min(currency)
      FROM t_pol WHERE item IS NOT NULL GROUP BY po, item;
    CREATE INDEX t_pol_line ON t_pol(po, line_no, item);

    CREATE TEMP TABLE t_ack (po TEXT NOT NULL, item TEXT NOT NULL, accepted INTEGER, ack_cost INTEGER, PRIMARY KEY (po, item)) WITHOUT ROWID;
    -- The latest acknowledgement of each PO + item: its accepted units, and the cost of the latest
    -- costed one (max over fixed-width "date|id|cost" text: one sequential pass, no lookups).
    INSERT INTO t_ack
      WITH a AS (
        SELECT a.po_number AS po, ${itemExpr('a', `(SELECT item FROM t_pol WHERE po = a.po_number AND line_no = a.line_no)`)} AS item,
               coalesce(a.ack_date, '') AS d, lower(a.status) AS st, a.qty_each, a.unit_cost_e4, a.id
        FROM po_ack a),
      w AS (SELECT *, max(d) OVER (PARTITION BY po, item) AS maxd FROM a WHERE item IS NOT NULL)
      SELECT po, item,
             sum(CASE WHEN d = maxd AND (st LIKE 'accept%' OR st LIKE 'partially%' OR st LIKE 'backorder%' OR st IN ('ia', 'ib', 'ac')) THEN qty_each ELSE 0 END),
             CAST(substr(max(CASE WHEN unit_cost_e4 IS NOT NULL THEN printf('%-10s|%012d|%d', d, id, unit_cost_e4) END), 25) AS INTEGER)
      FROM w GROUP BY po, item;

    CREATE TEMP TABLE t_sl AS
      SELECT sl.shipment_ref, s.shipment_id, coalesce(s.shipped_date, s.shipment_date) AS shipped_date, sl.po_number AS po,
             ${itemExpr('sl', `(SELECT item FROM t_pol WHERE po = sl.po_number AND line_no = sl.line_no)`)} AS item,
             sl.qty_each, sl.case_size, sl.container_id
      FROM shipment_line sl JOIN shipment s ON s.id = sl.shipment_ref
      WHERE sl.po_number IS NOT NULL;

    CREATE TEMP TABLE t_asn (po TEXT NOT NULL, item TEXT NOT NULL, shipped INTEGER NOT NULL, shipment_id TEXT, shipments INTEGER,
      shipped_date TEXT, case_size INTEGER, cartons INTEGER, PRIMARY KEY (po, item)) WITHOUT ROWID;
    INSERT INTO t_asn SELECT po, item, sum(qty_each), min(shipment_id), count(DISTINCT shipment_ref), max(shipped_date), max(case_size),
      count(DISTINCT container_id)
      FROM t_sl WHERE item IS NOT NULL GROUP BY po, item;
    -- covering: the carton lists of claims read only the index
    CREATE INDEX t_sl_item ON t_sl(po, item, container_id, shipment_ref);

    CREATE TEMP TABLE t_rcv (po TEXT NOT NULL, item TEXT NOT NULL, received INTEGER NOT NULL, PRIMARY KEY (po, item)) WITHOUT ROWID;
    INSERT INTO t_rcv
      WITH r AS (
        SELECT r.po_number AS po, ${itemExpr('r', `(SELECT item FROM t_pol WHERE po = r.po_number AND line_no = r.line_no)`)} AS item,
               coalesce(r.line_no, -1) AS ln, r.qty_each, r.receive_date, r.mode, r.id
        FROM receipt r),
      -- snapshot rows are cumulative: the latest per PO line wins; event rows add up
      snap AS (SELECT po, item, qty_each FROM (
        SELECT po, item, qty_each, row_number() OVER (PARTITION BY po, item, ln ORDER BY coalesce(receive_date, '') DESC, qty_each DESC, id DESC) AS rn
        FROM r WHERE mode = 'snapshot') WHERE rn = 1),
      parts AS (SELECT po, item, qty_each AS s, NULL AS e FROM snap UNION ALL SELECT po, item, NULL, qty_each FROM r WHERE mode = 'event')
      SELECT po, item, max(coalesce(sum(s), 0), coalesce(sum(e), 0)) FROM parts WHERE item IS NOT NULL GROUP BY po, item;

    CREATE TEMP TABLE t_il AS
      SELECT il.id, il.invoice_id, i.invoice_number, il.line_no, coalesce(il.po_number, i.po_number) AS po,
             ${itemExpr('il', `(SELECT item FROM t_pol WHERE po = coalesce(il.po_number, i.po_number) AND line_no = il.line_no)`)} AS item,
             il.qty_each, il.unit_cost_e4, il.amount_cents, i.currency, il.case_size
      FROM invoice_line il JOIN invoice i ON i.id = il.invoice_id
      WHERE i.invoice_type = 'invoice';

    CREATE TEMP TABLE t_inv (po TEXT NOT NULL, item TEXT NOT NULL, invoiced INTEGER NOT NULL, inv_cost INTEGER, invoice_number TEXT,
      invoices INTEGER, case_size INTEGER, currency TEXT, PRIMARY KEY (po, item)) WITHOUT ROWID;
    INSERT INTO t_inv SELECT po, item, sum(qty_each), max(unit_cost_e4), min(invoice_number), count(DISTINCT invoice_id),
      max(case_size), min(currency)
      FROM t_il WHERE po IS NOT NULL AND item IS NOT NULL GROUP BY po, item;
    CREATE INDEX t_il_invoice ON t_il(invoice_id, line_no);

    CREATE TEMP TABLE t_keys (po TEXT NOT NULL, item TEXT NOT NULL, PRIMARY KEY (po, item)) WITHOUT ROWID;
    INSERT OR IGNORE INTO t_keys SELECT po, item FROM t_po;
    INSERT OR IGNORE INTO t_keys SELECT po, item FROM t_asn;
    INSERT OR IGNORE INTO t_keys SELECT po, item FROM t_inv;

    -- Remittance lines with the vendor invoice their root refers to: the normalised key, then
    -- the key without the extra trailing R that Vendor Central's Invoices page appends.
    CREATE TEMP TABLE t_rl AS
      SELECT rl.id, rl.payment_number, rl.slice, rl.doc_number, upper(rl.doc_number) AS doc_key, rl.doc_date, rl.description, rl.family,
             rl.root_invoice, rl.currency, rl.invoice_amount_cents AS amt,
             rl.paid_cents + rl.discount_cents + rl.withholding_cents AS gross, rl.paid_cents, rl.discount_cents, rl.po_number,
             p.payment_date,
             coalesce((SELECT min(id) FROM invoice WHERE invoice_key = rl.root_key),
                      CASE WHEN rl.root_key LIKE '%R' THEN (SELECT min(id) FROM invoice WHERE invoice_key = substr(rl.root_key, 1, length(rl.root_key) - 1)) END)
               AS invoice_id
      FROM remit_line rl LEFT JOIN payment p ON p.payment_number = rl.payment_number;
    CREATE INDEX t_rl_invoice ON t_rl(invoice_id);

    CREATE TEMP TABLE t_doc AS
      SELECT doc_key, min(doc_number) AS doc_number, min(family) AS family, min(currency) AS currency,
             CASE WHEN -min(amt) > max(amt) THEN min(amt) ELSE max(amt) END AS amount,
             sum(gross) AS taken, count(*) AS lines, count(DISTINCT payment_number) AS payments,
             substr(min(coalesce(payment_date, '9999-99-99') || '|' || payment_number), 12) AS first_payment,
             group_concat(DISTINCT payment_number) AS payment_list,
             min(doc_date) AS doc_date, min(description) AS description, min(po_number) AS po_number, min(root_invoice) AS root_invoice,
             min(invoice_id) AS invoice_id,
             CASE WHEN min(family) IN ('shortage_reversal', 'price_reversal', 'provision_reversal') THEN
               CASE WHEN doc_key LIKE '%-R' THEN substr(doc_key, 1, length(doc_key) - 2) ELSE substr(doc_key, 1, length(doc_key) - 1) END
             END AS base_key
      FROM t_rl WHERE family NOT IN ('invoice', 'direct_fulfillment')
      GROUP BY doc_key;
    CREATE INDEX t_doc_invoice ON t_doc(invoice_id, family);

    -- The price claim of each invoice (the first by number), for PRICE_CLAIM_VALID lines.
    CREATE TEMP TABLE t_pc (invoice_id INTEGER PRIMARY KEY, k TEXT, doc_number TEXT, first_payment TEXT);
    INSERT INTO t_pc SELECT invoice_id, min(doc_key), doc_number, first_payment FROM t_doc
      WHERE family = 'price_claim' AND invoice_id IS NOT NULL GROUP BY invoice_id;

    CREATE TEMP TABLE t_rev (base_key TEXT PRIMARY KEY, rev_amount INTEGER, rev_taken INTEGER, docs TEXT) WITHOUT ROWID;
    INSERT INTO t_rev SELECT base_key, sum(abs(amount)), sum(taken), group_concat(doc_number, ', ') FROM t_doc WHERE base_key IS NOT NULL GROUP BY base_key;

    CREATE TEMP TABLE t_claimed (po TEXT NOT NULL, item TEXT NOT NULL, PRIMARY KEY (po, item)) WITHOUT ROWID;
    INSERT OR IGNORE INTO t_claimed SELECT il.po, il.item FROM t_doc d
      JOIN t_il il ON il.invoice_id = d.invoice_id
      LEFT JOIN t_rev r ON r.base_key = d.doc_key
      WHERE d.family = 'shortage_claim' AND il.po IS NOT NULL AND il.item IS NOT NULL AND abs(d.amount) - coalesce(r.rev_amount, 0) > 1;

    CREATE TEMP TABLE t_pay (invoice_id INTEGER NOT NULL, payments TEXT NOT NULL, PRIMARY KEY (invoice_id)) WITHOUT ROWID;
    INSERT INTO t_pay SELECT invoice_id, json_group_array(json_array(payment_number, payment_date, gross, paid_cents, discount_cents)) FROM
      (SELECT * FROM t_rl WHERE invoice_id IS NOT NULL AND family IN ('invoice', 'direct_fulfillment')
       ORDER BY invoice_id, coalesce(payment_date, '9999-99-99'), payment_number, slice)
      GROUP BY invoice_id;

    CREATE TEMP TABLE t_claimnet (invoice_id INTEGER PRIMARY KEY, referenced INTEGER, net INTEGER, docs TEXT);
    INSERT INTO t_claimnet SELECT invoice_id, 1,
      -sum(CASE WHEN family IN ('shortage_claim', 'price_claim', 'shortage_reversal', 'price_reversal') THEN gross ELSE 0 END),
      group_concat(DISTINCT CASE WHEN family IN ('shortage_claim', 'price_claim', 'shortage_reversal', 'price_reversal') THEN doc_number END)
      FROM t_rl WHERE invoice_id IS NOT NULL GROUP BY invoice_id;
  `);
}

export function dropMatchTables(db: Db): void {
  runCounter++; // statements prepared over the old temp tables must not be reused
  for (const t of TEMP_TABLES) db.exec(`DROP TABLE IF EXISTS temp.${t}`);
}

export function storeHas(db: Db): { asns: boolean; invoices: boolean } {
  const one = (t: string) => db.prepare(`SELECT EXISTS (SELECT 1 FROM ${t})`).pluck().get() === 1;
  return { asns: one('shipment_line'), invoices: one('invoice_line') };
}

interface IlRow { invoice_number: string; line_no: number; po: string; item: string; qty_each: number; unit_cost_e4: number; amount_cents: number; currency: string }
interface PriceRow extends IlRow { conf: number; claim: string | null; payment: string | null }
interface ClaimLineRow {
  line_no: number; po: string | null; item: string; qty_each: number; unit_cost_e4: number; amount_cents: number; shipped: number;
  received: number | null; invoiced_total: number; conf: number | null; shipment_id: string | null; cartons: number;
}
interface PaymentRow { payment_number: string; currency: string; amount: number; total: number; n: number; hidden_lines: number; payment_date: string | null }

interface PoItemRow {
  po: string; item: string; currency: string | null; ordered: number | null; accepted: number | null; po_cost: number | null;
  ack_cost: number | null; shipped: number | null; shipment_id: string | null; shipments: number | null; shipped_date: string | null;
  received: number | null; invoiced: number | null; inv_cost: number | null; invoice_number: string | null; invoices: number | null;
  case_size: number | null; claimed: number;
}

/** One row per PO + item over every document, in PO/item order. */
export function* poItemFacts(db: Db, have: { asns: boolean; invoices: boolean }, fallbackCurrency: string): Generator<PoItemFacts> {
  const rows = db.prepare(/* sql */ `
    SELECT k.po, k.item, coalesce(i.currency, p.currency) AS currency, p.ordered, a.accepted, p.po_cost, a.ack_cost,
           s.shipped, s.shipment_id, s.shipments, s.shipped_date, r.received, i.invoiced, i.inv_cost, i.invoice_number, i.invoices,
           max(coalesce(p.case_size, 0), coalesce(s.case_size, 0), coalesce(i.case_size, 0)) AS case_size,
           c.po IS NOT NULL AS claimed
    FROM t_keys k
    LEFT JOIN t_po p ON p.po = k.po AND p.item = k.item
    LEFT JOIN t_ack a ON a.po = k.po AND a.item = k.item
    LEFT JOIN t_asn s ON s.po = k.po AND s.item = k.item
    LEFT JOIN t_rcv r ON r.po = k.po AND r.item = k.item
    LEFT JOIN t_inv i ON i.po = k.po AND i.item = k.item
    LEFT JOIN t_claimed c ON c.po = k.po AND c.item = k.item
    ORDER BY k.po, k.item`).iterate() as IterableIterator<PoItemRow>;
  for (const r of rows) {
    yield {
      po: r.po, item: r.item, currency: r.currency ?? fallbackCurrency, ordered: r.ordered, accepted: r.accepted, poCostE4: r.po_cost,
      confirmedCostE4: r.ack_cost ?? r.po_cost, shipped: r.shipped ?? 0, shipmentId: r.shipment_id, shipmentCount: r.shipments ?? 0,
      shippedDate: r.shipped_date, received: r.received, invoiced: r.invoiced ?? 0, invCostE4: r.inv_cost, invoiceNumber: r.invoice_number,
      invoiceCount: r.invoices ?? 0, caseSize: r.case_size || null, shortageClaimed: r.claimed === 1, haveAsns: have.asns, haveInvoices: have.invoices,
    };
  }
}

/** Invoice lines whose PO and item appear on no ASN. */
export function* invoiceLinesWithoutAsn(db: Db): Generator<InvoiceLineFacts> {
  const rows = db.prepare(/* sql */ `
    SELECT il.invoice_number, il.line_no, il.po, il.item, il.qty_each, il.unit_cost_e4, il.amount_cents, il.currency
    FROM t_il il
    WHERE il.po IS NOT NULL AND il.item IS NOT NULL AND NOT EXISTS (SELECT 1 FROM t_asn a WHERE a.po = il.po AND a.item = il.item)
    ORDER BY il.invoice_number, il.line_no`).iterate() as IterableIterator<IlRow>;
  for (const r of rows) {
    yield { invoiceNumber: r.invoice_number, lineNo: r.line_no, po: r.po, item: r.item, qty: r.qty_each, costE4: r.unit_cost_e4, amountCents: r.amount_cents, currency: r.currency };
  }
}

/** Invoice lines billed above the PO's confirmed cost, with the invoice's price claim if any. */
export function* priceLines(db: Db): Generator<PriceLineFacts> {
  const rows = db.prepare(/* sql */ `
    WITH over AS (
      SELECT il.invoice_id, il.invoice_number, il.line_no, il.po, il.item, il.qty_each, il.unit_cost_e4, coalesce(a.ack_cost, p.po_cost) AS conf,
             il.currency
      FROM t_il il
      LEFT JOIN t_po p ON p.po = il.po AND p.item = il.item
      LEFT JOIN t_ack a ON a.po = il.po AND a.item = il.item
      WHERE il.po IS NOT NULL AND il.unit_cost_e4 > coalesce(a.ack_cost, p.po_cost))
    SELECT o.*, c.doc_number AS claim, c.first_payment AS payment
    FROM over o
    LEFT JOIN t_pc c ON c.invoice_id = o.invoice_id
    ORDER BY o.invoice_number, o.line_no`).iterate() as IterableIterator<PriceRow>;
  for (const r of rows) {
    yield {
      invoiceNumber: r.invoice_number, lineNo: r.line_no, po: r.po, item: r.item, invoiced: r.qty_each, costE4: r.unit_cost_e4,
      confirmedCostE4: r.conf, currency: r.currency, claimNumber: r.claim, paymentNumber: r.payment,
    };
  }
}

interface DocRow {
  doc_key: string; doc_number: string; family: DocFamily; currency: string; amount: number; taken: number; lines: number; payments: number;
  first_payment: string | null; payment_list: string | null; doc_date: string | null; description: string | null; po_number: string | null;
  root_invoice: string | null; invoice_number: string | null; invoice_date: string | null; due_date: string | null; net_days: number | null;
  rev_amount: number | null; rev_taken: number | null; rev_docs: string | null; invoice_id: number | null;
}

export interface DocFactsRow extends DocFacts {
  invoiceId: number | null;
}

/** Every Amazon document (not the vendor's own invoices) with its slices summed and its reversals. */
export function* documentFacts(db: Db): Generator<DocFactsRow> {
  const rows = db.prepare(/* sql */ `
    SELECT d.*, i.invoice_number, i.invoice_date, i.due_date, i.net_days, r.rev_amount, r.rev_taken, r.docs AS rev_docs
    FROM t_doc d
    LEFT JOIN invoice i ON i.id = d.invoice_id
    LEFT JOIN t_rev r ON r.base_key = d.doc_key
    WHERE d.base_key IS NULL
    ORDER BY d.doc_key`).iterate() as IterableIterator<DocRow>;
  for (const r of rows) {
    const payments = (r.payment_list ?? '').split(',').filter(Boolean).sort();
    yield {
      docNumber: r.doc_number, family: r.family, currency: r.currency, amountCents: r.amount, takenCents: r.taken, lineCount: r.lines,
      paymentCount: r.payments, firstPayment: r.first_payment, payments, docDate: r.doc_date, description: r.description, poNumber: r.po_number,
      rootInvoice: r.root_invoice, invoiceNumber: r.invoice_number, invoiceDate: r.invoice_date,
      dueDate: invoiceDueDate(r.due_date, r.invoice_date, r.net_days),
      reversedCents: r.family === 'provision' ? (r.rev_taken ?? 0) : (r.rev_amount ?? 0),
      reversals: r.rev_docs ? r.rev_docs.split(', ') : [],
      invoiceId: r.invoice_id,
    };
  }
}

// Statements over the run's temp tables, prepared once per run (a run analyses thousands of claims).
const prepared = new WeakMap<Db, { run: number; stmts: ReturnType<typeof prepareClaimStatements> }>();
let runCounter = 0;

function prepareClaimStatements(db: Db) {
  return {
    lines: db.prepare(/* sql */ `
    SELECT il.line_no, il.po, il.item, il.qty_each, il.unit_cost_e4, il.amount_cents,
           coalesce(s.shipped, 0) AS shipped, r.received, coalesce(v.invoiced, il.qty_each) AS invoiced_total,
           coalesce(a.ack_cost, p.po_cost) AS conf, s.shipment_id, coalesce(s.cartons, 0) AS cartons
    FROM t_il il
    LEFT JOIN t_asn s ON s.po = il.po AND s.item = il.item
    LEFT JOIN t_rcv r ON r.po = il.po AND r.item = il.item
    LEFT JOIN t_inv v ON v.po = il.po AND v.item = il.item
    LEFT JOIN t_po p ON p.po = il.po AND p.item = il.item
    LEFT JOIN t_ack a ON a.po = il.po AND a.item = il.item
    WHERE il.invoice_id = ? AND il.item IS NOT NULL
    ORDER BY il.line_no`),
    cartonStmt: db.prepare(`SELECT DISTINCT container_id FROM t_sl WHERE po = ? AND item = ? AND container_id IS NOT NULL ORDER BY container_id LIMIT 51`).pluck(),
    shipmentCartons: db.prepare(`SELECT DISTINCT c.container_id FROM t_sl s JOIN shipment_carton c ON c.shipment_ref = s.shipment_ref
      WHERE s.po = ? AND s.item = ? AND c.type = 'carton' ORDER BY c.container_id LIMIT 51`).pluck(),
    invoice: db.prepare('SELECT invoice_number, invoice_date, due_date, net_days FROM invoice WHERE id = ?'),
  };
}

function claimStatements(db: Db) {
  const hit = prepared.get(db);
  if (hit && hit.run === runCounter) return hit.stmts;
  const stmts = prepareClaimStatements(db);
  prepared.set(db, { run: runCounter, stmts });
  return stmts;
}

/** The lines of one invoice with their PO + item totals, for a claim's analysis. */
export function claimLines(db: Db, invoiceId: number): ClaimLineFacts[] {
  const rows = claimStatements(db).lines.all(invoiceId) as ClaimLineRow[];
  const { cartonStmt, shipmentCartons } = claimStatements(db);
  // Several lines of one invoice for the same PO and item count once, with their units added
  // (the same ASIN on two POs of one invoice stays two lines: each PO has its own ASN and receipts).
  const byItem = new Map<string, ClaimLineFacts>();
  for (const r of rows) {
    const key = `${r.po ?? ''}\u0000${r.item}`;
    const prev = byItem.get(key);
    if (prev) {
      prev.invoiced += r.qty_each;
      prev.amountCents += r.amount_cents;
      continue;
    }
    let cartons: string[] = r.po ? (cartonStmt.all(r.po, r.item) as string[]) : [];
    if (cartons.length === 0 && r.po) cartons = shipmentCartons.all(r.po, r.item) as string[];
    byItem.set(key, {
      lineNo: r.line_no, po: r.po, item: r.item, invoiced: r.qty_each, costE4: r.unit_cost_e4, amountCents: r.amount_cents, shipped: r.shipped,
      received: r.received, invoicedTotal: r.invoiced_total, confirmedCostE4: r.conf, shipmentId: r.shipment_id,
      cartonCount: Math.max(r.cartons, cartons.length), cartons,
    });
  }
  return [...byItem.values()];
}

export function claimFactsFor(db: Db, d: DocFactsRow, lines: ClaimLineFacts[]): ClaimFacts | null {
  if (d.invoiceId === null || (d.family !== 'shortage_claim' && d.family !== 'price_claim')) return null;
  const inv = claimStatements(db).invoice.get(d.invoiceId) as
    { invoice_number: string; invoice_date: string | null; due_date: string | null; net_days: number | null };
  return {
    claimNumber: d.docNumber, kind: d.family === 'shortage_claim' ? 'shortage' : 'price', invoiceNumber: inv.invoice_number, currency: d.currency,
    claimCents: Math.abs(d.amountCents), reversedCents: d.reversedCents, paymentNumber: d.firstPayment, claimDate: d.docDate,
    invoiceDate: inv.invoice_date, dueDate: invoiceDueDate(inv.due_date, inv.invoice_date, inv.net_days), lines,
  };
}

interface InvoiceRow {
  id: number; invoice_number: string; currency: string; total_cents: number; invoice_date: string | null; due_date: string | null;
  net_days: number | null; discount_percent_bp: number | null; po_number: string | null; payments: string | null; referenced: number | null;
  net: number | null; docs: string | null;
}

export interface InvoiceFactsRow extends InvoiceFacts {
  netDays: number | null;
}

/** Every vendor invoice (credit notes aside) with its payment lines and the claims against it. */
export function* invoiceFacts(db: Db): Generator<InvoiceFactsRow> {
  const rows = db.prepare(/* sql */ `
    SELECT i.id, i.invoice_number, i.currency, i.total_cents, i.invoice_date, i.due_date, i.net_days, i.discount_percent_bp,
           coalesce(i.po_number, (SELECT po FROM t_il WHERE invoice_id = i.id AND po IS NOT NULL ORDER BY line_no LIMIT 1)) AS po_number,
           p.payments, c.referenced, c.net, c.docs
    FROM invoice i
    LEFT JOIN t_pay p ON p.invoice_id = i.id
    LEFT JOIN t_claimnet c ON c.invoice_id = i.id
    WHERE i.invoice_type = 'invoice'
    ORDER BY i.invoice_number`).iterate() as IterableIterator<InvoiceRow>;
  for (const r of rows) {
    const payments: InvoicePayment[] = r.payments
      ? (JSON.parse(r.payments) as Array<[string, string | null, number, number, number]>).map(([paymentNumber, paymentDate, grossCents, paidCents, discountCents]) => ({ paymentNumber, paymentDate, grossCents, paidCents, discountCents }))
      : [];
    yield {
      invoiceNumber: r.invoice_number, currency: r.currency, totalCents: r.total_cents, invoiceDate: r.invoice_date,
      dueDate: invoiceDueDate(r.due_date, r.invoice_date, r.net_days),
      netDays: r.net_days, discountPercentBp: r.discount_percent_bp, poNumber: r.po_number, referenced: r.referenced === 1, payments,
      claimsNetCents: r.net ?? 0, claimNumbers: r.docs ? r.docs.split(',').sort() : [],
    };
  }
}

/** Every payment with the sum of its lines (in the invoice currency when Amazon converted). */
export function* paymentFacts(db: Db): Generator<PaymentFacts> {
  const rows = db.prepare(/* sql */ `
    SELECT p.payment_number, coalesce(p.invoice_currency, p.currency) AS currency,
           CASE WHEN p.invoice_currency IS NOT NULL AND p.invoice_currency <> p.currency AND p.amount_invoice_currency_cents IS NOT NULL
                THEN p.amount_invoice_currency_cents ELSE p.amount_cents END AS amount,
           coalesce(s.total, 0) AS total, coalesce(s.n, 0) AS n, p.hidden_lines, p.payment_date
    FROM payment p
    LEFT JOIN (SELECT payment_number, sum(paid_cents) AS total, count(*) AS n FROM remit_line GROUP BY payment_number) s
      ON s.payment_number = p.payment_number
    ORDER BY p.payment_number`).iterate() as IterableIterator<PaymentRow>;
  for (const r of rows) {
    yield { paymentNumber: r.payment_number, currency: r.currency, amountCents: r.amount, linesCents: r.total, lineCount: r.n, hiddenLines: r.hidden_lines === 1, paymentDate: r.payment_date };
  }
}
