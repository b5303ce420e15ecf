// Every `recoup` command, in the order `recoup --help` lists them. Add new commands here.
import type { Command } from '../command';
import { importCommand, batchesCommand, undoImportCommand } from './import';
import { auditVerifyCommand, auditSnapshotCommand, auditCheckSnapshotCommand, auditReviewCommand } from './audit';
import { backupCommand, restoreCommand } from './backup';
import { reconcileCommand } from './reconcile';
import { findingsCommand } from './findings';
import { generateCommand } from './generate';
import { demoCommand } from './demo';
import { exportDisputePackCommand, exportMonthEndCommand, exportOpenItemsCommand } from './export';

export const commands: Command[] = [importCommand, batchesCommand, undoImportCommand, reconcileCommand, findingsCommand,
  backupCommand, restoreCommand, auditVerifyCommand, auditSnapshotCommand, auditCheckSnapshotCommand, auditReviewCommand,
  exportDisputePackCommand, exportMonthEndCommand, exportOpenItemsCommand, demoCommand, generateCommand];
