// `recoup generate`: writes the simulated vendor business of core/generate in the real file
// formats, streaming (a million invoice lines never sit in memory), plus truth.json and a README.
//
// Output layout (DIR):
//   README.txt            which file holds what (the text below, with this run's counts)
//   truth.json            every planted situation, the findings it must raise, and the traps
//   data/edi/             X12 850 purchase orders, 856 ASNs, 810 invoices (EDI-family POs) and
//                         820 remittance advice (one payment in eight)
//   data/sp-api/          purchaseOrders, purchaseOrdersStatus (the receipts of EDI- and
//                         SP-API-family POs), shipmentConfirmations, submitInvoices payloads
//   data/registers/       ERP CSV registers: purchase orders, shipments, invoices, receipts
//                         (CSV-family POs)
//   data/remittance/      Vendor Central Payments > Remittance exports: XLSX and the same sheet
//                         saved as CSV
// A PO's documents stay in one family (EDI, SP-API or CSV registers). Files are split by month
// above 20,000 invoice lines (`…-2026-03.edi`), otherwise one file per kind.
import { createWriteStream, mkdirSync, readFileSync, statSync, writeFileSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { dirname, join, relative } from 'node:path';
import ExcelJS from 'exceljs';
import { generateBusiness, TERMS, VENDOR, type GenerateOptions } from '../core/generate/scenario';
import type { GenPayment, Truth } from '../core/generate/model';
import { X12Envelope, asn856, invoice810, po850, remit820, type EnvelopeOptions } from '../core/generate/x12';
import { invoiceJson, orderJson, shipmentJson, statusJson } from '../core/generate/spapi';
import { INVOICE_HEADER, PO_HEADER, RECEIPT_HEADER, SHIPMENT_HEADER, invoiceRows, poRows, receiptRows, shipmentRows } from '../core/generate/registers';
import { REMITTANCE_SHEET, remittanceRows } from '../core/generate/vc';
import { csvLine } from '../core/generate/text';

export interface GeneratedFile {
  /** Path relative to the output folder. */
  path: string;
  /** vc_remittance_xlsx, vc_remittance_csv, x12_850, x12_856, x12_810, x12_820, spapi_orders, … */
  format: string;
  bytes: number;
  /** Line-level rows written (invoice lines, ASN lines, PO lines, remittance lines, …). */
  rows: number;
}

export interface GenerateResult {
  outDir: string;
  dataDir: string;
  files: GeneratedFile[];
  truth: Truth;
}

export const DEFAULT_INVOICE_LINES = 300;
export const DEFAULT_SEED = 'recoup';

/** Buffered text file with back-pressure: the generator waits when the disk is behind. */
class TextFile {
  private buf = '';
  private readonly stream: WriteStream;
  rows = 0;

  constructor(readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.stream = createWriteStream(path);
  }

  async write(s: string): Promise<void> {
    this.buf += s;
    if (this.buf.length >= 1 << 16) await this.flush();
  }

  private async flush(): Promise<void> {
    if (!this.buf) return;
    const ok = this.stream.write(this.buf);
    this.buf = '';
    if (!ok) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await once(this.stream, 'finish');
  }
}

interface OpenFile {
  chunk: string;
  file: TextFile;
  format: string;
  footer: () => string;
  /** Writes one item; JSON arrays need a comma between items. */
  first: boolean;
  x12?: X12Envelope;
}

export async function generateDataset(outDir: string, options: Partial<GenerateOptions> = {}): Promise<GenerateResult> {
  const opts: GenerateOptions = { seed: options.seed ?? DEFAULT_SEED, invoiceLines: options.invoiceLines ?? DEFAULT_INVOICE_LINES, ...(options.start ? { start: options.start } : {}) };
  if (!Number.isInteger(opts.invoiceLines) || opts.invoiceLines < 1) throw new Error(`--invoices must be a whole number of invoice lines ≥ 1, got ${opts.invoiceLines}`);
  const dataDir = join(outDir, 'data');
  mkdirSync(dataDir, { recursive: true });
  const files: GeneratedFile[] = [];
  const open = new Map<string, OpenFile>();
  let interchange = 0;

  const name = (base: string, chunk: string, ext: string) => (chunk === 'all' ? `${base}.${ext}` : `${base}-${chunk}.${ext}`);
  const finish = async (key: string) => {
    const f = open.get(key);
    if (!f) return;
    open.delete(key);
    await f.file.write(f.footer());
    await f.file.close();
    files.push({ path: relative(outDir, f.file.path), format: f.format, bytes: statSync(f.file.path).size, rows: f.file.rows });
  };
  /** The open file of a kind for a chunk; a new chunk closes the previous file of that kind. */
  const fileFor = async (key: string, chunk: string, make: () => Omit<OpenFile, 'chunk' | 'first'> & { header: string }): Promise<OpenFile> => {
    const cur = open.get(key);
    if (cur && cur.chunk === chunk) return cur;
    if (cur) await finish(key);
    const m = make();
    const f: OpenFile = { chunk, file: m.file, format: m.format, footer: m.footer, first: true, ...(m.x12 ? { x12: m.x12 } : {}) };
    await f.file.write(m.header);
    open.set(key, f);
    return f;
  };
  const x12File = (key: string, chunk: string, date: string, fid: EnvelopeOptions['functionalId'], set: string, fromAmazon: boolean) =>
    fileFor(key, chunk, () => {
      const env = new X12Envelope({
        sender: fromAmazon ? 'AMAZON' : VENDOR.code, receiver: fromAmazon ? VENDOR.code : 'AMAZON', functionalId: fid,
        version: set === '856' ? '005010' : '004010', date, control: ++interchange,
      });
      return { file: new TextFile(join(dataDir, 'edi', name(set, chunk, 'edi'))), format: `x12_${set}`, header: env.header(), footer: () => env.trailer(), x12: env };
    });
  const jsonFile = (key: string, chunk: string, base: string, format: string, head: string, tail: string) =>
    fileFor(key, chunk, () => ({ file: new TextFile(join(dataDir, 'sp-api', name(base, chunk, 'json'))), format, header: head, footer: () => tail }));
  const jsonItem = async (f: OpenFile, obj: object) => {
    await f.file.write((f.first ? '\n' : ',\n') + JSON.stringify(obj));
    f.first = false;
  };
  const csvFile = (key: string, chunk: string, base: string, header: readonly string[]) =>
    fileFor(key, chunk, () => ({ file: new TextFile(join(dataDir, 'registers', name(base, chunk, 'csv'))), format: 'register_csv', header: csvLine(header), footer: () => '' }));

  // Remittance exports are written per chunk once its payments are known (the sheet lists every
  // payment before any line); a chunk is one month at most.
  const remitBuffers = { xlsx: [] as GenPayment[], csv: [] as GenPayment[] };
  let remitChunk: string | null = null;
  const flushRemittance = async () => {
    if (remitChunk === null) return;
    if (remitBuffers.xlsx.length) {
      const path = join(dataDir, 'remittance', name('Payments', remitChunk, 'xlsx'));
      mkdirSync(dirname(path), { recursive: true });
      const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: false, useSharedStrings: false });
      wb.created = wb.modified = new Date(`${remitBuffers.xlsx[remitBuffers.xlsx.length - 1]!.date}T12:00:00Z`);
      const ws = wb.addWorksheet(REMITTANCE_SHEET);
      let rows = 0;
      for (const row of remittanceRows(remitBuffers.xlsx)) {
        ws.addRow(row).commit();
        rows++;
      }
      ws.commit();
      await wb.commit();
      fixZipTimes(path, remitBuffers.xlsx[remitBuffers.xlsx.length - 1]!.date);
      files.push({ path: relative(outDir, path), format: 'vc_remittance_xlsx', bytes: statSync(path).size, rows: remitBuffers.xlsx.reduce((a, p) => a + p.lines.length, 0) + 0 * rows });
    }
    if (remitBuffers.csv.length) {
      const f = new TextFile(join(dataDir, 'remittance', name('Payments', remitChunk, 'csv')));
      for (const row of remittanceRows(remitBuffers.csv)) await f.write(csvLine(row));
      f.rows = remitBuffers.csv.reduce((a, p) => a + p.lines.length, 0);
      await f.close();
      files.push({ path: relative(outDir, f.path), format: 'vc_remittance_csv', bytes: statSync(f.path).size, rows: f.rows });
    }
    remitBuffers.xlsx = [];
    remitBuffers.csv = [];
  };

  const gen = generateBusiness(opts);
  let step = gen.next();
  while (!step.done) {
    const ev = step.value;
    switch (ev.type) {
      case 'po': {
        const po = ev.po;
        if (po.family === 'edi') {
          const f = await x12File('850', po.chunk, po.orderDate, 'PO', '850', true);
          await f.file.write(f.x12!.transaction('850', po850(po)));
        } else if (po.family === 'spapi') {
          const f = await jsonFile('orders', po.chunk, 'purchaseOrders', 'spapi_orders', '{"payload":{"orders":[', '\n]}}\n');
          await jsonItem(f, orderJson(po));
        } else {
          const f = await csvFile('po', po.chunk, 'purchase-orders', PO_HEADER);
          for (const r of poRows(po)) await f.file.write(csvLine(r));
        }
        (open.get(po.family === 'edi' ? '850' : po.family === 'spapi' ? 'orders' : 'po')!.file.rows += po.lines.length);
        break;
      }
      case 'shipment': {
        const s = ev.shipment;
        let f: OpenFile;
        if (s.family === 'edi') {
          f = await x12File('856', s.chunk, s.shipDate, 'SH', '856', false);
          await f.file.write(f.x12!.transaction('856', asn856(s)));
        } else if (s.family === 'spapi') {
          f = await jsonFile('shipments', s.chunk, 'shipmentConfirmations', 'spapi_shipments', '{"shipmentConfirmations":[', '\n]}\n');
          await jsonItem(f, shipmentJson(s));
        } else {
          f = await csvFile('ship', s.chunk, 'shipments', SHIPMENT_HEADER);
          for (const r of shipmentRows(s)) await f.file.write(csvLine(r));
        }
        f.file.rows += s.lines.length;
        break;
      }
      case 'invoice': {
        const inv = ev.invoice;
        let f: OpenFile;
        if (inv.family === 'edi') {
          f = await x12File('810', inv.chunk, inv.invoiceDate, 'IN', '810', false);
          await f.file.write(f.x12!.transaction('810', invoice810(inv)));
        } else if (inv.family === 'spapi') {
          f = await jsonFile('invoices', inv.chunk, 'invoices', 'spapi_invoices', '{"invoices":[', '\n]}\n');
          await jsonItem(f, invoiceJson(inv));
        } else {
          f = await csvFile('inv', inv.chunk, 'invoices', INVOICE_HEADER);
          for (const r of invoiceRows(inv, TERMS.text)) await f.file.write(csvLine(r));
        }
        f.file.rows += inv.lines.length;
        break;
      }
      case 'status': {
        const st = ev.status;
        if (st.family === 'csv') {
          const rows = receiptRows(st);
          const f = await csvFile('rcpt', st.chunk, 'receipts', RECEIPT_HEADER);
          for (const r of rows) await f.file.write(csvLine(r));
          f.file.rows += rows.length;
        } else {
          const f = await jsonFile('status', st.chunk, 'purchaseOrdersStatus', 'spapi_order_status', '{"payload":{"ordersStatus":[', '\n]}}\n');
          await jsonItem(f, statusJson(st));
          f.file.rows += st.lines.length;
        }
        break;
      }
      case 'payment': {
        const p = ev.payment;
        if (remitChunk !== p.chunk) {
          await flushRemittance();
          remitChunk = p.chunk;
        }
        if (p.format === 'x12') {
          const f = await x12File('820', p.chunk, p.date, 'RA', '820', true);
          await f.file.write(f.x12!.transaction('820', remit820(p)));
          f.file.rows += p.lines.length;
        } else remitBuffers[p.format].push(p);
        break;
      }
    }
    step = gen.next();
  }
  await flushRemittance();
  for (const key of [...open.keys()]) await finish(key);
  const truth = step.value;
  files.sort((a, b) => a.path.localeCompare(b.path));
  writeFileSync(join(outDir, 'truth.json'), `${JSON.stringify(truth, null, 1)}\n`);
  writeFileSync(join(outDir, 'README.txt'), readme(truth, files));
  return { outDir, dataDir, files, truth };
}

/**
 * The zip writer stamps entries with the current time; stamp them with the data's own date so the
 * same seed writes byte-identical workbooks. Walks the central directory (never scans data).
 */
export function fixZipTimes(path: string, isoDate: string): void {
  const buf = readFileSync(path);
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) return;
  const entries = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const dosDate = ((y - 1980) << 9) | (m << 5) | d;
  const dosTime = 12 << 11;
  for (let i = 0; i < entries && buf.readUInt32LE(p) === 0x02014b50; i++) {
    buf.writeUInt16LE(dosTime, p + 12);
    buf.writeUInt16LE(dosDate, p + 14);
    const local = buf.readUInt32LE(p + 42);
    if (buf.readUInt32LE(local) === 0x04034b50) {
      buf.writeUInt16LE(dosTime, local + 10);
      buf.writeUInt16LE(dosDate, local + 12);
    }
    p += 46 + buf.readUInt16LE(p + 28) + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  writeFileSync(path, buf);
}

function readme(truth: Truth, files: readonly GeneratedFile[]): string {
  const byType = new Map<string, number>();
  for (const f of truth.findings) byType.set(f.type, (byType.get(f.type) ?? 0) + 1);
  return [
    `Recoup generated data set — vendor ${truth.vendor_code}, seed "${truth.seed}", ${truth.invoice_lines} invoice lines, as of ${truth.as_of}.`,
    `Terms ${truth.terms}. Synthetic: every number, PO, ASIN and document is invented.`,
    '',
    'Load it:   recoup import --db my.db data   then   recoup reconcile --db my.db --as-of ' + truth.as_of,
    '',
    'data/edi/          X12 850 purchase orders, 856 ASNs (S/O/P/I, carton SSCC in MAN*GM), 810 invoices',
    '                   (IT1 with BP ASIN, VN vendor SKU, PO) for the EDI-family POs; 820 remittance',
    '                   advice (BPR/TRN/RMR/ADX) for one payment in eight.',
    'data/sp-api/       purchaseOrders, purchaseOrdersStatus (receivedQuantity: the receipts of EDI- and',
    '                   SP-API-family POs), shipmentConfirmations and submitInvoices payloads.',
    'data/registers/    ERP CSV registers for the CSV-family POs: purchase orders, shipments, invoices,',
    '                   receipts.',
    'data/remittance/   Vendor Central Payments > Remittance exports (sheet "Remittance payments":',
    '                   payment section, hidden-lines warning row, "Invoices" title, invoice lines,',
    '                   amounts as text) as XLSX, and the same layout saved as CSV.',
    'truth.json         the planted situations, the findings each must raise (type, keys, amount_cents;',
    '                   a null key is not checked) and the traps that must raise nothing.',
    '',
    'Planted findings:',
    ...[...byType.entries()].sort().map(([t, n]) => `  ${t.padEnd(28)} ${n}`),
    '',
    'Files:',
    ...files.map((f) => `  ${f.path.padEnd(48)} ${f.format.padEnd(20)} ${String(f.rows).padStart(9)} rows ${String(f.bytes).padStart(12)} bytes`),
    '',
  ].join('\n');
}
