// The command line of FINDINGS.md, run as analysts run it (`node bin/recoup.js`): reconcile with
// --as-of, findings --json validated against the contract, the table, and the one-line errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { z } from 'zod';

const ROOT = join(__dirname, '../..');
const FIXTURES = join(__dirname, '../fixtures/reconcile');
let dir: string;
let dbFile: string;

function recoup(...args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/recoup.js'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// FINDINGS.md "A finding (JSON)": every key present, null where it does not apply.
const ISO = /^\d{4}-\d{2}-\d{2}$/;
const nullableText = z.string().min(1).nullable();
const FindingSchema = z.object({
  id: z.string().regex(/^f_[0-9a-f]{12}$/),
  type: z.enum([
    'SHORTAGE_CLAIM_DISPUTABLE', 'SHORTAGE_CLAIM_VALID', 'PRICE_CLAIM_DISPUTABLE', 'PRICE_CLAIM_VALID', 'UOM_MISMATCH', 'UNPAID_INVOICE',
    'SHORT_PAID', 'OVERPAID', 'DUPLICATE_PAYMENT', 'DUPLICATE_DEDUCTION', 'PAYMENT_TIE_OUT_GAP', 'CHARGEBACK', 'COOP_DEDUCTION',
    'UNMATCHED_DEDUCTION', 'INVOICE_WITHOUT_ASN', 'INVOICED_MORE_THAN_SHIPPED', 'ASN_NOT_INVOICED', 'CLAIM_REVERSED', 'PROVISION_UNREVERSED',
  ]),
  severity: z.enum(['info', 'low', 'medium', 'high']),
  amount_cents: z.number().int().positive(),
  currency: z.string().regex(/^[A-Z]{3}$/),
  invoice_number: nullableText,
  claim_number: nullableText,
  po_number: nullableText,
  asin: z.string().regex(/^[A-Z0-9]{10}$/).nullable(),
  payment_number: nullableText,
  shipment_id: nullableText,
  dispute_by: z.string().regex(ISO).nullable(),
  explanation: z.string().min(20),
  evidence: z.array(z.object({ kind: z.string().min(1), ref: z.string().min(1) }).strict()),
}).strict();
const KEYS = Object.keys(FindingSchema.shape).sort();

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'recoup-cli-'));
  dbFile = join(dir, 'cli.db');
  const imp = recoup('import', '--db', dbFile, FIXTURES);
  expect(imp.code, imp.stderr).toBe(0);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('recoup reconcile / findings', { timeout: 240_000 }, () => {
  it('reconciles as of a date and prints a summary by type', () => {
    const r = recoup('reconcile', '--db', dbFile, '--as-of', '2026-10-15');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Reconciled as of 2026-10-15 .*: 21 findings/);
    expect(r.stdout).toMatch(/COOP_DEDUCTION\s+1\s+1000\.00 USD/);
    expect(r.stderr).toBe('');
  });

  it('--json prints one JSON array that matches the FINDINGS.md contract, and nothing else', () => {
    const r = recoup('findings', '--db', dbFile, '--json');
    expect(r.code, r.stderr).toBe(0);
    const parsed = JSON.parse(r.stdout) as unknown[];
    expect(Array.isArray(parsed)).toBe(true);
    expect(parsed).toHaveLength(21);
    for (const f of parsed) {
      const res = FindingSchema.safeParse(f);
      expect(res.success, `${JSON.stringify(f)}\n${res.success ? '' : res.error.message}`).toBe(true);
      expect(Object.keys(f as object).sort()).toEqual(KEYS);
    }
    const amounts = (parsed as Array<{ amount_cents: number }>).map((f) => f.amount_cents);
    expect([...amounts].sort((a, b) => b - a)).toEqual(amounts);
    const shortage = (parsed as Array<Record<string, unknown>>).find((f) => f.type === 'SHORTAGE_CLAIM_DISPUTABLE')!;
    expect(shortage).toMatchObject({ invoice_number: 'INV-1001', claim_number: 'INV-1001SC', asin: 'B0SHORT001', amount_cents: 9024 });
    const tie = (parsed as Array<Record<string, unknown>>).find((f) => f.type === 'PAYMENT_TIE_OUT_GAP')!;
    expect(tie).toMatchObject({ invoice_number: null, claim_number: null, po_number: null, asin: null, dispute_by: null });
  });

  it('--type filters (repeatable), and the same run twice gives byte-identical JSON', () => {
    const a = recoup('findings', '--db', dbFile, '--type', 'CHARGEBACK', '--type', 'coop_deduction', '--json');
    expect(a.code, a.stderr).toBe(0);
    const types = (JSON.parse(a.stdout) as Array<{ type: string }>).map((f) => f.type).sort();
    expect(types).toEqual(['CHARGEBACK', 'CHARGEBACK', 'COOP_DEDUCTION']);
    const before = recoup('findings', '--db', dbFile, '--json').stdout;
    expect(recoup('reconcile', '--db', dbFile, '--as-of', '2026-10-15').code).toBe(0);
    expect(recoup('findings', '--db', dbFile, '--json').stdout).toBe(before);
  });

  it('prints a table by default, money at stake first', () => {
    const r = recoup('findings', '--db', dbFile);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^TYPE\s+AMOUNT\s+CUR\s+INVOICE \/ CLAIM\s+PO\s+ASIN\s+DISPUTE BY/);
    expect(lines[1]).toMatch(/^COOP_DEDUCTION\s+1000\.00\s+USD\s+6268-1490026100/);
    expect(r.stdout).toMatch(/SHORTAGE_CLAIM_DISPUTABLE\s+90\.24\s+USD\s+INV-1001 \/ INV-1001SC\s+1SHRTD1A\s+B0SHORT001\s+2026-09-30/);
    expect(lines[lines.length - 1]).toBe('21 findings.');
  });

  it('two types in one --json call', () => {
    const r = recoup('findings', '--db', dbFile, '--type', 'OVERPAID', '--type', 'UNPAID_INVOICE', '--json');
    expect(JSON.parse(r.stdout)).toHaveLength(2);
  });
});

describe('errors are one line on stderr with a non-zero exit', { timeout: 240_000 }, () => {
  const oneLine = (s: string) => s.trim().split('\n')[0]!;
  it('bad --as-of', () => {
    const r = recoup('reconcile', '--db', dbFile, '--as-of', '2026-02-30');
    expect(r.code).not.toBe(0);
    expect(oneLine(r.stderr)).toMatch(/--as-of must be a date as YYYY-MM-DD/);
    expect(r.stdout).toBe('');
  });

  it('unknown type and unknown option', () => {
    const t = recoup('findings', '--db', dbFile, '--type', 'NOPE', '--json');
    expect(t.code).not.toBe(0);
    expect(oneLine(t.stderr)).toMatch(/unknown finding type "NOPE"/);
    expect(t.stdout).toBe('');
    const o = recoup('findings', '--db', dbFile, '--colour');
    expect(o.code).not.toBe(0);
    expect(oneLine(o.stderr)).toMatch(/colour/);
  });

  it('missing database', () => {
    const r = recoup('reconcile', '--db', join(dir, 'nope.db'));
    expect(r.code).not.toBe(0);
    expect(oneLine(r.stderr)).toMatch(/does not exist/);
    const n = recoup('findings', '--json');
    expect(n.code).not.toBe(0);
    expect(oneLine(n.stderr)).toMatch(/--db FILE is required/);
    expect(n.stdout).toBe('');
  });

  it('a database newer than the program', () => {
    const newer = join(dir, 'newer.db');
    copyFileSync(dbFile, newer);
    const d = new Database(newer);
    d.pragma('user_version = 999');
    d.close();
    for (const cmd of ['reconcile', 'findings']) {
      const r = recoup(cmd, '--db', newer);
      expect(r.code).not.toBe(0);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/newer version of Recoup/);
    }
  });
});
