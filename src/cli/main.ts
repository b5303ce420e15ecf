// `recoup`: the command line over the same services as the app. Errors are one line on stderr.
import { commands } from './commands/index';
import { UsageError } from './args';
import { DatabaseVersionError, NotARecoupDatabaseError } from '../db/open';

export async function main(argv: string[]): Promise<number> {
  // `recoup findings | head`: the reader closing the pipe early is not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return name ? 0 : 2;
  }
  // Two-word commands: `export dispute-pack`, `audit verify`.
  const cmd = commands.find((c) => c.name === name) ?? commands.find((c) => rest[0] !== undefined && c.name === `${name} ${rest[0]}`);
  if (!cmd) {
    process.stderr.write(`recoup: unknown command "${[name, rest[0]].filter(Boolean).join(' ')}" (see recoup --help)\n`);
    return 2;
  }
  const args = cmd.name.includes(' ') ? rest.slice(1) : rest;
  try {
    return await cmd.run(args);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`recoup ${cmd.name}: ${err.message}\n  usage: ${cmd.usage}\n`);
      return 2;
    }
    if (err instanceof DatabaseVersionError || err instanceof NotARecoupDatabaseError) {
      process.stderr.write(`recoup ${cmd.name}: ${err.message}\n`);
      return 1;
    }
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`recoup ${cmd.name}: ${message.split('\n')[0]}\n`);
    if (process.env.RECOUP_DEBUG) console.error(err);
    return 1;
  }
}

function usage(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return `Recoup: reconcile Amazon Vendor Central payments and dispute wrong deductions.\n\nUsage: recoup COMMAND [options]   (recoup COMMAND --help for details)\n\n${commands
    .map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`)
    .join('\n')}\n`;
}
