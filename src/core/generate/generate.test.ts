import { describe, expect, it } from 'vitest';
import { generateBusiness, pctBp, uomSafe, gs1Check, type GenEvent } from './scenario';
import { X12Envelope, invoice810, asn856, remit820, po850 } from './x12';
import { remittanceRows, HIDDEN_LINES_TEXT } from './vc';
import { usd, mdy } from './text';
import { FINDING_TYPES, type Truth } from './model';
import { compareFindings } from './compare';

function run(seed: string, invoiceLines: number): { events: GenEvent[]; truth: Truth } {
  const events: GenEvent[] = [];
  const g = generateBusiness({ seed, invoiceLines });
  let r = g.next();
  while (!r.done) {
    events.push(r.value);
    r = g.next();
  }
  return { events, truth: r.value };
}

describe('generateBusiness', () => {
  const a = run('unit', 1500);

  it('is deterministic for a seed and differs between seeds', () => {
    const b = run('unit', 1500);
    expect(JSON.stringify(b.events)).toBe(JSON.stringify(a.events));
    expect(JSON.stringify(b.truth)).toBe(JSON.stringify(a.truth));
    const c = run('other', 1500);
    expect(JSON.stringify(c.events)).not.toBe(JSON.stringify(a.events));
  });

  it('writes about the requested number of invoice lines', () => {
    expect(a.truth.invoice_lines).toBeGreaterThanOrEqual(1500);
    expect(a.truth.invoice_lines).toBeLessThan(1500 + 40);
  });

  it('plants every finding type with a positive amount and keys that exist in the documents', () => {
    const types = new Set(a.truth.findings.map((f) => f.type));
    expect(FINDING_TYPES.filter((t) => !types.has(t))).toEqual([]);
    const invoices = new Set(a.events.flatMap((e) => (e.type === 'invoice' ? [e.invoice.invoiceNumber] : [])));
    const docs = new Set(a.events.flatMap((e) => (e.type === 'payment' ? e.payment.lines.map((l) => l.docNumber) : [])));
    const payments = new Set(a.events.flatMap((e) => (e.type === 'payment' ? [e.payment.paymentNumber] : [])));
    for (const f of a.truth.findings) {
      expect(Number.isInteger(f.amount_cents) && f.amount_cents > 0).toBe(true);
      if (f.invoice_number) expect(invoices.has(f.invoice_number)).toBe(true);
      if (f.claim_number) expect(docs.has(f.claim_number)).toBe(true);
      if (f.payment_number) expect(payments.has(f.payment_number)).toBe(true);
    }
    // An unpaid invoice has no remittance line at all.
    for (const f of a.truth.findings.filter((x) => x.type === 'UNPAID_INVOICE')) expect(docs.has(f.invoice_number!)).toBe(false);
  });

  it('keeps invoices and payments arithmetically whole', () => {
    for (const e of a.events) {
      if (e.type === 'invoice') expect(e.invoice.totalCents).toBe(e.invoice.lines.reduce((s, l) => s + l.amountCents, 0));
      if (e.type === 'payment') {
        const p = e.payment;
        expect(p.amountCents).toBe(p.lines.reduce((s, l) => s + l.paidCents, 0) + p.hiddenCents);
        // Deductions take money (negative), reversals give it back; a discount never exceeds its line.
        for (const l of p.lines) expect(Math.abs(l.discountCents)).toBeLessThanOrEqual(Math.abs(l.invoiceAmountCents));
        for (const l of p.lines.filter((x) => x.kind === 'chargeback' || x.kind === 'agreement')) expect(l.paidCents).toBeLessThan(0);
        for (const l of p.lines.filter((x) => x.kind === 'reversal')) expect(l.paidCents).toBeGreaterThan(0);
      }
    }
    const tieOuts = a.truth.findings.filter((f) => f.type === 'PAYMENT_TIE_OUT_GAP').map((f) => f.payment_number);
    const hidden = a.events.flatMap((e) => (e.type === 'payment' && e.payment.hiddenCents !== 0 ? [e.payment.paymentNumber] : []));
    expect(hidden.sort()).toEqual(tieOuts.sort());
  });

  it('flushes payments in date order and never after the as-of date', () => {
    const dates = a.events.flatMap((e) => (e.type === 'payment' ? [e.payment.date] : []));
    expect([...dates].sort()).toEqual(dates);
    expect(dates.every((d) => d <= a.truth.as_of)).toBe(true);
  });

  it('scores itself perfectly when the raised findings are the truth', () => {
    const r = compareFindings(a.truth, a.truth.findings.map((f) => ({ ...f })));
    expect([r.recall, r.precision, r.moneyDiffCents]).toEqual([1, 1, 0]);
    const off = compareFindings(a.truth, a.truth.findings.slice(1).map((f) => ({ ...f, amount_cents: f.amount_cents + 1 })));
    expect(off.missed).toHaveLength(1);
    expect(off.moneyDiffCents).toBe(a.truth.findings.length - 1);
  });
});

describe('money and case-pack helpers', () => {
  it('takes percentages half to even', () => {
    expect(pctBp(100000, 200)).toBe(2000);
    expect(pctBp(125, 200)).toBe(2); // 2.5 → 2
    expect(pctBp(175, 200)).toBe(4); // 3.5 → 4
    expect(pctBp(-87782, 200)).toBe(-1756);
  });
  it('flags quantity pairs that differ by the case pack', () => {
    expect(uomSafe([120, 10], 12)).toBe(false); // ratio = case pack
    expect(uomSafe([120, 108], 12)).toBe(false); // difference = one case
    expect(uomSafe([96, 72, 96], 12)).toBe(true);
    expect(uomSafe([96, 96, 96], 12)).toBe(true);
  });
  it('computes GS1 mod-10 check digits (EAN-13 4006381333931, UPC-A 036000291452)', () => {
    expect(gs1Check('400638133393')).toBe('1');
    expect(gs1Check('03600029145')).toBe('2');
  });
  it('writes Vendor Central amount text and dates', () => {
    expect(usd(123456)).toBe('$1,234.56');
    expect(usd(-1230)).toBe('($12.30)');
    expect(usd(0)).toBe('$0.00');
    expect(mdy('2026-03-09')).toBe('03/09/2026');
  });
});

describe('X12 writers', () => {
  const { events } = run('x12', 400);
  const split = (text: string) => text.split('~\n').filter(Boolean).map((s) => s.split('*'));

  it('writes envelopes with matching control numbers and exact counts', () => {
    for (const [set, fid, make] of [
      ['850', 'PO', (e: GenEvent) => (e.type === 'po' && e.po.family === 'edi' ? po850(e.po) : null)],
      ['810', 'IN', (e: GenEvent) => (e.type === 'invoice' && e.invoice.family === 'edi' ? invoice810(e.invoice) : null)],
      ['856', 'SH', (e: GenEvent) => (e.type === 'shipment' && e.shipment.family === 'edi' ? asn856(e.shipment) : null)],
      ['820', 'RA', (e: GenEvent) => (e.type === 'payment' ? remit820(e.payment) : null)],
    ] as const) {
      const env = new X12Envelope({ sender: 'AMAZON', receiver: 'NWHG7', functionalId: fid, version: set === '856' ? '005010' : '004010', date: '2026-03-02', control: 42 });
      let text = env.header();
      let n = 0;
      for (const e of events) {
        const body = make(e);
        if (body) {
          text += env.transaction(set, body);
          n++;
        }
      }
      text += env.trailer();
      expect(n).toBeGreaterThan(0);
      const segs = split(text);
      const isa = text.slice(0, text.indexOf('~'));
      expect(isa.length).toBe(105);
      expect(segs[0]![13]).toBe('000000042');
      expect(segs[1]!.slice(0, 2)).toEqual(['GS', fid]);
      expect(segs.at(-1)).toEqual(['IEA', '1', '000000042']);
      expect(segs.at(-2)).toEqual(['GE', String(n), '42']);
      let st: string[] | null = null;
      let count = 0;
      let transactions = 0;
      for (const s of segs) {
        if (s[0] === 'ST') {
          st = s;
          count = 0;
        }
        if (st) count++;
        if (s[0] === 'SE') {
          expect(s[2]).toBe(st![2]);
          expect(Number(s[1])).toBe(count);
          transactions++;
          st = null;
        }
      }
      expect(transactions).toBe(n);
    }
  });

  it('writes 810 totals in implied cents equal to the IT1 lines', () => {
    const inv = events.find((e) => e.type === 'invoice' && e.invoice.lines.length > 2);
    if (!inv || inv.type !== 'invoice') throw new Error('no invoice');
    const body = invoice810(inv.invoice);
    const it1 = body.filter((s) => s[0] === 'IT1');
    const sum = it1.reduce((a, s) => a + Math.round(Number(s[2]) * Number(s[4]) * 100), 0);
    expect(body.find((s) => s[0] === 'TDS')![1]).toBe(sum);
    expect(it1[0]!.slice(6, 12)).toEqual(['BP', inv.invoice.lines[0]!.item.asin, 'VN', inv.invoice.lines[0]!.item.sku, 'PO', inv.invoice.lines[0]!.poNumber]);
  });

  it('ties 820 BPR02 to the RMR net amounts plus the ADX adjustments', () => {
    for (const e of events) {
      if (e.type !== 'payment' || e.payment.hiddenCents !== 0) continue;
      const body = remit820(e.payment);
      const total = body.reduce((a, s) => a + (s[0] === 'RMR' ? Math.round(Number(s[4]) * 100) : s[0] === 'ADX' ? Math.round(Number(s[1]) * 100) : 0), 0);
      expect(Math.round(Number(body[0]![2]) * 100)).toBe(total);
    }
  });
});

describe('Vendor Central remittance rows', () => {
  it('stacks the payment section, the warning row, the Invoices title and the lines', () => {
    const { events } = run('vc', 400);
    const payments = events.flatMap((e) => (e.type === 'payment' ? [e.payment] : []));
    const rows = [...remittanceRows(payments)];
    expect(rows[0]![0]).toBe('Payment Number');
    const warn = rows.findIndex((r) => r[2] === HIDDEN_LINES_TEXT);
    const title = rows.findIndex((r) => r[0] === 'Invoices');
    expect(warn).toBe(payments.length + 1);
    expect(title).toBeGreaterThan(warn);
    expect(rows[title + 1]!.slice(0, 2)).toEqual(['Payment Number', 'Invoice Number']);
    expect(rows.length - title - 2).toBe(payments.reduce((a, p) => a + p.lines.length, 0));
    expect(rows.slice(title + 2).some((r) => /^\(\$[\d,]+\.\d\d\)$/.test(r[8]!))).toBe(true);
  });
});
