// Accuracy at scale: generate → import every file → reconcile → compare with truth.json, each
// step in its own process. Prints the per-type table (recall, precision, money difference).
//   node bin/run-ts.js bench/accuracy.ts [--lines 1000000] [--seed accuracy]
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { lines: { type: 'string' }, seed: { type: 'string' }, keep: { type: 'boolean' } } });
const lines = values.lines ?? '1000000';
const seed = values.seed ?? 'accuracy';
const dir = resolve('bench/data', `accuracy-${lines}-${seed}`);
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });

function phase(args: string[]): Record<string, unknown> {
  const started = Date.now();
  const r = spawnSync(process.execPath, ['bin/run-ts.js', 'bench/phase.ts', ...args], { encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0) throw new Error(`${args[0]} failed:\n${r.stderr}`);
  if (args[0] === 'accuracy') process.stdout.write(r.stderr);
  const out = JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<string, unknown>;
  process.stderr.write(`${args[0]}: ${((Date.now() - started) / 1000).toFixed(1)} s, peak RSS ${String(out.maxRssMB)} MB\n`);
  return out;
}

const gen = join(dir, 'gen');
const db = join(dir, 'recoup.db');
phase(['generate', '--out', gen, '--lines', lines, '--seed', seed]);
const asOf = (JSON.parse(readFileSync(join(gen, 'truth.json'), 'utf8')) as { as_of: string }).as_of;
phase(['import', '--data', join(gen, 'data'), '--db', db]);
phase(['reconcile', '--db', db, '--as-of', asOf]);
const a = phase(['accuracy', '--db', db, '--truth', join(gen, 'truth.json')]);
process.stdout.write(`${JSON.stringify({ lines: Number(lines), seed, asOf, recall: a.recall, precision: a.precision, moneyDiffCents: a.moneyDiffCents, missed: a.missed, falsePositives: a.falsePositives, amountMismatches: a.amountMismatches }, null, 1)}\n`);
if (!values.keep) rmSync(dir, { recursive: true, force: true });
process.exit(a.recall === 1 && a.precision === 1 && a.moneyDiffCents === 0 ? 0 : 1);
