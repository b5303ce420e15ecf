import { describe, expect, it } from 'vitest';
import { assignIds, findingKey } from './ids';
import type { FindingDraft } from './types';

// Core does no I/O (no node:crypto here): a stand-in 256-bit hex hash, FNV-1a under 8 seeds.
const sha = (s: string) => Array.from({ length: 8 }, (_, seed) => {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}).join('');

function d(over: Partial<FindingDraft>): FindingDraft {
  return {
    type: 'SHORTAGE_CLAIM_DISPUTABLE', severity: 'high', amount_cents: 100, currency: 'USD', invoice_number: 'INV-1', claim_number: 'INV-1SC',
    po_number: '1ABCDEFA', asin: 'B000000001', payment_number: '367531888', shipment_id: 'SH-1', dispute_by: '2026-10-01', explanation: 'x', evidence: [],
    ...over,
  };
}

describe('finding ids', () => {
  it('are f_ + 12 hex of sha256 over type and key facts', () => {
    const [f] = assignIds([d({})], sha);
    expect(f!.id).toBe(`f_${sha('SHORTAGE_CLAIM_DISPUTABLE|INV-1SC|INV-1|1ABCDEFA|B000000001|').slice(0, 12)}`);
  });

  it('ignore amounts, dates, explanations and non-key facts', () => {
    const a = assignIds([d({})], sha)[0]!.id;
    const b = assignIds([d({ amount_cents: 999, dispute_by: null, explanation: 'other', payment_number: '999999999', shipment_id: null })], sha)[0]!.id;
    expect(b).toBe(a);
  });

  it('change with any key fact', () => {
    const a = assignIds([d({})], sha)[0]!.id;
    expect(assignIds([d({ asin: 'B000000002' })], sha)[0]!.id).not.toBe(a);
    expect(assignIds([d({ claim_number: 'INV-1SCRSC' })], sha)[0]!.id).not.toBe(a);
    expect(assignIds([d({ type: 'SHORTAGE_CLAIM_VALID' })], sha)[0]!.id).not.toBe(a);
  });

  it('a price-claim-valid line keeps its id when Amazon later raises the claim', () => {
    const before = d({ type: 'PRICE_CLAIM_VALID', claim_number: null, payment_number: null });
    const after = d({ type: 'PRICE_CLAIM_VALID', claim_number: 'INV-1PC', payment_number: '367531888' });
    expect(findingKey(before)).toBe(findingKey(after));
  });

  it('an item without ASIN is keyed by its item key', () => {
    const a = findingKey(d({ type: 'UOM_MISMATCH', asin: null, item_key: 'SKU:AB-1' }));
    const b = findingKey(d({ type: 'UOM_MISMATCH', asin: null, item_key: 'SKU:AB-2' }));
    expect(a).not.toBe(b);
    expect(a).toBe('UOM_MISMATCH|||1ABCDEFA|SKU:AB-1|');
  });

  it('same key twice in one run: the second gets a deterministic suffix', () => {
    const ids = assignIds([d({}), d({}), d({ asin: 'B000000009' })], sha).map((f) => f.id);
    expect(new Set(ids).size).toBe(3);
    expect(assignIds([d({}), d({})], sha).map((f) => f.id)).toEqual(ids.slice(0, 2));
  });
});
