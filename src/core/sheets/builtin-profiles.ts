// Built-in register layouts (filled in with the register importer).
import type { MappingProfile } from './profiles';

export const BUILTIN_PROFILES: MappingProfile[] = [];
