// Pieces the document screens share: the document named in the address, a pager, amounts in the
// analyst's display locale, document-family names and the findings raised on a document.
import { useEffect, useState, type ReactNode } from 'react';
import type { FindingDto } from '../../../../shared/ipc';
import { formatMoney } from '../../../../shared/money';
import { count, day, displayLocale, LOCALE_KEY } from '../../lib/format';
import { useApp } from '../../store/app';
import { useFindings } from '../findings/store';
import { typeLabel } from '../findings/labels';
import { docHref, hashParam, type DocumentRoute } from '../settings/routes';

// ---- display preferences (Settings → Display) ----

export { displayLocale, LOCALE_KEY };

export const LOCALES: Array<{ value: string; label: string }> = [
  { value: 'en-US', label: 'English (United States)' },
  { value: 'en-GB', label: 'English (United Kingdom)' },
  { value: 'en-CA', label: 'English (Canada)' },
  { value: 'en-IN', label: 'English (India)' },
  { value: 'de-DE', label: 'Deutsch (Deutschland)' },
  { value: 'fr-FR', label: 'Français (France)' },
  { value: 'es-ES', label: 'Español (España)' },
  { value: 'it-IT', label: 'Italiano (Italia)' },
  { value: 'ja-JP', label: '日本語 (日本)' },
];

/** Money for display: integer minor units formatted once, at the edge, in the chosen locale. */
export const amount = (cents: number, currency: string): string => formatMoney(cents, currency, displayLocale());

/** Units (eaches) with grouping. */
export const units = (n: number): string => count(n);

/** A unit cost kept in ten-thousandths, shown with up to 4 decimals. */
export function unitCost(e4: number | null, currency: string): string {
  if (e4 === null) return '—';
  const cents = Math.trunc(e4 / 100);
  const rest = Math.abs(e4 % 100);
  const base = formatMoney(cents, currency, displayLocale());
  return rest ? `${base}${String(rest).padStart(2, '0').replace(/0$/, '')}` : base;
}

/** Quantity as the source wrote it: "4 CA (case of 6)", "18 EA". */
export function uomText(qtyUom: number | null, uom: string | null, caseSize: number | null): string {
  if (!uom) return '—';
  const q = qtyUom === null ? '' : `${count(qtyUom)} `;
  return `${q}${uom}${caseSize && caseSize > 1 ? ` (case of ${caseSize})` : ''}`;
}

// ---- the document named in the address ----

/** The document id in the address for `route` (`#/payments/367331394`), following hash changes. */
export function useHashParam(route: DocumentRoute): string | null {
  const read = () => {
    const h = typeof location !== 'undefined' ? location.hash : '';
    return h.replace(/^#\/?/, '').split(/[/?]/)[0] === route ? hashParam(h) : null;
  };
  const [param, setParam] = useState(read);
  useEffect(() => {
    const on = () => setParam(read());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [route]);
  return param;
}

/** A link to a document screen (or the screen itself). */
export function DocLink({ route, id, children, label }: { route: DocumentRoute; id: string | null; children?: ReactNode; label?: string }) {
  if (!id) return <span className="muted">—</span>;
  return (
    <a href={docHref(route, id)} className="doc-link" aria-label={label}>
      {children ?? id}
    </a>
  );
}

// ---- pager ----

export function Pager({ offset, limit, total, onPage, what }: { offset: number; limit: number; total: number | null; onPage: (offset: number) => void; what: string }) {
  if (total === null) return null;
  const first = total === 0 ? 0 : offset + 1;
  const last = Math.min(total, offset + limit);
  return (
    <nav className="pager" aria-label={`${what} pages`}>
      <span className="muted small" aria-live="polite">
        {total === 0 ? `No ${what}` : `${count(first)}–${count(last)} of ${count(total)} ${what}`}
      </span>
      <span className="row gap">
        <button type="button" className="btn small" disabled={offset === 0} onClick={() => onPage(Math.max(0, offset - limit))}>Previous</button>
        <button type="button" className="btn small" disabled={last >= total} onClick={() => onPage(offset + limit)}>Next</button>
      </span>
    </nav>
  );
}

// ---- document families (the claim grammar's names, in plain English) ----

const FAMILY_LABELS: Record<string, string> = {
  invoice: 'Invoice payment',
  shortage_claim: 'Shortage claim',
  shortage_reversal: 'Shortage claim reversed',
  price_claim: 'Price claim',
  price_reversal: 'Price claim reversed',
  claim_validated: 'Claim made final',
  final_variance: 'Final variance invoice',
  chargeback: 'Chargeback',
  agreement: 'Co-op / agreement',
  price_protection: 'Price protection',
  provision: 'Provision',
  provision_reversal: 'Provision reversed',
  returns: 'Returns',
  ar_invoice: 'AR invoice',
  bank_fee: 'Bank fee',
  quick_pay: 'Quick-pay discount',
  dispute: 'Dispute outcome',
  direct_fulfillment: 'Direct fulfilment',
  unclassified: 'Unclassified',
};
export const familyLabel = (f: string): string => FAMILY_LABELS[f] ?? f.replace(/_/g, ' ');

// ---- findings raised on a document ----

/** Open a finding in the worklist's detail panel. */
export function openFinding(id: string): void {
  useApp.getState().go('findings');
  void useFindings.getState().open(id);
}

export function FindingsOn({ findings, what }: { findings: FindingDto[]; what: string }) {
  return (
    <section className="card" aria-labelledby="doc-findings-title">
      <div className="card-head">
        <h2 id="doc-findings-title">Findings on this {what}</h2>
        <span className="muted small">{findings.length === 0 ? 'none' : count(findings.length)}</span>
      </div>
      {findings.length === 0 ? (
        <p className="empty">The last reconcile raised nothing here.</p>
      ) : (
        <ul className="plain doc-findings">
          {findings.map((f) => (
            <li key={f.id}>
              <div className="row between">
                <button type="button" className="link" onClick={() => openFinding(f.id)}>{typeLabel(f.type)}</button>
                <strong className="num">{amount(f.amount_cents, f.currency)}</strong>
              </div>
              <p className="muted small">{f.explanation}</p>
              {f.dispute_by && <p className="small">Dispute by {day(f.dispute_by)}</p>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** A labelled fact for the document headers. */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children ?? '—'}</dd>
    </div>
  );
}

export const dayOrDash = (d: string | null): string => (d ? day(d) : '—');
