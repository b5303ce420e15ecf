// Dispute packs, the statement of open items and the month-end workbook, read back with exceljs:
// values, cell types and number formats, frozen headers and filters, identifiers kept as text.
import { describe, it, expect, beforeEach } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../../src/db/open';
import { addEvidence, linkRecoveries, listClaims, setStatus, syncClaims } from '../../src/services/claims';
import { exportDisputePack, exportDisputePacksPerClaim } from '../../src/services/exports/dispute-pack';
import { exportOpenItems } from '../../src/services/exports/open-items';
import { exportMonthEnd } from '../../src/services/exports/month-end';
import { main } from '../../src/cli/main';
import {
  freshDb, seedDocuments, seedReversal, writeFindings, remit, payment, SHORTAGE_FINDING, CHARGEBACK_FINDING, SSCCS, PO,
} from './claims-fixture';
import { readBook, rowsOf, summaryCell } from './exports-helpers';
import { BatchWriter } from '../../src/db/imports.repo';

let db: Db;
let dir: string;
const T0 = Date.UTC(2026, 8, 10, 9);

beforeEach(() => {
  db = freshDb();
  seedDocuments(db);
  writeFindings(db, 1, [SHORTAGE_FINDING, CHARGEBACK_FINDING]);
  syncClaims(db, { now: T0 });
  dir = mkdtempSync(join(tmpdir(), 'recoup-exports-'));
});

const claimOf = (findingId: string) => listClaims(db).find((c) => c.findingId === findingId)!;

describe('dispute pack for one claim', () => {
  it('has the six sheets with typed cells, formats, frozen headers and filters', async () => {
    const out = join(dir, 'pack.xlsx');
    const r = await exportDisputePack(db, { findingId: 'f_sc_a' }, out);
    expect(r.sheets).toEqual(['Summary', 'Lines per ASIN', 'Shipment evidence', 'Evidence index', 'Calculation', 'Remittance extract']);
    expect(readdirSync(dir)).toEqual(['pack.xlsx']); // no temp file left behind
    const wb = await readBook(out);
    const id = claimOf('f_sc_a').id;

    const sum = wb.getWorksheet('Summary')!;
    expect(sum.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(summaryCell(sum, 'Claim (document) number').value).toBe('INV-10042SC');
    expect(summaryCell(sum, 'Vendor code').value).toBe('AMWV0');
    expect(summaryCell(sum, 'Payment(s) where deducted').value).toBe('367531888');
    const gross = summaryCell(sum, 'Claimed amount (gross)');
    expect(gross.value).toMatchObject({ formula: "-('Remittance extract'!I3)", result: 451.2 });
    expect(gross.numFmt).toBe('"$"#,##0.00;-"$"#,##0.00');
    expect((summaryCell(sum, 'Claimed amount (cash)').value as { result: number }).result).toBe(442.18);
    expect((summaryCell(sum, 'Disputed amount').value as { formula: string; result: number })).toMatchObject({ result: 451.2 });
    const due = summaryCell(sum, 'Dispute by');
    expect(due.value).toBeInstanceOf(Date);
    expect((due.value as Date).toISOString()).toBe('2026-10-03T00:00:00.000Z');
    expect(due.numFmt).toBe('yyyy-mm-dd');
    expect(summaryCell(sum, 'Status').value).toBe('open');

    const lines = wb.getWorksheet('Lines per ASIN')!;
    expect(lines.autoFilter).toBeTruthy();
    expect(lines.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const header = lines.getRow(1).values as unknown[];
    expect(header).toContain('Dispute quantity');
    expect(header).toContain('Shipped product id');
    const l2 = lines.getRow(2);
    const col = (name: string) => (header as string[]).indexOf(name);
    expect(l2.getCell(col('ASIN')).value).toBe('B07DFYF5AB');
    expect(l2.getCell(col('UPC / EAN')).value).toBe('040404040404'); // leading zero kept: text
    expect(l2.getCell(col('UPC / EAN')).numFmt).toBe('@');
    expect(l2.getCell(col('Invoiced (each)')).value).toBe(120);
    expect(l2.getCell(col('Received (each)')).value).toBe(96);
    expect(l2.getCell(col('Case size')).value).toBe(24);
    expect(l2.getCell(col('Invoice unit cost')).value).toBe(18.8);
    expect(l2.getCell(col('Dispute quantity')).value).toMatchObject({ formula: 'MAX(0,MIN(I2,J2)-K2)', result: 24 });
    expect(l2.getCell(col('Shipped date')).value).toBeInstanceOf(Date);

    const ship = wb.getWorksheet('Shipment evidence')!;
    const sRows = rowsOf(ship).slice(1);
    expect(sRows).toHaveLength(5); // the five cartons of this ASIN
    expect(sRows.map((r) => r.getCell(12).value)).toEqual(SSCCS.slice(0, 5));
    expect(sRows[0]!.getCell(12).numFmt).toBe('@');
    expect(sRows[0]!.getCell(6).value).toBe('BOL-55120');
    expect(sRows[0]!.getCell(7).value).toBe('0412345678'); // PRO with a leading zero
    expect(sRows[0]!.getCell(5).value).toBe('ABFS');
    expect(sRows[0]!.getCell(18).value).toBe(24);

    const remit = wb.getWorksheet('Remittance extract')!;
    const rr = rowsOf(remit).slice(1);
    expect(rr.map((r) => r.getCell(4).value)).toEqual(['INV-10042', 'INV-10042SC']);
    expect(rr[1]!.getCell(2).value).toBe('367531888'); // a 9-digit payment number stays text
    expect(rr[1]!.getCell(9).value).toBe(-451.2);
    expect(rr[1]!.getCell(9).numFmt).toContain('#,##0.00');
    expect(rr[1]!.getCell(12).value).toBe(-442.18);
    expect(rr[1]!.getCell(3).value).toBeInstanceOf(Date);

    const ev = wb.getWorksheet('Evidence index')!;
    const missing = rowsOf(ev).slice(1).filter((r) => r.getCell(3).value === 'missing').map((r) => r.getCell(2).value);
    expect(missing).toEqual(['POD signed at the fulfilment centre (prepaid, SH-88120)']);

    const calc = wb.getWorksheet('Calculation')!;
    const steps = rowsOf(calc).slice(1).filter((r) => r.getCell(1).value === id);
    const byStep = (s: string) => steps.find((r) => String(r.getCell(2).value).startsWith(s))!.getCell(3);
    expect(byStep('Disputable units').value).toMatchObject({ formula: "MAX(0,MIN('Lines per ASIN'!I2,'Lines per ASIN'!J2)-'Lines per ASIN'!K2)", result: 24 });
    expect(byStep('Disputed amount (reproduced)').value).toMatchObject({ result: 451.2 });
    expect(byStep('Claim still deducted').value).toMatchObject({ formula: "-('Remittance extract'!I3)", result: 451.2 });
  });

  it('fills the evidence register and the missing list follows Amazon\'s rules', async () => {
    const id = claimOf('f_sc_a').id;
    const pod = join(dir, 'pod.pdf');
    writeFileSync(pod, 'POD');
    await addEvidence(db, id, { filePath: pod, kind: 'pod', shipmentId: 'SH-88120', poNumber: PO, signedAtFc: true, showsPo: true, showsShipTo: false });
    let wb = await readBook((await exportDisputePack(db, { findingId: 'f_sc_a' }, join(dir, 'a.xlsx'))).file);
    let rows = rowsOf(wb.getWorksheet('Evidence index')!).slice(1);
    expect(rows[0]!.getCell(3).value).toBe('registered');
    expect(rows[0]!.getCell(6).value).toMatch(/^[0-9a-f]{64}$/);
    expect(rows.filter((r) => r.getCell(3).value === 'missing').map((r) => [r.getCell(2).value, r.getCell(11).value]))
      .toEqual([['Proof documents show the PO and ship-to (SH-88120)', '#1 pod.pdf does not show the ship-to']]);
    const pod2 = join(dir, 'pod-stamped.pdf');
    writeFileSync(pod2, 'POD stamped');
    await addEvidence(db, id, { filePath: pod2, kind: 'pod', shipmentId: 'SH-88120', signedAtFc: true, showsPo: true, showsShipTo: true });
    // The first POD still lacks the ship-to, so the check names it until it is replaced.
    wb = await readBook((await exportDisputePack(db, { findingId: 'f_sc_a' }, join(dir, 'b.xlsx'))).file);
    rows = rowsOf(wb.getWorksheet('Evidence index')!).slice(1);
    expect(rows.filter((r) => r.getCell(3).value === 'missing').map((r) => r.getCell(11).value)).toEqual(['#1 pod.pdf does not show the ship-to']);
  });

  it('one workbook for a selection has an Index; one workbook per claim on request', async () => {
    const r = await exportDisputePack(db, { allDisputable: true }, join(dir, 'all.xlsx'));
    expect(r.sheets[0]).toBe('Index');
    const wb = await readBook(r.file);
    const idx = rowsOf(wb.getWorksheet('Index')!).slice(1);
    expect(idx.map((x) => x.getCell(4).value).sort()).toEqual(['1520586356VCBSINV', 'INV-10042SC']);
    const link = idx[0]!.getCell(13).value as { formula: string };
    expect(link.formula).toMatch(/^HYPERLINK\("#'Summary'!B\d+","Summary row \d+"\)$/);
    const amounts = idx.map((x) => x.getCell(8).value).sort();
    expect(amounts).toEqual([451.2, 67.68].sort());
    const per = await exportDisputePacksPerClaim(db, { allDisputable: true }, join(dir, 'packs'));
    expect(per).toHaveLength(2);
    expect(readdirSync(join(dir, 'packs')).sort()).toEqual([`claim-${claimOf('f_cb').id}-1520586356VCBSINV.xlsx`, `claim-${claimOf('f_sc_a').id}-INV-10042SC-B07DFYF5AB.xlsx`].sort());
  });

  it('neutralises imported text a spreadsheet would run as a formula', async () => {
    db.transaction(() => {
      const w = new BatchWriter(db, { fileName: 'evil.csv', filePath: null, sha256: 'evil', format: 'generated', sizeBytes: 1, importedAt: 1, profile: null, marketplace: 'US' });
      w.begin();
      w.write([
        payment('367600001', '2026-09-10', -1_000),
        remit('367600001', '1520599999VCBSINV', '2026-09-01', '=HYPERLINK("http://evil.example/x","Click")', -1_000, 0, -1_000, 3),
      ], []);
      w.finish('generated', null, 'US', null);
    })();
    writeFindings(db, 2, [SHORTAGE_FINDING, CHARGEBACK_FINDING, { id: 'f_evil', type: 'CHARGEBACK', amount: 1_000, claim: '1520599999VCBSINV', invoice: null, shipment: null, payment: '367600001', explanation: '+cmd|/c calc' }]);
    const wb = await readBook((await exportDisputePack(db, { findingId: 'f_evil' }, join(dir, 'evil.xlsx'))).file);
    const remitRow = rowsOf(wb.getWorksheet('Remittance extract')!)[1]!;
    expect(remitRow.getCell(7).value).toBe(`'=HYPERLINK("http://evil.example/x","Click")`);
    expect(remitRow.getCell(7).formula).toBeUndefined();
    expect(summaryCell(wb.getWorksheet('Summary')!, 'Explanation').value).toBe("'+cmd|/c calc");
    await exportOpenItems(db, join(dir, 'open.csv'));
    const csv = readFileSync(join(dir, 'open.csv'), 'utf8');
    expect(csv).toContain("'+cmd|/c calc");
    expect(csv).not.toMatch(/(^|,)\+cmd/m);
  });
});

describe('statement of open items', () => {
  it('lists open claims with their open amount, as XLSX and CSV, without the Invoices page R', async () => {
    setStatus(db, claimOf('f_sc_a').id, { status: 'disputed', caseId: '17250038361' }, { now: T0 });
    setStatus(db, claimOf('f_sc_a').id, { status: 'partially_approved', amountCents: 30_080 }, { now: T0 });
    seedReversal(db);
    linkRecoveries(db, { now: T0 });
    // A short-paid invoice as the Invoices page writes it (extra trailing R); remittances know INV-10042.
    writeFindings(db, 2, [SHORTAGE_FINDING, CHARGEBACK_FINDING, { id: 'f_sp', type: 'SHORT_PAID', amount: 1_500, invoice: 'INV-10042R', claim: null, explanation: 'short-paid' }]);
    const x = await exportOpenItems(db, join(dir, 'open.xlsx'));
    expect(x.rows).toBe(3);
    expect(x.openCents.USD).toBe(15_040 + 6_768 + 1_500);
    const ws = (await readBook(x.file)).getWorksheet('Open items')!;
    const rows = rowsOf(ws);
    const header = rows[0]!.values as string[];
    const cell = (r: (typeof rows)[number], h: string) => r.getCell(header.indexOf(h)).value;
    const byDoc = new Map(rows.slice(1).map((r) => [cell(r, 'Document Number'), r]));
    expect([...byDoc.keys()].sort()).toEqual(['1520586356VCBSINV', 'INV-10042', 'INV-10042SC']);
    const sc = byDoc.get('INV-10042SC')!;
    expect(cell(sc, 'Original Amount')).toBe(451.2);
    expect(cell(sc, 'Recovered Amount')).toBe(300.8);
    expect(cell(sc, 'Open Amount')).toBe(150.4);
    expect(cell(sc, 'Amazon Case ID')).toBe('17250038361');
    expect(cell(sc, 'Status')).toBe('partially approved');
    expect(cell(byDoc.get('INV-10042')!, 'Invoice Number')).toBe('INV-10042');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });

    await exportOpenItems(db, join(dir, 'open.csv'));
    const lines = readFileSync(join(dir, 'open.csv'), 'utf8').replace(/^\ufeff/, '').split('\r\n');
    expect(lines[0]).toBe('Vendor Code,Document Number,Invoice Number,Document Type,Document Date,PO Number,ASIN,Payment Number,Original Amount,Recovered Amount,Open Amount,Currency,Dispute By,Amazon Case ID,Status,Comments');
    const scLine = lines.find((l) => l.includes(',INV-10042SC,'))!;
    expect(scLine).toContain(',451.20,300.80,150.40,USD,2026-10-03,17250038361,partially approved,');
  });
});

describe('month-end workbook', () => {
  it('rolls open claims forward, ages receivables, ties out payments and balances the journal', async () => {
    setStatus(db, claimOf('f_cb').id, { status: 'written_off', reason: 'below threshold' }, { now: Date.UTC(2026, 9, 20) });
    seedReversal(db);
    linkRecoveries(db, { now: Date.UTC(2026, 9, 16) });
    const out = join(dir, 'me-2026-10.xlsx');
    const r = await exportMonthEnd(db, '2026-10', out);
    expect(r.claims).toMatchObject({ opening: 45_120 + 6_768, recovered: { cents: 30_080, count: 1 }, closed: { cents: 6_768, count: 1 }, closing: 15_040 });
    expect(readdirSync(dir).sort()).toEqual(['me-2026-10-journal.csv', 'me-2026-10.xlsx']);
    const wb = await readBook(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Roll-forward', 'AR ageing', 'Deductions by type', 'Deductions by ASIN', 'Payment tie-out', 'Findings', 'Journal']);
    const roll = rowsOf(wb.getWorksheet('Roll-forward')!);
    const line = (label: string) => roll.find((x) => x.getCell(1).value === label)!.getCell(2);
    expect(line('Opening open claims').value).toBe(518.88);
    expect(line('− Recovered (reversals and credits linked)').value).toBe(-300.8);
    expect(line("− Written off / won't dispute").value).toBe(-67.68);
    expect(line('Closing open claims').value).toMatchObject({ result: 150.4 });
    expect((line('Closing open claims').value as { formula: string }).formula).toMatch(/^SUM\(B\d+:B\d+\)$/);
    expect(line('Closing open claims (from the claims register)').value).toBe(150.4);
    expect(line('Opening open claims').numFmt).toBe('"$"#,##0.00;-"$"#,##0.00');
    expect(line('Credited: shortage reversal').value).toBe(300.8);
    expect(line('Payments received (payment totals)').value).toBe(300.8);

    const tie = rowsOf(wb.getWorksheet('Payment tie-out')!);
    expect(tie[1]!.getCell(1).value).toBe('367999001');
    // exceljs reads a cached 0 back as no result; the formula and LibreOffice's recalculation are what count.
    expect(tie[1]!.getCell(7).value).toMatchObject({ formula: 'D2-E2' });
    expect((tie[1]!.getCell(7).value as { result?: number }).result ?? 0).toBe(0);

    const sep = await exportMonthEnd(db, '2026-09', join(dir, 'me-2026-09.xlsx'));
    const j = sep.journalLines;
    const debit = j.reduce((s, l) => s + l.debitCents, 0);
    expect(debit).toBe(j.reduce((s, l) => s + l.creditCents, 0));
    expect(j.map((l) => [l.account, l.debitCents, l.creditCents])).toEqual([
      ['1010', 212_732, 0], ['1200', 0, 269_100], ['1250', 45_120, 0], ['4910', 4_480, 0], ['6120', 6_768, 0],
    ]);
    const csv = readFileSync(sep.journal, 'utf8').replace(/^\ufeff/, '').split('\r\n');
    expect(csv[0]).toBe('Date,Journal,Account,Account name,Debit,Credit,Category,Memo');
    expect(csv[1]).toMatch(/^2026-09-30,AMZ-2026-09,1010,Bank — Amazon receipts,2127.32,,cash,/);
    const sepBook = await readBook(sep.file);
    const ageing = rowsOf(sepBook.getWorksheet('AR ageing')!);
    expect(ageing[1]!.getCell(1).value).toBe('INV-10042');
    expect(ageing[1]!.getCell(6).value).toBe(2691);
    expect(ageing[1]!.getCell(8).value).toMatchObject({ formula: 'F2-G2' });
    expect(ageing[1]!.getCell(9).value).toBe(451.2); // the shortage claim; the chargeback has no invoice root
    const byType = rowsOf(sepBook.getWorksheet('Deductions by type')!).slice(1).map((x) => [x.getCell(1).value, x.getCell(4).value]);
    expect(byType.slice(0, 2)).toEqual([['chargeback', -67.68], ['shortage claim', -451.2]]);
    const byAsin = rowsOf(wb.getWorksheet('Deductions by ASIN')!);
    expect(byAsin).toHaveLength(1); // findings of September are not October's
  });

  it('the CLI writes the month-end workbook and rejects a bad period with a one-line error', async () => {
    const file = join(dir, 'cli.db');
    const { openDatabase } = await import('../../src/db/open');
    const d = openDatabase(file);
    seedDocuments(d);
    writeFindings(d, 1, [SHORTAGE_FINDING]);
    d.close();
    const out = join(dir, 'me.xlsx');
    expect(await main(['export', 'month-end', '--db', file, '--period', '2026-09', '--out', out])).toBe(0);
    expect(readdirSync(dir)).toContain('me-journal.csv');
    expect(await main(['export', 'month-end', '--db', file, '--period', '2026-13', '--out', out])).toBe(2);
    expect(await main(['export', 'dispute-pack', '--db', file, '--claim', 'INV-10042SC', '--out', join(dir, 'p.xlsx')])).toBe(0);
    // As Vendor Central's Invoices page writes it (extra trailing R): the pack of INV-10042SC.
    expect(await main(['export', 'dispute-pack', '--db', file, '--claim', 'INV-10042SCR', '--out', join(dir, 'p2.xlsx')])).toBe(0);
    expect(summaryCell((await readBook(join(dir, 'p2.xlsx'))).getWorksheet('Summary')!, 'Claim (document) number').value).toBe('INV-10042SC');
    expect(await main(['export', 'dispute-pack', '--db', file, '--claim', 'INV-99999SC', '--out', join(dir, 'p3.xlsx')])).toBe(1);
    expect(await main(['export', 'dispute-pack', '--db', file, '--finding', 'nope', '--out', join(dir, 'q.xlsx')])).toBe(1);
    expect(await main(['export', 'open-items', '--db', file, '--out', join(dir, 'o.csv')])).toBe(0);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
