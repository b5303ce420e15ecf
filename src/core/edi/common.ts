// Pieces shared by the document mappers: what a mapper returns, quantities and unit prices.
import type { ImportRecord, ParseContext, Quantity, Reject } from '../records';
import { CASE_UNITS, eaches } from '../records';
import { lineAmountCents } from '../../shared/money';
import { divRound } from './fields';
import type { Transaction } from './reader';

export interface MapResult {
  records: ImportRecord[];
  rejects: Reject[];
  notes: string[];
}

/** `where` is the transaction's location, e.g. "transaction 0002 (ST at segment 40)". */
export type Mapper = (tx: Transaction, ctx: ParseContext, where: string) => MapResult;

export interface Priced {
  /** Cost of one each, in ten-thousandths. */
  unitCostE4: number;
  amountCents: number;
}

/**
 * X12 prices are per the line's unit of measure unless the basis code says PE (price per each).
 * Recoup keeps unit costs per each, so a case price is divided by the case size; the line amount
 * is computed from the price as written, so no rounding of the per-each cost leaks into it.
 */
export function priceLine(qty: Quantity, priceE4: number, basis: string | null): Priced {
  const isCase = qty.uom !== null && CASE_UNITS.has(qty.uom) && qty.caseSize !== null;
  if (basis === 'PE' || !isCase) {
    const units = basis === 'PE' ? qty.each : qty.amount;
    return { unitCostE4: priceE4, amountCents: lineAmountCents(units, priceE4) };
  }
  return { unitCostE4: divRound(priceE4, qty.caseSize!), amountCents: lineAmountCents(qty.amount, priceE4) };
}

export { eaches };

/** Whole-number line numbers (IT101, PO101 "001" → 1); otherwise the position in the document. */
export function lineNumber(assigned: string | null, fallback: number): number {
  return assigned !== null && /^\d{1,9}$/.test(assigned) ? Number(assigned) : fallback;
}

/** Header segments kept as the record's raw text (the lines keep their own). */
export function joinRaw(texts: string[], max = 4000): string {
  const s = texts.join('~');
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

/**
 * Lines counted in a case unit with no PO4 pack size: their eaches cannot be known, so they are
 * stored as the case count and the analyst is told which lines to check.
 */
export class PackCheck {
  private readonly lines: number[] = [];

  see(qty: Quantity, lineNo: number): void {
    if (qty.uom !== null && CASE_UNITS.has(qty.uom) && qty.caseSize === null) this.lines.push(lineNo);
  }

  notes(document: string): string[] {
    if (this.lines.length === 0) return [];
    const shown = this.lines.slice(0, 10).join(', ') + (this.lines.length > 10 ? ` and ${this.lines.length - 10} more` : '');
    return [`${document}: line ${shown} ${this.lines.length === 1 ? 'is' : 'are'} in cases with no PO4 pack size, so the eaches are the case count; check the case pack`];
  }
}
