import { Option } from 'commander';
import { copyArchive, type CopyResult } from '../../app/copy.js';
import { isStoreError } from '../../store/errors.js';
import { displayLocation, openStore, type ArchiveStore } from '../../store/open-store.js';
import { ProgressBar } from '../ui/progress.js';
import type { CliCommand, CliContext } from './command.js';
import { EXIT_INTERRUPTED } from './ingest.js';

interface CopyFlags {
  readonly from: string;
  readonly to: string;
  readonly quiet?: boolean;
  readonly json?: boolean;
}

const HELP = `
Examples:
  $ parley copy --from parley.db --to postgres://parley@db.example/news      move an archive to PostgreSQL
  $ parley copy --from postgres://parley@db.example/news --to backup.db     and back (a file for a laptop)

Everything is copied: runs, pages with their outcomes and failure reasons, articles with their analysis
layers and raw HTML, duplicate pages and duplicate groups, revisions (the earlier texts of articles whose
page changed) and the settings the archive remembers (its --themes taxonomy). Stopped (Ctrl-C) or broken off, the same
command goes on where it stopped: pages already in the target are skipped. The counts of both archives
are compared at the end.

Exit status: 0 copied and the counts agree; 1 a database could not be used, or the counts differ; 2
usage error; 130 stopped with Ctrl-C.`;

export const copyCommand: CliCommand = {
  name: 'copy',
  register(program, context) {
    program
      .command('copy')
      .summary('copy an archive between SQLite and PostgreSQL (resumable, counts checked)')
      .description('Copy a whole Parley archive from one database to another: an SQLite file or a postgres:// URL on either side.')
      .requiredOption('--from <path-or-url>', 'the archive to copy (read only)')
      .requiredOption('--to <path-or-url>', 'where to copy it (created when missing; an archive already there is added to)')
      .addOption(new Option('-q, --quiet', 'no progress or summary on stderr'))
      .addOption(new Option('--json', 'print the counts of both archives as one JSON object on stdout'))
      .showHelpAfterError('(run "parley copy --help" for the options and examples)')
      .addHelpText('after', HELP)
      .action(async (flags: CopyFlags) => context.setExitCode(await runCopy(flags, context)));
  },
};

async function runCopy(flags: CopyFlags, context: CliContext): Promise<number> {
  const { stdout, stderr } = context.streams;
  if (flags.from === flags.to) {
    stderr.write('parley copy: --from and --to are the same archive.\n');
    return 2;
  }
  const open = async (location: string, mode: 'read' | 'write'): Promise<ArchiveStore | null> => {
    try {
      return await openStore(location, { mode });
    } catch (error) {
      if (!isStoreError(error)) throw error;
      stderr.write(`parley copy: ${displayLocation(location)}: ${error.message} [${error.code}]\n`);
      return null;
    }
  };
  const from = await open(flags.from, 'read');
  if (!from) return 1;
  const to = await open(flags.to, 'write');
  if (!to) {
    await from.close();
    return 1;
  }
  const progress = stderr.isTTY && !flags.quiet ? new ProgressBar(stderr, 'copying', { eta: false }) : null;
  const stop = new AbortController();
  const interrupt = (): void => {
    if (stop.signal.aborted) process.exit(EXIT_INTERRUPTED);
    stop.abort();
  };
  process.on('SIGINT', interrupt);
  let result: CopyResult;
  try {
    result = await copyArchive({ from, to, signal: stop.signal, onPage: () => progress?.tick(false) });
  } catch (error) {
    progress?.finish();
    if (!isStoreError(error)) throw error;
    stderr.write(`parley copy: ${error.message} [${error.code}] (run the same command again to go on)\n`);
    return 1;
  } finally {
    process.off('SIGINT', interrupt);
    await from.close().catch(() => undefined);
    await to.close().catch(() => undefined);
  }
  progress?.finish();
  const where = { from: displayLocation(flags.from), to: displayLocation(flags.to) };
  if (flags.json) stdout.write(`${JSON.stringify({ ...where, ...result })}\n`);
  if (!flags.quiet) {
    stderr.write(`parley copy: ${result.copied} page${result.copied === 1 ? '' : 's'} copied, ${result.skipped} already there, from ${where.from} to ${where.to}.\n`);
    for (const [name, n] of Object.entries(result.from)) {
      const other = result.to[name as keyof typeof result.to];
      stderr.write(`parley copy:   ${name.padEnd(16)} ${String(n).padStart(9)} ${String(other).padStart(9)}${n === other ? '' : '   DIFFERENT'}\n`);
    }
    if (!result.equal && !result.interrupted) stderr.write('parley copy: the counts differ: the target held other pages before the copy, or the copy was broken off (run it again).\n');
  }
  if (result.interrupted) return EXIT_INTERRUPTED;
  return result.equal ? 0 : 1;
}
