// Numbered, forward-only migrations. PRAGMA user_version holds the number of the last one applied.
// Append new migrations at the end; never edit one that has been released.
import type Database from 'better-sqlite3';
import * as m0001 from './0001-core';
import * as m0002 from './0002-findings';
import * as m0003 from './0003-claims';
import * as m0004 from './0004-document-indexes';

export interface Migration {
  version: number;
  name: string;
  up: string | ((db: Database.Database) => void);
}

export const migrations: Migration[] = [
  { version: 1, name: 'core', up: m0001.sql },
  { version: 2, name: 'findings', up: m0002.up },
  { version: 3, name: 'claims', up: m0003.sql },
  { version: 4, name: 'document indexes', up: m0004.sql },
];

export const LATEST_VERSION = migrations[migrations.length - 1]!.version;
