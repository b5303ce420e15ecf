import { useEffect, useRef, useState } from 'react';
import type { RemitLineDto } from '../../../../shared/ipc-documents';
import { count } from '../../lib/format';
import { docHref } from '../settings/routes';
import { amount, DocLink, dayOrDash, Fact, familyLabel, FindingsOn, Pager, useHashParam } from './common';
import { LINES_PAGE, PAYMENTS_PAGE, TIE_OUT_LABELS, usePayments, type PaymentSort } from './store';

export function PaymentsScreen() {
  const param = useHashParam('payments');
  return param ? <PaymentDetail paymentNumber={param} /> : <PaymentList />;
}

export function TieOutPill({ status }: { status: string }) {
  const s = TIE_OUT_LABELS[status] ?? { label: status, tone: 'neutral' as const, help: '' };
  return <span className={`pill ${s.tone}`} title={s.help} data-testid="tie-out-status">{s.label}</span>;
}

function PaymentList() {
  const { page, filter, sort, offset, load, setFilter, clearFilter, setSort, setOffset } = usePayments();
  const [number, setNumber] = useState(filter.number ?? '');
  useEffect(() => {
    if (!usePayments.getState().page) void load();
  }, [load]);
  return (
    <div className="screen docs-screen">
      <header className="screen-head">
        <div>
          <h1>Payments</h1>
          <p className="lede">
            Each payment Amazon made against the remittance lines imported for it. A payment <strong>ties out</strong> when its
            amount equals the sum of its lines&apos; amount paid.
          </p>
        </div>
      </header>
      <form
        className="filters card"
        aria-label="Filter payments"
        onSubmit={(e) => {
          e.preventDefault();
          setFilter({ number: number.trim() || undefined });
        }}
      >
        <label>
          <span>Tie-out</span>
          <select value={filter.status ?? ''} onChange={(e) => setFilter({ status: (e.target.value || undefined) as never })} data-testid="payments-status">
            <option value="">All payments</option>
            <option value="tied">Ties out</option>
            <option value="hidden">Gap from hidden lines</option>
            <option value="gap">Gap not explained</option>
            <option value="no_lines">No lines imported</option>
          </select>
        </label>
        <label className="grow">
          <span>Payment number</span>
          <input type="search" value={number} onChange={(e) => setNumber(e.target.value)} placeholder="e.g. 367331394 or its first digits" />
        </label>
        <label>
          <span>Paid from</span>
          <input type="date" value={filter.from ?? ''} onChange={(e) => setFilter({ from: e.target.value || undefined })} />
        </label>
        <label>
          <span>Paid to</span>
          <input type="date" value={filter.to ?? ''} onChange={(e) => setFilter({ to: e.target.value || undefined })} />
        </label>
        <label>
          <span>Sort by</span>
          <select value={sort} onChange={(e) => setSort(e.target.value as PaymentSort)}>
            <option value="date">Date, newest first</option>
            <option value="amount">Amount, largest first</option>
            <option value="number">Payment number</option>
          </select>
        </label>
        <div className="filter-actions">
          <button type="submit" className="btn primary">Apply</button>
          <button type="button" className="btn ghost" onClick={() => { setNumber(''); clearFilter(); }}>Clear</button>
        </div>
      </form>
      <section className="card" aria-labelledby="payments-title">
        <div className="card-head">
          <h2 id="payments-title"><span data-testid="payments-total">{page ? count(page.total) : '…'}</span> payments</h2>
          <Pager offset={offset} limit={PAYMENTS_PAGE} total={page?.total ?? null} onPage={setOffset} what="payments" />
        </div>
        {page && page.items.length === 0 ? (
          <p className="empty">No payments match. Clear the filters, or import a remittance export.</p>
        ) : (
          <div className="table-wrap">
            <table className="table" data-testid="payments-table">
              <caption className="sr-only">Payments with their tie-out status</caption>
              <thead>
                <tr>
                  <th scope="col">Payment</th>
                  <th scope="col">Date</th>
                  <th scope="col" className="num">Amount</th>
                  <th scope="col" className="num">Sum of lines</th>
                  <th scope="col" className="num">Gap</th>
                  <th scope="col" className="num">Lines</th>
                  <th scope="col">Tie-out</th>
                  <th scope="col">Type</th>
                </tr>
              </thead>
              <tbody>
                {page?.items.map((p) => (
                  <tr key={p.paymentNumber} data-testid="payment-row">
                    <td><DocLink route="payments" id={p.paymentNumber} /></td>
                    <td className="nowrap">{dayOrDash(p.paymentDate)}</td>
                    <td className="num">{amount(p.amountCents, p.currency)}</td>
                    <td className="num">
                      <a href={docHref('payments', p.paymentNumber)} aria-label={`The ${p.lineCount} lines of payment ${p.paymentNumber}`}>{amount(p.linesCents, p.currency)}</a>
                    </td>
                    <td className={`num${p.status === "gap" ? " bad-text" : p.status === "hidden" ? " warn-text" : ""}`}>{p.status === 'no_lines' ? '—' : amount(p.gapCents, p.currency)}</td>
                    <td className="num">{count(p.lineCount)}</td>
                    <td><TieOutPill status={p.status} /></td>
                    <td className="muted">{p.paymentType ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

function PaymentDetail({ paymentNumber }: { paymentNumber: string }) {
  const { detail, detailFor, linesOffset, open } = usePayments();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    void open(paymentNumber);
  }, [paymentNumber, open]);
  useEffect(() => {
    heading.current?.focus();
  }, [paymentNumber]);
  const d = detailFor === paymentNumber ? detail : null;
  const p = d?.payment;
  return (
    <div className="screen docs-screen">
      <header className="screen-head">
        <div>
          <a href={docHref('payments')} className="back-link">← All payments</a>
          <h1 ref={heading} tabIndex={-1}>Payment {paymentNumber}</h1>
          {p && <p className="lede">Paid {dayOrDash(p.paymentDate)}{p.paymentType ? ` by ${p.paymentType}` : ''}{p.fileName ? ` · imported from ${p.fileName}` : ''}</p>}
        </div>
        {p && <TieOutPill status={p.status} />}
      </header>
      {!d && <p className="empty">Loading…</p>}
      {d && p && (
        <>
          <section className="card" aria-labelledby="tieout-title">
            <h2 id="tieout-title">Tie-out</h2>
            <div className="sum-strip" data-testid="tie-out">
              <div className="sum-cell">
                <span className="tile-label">Payment amount</span>
                <span className="sum-value">{amount(p.amountCents, p.currency)}</span>
                {p.paymentCurrency !== p.currency && <span className="muted small">paid as {amount(p.paidAmountCents, p.paymentCurrency)} (rate {detail?.payment.exchangeRate ?? '—'})</span>}
              </div>
              <span className="sum-op" aria-hidden="true">−</span>
              <div className="sum-cell">
                <span className="tile-label">Sum of {count(p.lineCount)} lines</span>
                <a className="sum-value" href="#payment-lines" onClick={(e) => { e.preventDefault(); document.getElementById('payment-lines')?.focus(); }} data-testid="lines-sum">
                  {amount(p.linesCents, p.currency)}
                </a>
              </div>
              <span className="sum-op" aria-hidden="true">=</span>
              <div className="sum-cell">
                <span className="tile-label">Gap</span>
                <span className={`sum-value${p.status === 'gap' ? ' bad-text' : p.status === 'hidden' ? ' warn-text' : ''}`} data-testid="gap">{amount(p.gapCents, p.currency)}</span>
              </div>
            </div>
            {p.hiddenLines && (
              <p className="callout warn" role="note" data-testid="hidden-warning">
                <strong>Hidden lines.</strong> Vendor Central warned that some lines of this payment are not displayed because their ordering
                codes are not set up in your account. {p.status === 'tied' ? 'The lines shown still add up.' : <>The lines not shown net to {amount(p.gapCents, p.currency)} (the payment amount minus the lines shown): ask Amazon (Vendor Central support) for the hidden remittance lines.</>}
              </p>
            )}
            {p.status === 'gap' && (
              <p className="callout bad" role="note">
                The lines do not add up to the payment and Vendor Central gave no hidden-lines warning for it: lines may be missing from the
                import. Re-export the payment&apos;s remittance and import it again.
              </p>
            )}
            {p.status === 'no_lines' && <p className="callout" role="note">No remittance lines are imported for this payment yet, so it cannot be tied out.</p>}
            <dl className="facts four">
              <Fact label="Currency">{p.currency}</Fact>
              <Fact label="Status">{p.paymentStatus}</Fact>
              <Fact label="Vendor code">{d.payment.vendorCode}</Fact>
              <Fact label="Voided reason">{d.payment.voidedReason}</Fact>
            </dl>
          </section>
          {d.byFamily.length > 0 && (
            <section className="card" aria-labelledby="by-family-title">
              <h2 id="by-family-title">What the payment is made of</h2>
              <table className="table compact">
                <caption className="sr-only">Lines of the payment by kind of document</caption>
                <thead><tr><th scope="col">Kind of document</th><th scope="col" className="num">Lines</th><th scope="col" className="num">Amount paid</th></tr></thead>
                <tbody>
                  {d.byFamily.map((f) => (
                    <tr key={f.family}><td>{familyLabel(f.family)}</td><td className="num">{count(f.count)}</td><td className="num">{amount(f.paidCents, p.currency)}</td></tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr><th scope="row">All lines</th><td className="num">{count(p.lineCount)}</td><td className="num"><strong>{amount(p.linesCents, p.currency)}</strong></td></tr>
                </tfoot>
              </table>
            </section>
          )}
          <section className="card" aria-labelledby="lines-title">
            <div className="card-head">
              <h2 id="lines-title">Remittance lines</h2>
              <Pager offset={linesOffset} limit={LINES_PAGE} total={d.linesTotal} onPage={(o) => void open(paymentNumber, o)} what="lines" />
            </div>
            <RemitLinesTable lines={d.lines} id="payment-lines" caption={`Remittance lines of payment ${paymentNumber}`} showPayment={false} />
          </section>
          <FindingsOn findings={d.findings} what="payment" />
        </>
      )}
    </div>
  );
}

/** Remittance lines with links to their payment and to the vendor invoice they refer to. */
export function RemitLinesTable({ lines, id, caption, showPayment }: { lines: RemitLineDto[]; id?: string; caption: string; showPayment: boolean }) {
  if (lines.length === 0) return <p className="empty">No remittance lines.</p>;
  return (
    <div className="table-wrap" id={id} tabIndex={-1}>
      <table className="table compact" data-testid="remit-lines">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {showPayment && <th scope="col">Payment</th>}
            {showPayment && <th scope="col">Paid on</th>}
            <th scope="col">Document</th>
            <th scope="col">Dated</th>
            <th scope="col">Description</th>
            <th scope="col">Invoice</th>
            <th scope="col" className="num">Amount</th>
            <th scope="col" className="num">Discount</th>
            <th scope="col" className="num">Amount paid</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.id} data-testid="remit-line">
              {showPayment && <td><DocLink route="payments" id={l.paymentNumber} /></td>}
              {showPayment && <td className="nowrap">{dayOrDash(l.paymentDate)}</td>}
              <td>
                <span className="mono doc-number">{l.docNumber}</span>{l.slice > 1 ? <span className="muted small"> (slice {l.slice})</span> : null}
                <span className="block muted small">{familyLabel(l.family)}</span>
              </td>
              <td className="nowrap">{dayOrDash(l.docDate)}</td>
              <td className="muted clip" title={l.description ?? ''}>{l.description ?? '—'}</td>
              <td>{l.invoiceNumber ? <DocLink route="invoices" id={l.invoiceNumber} /> : <span className="muted">{l.rootInvoice ?? '—'}</span>}</td>
              <td className="num">{amount(l.invoiceAmountCents, l.currency)}</td>
              <td className="num">{l.discountCents ? amount(l.discountCents, l.currency) : '—'}</td>
              <td className={`num${l.paidCents < 0 ? ' bad-text' : ''}`}>{amount(l.paidCents, l.currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
