// `recoup export dispute-pack` and the UI's "Export dispute pack": one workbook per claim, or one
// workbook for a selection with an Index sheet.
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import type { Db } from '../../db/open';
import { claimByFinding, findingById, queryClaims, type ClaimRow } from '../../db/claims.repo';
import { disputePackSheets, type PackData } from '../../core/export/dispute-pack';
import { ensureSynced, isOpen, ClaimError } from '../claims';
import { PackQueries } from './pack-data';
import { XlsxWriter, withWriter } from './writers';

export type PackSelection =
  | { findingId: string }
  | { claimNumber: string }
  | { claimIds: readonly number[] }
  | { allDisputable: true };

export interface PackResult {
  file: string;
  claims: number;
  sheets: string[];
  missingEvidence: number;
}

/** The claims a selection names, oldest deadline first. */
export function selectClaims(db: Db, sel: PackSelection): ClaimRow[] {
  ensureSynced(db);
  if ('findingId' in sel) {
    const c = claimByFinding(db, sel.findingId);
    if (!c) {
      const f = findingById(db, sel.findingId);
      throw new ClaimError('not_found', f ? `finding ${sel.findingId} (${f.type}) is not disputable, so it has no dispute pack` : `finding ${sel.findingId} does not exist (run recoup findings --db FILE to list them)`);
    }
    return [c];
  }
  if ('claimNumber' in sel) {
    // The document number as Amazon wrote it, else as the Invoices page shows it (extra trailing R),
    // else an invoice number (unpaid and short-paid invoices are claims without an Amazon document).
    const doc = sel.claimNumber.trim();
    const tries = [doc, ...(/R$/i.test(doc) ? [doc.slice(0, -1)] : [])];
    for (const t of tries) {
      const list = queryClaims(db, { claimNumber: t });
      if (list.length) return list;
    }
    for (const t of tries) {
      const list = queryClaims(db, { invoiceNumber: t }).filter((c) => !c.claimNumber);
      if (list.length) return list;
    }
    throw new ClaimError('not_found', `no claim for document ${sel.claimNumber}`);
  }
  if ('claimIds' in sel) {
    // Past a few thousand ids, filter in memory rather than bind one SQL parameter per id.
    if (sel.claimIds.length <= 5_000) return queryClaims(db, { ids: sel.claimIds });
    const want = new Set(sel.claimIds);
    return queryClaims(db, {}).filter((c) => want.has(c.id));
  }
  return queryClaims(db, {}).filter((c) => isOpen(c) && c.status !== 'approved');
}

function packsFor(db: Db, claims: readonly ClaimRow[]): PackData[] {
  const q = new PackQueries(db);
  return claims.map((c) => {
    const f = findingById(db, c.findingId);
    return q.pack(c, f?.explanation ?? null, f?.details ?? null);
  });
}

/** Write packs (already gathered) into one workbook. */
export async function writePackWorkbook(packs: readonly PackData[], out: string, options: { index?: boolean } = {}): Promise<PackResult> {
  const names: string[] = [];
  // Sheets are built and streamed one at a time; a large selection also skips the shared-strings
  // table (it would hold every distinct text of the workbook until the end).
  await withWriter(new XlsxWriter(out, { sharedStrings: packs.length <= 200 }), (w) => {
    for (const s of disputePackSheets(packs, options)) {
      names.push(s.spec.name);
      const sw = w.sheet(s.spec);
      for (const r of s.rows) sw.row(r);
    }
  });
  return {
    file: out,
    claims: packs.length,
    sheets: names,
    missingEvidence: packs.reduce((n, p) => n + p.requirements.filter((r) => r.status === 'missing').length, 0),
  };
}

/** One workbook for the selection (an Index sheet when it holds more than one claim). */
export async function exportDisputePack(db: Db, sel: PackSelection, out: string): Promise<PackResult> {
  const claims = selectClaims(db, sel);
  if (!claims.length) throw new ClaimError('not_found', 'no open disputable claims to export');
  return writePackWorkbook(packsFor(db, claims), out, { index: claims.length > 1 || 'allDisputable' in sel });
}

/** One workbook per claim in `dir`, named after the claim: `claim-12-INV-10042SC-B07DFYF5AB.xlsx`. */
export async function exportDisputePacksPerClaim(db: Db, sel: PackSelection, dir: string): Promise<PackResult[]> {
  mkdirSync(dir, { recursive: true });
  const claims = selectClaims(db, sel);
  const q = new PackQueries(db);
  const results: PackResult[] = [];
  for (const c of claims) {
    const f = findingById(db, c.findingId);
    const pack = q.pack(c, f?.explanation ?? null, f?.details ?? null);
    const name = ['claim', c.id, c.claimNumber ?? c.invoiceNumber, c.asin].filter(Boolean).join('-').replace(/[^A-Za-z0-9._-]/g, '_');
    results.push(await writePackWorkbook([pack], join(dir, `${name}.xlsx`), { index: false }));
  }
  return results;
}
