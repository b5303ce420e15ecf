// `recoup export dispute-pack | month-end | open-items`: the Excel/CSV exports over the services.
import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Command } from '../command';
import { parse, openDb, out, UsageError } from '../args';
import { help } from './import';
import { exportDisputePack, exportDisputePacksPerClaim, type PackSelection } from '../../services/exports/dispute-pack';
import { exportMonthEnd } from '../../services/exports/month-end';
import { exportOpenItems } from '../../services/exports/open-items';
import { linkRecoveries } from '../../services/claims';
import { centsToDecimal } from '../../shared/money';

function requireOut(file: string | undefined, ext: RegExp, what: string): string {
  if (!file) throw new UsageError(`--out ${what} is required`);
  if (!ext.test(file)) throw new UsageError(`--out must name ${what}, got "${file}"`);
  const dir = dirname(file);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`the folder of --out (${dir}) does not exist`);
  return file;
}

export const exportDisputePackCommand: Command = {
  name: 'export dispute-pack',
  summary: 'write the dispute pack workbook for a finding, a claim document, or every open disputable claim',
  usage: 'recoup export dispute-pack --db FILE (--finding ID | --claim DOC_NO | --all-disputable) --out FILE.xlsx [--per-claim DIR]',
  async run(argv) {
    const { values } = parse(argv, {
      db: { type: 'string' }, finding: { type: 'string' }, claim: { type: 'string' }, 'all-disputable': { type: 'boolean' }, out: { type: 'string' },
      'per-claim': { type: 'string' },
    });
    if (values.help) return help(this);
    const chosen = [values.finding !== undefined, values.claim !== undefined, !!values['all-disputable']].filter(Boolean).length;
    if (chosen !== 1) throw new UsageError('give exactly one of --finding ID, --claim DOC_NO or --all-disputable');
    const sel: PackSelection = values.finding !== undefined ? { findingId: values.finding } : values.claim !== undefined ? { claimNumber: values.claim } : { allDisputable: true };
    const perClaim = values['per-claim'];
    const file = perClaim ? undefined : requireOut(values.out, /\.xlsx$/i, 'a FILE.xlsx');
    const db = openDb(values.db);
    try {
      linkRecoveries(db, { actor: 'cli' });
      if (perClaim) {
        const res = await exportDisputePacksPerClaim(db, sel, perClaim);
        out(`Wrote ${res.length} dispute pack(s) to ${perClaim}; ${res.reduce((n, r) => n + r.missingEvidence, 0)} evidence item(s) missing in total.`);
        return 0;
      }
      const r = await exportDisputePack(db, sel, file!);
      out(`Wrote ${r.file}: ${r.claims} claim(s), sheets ${r.sheets.join(', ')}; ${r.missingEvidence} evidence item(s) missing (see Evidence index).`);
      return 0;
    } finally {
      db.close();
    }
  },
};

export const exportMonthEndCommand: Command = {
  name: 'export month-end',
  summary: 'write the month-end workbook (roll-forward, AR ageing, deductions, tie-out, findings) and its journal CSV',
  usage: 'recoup export month-end --db FILE --period YYYY-MM --out FILE.xlsx [--journal FILE.csv]',
  async run(argv) {
    const { values } = parse(argv, { db: { type: 'string' }, period: { type: 'string' }, out: { type: 'string' }, journal: { type: 'string' } });
    if (values.help) return help(this);
    if (!values.period || !/^\d{4}-(0[1-9]|1[0-2])$/.test(values.period)) throw new UsageError(`--period must be YYYY-MM, got "${values.period ?? ''}"`);
    const file = requireOut(values.out, /\.xlsx$/i, 'a FILE.xlsx');
    if (values.journal !== undefined) requireOut(values.journal, /\.csv$/i, 'a FILE.csv');
    const db = openDb(values.db);
    try {
      linkRecoveries(db, { actor: 'cli' });
      const r = await exportMonthEnd(db, values.period, file, values.journal ? { journal: values.journal } : {});
      const rows = Object.entries(r.rows).map(([k, v]) => `${k} ${v}`).join(', ');
      out(`Wrote ${r.file} for ${r.period.period} (${rows}) and the journal ${r.journal}; closing open claims ${centsToDecimal(r.claims.closing, r.currency)} ${r.currency}.`);
      return 0;
    } finally {
      db.close();
    }
  },
};

export const exportOpenItemsCommand: Command = {
  name: 'export open-items',
  summary: 'write the statement of open items (every open claim) as XLSX or CSV',
  usage: 'recoup export open-items --db FILE --out FILE.xlsx|FILE.csv',
  async run(argv) {
    const { values } = parse(argv, { db: { type: 'string' }, out: { type: 'string' } });
    if (values.help) return help(this);
    const file = requireOut(values.out, /\.(xlsx|csv)$/i, 'a FILE.xlsx or FILE.csv');
    const db = openDb(values.db);
    try {
      linkRecoveries(db, { actor: 'cli' });
      const r = await exportOpenItems(db, file);
      const totals = Object.entries(r.openCents).map(([cur, c]) => `${centsToDecimal(c, cur)} ${cur}`).join(', ') || '0';
      out(`Wrote ${r.file}: ${r.rows} open item(s), open ${totals}.`);
      return 0;
    } finally {
      db.close();
    }
  },
};

export const exportCommands: Command[] = [exportDisputePackCommand, exportMonthEndCommand, exportOpenItemsCommand];
