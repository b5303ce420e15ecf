import { useState } from 'react';
import type { PaymentFilterDto, RemitLineDto, TieOutStatus } from '../../../../shared/ipc-documents';
import type { FindingDto } from '../../../../shared/ipc';
import { BackLink, DocLink, Pager, ScreenHead, useCall } from '../../components/common';
import { count, day, money } from '../../lib/format';
import { useApp } from '../../store/app';
import { useFindings } from '../findings/store';
import { typeLabel } from '../findings/labels';

const PAGE = 50;

export const TIE_OUT_LABELS: Record<TieOutStatus, { label: string; tone: string }> = {
  tied: { label: 'Ties out', tone: 'ok' },
  hidden: { label: 'Hidden lines', tone: 'warn' },
  gap: { label: 'Does not tie out', tone: 'bad' },
  no_lines: { label: 'No lines', tone: 'neutral' },
};

export function PaymentsScreen() {
  const param = useApp((s) => s.param);
  return param ? <PaymentDetail paymentNumber={param} /> : <PaymentList />;
}

function PaymentList() {
  const [filter, setFilter] = useState<PaymentFilterDto>({});
  const [number, setNumber] = useState('');
  const [sort, setSort] = useState<'date' | 'amount' | 'number'>('date');
  const [offset, setOffset] = useState(0);
  const { data } = useCall('payments:list', { filter, sort, limit: PAGE, offset }, 'Loading payments');
  return (
    <div className="screen">
      <ScreenHead title="Payments" lede="Every Amazon payment, and whether its lines add up to what was paid. Vendor Central hides lines whose ordering codes are not set up; those payments are flagged." />
      <form className="filters card" aria-label="Filter payments" onSubmit={(e) => { e.preventDefault(); setOffset(0); setFilter({ ...filter, number: number.trim() || undefined }); }}>
        <label>
          <span>Tie-out</span>
          <select value={filter.status ?? ''} onChange={(e) => { setOffset(0); setFilter({ ...filter, status: (e.target.value || undefined) as TieOutStatus | undefined }); }}>
            <option value="">All payments</option>
            {Object.entries(TIE_OUT_LABELS).map(([k, v]) => <option key={k} value={k}>{v.label}</option>)}
          </select>
        </label>
        <label className="grow"><span>Payment number</span><input type="search" value={number} onChange={(e) => setNumber(e.target.value)} placeholder="e.g. 367531888" /></label>
        <label>
          <span>Sort by</span>
          <select value={sort} onChange={(e) => { setOffset(0); setSort(e.target.value as typeof sort); }}>
            <option value="date">Date, newest first</option>
            <option value="amount">Amount</option>
            <option value="number">Number</option>
          </select>
        </label>
        <div className="filter-actions"><button type="submit" className="btn primary">Apply</button></div>
      </form>
      <section className="card" aria-label="Payments">
        <div className="table-wrap">
          <table className="table" data-testid="payments-table">
            <thead>
              <tr>
                <th scope="col">Payment</th><th scope="col">Date</th><th scope="col" className="num">Amount</th>
                <th scope="col" className="num">Sum of lines</th><th scope="col" className="num">Gap</th><th scope="col">Tie-out</th><th scope="col" className="num">Lines</th>
              </tr>
            </thead>
            <tbody>
              {data?.items.map((p) => {
                const t = TIE_OUT_LABELS[p.status];
                return (
                  <tr key={p.paymentNumber}>
                    <td><DocLink to="payments" param={p.paymentNumber} /></td>
                    <td className="nowrap">{day(p.paymentDate)}</td>
                    <td className="num">{money(p.amountCents, p.currency)}</td>
                    <td className="num">{money(p.linesCents, p.currency)}</td>
                    <td className="num">{p.gapCents ? money(p.gapCents, p.currency) : '—'}</td>
                    <td><span className={`pill ${t.tone}`}>{t.label}</span></td>
                    <td className="num">{count(p.lineCount)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        {data && data.items.length === 0 && <p className="empty">No payments match.</p>}
        {data && <Pager offset={offset} limit={PAGE} total={data.total} onChange={setOffset} />}
      </section>
    </div>
  );
}

function PaymentDetail({ paymentNumber }: { paymentNumber: string }) {
  const [offset, setOffset] = useState(0);
  const { data } = useCall('payments:get', { paymentNumber, limit: 200, offset }, 'Loading the payment');
  const p = data?.payment;
  return (
    <div className="screen">
      <BackLink to="payments" label="All payments" />
      <ScreenHead title={`Payment ${paymentNumber}`} lede={p ? `${day(p.paymentDate)} · ${p.paymentType ?? 'payment'}${p.fileName ? ` · from ${p.fileName}` : ''}` : 'Loading…'} />
      {p && data && (
        <>
          <div className="tiles">
            <div className="tile static"><span className="tile-label">Amount paid</span><span className="tile-value">{money(p.amountCents, p.currency)}</span>{p.paymentCurrency !== p.currency && <span className="tile-foot">{money(p.paidAmountCents, p.paymentCurrency)} paid out</span>}</div>
            <div className="tile static"><span className="tile-label">Sum of lines</span><span className="tile-value">{money(p.linesCents, p.currency)}</span><span className="tile-foot">{count(p.lineCount)} lines</span></div>
            <div className={`tile static${p.status === 'gap' ? ' warn' : ''}`}>
              <span className="tile-label">Tie-out</span>
              <span className="tile-value">{TIE_OUT_LABELS[p.status].label}</span>
              <span className="tile-foot">{p.gapCents ? `gap ${money(p.gapCents, p.currency)}` : 'no gap'}{p.hiddenLines ? ' · Vendor Central warned that some lines are hidden' : ''}</span>
            </div>
          </div>
          {data.findings.length > 0 && <FindingList findings={data.findings} />}
          <section className="card" aria-labelledby="families-title">
            <h2 id="families-title">By document type</h2>
            <table className="table compact">
              <tbody>
                {data.byFamily.map((f) => (
                  <tr key={f.family}><td>{familyLabel(f.family)}</td><td className="num">{count(f.count)} lines</td><td className="num">{money(f.paidCents, p.currency)}</td></tr>
                ))}
              </tbody>
            </table>
          </section>
          <section className="card" aria-labelledby="lines-title">
            <div className="card-head"><h2 id="lines-title">Remittance lines</h2><Pager offset={offset} limit={200} total={data.linesTotal} onChange={setOffset} /></div>
            <RemitLines lines={data.lines} />
          </section>
        </>
      )}
    </div>
  );
}

const FAMILIES: Record<string, string> = {
  invoice: 'Invoice payments', shortage_claim: 'Shortage claims', shortage_reversal: 'Shortage claim reversals', price_claim: 'Price claims',
  price_reversal: 'Price claim reversals', claim_validated: 'Validated claims', final_variance: 'Final variance invoices', chargeback: 'Chargebacks',
  agreement: 'Co-op / agreements', price_protection: 'Price protection', provision: 'Provisions', provision_reversal: 'Provision reversals',
  returns: 'Vendor returns', ar_invoice: 'AR invoices', bank_fee: 'Bank fees', quick_pay: 'Quick-pay discounts', unclassified: 'Other documents',
};
export const familyLabel = (f: string): string => FAMILIES[f] ?? f.replace(/_/g, ' ');

export function RemitLines({ lines, showPayment = false }: { lines: RemitLineDto[]; showPayment?: boolean }) {
  return (
    <div className="table-wrap">
      <table className="table compact">
        <thead>
          <tr>
            {showPayment && <th scope="col">Payment</th>}
            <th scope="col">Document</th><th scope="col">Date</th><th scope="col">Type</th><th scope="col">Description</th>
            <th scope="col" className="num">Invoice amount</th><th scope="col" className="num">Discount</th><th scope="col" className="num">Paid</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.id}>
              {showPayment && <td><DocLink to="payments" param={l.paymentNumber} /></td>}
              <td>{l.invoiceNumber && l.invoiceNumber === l.docNumber ? <DocLink to="invoices" param={l.invoiceNumber} /> : l.docNumber}{l.invoiceNumber && l.invoiceNumber !== l.docNumber ? <span className="muted small block">on <DocLink to="invoices" param={l.invoiceNumber} /></span> : null}</td>
              <td className="nowrap">{day(l.docDate)}</td>
              <td>{familyLabel(l.family)}{l.isReversal ? ' (reversal)' : ''}</td>
              <td className="muted">{l.description ?? ''}</td>
              <td className="num">{money(l.invoiceAmountCents, l.currency)}</td>
              <td className="num">{l.discountCents ? money(l.discountCents, l.currency) : '—'}</td>
              <td className="num">{money(l.paidCents, l.currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function FindingList({ findings }: { findings: FindingDto[] }) {
  const go = useApp((s) => s.go);
  return (
    <section className="card" aria-labelledby="doc-findings-title">
      <h2 id="doc-findings-title">Findings ({findings.length})</h2>
      <ul className="plain recent">
        {findings.map((f) => (
          <li key={f.id} className="row between">
            <a
              href="#/findings"
              onClick={(e) => {
                e.preventDefault();
                go('findings');
                void useFindings.getState().open(f.id);
              }}
            >
              {typeLabel(f.type)}
            </a>
            <span className="muted small">{f.claim_number ?? f.invoice_number ?? ''}</span>
            <strong className="nowrap">{money(f.amount_cents, f.currency)}</strong>
          </li>
        ))}
      </ul>
    </section>
  );
}
