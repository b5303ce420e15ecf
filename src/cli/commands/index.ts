// Every `recoup` command, in the order `recoup --help` lists them. Add new commands here.
import type { Command } from '../command';
import { importCommand, batchesCommand, undoImportCommand } from './import';
import { auditVerifyCommand, auditSnapshotCommand, auditCheckSnapshotCommand } from './audit';
import { backupCommand, restoreCommand } from './backup';

export const commands: Command[] = [importCommand, batchesCommand, undoImportCommand,
  backupCommand, restoreCommand, auditVerifyCommand, auditSnapshotCommand, auditCheckSnapshotCommand];
