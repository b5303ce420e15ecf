// Statement of open items (XLSX or CSV, by the file's extension): every open claim, streamed.
import type { Db } from '../../db/open';
import { docKey, iterateClaims, type ClaimStatus } from '../../db/claims.repo';
import { OPEN_ITEM_COLUMNS, openItemRow } from '../../core/export/open-items';
import { ensureSynced, isOpen } from '../claims';
import { CsvWriter, XlsxWriter, withWriter } from './writers';
import { VendorCodes } from './pack-data';

const OPEN_STATUSES: ClaimStatus[] = ['open', 'to_dispute', 'disputed', 'partially_approved', 'denied', 're_disputed', 'approved'];

export interface OpenItemsResult {
  file: string;
  rows: number;
  openCents: Record<string, number>;
}

export async function exportOpenItems(db: Db, out: string): Promise<OpenItemsResult> {
  ensureSynced(db);
  const known = db.prepare('SELECT 1 FROM remit_line WHERE root_key = ? OR doc_number = ? LIMIT 1');
  const isKnown = (candidate: string) => !!known.get(docKey(candidate), candidate);
  const explanation = db.prepare('SELECT explanation FROM finding WHERE id = ?');
  const vendors = new VendorCodes(db);
  const openCents: Record<string, number> = {};
  let rows = 0;
  const each = async (write: (values: ReturnType<typeof openItemRow>, currency: string) => void | Promise<void>) => {
    for (const c of iterateClaims(db, OPEN_STATUSES)) {
      if (!isOpen(c)) continue;
      const e = explanation.get(c.findingId) as { explanation: string } | undefined;
      await write(openItemRow({ ...c, vendorCode: vendors.of(c), explanation: c.reason ? `${e?.explanation ?? ''} (${c.reason})`.trim() : e?.explanation ?? null }, isKnown), c.currency);
      openCents[c.currency] = (openCents[c.currency] ?? 0) + (c.amountCents - c.recoveredCents);
      rows++;
    }
  };
  if (/\.csv$/i.test(out)) {
    await withWriter(new CsvWriter(out, OPEN_ITEM_COLUMNS, 'USD'), async (w) => each((v, cur) => w.row(v, cur)));
  } else {
    await withWriter(new XlsxWriter(out, { sharedStrings: false }), async (w) => {
      const s = w.sheet({ name: 'Open items', columns: OPEN_ITEM_COLUMNS, currency: 'USD', table: true });
      await each((values, currency) => { s.row({ values, currency }); });
    });
  }
  return { file: out, rows, openCents };
}
