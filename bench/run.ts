// `npm run bench`: Recoup against the physical floor and a peer, at 10k, 100k and 1M invoice lines.
//
// For each size: generate the data set once (bench/data/, git-ignored), then per run, each phase
// in its own process (so peak RSS is the phase's own): import every file (rows/s and MB/s per
// format), the floor (the same normalised rows into the same tables with prepared statements, one
// transaction per file), reconcile, the DuckDB peer (the same core matches on the same rows),
// exports (up to 1,000 dispute packs in one workbook; the month-end workbook). Medians over the
// runs; the table is printed and bench/results.json written. Accuracy against truth.json is
// checked on the first run of each size.
//
//   npm run bench [-- --sizes 10000,100000,1000000] [--runs 3,3,1] [--seed bench] [--keep]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { sizes: { type: 'string' }, runs: { type: 'string' }, seed: { type: 'string' }, keep: { type: 'boolean' }, out: { type: 'string' } },
});
const SIZES = (values.sizes ?? '10000,100000,1000000').split(',').map(Number);
// --runs 3 or a list per size (3,3,1): the 1M size takes long on a shared 2-core machine.
const RUNS_LIST = (values.runs ?? '3,3,1').split(',').map(Number);
const runsFor = (i: number) => RUNS_LIST[Math.min(i, RUNS_LIST.length - 1)]!;
const SEED = values.seed ?? 'bench';
const ROOT = resolve('bench/data');
const RESULTS = resolve(values.out ?? 'bench/results.json');

interface PhaseOut { phase: string; ms: number; maxRssMB: number; [k: string]: unknown }

function phase(args: string[]): PhaseOut {
  const r = spawnSync(process.execPath, ['bin/run-ts.js', 'bench/phase.ts', ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`bench phase ${args.join(' ')} failed:\n${r.stderr}`);
  const line = r.stdout.trim().split('\n').pop()!;
  return JSON.parse(line) as PhaseOut;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const log = (s: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${s}\n`);

interface SizeResult {
  invoiceLines: number;
  counts: Record<string, number>;
  dataBytes: number;
  generate: { ms: number; maxRssMB: number };
  import: { ms: number; maxRssMB: number; perFormat: Record<string, { files: number; rows: number; bytes: number; ms: number; rowsPerSec: number; mbPerSec: number; floorMs: number; floorRowsPerSec: number; vsFloor: number }> };
  floor: { ms: number; maxRssMB: number };
  csvVsFloor: number;
  reconcile: { ms: number; maxRssMB: number; findings: number };
  peer: { ms: number; maxRssMB: number; loadMs: number; exportMs: number };
  reconcileVsPeer: number;
  exports: { packs: number; packsMs: number; monthEndMs: number; maxRssMB: number };
  accuracy: { expected: number; raised: number; matched: number; exact: number; recall: number; precision: number; moneyDiffCents: number; missed: unknown[]; falsePositives: unknown[] } | null;
  runs: number;
}

const results: SizeResult[] = [];
const started = new Date();
log(`bench: sizes ${SIZES.join(', ')}; runs ${RUNS_LIST.join(',')}; ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(1)} GB; load ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);

for (const [sizeIndex, size] of SIZES.entries()) {
  const runs = runsFor(sizeIndex);
  const dir = join(ROOT, `${size}-${SEED}`);
  const gen = join(dir, 'gen');
  let g: PhaseOut;
  if (existsSync(join(gen, 'truth.json')) && existsSync(join(dir, 'generate.json'))) {
    g = JSON.parse(readFileSync(join(dir, 'generate.json'), 'utf8')) as PhaseOut;
    log(`${size}: reusing generated data in ${gen}`);
  } else {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    log(`${size}: generating…`);
    g = phase(['generate', '--out', gen, '--lines', String(size), '--seed', SEED]);
    writeFileSync(join(dir, 'generate.json'), JSON.stringify(g));
  }
  const asOf = g.asOf as string;
  const counts = g.counts as Record<string, number>;
  const imports: PhaseOut[] = [];
  const floors: PhaseOut[] = [];
  const recs: PhaseOut[] = [];
  const peers: PhaseOut[] = [];
  const exps: PhaseOut[] = [];
  let accuracy: SizeResult['accuracy'] = null;
  for (let run = 1; run <= runs; run++) {
    const db = join(dir, 'recoup.db');
    log(`${size} run ${run}: import…`);
    imports.push(phase(['import', '--data', join(gen, 'data'), '--db', db]));
    log(`${size} run ${run}: floor…`);
    floors.push(phase(['floor', '--src', db, '--db', join(dir, 'floor.db')]));
    log(`${size} run ${run}: reconcile…`);
    recs.push(phase(['reconcile', '--db', db, '--as-of', asOf]));
    log(`${size} run ${run}: peer…`);
    peers.push(phase(['peer', '--src', db, '--work', join(dir, 'peer')]));
    if (run === 1) {
      const a = phase(['accuracy', '--db', db, '--truth', join(gen, 'truth.json')]);
      accuracy = a as unknown as SizeResult['accuracy'];
      log(`${size}: accuracy recall ${(a.recall as number).toFixed(4)}, precision ${(a.precision as number).toFixed(4)}, money diff ${a.moneyDiffCents as number} cents`);
    }
    log(`${size} run ${run}: exports…`);
    try {
      exps.push(phase(['exports', '--db', db, '--out', join(dir, 'exports'), '--period', monthBefore(asOf)]));
    } catch (err) {
      log(`${size}: exports failed: ${(err as Error).message.split('\n').slice(0, 3).join(' ')}`);
    }
  }
  // Per-format medians, import against the floor.
  const formats = new Set(imports.flatMap((i) => Object.keys(i.perFormat as object)));
  const perFormat: SizeResult['import']['perFormat'] = {};
  for (const f of formats) {
    const pf = (p: PhaseOut) => (p.perFormat as Record<string, { files: number; rows: number; bytes: number; ms: number }>)[f];
    const ms = median(imports.map((i) => pf(i)?.ms ?? 0));
    const floorMs = median(floors.map((i) => pf(i)?.ms ?? 0));
    const first = pf(imports[0]!)!;
    perFormat[f] = {
      files: first.files, rows: first.rows, bytes: first.bytes, ms, rowsPerSec: first.rows / (ms / 1000), mbPerSec: first.bytes / 1e6 / (ms / 1000),
      // The floor stores the same documents; rows/s are counted in the importer's units for both.
      floorMs, floorRowsPerSec: first.rows / (floorMs / 1000), vsFloor: ms / floorMs,
    };
  }
  const csvFormats = [...formats].filter((f) => f === 'register_csv' || f === 'vc_remittance_csv');
  const csvMs = csvFormats.reduce((a, f) => a + perFormat[f]!.ms, 0);
  const csvFloor = csvFormats.reduce((a, f) => a + perFormat[f]!.floorMs, 0);
  const res: SizeResult = {
    invoiceLines: size,
    counts,
    dataBytes: g.bytes as number,
    generate: { ms: g.ms, maxRssMB: g.maxRssMB },
    import: { ms: median(imports.map((i) => i.ms)), maxRssMB: Math.max(...imports.map((i) => i.maxRssMB)), perFormat },
    floor: { ms: median(floors.map((i) => i.ms)), maxRssMB: Math.max(...floors.map((i) => i.maxRssMB)) },
    csvVsFloor: csvMs / csvFloor,
    reconcile: { ms: median(recs.map((i) => i.ms)), maxRssMB: Math.max(...recs.map((i) => i.maxRssMB)), findings: recs[0]!.findings as number },
    peer: { ms: median(peers.map((i) => i.ms)), maxRssMB: Math.max(...peers.map((i) => i.maxRssMB)), loadMs: median(peers.map((i) => i.loadMs as number)), exportMs: median(peers.map((i) => i.exportMs as number)) },
    reconcileVsPeer: 0,
    exports: exps.length
      ? { packs: exps[0]!.packs as number, packsMs: median(exps.map((e) => e.packsMs as number)), monthEndMs: median(exps.map((e) => e.monthEndMs as number)), maxRssMB: Math.max(...exps.map((e) => e.maxRssMB)) }
      : { packs: 0, packsMs: NaN, monthEndMs: NaN, maxRssMB: NaN },
    accuracy,
    runs,
  };
  res.reconcileVsPeer = res.reconcile.ms / res.peer.ms;
  results.push(res);
  if (!values.keep) {
    for (const f of ['recoup.db', 'floor.db']) for (const s of ['', '-wal', '-shm']) rmSync(join(dir, f + s), { force: true });
    rmSync(join(dir, 'exports'), { recursive: true, force: true });
  }
  writeOut();
  log(`${size}: done`);
}

function monthBefore(iso: string): string {
  const [y, m] = iso.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

function writeOut(): void {
  const first = results[0];
  const last = results[results.length - 1];
  const growth = first && last && first !== last
    ? {
      from: first.invoiceLines, to: last.invoiceLines, dataFactor: last.invoiceLines / first.invoiceLines,
      import: last.import.ms / first.import.ms, reconcile: last.reconcile.ms / first.reconcile.ms,
      total: (last.import.ms + last.reconcile.ms) / (first.import.ms + first.reconcile.ms),
    }
    : null;
  const doc = {
    date: started.toISOString(),
    machine: { cores: cpus().length, cpu: cpus()[0]?.model ?? null, memoryGB: Math.round(totalmem() / 2 ** 30), node: process.version, platform: process.platform },
    runs: RUNS_LIST, seed: SEED, results, growth,
  };
  writeFileSync(RESULTS, `${JSON.stringify(doc, null, 1)}\n`);
  process.stdout.write(`${table(doc.results, growth)}\n`);
}

function table(rs: SizeResult[], growth: { import: number; reconcile: number; total: number; dataFactor: number } | null): string {
  const s = (ms: number) => (Number.isFinite(ms) ? (ms / 1000).toFixed(2) : '—');
  const out: string[] = [];
  out.push(`Recoup benchmark ${started.toISOString().slice(0, 10)} — ${cpus().length} cores, median of the runs per size`);
  for (const r of rs) {
    out.push('');
    out.push(`== ${r.invoiceLines.toLocaleString('en-US')} invoice lines, ${r.runs} run(s) (${r.counts.asn_lines ?? '?'} ASN lines, ${r.counts.remittance_lines ?? '?'} remittance lines, ${(r.dataBytes / 1e6).toFixed(0)} MB of files)`);
    out.push(`${'import format'.padEnd(20)} ${'files'.padStart(5)} ${'rows'.padStart(9)} ${'MB'.padStart(7)} ${'sec'.padStart(8)} ${'rows/s'.padStart(9)} ${'MB/s'.padStart(7)} ${'floor s'.padStart(8)} ${'floor rows/s'.padStart(12)} ${'x floor'.padStart(7)}`);
    for (const [f, p] of Object.entries(r.import.perFormat).sort()) {
      out.push(`${f.padEnd(20)} ${String(p.files).padStart(5)} ${String(p.rows).padStart(9)} ${(p.bytes / 1e6).toFixed(1).padStart(7)} ${s(p.ms).padStart(8)} ${Math.round(p.rowsPerSec).toString().padStart(9)} ${p.mbPerSec.toFixed(2).padStart(7)} ${s(p.floorMs).padStart(8)} ${Math.round(p.floorRowsPerSec).toString().padStart(12)} ${p.vsFloor.toFixed(2).padStart(7)}`);
    }
    out.push(`${'phase'.padEnd(20)} ${'sec'.padStart(8)} ${'peak RSS MB'.padStart(12)}  notes`);
    out.push(`${'generate'.padEnd(20)} ${s(r.generate.ms).padStart(8)} ${String(r.generate.maxRssMB).padStart(12)}`);
    out.push(`${'import (all)'.padEnd(20)} ${s(r.import.ms).padStart(8)} ${String(r.import.maxRssMB).padStart(12)}  CSV ${r.csvVsFloor.toFixed(2)}x floor (target ≤ 2x)`);
    out.push(`${'floor (all)'.padEnd(20)} ${s(r.floor.ms).padStart(8)} ${String(r.floor.maxRssMB).padStart(12)}`);
    out.push(`${'reconcile'.padEnd(20)} ${s(r.reconcile.ms).padStart(8)} ${String(r.reconcile.maxRssMB).padStart(12)}  ${r.reconcile.findings} findings; ${r.reconcileVsPeer.toFixed(1)}x DuckDB (target ≤ 5x)`);
    out.push(`${'peer: DuckDB query'.padEnd(20)} ${s(r.peer.ms).padStart(8)} ${String(r.peer.maxRssMB).padStart(12)}  (+ ${s(r.peer.exportMs)} s export from SQLite, ${s(r.peer.loadMs)} s load, not counted)`);
    out.push(`${'dispute packs'.padEnd(20)} ${s(r.exports.packsMs).padStart(8)} ${String(r.exports.maxRssMB).padStart(12)}  ${r.exports.packs} packs in one workbook`);
    out.push(`${'month-end workbook'.padEnd(20)} ${s(r.exports.monthEndMs).padStart(8)}`);
    if (r.accuracy) out.push(`accuracy: ${r.accuracy.matched}/${r.accuracy.expected} planted findings found (recall ${r.accuracy.recall.toFixed(4)}), ${r.accuracy.raised - r.accuracy.matched} unplanted raised (precision ${r.accuracy.precision.toFixed(4)}), ${r.accuracy.exact} exact amounts, money diff ${(r.accuracy.moneyDiffCents / 100).toFixed(2)}`);
  }
  if (growth) out.push(`\ngrowth ${growth.dataFactor}x data: import ${growth.import.toFixed(1)}x, reconcile ${growth.reconcile.toFixed(1)}x, import+reconcile ${growth.total.toFixed(1)}x (target ≤ ~${Math.round(growth.dataFactor * 1.1)}x)`);
  return out.join('\n');
}
