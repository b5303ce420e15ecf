// Accuracy of a reconciliation against truth.json: per finding type, how many planted findings
// were found (recall), how many raised findings were planted (precision), and how far the amounts
// are off. A truth key that is null is not checked; amounts always are.
import type { FindingType, Truth, TruthFinding } from './model';
import { FINDING_TYPES } from './model';

/** The keys of a finding as FINDINGS.md's JSON shape gives them. */
export interface RaisedFinding {
  id?: string;
  type: string;
  amount_cents: number;
  invoice_number: string | null;
  claim_number: string | null;
  po_number: string | null;
  asin: string | null;
  payment_number: string | null;
}

export interface TypeAccuracy {
  type: string;
  expected: number;
  raised: number;
  matched: number;
  /** Matched with the exact amount (to the cent). */
  exact: number;
  recall: number;
  precision: number;
  /** Σ |raised − expected| over matched findings, in cents. */
  moneyDiffCents: number;
  expectedCents: number;
}

export interface AccuracyReport {
  types: TypeAccuracy[];
  expected: number;
  raised: number;
  matched: number;
  exact: number;
  recall: number;
  precision: number;
  moneyDiffCents: number;
  missed: TruthFinding[];
  falsePositives: RaisedFinding[];
  /** Matched, but the amount differs. */
  amountMismatches: Array<{ expected: TruthFinding; raised: RaisedFinding }>;
  /** Traps on which some unexpected finding was raised. */
  trapsSprung: Array<{ trap: string; kind: string; finding: RaisedFinding }>;
}

const KEYS = ['invoice_number', 'claim_number', 'po_number', 'asin', 'payment_number'] as const;

const norm = (s: string | null) => (s === null ? null : s.trim().toUpperCase());

function keysMatch(t: TruthFinding, f: RaisedFinding): boolean {
  for (const k of KEYS) {
    const want = t[k];
    if (want !== null && norm(f[k]) !== norm(want)) return false;
  }
  return true;
}

export function compareFindings(truth: Truth, raised: readonly RaisedFinding[]): AccuracyReport {
  const byType = new Map<string, RaisedFinding[]>();
  for (const f of raised) {
    const arr = byType.get(f.type) ?? [];
    arr.push(f);
    byType.set(f.type, arr);
  }
  const used = new Set<RaisedFinding>();
  const missed: TruthFinding[] = [];
  const amountMismatches: AccuracyReport['amountMismatches'] = [];
  const stats = new Map<string, TypeAccuracy>();
  const stat = (type: string) => {
    let s = stats.get(type);
    if (!s) {
      s = { type, expected: 0, raised: byType.get(type)?.length ?? 0, matched: 0, exact: 0, recall: 0, precision: 0, moneyDiffCents: 0, expectedCents: 0 };
      stats.set(type, s);
    }
    return s;
  };
  for (const t of FINDING_TYPES) stat(t);
  // Index candidates by their most specific key so a million findings match in linear time.
  const index = new Map<string, RaisedFinding[]>();
  const ikey = (type: string, k: string, v: string | null) => `${type}\u0000${k}\u0000${norm(v) ?? ''}`;
  for (const f of raised) {
    for (const k of KEYS) {
      const v = f[k];
      if (v === null) continue;
      const key = ikey(f.type, k, v);
      const arr = index.get(key) ?? [];
      arr.push(f);
      index.set(key, arr);
    }
  }
  // Exact-amount matches first, so a finding with two candidates takes the right one.
  const order = [...truth.findings];
  for (const pass of [true, false]) {
    for (let i = 0; i < order.length; i++) {
      const t = order[i];
      if (!t) continue;
      const anchor = KEYS.find((k) => t[k] !== null);
      const pool = anchor ? index.get(ikey(t.type, anchor, t[anchor])) ?? [] : byType.get(t.type) ?? [];
      const hit = pool.find((f) => !used.has(f) && keysMatch(t, f) && (!pass || f.amount_cents === t.amount_cents));
      if (!hit) continue;
      used.add(hit);
      order[i] = undefined as unknown as TruthFinding;
      const s = stat(t.type);
      s.matched++;
      if (hit.amount_cents === t.amount_cents) s.exact++;
      else amountMismatches.push({ expected: t, raised: hit });
      s.moneyDiffCents += Math.abs(hit.amount_cents - t.amount_cents);
    }
  }
  for (const t of truth.findings) {
    const s = stat(t.type);
    s.expected++;
    s.expectedCents += t.amount_cents;
  }
  for (const t of order) if (t) missed.push(t);
  const falsePositives = raised.filter((f) => !used.has(f));
  // Which traps did a false positive land on?
  const trapsSprung: AccuracyReport['trapsSprung'] = [];
  for (const f of falsePositives) {
    for (const trap of truth.traps) {
      const hit = (trap.invoice_number && norm(trap.invoice_number) === norm(f.invoice_number)) || (trap.claim_number && norm(trap.claim_number) === norm(f.claim_number))
        || (trap.po_number && norm(trap.po_number) === norm(f.po_number)) || (trap.payment_number && norm(trap.payment_number) === norm(f.payment_number));
      if (hit) {
        trapsSprung.push({ trap: trap.id, kind: trap.kind, finding: f });
        break;
      }
    }
  }
  const types = [...stats.values()].map((s) => ({
    ...s,
    recall: s.expected ? s.matched / s.expected : 1,
    precision: s.raised ? s.matched / s.raised : 1,
  }));
  const expected = truth.findings.length;
  const matched = types.reduce((a, s) => a + s.matched, 0);
  return {
    types, expected, raised: raised.length, matched, exact: types.reduce((a, s) => a + s.exact, 0),
    recall: expected ? matched / expected : 1, precision: raised.length ? matched / raised.length : 1,
    moneyDiffCents: types.reduce((a, s) => a + s.moneyDiffCents, 0), missed, falsePositives, amountMismatches, trapsSprung,
  };
}

export function formatAccuracy(r: AccuracyReport): string {
  const lines = [`${'type'.padEnd(28)} ${'expected'.padStart(8)} ${'raised'.padStart(7)} ${'matched'.padStart(7)} ${'exact'.padStart(6)} ${'recall'.padStart(7)} ${'precision'.padStart(9)} ${'money diff'.padStart(12)}`];
  for (const s of r.types) {
    if (!s.expected && !s.raised) continue;
    lines.push(`${s.type.padEnd(28)} ${String(s.expected).padStart(8)} ${String(s.raised).padStart(7)} ${String(s.matched).padStart(7)} ${String(s.exact).padStart(6)} ${s.recall.toFixed(3).padStart(7)} ${s.precision.toFixed(3).padStart(9)} ${(s.moneyDiffCents / 100).toFixed(2).padStart(12)}`);
  }
  lines.push(`${'ALL'.padEnd(28)} ${String(r.expected).padStart(8)} ${String(r.raised).padStart(7)} ${String(r.matched).padStart(7)} ${String(r.exact).padStart(6)} ${r.recall.toFixed(3).padStart(7)} ${r.precision.toFixed(3).padStart(9)} ${(r.moneyDiffCents / 100).toFixed(2).padStart(12)}`);
  return lines.join('\n');
}

export type { FindingType };
