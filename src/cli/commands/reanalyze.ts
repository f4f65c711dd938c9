import { availableParallelism } from 'node:os';
import { Option } from 'commander';
import { parsePositiveInteger } from '../values.js';
import { reanalyze, type ReanalyzeResult } from '../../app/reanalyze.js';
import { isParleyError } from '../../pipeline/errors.js';
import { isStoreError } from '../../store/errors.js';
import { DATABASE_ENV, resolveDatabasePath } from '../../store/location.js';
import { existsSync } from 'node:fs';
import { isPostgresUrl } from '../../store/open-store.js';
import { databaseOption, openArchiveForReading, openArchiveForWriting } from '../database.js';
import { ProgressBar } from '../ui/progress.js';
import type { CliCommand, CliContext } from './command.js';
import { parseStageList } from './ingest.js';
import { archiveTaxonomy } from '../../app/archive-taxonomy.js';
import type { UserTaxonomyText } from '../../resources/themes.js';

interface ReanalyzeFlags {
  readonly db?: string;
  readonly stages?: readonly string[];
  readonly all?: boolean;
  readonly themes?: string;
  readonly builtinThemes?: boolean;
  readonly quiet?: boolean;
  readonly json?: boolean;
  readonly jobs: number;
}

const EXIT_INTERRUPTED = 130;

const HELP = `
Which articles: those whose stored analysis was made by other stage versions than this Parley's (a stage
changed, was added or failed, or --themes names another taxonomy), or every article with --all. With
--stages, only those stages' versions are compared; the analysis always runs every stage, so each
article's stored layers stay whole. Each article is saved in one transaction: stopped at any moment, the
archive keeps each article's old or new layers, and the same command run again goes on.

Examples:
  $ parley reanalyze                         redo what the current stages would compute differently
  $ parley reanalyze --themes my-themes.yaml  re-apply a custom theme taxonomy (the archive remembers it)
  $ parley reanalyze --builtin-themes         back to the built-in taxonomy

A taxonomy given with --themes (to reanalyze or ingest) is remembered by the archive, its text not its
path: later runs without --themes use it too, and say so; --builtin-themes forgets it.
  $ parley reanalyze --stages events --all    recompute every article (events were improved)

Exit status: 0 done (even if a stage failed on some articles: recorded, retried next time); 1 the
database failed or a resource (model, taxonomy) could not be loaded; 2 usage error; 130 stopped with Ctrl-C.`;

export const reanalyzeCommand: CliCommand = {
  name: 'reanalyze',
  register(program, context) {
    program
      .command('reanalyze')
      .summary('run changed analysis stages again on stored articles')
      .description('Run the analysis stages (entities, quotes, themes, events, tone, ...) again on the stored articles whose layers are stale, from their stored text.')
      .addOption(databaseOption())
      .addOption(new Option('--stages <list>', 'compare only these stages (comma-separated names)').argParser(parseStageList))
      .addOption(new Option('--all', 'reanalyze every article, stale or not'))
      .addOption(new Option('--themes <file>', 'a theme taxonomy file, JSON or YAML (.yaml, .yml), extending the built-in one (or replacing it, when it says mode: replace); the archive remembers it'))
      .addOption(new Option('--builtin-themes', 'use the built-in theme taxonomy, and forget the one the archive remembers from an earlier --themes'))
      .addOption(new Option('-j, --jobs <n>', 'articles analyzed in parallel (worker threads)').argParser(parsePositiveInteger).default(availableParallelism(), 'the number of CPU cores'))
      .addOption(new Option('-q, --quiet', 'no progress or summary on stderr'))
      .addOption(new Option('--json', 'print the counts as one JSON object on stdout'))
      .showHelpAfterError('(run "parley reanalyze --help" for the options and examples)')
      .addHelpText('after', HELP)
      .action(async (flags: ReanalyzeFlags) => context.setExitCode(await runReanalyze(flags, context)));
  },
};

async function runReanalyze(flags: ReanalyzeFlags, context: CliContext): Promise<number> {
  const { stdout, stderr } = context.streams;
  const location = resolveDatabasePath(flags.db);
  if (!isPostgresUrl(location) && !existsSync(location)) {
    stderr.write(`parley reanalyze: there is no Parley database at ${location}. Run "parley ingest <source...>" first, or point --db or ${DATABASE_ENV} at an existing database.\n`);
    return 1;
  }
  // Reading first: a PostgreSQL database without an archive is "missing", not created here.
  const opened = await openArchiveForReading(flags.db).then((read) => (read.ok ? read.store.close().then(() => openArchiveForWriting(flags.db)) : read));
  if (!opened.ok) {
    stderr.write(`parley reanalyze: ${opened.message}\n`);
    return 1;
  }
  const { store, path: database } = opened;
  let themes: UserTaxonomyText | null;
  try {
    const taxonomy = await archiveTaxonomy(store, flags.themes ?? null, flags.builtinThemes ?? false);
    themes = taxonomy.themes;
    if (taxonomy.note && !flags.quiet) stderr.write(`parley reanalyze: themes: ${taxonomy.note}\n`);
  } catch (error) {
    await store.close().catch(() => undefined);
    if (!isParleyError(error)) throw error;
    stderr.write(`parley reanalyze: ${error.message} [${error.code}]\n`);
    return error.code === 'E_USAGE' ? 2 : 1;
  }
  const progress = stderr.isTTY && !flags.quiet ? new ProgressBar(stderr, 'reanalyzing', { eta: false }) : null;
  const stop = new AbortController();
  const interrupt = (): void => {
    if (stop.signal.aborted) process.exit(EXIT_INTERRUPTED);
    stop.abort();
  };
  process.on('SIGINT', interrupt);
  let result: ReanalyzeResult;
  try {
    result = await reanalyze({
      store,
      settings: { themesText: themes },
      checkStages: flags.stages ?? null,
      all: flags.all === true,
      jobs: flags.jobs,
      signal: stop.signal,
      onArticle: (event) => progress?.tick(event.failedStages.length > 0),
    });
  } catch (error) {
    progress?.finish();
    if (isStoreError(error)) {
      stderr.write(`parley reanalyze: ${error.message} [${error.code}]\n`);
      return 1;
    }
    if (isParleyError(error)) {
      stderr.write(`parley reanalyze: ${error.message} [${error.code}]\n`);
      return error.code === 'E_OPTION' || error.code === 'E_USAGE' ? 2 : 1;
    }
    throw error;
  } finally {
    process.off('SIGINT', interrupt);
    await store.close().catch(() => undefined);
  }
  progress?.finish();
  const seconds = result.elapsedMs / 1000;
  const report = { database, status: result.status, reanalyzed: result.reanalyzed, skipped: result.skipped, withFailures: result.withFailures, failuresByStage: result.failuresByStage, stages: result.stages, seconds: Math.round(seconds * 100) / 100 };
  if (flags.json) stdout.write(`${JSON.stringify(report)}\n`);
  else if (!flags.quiet) {
    const rate = seconds > 0 ? ` (${(result.reanalyzed / seconds).toFixed(1)} articles/s)` : '';
    stderr.write(`parley reanalyze: ${result.reanalyzed} article${result.reanalyzed === 1 ? '' : 's'} reanalyzed in ${seconds.toFixed(1)} s${rate} with ${result.stages.map((s) => `${s.name} ${s.version}`).join(', ')}.\n`);
    if (result.skipped > 0) stderr.write(`parley reanalyze: ${result.skipped} article${result.skipped === 1 ? '' : 's'} could not be analyzed (a worker stopped); they keep their old layers and the next reanalyze tries them again.\n`);
    if (result.withFailures > 0) {
      const byStage = Object.entries(result.failuresByStage).map(([stage, n]) => `${stage}: ${n}`).join(', ');
      stderr.write(`parley reanalyze: a stage failed on ${result.withFailures} of them (${byStage}); the failures are recorded, and the next reanalyze tries them again.\n`);
    }
  }
  return result.status === 'interrupted' ? EXIT_INTERRUPTED : 0;
}
