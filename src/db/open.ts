// Opening a Recoup database: pragmas, the newer-version refusal, a backup copy before an upgrade,
// and all pending migrations in one transaction.
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, statSync } from 'node:fs';
import { migrations, LATEST_VERSION } from './migrations/index';

export type Db = Database.Database;

export class DatabaseVersionError extends Error {
  constructor(readonly file: string, readonly found: number, readonly supported: number) {
    super(`${file} was made by a newer version of Recoup (schema ${found}; this version reads up to ${supported}). Update Recoup to open it.`);
  }
}

export class NotARecoupDatabaseError extends Error {}

export interface OpenOptions {
  /** Open without any possibility of writing (audit review). */
  readonly?: boolean;
  /** Must the file exist already? Default: create it. */
  mustExist?: boolean;
  /** Called with the path of the backup written before an upgrade. */
  onBackup?: (path: string) => void;
}

export function openDatabase(file: string, options: OpenOptions = {}): Db {
  const isMemory = file === ':memory:';
  const existed = isMemory ? false : existsSync(file) && statSync(file).size > 0;
  if (options.mustExist && !existed) throw new NotARecoupDatabaseError(`${file} does not exist`);
  let db: Db;
  try {
    db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.mustExist ?? false });
  } catch (err) {
    throw new NotARecoupDatabaseError(`${file} cannot be opened: ${(err as Error).message}`);
  }
  try {
    const version = readVersion(db, file);
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    if (!options.readonly) {
      if (!isMemory) db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('cache_size = -65536');
    db.pragma('temp_store = MEMORY');
    if (version > LATEST_VERSION) throw new DatabaseVersionError(file, version, LATEST_VERSION);
    if (version < LATEST_VERSION) {
      if (options.readonly) throw new DatabaseVersionError(file, version, LATEST_VERSION);
      if (existed && version > 0) {
        const backup = `${file}.v${version}.bak`;
        db.pragma('wal_checkpoint(TRUNCATE)');
        copyFileSync(file, backup);
        options.onBackup?.(backup);
      }
      migrate(db, version);
    }
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

function readVersion(db: Db, file: string): number {
  try {
    return db.pragma('user_version', { simple: true }) as number;
  } catch (err) {
    throw new NotARecoupDatabaseError(`${file} is not a Recoup database: ${(err as Error).message}`);
  }
}

/** Apply every migration after `from`, all in one transaction: the schema moves whole or not at all. */
export function migrate(db: Db, from: number): void {
  const pending = migrations.filter((m) => m.version > from);
  db.transaction(() => {
    for (const m of pending) {
      if (typeof m.up === 'string') db.exec(m.up);
      else m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }
  })();
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}
