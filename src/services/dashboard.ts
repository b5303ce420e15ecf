// Dashboard figures that are not findings: deductions Amazon took on remittances, per month and
// by kind, so the analyst sees whether shortages or chargebacks are growing.
import type { Db } from '../db/open';
import { lastRun } from '../db/findings.repo';
import { addMonths, todayIso } from '../shared/dates';

export const DEDUCTION_KINDS = ['shortage', 'price', 'chargeback', 'coop', 'other'] as const;
export type DeductionKind = (typeof DEDUCTION_KINDS)[number];

/** Remittance document families folded into the five kinds the chart shows; `invoice` (the vendor's own) is not a deduction. */
const KIND_OF_FAMILY: Record<string, DeductionKind> = {
  shortage_claim: 'shortage',
  shortage_reversal: 'shortage',
  price_claim: 'price',
  price_reversal: 'price',
  price_protection: 'price',
  chargeback: 'chargeback',
  agreement: 'coop',
  provision: 'coop',
  provision_reversal: 'coop',
};

export interface DeductionMonth {
  /** YYYY-MM of the payment date (the line's document date when the payment has none). */
  month: string;
  currency: string;
  /** Deducted amount per kind, positive minor units. */
  byKind: Record<DeductionKind, number>;
  totalCents: number;
}

export interface DeductionsByMonth {
  from: string;
  to: string;
  months: DeductionMonth[];
}

/**
 * Deductions (remittance lines with a negative invoice amount, other than the vendor's own
 * invoices) per month, for the `months` calendar months ending with the as-of month (the last
 * reconcile's as-of, else today). Months with nothing deducted are left out.
 */
export function deductionsByMonth(db: Db, options: { months?: number; asOf?: string; now?: number } = {}): DeductionsByMonth {
  const months = Math.max(1, Math.min(120, Math.floor(options.months ?? 12)));
  const asOf = options.asOf ?? lastRun(db)?.asOf ?? todayIso(options.now);
  const to = asOf.slice(0, 7);
  const from = addMonths(`${to}-01`, -(months - 1)).slice(0, 7);
  const rows = db.prepare(`SELECT substr(coalesce(p.payment_date, r.doc_date), 1, 7) AS month, r.currency AS currency, r.family AS family,
      -sum(r.invoice_amount_cents) AS cents
    FROM remit_line r LEFT JOIN payment p ON p.payment_number = r.payment_number
    WHERE r.invoice_amount_cents < 0 AND r.family <> 'invoice'
      AND substr(coalesce(p.payment_date, r.doc_date), 1, 7) BETWEEN ? AND ?
    GROUP BY month, r.currency, r.family ORDER BY month, r.currency`).all(from, to) as Array<{ month: string; currency: string; family: string; cents: number }>;
  const out = new Map<string, DeductionMonth>();
  for (const r of rows) {
    const key = `${r.month}|${r.currency}`;
    let m = out.get(key);
    if (!m) {
      m = { month: r.month, currency: r.currency, byKind: { shortage: 0, price: 0, chargeback: 0, coop: 0, other: 0 }, totalCents: 0 };
      out.set(key, m);
    }
    m.byKind[KIND_OF_FAMILY[r.family] ?? 'other'] += r.cents;
    m.totalCents += r.cents;
  }
  return { from, to, months: [...out.values()] };
}
