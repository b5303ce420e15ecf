// Mapping profiles: the built-in ones shipped with Recoup plus those analysts saved.
import type { Db } from '../db/open';
import type { MappingProfile } from '../core/sheets/profiles';
import { BUILTIN_PROFILES } from '../core/sheets/builtin-profiles';

export function loadProfiles(db: Db): MappingProfile[] {
  const saved = db.prepare('SELECT id, name, target, fingerprint, definition FROM mapping_profile ORDER BY created_at').all() as Array<{ id: string; name: string; target: string; fingerprint: string; definition: string }>;
  const user = saved.map((r) => ({ ...(JSON.parse(r.definition) as Omit<MappingProfile, 'id' | 'name' | 'target' | 'fingerprint' | 'builtin'>), id: r.id, name: r.name, target: r.target, fingerprint: r.fingerprint, builtin: false }));
  return [...user, ...BUILTIN_PROFILES];
}

export function saveProfile(db: Db, profile: Omit<MappingProfile, 'builtin'>, now: () => number = Date.now): void {
  const { id, name, target, fingerprint, ...definition } = profile;
  db.prepare(`INSERT INTO mapping_profile (id, name, target, fingerprint, definition, builtin, created_at) VALUES (?, ?, ?, ?, ?, 0, ?)
    ON CONFLICT (id) DO UPDATE SET name = excluded.name, target = excluded.target, fingerprint = excluded.fingerprint, definition = excluded.definition`)
    .run(id, name, target, fingerprint, JSON.stringify(definition), now());
}
