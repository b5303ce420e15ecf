import { describe, expect, it } from 'vitest';
import type { ImportRecord, Reject, ShipmentRecord, PaymentRecord, RemitLineRecord } from '../records';
import { UnreadableFileError } from '../records';
import { parseX12 } from './index';
import { X12Reader } from './reader';

const ISA = (sep = '*', comp = '>', ctl = '000000007') =>
  ['ISA', '00', '          ', '00', '          ', 'ZZ', 'AMWV0          ', 'ZZ', 'AMAZON         ', '260803', '1200', 'U', '00401', ctl, '0', 'P', comp].join(sep);

/** Wraps transactions (segment lists, without ST/SE) in a valid envelope. */
function file(sets: Array<[string, string[]]>, opts: { sep?: string; term?: string; ge?: string; iea?: string } = {}): string {
  const sep = opts.sep ?? '*';
  const term = opts.term ?? '~';
  const segs: string[] = [ISA(sep), ['GS', 'IN', 'A', 'B', '20260803', '1200', '7', 'X', '004010'].join(sep)];
  sets.forEach(([id, body], i) => {
    const ctl = String(i + 1).padStart(4, '0');
    segs.push(`ST${sep}${id}${sep}${ctl}`, ...body.map((s) => s.replaceAll('*', sep)), `SE${sep}${body.length + 2}${sep}${ctl}`);
  });
  segs.push(opts.ge ?? `GE${sep}${sets.length}${sep}7`, opts.iea ?? `IEA${sep}1${sep}000000007`);
  return segs.join(term) + term;
}

async function parse(text: string): Promise<{ records: ImportRecord[]; rejects: Reject[]; notes: string[] }> {
  const out = { records: [] as ImportRecord[], rejects: [] as Reject[], notes: [] as string[] };
  async function* one() { yield text; }
  for await (const c of parseX12(one(), { fileName: 'f.edi' })) {
    out.records.push(...c.records);
    out.rejects.push(...c.rejects);
    out.notes.push(...(c.meta?.notes ?? []));
  }
  return out;
}

const ASN = ['BSN*00*SH-1*20260802*1430*0004', 'HL*1**S', 'HL*2*1*O', 'PRF*4B7XKQ2N', 'HL*3*2*I', 'LIN**BP*B07DFYF5AB', 'SN1**3*EA'];

describe('X12 delimiters come from the ISA header', () => {
  it('reads "|" elements and "^" components with newline terminators', async () => {
    const text = file([['856', ASN]], { sep: '|', term: '\n' }).replace('|>\n', '|^\n');
    const p = await parse(text);
    expect(p.rejects).toEqual([]);
    expect((p.records[0] as ShipmentRecord).lines[0]).toMatchObject({ poNumber: '4B7XKQ2N', ids: { asin: 'B07DFYF5AB' }, qty: { each: 3 } });
  });

  it('reads "~" followed by CRLF and indentation, and a terminator-less last segment', async () => {
    const text = file([['856', ASN]], { term: '~\r\n    ' }).trimEnd().replace(/~$/, '');
    const p = await parse(text);
    expect(p.rejects).toEqual([]);
    expect(p.records).toHaveLength(1);
  });

  it('reports which transactions it read, by position', () => {
    const r = new X12Reader('f.edi');
    const evs = [...r.push(file([['856', ASN], ['856', ASN]])), ...r.end()];
    expect(evs.map((e) => (e.type === 'transaction' ? [e.tx.setId, e.tx.control, e.tx.pos, e.tx.segments.length] : e.type))).toEqual([
      ['856', '0001', 3, 9], ['856', '0002', 12, 9],
    ]);
  });
});

describe('envelope checks', () => {
  it('GE01 and IEA01 counts that disagree are rejects on the envelope; the transactions are kept', async () => {
    const p = await parse(file([['856', ASN]], { ge: 'GE*2*7', iea: 'IEA*3*000000007' }));
    expect(p.records).toHaveLength(1);
    expect(p.rejects.map((r) => [r.location, r.field, r.reason])).toEqual([
      ['group 7 (GS at segment 2)', 'GE01', 'GE01 says 2 transaction sets but the group holds 1'],
      ['interchange 000000007 (ISA at segment 1)', 'IEA01', 'IEA01 says 3 functional groups but the interchange holds 1'],
    ]);
  });

  it('an ST without SE before the next ST rejects the first transaction only', async () => {
    const text = file([['856', ASN], ['856', ASN.map((s) => s.replace('SH-1', 'SH-2'))]]).replace('SN1**3*EA~SE*9*0001~', 'SN1**3*EA~');
    const p = await parse(text);
    expect((p.records as ShipmentRecord[]).map((s) => s.shipmentId)).toEqual(['SH-2']);
    expect(p.rejects.map((r) => [r.location, r.field, r.reason])).toEqual([
      ['transaction 0001 (ST at segment 3)', 'SE', '856 ship notice: no SE trailer before segment 11: the transaction is incomplete'],
    ]);
  });

  it('an empty file and a file of spaces are unreadable', async () => {
    await expect(parse('')).rejects.toThrow(UnreadableFileError);
    await expect(parse('   \n')).rejects.toThrow('f.edi: no ISA interchange header found');
  });

  it('other transaction sets (997) are skipped with a note, not rejected', async () => {
    const p = await parse(file([['997', ['AK1*SH*1', 'AK9*A*1*1*1']], ['856', ASN]]));
    expect(p.records).toHaveLength(1);
    expect(p.rejects).toEqual([]);
    expect(p.notes).toEqual(['f.edi: skipped transaction sets Recoup does not import: 1 × 997']);
  });
});

describe('required elements', () => {
  it('856: an item without SN1, or SN1 without its unit, rejects the shipment with the element named', async () => {
    const noSn1 = ASN.slice(0, -1);
    const noUnit = [...ASN.slice(0, -1), 'SN1**3'];
    const p = await parse(file([['856', noSn1], ['856', noUnit]]));
    expect(p.records).toEqual([]);
    expect(p.rejects.map((r) => [r.location, r.field, r.reason])).toEqual([
      ['transaction 0001 (ST at segment 3), segment 9 (LIN)', 'SN1', '856 ship notice: item HL 3 has no SN1 (quantity shipped)'],
      ['transaction 0002 (ST at segment 11), segment 18 (SN1)', 'SN103 (unit of measure)', '856 ship notice: SN103 (unit of measure) is missing'],
    ]);
  });

  it('856: an HL naming a parent that does not exist is rejected', async () => {
    const p = await parse(file([['856', ASN.map((s) => (s === 'HL*3*2*I' ? 'HL*3*9*I' : s))]]));
    expect(p.rejects[0]).toMatchObject({ field: 'HL02 (parent id)', reason: '856 ship notice: HL 3 names parent 9, which is not an earlier HL' });
  });

  it('820: no TRN02 payment number, or a BPR02 that is not a number, rejects the payment', async () => {
    const p = await parse(file([
      ['820', ['BPR*C*100.00*C*ACH', 'TRN*1', 'RMR*IV*INV-1*PI*100.00']],
      ['820', ['BPR*C*1OO.00*C*ACH', 'TRN*1*367531888', 'RMR*IV*INV-1*PI*100.00']],
    ]));
    expect(p.records).toEqual([]);
    expect(p.rejects.map((r) => [r.field, r.reason])).toEqual([
      ['TRN02 (reference identification (trace / payment number))', '820 remittance: TRN02 (reference identification (trace / payment number)) is missing'],
      ['BPR02 (monetary amount)', '820 remittance: BPR02 (monetary amount) "1OO.00" is not a number'],
    ]);
  });

  it('820: lines that tie to BPR02 as written need no note; an ADX under an RMR refers to that invoice', async () => {
    const p = await parse(file([['820', ['BPR*C*90.00*C*CHK' + '*'.repeat(12) + '20260901', 'TRN*1*367531889', 'RMR*IV*INV-7*PI*100.00', 'ADX*-10.00*01']]]));
    expect(p.notes).toEqual([]);
    const [pay, rmr, adx] = p.records as [PaymentRecord, RemitLineRecord, RemitLineRecord];
    expect(pay).toMatchObject({ amountCents: 9000, method: 'CHK', paymentDate: '2026-09-01' });
    expect(rmr).toMatchObject({ docNumber: 'INV-7', paidCents: 10000, invoiceAmountCents: 10000, discountCents: 0 });
    expect(adx).toMatchObject({ docNumber: 'INV-7', paidCents: -1000, reasonCode: '01', description: 'adjustment 01 (pricing error)', originalInvoice: 'INV-7' });
  });

  it('810: a bad date and a repeated line number are rejected with the element named', async () => {
    const p = await parse(file([
      ['810', ['BIG*20260231*INV-1', 'IT1*1*1*EA*1.00', 'TDS*100']],
      ['810', ['BIG*20260801*INV-2', 'IT1*1*1*EA*1.00', 'IT1*1*1*EA*1.00', 'TDS*200']],
    ]));
    expect(p.rejects.map((r) => [r.field, r.reason])).toEqual([
      ['BIG01 (invoice date)', '810 invoice: BIG01 (invoice date) "20260231" is not a real calendar date'],
      ['IT101 (line number)', '810 invoice: IT101 line number 1 appears twice in the invoice'],
    ]);
  });
});

describe('856 hierarchy without HL02 parent ids', () => {
  it('attaches each level to the nearest earlier HL of a higher level', async () => {
    const body = ['BSN*00*SH-9*20260802*1430*0001', 'HL*1**S', 'HL*2**O', 'PRF*4B7XKQ2N', 'HL*3**P', 'MAN*GM*00106141410000000018',
      'HL*4**I', 'LIN**BP*B07DFYF5AB', 'SN1**1*EA', 'HL*5**P', 'MAN*GM*00106141410000000025', 'HL*6**I', 'LIN**BP*B08XYZ1234', 'SN1**2*EA'];
    const p = await parse(file([['856', body]]));
    expect(p.rejects).toEqual([]);
    const s = p.records[0] as ShipmentRecord;
    expect(s.cartons.map((c) => [c.containerId, c.parentId])).toEqual([['00106141410000000018', null], ['00106141410000000025', null]]);
    expect(s.lines.map((l) => [l.ids.asin, l.containerId, l.poNumber])).toEqual([
      ['B07DFYF5AB', '00106141410000000018', '4B7XKQ2N'], ['B08XYZ1234', '00106141410000000025', '4B7XKQ2N'],
    ]);
  });
});

describe('values a document cannot hold', () => {
  it('a repeated ST02 in one group rejects the repeat; a negative shipped quantity and a second currency are refused', async () => {
    const p = await parse(file([
      ['856', ASN],
      ['856', ASN.map((s) => s.replace('SH-1', 'SH-3').replace('SN1**3*EA', 'SN1**-3*EA'))],
      ['820', ['BPR*C*10.00*C*ACH', 'TRN*1*367531890', 'CUR*PR*USD', 'RMR*IV*INV-1*PI*5.00', 'CUR*PR*EUR', 'RMR*IV*INV-2*PI*5.00']],
    ]).replace('ST*856*0002', 'ST*856*0001').replace('SE*9*0002', 'SE*9*0001'));
    expect((p.records as ShipmentRecord[]).map((s) => s.shipmentId)).toEqual(['SH-1']);
    expect(p.rejects.map((r) => [r.location, r.field, r.reason])).toEqual([
      ['transaction 0001 (ST at segment 12)', 'ST02', '856 ship notice: ST02 control number "0001" repeats an earlier transaction of group 7'],
      ['transaction 0003 (ST at segment 21), segment 26 (CUR)', 'CUR02 (currency code)', '820 remittance: CUR02 names EUR but the document is in USD: one document in two currencies cannot be read'],
    ]);
    const neg = await parse(file([['856', ASN.map((s) => s.replace('SN1**3*EA', 'SN1**-3*EA'))]]));
    expect(neg.rejects.map((r) => [r.field, r.reason])).toEqual([['SN102 (number of units shipped)', '856 ship notice: SN102 (number of units shipped) "-3" is negative; a quantity here cannot be']]);
  });
});

describe('negative 810 quantities', () => {
  const body = (big: string) => [big, 'CUR*SE*USD', 'IT1*1*-5*EA*12.00**BP*B07DFYF5AB', 'TDS*-6000'];
  it('are refused on an invoice, naming BIG07', async () => {
    const p = await parse(file([['810', body('BIG*20260803*INV-1**4B7XKQ2N')], ['810', body('BIG*20260803*INV-2**4B7XKQ2N***DI')]]));
    expect(p.records).toEqual([]);
    expect(p.rejects.map((r) => [r.field, r.reason])).toEqual([
      ['IT102 (quantity invoiced)', '810 invoice: invoice INV-1: IT102 (quantity invoiced) "-5" is negative but BIG07 (transaction type) is empty, not CR or CN (credit memo): an invoice bills a quantity of 0 or more; credits belong on a credit memo'],
      ['IT102 (quantity invoiced)', '810 invoice: invoice INV-2: IT102 (quantity invoiced) "-5" is negative but BIG07 (transaction type) is "DI", not CR or CN (credit memo): an invoice bills a quantity of 0 or more; credits belong on a credit memo'],
    ]);
  });
  it('are kept on a credit memo (BIG07 CR)', async () => {
    const p = await parse(file([['810', body('BIG*20260803*CM-1**4B7XKQ2N***CR')]]));
    expect(p.rejects).toEqual([]);
    expect(p.records.map((r) => r.kind === 'invoice' && [r.invoiceType, r.totalCents, r.lines[0]!.qty.each])).toEqual([['credit_note', -6000, -5]]);
  });
});

describe('case units without a pack size', () => {
  it('keep the case count as eaches and name the lines in a note', async () => {
    const p = await parse(file([['856', ASN.map((s) => s.replace('SN1**3*EA', 'SN1**3*CA'))]]));
    expect((p.records[0] as ShipmentRecord).lines[0]!.qty).toEqual({ each: 3, uom: 'CA', amount: 3, caseSize: null });
    expect(p.notes).toEqual(['shipment SH-1 (transaction 0001 (ST at segment 3)): line 1 is in cases with no PO4 pack size, so the eaches are the case count; check the case pack']);
  });
});

describe('many rejects', () => {
  it('are handed on in chunks, not held to the end of the file', async () => {
    const bad = Array.from({ length: 2500 }, () => ['810', ['BIG*20260801*INV-X', 'IT1*1*ONE*EA*1.00', 'TDS*100']] as [string, string[]]);
    async function* one() { yield file(bad); }
    const sizes: number[] = [];
    for await (const c of parseX12(one(), { fileName: 'f.edi' })) sizes.push(c.rejects.length);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(2500);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(1000);
  });
});

describe('several interchanges in one file', () => {
  it('reads each with its own delimiters', async () => {
    const first = file([['856', ASN]]);
    const second = file([['856', ASN.map((s) => s.replace('SH-1', 'SH-2'))]], { sep: '|', term: '\r\n' }).replace('000000007', '000000008').replace('IEA|1|000000007', 'IEA|1|000000008');
    const p = await parse(`${first}\r\n${second}`);
    expect(p.rejects).toEqual([]);
    expect((p.records as ShipmentRecord[]).map((s) => [s.shipmentId, s.location])).toEqual([
      ['SH-1', 'transaction 0001 (ST at segment 3)'], ['SH-2', 'transaction 0001 (ST at segment 16)'],
    ]);
  });
});

describe('856 items on the pack level', () => {
  it('a LIN under an HL…P (no HL…I) is read as that carton\'s item', async () => {
    const body = ['BSN*00*SH-5*20260802*1430*0001', 'HL*1**S', 'HL*2*1*O', 'PRF*4B7XKQ2N', 'HL*3*2*P', 'MAN*GM*00106141410000000018',
      'LIN**BP*B07DFYF5AB', 'SN1**2*CA', 'PO4*6'];
    const p = await parse(file([['856', body]]));
    expect(p.rejects).toEqual([]);
    expect((p.records[0] as ShipmentRecord).lines).toEqual([expect.objectContaining({
      poNumber: '4B7XKQ2N', containerId: '00106141410000000018', qty: { each: 12, uom: 'CA', amount: 2, caseSize: 6 },
    })]);
  });
});
