import { useEffect, useRef, useState, type MouseEvent } from 'react';
import { count } from '../../lib/format';
import { docHref } from '../settings/routes';
import { amount, DocLink, dayOrDash, Fact, FindingsOn, Pager, unitCost, units, uomText, useHashParam } from '../payments/common';
import { RemitLinesTable } from '../payments/PaymentsScreen';
import { AR_LABELS, INVOICE_LINES_PAGE, INVOICES_PAGE, useInvoices, type InvoiceSort } from './store';

export function InvoicesScreen() {
  const param = useHashParam('invoices');
  return param ? <InvoiceDetail invoiceNumber={param} /> : <InvoiceList />;
}

export function ArPill({ status }: { status: string }) {
  const s = AR_LABELS[status] ?? { label: status, tone: 'neutral' as const, help: '' };
  return <span className={`pill ${s.tone}`} title={s.help} data-testid="ar-status">{s.label}</span>;
}

function InvoiceList() {
  const { page, filter, sort, offset, load, setFilter, clearFilter, setSort, setOffset } = useInvoices();
  const [number, setNumber] = useState(filter.number ?? '');
  const [po, setPo] = useState(filter.poNumber ?? '');
  useEffect(() => {
    if (!useInvoices.getState().page) void load();
  }, [load]);
  return (
    <div className="screen docs-screen">
      <header className="screen-head">
        <div>
          <h1>Invoices</h1>
          <p className="lede">
            Your invoices to Amazon and what the remittances say about them: paid, short-paid, unpaid or overdue
            {page ? <> as of {dayOrDash(page.asOf)}</> : null}. Payments and claims are matched to an invoice by its number.
          </p>
        </div>
      </header>
      <form
        className="filters card"
        aria-label="Filter invoices"
        onSubmit={(e) => {
          e.preventDefault();
          setFilter({ number: number.trim() || undefined, poNumber: po.trim() || undefined });
        }}
      >
        <label>
          <span>Status</span>
          <select value={filter.status ?? ''} onChange={(e) => setFilter({ status: (e.target.value || undefined) as never })} data-testid="invoices-status">
            <option value="">All invoices</option>
            <option value="paid">Paid</option>
            <option value="short_paid">Short-paid</option>
            <option value="unpaid">Unpaid (not due yet)</option>
            <option value="overdue">Overdue</option>
            <option value="overpaid">Overpaid</option>
            <option value="credit_note">Credit notes</option>
          </select>
        </label>
        <label className="grow">
          <span>Invoice number</span>
          <input type="search" value={number} onChange={(e) => setNumber(e.target.value)} placeholder="e.g. NW0696410 or its beginning" />
        </label>
        <label>
          <span>PO</span>
          <input type="search" value={po} onChange={(e) => setPo(e.target.value)} placeholder="e.g. 6553UEPU" />
        </label>
        <label>
          <span>Dated from</span>
          <input type="date" value={filter.from ?? ''} onChange={(e) => setFilter({ from: e.target.value || undefined })} />
        </label>
        <label>
          <span>Dated to</span>
          <input type="date" value={filter.to ?? ''} onChange={(e) => setFilter({ to: e.target.value || undefined })} />
        </label>
        <label>
          <span>Sort by</span>
          <select value={sort} onChange={(e) => setSort(e.target.value as InvoiceSort)}>
            <option value="date">Invoice date, newest first</option>
            <option value="due">Due date, soonest first</option>
            <option value="amount">Total, largest first</option>
            <option value="number">Invoice number</option>
          </select>
        </label>
        <div className="filter-actions">
          <button type="submit" className="btn primary">Apply</button>
          <button type="button" className="btn ghost" onClick={() => { setNumber(''); setPo(''); clearFilter(); }}>Clear</button>
        </div>
      </form>
      <section className="card" aria-labelledby="invoices-title">
        <div className="card-head">
          <h2 id="invoices-title"><span data-testid="invoices-total">{page ? count(page.total) : '…'}</span> invoices</h2>
          <Pager offset={offset} limit={INVOICES_PAGE} total={page?.total ?? null} onPage={setOffset} what="invoices" />
        </div>
        {page && page.items.length === 0 ? (
          <p className="empty">No invoices match. Clear the filters, or import an invoice register or EDI 810 file.</p>
        ) : (
          <div className="table-wrap">
            <table className="table" data-testid="invoices-table">
              <caption className="sr-only">Invoices with their accounts-receivable status</caption>
              <thead>
                <tr>
                  <th scope="col">Invoice</th>
                  <th scope="col">Dated</th>
                  <th scope="col">Due</th>
                  <th scope="col">PO</th>
                  <th scope="col" className="num">Total</th>
                  <th scope="col" className="num">Settled</th>
                  <th scope="col" className="num">Claims</th>
                  <th scope="col" className="num">Open</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {page?.items.map((i) => (
                  <tr key={i.invoiceNumber} data-testid="invoice-row">
                    <td><DocLink route="invoices" id={i.invoiceNumber} /></td>
                    <td className="nowrap">{dayOrDash(i.invoiceDate)}</td>
                    <td className="nowrap">{dayOrDash(i.dueDate)}</td>
                    <td className="muted">{i.poNumber ?? '—'}</td>
                    <td className="num">{amount(i.totalCents, i.currency)}</td>
                    <td className="num">
                      {i.settledCents ? <a href={docHref('invoices', i.invoiceNumber)} aria-label={`Payments of invoice ${i.invoiceNumber}`}>{amount(i.settledCents, i.currency)}</a> : '—'}
                    </td>
                    <td className="num">{i.claimsCents ? amount(i.claimsCents, i.currency) : '—'}</td>
                    <td className={`num${i.openCents > 1 && i.status !== 'unpaid' ? ' bad-text' : ''}`}>{i.invoiceType === 'credit_note' ? '—' : amount(i.openCents, i.currency)}</td>
                    <td><ArPill status={i.status} /></td>
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

function InvoiceDetail({ invoiceNumber }: { invoiceNumber: string }) {
  const { detail, detailFor, linesOffset, open } = useInvoices();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    void open(invoiceNumber);
  }, [invoiceNumber, open]);
  useEffect(() => {
    heading.current?.focus();
  }, [invoiceNumber]);
  const d = detailFor === invoiceNumber ? detail : null;
  const inv = d?.invoice;
  const unpaid = inv ? inv.totalCents - inv.settledCents : 0;
  const explained = inv && unpaid > 0 ? Math.min(Math.max(0, inv.claimsCents), unpaid) : 0;
  const jump = (id: string) => (e: MouseEvent) => {
    e.preventDefault();
    document.getElementById(id)?.focus();
  };
  return (
    <div className="screen docs-screen">
      <header className="screen-head">
        <div>
          <a href={docHref('invoices')} className="back-link">← All invoices</a>
          <h1 ref={heading} tabIndex={-1}>{inv?.invoiceType === 'credit_note' ? 'Credit note' : 'Invoice'} {inv?.invoiceNumber ?? invoiceNumber}</h1>
          {inv && <p className="lede">Dated {dayOrDash(inv.invoiceDate)} · due {dayOrDash(inv.dueDate)}{inv.terms ? ` (${inv.terms})` : ''}{inv.fileName ? ` · imported from ${inv.fileName}` : ''}</p>}
        </div>
        {inv && <ArPill status={inv.status} />}
      </header>
      {!d && <p className="empty">Loading…</p>}
      {d && inv && (
        <>
          <section className="card" aria-labelledby="ar-title">
            <h2 id="ar-title">Where the money is, as of {dayOrDash(d.asOf)}</h2>
            <div className="sum-strip" data-testid="ar-sum">
              <div className="sum-cell">
                <span className="tile-label">Invoice total</span>
                <a className="sum-value" href="#invoice-lines" onClick={jump('invoice-lines')}>{amount(inv.totalCents, inv.currency)}</a>
              </div>
              <span className="sum-op" aria-hidden="true">−</span>
              <div className="sum-cell">
                <span className="tile-label">Settled by {count(inv.paymentCount)} payment{inv.paymentCount === 1 ? '' : 's'}</span>
                <a className="sum-value" href="#invoice-remittance" onClick={jump('invoice-remittance')} data-testid="settled">{amount(inv.settledCents, inv.currency)}</a>
                {inv.discountCents ? <span className="muted small">incl. {amount(inv.discountCents, inv.currency)} terms discount</span> : null}
              </div>
              <span className="sum-op" aria-hidden="true">−</span>
              <div className="sum-cell">
                <span className="tile-label">Explained by claims</span>
                <a className="sum-value" href="#invoice-remittance" onClick={jump('invoice-remittance')} data-testid="explained">{amount(explained, inv.currency)}</a>
                {inv.claimsCents > explained ? <span className="muted small">of {amount(inv.claimsCents, inv.currency)} claimed</span> : null}
              </div>
              <span className="sum-op" aria-hidden="true">=</span>
              <div className="sum-cell">
                <span className="tile-label">Open</span>
                <span className={`sum-value${inv.status === 'short_paid' || inv.status === 'overdue' ? ' bad-text' : ''}`} data-testid="open">{amount(inv.openCents, inv.currency)}</span>
              </div>
            </div>
            <p className="muted small">{AR_LABELS[inv.status]?.help}</p>
            {inv.claimsCents > explained && (
              <p className="callout" role="note">
                Amazon also took {amount(inv.claimsCents - explained, inv.currency)} in shortage or price claims against this invoice beyond what its payments left
                unpaid. Those deductions are in the lines below; the findings say which are worth disputing.
              </p>
            )}
            <dl className="facts four">
              <Fact label={inv.poNumber ? 'PO' : 'POs on the lines'}>{inv.poNumber ?? ([...new Set(d.lines.map((l) => l.poNumber).filter(Boolean))].join(', ') || null)}</Fact>
              <Fact label="Vendor code">{inv.vendorCode}</Fact>
              <Fact label="Terms">{inv.terms ?? (inv.netDays !== null ? `Net ${inv.netDays}` : null)}</Fact>
              <Fact label="Ship to">{inv.shipTo}</Fact>
            </dl>
          </section>
          <section className="card" aria-labelledby="inv-lines-title">
            <div className="card-head">
              <h2 id="inv-lines-title">Lines</h2>
              <Pager offset={linesOffset} limit={INVOICE_LINES_PAGE} total={d.linesTotal} onPage={(o) => void open(invoiceNumber, o)} what="lines" />
            </div>
            {d.lines.length === 0 ? <p className="empty">No lines were imported for this invoice (a header-only export).</p> : (
              <div className="table-wrap" id="invoice-lines" tabIndex={-1}>
                <table className="table compact" data-testid="invoice-lines">
                  <caption className="sr-only">Lines of invoice {inv.invoiceNumber}</caption>
                  <thead>
                    <tr>
                      <th scope="col">Line</th><th scope="col">PO</th><th scope="col">ASIN</th><th scope="col">Vendor SKU</th>
                      <th scope="col" className="num">Units</th><th scope="col">Unit of measure</th><th scope="col" className="num">Unit cost</th><th scope="col" className="num">Amount</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.lines.map((l) => (
                      <tr key={l.lineNo}>
                        <td>{l.lineNo}</td>
                        <td>{l.poNumber ?? '—'}</td>
                        <td>{l.asin ? <DocLink route="asin" id={l.asin} label={`Everything about ASIN ${l.asin}`} /> : '—'}</td>
                        <td className="muted">{l.vendorSku ?? '—'}</td>
                        <td className="num">{units(l.qtyEach)}</td>
                        <td className="muted">{uomText(l.qtyUom, l.uom, l.caseSize)}</td>
                        <td className="num">{unitCost(l.unitCostE4, inv.currency)}</td>
                        <td className="num">{amount(l.amountCents, inv.currency)}</td>
                      </tr>
                    ))}
                  </tbody>
                  {d.charges.length > 0 && (
                    <tfoot>
                      {d.charges.map((c, i) => (
                        <tr key={i}>
                          <th scope="row" colSpan={7}>{c.type === 'allowance' ? 'Allowance' : 'Charge'}: {c.description ?? c.code ?? ''}</th>
                          <td className="num">{amount(c.type === 'allowance' ? -Math.abs(c.amountCents) : c.amountCents, inv.currency)}</td>
                        </tr>
                      ))}
                    </tfoot>
                  )}
                </table>
              </div>
            )}
          </section>
          <section className="card" aria-labelledby="inv-remit-title">
            <h2 id="inv-remit-title">Payments and claims that name this invoice</h2>
            <RemitLinesTable lines={d.remittance} id="invoice-remittance" caption={`Remittance lines that refer to invoice ${inv.invoiceNumber}`} showPayment />
          </section>
          <section className="card" aria-labelledby="inv-asn-title">
            <h2 id="inv-asn-title">Shipments (ASNs) carrying these items</h2>
            {d.shipments.length === 0 ? <p className="empty">No imported ASN carries this invoice&apos;s PO and ASIN pairs.</p> : (
              <table className="table compact" data-testid="invoice-asns">
                <caption className="sr-only">ASNs for the invoice&apos;s PO and ASIN pairs</caption>
                <thead><tr><th scope="col">Shipment</th><th scope="col">Shipped</th><th scope="col">POs</th><th scope="col" className="num">Units</th><th scope="col" className="num">Cartons</th></tr></thead>
                <tbody>
                  {d.shipments.map((s) => (
                    <tr key={s.shipmentId}>
                      <td className="mono">{s.shipmentId}</td>
                      <td className="nowrap">{dayOrDash(s.shippedDate)}</td>
                      <td>{s.poNumbers.join(', ')}</td>
                      <td className="num">{units(s.units)}</td>
                      <td className="num">{units(s.cartons)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <FindingsOn findings={d.findings} what="invoice" />
        </>
      )}
    </div>
  );
}
