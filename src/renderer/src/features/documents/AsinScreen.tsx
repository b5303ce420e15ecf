import { useState } from 'react';
import { costE4ToDecimal } from '../../../../shared/money';
import { DocLink, ScreenHead, useCall } from '../../components/common';
import { count, day, money } from '../../lib/format';
import { useApp } from '../../store/app';
import { FindingList, RemitLines } from './PaymentsScreen';

export function AsinScreen() {
  const param = useApp((s) => s.param);
  const go = useApp((s) => s.go);
  const [text, setText] = useState(param ?? '');
  const { data } = useCall('asin:ledger', param ? { asin: param, limit: 500 } : null, 'Loading the ASIN ledger');
  const cut = data ? Object.entries(data.truncated) : [];
  return (
    <div className="screen">
      <ScreenHead title={param ? `ASIN ${param}` : 'ASIN ledger'} lede="Everything about one item across the documents: ordered, shipped, received, invoiced and paid, PO by PO." />
      <form className="filters card" aria-label="Find an ASIN" onSubmit={(e) => { e.preventDefault(); if (text.trim()) go('asin', text.trim().toUpperCase()); }}>
        <label className="grow"><span>ASIN</span><input type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder="e.g. B07DFYF5AB" /></label>
        <div className="filter-actions"><button type="submit" className="btn primary">Show</button></div>
      </form>
      {data && (
        <>
          {cut.length > 0 && <p className="note">Long sections are cut: {cut.map(([k, n]) => `${k} (${count(n)} rows in all)`).join(', ')}.</p>}
          <section className="card" aria-labelledby="asin-po-title">
            <h2 id="asin-po-title">Three-way match by PO (eaches)</h2>
            {data.byPo.length === 0 ? <p className="empty">No documents mention this ASIN.</p> : (
              <table className="table" data-testid="asin-by-po">
                <thead><tr><th scope="col">PO</th><th scope="col" className="num">Ordered</th><th scope="col" className="num">Shipped (ASN)</th><th scope="col" className="num">Received</th><th scope="col" className="num">Invoiced</th><th scope="col" className="num">Invoiced amount</th></tr></thead>
                <tbody>
                  {data.byPo.map((p) => {
                    const off = p.invoiced > p.shipped || p.received < p.shipped;
                    return (
                      <tr key={p.poNumber} className={off ? 'row-warn' : undefined}>
                        <td>{p.poNumber}</td><td className="num">{count(p.ordered)}</td><td className="num">{count(p.shipped)}</td>
                        <td className="num">{count(p.received)}</td><td className="num">{count(p.invoiced)}</td>
                        <td className="num">{p.currency ? money(p.invoicedCents, p.currency) : '—'}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            )}
          </section>
          {data.findings.length > 0 && <FindingList findings={data.findings} />}
          <section className="card" aria-labelledby="asin-docs-title">
            <h2 id="asin-docs-title">Documents</h2>
            <h3>Purchase order lines</h3>
            <table className="table compact"><tbody>{data.poLines.map((l) => <tr key={`${l.poNumber}-${l.lineNo}`}><td>{l.poNumber} #{l.lineNo}</td><td>{day(l.orderDate)}</td><td className="num">{count(l.orderedEach)} each</td><td className="num">{l.unitCostE4 !== null ? `${costE4ToDecimal(l.unitCostE4)} ${l.currency}` : '—'}</td></tr>)}</tbody></table>
            <h3>Shipped (ASN lines)</h3>
            <table className="table compact"><tbody>{data.asnLines.map((l, i) => <tr key={`${l.shipmentId}-${l.lineNo}-${i}`}><td>{l.shipmentId}</td><td>{day(l.shippedDate)}</td><td>{l.poNumber ?? '—'}</td><td className="muted">{l.containerId ? `${l.containerType ?? 'carton'} ${l.containerId}` : ''}</td><td className="num">{count(l.qtyEach)} each</td></tr>)}</tbody></table>
            <h3>Received</h3>
            <table className="table compact"><tbody>{data.receipts.map((r, i) => <tr key={i}><td>{r.poNumber}</td><td>{day(r.receiveDate)}</td><td>{r.fc ?? ''}</td><td className="num">{count(r.qtyEach)} each</td></tr>)}</tbody></table>
            <h3>Invoiced</h3>
            <table className="table compact"><tbody>{data.invoiceLines.map((l) => <tr key={`${l.invoiceNumber}-${l.lineNo}`}><td><DocLink to="invoices" param={l.invoiceNumber} /> #{l.lineNo}</td><td>{day(l.invoiceDate)}</td><td>{l.poNumber ?? '—'}</td><td className="num">{count(l.qtyEach)} each</td><td className="num">{money(l.amountCents, l.currency)}</td></tr>)}</tbody></table>
          </section>
          {data.remitLines.length > 0 && (
            <section className="card" aria-labelledby="asin-remit-title">
              <h2 id="asin-remit-title">Payments and claims on its invoices</h2>
              <RemitLines lines={data.remitLines} showPayment />
            </section>
          )}
        </>
      )}
    </div>
  );
}
