import { useState } from 'react';
import type { ArStatus, InvoiceFilterDto } from '../../../../shared/ipc-documents';
import { costE4ToDecimal } from '../../../../shared/money';
import { BackLink, DocLink, Pager, ScreenHead, useCall } from '../../components/common';
import { count, day, money } from '../../lib/format';
import { useApp } from '../../store/app';
import { FindingList, RemitLines } from './PaymentsScreen';

const PAGE = 50;

export const AR_LABELS: Record<ArStatus, { label: string; tone: string }> = {
  paid: { label: 'Paid', tone: 'ok' },
  short_paid: { label: 'Short-paid', tone: 'warn' },
  unpaid: { label: 'Not yet paid', tone: 'neutral' },
  overdue: { label: 'Overdue', tone: 'bad' },
  overpaid: { label: 'Overpaid', tone: 'warn' },
  credit_note: { label: 'Credit note', tone: 'neutral' },
};

export function InvoicesScreen() {
  const param = useApp((s) => s.param);
  return param ? <InvoiceDetail invoiceNumber={param} /> : <InvoiceList />;
}

function InvoiceList() {
  const [filter, setFilter] = useState<InvoiceFilterDto>({});
  const [number, setNumber] = useState('');
  const [sort, setSort] = useState<'date' | 'due' | 'number' | 'amount'>('date');
  const [offset, setOffset] = useState(0);
  const { data } = useCall('invoices:list', { filter, sort, limit: PAGE, offset }, 'Loading invoices');
  return (
    <div className="screen">
      <ScreenHead title="Invoices" lede={<>Your invoices to Amazon and what happened to each: paid, short-paid, overdue{data ? <> (as of {day(data.asOf)})</> : null}.</>} />
      <form className="filters card" aria-label="Filter invoices" onSubmit={(e) => { e.preventDefault(); setOffset(0); setFilter({ ...filter, number: number.trim() || undefined }); }}>
        <label>
          <span>Status</span>
          <select value={filter.status ?? ''} onChange={(e) => { setOffset(0); setFilter({ ...filter, status: (e.target.value || undefined) as ArStatus | undefined }); }}>
            <option value="">All invoices</option>
            {Object.entries(AR_LABELS).map(([k, v]) => <option key={k} value={k}>{v.label}</option>)}
          </select>
        </label>
        <label className="grow"><span>Invoice number</span><input type="search" value={number} onChange={(e) => setNumber(e.target.value)} placeholder="e.g. INV-10042" /></label>
        <label>
          <span>Sort by</span>
          <select value={sort} onChange={(e) => { setOffset(0); setSort(e.target.value as typeof sort); }}>
            <option value="date">Invoice date, newest first</option>
            <option value="due">Due date</option>
            <option value="amount">Amount</option>
            <option value="number">Number</option>
          </select>
        </label>
        <div className="filter-actions"><button type="submit" className="btn primary">Apply</button></div>
      </form>
      <section className="card" aria-label="Invoices">
        <div className="table-wrap">
          <table className="table" data-testid="invoices-table">
            <thead>
              <tr>
                <th scope="col">Invoice</th><th scope="col">Date</th><th scope="col">Due</th><th scope="col">PO</th><th scope="col" className="num">Total</th>
                <th scope="col" className="num">Settled</th><th scope="col" className="num">Claims</th><th scope="col" className="num">Open</th><th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {data?.items.map((i) => {
                const t = AR_LABELS[i.status];
                return (
                  <tr key={i.invoiceNumber}>
                    <td><DocLink to="invoices" param={i.invoiceNumber} /></td>
                    <td className="nowrap">{day(i.invoiceDate)}</td>
                    <td className="nowrap">{day(i.dueDate)}</td>
                    <td>{i.poNumber ?? '—'}</td>
                    <td className="num">{money(i.totalCents, i.currency)}</td>
                    <td className="num">{money(i.settledCents, i.currency)}</td>
                    <td className="num">{i.claimsCents ? money(i.claimsCents, i.currency) : '—'}</td>
                    <td className="num">{money(i.openCents, i.currency)}</td>
                    <td><span className={`pill ${t.tone}`}>{t.label}</span></td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        {data && data.items.length === 0 && <p className="empty">No invoices match.</p>}
        {data && <Pager offset={offset} limit={PAGE} total={data.total} onChange={setOffset} />}
      </section>
    </div>
  );
}

function InvoiceDetail({ invoiceNumber }: { invoiceNumber: string }) {
  const { data } = useCall('invoices:get', { invoiceNumber, limit: 1000, offset: 0 }, 'Loading the invoice');
  const i = data?.invoice;
  return (
    <div className="screen">
      <BackLink to="invoices" label="All invoices" />
      <ScreenHead
        title={`Invoice ${invoiceNumber}`}
        lede={i ? `${i.invoiceType === 'credit_note' ? 'Credit note' : 'Invoice'} of ${day(i.invoiceDate)} · due ${day(i.dueDate)}${i.terms ? ` · terms ${i.terms}` : ''}${i.fileName ? ` · from ${i.fileName}` : ''}` : 'Loading…'}
      />
      {i && data && (
        <>
          <div className="tiles">
            <div className="tile static"><span className="tile-label">Total</span><span className="tile-value">{money(i.totalCents, i.currency)}</span><span className="tile-foot">PO {i.poNumber ?? '—'}</span></div>
            <div className="tile static"><span className="tile-label">Settled</span><span className="tile-value">{money(i.settledCents, i.currency)}</span><span className="tile-foot">incl. {money(i.discountCents, i.currency)} terms discount · {i.paymentCount} payment(s)</span></div>
            <div className="tile static"><span className="tile-label">Claims against it</span><span className="tile-value">{money(i.claimsCents, i.currency)}</span><span className="tile-foot">net of reversals</span></div>
            <div className={`tile static${i.status === 'overdue' || i.status === 'short_paid' ? ' warn' : ''}`}><span className="tile-label">Open</span><span className="tile-value">{money(i.openCents, i.currency)}</span><span className="tile-foot"><span className={`pill ${AR_LABELS[i.status].tone}`}>{AR_LABELS[i.status].label}</span> as of {day(data.asOf)}</span></div>
          </div>
          {data.findings.length > 0 && <FindingList findings={data.findings} />}
          <section className="card" aria-labelledby="inv-lines-title">
            <h2 id="inv-lines-title">Lines ({count(data.linesTotal)})</h2>
            <div className="table-wrap">
              <table className="table compact">
                <thead><tr><th scope="col">#</th><th scope="col">PO</th><th scope="col">ASIN</th><th scope="col">Vendor SKU</th><th scope="col" className="num">Units (eaches)</th><th scope="col">As invoiced</th><th scope="col" className="num">Unit cost</th><th scope="col" className="num">Amount</th></tr></thead>
                <tbody>
                  {data.lines.map((l) => (
                    <tr key={l.lineNo}>
                      <td>{l.lineNo}</td><td>{l.poNumber ?? '—'}</td>
                      <td>{l.asin ? <DocLink to="asin" param={l.asin} /> : '—'}</td>
                      <td>{l.vendorSku ?? '—'}</td>
                      <td className="num">{count(l.qtyEach)}</td>
                      <td className="muted">{l.uom ? `${count(l.qtyUom)} ${l.uom}${l.caseSize && l.caseSize > 1 ? ` × ${l.caseSize}` : ''}` : '—'}</td>
                      <td className="num">{costE4ToDecimal(l.unitCostE4)}</td>
                      <td className="num">{money(l.amountCents, i.currency)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          <section className="card" aria-labelledby="inv-ship-title">
            <h2 id="inv-ship-title">Shipments (ASNs) for its PO and items</h2>
            {data.shipments.length === 0 ? <p className="empty">No ASN carries this invoice's PO and items.</p> : (
              <table className="table compact">
                <thead><tr><th scope="col">Shipment</th><th scope="col">Shipped</th><th scope="col" className="num">Units</th><th scope="col" className="num">Cartons</th><th scope="col">POs</th></tr></thead>
                <tbody>{data.shipments.map((s) => <tr key={s.shipmentId}><td>{s.shipmentId}</td><td>{day(s.shippedDate)}</td><td className="num">{count(s.units)}</td><td className="num">{count(s.cartons)}</td><td>{s.poNumbers.join(', ')}</td></tr>)}</tbody>
              </table>
            )}
          </section>
          <section className="card" aria-labelledby="inv-remit-title">
            <h2 id="inv-remit-title">Payments and claims on it</h2>
            {data.remittance.length === 0 ? <p className="empty">No remittance line refers to this invoice yet.</p> : <RemitLines lines={data.remittance} showPayment />}
          </section>
        </>
      )}
    </div>
  );
}
