// Every `recoup` command, in the order `recoup --help` lists them. Add new commands here.
import type { Command } from '../command';
import { importCommand, batchesCommand, undoImportCommand } from './import';

export const commands: Command[] = [importCommand, batchesCommand, undoImportCommand];
