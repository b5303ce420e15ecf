// The append-only audit log: who did what, when, with the state before and after. Each entry
// carries the SHA-256 of the previous entry's hash and its own content, so any edit or deletion
// breaks the chain at that point (see verifyAuditChain).
import { createHash } from 'node:crypto';
import type { Db } from './open';

export interface AuditEntry {
  actor: string;
  action: string;
  entity?: string | null;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
  at?: number;
}

export interface AuditRow {
  id: number;
  at: number;
  actor: string;
  action: string;
  entity: string | null;
  entityId: string | null;
  before: string | null;
  after: string | null;
  prevHash: string;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

export function entryHash(prevHash: string, e: Omit<AuditRow, 'id' | 'prevHash' | 'hash'>): string {
  const body = JSON.stringify([prevHash, e.at, e.actor, e.action, e.entity, e.entityId, e.before, e.after]);
  return createHash('sha256').update(body).digest('hex');
}

const json = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));

/** Append one entry. Call inside the same transaction as the change it records. */
export function appendAudit(db: Db, entry: AuditEntry): AuditRow {
  const last = db.prepare('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { hash: string } | undefined;
  const prevHash = last?.hash ?? GENESIS_HASH;
  const row = {
    at: entry.at ?? Date.now(),
    actor: entry.actor,
    action: entry.action,
    entity: entry.entity ?? null,
    entityId: entry.entityId ?? null,
    before: json(entry.before),
    after: json(entry.after),
  };
  const hash = entryHash(prevHash, row);
  const id = Number(db.prepare(`INSERT INTO audit_log (at, actor, action, entity, entity_id, before, after, prev_hash, hash)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(row.at, row.actor, row.action, row.entity, row.entityId, row.before, row.after, prevHash, hash).lastInsertRowid);
  return { id, ...row, prevHash, hash };
}

export interface AuditFilter {
  entity?: string;
  entityId?: string;
  action?: string;
  actor?: string;
  limit?: number;
  offset?: number;
}

export function listAudit(db: Db, f: AuditFilter = {}): AuditRow[] {
  const where: string[] = [];
  const args: unknown[] = [];
  if (f.entity) { where.push('entity = ?'); args.push(f.entity); }
  if (f.entityId) { where.push('entity_id = ?'); args.push(f.entityId); }
  if (f.action) { where.push('action = ?'); args.push(f.action); }
  if (f.actor) { where.push('actor = ?'); args.push(f.actor); }
  const sqlText = `SELECT id, at, actor, action, entity, entity_id AS entityId, before, after, prev_hash AS prevHash, hash
    FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ? OFFSET ?`;
  return db.prepare(sqlText).all(...args, f.limit ?? 500, f.offset ?? 0) as AuditRow[];
}

/** Walk the chain from the first entry; report the first entry whose link or hash does not hold. */
export function verifyAuditChain(db: Db): { ok: true; entries: number } | { ok: false; entries: number; brokenAt: number; reason: string } {
  let prev = GENESIS_HASH;
  let n = 0;
  for (const r of db.prepare(`SELECT id, at, actor, action, entity, entity_id AS entityId, before, after, prev_hash AS prevHash, hash
    FROM audit_log ORDER BY id`).iterate() as IterableIterator<AuditRow>) {
    n++;
    if (r.prevHash !== prev) return { ok: false, entries: n, brokenAt: r.id, reason: `entry ${r.id} does not link to the entry before it (an entry was removed or altered)` };
    const expected = entryHash(prev, r);
    if (expected !== r.hash) return { ok: false, entries: n, brokenAt: r.id, reason: `entry ${r.id} was altered after it was written (hash mismatch)` };
    prev = r.hash;
  }
  return { ok: true, entries: n };
}
