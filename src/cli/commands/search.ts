import { Option } from 'commander';
import type { SearchHit, SearchPage } from '../../store/store.js';
import { DEFAULT_SEARCH_LIMIT, MAX_SEARCH_LIMIT } from '../../store/store.js';
import { databaseOption, openArchiveForReading } from '../database.js';
import { StreamWriter } from '../io/output.js';
import { checkedCode, countryOption, filterOptions, parseLimit, reportStoreError, toFilter, type FilterFlags } from '../query/options.js';
import { listedToJSON } from '../../server/serialize.js';
import type { ListArticlesQuery } from '../../store/analysis.js';
import { parseActorCode, parseThemeCode } from '../../store/codes.js';
import { StoreError } from '../../store/errors.js';
import { splitQueryFilters } from '../../store/query/fields.js';
import type { ArticleFilter, Store } from '../../store/store.js';
import { dim, fit, highlightSnippet, printable, terminalStyle, type TerminalStyle } from '../query/terminal.js';
import type { CliCommand, CliContext } from './command.js';

const FORMATS = ['table', 'json', 'jsonl'] as const;
type SearchFormat = (typeof FORMATS)[number];

interface SearchFlags extends FilterFlags {
  readonly actor?: string;
  readonly theme?: string;
  readonly limit: number;
  readonly cursor?: string;
  readonly format: SearchFormat;
  readonly db?: string;
}

const DESCRIPTION = 'Search the archive: articles ranked by relevance (BM25 over titles and bodies), each with a passage of its text where the words match.';

const HELP = `
Query language:
  climate change            both words, anywhere in the article
  "climate change"          the exact phrase
  climat*                   words starting with climat
  coal OR gas               either word (AND binds tighter: a b OR c is (a b) OR c)
  climate NOT coal          without a word (also: climate -coal)
  (coal OR gas) AND price   parentheses group
  Operators are upper case; case and accents never matter (cafe finds Café).
  Filters may be written into the query, at its top level (not inside parentheses or next to OR),
  as the workbench's search box takes them:
    site:voanews.com  lang:en  actor:CHN  theme:CYBER_SECURITY  country:SYR  since:2024-01  until:2024-06-30
  A query of filters only lists the newest articles that pass them.

Formats:
  table   for reading: score, date, site, title and the passage, matches highlighted on a terminal
  json    a JSON array of results: id, url, title, published, siteName, site, language, score, snippet,
          highlights ([start, end] offsets of the matches in snippet)
  jsonl   the same objects, one per line
  When there are more results, the cursor for the next page is printed (on stderr for json and jsonl).

Examples:
  $ parley search "climate change"
  $ parley search 'cyber* AND (china OR "united states")' --since 2024-01 --lang en
  $ parley search bridge --site example.com --format json | jq '.[].url'
  $ parley search bridge --limit 50 --cursor <cursor from the previous page>
  $ parley search 'cyber theme:CYBER_SECURITY actor:CHN'     articles about cyber security that mention China
  $ parley search 'actor:USAGOV since:2024-05' --format jsonl   the newest articles naming the US government

Exit status: 0 searched (also when nothing matches); 1 the database is missing, damaged or not a
Parley database; 2 usage error (a malformed query, a bad option or cursor).`;

export const searchCommand: CliCommand = {
  name: 'search',
  register(program, context) {
    const command = program
      .command('search')
      .summary('search the archive (ranked, with highlighted passages)')
      .description(DESCRIPTION)
      .argument('<query>', 'words, "exact phrases", prefix*, AND / OR / NOT (quote the whole query for your shell)');
    for (const option of [...filterOptions(), countryOption()]) command.addOption(option);
    command
      .addOption(new Option('--actor <code>', 'only articles that mention an actor whose code starts with CODE (USA matches USAGOV)').argParser(checkedCode((v) => parseActorCode(v, 'actor'))))
      .addOption(new Option('--theme <code>', 'only articles with this theme (e.g. CYBER_SECURITY)').argParser(checkedCode(parseThemeCode)))
      .addOption(new Option('-n, --limit <n>', `results per page (1-${MAX_SEARCH_LIMIT})`).argParser(parseLimit).default(DEFAULT_SEARCH_LIMIT))
      .addOption(new Option('--cursor <cursor>', 'continue after the previous page (the cursor it printed)'))
      .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS).default('table'))
      .addOption(databaseOption())
      .showHelpAfterError('(run "parley search --help" for the query language and examples)')
      .addHelpText('after', HELP)
      .action(async (query: string, flags: SearchFlags) => context.setExitCode(await runSearch(query, flags, context)));
  },
};

async function runSearch(query: string, flags: SearchFlags, context: CliContext): Promise<number> {
  const { stdout, stderr } = context.streams;
  const opened = await openArchiveForReading(flags.db);
  if (!opened.ok) {
    stderr.write(`parley search: ${opened.message}\n`);
    return 1;
  }
  let page: SearchPage;
  let ranked = true;
  try {
    const { text, filter } = querySelection(query, { ...toFilter(flags), actor: flags.actor, theme: flags.theme });
    ranked = text !== null;
    page = text
      ? await opened.store.search({ text, ...filter, limit: flags.limit, cursor: flags.cursor ?? null, withTotal: true })
      : await newestAsHits(opened.store, { ...filter, limit: flags.limit, cursor: flags.cursor ?? null });
  } catch (error) {
    return reportStoreError(error, 'search', stderr, query);
  } finally {
    await opened.store.close();
  }
  const output = new StreamWriter(stdout);
  if (flags.format === 'table') {
    await output.write(renderTable(page, terminalStyle(stdout), ranked));
  } else {
    const json = (hit: SearchHit): Record<string, unknown> => ({ ...hitToJSON(hit), score: ranked ? hit.score : null });
    const text = flags.format === 'json' ? `${JSON.stringify(page.hits.map(json), null, 2)}\n` : page.hits.map((hit) => `${JSON.stringify(json(hit))}\n`).join('');
    await output.write(text);
    if (page.total !== undefined) stderr.write(`parley search: ${matchCount(page)}\n`);
    if (page.nextCursor) stderr.write(`parley search: more results: add --cursor ${page.nextCursor}\n`);
  }
  return output.error ? 1 : 0;
}

/** The words of a query and its filters: those written into it (site:…) merged with the flags, which must agree. */
function querySelection(query: string, flags: ArticleFilter): { text: string | null; filter: ArticleFilter } {
  const split = splitQueryFilters(query);
  const filter: Record<string, string | undefined> = { ...flags };
  for (const [field, value] of Object.entries(split.filter)) {
    const given = filter[field];
    if (given !== undefined && given.toLowerCase() !== value.toLowerCase()) {
      throw new StoreError('E_FILTER', `the query says ${field === 'language' ? 'lang' : field}:${value} but the option says ${given}.`, 'Give the filter once, in the query or as an option.');
    }
    filter[field] = value;
  }
  return { text: split.text, filter: filter as ArticleFilter };
}

/** Without words: the newest articles that pass the filters, shown like search results (no score, no highlights). */
async function newestAsHits(store: Store, query: ListArticlesQuery): Promise<SearchPage> {
  const page = await store.listArticles(query);
  const hits = page.articles.map((stored): SearchHit => {
    const summary = listedToJSON(stored);
    return { ...summary, score: 0, highlights: [] };
  });
  return { hits, nextCursor: page.nextCursor };
}

/** The fields of a result, in a fixed order. */
function hitToJSON(hit: SearchHit): Record<string, unknown> {
  return {
    id: hit.id,
    url: hit.url,
    title: hit.title,
    published: hit.published,
    siteName: hit.siteName,
    site: hit.site,
    language: hit.language,
    score: hit.score,
    snippet: hit.snippet,
    highlights: hit.highlights,
  };
}

/**
 *   SCORE  DATE        SITE              ID  TITLE
 *    8.31  2024-05-02  daily.example      1  Climate talks open in Bonn
 *                                            …discuss climate change and coal. The talks last…
 */
function renderTable(page: SearchPage, style: TerminalStyle, ranked: boolean): string {
  if (page.hits.length === 0) return page.total ? `${matchCount(page)}\n` : 'No articles match.\n';
  const rows = page.hits.map((hit) => ({
    score: ranked ? formatScore(hit.score) : '—',
    date: hit.published ? hit.published.slice(0, 10) : '—',
    site: printable(hit.site || '(no site)'),
    id: String(hit.id),
    title: printable(hit.title ?? '(untitled)'),
    hit,
  }));
  const widths = {
    score: Math.max(5, ...rows.map((r) => r.score.length)),
    site: Math.min(28, Math.max(4, ...rows.map((r) => [...r.site].length))),
    id: Math.max(2, ...rows.map((r) => r.id.length)),
  };
  const lead = widths.score + 2 + 10 + 2 + widths.site + 2 + widths.id + 2;
  const rest = style.width === null ? null : Math.max(20, style.width - lead);
  const lines = [...(page.total === undefined ? [] : [matchCount(page), '']), dim(`${'SCORE'.padStart(widths.score)}  ${'DATE'.padEnd(10)}  ${'SITE'.padEnd(widths.site)}  ${'ID'.padStart(widths.id)}  TITLE`, style)];
  for (const row of rows) {
    const site = fit(row.site, widths.site);
    lines.push(`${row.score.padStart(widths.score)}  ${row.date.padEnd(10)}  ${site}${' '.repeat(Math.max(0, widths.site - [...site].length))}  ${row.id.padStart(widths.id)}  ${fit(row.title, rest)}`);
    const snippet = highlightSnippet(row.hit.snippet, row.hit.highlights, { ...style, width: rest });
    if (snippet) lines.push(`${' '.repeat(lead)}${snippet}`);
  }
  if (page.nextCursor) lines.push('', `More results: add --cursor ${page.nextCursor}`);
  return `${lines.join('\n')}\n`;
}

/** "23 articles match (20 on this page)." */
function matchCount(page: SearchPage): string {
  const total = page.total ?? page.hits.length;
  const all = `${total} ${total === 1 ? 'article matches' : 'articles match'}`;
  return page.hits.length === total ? `${all}.` : `${all} (${page.hits.length} on this page).`;
}

/** Scores are only compared within one search: three significant digits are plenty. */
function formatScore(score: number): string {
  if (score >= 100) return score.toFixed(0);
  if (score >= 0.01) return score.toPrecision(3);
  return score.toExponential(1);
}
