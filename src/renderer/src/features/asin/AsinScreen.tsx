// The ASIN ledger: everything about one item across the documents — ordered, shipped (with the
// cartons), received, invoiced, paid or claimed — and the findings raised on it.
import { useEffect, useRef, useState, type RefObject } from 'react';
import { create } from 'zustand';
import type { AsinLedgerDto } from '../../../../shared/ipc-documents';
import { call } from '../../lib/api';
import { count } from '../../lib/format';
import { useApp } from '../../store/app';
import { docHref } from '../settings/routes';
import { amount, DocLink, dayOrDash, FindingsOn, unitCost, units, uomText, useHashParam } from '../payments/common';
import { RemitLinesTable } from '../payments/PaymentsScreen';

const SECTION_LIMIT = 500;

interface LedgerState {
  ledger: AsinLedgerDto | null;
  loadingFor: string | null;
  load(asin: string): Promise<void>;
}

export const useLedger = create<LedgerState>((set, get) => ({
  ledger: null,
  loadingFor: null,
  async load(asin) {
    set({ loadingFor: asin });
    const ledger = await useApp.getState().track(`Loading ASIN ${asin}`, () => call('asin:ledger', { asin, limit: SECTION_LIMIT }));
    if (get().loadingFor === asin) set({ ledger: ledger ?? null, loadingFor: null });
  },
}));

export function AsinScreen() {
  const param = useHashParam('asin');
  const { ledger, loadingFor, load } = useLedger();
  const [text, setText] = useState(param ?? '');
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (param) {
      setText(param);
      void load(param.trim().toUpperCase());
    }
  }, [param, load]);
  const shown = ledger && param && ledger.asin === param.trim().toUpperCase() ? ledger : null;
  useEffect(() => {
    if (shown) heading.current?.focus();
  }, [shown]);
  return (
    <div className="screen docs-screen">
      <header className="screen-head">
        <div>
          <h1>ASIN ledger</h1>
          <p className="lede">Everything about one item across the documents: ordered, shipped (with cartons), received, invoiced, and what Amazon paid or claimed.</p>
        </div>
      </header>
      <form
        className="filters card"
        role="search"
        aria-label="Look up an ASIN"
        onSubmit={(e) => {
          e.preventDefault();
          const v = text.trim().toUpperCase();
          if (v) location.hash = docHref('asin', v);
        }}
      >
        <label className="grow">
          <span>ASIN</span>
          <input type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder="e.g. B07DFYF5AB" data-testid="asin-input" />
        </label>
        <div className="filter-actions"><button type="submit" className="btn primary">Show ledger</button></div>
      </form>
      {!param && <p className="empty">Type an ASIN above, or follow an ASIN link from an invoice or a finding.</p>}
      {param && !shown && <p className="empty">{loadingFor ? 'Loading…' : `Nothing loaded for ${param}.`}</p>}
      {shown && <Ledger ledger={shown} heading={heading} />}
    </div>
  );
}

/** The ledger cut to one PO; remittance lines follow the invoices that carry the PO. */
function onlyPo(l: AsinLedgerDto, po: string): AsinLedgerDto {
  const invoiceLines = l.invoiceLines.filter((x) => x.poNumber === po);
  const invoices = new Set(invoiceLines.map((x) => x.invoiceNumber));
  return {
    ...l,
    poLines: l.poLines.filter((x) => x.poNumber === po),
    asnLines: l.asnLines.filter((x) => x.poNumber === po),
    receipts: l.receipts.filter((x) => x.poNumber === po),
    invoiceLines,
    remitLines: l.remitLines.filter((x) => x.poNumber === po || (x.invoiceNumber !== null && invoices.has(x.invoiceNumber))),
    findings: l.findings.filter((x) => x.po_number === po || x.po_number === null),
  };
}

const sum = (rows: AsinLedgerDto['byPo'], k: 'ordered' | 'shipped' | 'received' | 'invoiced' | 'invoicedCents'): number => rows.reduce((t, r) => t + r[k], 0);

/** The invoiced amounts add up only when they share a currency. */
function oneCurrency(ledger: AsinLedgerDto): string | null {
  const set = new Set(ledger.byPo.map((p) => p.currency).filter((c): c is string => !!c));
  return set.size === 1 ? [...set][0]! : null;
}

function Truncated({ ledger, section, shown }: { ledger: AsinLedgerDto; section: string; shown: number }) {
  const all = ledger.truncated[section];
  return all ? <p className="muted small">Showing the latest {count(shown)} of {count(all)} rows.</p> : null;
}

function Ledger({ ledger: all, heading }: { ledger: AsinLedgerDto; heading: RefObject<HTMLHeadingElement | null> }) {
  // One PO's rows behind its line in the by-PO table (of the rows loaded).
  const [po, setPo] = useState<string | null>(null);
  const ledger = po ? onlyPo(all, po) : all;
  const empty = !ledger.poLines.length && !ledger.asnLines.length && !ledger.receipts.length && !ledger.invoiceLines.length && !ledger.remitLines.length && !ledger.findings.length;
  return (
    <>
      <h2 className="ledger-title" ref={heading} tabIndex={-1} data-testid="ledger-asin">{ledger.asin}</h2>
      {empty && <p className="callout" role="note">No imported document mentions {ledger.asin}. Lines keyed only by vendor SKU, UPC or EAN are not shown here.</p>}
      {all.byPo.length > 0 && (
        <section className="card" aria-labelledby="ledger-match-title">
          <h2 id="ledger-match-title">Ordered, shipped, received, invoiced — by PO</h2>
          <table className="table compact" data-testid="ledger-by-po">
            <caption className="sr-only">Units of {ledger.asin} per purchase order</caption>
            <thead>
              <tr>
                <th scope="col">PO</th><th scope="col" className="num">Ordered</th><th scope="col" className="num">Shipped (ASN)</th>
                <th scope="col" className="num">Received</th><th scope="col" className="num">Invoiced</th><th scope="col" className="num">Invoiced amount</th>
              </tr>
            </thead>
            <tbody>
              {all.byPo.map((p) => {
                const short = p.received < p.invoiced;
                const over = p.invoiced > p.shipped && p.shipped > 0;
                return (
                  <tr key={p.poNumber}>
                    <td>
                      <button type="button" className="link" aria-pressed={po === p.poNumber} onClick={() => setPo(po === p.poNumber ? null : p.poNumber)}
                        aria-label={po === p.poNumber ? `Show the rows of every PO` : `Show only the rows of PO ${p.poNumber}`}>
                        {p.poNumber}
                      </button>
                    </td>
                    <td className="num">{units(p.ordered)}</td>
                    <td className={`num${over ? ' warn-text' : ''}`}>{units(p.shipped)}</td>
                    <td className={`num${short ? ' bad-text' : ''}`} title={short ? 'Fewer units received than invoiced' : undefined}>{units(p.received)}{short ? <span className="sr-only"> (fewer than invoiced)</span> : null}</td>
                    <td className="num">{units(p.invoiced)}</td>
                    <td className="num">{p.currency ? amount(p.invoicedCents, p.currency) : '—'}</td>
                  </tr>
                );
              })}
            </tbody>
            {all.byPo.length > 1 && (
              <tfoot>
                <tr>
                  <th scope="row">All POs</th>
                  <td className="num">{units(sum(all.byPo, 'ordered'))}</td>
                  <td className="num">{units(sum(all.byPo, 'shipped'))}</td>
                  <td className="num">{units(sum(all.byPo, 'received'))}</td>
                  <td className="num">{units(sum(all.byPo, 'invoiced'))}</td>
                  <td className="num">{oneCurrency(all) ? <strong>{amount(sum(all.byPo, 'invoicedCents'), oneCurrency(all)!)}</strong> : '—'}</td>
                </tr>
              </tfoot>
            )}
          </table>
        </section>
      )}
      {po && (
        <p className="callout" role="status" data-testid="po-filter">
          Showing the rows of PO <strong>{po}</strong> only (remittance lines: those on its invoices).{' '}
          <button type="button" className="link" onClick={() => setPo(null)}>Show every PO</button>
        </p>
      )}
      <section className="card" aria-labelledby="ledger-po-title">
        <h2 id="ledger-po-title">Purchase order lines</h2>
        {ledger.poLines.length === 0 ? <p className="empty">No PO lines.</p> : (
          <table className="table compact">
            <caption className="sr-only">Purchase order lines for {ledger.asin}</caption>
            <thead><tr><th scope="col">PO</th><th scope="col">Line</th><th scope="col">Ordered on</th><th scope="col" className="num">Units</th><th scope="col">Unit of measure</th><th scope="col" className="num">Unit cost</th></tr></thead>
            <tbody>
              {ledger.poLines.map((l) => (
                <tr key={`${l.poNumber}-${l.lineNo}`}>
                  <td>{l.poNumber}</td><td>{l.lineNo}</td><td className="nowrap">{dayOrDash(l.orderDate)}</td><td className="num">{units(l.orderedEach)}</td>
                  <td className="muted">{uomText(null, l.uom, l.caseSize)}</td><td className="num">{unitCost(l.unitCostE4, l.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <Truncated ledger={all} section="poLines" shown={all.poLines.length} />
      </section>
      <section className="card" aria-labelledby="ledger-asn-title">
        <h2 id="ledger-asn-title">Shipped (ASN lines and cartons)</h2>
        {ledger.asnLines.length === 0 ? <p className="empty">No ASN lines.</p> : (
          <table className="table compact" data-testid="ledger-asn">
            <caption className="sr-only">ASN lines for {ledger.asin}</caption>
            <thead><tr><th scope="col">Shipment</th><th scope="col">Shipped</th><th scope="col">PO</th><th scope="col">Carton</th><th scope="col">On pallet</th><th scope="col" className="num">Units</th><th scope="col">Unit of measure</th></tr></thead>
            <tbody>
              {ledger.asnLines.map((l) => (
                <tr key={`${l.shipmentId}-${l.lineNo}`}>
                  <td className="mono">{l.shipmentId}</td><td className="nowrap">{dayOrDash(l.shippedDate)}</td><td>{l.poNumber ?? '—'}</td>
                  <td className="mono">{l.containerId ?? '—'}{l.containerType === 'pallet' ? ' (pallet)' : ''}</td><td className="mono muted">{l.parentId ?? '—'}</td>
                  <td className="num">{units(l.qtyEach)}</td><td className="muted">{uomText(null, l.uom, l.caseSize)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <Truncated ledger={all} section="asnLines" shown={all.asnLines.length} />
      </section>
      <section className="card" aria-labelledby="ledger-rcv-title">
        <h2 id="ledger-rcv-title">Received</h2>
        {ledger.receipts.length === 0 ? <p className="empty">No receipts.</p> : (
          <table className="table compact">
            <caption className="sr-only">Receipts for {ledger.asin}</caption>
            <thead><tr><th scope="col">PO</th><th scope="col">Line</th><th scope="col">Received on</th><th scope="col" className="num">Units</th><th scope="col">Kind</th><th scope="col">FC</th><th scope="col">Status</th></tr></thead>
            <tbody>
              {ledger.receipts.map((r, i) => (
                <tr key={i}>
                  <td>{r.poNumber}</td><td>{r.lineNo ?? '—'}</td><td className="nowrap">{dayOrDash(r.receiveDate)}</td><td className="num">{units(r.qtyEach)}</td>
                  <td className="muted" title={r.mode === 'snapshot' ? 'A running total for the PO line (the latest counts)' : 'One receiving event (events add up)'}>{r.mode === 'snapshot' ? 'Running total' : 'Event'}</td>
                  <td>{r.fc ?? '—'}</td><td className="muted">{r.status ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <Truncated ledger={all} section="receipts" shown={all.receipts.length} />
      </section>
      <section className="card" aria-labelledby="ledger-inv-title">
        <h2 id="ledger-inv-title">Invoiced</h2>
        {ledger.invoiceLines.length === 0 ? <p className="empty">No invoice lines.</p> : (
          <table className="table compact" data-testid="ledger-invoices">
            <caption className="sr-only">Invoice lines for {ledger.asin}</caption>
            <thead><tr><th scope="col">Invoice</th><th scope="col">Dated</th><th scope="col">Line</th><th scope="col">PO</th><th scope="col" className="num">Units</th><th scope="col" className="num">Unit cost</th><th scope="col" className="num">Amount</th></tr></thead>
            <tbody>
              {ledger.invoiceLines.map((l) => (
                <tr key={`${l.invoiceNumber}-${l.lineNo}`}>
                  <td><DocLink route="invoices" id={l.invoiceNumber} /></td><td className="nowrap">{dayOrDash(l.invoiceDate)}</td><td>{l.lineNo}</td><td>{l.poNumber ?? '—'}</td>
                  <td className="num">{units(l.qtyEach)}</td><td className="num">{unitCost(l.unitCostE4, l.currency)}</td><td className="num">{amount(l.amountCents, l.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <Truncated ledger={all} section="invoiceLines" shown={all.invoiceLines.length} />
      </section>
      <section className="card" aria-labelledby="ledger-remit-title">
        <h2 id="ledger-remit-title">Paid and claimed (remittance lines on those invoices)</h2>
        <p className="muted small">Remittance names invoices, not items: these lines cover every item on the invoices above.</p>
        <RemitLinesTable lines={ledger.remitLines} caption={`Remittance lines on invoices carrying ${ledger.asin}`} showPayment />
        <Truncated ledger={all} section="remitLines" shown={all.remitLines.length} />
      </section>
      <FindingsOn findings={ledger.findings} what="ASIN" />
    </>
  );
}
