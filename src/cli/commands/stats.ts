import { Option } from 'commander';
import type { RunSummary, StoreStats } from '../../store/store.js';
import { databaseOption, openArchiveForReading } from '../database.js';
import { readQueueStats, type QueueStats } from '../../queue/queue.js';
import { PostgresStore } from '../../store/postgres/postgres-store.js';
import { StreamWriter } from '../io/output.js';
import { reportStoreError } from '../query/options.js';
import { printable } from '../query/terminal.js';
import type { CliCommand, CliContext } from './command.js';

const FORMATS = ['table', 'json'] as const;
type StatsFormat = (typeof FORMATS)[number];

interface StatsFlags {
  readonly format: StatsFormat;
  readonly db?: string;
}

/** How much of each list the table shows (json has them whole, up to the store's defaults). */
const TABLE_LIMITS = { sites: 15, languages: 10, days: 14, runs: 5, reasons: 10 } as const;

const HELP = `
Figures:
  articles     stored articles, one per canonical URL
  duplicates   stored articles that are copies of another (reprints, small edits), in duplicate groups
  pages        pages seen by ingests; of them, duplicate pages (an article already stored), rejected
               (not an article) and failures (something went wrong), with the reasons
  coverage     articles per day (UTC, by published date), site and language; the latest runs

  --format json prints one object: articles, duplicates, duplicateGroups, pages, duplicatePages,
  rejected, failures, undated, perDay, perSite (top 100), perLanguage, runCount, runs (latest 20),
  failureReasons, abstentions (articles per stage that abstained on their language).

Exit status: 0 printed; 1 the database is missing, damaged or not a Parley database; 2 usage error.`;

export const statsCommand: CliCommand = {
  name: 'stats',
  register(program, context) {
    program
      .command('stats')
      .summary('coverage of the archive: articles per day, site and language, runs, failures')
      .description('Show what the archive holds: articles and duplicates, coverage per day, site and language, the latest ingest runs and why pages failed.')
      .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS).default('table'))
      .addOption(databaseOption())
      .showHelpAfterError('(run "parley stats --help")')
      .addHelpText('after', HELP)
      .action(async (flags: StatsFlags) => context.setExitCode(await runStats(flags, context)));
  },
};

async function runStats(flags: StatsFlags, context: CliContext): Promise<number> {
  const { stdout, stderr } = context.streams;
  const opened = await openArchiveForReading(flags.db);
  if (!opened.ok) {
    stderr.write(`parley stats: ${opened.message}\n`);
    return 1;
  }
  let stats: StoreStats;
  let queue: QueueStats | null = null;
  try {
    stats = await opened.store.stats();
    // A PostgreSQL archive may have an ingest queue beside it (parley ingest --enqueue, parley worker).
    if (opened.store instanceof PostgresStore) queue = await readQueueStats(opened.store.url);
  } catch (error) {
    return reportStoreError(error, 'stats', stderr);
  } finally {
    await opened.store.close();
  }
  const output = new StreamWriter(stdout);
  await output.write(flags.format === 'json' ? `${JSON.stringify(queue ? { ...stats, queue } : stats, null, 2)}\n` : renderTable(stats, opened.path) + (queue ? renderQueue(queue) : ''));
  return output.error ? 1 : 0;
}

const number = (n: number): string => n.toLocaleString('en-US');

function renderTable(stats: StoreStats, path: string): string {
  const lines: string[] = [`Database     ${printable(path)}`, ''];
  lines.push(`Articles     ${number(stats.articles).padStart(9)}   one per canonical URL${stats.undated > 0 ? `; ${number(stats.undated)} without a date` : ''}`);
  lines.push(`Duplicates   ${number(stats.duplicates).padStart(9)}   copies of another article, in ${number(stats.duplicateGroups)} group${stats.duplicateGroups === 1 ? '' : 's'}`);
  lines.push(`Pages        ${number(stats.pages).padStart(9)}   ${number(stats.duplicatePages)} duplicate, ${number(stats.rejected)} rejected, ${number(stats.failures)} failed`);
  if (stats.perDay.length > 0) {
    const first = stats.perDay[0]!;
    const last = stats.perDay[stats.perDay.length - 1]!;
    const busiest = stats.perDay.reduce((a, b) => (b.articles > a.articles ? b : a));
    lines.push('', `Days         ${first.day} … ${last.day}: ${number(stats.perDay.length)} days with articles; busiest ${busiest.day} (${number(busiest.articles)})`);
    lines.push(...bars(stats.perDay.slice(-TABLE_LIMITS.days).map((d) => [d.day, d.articles])));
  }
  if (stats.perSite.length > 0) {
    lines.push('', `Sites        ${stats.perSite.length > TABLE_LIMITS.sites ? `top ${TABLE_LIMITS.sites}` : ''}`);
    lines.push(...bars(stats.perSite.slice(0, TABLE_LIMITS.sites).map((s) => [printable(s.site) || '(no site)', s.articles])));
  }
  if (stats.perLanguage.length > 0) {
    lines.push('', 'Languages');
    lines.push(...bars(stats.perLanguage.slice(0, TABLE_LIMITS.languages).map((l) => [l.language ?? '(unknown)', l.articles])));
  }
  if (stats.runs.length > 0) {
    lines.push('', `Runs         ${number(stats.runCount)} in all${stats.runCount > TABLE_LIMITS.runs ? `; the latest ${TABLE_LIMITS.runs}` : ''}`);
    lines.push(...stats.runs.slice(0, TABLE_LIMITS.runs).map(runLine));
  }
  if (stats.failureReasons.length > 0) {
    lines.push('', 'Not stored   why pages gave no article');
    for (const r of stats.failureReasons.slice(0, TABLE_LIMITS.reasons)) {
      lines.push(`  ${number(r.pages).padStart(9)}  ${r.kind.padEnd(8)}  ${printable(r.stage).padEnd(10)}  ${printable(r.code)}`);
    }
  }
  if (stats.abstentions.length > 0) {
    lines.push('', 'Abstained    articles a stage did not analyze: not in a language it was built for');
    for (const a of stats.abstentions) lines.push(`  ${number(a.articles).padStart(9)}  ${printable(a.stage)}`);
  }
  return `${lines.join('\n')}\n`;
}

function renderQueue(queue: QueueStats): string {
  const lines = ['', `Queue        ${number(queue.pending)} pending, ${number(queue.running)} running, ${number(queue.completed)} done, ${number(queue.retried)} retried, ${number(queue.failed)} failed${queue.fromFeeds > 0 ? ` (${number(queue.fromFeeds)} made from the entries of feeds and sitemaps)` : ''}`];
  for (const f of queue.failures) lines.push(`  failed  ${f.at.slice(0, 16).replace('T', ' ')}  ${printable(f.share)}: ${printable(f.reason)}`);
  return `${lines.join('\n')}\n`;
}

function runLine(run: RunSummary): string {
  const c = run.committed;
  const status = run.status === 'unfinished' ? 'unfinished (stopped before the end)' : run.status;
  const sources = printable(run.sources.join(' '));
  return `  #${run.id}  ${run.startedAt.slice(0, 16).replace('T', ' ')}  ${status}  stored ${number(c.article)}, duplicate ${number(c.duplicate)}, rejected ${number(c.rejected)}, failed ${number(c.failed)}  ${sources.length > 60 ? `${sources.slice(0, 59)}…` : sources}`;
}

/** Label, count and a bar scaled to the largest count shown. */
function bars(entries: readonly (readonly [string, number])[]): string[] {
  const max = Math.max(1, ...entries.map(([, n]) => n));
  const width = Math.min(30, Math.max(...entries.map(([label]) => [...label].length)));
  return entries.map(([label, n]) => {
    const shown = [...label].length > width ? `${[...label].slice(0, width - 1).join('')}…` : label;
    return `  ${shown}${' '.repeat(Math.max(0, width - [...shown].length))}  ${number(n).padStart(9)}  ${'█'.repeat(Math.max(1, Math.round((n / max) * 30)))}`;
  });
}
