// EDI import at scale: generates a ~200 MB 856 file (real-shaped Amazon 1P ASNs: shipment /
// order / pallet / cartons / items, CRLF terminators) in .tmp/, imports it through importPaths
// into a fresh database, and reports MB/s, rows/s and peak RSS (limit: 300 MB).
// Run: npx tsx bench/edi-856.ts [targetMB]
import { closeSync, existsSync, mkdirSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, loadavg } from 'node:os';
import { spawnSync } from 'node:child_process';
import { openDatabase } from '../src/db/open';
import { importPaths } from '../src/services/import';

const GENERATE_ONLY = process.argv.includes('--generate');
const TARGET_MB = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 200);
const DIR = join(process.cwd(), '.tmp', 'bench-edi');
const FILE = join(DIR, `asn-${TARGET_MB}mb.edi`);
const CARTONS = 12;
const ITEMS_PER_CARTON = 3;

function generate(): { bytes: number; shipments: number; lines: number } {
  mkdirSync(DIR, { recursive: true });
  const fd = openSync(FILE, 'w');
  const target = TARGET_MB * 1024 * 1024;
  let bytes = 0;
  let shipments = 0;
  let lines = 0;
  let sscc = 10000000;
  const out: string[] = [];
  const flush = () => {
    const s = out.join('');
    out.length = 0;
    bytes += Buffer.byteLength(s);
    writeSync(fd, s);
  };
  const seg = (s: string) => out.push(`      ${s}\r\n`);
  out.push('ISA*00*          *00*          *ZZ*AMWV0          *ZZ*AMAZON         *260803*1200*U*00501*000000001*0*P*>\r\n');
  out.push('  GS*SH*AMWV0*AMAZON*20260803*1200*1*X*005010\r\n');
  while (bytes < target) {
    shipments += 1;
    const ctl = String(shipments).padStart(6, '0');
    const start = out.length;
    out.push(`    ST*856*${ctl}\r\n`);
    seg(`BSN*00*SH-${ctl}*20260802*1430*0001`);
    seg('HL*1**S');
    seg(`TD1*CTN25*${CARTONS}****G*${150 + (shipments % 50)}.5*LB`);
    seg('TD5*B*2*UPSN*M');
    seg(`REF*BM*BOL${ctl}`);
    seg(`REF*CN*PRO${ctl}`);
    seg('DTM*011*20260802');
    seg('DTM*017*20260806');
    seg('N1*SF*ACME RENO DC*92*ACMERENO');
    seg('N1*ST*AMAZON.COM SERVICES LLC*92*PHX7');
    seg('HL*2*1*O');
    seg(`PRF*${(4000000 + shipments).toString(36).toUpperCase().padStart(7, '0')}Q***20260720`);
    seg('HL*3*2*T');
    seg(`MAN*GM*00106141${String(sscc++).padStart(12, '0')}`);
    let hl = 3;
    for (let c = 0; c < CARTONS; c++) {
      const pack = ++hl;
      seg(`HL*${pack}*3*P`);
      seg(`MAN*GM*00106141${String(sscc++).padStart(12, '0')}`);
      for (let i = 0; i < ITEMS_PER_CARTON; i++) {
        seg(`HL*${++hl}*${pack}*I`);
        seg(`LIN**BP*B0${String(7000000 + ((shipments * 7 + c * 3 + i) % 90000)).padStart(8, '0')}*VN*ACM-${1000 + i}`);
        if (i === 0) {
          seg('SN1**2*CA');
          seg('PO4*12');
        } else seg(`SN1**${1 + ((c + i) % 24)}*EA`);
        lines += 1;
      }
    }
    seg(`CTT*${hl}`);
    const count = out.length - start + 1;
    out.push(`    SE*${count}*${ctl}\r\n`);
    if (out.length > 20000) flush();
  }
  out.push(`  GE*${shipments}*1\r\nIEA*1*000000001\r\n`);
  flush();
  closeSync(fd);
  return { bytes, shipments, lines };
}

async function main(): Promise<void> {
  if (GENERATE_ONLY) {
    console.log(JSON.stringify(generate()));
    return;
  }
  // Generate in a child process so the peak RSS measured here is the import's alone.
  const t0 = performance.now();
  let gen: string | null = null;
  if (!existsSync(FILE)) {
    const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!, '--generate', String(TARGET_MB)], { encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`generation failed: ${child.stderr}`);
    gen = child.stdout.trim();
  }
  const size = statSync(FILE).size;
  const genSec = (performance.now() - t0) / 1000;
  const dbFile = join(DIR, 'bench.db');
  for (const f of [dbFile, `${dbFile}-wal`, `${dbFile}-shm`]) rmSync(f, { force: true });
  const db = openDatabase(dbFile);
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => { peakRss = Math.max(peakRss, process.memoryUsage().rss); }, 50);
  const t1 = performance.now();
  const cpu0 = process.cpuUsage();
  const [res] = await importPaths(db, [FILE]);
  const sec = (performance.now() - t1) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSec = (cpu.user + cpu.system) / 1e6;
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
  if (!res || res.status !== 'imported') throw new Error(`import failed: ${JSON.stringify(res)}`);
  const count = (t: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n;
  const rows = { shipment: count('shipment'), shipment_carton: count('shipment_carton'), shipment_line: count('shipment_line') };
  const totalRows = rows.shipment + rows.shipment_carton + rows.shipment_line;
  db.close();
  const mb = size / (1024 * 1024);
  const report = {
    date: new Date().toISOString(),
    machine: `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}`,
    file: { mb: Number(mb.toFixed(1)), generatedInSec: gen ? Number(genSec.toFixed(1)) : 'reused', generated: gen ? JSON.parse(gen) as unknown : null },
    import: {
      seconds: Number(sec.toFixed(1)), mbPerSec: Number((mb / sec).toFixed(1)), rowsStored: totalRows, rowsPerSec: Math.round(totalRows / sec),
      // On a shared machine wall time includes waiting for a core; CPU time is the work itself.
      cpuSeconds: Number(cpuSec.toFixed(1)), mbPerCpuSec: Number((mb / cpuSec).toFixed(1)), rowsPerCpuSec: Math.round(totalRows / cpuSec),
      loadAverage: loadavg().map((x) => Number(x.toFixed(1))),
    },
    rows,
    batch: { rowsRead: res.rowsRead, rowsStored: res.rowsStored, rowsRejected: res.rowsRejected },
    peakRssMb: Number((peakRss / (1024 * 1024)).toFixed(0)),
    underLimit: peakRss < 300 * 1024 * 1024,
  };
  console.log(JSON.stringify(report, null, 2));
  if (!report.underLimit) process.exitCode = 1;
}

void main();
