// Writes the hostile corpus in test/fixtures/bad/: broken, hostile and awkward files of every
// format Recoup reads. Run once (node bin/run-ts.js test/reliability/make-bad-corpus.ts) and commit
// the output; big files (the 50 MB line, large JSON) are made at test time by corpus.test.ts.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { deflateRawSync, crc32 } from 'node:zlib';
import ExcelJS from 'exceljs';

const ROOT = join(dirname(new URL(import.meta.url).pathname), '..', 'fixtures', 'bad');

function put(rel: string, data: string | Uint8Array): void {
  const p = join(ROOT, rel);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, data);
}

// ---------- CSV ----------
const PAY_HEAD = 'Payment Number,Payment Date,Invoice Currency,Amount in Invoice Currency,Payment Currency,Amount in Payment Currency,Exchange Rate,Payment Type,Payment Status,Payment Voided Reason';
const LINE_HEAD = 'Payment Number,Invoice Number,Invoice Date,Description,Invoice Amount,Invoice Currency,Withholding Amount,Terms Discount Taken,Amount Paid,Remaining Amount';
function remittance(lines: string[], payments = ['367531888,08/14/2026,USD,"$1,019.75",USD,"$1,019.75",1,EFT,Paid,']): string {
  return [PAY_HEAD, ...payments, '', 'Invoices', LINE_HEAD, ...lines].join('\r\n') + '\r\n';
}
const GOOD_LINES = [
  '367531888,INV-10042,07/01/2026,Invoice,"$1,000.00",USD,$0.00,$0.00,"$1,000.00",$0.00',
  '367531888,INV-10042SC,07/20/2026,Shortage claim,($25.00),USD,$0.00,$0.00,($25.00),$0.00',
  '367531888,1520586356VCBSINV,07/22/2026,Prep chargeback,($5.25),USD,$0.00,$0.00,($5.25),$0.00',
  '367531888,INV-10050,07/02/2026,Invoice,$50.00,USD,$0.00,$0.00,$50.00,$0.00',
];
const good = remittance(GOOD_LINES);
const INV_HEAD = 'Invoice Number,Invoice Date,PO Number,ASIN,Quantity,UOM,Unit Cost,Line Amount,Currency,Invoice Total';

function csvCorpus(): void {
  put('csv/empty.csv', '');
  put('csv/whitespace-only.csv', '   \r\n\t\r\n  \r\n');
  put('csv/only-newlines.csv', '\n\n\n\n\n');
  put('csv/headers-only-remittance.csv', `${PAY_HEAD}\r\n\r\nInvoices\r\n${LINE_HEAD}\r\n`);
  put('csv/headers-only-invoice-register.csv', `${INV_HEAD}\r\n`);
  put('csv/bom-utf8-remittance.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(good)]));
  put('csv/double-bom-remittance.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf]), Buffer.from(good)]));
  put('csv/utf16le-bom-remittance.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(good, 'utf16le')]));
  const be = Buffer.from(good, 'utf16le');
  be.swap16();
  put('csv/utf16be-bom-remittance.csv', Buffer.concat([Buffer.from([0xfe, 0xff]), be]));
  put('csv/utf16le-nobom-remittance.csv', Buffer.from(good, 'utf16le'));
  // Windows-1252: é (0xE9), € (0x80), ’ (0x92) in descriptions, as Excel "Save as CSV" writes them.
  const cp1252 = remittance([
    '367531888,INV-10042,07/01/2026,Facture r\u00e9gl\u00e9e,"$1,000.00",USD,$0.00,$0.00,"$1,000.00",$0.00',
    '367531888,INV-10042SC,07/20/2026,Vendor\u2019s shortage claim \u20ac,($25.00),USD,$0.00,$0.00,($25.00),$0.00',
  ]);
  put('csv/windows-1252-remittance.csv', Buffer.from([...cp1252].map((ch) => ({ '\u20ac': 0x80, '\u2019': 0x92 } as Record<string, number>)[ch] ?? ch.charCodeAt(0))));
  put('csv/semicolon-delimited-remittance.csv', good.replace(/"\$1,0(19|00)\.(75|00)"/g, '$1.0$1,$2').replace(/,/g, ';'));
  put('csv/tab-delimited-remittance.csv', remittance(GOOD_LINES.map((l) => l.replace(/"\$1,000\.00"/g, '$1000.00'))).replace(/"\$1,019\.75"/g, '$1019.75').replace(/,/g, '\t'));
  put('csv/pipe-delimited-invoice-register.csv', `${INV_HEAD}\nINV-1|07/01/2026|4B7XKQ2N|B07DFYF5AB|10|EA|12.50|125.00|USD|125.00\n`.replace(/,/g, '|'));
  put('csv/non-numeric-amounts.csv', remittance([
    GOOD_LINES[0]!,
    '367531888,INV-10043,07/01/2026,Invoice,"12,3O",USD,$0.00,$0.00,"12,3O",$0.00',
    '367531888,INV-10044,07/01/2026,Invoice,abc,USD,$0.00,$0.00,abc,$0.00',
    '367531888,INV-10045,07/01/2026,Invoice,$,USD,$0.00,$0.00,$,$0.00',
    '367531888,INV-10046,07/01/2026,Invoice,1.2.3,USD,$0.00,$0.00,1.2.3,$0.00',
    '367531888,INV-10047,07/01/2026,Invoice,NaN,USD,$0.00,$0.00,Infinity,$0.00',
  ]));
  put('csv/huge-amounts.csv', remittance(['367531888,INV-10042,07/01/2026,Invoice,99999999999999999999.99,USD,$0.00,$0.00,99999999999999999999.99,$0.00', GOOD_LINES[1]!]));
  put('csv/impossible-dates.csv', remittance([
    '367531888,INV-10042,02/30/2026,Invoice,"$1,000.00",USD,$0.00,$0.00,"$1,000.00",$0.00',
    '367531888,INV-10043,13/45/2026,Invoice,$10.00,USD,$0.00,$0.00,$10.00,$0.00',
    '367531888,INV-10044,00/00/0000,Invoice,$10.00,USD,$0.00,$0.00,$10.00,$0.00',
    '367531888,INV-10045,yesterday,Invoice,$10.00,USD,$0.00,$0.00,$10.00,$0.00',
  ], ['367531888,02/29/2026,USD,"$1,030.00",USD,"$1,030.00",1,EFT,Paid,']));
  put('csv/mixed-currencies-one-payment.csv', remittance([
    GOOD_LINES[0]!,
    '367531888,INV-20001,07/01/2026,Invoice,"1.234,56 \u20ac",EUR,0,0,"1.234,56 \u20ac",0',
    '367531888,INV-20002,07/01/2026,Invoice,\u00a3500.00,GBP,0,0,\u00a3500.00,0',
  ]));
  put('csv/negative-quantities-invoice-register.csv', `${INV_HEAD}\r\nINV-30001,07/01/2026,4B7XKQ2N,B07DFYF5AB,-10,EA,12.50,-125.00,USD,-125.00\r\nINV-30002,07/01/2026,4B7XKQ2N,B08XYZ1234,5,EA,12.50,62.50,USD,62.50\r\n`);
  put('csv/same-invoice-different-content.csv', `${INV_HEAD}\r\nINV-40001,07/01/2026,4B7XKQ2N,B07DFYF5AB,10,EA,12.50,125.00,USD,125.00\r\nINV-40001,07/09/2026,7Q2M9ZXA,B07DFYF5AB,12,EA,13.00,156.00,EUR,156.00\r\n`);
  put('csv/invoice-register-bad-values.csv', `${INV_HEAD}\r\nINV-50001,02/30/2026,4B7XKQ2N,B07DFYF5AB,ten,EA,12.5O,x,USD,\r\n,07/01/2026,4B7XKQ2N,B07DFYF5AB,1,EA,1,1,USD,1\r\n`);
  put('csv/unbalanced-quotes.csv', remittance(['367531888,"INV-10042,07/01/2026,Invoice,$10.00,USD,$0.00,$0.00,$10.00,$0.00', GOOD_LINES[1]!]));
  put('csv/ragged-rows.csv', remittance(['367531888,INV-10042', '367531888,INV-10043,07/01/2026,Invoice,$10.00,USD,$0.00,$0.00,$10.00,$0.00,extra,extra,extra', GOOD_LINES[1]!]));
  put('csv/missing-required-column.csv', [PAY_HEAD, '367531888,08/14/2026,USD,$10,USD,$10,1,EFT,Paid,', '', 'Invoices', 'Payment Number,Invoice Number,Invoice Date,Description', '367531888,INV-1,07/01/2026,Invoice'].join('\n'));
  put('csv/duplicate-headers.csv', `Invoice Number,Invoice Number,Invoice Date,ASIN,Quantity,Unit Cost,Currency\nINV-1,INV-2,07/01/2026,B07DFYF5AB,1,1.00,USD\n`);
  put('csv/unknown-layout.csv', 'foo,bar,baz\n1,2,3\n4,5,6\n');
  put('csv/single-column-numbers.csv', Array.from({ length: 200 }, (_, i) => String(i)).join('\n'));
  put('csv/html-login-page.csv', '<!DOCTYPE html><html><head><title>Amazon Sign-In</title></head><body><form action="/ap/signin">Email<input name="email"></form></body></html>\n');
  put('csv/binary-garbage.csv', pseudoRandomBytes(4096, 7));
  put('csv/nul-bytes.csv', Buffer.concat([Buffer.from(PAY_HEAD + '\n'), Buffer.alloc(2048, 0), Buffer.from('\n367531888,08/14/2026\n')]));
  put('csv/classic-mac-cr-line-endings.csv', good.replace(/\r\n/g, '\r'));
  put('csv/formula-cells-remittance.csv', remittance([
    '367531888,"=HYPERLINK(""http://evil.example/x"",""click"")",07/01/2026,=cmd|\' /C calc\'!A0,$10.00,USD,$0.00,$0.00,$10.00,$0.00',
    '367531888,+INV-1,07/01/2026,@SUM(A1:A9),-1+1,USD,$0.00,$0.00,$0.00,$0.00',
  ]));
  put('csv/long-cell-200k.csv', remittance([`367531888,INV-1,07/01/2026,${'A'.repeat(200_000)},$10.00,USD,$0.00,$0.00,$10.00,$0.00`]));
  put('csv/payment-lines-without-payment-section.csv', [LINE_HEAD, ...GOOD_LINES].join('\n'));
}

// ---------- XLSX ----------
async function remittanceWorkbook(rows: Array<Array<string | number | null>>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Remittance payments');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const split = (line: string) => line.match(/("[^"]*"|[^,]*)(,|$)/g)!.slice(0, 10).map((c) => c.replace(/,$/, '').replace(/^"|"$/g, ''));

interface ZipPart { name: string; data: Buffer; method?: 0 | 8 | 12; declaredSize?: number }
/** A minimal zip writer, so the hostile containers (lying sizes, odd methods) can be made exactly. */
function zip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const method = p.method ?? 8;
    const body = method === 8 ? deflateRawSync(p.data, { level: 9 }) : p.data;
    const name = Buffer.from(p.name);
    const size = p.declaredSize ?? p.data.length;
    const crc = crc32(p.data);
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0); lh.writeUInt16LE(20, 4); lh.writeUInt16LE(method, 8);
    lh.writeUInt32LE(crc, 14); lh.writeUInt32LE(body.length, 18); lh.writeUInt32LE(size, 22); lh.writeUInt16LE(name.length, 26);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0); ch.writeUInt16LE(20, 4); ch.writeUInt16LE(20, 6); ch.writeUInt16LE(method, 10);
    ch.writeUInt32LE(crc, 16); ch.writeUInt32LE(body.length, 20); ch.writeUInt32LE(size, 24); ch.writeUInt16LE(name.length, 28);
    ch.writeUInt32LE(offset, 42);
    locals.push(lh, name, body);
    central.push(ch, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(parts.length, 8); end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const CONTENT_TYPES = '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>';
const RELS = '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>';
const WORKBOOK = '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Remittance payments" sheetId="1" r:id="rId1"/></sheets></workbook>';
const WB_RELS = '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>';
function handWorkbook(sheetXml: Buffer, sheetPart: Partial<ZipPart> = {}): Buffer {
  return zip([
    { name: '[Content_Types].xml', data: Buffer.from(CONTENT_TYPES) },
    { name: '_rels/.rels', data: Buffer.from(RELS) },
    { name: 'xl/workbook.xml', data: Buffer.from(WORKBOOK) },
    { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from(WB_RELS) },
    { name: 'xl/worksheets/sheet1.xml', data: sheetXml, ...sheetPart },
  ]);
}
const SHEET_OPEN = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const SHEET_CLOSE = '</sheetData></worksheet>';
const inlineRow = (n: number, cells: string[]) => `<row r="${n}">${cells.map((c, i) => `<c r="${String.fromCharCode(65 + i)}${n}" t="inlineStr"><is><t>${c}</t></is></c>`).join('')}</row>`;

async function xlsxCorpus(): Promise<void> {
  const rows = [PAY_HEAD.split(','), ['367531888', '08/14/2026', 'USD', '$1,019.75', 'USD', '$1,019.75', '1', 'EFT', 'Paid', ''], [], ['Invoices'], LINE_HEAD.split(','), ...GOOD_LINES.map(split)];
  const valid = await remittanceWorkbook(rows);
  put('xlsx/not-a-zip.xlsx', good);
  put('xlsx/empty.xlsx', '');
  put('xlsx/truncated-half.xlsx', valid.subarray(0, Math.floor(valid.length / 2)));
  put('xlsx/truncated-100-bytes.xlsx', valid.subarray(0, 100));
  put('xlsx/truncated-last-byte.xlsx', valid.subarray(0, valid.length - 1));
  const flipped = Buffer.from(valid);
  for (let i = 200; i < flipped.length - 400; i += 97) flipped[i]! ^= 0x5a;
  put('xlsx/corrupt-bitflips.xlsx', flipped);
  const zeroed = Buffer.from(valid);
  zeroed.fill(0, Math.floor(zeroed.length / 3), Math.floor(zeroed.length / 3) + 512);
  put('xlsx/corrupt-zeroed-block.xlsx', zeroed);
  put('xlsx/zip-without-workbook.xlsx', zip([{ name: 'readme.txt', data: Buffer.from('not a workbook') }]));
  put('xlsx/old-excel-97.xls', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]));
  put('xlsx/password-protected-ole.xlsx', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(1016, 0x11)]));
  // Zip bombs: a 200 MB sheet of one repeated byte packs to ~200 KB; the liar declares 1 KB for 64 MB.
  put('xlsx/zip-bomb-200mb-sheet.xlsx', handWorkbook(Buffer.alloc(200 * 1024 * 1024, 0x20)));
  put('xlsx/zip-bomb-lying-size.xlsx', handWorkbook(Buffer.alloc(64 * 1024 * 1024, 0x20), { declaredSize: 1024 }));
  put('xlsx/zip-bomb-many-parts.xlsx', zip(Array.from({ length: 6000 }, (_, i) => ({ name: `xl/media/p${i}.bin`, data: Buffer.from('x') }))));
  put('xlsx/zip-unsupported-method.xlsx', handWorkbook(Buffer.from(SHEET_OPEN + SHEET_CLOSE), { method: 12 }));
  put('xlsx/empty-sheet.xlsx', await remittanceWorkbook([]));
  put('xlsx/headers-only-remittance.xlsx', await remittanceWorkbook([PAY_HEAD.split(','), [], ['Invoices'], LINE_HEAD.split(',')]));
  put('xlsx/bad-values-remittance.xlsx', await remittanceWorkbook([...rows.slice(0, 5),
    ['367531888', 'INV-1', '02/30/2026', 'Invoice', '12,3O', 'USD', '0', '0', 'abc', '0'],
    ['367531888', 'INV-2', '07/01/2026', 'Invoice', '$', 'USD', '0', '0', '$', '0'],
    ...GOOD_LINES.slice(1).map(split)]));
  put('xlsx/malformed-sheet-xml.xlsx', handWorkbook(Buffer.from(`${SHEET_OPEN}${inlineRow(1, ['Payment Number', 'Payment Date'])}<row r="2"><c r="A2" t="inlineStr"><is><t>3675`)));
  put('xlsx/xml-entity-expansion.xlsx', handWorkbook(Buffer.from(`<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lololololololololol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${inlineRow(1, ['&lol4;'])}${SHEET_CLOSE}`)));
  put('xlsx/row-number-past-excel-limit.xlsx', handWorkbook(Buffer.from(`${SHEET_OPEN}${inlineRow(1, ['Payment Number'])}${inlineRow(2000000000, ['367531888'])}${SHEET_CLOSE}`)));
  put('xlsx/too-many-columns.xlsx', handWorkbook(Buffer.from(`${SHEET_OPEN}<row r="1"><c r="A1" t="inlineStr"><is><t>Payment Number</t></is></c><c r="ZZZZ1" t="inlineStr"><is><t>x</t></is></c></row>${SHEET_CLOSE}`)));
  put('xlsx/sheet-rows-out-of-order.xlsx', handWorkbook(Buffer.from(`${SHEET_OPEN}${inlineRow(5, LINE_HEAD.split(','))}${inlineRow(2, ['Invoices'])}${inlineRow(1000000, ['x'])}${SHEET_CLOSE}`)));
}

// ---------- X12 ----------
const ISA = (ctrl = '000000201', version = '00401') => `ISA*00*          *00*          *ZZ*AMWV0          *ZZ*AMAZON         *260803*1200*U*${version}*${ctrl}*0*P*>~`;
const X810 = (stCtrl = '0001', seCount = 11, seCtrl = stCtrl, it1 = 'IT1*1*5*CA*120.00*NT*BP*B07DFYF5AB*VN*ACM-1001*PO*4B7XKQ2N', big = 'BIG*20260803*INV-10042**4B7XKQ2N', tds = 'TDS*60000') =>
  `ST*810*${stCtrl}~${big}~CUR*SE*USD~N1*RI*ACME HOME GOODS LLC*92*AMWV0~N1*ST*AMAZON.COM SERVICES LLC*92*PHX7~ITD*01*3*2**10**60~${it1}~PO4*12~${tds}~CTT*1~SE*${seCount}*${seCtrl}~`;
const GS = (ctrl = '201') => `GS*IN*AMWV0*AMAZON*20260803*1200*${ctrl}*X*004010~`;
const GE = (n = 1, ctrl = '201') => `GE*${n}*${ctrl}~`;
const IEA = (n = 1, ctrl = '000000201') => `IEA*${n}*${ctrl}~`;
const interchange = (body: string) => `${ISA()}${GS()}${body}${GE()}${IEA()}`;

function x12Corpus(): void {
  put('x12/valid-baseline-810.edi', interchange(X810()));
  put('x12/isa-too-few-elements.edi', `ISA*00*          *00*AMWV0*ZZ~${GS()}${X810()}${GE()}${IEA()}`);
  put('x12/isa-wrong-length.edi', `${ISA().replace('AMWV0          ', 'AMWV0')}${GS()}${X810()}${GE()}${IEA()}`);
  put('x12/isa-only.edi', ISA());
  put('x12/isa-garbage-after.edi', Buffer.concat([Buffer.from(ISA()), pseudoRandomBytes(2048, 3)]));
  put('x12/missing-iea.edi', `${ISA()}${GS()}${X810()}${GE()}`);
  put('x12/missing-ge-and-iea.edi', `${ISA()}${GS()}${X810()}`);
  put('x12/missing-se.edi', `${ISA()}${GS()}${X810().replace(/SE\*11\*0001~$/, '')}${GE()}${IEA()}`);
  put('x12/se-segment-count-mismatch.edi', interchange(X810('0001', 99)));
  put('x12/se-control-number-mismatch.edi', interchange(X810('0001', 11, '0009')));
  put('x12/iea-control-number-mismatch.edi', `${ISA()}${GS()}${X810()}${GE()}${IEA(1, '000000999')}`);
  put('x12/iea-group-count-mismatch.edi', `${ISA()}${GS()}${X810()}${GE()}${IEA(3)}`);
  put('x12/ge-count-mismatch.edi', `${ISA()}${GS()}${X810()}${GE(5)}${IEA()}`);
  put('x12/ge-control-number-mismatch.edi', `${ISA()}${GS()}${X810()}${GE(1, '777')}${IEA()}`);
  put('x12/duplicate-st-control-numbers.edi', interchange(X810('0001') + X810('0001', 11, '0001', 'IT1*1*2*EA*1.00*NT*BP*B08XYZ1234', 'BIG*20260804*INV-10043**4B7XKQ2N', 'TDS*200')));
  put('x12/unknown-segments.edi', interchange(X810().replace('CUR*SE*USD~', 'CUR*SE*USD~ZZZ*WHAT*IS*THIS~QQ1*1~')).replace('SE*11*', 'SE*13*'));
  put('x12/unknown-transaction-set.edi', interchange('ST*999*0001~AK1*IN*1~SE*3*0001~'));
  put('x12/gs-st-without-isa.edi', `${GS()}${X810()}${GE()}`);
  put('x12/non-numeric-amounts-810.edi', interchange(X810('0001', 11, '0001', 'IT1*1*FIVE*CA*12O.OO*NT*BP*B07DFYF5AB*PO*4B7XKQ2N', undefined, 'TDS*ABC')));
  put('x12/impossible-dates-810.edi', interchange(X810('0001', 11, '0001', undefined, 'BIG*20260230*INV-10042**4B7XKQ2N')));
  put('x12/negative-quantity-810.edi', interchange(X810('0001', 11, '0001', 'IT1*1*-5*CA*120.00*NT*BP*B07DFYF5AB*PO*4B7XKQ2N', undefined, 'TDS*-60000')));
  put('x12/same-invoice-different-content.edi', interchange(X810('0001') + X810('0002', 11, '0002', 'IT1*1*7*CA*120.00*NT*BP*B07DFYF5AB*PO*4B7XKQ2N', undefined, 'TDS*84000')).replace('GE*1*', 'GE*2*'));
  put('x12/truncated-mid-segment.edi', interchange(X810()).slice(0, 300));
  put('x12/wrong-element-separator.edi', interchange(X810()).replace(/\*/g, '|').replace('ISA|', 'ISA*').slice(0, 106) + interchange(X810()).replace(/\*/g, '|').slice(106));
  put('x12/mixed-currencies-820.edi', `${ISA('000000301')}GS*RA*AMWV0*AMAZON*20260803*1200*301*X*004010~ST*820*0001~BPR*C*434.82*C*ACH*CCP*01*021000021*DA*1234567890*1234567890**01*121000248*DA*9876543210*20260901~TRN*1*367531999*1234567890~CUR*PR*USD~N1*PR*AMAZON.COM SERVICES LLC~ENT*1~RMR*IV*INV-10042*PI*400.00*400.00~CUR*PR*EUR~RMR*IV*INV-10043*PI*34.82*34.82~SE*10*0001~GE*1*301~IEA*1*000000301~`);
  put('x12/bpr-non-numeric-820.edi', `${ISA('000000302')}GS*RA*AMWV0*AMAZON*20260803*1200*302*X*004010~ST*820*0001~BPR*C*LOTS*C*ACH*CCP~TRN*1*367531998*1~RMR*IV*INV-1*PI*1O.00~SE*5*0001~GE*1*302~IEA*1*000000302~`);
  put('x12/utf16-interchange.edi', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(interchange(X810()), 'utf16le')]));
  put('x12/856-negative-and-bad-quantities.edi', `${ISA('000000303')}GS*SH*AMWV0*AMAZON*20260803*1200*303*X*004010~ST*856*0001~BSN*00*SH-1*20260802*1430~HL*1**S~DTM*011*20261340~HL*2*1*O~PRF*4B7XKQ2N~HL*3*2*I~LIN**BP*B07DFYF5AB~SN1**-5*EA~HL*4*2*I~LIN**BP*B08XYZ1234~SN1**X*EA~SE*13*0001~GE*1*303~IEA*1*000000303~`);
}

// ---------- JSON ----------
function jsonCorpus(): void {
  put('json/empty-object.json', '{}');
  put('json/empty-array.json', '[]');
  put('json/not-json.json', '{ "payload": { "orders": [ { "purchaseOrderNumber": "2JK3S9VC", ');
  put('json/trailing-garbage.json', '{"payload":{"orders":[]}} <html>');
  put('json/deeply-nested-arrays.json', `${'['.repeat(100_000)}${']'.repeat(100_000)}`);
  put('json/deeply-nested-objects.json', `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`);
  put('json/payload-wrong-type.json', '{"payload": 42}');
  put('json/orders-wrong-type.json', '{"payload": {"orders": "none"}}');
  put('json/null-root.json', 'null');
  put('json/string-root.json', '"ISA*00*"');
  put('json/orders-with-nulls.json', JSON.stringify({ payload: { orders: [null, 1, 'x', [], {}] } }));
  put('json/orders-bad-values.json', JSON.stringify({ payload: { orders: [{
    purchaseOrderNumber: '2JK3S9VC', purchaseOrderState: 'New',
    orderDetails: { purchaseOrderDate: '2026-02-30T15:51:00Z', items: [
      { itemSequenceNumber: '1', amazonProductIdentifier: 'B07DFVDRAB', orderedQuantity: { amount: -3, unitOfMeasure: 'Eaches', unitSize: 1 }, netCost: { amount: 'twelve', currencyCode: 'USD' } },
      { itemSequenceNumber: '2', amazonProductIdentifier: 'B07DFYF5AB', orderedQuantity: { amount: 'lots', unitOfMeasure: 'Cases', unitSize: -6 }, netCost: { amount: '1e400', currencyCode: 'USD' } },
      { itemSequenceNumber: '3', amazonProductIdentifier: 'B07MC84QAB', orderedQuantity: { amount: 2, unitOfMeasure: 'Eaches', unitSize: 1 }, netCost: { amount: '10.00', currencyCode: 'EUR' } },
    ] } }] } }));
  put('json/invoice-mixed-currencies.json', JSON.stringify({ invoices: [{
    invoiceType: 'Invoice', id: 'INV-60001', date: '2026-08-01T00:00:00Z',
    invoiceTotal: { currencyCode: 'USD', amount: '100.00' },
    items: [
      { itemSequenceNumber: 1, amazonProductIdentifier: 'B07DFYF5AB', invoicedQuantity: { amount: 1, unitOfMeasure: 'Eaches' }, netCost: { currencyCode: 'USD', amount: '50.00' }, purchaseOrderNumber: '4B7XKQ2N' },
      { itemSequenceNumber: 2, amazonProductIdentifier: 'B08XYZ1234', invoicedQuantity: { amount: 1, unitOfMeasure: 'Eaches' }, netCost: { currencyCode: 'EUR', amount: '50.00' }, purchaseOrderNumber: '4B7XKQ2N' },
    ],
  }] }));
  put('json/same-invoice-different-content.json', JSON.stringify({ invoices: [
    { invoiceType: 'Invoice', id: 'INV-70001', date: '2026-08-01T00:00:00Z', invoiceTotal: { currencyCode: 'USD', amount: '100.00' }, items: [{ itemSequenceNumber: 1, amazonProductIdentifier: 'B07DFYF5AB', invoicedQuantity: { amount: 4, unitOfMeasure: 'Eaches' }, netCost: { currencyCode: 'USD', amount: '25.00' }, purchaseOrderNumber: '4B7XKQ2N' }] },
    { invoiceType: 'Invoice', id: 'INV-70001', date: '2026-08-02T00:00:00Z', invoiceTotal: { currencyCode: 'USD', amount: '120.00' }, items: [{ itemSequenceNumber: 1, amazonProductIdentifier: 'B07DFYF5AB', invoicedQuantity: { amount: 4, unitOfMeasure: 'Eaches' }, netCost: { currencyCode: 'USD', amount: '30.00' }, purchaseOrderNumber: '4B7XKQ2N' }] },
  ] }));
  put('json/unknown-api-shape.json', JSON.stringify({ payload: { reports: [{ reportId: '1', status: 'DONE' }] } }));
  put('json/utf16-bom.json', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"payload": {"orders": []}}', 'utf16le')]));
  put('json/proto-pollution.json', '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}, "payload": {"orders": []}}');
  put('json/huge-numbers.json', JSON.stringify({ payload: { orders: [{ purchaseOrderNumber: 'X1', orderDetails: { purchaseOrderDate: '2026-08-01T00:00:00Z', items: [{ itemSequenceNumber: '1', amazonProductIdentifier: 'B07DFYF5AB', orderedQuantity: { amount: 1e300, unitOfMeasure: 'Eaches', unitSize: 1 }, netCost: { amount: '99999999999999999999999.99', currencyCode: 'USD' } }] } }] } }));
}

function pseudoRandomBytes(n: number, seed: number): Buffer {
  const b = Buffer.alloc(n);
  let x = seed * 2654435761 >>> 0;
  for (let i = 0; i < n; i++) {
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    b[i] = x & 0xff;
  }
  return b;
}

// Not emptied first: three files were made with other writers and are kept as they are
// (xlsx/libreoffice-*.xlsx by LibreOffice Calc, xlsx/zip64-local-headers.xlsx by Python's zipfile).
csvCorpus();
await xlsxCorpus();
x12Corpus();
jsonCorpus();
put('README.md', '# Hostile corpus\n\nBroken, hostile and awkward files of every format Recoup reads, made by `test/reliability/make-bad-corpus.ts`\n(`node bin/run-ts.js test/reliability/make-bad-corpus.ts`). `test/reliability/corpus.test.ts` imports each one into a fresh\ndatabase and checks it ends in a specific error or stored rejects, never a crash or a partial write. The 50 MB\nsingle-line file and the large JSON are generated at test time, not committed. Three workbooks come from other writers:\n`xlsx/libreoffice-saved-remittance.xlsx` (LibreOffice Calc, CSV read as UTF-8), `xlsx/libreoffice-mojibake-bom-header.xlsx` (the same CSV read\nas Latin-1, so the BOM became `ï»¿` in the first header) and `xlsx/zip64-local-headers.xlsx` (Python zipfile, force_zip64).\n');
