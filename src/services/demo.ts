// The demo data set: a small, realistic vendor business in the real export formats, made by
// `recoup generate` and shipped in resources/demo. loadDemo imports its data files like any
// analyst's files (same pipeline, same batches).
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from '../db/open';
import { importPaths, type ImportFileResult, type ImportOptions } from './import';

/** Where resources/demo is: next to the sources in development, beside the bundle when built. */
export function demoDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [
    process.env.RECOUP_DEMO_DIR,
    join(here, '../../resources/demo'),
    join(here, '../../../resources/demo'),
    join(here, '../resources/demo'),
    (process as { resourcesPath?: string }).resourcesPath ? join((process as { resourcesPath?: string }).resourcesPath!, 'demo') : undefined,
    resolve('resources/demo'),
  ];
  for (const c of candidates) if (c && existsSync(join(c, 'data'))) return c;
  throw new Error(`the demo data set was not found (looked in ${candidates.filter(Boolean).join(', ')})`);
}

/** Import the demo data files into `db`; importing twice stores nothing new. */
export async function loadDemo(db: Db, options: ImportOptions = {}): Promise<ImportFileResult[]> {
  return importPaths(db, [join(demoDir(), 'data')], { actor: 'demo', ...options });
}
