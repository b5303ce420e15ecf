import { useState } from 'react';
import { call } from '../lib/api';
import { useApp } from '../store/app';
import { useFindings, type SearchField } from '../features/findings/store';

const ASIN = /^B0[0-9A-Z]{8}$/i;

/**
 * One box for any document number. An ASIN opens its ledger; otherwise the findings that carry
 * the number (as an invoice, claim, PO or payment) open in the worklist, or the invoice/payment
 * itself when no finding mentions it.
 */
export function GlobalSearch() {
  const [text, setText] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const go = useApp((s) => s.go);
  const search = async () => {
    const q = text.trim();
    if (!q) return;
    setMessage(null);
    if (ASIN.test(q)) {
      go('asin', q.toUpperCase());
      return;
    }
    const hits = await useApp.getState().track('Searching', () => call('search:findings', { text: q }));
    if (!hits) return;
    const best = [...hits].sort((a, b) => b.total - a.total)[0];
    if (best) {
      const field = best.field as SearchField;
      useFindings.setState({ filter: { [field]: q } });
      void useFindings.getState().reload();
      go('findings');
      return;
    }
    // No finding mentions it: try the document screens.
    const inv = await call('invoices:list', { filter: { number: q }, limit: 1 }).catch(() => null);
    if (inv?.items[0]) return go('invoices', inv.items[0].invoiceNumber);
    const pay = await call('payments:list', { filter: { number: q }, limit: 1 }).catch(() => null);
    if (pay?.items[0]) return go('payments', pay.items[0].paymentNumber);
    setMessage(`Nothing found for "${q}".`);
  };
  return (
    <form
      role="search"
      className="global-search"
      onSubmit={(e) => {
        e.preventDefault();
        void search();
      }}
    >
      <label htmlFor="global-search" className="sr-only">Search invoice, PO, ASIN, claim or payment number</label>
      <input id="global-search" type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder="Search numbers…  /" autoComplete="off" data-testid="global-search" />
      {message && <p className="search-msg" role="status">{message}</p>}
    </form>
  );
}
