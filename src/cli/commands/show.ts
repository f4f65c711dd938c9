import { Option } from 'commander';
import { canonicalizeUrl } from '../../dedup/index.js';
import { articleToMarkdown } from '../../render/markdown.js';
import { articleToText } from '../../render/text.js';
import type { ArticleAnalysis } from '../../store/analysis.js';
import { revisionHistory, revisionHistoryToText } from '../../render/revision-history.js';
import type { ArticleRevision, Store, StoredArticle } from '../../store/store.js';
import { databaseOption, openArchiveForReading } from '../database.js';
import { StreamWriter } from '../io/output.js';
import { reportStoreError } from '../query/options.js';
import { storedArticleToJSON } from '../query/stored-json.js';
import type { CliCommand, CliContext } from './command.js';
import { helpList } from '../help-list.js';

const FORMATS = {
  markdown: 'YAML front matter with the metadata, then the article in Markdown',
  json: 'the stored article: id, every extracted field with its provenance, site, firstSeen, duplicate, and its analysis layers (entities, mentions, quotes, themes, events, tone)',
  text: 'the title, a blank line, then the body as plain text',
} as const;
type ShowFormat = keyof typeof FORMATS;

interface ShowFlags {
  readonly format: ShowFormat;
  readonly db?: string;
  readonly revisions?: boolean;
}

const HELP = `
Formats:
${helpList(FORMATS)}

Examples:
  $ parley show 42                                     the article with id 42 (ids are in search results)
  $ parley show https://example.com/news/story.html    by its URL (canonical or as fetched)
  $ parley show 42 --format json | jq .provenance
  $ parley show 42 --revisions                         every text the article had, and what changed in each

--revisions: an article whose page changed (a live blog, a correction) keeps its earlier texts. It
prints each text, numbered from the first seen, with when it was first seen and what changed from the
one before: "+ " added and "- " removed paragraphs, "~ " a paragraph rewritten with [-removed-] and
{+added+} words. With --format json: {id, url, revisions: [{number, current, seenAt, pageId, title,
published, modified, wordCount, textHash, text, diff}]}, as GET /api/articles/:id/revisions.

Exit status: 0 shown; 1 no such article, or the database is missing or damaged; 2 usage error.`;

export const showCommand: CliCommand = {
  name: 'show',
  register(program, context) {
    program
      .command('show')
      .summary('print one stored article (Markdown, JSON or text)')
      .description('Print one article of the archive, by its id or its URL.')
      .argument('<id-or-url>', 'the article id (a number) or a URL')
      .addOption(new Option('-f, --format <format>', 'output format').choices(Object.keys(FORMATS)).default('markdown'))
      .addOption(new Option('--revisions', 'the article\'s earlier texts, and what changed in each (see below)'))
      .addOption(databaseOption())
      .showHelpAfterError('(run "parley show --help" for the formats and examples)')
      .addHelpText('after', HELP)
      .action(async (key: string, flags: ShowFlags) => context.setExitCode(await runShow(key, flags, context)));
  },
};

async function runShow(key: string, flags: ShowFlags, context: CliContext): Promise<number> {
  const { stdout, stderr } = context.streams;
  const opened = await openArchiveForReading(flags.db);
  if (!opened.ok) {
    stderr.write(`parley show: ${opened.message}\n`);
    return 1;
  }
  const byId = /^\d+$/.test(key.trim());
  let stored: StoredArticle | null;
  let analysis: ArticleAnalysis | null = null;
  let revisions: ArticleRevision[] | null = null;
  try {
    stored = byId ? await opened.store.getArticle(Number(key)) : await findByUrl(opened.store, key.trim());
    if (stored && flags.revisions) revisions = await opened.store.listRevisions(stored.id);
    else if (stored && flags.format === 'json') analysis = await opened.store.getAnalysis(stored.id);
  } catch (error) {
    return reportStoreError(error, 'show', stderr);
  } finally {
    await opened.store.close();
  }
  if (!stored) {
    stderr.write(`parley show: no article ${byId ? `with id ${key.trim()}` : `at ${key.trim()}`} in ${opened.path}. Find it with "parley search".\n`);
    return 1;
  }
  const output = new StreamWriter(stdout);
  if (flags.revisions) {
    const history = revisionHistory(stored, revisions ?? []);
    await output.write(flags.format === 'json' ? `${JSON.stringify(history, null, 2)}\n` : revisionHistoryToText(history));
    return output.error ? 1 : 0;
  }
  await output.write(render(stored, analysis, flags.format));
  return output.error ? 1 : 0;
}

/**
 * An article by URL: as given, else as an ingest files URLs (tracking parameters such as utm_source, the
 * fragment and AMP variants removed: dedup/canonical-url.ts), so a link copied from a browser or a
 * newsletter finds the article stored under its clean address.
 */
async function findByUrl(store: Store, url: string): Promise<StoredArticle | null> {
  const found = await store.getArticle(url);
  if (found) return found;
  const canonical = canonicalizeUrl(url);
  return canonical !== null && canonical !== url ? store.getArticle(canonical) : null;
}

function render(stored: StoredArticle, analysis: ArticleAnalysis | null, format: ShowFormat): string {
  switch (format) {
    case 'markdown':
      return articleToMarkdown(stored.article);
    case 'json':
      // analysis: null when the article was stored without it (ingest --no-analysis; see parley reanalyze).
      return `${JSON.stringify({ ...storedArticleToJSON(stored), analysis }, null, 2)}\n`;
    case 'text':
      return articleToText(stored.article);
  }
}
