import { describe, expect, it } from 'vitest';
import { parseSheet, fingerprint, chooseProfile, suggestColumns, BUILTIN_PROFILES, type MappingProfile } from './index';
import type { ImportRecord, InvoiceRecord, ParseMeta, PaymentRecord, Reject, RemitLineRecord, ShipmentRecord } from '../records';
import { UnreadableFileError } from '../records';

async function* batches(rows: string[][], size = 3): AsyncIterable<string[][]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

async function parse(rows: string[][], opts: { marketplace?: string; container?: 'xlsx' | 'csv'; profiles?: MappingProfile[]; batch?: number } = {}) {
  const records: ImportRecord[] = [];
  const rejects: Reject[] = [];
  const meta: ParseMeta & { notes: string[]; hiddenLinePayments: string[] } = { notes: [], hiddenLinePayments: [] };
  const ctx = { fileName: 'Payments.xlsx', container: opts.container ?? 'xlsx', profiles: opts.profiles ?? BUILTIN_PROFILES, ...(opts.marketplace ? { marketplace: opts.marketplace } : {}) } as const;
  for await (const chunk of parseSheet(batches(rows, opts.batch), ctx)) {
    records.push(...chunk.records);
    rejects.push(...chunk.rejects);
    const m = chunk.meta;
    if (m?.format) meta.format = m.format;
    if (m?.marketplace) meta.marketplace = m.marketplace;
    if (m?.profile) meta.profile = m.profile;
    if (m?.notes) meta.notes.push(...m.notes);
    if (m?.hiddenLinePayments) meta.hiddenLinePayments.push(...m.hiddenLinePayments);
  }
  const of = <K extends ImportRecord['kind']>(k: K) => records.filter((r): r is Extract<ImportRecord, { kind: K }> => r.kind === k);
  return { records, rejects, meta, payments: of('payment') as PaymentRecord[], lines: of('remit_line') as RemitLineRecord[], of };
}

const PAY = ['Payment Number', 'Payment Date', 'Invoice Currency', 'Amount in Invoice Currency', 'Payment Currency', 'Amount in Payment Currency', 'Exchange Rate', 'Payment Type', 'Payment Status', 'Payment Voided Reason'];
const LINES = ['Payment Number', 'Invoice Number', 'Invoice Date', 'Description', 'Invoice Amount', 'Invoice Currency', 'Withholding Amount', 'Terms Discount Taken', 'Amount Paid', 'Remaining Amount'];
const WARN = 'One or more remittance items processed as part of this payment will not be displayed, as the corresponding ordering codes are not setup in your account.';

describe('Vendor Central remittance export', () => {
  const us = [
    PAY,
    ['367531888', '08/14/2026', 'USD', '$7,054.74', 'USD', '$7,054.74', '1', 'ACH', 'Paid', ''],
    ['367531890', '08/28/2026', 'USD', '$1,500.00', 'USD', '$1,500.00', '1', 'ACH', 'Paid', ''],
    ['Payment Number', '367531890, 367531893', WARN],
    [],
    ['Invoices'],
    LINES,
    ['367531888', 'VC17410', '07/15/2026', '6553UEPU/IST2/', '$8,000.00', 'USD', '$0.00', '$160.00', '$7,840.00', '$0.00'],
    ['367531888', 'VC17413SC', '07/20/2026', 'Shortage Claim for Invoice - VC17413', '($877.82)', 'USD', '$0.00', '($17.56)', '($860.26)', '$0.00'],
    ['367531888', '1520586356VCBSINV', '07/28/2026', 'PO on-time accuracy', '($125.00)', 'USD', '', '', '($125.00)', ''],
    ['367531888', 'VC17420', '07/22/2026', '', '$12.30', 'USD', '$0.00', '$0.00', '12,3O', '$0.00'],
    ['367531890', 'INV2002', '02/30/2026', '', '$1,000.00', 'USD', '$0.00', '$20.00', '$980.00', '$0.00'],
  ];

  it('finds both sections by their labels and reads text amounts and US dates', async () => {
    const r = await parse(us);
    expect(r.meta.format).toBe('vc_remittance_xlsx');
    expect(r.meta.marketplace).toBe('US');
    expect(r.payments.map((p) => [p.paymentNumber, p.paymentDate, p.amountCents, p.currency])).toEqual([
      ['367531888', '2026-08-14', 705474, 'USD'],
      ['367531890', '2026-08-28', 150000, 'USD'],
    ]);
    const byDoc = Object.fromEntries(r.lines.map((l) => [l.docNumber, l]));
    expect(byDoc.VC17410).toMatchObject({ paymentNumber: '367531888', docDate: '2026-07-15', invoiceAmountCents: 800000, discountCents: 16000, paidCents: 784000, remainingCents: 0, currency: 'USD', location: 'row 8' });
    expect(byDoc.VC17413SC).toMatchObject({ invoiceAmountCents: -87782, discountCents: -1756, paidCents: -86026 });
    expect(byDoc.VC17413SC!.doc).toMatchObject({ family: 'shortage_claim', root: 'VC17413', suffixChain: 'SC' });
    expect(byDoc['1520586356VCBSINV']).toMatchObject({ withholdingCents: 0, discountCents: 0, remainingCents: null });
    expect(byDoc['1520586356VCBSINV']!.doc.family).toBe('chargeback');
    // `{PO}/{warehouse}/` in a sales line's description names its PO; other descriptions do not.
    expect(byDoc.VC17410!.poNumber).toBe('6553UEPU');
    expect(byDoc.VC17413SC!.poNumber).toBeNull();
    expect(JSON.parse(byDoc.VC17410!.raw)).toMatchObject({ 'Invoice Number': 'VC17410', 'Amount Paid': '$7,840.00' });
  });

  it('records the payments the warning row lists and flags them', async () => {
    const r = await parse(us);
    expect(r.meta.hiddenLinePayments).toEqual(['367531890', '367531893']);
    expect(r.payments.find((p) => p.paymentNumber === '367531890')!.hiddenLines).toBe(true);
    expect(r.payments.find((p) => p.paymentNumber === '367531888')!.hiddenLines).toBe(false);
    expect(r.meta.notes.join(' ')).toMatch(/hides some lines of 2 payment/);
  });

  it('rejects each bad row with its row number, column and what was wrong, and keeps the rest', async () => {
    const r = await parse(us);
    expect(r.rejects.map((x) => `${x.location}: ${x.reason}`)).toEqual([
      'row 11: Amount Paid "12,3O" is not a number',
      'row 12: Invoice Date "02/30/2026" is not a real calendar date',
    ]);
    expect(r.rejects[0]).toMatchObject({ location: 'row 11', field: 'Amount Paid' });
    expect(JSON.parse(r.rejects[0]!.raw!)).toMatchObject({ 'Invoice Number': 'VC17420' });
    expect(r.lines).toHaveLength(3);
  });

  it('gives the same records whatever the batch size (rows held back until the dates tell)', async () => {
    const a = await parse(us, { batch: 1 });
    const b = await parse(us, { batch: 1000 });
    expect(a.records).toEqual(b.records);
    expect(a.rejects).toEqual(b.rejects);
  });

  it('finds headers wherever they are: title rows above, columns in another order', async () => {
    const shuffled = [
      ['Remittance payments'],
      [],
      ['Payment Date', 'Payment Number', 'Amount in Payment Currency', 'Payment Currency'],
      ['14/08/2026', '412345678', '1.234,56 €', 'EUR'],
      ['Invoices'],
      ['Invoice Number', 'Payment Number', 'Net Amount Paid', 'Invoice Amount', 'Invoice Date'],
      ['DE-1', '412345678', '1.234,56 €', '1.234,56 €', '20/07/2026'],
    ];
    const r = await parse(shuffled);
    expect(r.payments[0]).toMatchObject({ paymentNumber: '412345678', paymentDate: '2026-08-14', amountCents: 123456, currency: 'EUR' });
    expect(r.lines[0]).toMatchObject({ docNumber: 'DE-1', paidCents: 123456, docDate: '2026-07-20', currency: 'EUR' });
    expect(r.meta.marketplace).toBe('EU');
    expect(r.meta.notes.join(' ')).toMatch(/DD\/MM\/YYYY/);
  });

  it('reads each row under its own header when two exports are joined with different column orders', async () => {
    const rows = [
      LINES,
      ['367531888', 'INV-1', '07/01/2026', '', '$10.00', 'USD', '', '', '$10.00', ''],
      ['Invoice Number', 'Payment Number', 'Amount Paid', 'Invoice Amount', 'Invoice Date'],
      ['INV-2', '367531889', '$20.00', '$20.00', '07/02/2026'],
    ];
    const r = await parse(rows, { batch: 100 });
    expect(r.lines.map((l) => [l.paymentNumber, l.docNumber, l.paidCents, l.docDate])).toEqual([
      ['367531888', 'INV-1', 1000, '2026-07-01'],
      ['367531889', 'INV-2', 2000, '2026-07-02'],
    ]);
  });

  it('lets the marketplace hint decide the date order, and rejects dates that do not fit it', async () => {
    const rows = [PAY.slice(0, 6), ['367531888', '03/04/2026', 'USD', '$1.00', 'USD', '$1.00'], ['367531889', '25/04/2026', 'USD', '$1.00', 'USD', '$1.00']];
    const r = await parse(rows, { marketplace: 'US' });
    expect(r.payments[0]!.paymentDate).toBe('2026-03-04');
    expect(r.rejects[0]).toMatchObject({ location: 'row 3', field: 'Payment Date' });
    const uk = await parse(rows.slice(0, 2), { marketplace: 'UK' });
    expect(uk.payments[0]!.paymentDate).toBe('2026-04-03');
    expect(uk.meta.marketplace).toBe('UK');
  });

  it('decides day-first from a day above 12 even when the currency is dollars', async () => {
    const rows = [PAY.slice(0, 6), ['1', '03/04/2026', 'USD', '$1.00', 'USD', '$1.00'], ['2', '25/04/2026', 'USD', '$1.00', 'USD', '$1.00']];
    const r = await parse(rows);
    expect(r.payments.map((p) => p.paymentDate)).toEqual(['2026-04-03', '2026-04-25']);
  });

  it('reads the Indian layout with withholding, lakh grouping and the original invoice as root', async () => {
    const rows = [
      ['Invoice Number', 'Payment Number', 'Invoice Date', 'Transaction type', 'Transaction Description', 'Reference Details', 'Original Invoice Number', 'Invoice Amount', 'Invoice Currency', 'Withholding Amount', 'Terms Discount Taken', 'Amount Paid', 'Remaining Amount'],
      ['IN/26-27/0042', '512345678', '10/07/2026', 'Invoice', 'Payments', '6553UEPU', '', 'INR 1,25,000.00', 'INR', 'INR 1,250.00', 'INR 0.00', 'INR 1,23,750.00', 'INR 0.00'],
      ['DN-IN-88812', '512345678', '20/07/2026', 'Financial Debit Note Invoice', 'Quantity shortage', 'Ref 77', 'IN/26-27/0042', '(INR 294.00)', 'INR', 'INR 0.00', 'INR 0.00', '(INR 294.00)', 'INR 0.00'],
    ];
    const r = await parse(rows);
    expect(r.meta.marketplace).toBe('IN');
    expect(r.lines[0]).toMatchObject({ docDate: '2026-07-10', invoiceAmountCents: 12500000, withholdingCents: 125000, paidCents: 12375000, transactionType: 'Invoice', reference: '6553UEPU' });
    expect(r.lines[1]!.doc).toMatchObject({ family: 'shortage_claim', root: 'IN/26-27/0042' });
    expect(r.lines[1]).toMatchObject({ originalInvoice: 'IN/26-27/0042', description: 'Quantity shortage' });
  });

  it('refuses a payment number Excel turned into scientific notation', async () => {
    const r = await parse([PAY.slice(0, 6), ['3.68E+08', '08/14/2026', 'USD', '$1.00', 'USD', '$1.00']]);
    expect(r.rejects[0]!.reason).toMatch(/scientific notation/);
  });

  it('reports a section header that lacks a needed column as an unreadable file', async () => {
    await expect(parse([PAY.slice(0, 3), ['1', '08/14/2026', 'USD']])).rejects.toThrow(/no "Amount in Payment Currency" column/);
  });

  it('reports a line header without a paid column instead of reading its rows as payments', async () => {
    await expect(parse([PAY, ['367531888', '08/14/2026', 'USD', '$10', 'USD', '$10'], ['Invoices'], ['Payment Number', 'Invoice Number', 'Invoice Date', 'Description'], ['367531888', 'INV-1', '07/01/2026', 'x']]))
      .rejects.toThrow(/invoice-line header at row 4 has no "Invoice Amount", "Amount Paid \(or Net Amount Paid\)" column/);
  });

  it('keeps formula-looking text as inert text (exports neutralise it, the hostile-corpus test relies on it)', async () => {
    const r = await parse([LINES, ['367531888', '=HYPERLINK("http://evil.example/x","click")', '07/01/2026', '', '$1.00', 'USD', '', '', '$1.00', '']]);
    expect(r.lines[0]!.docNumber).toBe('=HYPERLINK("http://evil.example/x","click")');
  });

  it('rejects an invoice line in another currency than its payment\'s invoice currency', async () => {
    const r = await parse([
      PAY,
      ['367531888', '08/14/2026', 'USD', '$1,500.00', 'USD', '$1,500.00', '1', 'EFT', 'Paid', ''],
      ['Invoices'],
      LINES,
      ['367531888', 'INV-1', '07/01/2026', 'Invoice', '$1,000.00', 'USD', '0', '0', '$1,000.00', '0'],
      ['367531888', 'INV-2', '07/01/2026', 'Invoice', '500.00', 'EUR', '0', '0', '500.00', '0'],
    ], { container: 'csv' });
    expect(r.rejects.map((x) => [x.location, x.field, x.reason])).toEqual([
      ['row 6', 'Invoice Currency', 'Invoice Currency "EUR" differs from payment 367531888 (USD); one payment is settled in one currency'],
    ]);
    expect(r.lines.map((l) => [l.docNumber, l.currency])).toEqual([['INV-1', 'USD']]);
  });

  it('finds the payment header behind a BOM, raw or mis-decoded as Windows-1252 (LibreOffice)', async () => {
    for (const bom of ['\ufeff', 'ï»¿', 'Ã¯Â»Â¿']) {
      const r = await parse([[`${bom}Payment Number`, ...PAY.slice(1)], ['367531888', '08/14/2026', 'USD', '$1,500.00', 'USD', '$1,500.00', '1', 'EFT', 'Paid', '']]);
      expect(r.rejects).toEqual([]);
      expect(r.payments.map((p) => [p.paymentNumber, p.amountCents])).toEqual([['367531888', 150000]]);
      expect(JSON.parse(r.payments[0]!.raw)).toHaveProperty('Payment Number', '367531888');
    }
    const reg = await parse([['ï»¿Invoice Number', 'PO', 'ASIN', 'Quantity', 'Unit Cost'], ['INV1', 'PO1', 'B07DFYF5AB', '2', '1.00']], { container: 'csv' });
    expect((reg.of('invoice') as InvoiceRecord[]).map((i) => i.invoiceNumber)).toEqual(['INV1']);
  });

  it('sets the CSV format for the same sheet saved as CSV', async () => {
    const r = await parse(us, { container: 'csv' });
    expect(r.meta.format).toBe('vc_remittance_csv');
    expect(r.lines).toHaveLength(3);
  });
});

describe('register profiles', () => {
  it('fingerprints headers independent of order, case and punctuation', () => {
    expect(fingerprint(['PO #', 'ASIN', 'Qty'])).toBe(fingerprint(['qty', ' asin', 'PO Number']));
    expect(fingerprint(['PO', 'ASIN'])).not.toBe(fingerprint(['PO', 'ASIN', 'Qty']));
    expect(fingerprint(['PO', '', 'PO'])).toBe('po');
  });

  it('picks the profile by synonyms and target-specific fields', () => {
    const pick = (h: string[]) => {
      const c = chooseProfile(h, BUILTIN_PROFILES);
      return c.kind === 'match' ? c.resolved.profile.target : c.kind;
    };
    expect(pick(['Invoice #', 'Purchase Order', 'Model Number', 'Quantity', 'Net Cost'])).toBe('invoices');
    expect(pick(['ASN', 'PO Number', 'SKU', 'Quantity Shipped', 'SSCC'])).toBe('shipments');
    expect(pick(['PO', 'ASIN', 'Quantity Ordered', 'Unit Cost'])).toBe('purchase_orders');
    expect(pick(['PO', 'UPC', 'Quantity Received', 'Receive Date', 'FC'])).toBe('receipts');
    expect(pick(['PO', 'ASIN', 'Qty'])).toBe('none');
    expect(pick(['Invoice Number', 'Shipment ID', 'PO', 'ASIN', 'Qty', 'Cost', 'Ship Date'])).toBe('ambiguous');
  });

  it('suggests a starting mapping for an unknown layout and names what is still missing', () => {
    const s = suggestColumns(['Order', 'SKU', 'Units In', 'Receipt Date', 'Notes'], 'receipts', BUILTIN_PROFILES);
    expect(s.columns).toEqual({ vendorSku: 'SKU', receiveDate: 'Receipt Date' });
    expect(s.missing).toEqual(['PO', 'Quantity Received']);
  });

  it('prefers a profile the analyst saved for exactly this layout', () => {
    const saved: MappingProfile = {
      id: 'user-1', name: 'Our WMS receipts', target: 'receipts', builtin: false,
      fingerprint: fingerprint(['Order', 'Item', 'Units In', 'When']),
      columns: { poNumber: 'Order', vendorSku: 'Item', qty: 'Units In', receiveDate: 'When' },
    };
    const c = chooseProfile(['Order', 'Item', 'Units In', 'When'], [saved, ...BUILTIN_PROFILES]);
    expect(c.kind).toBe('match');
    if (c.kind === 'match') {
      expect(c.resolved.profile.id).toBe('user-1');
      expect(c.resolved.byFingerprint).toBe(true);
    }
  });

  it('groups invoice lines into invoices, in eaches, with terms, due dates and totals', async () => {
    const rows = [
      ['Invoice Register — July 2026'],
      [],
      ['Invoice Number', 'Invoice Date', 'Terms', 'PO Number', 'ASIN', 'Vendor SKU', 'UPC', 'Qty', 'UOM', 'Case Size', 'Unit Cost'],
      ['VC17410', '07/15/2026', '2% 10 Net 30', '6553uepu', 'b07dfyf5ab', 'WID-100', '12345678905', '40', 'CA', '20', '$10.00'],
      ['VC17413', '07/16/2026', '2% 10 Net 30', '1I1EH29Q', 'B07DFYF5AC', 'WID-200', '', '500', 'EA', '', '$5.125'],
      ['VC17410', '07/15/2026', '2% 10 Net 30', '6553UEPU', 'B07DFYF5AE', 'WID-150', '', '3', 'EA', '', '$10.00'],
    ];
    const r = await parse(rows, { container: 'csv' });
    expect(r.meta).toMatchObject({ format: 'register_csv', profile: 'builtin-invoices' });
    const invs = r.of('invoice') as InvoiceRecord[];
    expect(invs.map((i) => i.invoiceNumber)).toEqual(['VC17410', 'VC17413']);
    const a = invs[0]!;
    expect(a).toMatchObject({ invoiceDate: '2026-07-15', dueDate: '2026-08-14', discountPercentBp: 200, discountDays: 10, discountDate: '2026-07-25', netDays: 30, currency: 'USD', totalCents: 803000, poNumber: '6553UEPU', location: 'rows 4-6' });
    expect(a.lines[0]).toMatchObject({ lineNo: 1, poNumber: '6553UEPU', qty: { each: 800, uom: 'CA', amount: 40, caseSize: 20 }, unitCostE4: 100000, amountCents: 800000 });
    expect(a.lines[0]!.ids).toEqual({ asin: 'B07DFYF5AB', vendorSku: 'WID-100', upc: '012345678905', ean: null });
    expect(a.lines[1]).toMatchObject({ lineNo: 2, amountCents: 3000 });
    expect(invs[1]!.lines[0]).toMatchObject({ unitCostE4: 51250, amountCents: 256250 });
  });

  it('takes an invoice total over the line sum, from whichever row gives it', async () => {
    const rows = [
      ['Invoice Number', 'PO', 'ASIN', 'Quantity', 'Unit Cost', 'Line Amount', 'Invoice Total'],
      ['INV9', 'PO1', 'B07DFYF5AB', '2', '10.00', '20.00', ''],
      ['INV9', 'PO1', 'B07DFYF5AC', '1', '5.00', '5.00', '27.50'],
      ['INV8', 'PO1', 'B07DFYF5AC', '1', '-5.00', '-5.00', ''],
    ];
    const invs = (await parse(rows, { container: 'csv' })).of('invoice') as InvoiceRecord[];
    expect(invs.map((i) => [i.invoiceNumber, i.totalCents, i.invoiceType])).toEqual([['INV9', 2750, 'invoice'], ['INV8', -500, 'credit_note']]);
  });

  it('rejects a negative quantity unless the register types the document as a credit note', async () => {
    const rows = [
      ['Invoice Number', 'Invoice Type', 'PO', 'ASIN', 'Quantity', 'Unit Cost'],
      ['INV7', 'Invoice', 'PO1', 'B07DFYF5AB', '-10', '12.50'],
      ['CN7', 'Credit Note', 'PO1', 'B07DFYF5AB', '-10', '12.50'],
    ];
    const r = await parse(rows, { container: 'csv' });
    expect(r.rejects.map((x) => [x.location, x.field, x.reason])).toEqual([
      ['row 2', 'Quantity', 'Quantity "-10" is negative on invoice INV7, which is not marked as a credit note (Invoice Type is "Invoice"): a quantity of 0 or more is expected; credits belong on a credit note'],
    ]);
    const invs = r.of('invoice') as InvoiceRecord[];
    expect(invs.map((i) => [i.invoiceNumber, i.invoiceType, i.totalCents, i.lines[0]!.qty.each])).toEqual([['CN7', 'credit_note', -12500, -10]]);
  });

  it('groups ASN rows into shipments with cartons, pallets and lines in eaches', async () => {
    const rows = [
      ['Shipment ID', 'PO', 'ASIN', 'Quantity Shipped', 'UOM', 'Case Size', 'Carton ID', 'Pallet ID', 'BOL', 'Carrier', 'Ship Date', 'Ship To', 'Freight Terms'],
      ['SH-1', '6553UEPU', 'B07DFYF5AB', '10', 'CA', '20', '00012345678901234567', '00012345678900000001', 'BOL1', 'abfs', '07/14/2026', 'ist2', 'Prepaid'],
      ['SH-1', '6553UEPU', 'B07DFYF5AB', '10', 'CA', '20', '00012345678901234568', '00012345678900000001', 'BOL1', 'ABFS', '07/14/2026', 'IST2', 'Prepaid'],
    ];
    const r = await parse(rows, { container: 'csv' });
    const [s] = r.of('shipment') as ShipmentRecord[];
    expect(s).toMatchObject({ shipmentId: 'SH-1', shippedDate: '2026-07-14', carrierScac: 'ABFS', bol: 'BOL1', shipTo: 'IST2', freightTerms: 'prepaid' });
    expect(s!.cartons.map((c) => [c.containerId, c.type, c.parentId, c.idType])).toEqual([
      ['00012345678900000001', 'pallet', null, 'SSCC'],
      ['00012345678901234567', 'carton', '00012345678900000001', 'SSCC'],
      ['00012345678901234568', 'carton', '00012345678900000001', 'SSCC'],
    ]);
    expect(s!.lines.map((l) => [l.lineNo, l.qty.each, l.containerId])).toEqual([[1, 200, '00012345678901234567'], [2, 200, '00012345678901234568']]);
    // Carrier and Ship To differ only in case between the rows: that is agreement, not a conflict.
    expect(r.rejects).toHaveLength(0);
  });

  it('rejects rows that disagree with their document and rows without an item', async () => {
    const rows = [
      ['Shipment ID', 'PO', 'ASIN', 'Vendor SKU', 'Qty', 'Ship Date'],
      ['SH-2', 'PO1', 'B07DFYF5AB', '', '5', '07/14/2026'],
      ['SH-2', 'PO1', 'B07DFYF5AC', '', '5', '07/15/2026'],
      ['SH-2', 'PO1', '', '', '5', ''],
    ];
    const r = await parse(rows, { container: 'csv' });
    expect(r.rejects.map((x) => [x.location, x.field, x.reason])).toEqual([
      ['row 3', 'Ship Date', 'Ship Date "07/15/2026" differs from "07/14/2026" on row 2 for the same shipment SH-2'],
      ['row 4', 'ASIN', 'the row names no item (ASIN, Vendor SKU all empty)'],
    ]);
  });

  it('skips the header row repeated by exports joined into one file', async () => {
    const head = ['PO', 'ASIN', 'Quantity Received', 'Receive Date'];
    const r = await parse([head, ['P1', 'B07DFYF5AB', '5', '2026-07-21'], head, ['P1', 'B07DFYF5AB', '7', '2026-07-22']], { container: 'csv' });
    expect(r.rejects).toEqual([]);
    expect(r.of('receipt').map((x) => x.qty.each)).toEqual([5, 7]);
    expect(r.meta.notes.join(' ')).toMatch(/1 repeated header row/);
  });

  it('makes receipt events, and PO lines with their windows', async () => {
    const rec = await parse([
      ['PO #', 'External Id', 'Quantity Received', 'Received Date', 'FC'],
      ['6553UEPU', 'WID-100', '380', '21/07/2026', 'IST2'],
      ['6553UEPU', 'WID-100', '20', '23/07/2026', 'IST2'],
    ], { container: 'csv' });
    expect(rec.of('receipt').map((x) => [x.poNumber, x.ids.vendorSku, x.qty.each, x.receiveDate, x.mode, x.fc])).toEqual([
      ['6553UEPU', 'WID-100', 380, '2026-07-21', 'event', 'IST2'],
      ['6553UEPU', 'WID-100', 20, '2026-07-23', 'event', 'IST2'],
    ]);
    const po = await parse([
      ['PO', 'ASIN', 'Quantity Requested', 'Unit Cost', 'Window start', 'Window end', 'Ship to location'],
      ['1I1EH29Q', 'B07DFYF5AC', '500', '5.1250', '2026-07-03', '2026-07-10', 'XTRA'],
    ]);
    expect(po.of('purchase_order')[0]).toMatchObject({ poNumber: '1I1EH29Q', windowStart: '2026-07-03', windowEnd: '2026-07-10', shipTo: 'XTRA', lines: [{ lineNo: 1, ordered: { each: 500 }, unitCostE4: 51250 }] });
  });

  it('reads a decimal-comma register when the profile or marketplace says so', async () => {
    const rows = [['Invoice Number', 'PO', 'EAN', 'Menge', 'Qty', 'Unit Cost'], ['DE-9', 'PO1', '4006381333931', '', '2', '1.234,5']];
    const r = await parse(rows, { marketplace: 'DE' });
    const [inv] = r.of('invoice') as InvoiceRecord[];
    expect(inv!.lines[0]).toMatchObject({ unitCostE4: 12345000, amountCents: 246900 });
    expect(inv!.currency).toBe('EUR');
  });

  it('reads Vendor Central\'s Invoices export as header-only invoices', async () => {
    const r = await parse([
      ['Marketplace', 'Invoice Date', 'Payment Due date', 'Status', 'Actual Paid Amount', 'Payee', 'Creation Date', 'Invoice number', 'Price', 'Any Deductions'],
      ['US', '07/15/2026', '08/14/2026', 'Paid', '$7,840.00', 'AMWV0', '07/15/2026', 'VC17500', '$8,000.00', '$0.00'],
    ], { container: 'csv' });
    expect(r.meta.profile).toBe('builtin-vc-invoices-export');
    expect(r.of('invoice')[0]).toMatchObject({ invoiceNumber: 'VC17500', invoiceDate: '2026-07-15', dueDate: '2026-08-14', status: 'Paid', totalCents: 800000, remitTo: 'AMWV0', lines: [] });
  });
});

describe('unreadable sheets', () => {
  it('names the headers of an unknown layout and how to save a profile', async () => {
    const err = await parse([['Item', 'Count', 'Where'], ['Widget', '1', 'Shelf 4']]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnreadableFileError);
    const msg = (err as Error).message;
    expect(msg).toContain('headers found (row 1): Item, Count, Where');
    expect(msg).toContain('saveProfile');
    expect(msg).toContain('fingerprint "count|item|where"');
    expect(msg).not.toContain('\n');
  });

  it('says which columns the nearest built-in layout lacks', async () => {
    await expect(parse([['Invoice #', 'PO', 'ASIN', 'Qty'], ['I1', 'P1', 'B07DFYF5AB', '1']])).rejects.toThrow(/nearest built-in layout, "Invoice register.*", lacks Unit Cost or Line Amount\./);
  });

  it('refuses a saved profile that leaves out a field its documents need', async () => {
    const thin: MappingProfile = { id: 'u3', name: 'Thin receipts', target: 'receipts', builtin: false, fingerprint: fingerprint(['Order', 'Units']), columns: { poNumber: 'Order', qty: 'Units' } };
    await expect(parse([['Order', 'Units'], ['P1', '2']], { profiles: [thin, ...BUILTIN_PROFILES] })).rejects.toThrow(/"Thin receipts" maps no column to receiveDate, asin or vendorSku or upc or ean, which receipts need/);
  });

  it('refuses a saved profile whose target Recoup does not import', async () => {
    const odd: MappingProfile = { id: 'u2', name: 'Odd', target: 'returns', builtin: false, fingerprint: fingerprint(['A', 'B']), columns: { poNumber: 'A', qty: 'B' } };
    await expect(parse([['A', 'B'], ['1', '2']], { profiles: [odd] })).rejects.toThrow(/target "returns"/);
  });

  it('names the payables-ready-for-deduction list instead of importing it', async () => {
    const rows = [['Your payables - ready for deduction'], [], ['Vendor code', 'Transaction number', 'Transaction date', 'Type', 'Invoice amount', 'Deducted amount', 'Balance', ''], ['AMWV0', '6268-1490026100', '07/31/2026', 'Contra COGS', '($2,000.00)', '($1,000.00)', '($1,000.00)', '']];
    await expect(parse(rows)).rejects.toThrow(/payables ready for deduction/);
  });

  it('refuses an ambiguous layout rather than guessing', async () => {
    await expect(parse([['Invoice Number', 'Shipment ID', 'PO', 'ASIN', 'Qty', 'Cost', 'Ship Date'], ['I1', 'S1', 'P1', 'B07DFYF5AB', '1', '1.00', '07/14/2026']])).rejects.toThrow(/equally well/);
  });

  it('says an empty sheet is empty', async () => {
    await expect(parse([[], ['', '']])).rejects.toThrow(/empty/);
  });
});
