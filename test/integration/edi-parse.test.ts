import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ImportRecord, InvoiceRecord, PaymentRecord, PoAckRecord, PurchaseOrderRecord, Reject, RemitLineRecord, ShipmentRecord } from '../../src/core/records';
import { UnreadableFileError } from '../../src/core/records';
import { parseX12 } from '../../src/core/edi/index';
import { X12Reader, type Transaction } from '../../src/core/edi/reader';
import { map810 } from '../../src/core/edi/x810';

const FIX = join(__dirname, '../fixtures/edi');
const fixture = (name: string) => readFileSync(join(FIX, name), 'utf8');

async function* split(text: string, sizes: number[] | number): AsyncIterable<string> {
  let i = 0;
  let k = 0;
  while (i < text.length) {
    const n = typeof sizes === 'number' ? sizes : sizes[k++ % sizes.length]!;
    yield text.slice(i, i + n);
    i += n;
  }
}

interface Parsed { records: ImportRecord[]; rejects: Reject[]; notes: string[]; formats: string[]; chunks: number }

async function parse(text: string, sizes: number[] | number = 65536, fileName = 'test.edi'): Promise<Parsed> {
  const out: Parsed = { records: [], rejects: [], notes: [], formats: [], chunks: 0 };
  for await (const c of parseX12(split(text, sizes), { fileName })) {
    out.chunks += 1;
    out.records.push(...c.records);
    out.rejects.push(...c.rejects);
    if (c.meta?.notes) out.notes.push(...c.meta.notes);
    if (c.meta?.format) out.formats.push(c.meta.format);
  }
  return out;
}

const ofKind = <K extends ImportRecord['kind']>(recs: ImportRecord[], kind: K) => recs.filter((r) => r.kind === kind) as Extract<ImportRecord, { kind: K }>[];

function transactionsOf(text: string): Transaction[] {
  const r = new X12Reader('t.edi');
  const evs = [...r.push(text), ...r.end()];
  return evs.flatMap((e) => (e.type === 'transaction' ? [e.tx] : []));
}

describe('public sample: Amazon DF 810 (newline terminator)', () => {
  const text = fixture('amazon_df_810_invoice.edi');

  it('is rejected whole: its SE01 says 12 segments but ST…SE holds 13, and GE02 88 ≠ GS06 95', async () => {
    // Counted by hand: ST BIG CUR N1 N3 N4 N1 ITD IT1 IT1 TDS CTT SE = 13. A translator would
    // reject this transaction too (997 AK5 code 4), so Recoup does not store it.
    const p = await parse(text);
    expect(p.records).toEqual([]);
    expect(p.rejects).toEqual([
      expect.objectContaining({ location: 'transaction 000000001 (ST at segment 3)', field: 'SE01', reason: expect.stringContaining('SE01 says 12 segments but the transaction has 13') }),
      expect.objectContaining({ location: 'group 95 (GS at segment 2)', field: 'GE02', reason: 'GE02 control number "88" does not match GS06 "95"' }),
    ]);
  });

  it('maps field by field once read, and its TDS 199.34 equals its lines', () => {
    const [tx] = transactionsOf(text);
    expect(tx!.segments).toHaveLength(13);
    const { records } = map810(tx!, { fileName: 't.edi' }, 'transaction 000000001 (ST at segment 3)');
    const inv = records[0] as InvoiceRecord;
    expect(inv).toMatchObject({
      invoiceNumber: 'SINV00070492', invoiceType: 'invoice', invoiceDate: '2007-08-22', currency: 'USD', totalCents: 19934,
      remitTo: 'TEST VENDOR', vendorCode: 'PAYE1', shipFrom: 'WHSE', netDays: 30, dueDate: '2007-09-21', terms: 'NET 30',
      discountPercentBp: null, discountDate: null, poNumber: 'TesT0008516',
    });
    expect(inv.lines.map((l) => [l.lineNo, l.ids.vendorSku, l.poNumber, l.qty.each, l.qty.uom, l.unitCostE4, l.amountCents])).toEqual([
      [1, '1617', 'TesT0008516', 2, 'EA', 180400, 3608],
      [2, '4927', 'TesT0008516', 3, 'EA', 544200, 16326],
    ]);
    expect(inv.lines.reduce((s, l) => s + l.amountCents, 0)).toBe(inv.totalCents);
    expect(inv.lines[0]!.raw).toBe('IT1*1*2*EA*18.04*NT*SK*1617*PO*TesT0008516*VO*SO00095341*ON*X');
  });
});

describe('public sample: retail 856 S/O/P/I with SSCC (CRLF + indentation)', () => {
  it('reads shipment, carton and item; its SE01 (25) is right, counted by hand', async () => {
    const p = await parse(fixture('retail_856_asn_sopi_sscc.edi'));
    expect(p.rejects).toEqual([]);
    expect(p.formats).toEqual(['x12_856']);
    const [s] = ofKind(p.records, 'shipment') as ShipmentRecord[];
    expect(s).toMatchObject({
      shipmentId: '521649209219', shipmentDate: '2012-05-15', shippedDate: '2012-05-10', deliveryDate: '2012-05-10',
      carrierScac: 'FED2', bol: '521649209219', pro: '521649209219', shipFrom: '12345', shipTo: '004',
    });
    expect(s!.cartons).toEqual([{ containerId: '00007121610006156802', idType: 'SSCC', type: 'carton', parentId: null, trackingNumber: null }]);
    expect(s!.lines).toHaveLength(1);
    expect(s!.lines[0]).toMatchObject({
      lineNo: 1, poNumber: 'SO/VINCE1', containerId: '00007121610006156802',
      ids: { asin: null, vendorSku: null, upc: '883932284904', ean: 'R08916DSSDDBDI7' },
      qty: { each: 1, uom: 'EA', amount: 1, caseSize: null },
    });
    // The unknown LIN qualifier PR (price) is not a product id but stays in the raw text.
    expect(s!.lines[0]!.raw).toContain('PR*507.5');
  });
});

describe('public sample: Safeway 820 with RMR and ADX', () => {
  it('reads the payment and every line; the RMR lines and the three credit memos tie to BPR02 416,093.15', async () => {
    const p = await parse(fixture('retail_820_remittance_rmr_adx_deductions.edi'));
    expect(p.rejects).toEqual([]);
    const [pay] = ofKind(p.records, 'payment') as PaymentRecord[];
    expect(pay).toMatchObject({ paymentNumber: '4311000190', amountCents: 41609315, paymentDate: '2005-10-20', method: 'ACH', currency: 'USD',
      payer: 'Safeway - U. S. Corporate', payee: 'Safeway Supplier Name', vendorCode: '2397' });
    const lines = ofKind(p.records, 'remit_line') as RemitLineRecord[];
    expect(lines.map((l) => [l.docNumber, l.paidCents, l.invoiceAmountCents, l.discountCents, l.poNumber, l.docDate, l.reasonCode])).toEqual([
      ['WSO_144324_05', -1367681, -1367681, 0, null, '2005-09-27', 'ZZ'],
      ['WSO_144343_05', -1820000, -1820000, 0, null, '2005-09-27', 'ZZ'],
      ['6092392', 2043034, 2085111, 42077, '999999999', '2005-09-23', null],
      ['P7159010-17', -89280, -89280, 0, null, '2005-10-17', 'ZZ'],
      ['6093694', 2088850, 2131871, 43021, '888888888', '2005-09-26', null],
      ['6093695', 9970180, 10175774, 205594, '777777777', '2005-09-26', null],
      ['6093696', 1738029, 1773882, 35853, '666666666', '2005-09-26', null],
      ['P7817948-20', 21000, 21000, 0, null, '2005-10-17', 'ZZ'],
      ['P7340039-25PB', 415300, 415300, 0, '555555555', '2005-09-14', null],
      ['6093692', 28630883, 29221059, 590176, '555555555', '2005-09-26', null],
    ]);
    const rmr = lines.filter((l) => l.raw.startsWith('RMR'));
    expect(rmr.reduce((s, l) => s + l.paidCents, 0)).toBe(44886276);
    const creditMemos = lines.filter((l) => l.transactionType === 'CM');
    expect(44886276 + creditMemos.reduce((s, l) => s + l.paidCents, 0)).toBe(pay!.amountCents);
    expect(rmr[0]!.doc.family).toBe('invoice');
  });

  it('keeps the source signs and reports the 210.00 gap: the ADX*210 debit memo ties out under no sign convention', async () => {
    // 448,862.76 − 13,676.81 − 18,200 − 892.80 = 416,093.15 = BPR02 already, so the +210 DB memo
    // cannot be netted either way (−210 gives 415,883.15, +210 gives 416,303.15).
    const p = await parse(fixture('retail_820_remittance_rmr_adx_deductions.edi'));
    const lines = ofKind(p.records, 'remit_line') as RemitLineRecord[];
    expect(lines.reduce((s, l) => s + l.paidCents, 0)).toBe(41630315);
    expect(p.notes).toEqual([expect.stringContaining('its lines sum to 416303.15 but BPR02 is 416093.15 (gap -210.00)')]);
  });
});

describe('1P retail fixtures', () => {
  it('810: two invoices in one group, "~" terminator, case packs, allowance, charge, terms', async () => {
    const p = await parse(fixture('amazon_810_two_invoices_tilde.edi'));
    expect(p.rejects).toEqual([]);
    const [a, b] = ofKind(p.records, 'invoice') as InvoiceRecord[];
    expect(a).toMatchObject({
      location: 'transaction 0001 (ST at segment 3)', invoiceNumber: 'INV-10042', invoiceDate: '2026-08-03', poNumber: '4B7XKQ2N',
      remitTo: 'ACME HOME GOODS LLC', vendorCode: 'AMWV0', shipTo: 'PHX7', shipFrom: 'ACMERENO', currency: 'USD',
      discountPercentBp: 200, discountDays: 10, discountDate: '2026-08-13', netDays: 60, dueDate: '2026-10-02', terms: '2% 10 NET 60',
      totalCents: 79625,
    });
    expect(a!.lines.map((l) => [l.lineNo, l.ids.asin, l.ids.vendorSku, l.ids.upc, l.ids.ean, l.qty.amount, l.qty.uom, l.qty.caseSize, l.qty.each, l.unitCostE4, l.amountCents])).toEqual([
      [1, 'B07DFYF5AB', 'ACM-1001', null, null, 5, 'CA', 12, 60, 100000, 60000], // 5 cases × 12 at 120.00 a case = 10.00 an each
      [2, 'B08XYZ1234', null, '012345678905', null, 24, 'EA', null, 24, 74999, 18000], // 24 × 7.4999 = 179.9976 → 180.00
      [3, 'B09ABCDEF1', null, null, '4006381333931', 10, 'EA', null, 10, 32500, 3250],
    ]);
    expect(a!.lines[2]!.raw).toContain('ZZ*UNKNOWNQUAL');
    expect(a!.charges).toEqual([{ type: 'allowance', code: 'C310', description: 'DAMAGE ALLOWANCE', amountCents: 1625 }]);
    expect(60000 + 18000 + 3250 - 1625).toBe(a!.totalCents);
    expect(b).toMatchObject({ location: 'transaction 0002 (ST at segment 21)', invoiceNumber: 'INV-10043', totalCents: 14299, netDays: 30, dueDate: '2026-09-03', shipTo: 'TEB9', discountPercentBp: null });
    expect(b!.lines.map((l) => [l.qty.each, l.unitCostE4, l.amountCents, l.poNumber])).toEqual([[12, 90000, 10800, '7Q2M9ZXA'], [1, 199900, 1999, '7Q2M9ZXA']]);
    expect(b!.charges).toEqual([{ type: 'charge', code: 'D240', description: 'FREIGHT', amountCents: 1500 }]);
  });

  it('856: CRLF terminator with indentation, S/O/T/P/I pallet and cartons, then S/O/I', async () => {
    const p = await parse(fixture('amazon_856_crlf_indented.edi'));
    expect(p.rejects).toEqual([]);
    const [s1, s2] = ofKind(p.records, 'shipment') as ShipmentRecord[];
    expect(s1).toMatchObject({ shipmentId: 'SH-88120', shipmentDate: '2026-08-02', shippedDate: '2026-08-02', deliveryDate: '2026-08-06', carrierScac: 'UPSN',
      bol: 'BOL7788123', pro: 'PRO445566', shipFrom: 'ACMERENO', shipTo: 'PHX7', freightTerms: 'prepaid' });
    expect(s1!.cartons).toEqual([
      { containerId: '00106141411234567897', idType: 'SSCC', type: 'pallet', parentId: null, trackingNumber: null },
      { containerId: '00106141410000000018', idType: 'SSCC', type: 'carton', parentId: '00106141411234567897', trackingNumber: null },
      { containerId: '00106141410000000025', idType: 'SSCC', type: 'carton', parentId: '00106141411234567897', trackingNumber: '1Z999AA10123456784' },
    ]);
    expect(s1!.lines.map((l) => [l.lineNo, l.poNumber, l.ids.asin, l.qty.amount, l.qty.uom, l.qty.caseSize, l.qty.each, l.containerId])).toEqual([
      [1, '4B7XKQ2N', 'B07DFYF5AB', 5, 'CA', 12, 60, '00106141410000000018'],
      [2, '4B7XKQ2N', 'B08XYZ1234', 24, 'EA', null, 24, '00106141410000000025'],
      [3, '4B7XKQ2N', 'B09ABCDEF1', 10, 'EA', null, 10, '00106141410000000025'],
    ]);
    expect(s2).toMatchObject({ shipmentId: 'SH-88121', carrierScac: 'FXFE', shipTo: 'TEB9', cartons: [] });
    expect(s2!.lines.map((l) => [l.poNumber, l.ids.asin, l.ids.vendorSku, l.qty.each, l.containerId])).toEqual([
      ['7Q2M9ZXA', 'B07DFYF5AB', null, 12, null], ['7Q2M9ZXA', 'B0C1234567', 'ACM-2002', 1, null],
    ]);
  });

  it('820: positive ADX amounts are read as deductions because that ties to BPR02, with a note', async () => {
    const p = await parse(fixture('amazon_820_newline.edi'));
    expect(p.rejects).toEqual([]);
    const [pay] = ofKind(p.records, 'payment') as PaymentRecord[];
    expect(pay).toMatchObject({ paymentNumber: '367531888', amountCents: 43482, paymentDate: '2026-09-01', method: 'ACH', payee: 'ACME HOME GOODS LLC', vendorCode: 'AMWV0' });
    const lines = ofKind(p.records, 'remit_line') as RemitLineRecord[];
    expect(lines.map((l) => [l.docNumber, l.doc.family, l.doc.root, l.paidCents, l.invoiceAmountCents, l.discountCents, l.reasonCode, l.poNumber])).toEqual([
      ['INV-10042', 'invoice', 'INV-10042', 78032, 79625, 1593, null, '4B7XKQ2N'],
      ['INV-10042SC', 'shortage_claim', 'INV-10042', -18000, -18000, 0, null, '4B7XKQ2N'],
      ['1520586356VCBSINV', 'chargeback', null, -4550, -4550, 0, 'ZZ', null],
      ['6268-1490026100', 'agreement', null, -12000, -12000, 0, '56', null],
    ]);
    expect(lines.reduce((s, l) => s + l.paidCents, 0)).toBe(pay!.amountCents);
    expect(p.notes).toEqual([expect.stringContaining('ADX amounts read as "every ADX reduces the payment"')]);
  });

  it('850 and 855 in two groups of one interchange', async () => {
    const p = await parse(fixture('amazon_850_855.edi'));
    expect(p.rejects).toEqual([]);
    // Each chunk names its rows' precise type; a file of two types ends as x12 for the batch.
    expect(p.formats).toEqual(['x12_850', 'x12_855', 'x12']);
    const [po] = ofKind(p.records, 'purchase_order') as PurchaseOrderRecord[];
    expect(po).toMatchObject({ poNumber: '4B7XKQ2N', orderDate: '2026-07-20', shipTo: 'PHX7', vendorCode: 'AMWV0', windowStart: '2026-07-25', windowEnd: '2026-08-01', state: 'New', currency: 'USD' });
    expect(po!.lines.map((l) => [l.lineNo, l.ids.asin, l.ids.upc, l.ordered.amount, l.ordered.uom, l.ordered.caseSize, l.ordered.each, l.unitCostE4])).toEqual([
      [1, 'B07DFYF5AB', null, 5, 'CA', 12, 60, 100000],
      [2, 'B08XYZ1234', '012345678905', 24, 'EA', null, 24, 75000],
      [3, 'B09ABCDEF1', null, 10, 'EA', null, 10, 32500],
    ]);
    expect(po!.lines[2]!.raw).toContain('XX*NOT-A-KNOWN-QUALIFIER');
    const acks = ofKind(p.records, 'po_ack') as PoAckRecord[];
    expect(acks.map((a) => [a.lineNo, a.ids.asin, a.status, a.qty.amount, a.qty.uom, a.qty.each, a.ackDate])).toEqual([
      [1, 'B07DFYF5AB', 'accepted', 4, 'CA', 48, '2026-07-21'],
      [1, 'B07DFYF5AB', 'backordered', 1, 'CA', 12, '2026-07-21'],
      [2, 'B08XYZ1234', 'accepted', 24, 'EA', 24, '2026-07-21'],
      [3, 'B09ABCDEF1', 'rejected', 10, 'EA', 10, '2026-07-21'],
    ]);
  });
});

describe('broken files', () => {
  it('a segment-count mismatch rejects that transaction only; the others are read', async () => {
    const p = await parse(fixture('broken_810_segment_count.edi'));
    expect((ofKind(p.records, 'invoice') as InvoiceRecord[]).map((i) => i.invoiceNumber)).toEqual(['INV-20001', 'INV-20003']);
    expect(p.rejects).toEqual([{
      location: 'transaction 0002 (ST at segment 9)', field: 'SE01',
      reason: '810 invoice: SE01 says 9 segments but the transaction has 6 (ST to SE): segments are missing or extra',
      raw: expect.stringMatching(/^ST\*810\*0002~BIG\*20260805\*INV-20002/),
    }]);
  });

  it('control-number mismatches: SE02 rejects its transaction; GE02 and IEA02 are reported on the envelope', async () => {
    const p = await parse(fixture('broken_810_control_numbers.edi'));
    expect((ofKind(p.records, 'invoice') as InvoiceRecord[]).map((i) => i.invoiceNumber)).toEqual(['INV-30001']);
    expect(p.rejects.map((r) => [r.location, r.field, r.reason])).toEqual([
      ['transaction 0002 (ST at segment 8)', 'SE02', '810 invoice: SE02 control number "0099" does not match ST02 "0002"'],
      ['group 202 (GS at segment 2)', 'GE02', 'GE02 control number "203" does not match GS06 "202"'],
      ['interchange 000000202 (ISA at segment 1)', 'IEA02', 'IEA02 control number "000000299" does not match ISA13 "000000202"'],
    ]);
  });

  it('a missing IEA makes the file unreadable (truncated), naming the interchange', async () => {
    await expect(parse(fixture('broken_856_missing_iea.edi'), 50, 'asn.edi')).rejects.toThrow(UnreadableFileError);
    await expect(parse(fixture('broken_856_missing_iea.edi'), 50, 'asn.edi')).rejects.toThrow(
      'asn.edi: the file ends before the IEA trailer of interchange 000000203 (ISA at segment 1): it is truncated or incomplete');
  });

  it('bad or missing required elements reject with segment position and element name; unknown segments are skipped', async () => {
    const p = await parse(fixture('broken_810_fields.edi'));
    expect((ofKind(p.records, 'invoice') as InvoiceRecord[]).map((i) => [i.invoiceNumber, i.totalCents])).toEqual([['INV-40003', 1250]]);
    expect(p.rejects.map((r) => [r.location, r.field, r.reason])).toEqual([
      ['transaction 0001 (ST at segment 3), segment 5 (IT1)', 'IT102 (quantity invoiced)', '810 invoice: IT102 (quantity invoiced) "ABC" is not a whole number of units'],
      ['transaction 0002 (ST at segment 8), segment 12 (TDS)', 'TDS01 (total invoice amount)',
        '810 invoice: invoice INV-40002: TDS01 total 26.00 does not equal its lines 25.00 + charges 0.00 − allowances 0.00 = 25.00 (difference 1.00)'],
      ['transaction 0004 (ST at segment 20), segment 21 (BIG)', 'BIG02 (invoice number)', '810 invoice: BIG02 (invoice number) is missing'],
    ]);
  });

  it('malformed ISA headers and non-X12 text are unreadable with a specific message', async () => {
    await expect(parse('ISA*00*short~GS*IN~', 65536, 'x.edi')).rejects.toThrow('x.edi: malformed ISA header at segment 1: expected 16 elements separated by "*", found 3');
    await expect(parse('GS*IN*A*B~ST*810*1~', 65536, 'x.edi')).rejects.toThrow('x.edi: the file does not start with an ISA interchange header');
    const isa = fixture('amazon_810_two_invoices_tilde.edi').slice(0, 106).replace('000000101', '0000ABCDE');
    await expect(parse(`${isa}IEA*0*0000ABCDE~`, 65536, 'x.edi')).rejects.toThrow('ISA13 (interchange control number) "0000ABCDE" is not a number');
  });

  it('an interchange without IEA followed by another ISA: reported, and the next interchange is still read', async () => {
    const good = fixture('amazon_810_two_invoices_tilde.edi');
    const first = good.replace(/IEA\*1\*000000101~$/, '');
    const p = await parse(first + '\n' + good);
    expect(ofKind(p.records, 'invoice')).toHaveLength(4);
    expect(p.rejects.map((r) => [r.location, r.field, r.reason])).toEqual([
      ['interchange 000000101 (ISA at segment 1)', 'IEA', 'no IEA trailer before the next ISA at segment 35'],
    ]);
  });
});

describe('streaming', () => {
  const files = ['amazon_df_810_invoice.edi', 'retail_856_asn_sopi_sscc.edi', 'retail_820_remittance_rmr_adx_deductions.edi',
    'amazon_810_two_invoices_tilde.edi', 'amazon_856_crlf_indented.edi', 'amazon_820_newline.edi', 'amazon_850_855.edi', 'broken_810_fields.edi'];

  it('gives the same result however the text is split (inside segments, delimiters and CRLFs)', async () => {
    const texts = files.map(fixture);
    const whole = await Promise.all(texts.map((t) => parse(t)));
    await fc.assert(fc.asyncProperty(fc.integer({ min: 0, max: texts.length - 1 }), fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 8 }), async (i, sizes) => {
      const p = await parse(texts[i]!, sizes);
      expect({ ...p, chunks: 0 }).toEqual({ ...whole[i]!, chunks: 0 });
    }), { numRuns: 150 });
    const oneByOne = await parse(texts[4]!, 1);
    expect({ ...oneByOne, chunks: 0 }).toEqual({ ...whole[4]!, chunks: 0 });
  });

  it('yields chunks of about 1000 records instead of holding the file', async () => {
    const isa = 'ISA*00*          *00*          *ZZ*AMWV0          *ZZ*AMAZON         *260803*1200*U*00401*000000001*0*P*>~GS*SH*A*B*20260803*1200*1*X*004010~';
    const txs: string[] = [];
    for (let i = 0; i < 2500; i++) {
      const body = [`ST*856*${i}`, `BSN*00*SH-${i}*20260802*1430*0004`, 'HL*1**S', 'HL*2*1*O', 'PRF*4B7XKQ2N', 'HL*3*2*I', 'LIN**BP*B07DFYF5AB', 'SN1**3*EA'];
      txs.push([...body, `SE*${body.length + 1}*${i}`].join('~'));
    }
    const text = `${isa}${txs.join('~')}~GE*2500*1~IEA*1*000000001~`;
    const sizes: number[] = [];
    for await (const c of parseX12(split(text, 4096), { fileName: 'big.edi' })) sizes.push(c.records.length);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(2500);
    expect(sizes.length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...sizes)).toBeLessThan(1100);
  });
});
