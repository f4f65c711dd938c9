import { API_ERRORS } from '../errors.js';

/**
 * The JSON Schemas (2020-12, as OpenAPI 3.1 uses them) of what the API returns. Objects list every
 * field and allow no others, so the test that validates real responses against them fails when a
 * response gains, loses or changes a field without the document saying so.
 */

type Schema = Readonly<Record<string, unknown>>;

const nullable = (type: string): Schema => ({ type: [type, 'null'] });
const count: Schema = { type: 'integer', minimum: 0 };
const id: Schema = { type: 'integer', minimum: 1 };
const strings: Schema = { type: 'array', items: { type: 'string' } };

function object(properties: Record<string, Schema>, optional: readonly string[] = []): Schema {
  return { type: 'object', properties, required: Object.keys(properties).filter((key) => !optional.includes(key)), additionalProperties: false };
}

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });

const ErrorBody = object({
  error: object(
    {
      code: { type: 'string', enum: Object.keys(API_ERRORS), description: 'Stable; see the table in the description of this API.' },
      message: { type: 'string', description: 'For people: what is wrong and what to do.' },
      parameter: { type: 'string', description: 'The parameter at fault.' },
      position: { type: 'integer', minimum: 0, description: '`invalid_query`: the 0-based character offset in `q` of the problem.' },
    },
    ['parameter', 'position'],
  ),
});

const ArticleSummary = object({
  id,
  url: { type: 'string', description: 'The canonical URL the article is filed under.' },
  title: nullable('string'),
  published: { ...nullable('string'), description: 'As the page gave it (a date or an ISO date-time).' },
  siteName: nullable('string'),
  site: { type: 'string', description: 'The host name, without www.' },
  language: nullable('string'),
  score: { ...nullable('number'), description: 'BM25 relevance within this search, higher is better; null when listing the newest.' },
  snippet: { type: 'string', description: 'Search: the passage around the matches. Newest: the opening of the text.' },
  highlights: { type: 'array', items: { type: 'array', items: count, minItems: 2, maxItems: 2 }, description: '[start, end) offsets of the matched words in snippet (UTF-16 code units).' },
});

const ArticleList = object({
  order: { type: 'string', enum: ['relevance', 'newest'], description: 'relevance (score descending, then id) when q is given; newest (published descending, undated last, then id descending) otherwise.' },
  articles: { type: 'array', items: ref('ArticleSummary') },
  next: { ...nullable('string'), description: 'Pass as cursor (with the same q and filters) for the next page; null on the last page.' },
});

const Provenance = object({ source: { type: 'string' }, confidence: { type: 'number', minimum: 0, maximum: 1 } });

const Article = object(
  {
    id,
    title: nullable('string'),
    authors: strings,
    published: nullable('string'),
    modified: nullable('string'),
    language: nullable('string'),
    siteName: nullable('string'),
    url: nullable('string'),
    canonicalUrl: { type: 'string', description: 'The canonical URL the archive files the article under (one article per canonical URL).' },
    description: nullable('string'),
    image: nullable('string'),
    section: nullable('string'),
    tags: strings,
    captions: { type: 'array', items: object({ text: { type: 'string' }, image: { type: 'string' }, credit: { type: 'string' } }, ['image', 'credit']) },
    text: { type: 'string' },
    markdown: { type: 'string' },
    wordCount: count,
    provenance: { type: 'object', additionalProperties: Provenance, description: 'Where each metadata field came from, and how sure extraction is.' },
    site: { type: 'string' },
    firstSeen: { type: 'string', description: 'When an ingest first stored it (ISO 8601).' },
    duplicate: {
      oneOf: [
        { type: 'null' },
        object({
          groupId: id,
          originalId: { ...id, description: 'The earliest member of the group.' },
          matchedId: { ...nullable('integer'), description: 'The article it was matched against (null for the member that started the group).' },
          similarity: { type: 'number', minimum: 0, maximum: 1 },
        }),
      ],
      description: 'Its duplicate group (reprints and small edits of one story), or null.',
    },
  },
);

const RunCounts = object(
  {
    seen: count,
    stored: count,
    duplicate: count,
    notArticle: count,
    failed: count,
    failedByReason: { type: 'object', additionalProperties: count },
    notArticleByReason: { type: 'object', additionalProperties: count },
  },
  ['notArticleByReason'],
);

const RunSummary = object({
  id,
  startedAt: { type: 'string' },
  finishedAt: nullable('string'),
  status: { type: 'string', enum: ['completed', 'interrupted', 'failed', 'unfinished'] },
  sources: strings,
  configHash: { type: 'string' },
  stageVersions: { type: 'array', items: object({ name: { type: 'string' }, version: { type: 'string' } }) },
  counts: { oneOf: [{ type: 'null' }, ref('RunCounts')], description: 'What the run reported; null when it never finished.' },
  committed: object({ article: count, duplicate: count, rejected: count, failed: count }),
});

const Stats = object({
  articles: { ...count, description: 'Stored articles, one per canonical URL.' },
  duplicates: { ...count, description: 'Stored articles that are copies of another.' },
  duplicateGroups: count,
  pages: count,
  duplicatePages: count,
  rejected: count,
  failures: count,
  undated: count,
  perDay: { type: 'array', items: object({ day: { type: 'string' }, articles: count }) },
  perSite: { type: 'array', items: object({ site: { type: 'string' }, articles: count }) },
  perLanguage: { type: 'array', items: object({ language: nullable('string'), articles: count }) },
  runCount: count,
  runs: { type: 'array', items: ref('RunSummary') },
  failureReasons: { type: 'array', items: object({ kind: { type: 'string', enum: ['rejected', 'failed'] }, stage: { type: 'string' }, code: { type: 'string' }, pages: count }) },
});

const Health = object({ status: { type: 'string', const: 'ok' }, database: { type: 'string', const: 'ok' } });

export const SCHEMAS = { Error: ErrorBody, ArticleSummary, ArticleList, Article, RunCounts, RunSummary, Stats, Health } as const;
