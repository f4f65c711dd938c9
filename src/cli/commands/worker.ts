import { availableParallelism } from 'node:os';
import { Option } from 'commander';
import { DEFAULT_INGEST_SETTINGS, ingestReport, summaryLines } from '../../app/index.js';
import { isParleyError } from '../../pipeline/errors.js';
import { IngestQueue } from '../../queue/queue.js';
import { runWorker } from '../../queue/worker.js';
import { isStoreError } from '../../store/errors.js';
import { resolveDatabasePath } from '../../store/location.js';
import { isPostgresUrl } from '../../store/open-store.js';
import { databaseOption, openArchiveForWriting } from '../database.js';
import { parseDuration, parsePositiveInteger } from '../values.js';
import type { CliCommand, CliContext } from './command.js';
import { EXIT_INTERRUPTED, MAX_FAILURE_LINES } from './ingest.js';

interface WorkerFlags {
  readonly db?: string;
  readonly jobs: number;
  readonly workerHeap: number;
  readonly exitWhenIdle?: boolean;
  readonly poll: number;
  readonly quiet?: boolean;
  readonly json?: boolean;
}

const HELP = `
Examples:
  $ parley ingest --db postgres://parley@db/news --enqueue crawl.warc.gz urls.txt
  $ parley worker --db postgres://parley@db/news                 run until stopped (Ctrl-C)
  $ parley worker --db postgres://parley@db/news --jobs 4 --exit-when-idle
  $ PARLEY_DB=postgres://parley@db/news parley worker

Each job is a share of an ingest: a byte range of a WARC archive, lines of a URL list, a group of page
files, a feed or a URL. A job whose worker dies (killed, machine lost) is given to another worker when
its lease ends ("parley ingest --lease"); pages already committed are not stored again. "parley stats" shows the queue.

Exit status: 0 stopped (idle with --exit-when-idle, or Ctrl-C after the current job); 1 the database or
the queue could not be used; 2 usage error.`;

export const workerCommand: CliCommand = {
  name: 'worker',
  register(program, context) {
    program
      .command('worker')
      .summary('process the ingest queue of a PostgreSQL archive (run any number, on any machines)')
      .description('Take jobs from the ingest queue kept in a PostgreSQL archive ("parley ingest --db postgres://... --enqueue") and ingest them: extraction, de-duplication and analysis, committed page by page.')
      .addOption(databaseOption())
      .addOption(new Option('-j, --jobs <n>', 'pages extracted and analyzed in parallel in this worker (threads)').argParser(parsePositiveInteger).default(availableParallelism(), 'the number of CPU cores'))
      .addOption(new Option('--worker-heap <MB>', 'heap limit of each thread, in MB').argParser(parsePositiveInteger).default(DEFAULT_INGEST_SETTINGS.workerHeapMb))
      .addOption(new Option('--exit-when-idle', 'stop when no job is waiting or running (instead of waiting for new ones)'))
      .addOption(new Option('--poll <duration>', 'how often an idle worker asks for a job').argParser(parseDuration).default(1000, '1s'))
      .addOption(new Option('-q, --quiet', 'no job lines or summary on stderr'))
      .addOption(new Option('--json', 'print the counts as one JSON object on stdout when stopping'))
      .showHelpAfterError('(run "parley worker --help" for the options and examples)')
      .addHelpText('after', HELP)
      .action(async (flags: WorkerFlags) => context.setExitCode(await runWorkerCommand(flags, context)));
  },
};

async function runWorkerCommand(flags: WorkerFlags, context: CliContext): Promise<number> {
  const { stdout, stderr } = context.streams;
  const location = resolveDatabasePath(flags.db);
  if (!isPostgresUrl(location)) {
    stderr.write('parley worker: the queue lives in a PostgreSQL archive: give --db postgres://USER@HOST/DB (or set PARLEY_DB).\n');
    return 2;
  }
  const say = (line: string): void => void (flags.quiet ? undefined : stderr.write(`${line}\n`));
  const opened = await openArchiveForWriting(flags.db);
  if (!opened.ok) {
    stderr.write(`parley worker: ${opened.message}\n`);
    return 1;
  }
  let queue: IngestQueue;
  try {
    queue = await IngestQueue.open(location);
  } catch (error) {
    await opened.store.close();
    if (!isStoreError(error)) throw error;
    stderr.write(`parley worker: the queue cannot be opened: ${error.message} [${error.code}]\n`);
    return 1;
  }
  const stop = new AbortController();
  const interrupt = (): void => {
    if (stop.signal.aborted) process.exit(EXIT_INTERRUPTED);
    say('parley worker: stopping after the pages in progress are committed (the rest of the job goes back to the queue).');
    stop.abort();
  };
  process.on('SIGINT', interrupt);
  process.on('SIGTERM', interrupt);
  say(`parley worker: working on the queue of ${opened.path} with ${flags.jobs} thread${flags.jobs === 1 ? '' : 's'}${flags.exitWhenIdle ? ' until it is empty' : ' (Ctrl-C to stop)'}.`);
  let failures = 0;
  try {
    const result = await runWorker({
      queue,
      store: opened.store,
      settings: { jobs: flags.jobs, workerHeapMb: flags.workerHeap },
      exitWhenIdle: flags.exitWhenIdle === true,
      pollMs: flags.poll,
      signal: stop.signal,
      onItem: (event) => {
        if (event.result === 'failed' && ++failures <= MAX_FAILURE_LINES) say(`parley worker: ${event.source}: ${event.message} [${event.code}]`);
      },
      onJob: (event) => say(`parley worker: job ${event.job.id.slice(0, 8)} ${event.result}: ${event.share}${event.message ? ` (${event.message})` : ''}`),
    });
    if (flags.json) stdout.write(`${JSON.stringify({ ...ingestReport(result, opened.path), jobsDone: result.jobsDone, jobsFailed: result.jobsFailed })}\n`);
    else if (!flags.quiet) for (const line of summaryLines(result, opened.path)) stderr.write(`parley worker: ${line}\n`);
    return 0;
  } catch (error) {
    if (isStoreError(error)) {
      stderr.write(`parley worker: ${error.message} [${error.code}]\n`);
      return 1;
    }
    if (isParleyError(error)) {
      stderr.write(`parley worker: ${error.message} [${error.code}]\n`);
      return 1;
    }
    throw error;
  } finally {
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
    await queue.close();
    await opened.store.close().catch(() => undefined);
  }
}
