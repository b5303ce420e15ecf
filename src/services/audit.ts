// Audit use cases: verify the hash-chained log, take a snapshot an auditor can check offline, and
// open a database or snapshot for review with no way to write (read-only file handle and
// `PRAGMA query_only`, so even a statement that slips through is refused by SQLite itself).
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { openDatabase, DatabaseVersionError, NotARecoupDatabaseError, type Db } from '../db/open';
import { LATEST_VERSION } from '../db/migrations/index';
import { verifyAuditChain } from '../db/audit.repo';

export { auditSnapshot, verifySnapshotManifest, SNAPSHOT_DB, SNAPSHOT_INFO, SNAPSHOT_MANIFEST } from './backup';

export type ChainReport = ReturnType<typeof verifyAuditChain>;

/**
 * Open a database or snapshot for audit review: nothing can be written through this handle.
 * A database of an older schema is opened as it is (review must not upgrade the evidence).
 */
export function openAuditReview(file: string): Db {
  if (!existsSync(file)) throw new NotARecoupDatabaseError(`${file} does not exist`);
  let db: Db;
  try {
    db = openDatabase(file, { readonly: true, mustExist: true });
  } catch (err) {
    if (!(err instanceof DatabaseVersionError) || err.found > LATEST_VERSION) throw err;
    try {
      db = new Database(file, { readonly: true, fileMustExist: true });
    } catch (e) {
      throw new NotARecoupDatabaseError(`${file} cannot be opened: ${(e as Error).message}`);
    }
  }
  db.pragma('query_only = ON');
  return db;
}

/** Verify the audit chain of a database file without changing it. */
export function verifyAuditFile(file: string): ChainReport {
  const db = openAuditReview(file);
  try {
    return verifyAuditChain(db);
  } catch (err) {
    throw new NotARecoupDatabaseError(`${file} has no readable audit log: ${(err as Error).message}`);
  } finally {
    db.close();
  }
}
