// `recoup audit verify|snapshot|check-snapshot`: the auditor's commands. Verify walks the hash chain
// and names the first broken link; snapshot writes a consistent copy with a SHA-256 manifest.
import type { Command } from '../command';
import { parse, out, UsageError } from '../args';
import { openDatabase, NotARecoupDatabaseError } from '../../db/open';
import { existsSync } from 'node:fs';
import { auditSnapshot, openAuditReview, verifyAuditFile, verifySnapshotManifest, SNAPSHOT_MANIFEST } from '../../services/audit';
import { verifyAuditChain, listAudit } from '../../db/audit.repo';
import { help } from './import';

export const auditVerifyCommand: Command = {
  name: 'audit verify',
  summary: 'check the tamper-evident audit log; reports the first broken link (exit 1 if broken)',
  usage: 'recoup audit verify --db FILE [--json]',
  async run(argv) {
    const { values } = parse(argv, { db: { type: 'string' }, json: { type: 'boolean' } });
    if (values.help) return help(this);
    if (!values.db) throw new UsageError('--db FILE is required');
    if (!existsSync(values.db)) throw new UsageError(`database ${values.db} does not exist`);
    const report = verifyAuditFile(values.db);
    if (values.json) out(JSON.stringify(report));
    else if (report.ok) out(`Audit log intact: ${report.entries} entries, every link verified.`);
    else out(`Audit log BROKEN at entry ${report.brokenAt}: ${report.reason}. Entries before ${report.brokenAt} verify; nothing from ${report.brokenAt} on can be trusted.`);
    return report.ok ? 0 : 1;
  },
};

export const auditSnapshotCommand: Command = {
  name: 'audit snapshot',
  summary: 'write a consistent copy of the database with a SHA-256 manifest for an auditor',
  usage: 'recoup audit snapshot --db FILE --out DIR',
  async run(argv) {
    const { values } = parse(argv, { db: { type: 'string' }, out: { type: 'string' } });
    if (values.help) return help(this);
    if (!values.db) throw new UsageError('--db FILE is required');
    if (!values.out) throw new UsageError('--out DIR is required (a new or empty folder)');
    if (!existsSync(values.db)) throw new UsageError(`database ${values.db} does not exist`);
    const db = openDatabase(values.db, { mustExist: true });
    try {
      const r = await auditSnapshot(db, values.out);
      out(`Snapshot written to ${r.dir}`);
      for (const f of r.files) out(`  ${f.name}  ${f.bytes} bytes  sha256 ${f.sha256}`);
      out(`Audit log: ${r.auditOk ? 'intact' : 'BROKEN'}, ${r.auditEntries} entries${r.lastHash ? `, head ${r.lastHash}` : ''}.`);
      out(`To check it offline: cd ${r.dir} && sha256sum -c ${SNAPSHOT_MANIFEST}`);
      return r.auditOk ? 0 : 1;
    } finally {
      db.close();
    }
  },
};

export const auditCheckSnapshotCommand: Command = {
  name: 'audit check-snapshot',
  summary: 'check a snapshot folder against its manifest and verify its audit log',
  usage: 'recoup audit check-snapshot --dir DIR',
  async run(argv) {
    const { values } = parse(argv, { dir: { type: 'string' } });
    if (values.help) return help(this);
    if (!values.dir) throw new UsageError('--dir DIR is required');
    const m = await verifySnapshotManifest(values.dir);
    for (const p of m.problems) out(`  ${p}`);
    if (!m.ok) {
      out(`Snapshot FAILED its manifest check (${m.problems.length} problem${m.problems.length === 1 ? '' : 's'}).`);
      return 1;
    }
    const chain = verifyAuditFile(`${values.dir}/recoup.db`);
    out(`Manifest: ${m.checked} files match. Audit log: ${chain.ok ? `intact, ${chain.entries} entries` : `BROKEN at entry ${chain.brokenAt}: ${chain.reason}`}.`);
    return chain.ok ? 0 : 1;
  },
};

export const auditReviewCommand: Command = {
  name: 'audit review',
  summary: 'open a database or snapshot read-only: schema, row counts, audit chain and latest entries',
  usage: 'recoup audit review --db FILE [--entries N] [--json]',
  async run(argv) {
    const { values } = parse(argv, { db: { type: 'string' }, entries: { type: 'string' }, json: { type: 'boolean' } });
    if (values.help) return help(this);
    if (!values.db) throw new UsageError('--db FILE is required (a database or a snapshot\'s recoup.db)');
    if (!existsSync(values.db)) throw new UsageError(`database ${values.db} does not exist`);
    const n = values.entries === undefined ? 10 : Number(values.entries);
    if (!Number.isInteger(n) || n < 0 || n > 100_000) throw new UsageError(`--entries must be a whole number, got "${values.entries}"`);
    // Read-only handle plus query_only: this command cannot change the file it reviews.
    const db = openAuditReview(values.db);
    try {
      const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as Array<{ name: string }>).map((r) => r.name);
      const counts: Record<string, number> = {};
      for (const t of tables) counts[t] = db.prepare(`SELECT count(*) FROM "${t.replace(/"/g, '""')}"`).pluck().get() as number;
      if (!tables.includes('audit_log')) throw new NotARecoupDatabaseError(`${values.db} is not a Recoup database (it has no audit log)`);
      const chain = verifyAuditChain(db);
      const latest = listAudit(db, { limit: n });
      const schema = db.pragma('user_version', { simple: true }) as number;
      if (values.json) {
        out(JSON.stringify({ file: values.db, readonly: true, schemaVersion: schema, rowCounts: counts, audit: chain, latest }));
        return chain.ok ? 0 : 1;
      }
      out(`${values.db} (read-only review, schema ${schema})`);
      for (const t of tables) out(`  ${t.padEnd(24)} ${String(counts[t]).padStart(10)}`);
      out(chain.ok ? `Audit log intact: ${chain.entries} entries.` : `Audit log BROKEN at entry ${chain.brokenAt}: ${chain.reason}`);
      for (const e of latest) out(`  #${e.id} ${new Date(e.at).toISOString()} ${e.actor} ${e.action}${e.entity ? ` ${e.entity}${e.entityId ? ` ${e.entityId}` : ''}` : ''}`);
      return chain.ok ? 0 : 1;
    } finally {
      db.close();
    }
  },
};
