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
  total: { ...count, description: 'A search (q given): how many articles match, on all pages. Absent when listing the newest.' },
}, ['total']);

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
    revisions: { ...count, description: 'Earlier texts kept (the page changed: a live blog, a correction); GET /api/articles/{id}/revisions lists them with what changed.' },
    textSeenAt: { type: 'string', description: 'When the current text was first seen (firstSeen, unless the article was revised).' },
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
  abstentions: { type: 'array', items: object({ stage: { type: 'string' }, articles: count }), description: "Articles on which a stage abstained (not in a language it was built for), by stage." },
});

const Health = object({ status: { type: 'string', const: 'ok' }, database: { type: 'string', const: 'ok' } });

// The analysis layers. Offsets are into the article's text (GET /api/articles/{id}), in UTF-16 code units.

const span = { start: count, end: count };
const Span = object(span);
const text = { type: 'string' } as const;
const probability: Schema = { type: 'number', minimum: 0, maximum: 1 };
const EventActor = { oneOf: [{ type: 'null' }, object({ code: nullable('string'), name: text, span: Span })] };

const resolvedPlaceFields = {
  name: text,
  type: { type: 'string', enum: ['country', 'admin1', 'admin2', 'city'] },
  country: { type: 'string', description: 'ISO 3166-1 alpha-3.' },
  admin1: { ...nullable('string'), description: 'The first-order division it lies in (or is).' },
  admin1Code: { ...nullable('string'), description: 'GeoNames code of that division (US.TX).' },
  lat: { type: 'number', minimum: -90, maximum: 90 },
  lon: { type: 'number', minimum: -180, maximum: 180 },
  geonameId: { ...nullable('integer'), description: 'GeoNames id (populated places; null for countries and divisions).' },
  featureCode: { type: 'string', description: 'GeoNames feature code (PPL, PPLA, PPLC, ADM1, ADM2, PCLI).' },
};
const ResolvedPlace = object(resolvedPlaceFields);
const EventLocation = {
  oneOf: [
    { type: 'null' },
    object({
      place: ResolvedPlace,
      evidence: { oneOf: [{ type: 'null' }, Span], description: 'The words that name the place (null when it is the article focus).' },
      method: { type: 'string', enum: ['sentence', 'preceding', 'dateline', 'focus'], description: "How it was chosen: the place in the event's sentence, else the nearest before it (or the dateline's), else the article's focus." },
      confidence: probability,
    }),
  ],
  description: "Where the event happened (GDELT's ActionGeo); absent when the event-places stage did not run on the article.",
};

const eventFields = {
  ...span,
  source: { ...EventActor, description: 'Who acts: a CAMEO-style actor code (USAGOV, CHN; null when named but not coded), its name, and where it is named.' },
  target: EventActor,
  code: { type: 'string', description: 'CAMEO event code, e.g. "0311".' },
  root: { type: 'string', description: 'CAMEO root code, e.g. "03".' },
  quadClass: { type: 'integer', minimum: 1, maximum: 4, description: '1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.' },
  goldstein: { type: 'number', minimum: -10, maximum: 10 },
  plover: { oneOf: [{ type: 'null' }, object({ type: text, mode: text })], description: 'PLOVER event type and mode.' },
  verb: Span,
  date: { ...nullable('string'), description: 'YYYY-MM-DD: the date the sentence names, else the article\'s.' },
  place: { oneOf: [{ type: 'null' }, object({ name: text, code: nullable('string'), span: Span })] },
  negated: { type: 'boolean' },
  confidence: probability,
  location: EventLocation,
};

const Evidence = object({
  text: { type: 'string', description: 'The passage: an event\'s sentence, or a quote with its cue and speaker (at most 600 characters; a longer one is cut around its marks, with "…").' },
  start: { ...count, description: 'Where the passage starts in the article\'s text.' },
  marks: {
    type: 'array',
    items: object({ ...span, role: { type: 'string', enum: ['verb', 'source', 'target', 'place', 'quote', 'cue', 'speaker'] } }),
    description: 'The marked words, as [start, end) offsets into `text`, in order.',
  },
});

const Event = object({
  id,
  ...eventFields,
  articleId: id,
  url: text,
  site: text,
  published: nullable('string'),
  articleTone: { ...nullable('number'), description: "The article's document tone (GDELT's AvgTone)." },
  evidence: { ...ref('Evidence'), description: 'The sentence with the verb, the actors and the place marked.' },
}, ['location']);

const EventList = object({ events: { type: 'array', items: ref('Event') }, next: { ...nullable('string'), description: 'Pass as cursor for the next page; null on the last page.' } });

const EventMention = object({
  eventId: id,
  articleId: id,
  url: text,
  site: text,
  published: nullable('string'),
  code: text,
  sentence: { ...Span, description: "The sentence that reports the event (the evidence), as offsets into the article's text." },
  verb: Span,
  date: nullable('string'),
  confidence: probability,
});

const GroupActor = { oneOf: [{ type: 'null' }, object({ code: nullable('string'), name: text })] };

const EventGroup = object({
  id,
  source: GroupActor,
  target: GroupActor,
  code: { type: 'string', description: 'The CAMEO code most of its mentions give.' },
  root: text,
  quadClass: { type: 'integer', minimum: 1, maximum: 4 },
  goldstein: { type: 'number', minimum: -10, maximum: 10 },
  plover: { oneOf: [{ type: 'null' }, object({ type: text, mode: text })] },
  date: { ...nullable('string'), description: 'The earliest date of its mentions (YYYY-MM-DD).' },
  numMentions: { ...count, description: "GDELT's NumMentions: reports of the event." },
  numSources: { ...count, description: "GDELT's NumSources: distinct sites reporting it." },
  numArticles: { ...count, description: "GDELT's NumArticles: distinct articles reporting it." },
  firstReport: { ...ref('EventMention'), description: 'The mention in the earliest published article.' },
  confidence: probability,
  avgTone: { ...nullable('number'), description: "Mean document tone of its articles (GDELT's AvgTone)." },
  mentions: { type: 'array', items: ref('EventMention'), description: 'Every report, earliest first.' },
});

const EventGroupList = object({ groups: { type: 'array', items: ref('EventGroup') }, next: { ...nullable('string'), description: 'Pass as cursor for the next page; null on the last page.' } });

const Timeline = object({
  by: { type: 'string', enum: ['day', 'week', 'month'] },
  timeline: {
    type: 'array',
    items: object({
      start: { type: 'string', description: 'The first day of the period (YYYY-MM-DD, UTC; weeks start on Monday).' },
      events: count,
      goldstein: { type: 'number', description: 'Mean Goldstein value.' },
      quadClasses: { type: 'array', items: count, minItems: 4, maxItems: 4, description: 'Events per quad class 1..4.' },
    }),
  },
});

const quoteFields = {
  ...span,
  text,
  kind: { type: 'string', enum: ['direct', 'partial', 'reported', 'mixed'] },
  cue: { oneOf: [{ type: 'null' }, object({ ...span, text })], description: 'The cue verb or phrase ("said", "according to").' },
  speaker: { oneOf: [{ type: 'null' }, object({ ...span, text, name: text, code: nullable('string') })], description: 'The mention it is attributed to, and the entity it resolves to.' },
  confidence: probability,
};

const Quote = object({ id, ...quoteFields, articleId: id, url: text, site: text, published: nullable('string'), evidence: { ...ref('Evidence'), description: 'The quote with its cue and speaker marked (when they stand near it).' } });
const QuoteList = object({ quotes: { type: 'array', items: ref('Quote') }, next: nullable('string') });

const ActorList = object({ actors: { type: 'array', items: object({ code: nullable('string'), name: text, type: text, articles: count, mentions: count }) } });
const ThemeList = object({ themes: { type: 'array', items: object({ theme: text, label: text, articles: count, meanScore: { type: 'number' }, evidence: count }) } });

const toneFields = {
  ...span,
  scope: { type: 'string', enum: ['document', 'sentence'] },
  positive: { type: 'number' },
  negative: { type: 'number' },
  tone: { type: 'number' },
  polarity: { type: 'number' },
  activity: { type: 'number' },
  selfReference: { type: 'number' },
  wordCount: count,
};

const Analysis = object({
  stages: { type: 'array', items: object({ name: text, version: text }), description: 'The analysis stages (and versions) that made these layers.' },
  failures: { type: 'array', items: object({ stage: text, code: text, message: text }), description: 'Stages that failed on this article (their layers are missing).' },
  abstentions: { type: 'array', items: object({ stage: text, code: { type: 'string', const: 'STAGE_ABSTAINED' }, message: text }), description: "Stages that did not run because the article's language is not one they were built for (their layers are empty). Absent when none abstained." },
  entities: { type: 'array', items: object({ entity: count, name: text, type: text, role: nullable('string'), code: nullable('string'), confidence: probability }) },
  mentions: { type: 'array', items: object({ ...span, kind: text, entity: count }) },
  quotes: { type: 'array', items: object(quoteFields) },
  themes: { type: 'array', items: object({ theme: text, label: text, score: { type: 'number' }, evidence: { type: 'array', items: object({ ...span, weight: { type: 'number' } }) } }) },
  events: { type: 'array', items: object(eventFields, ['location']) },
  tone: { type: 'array', items: object(toneFields) },
  places: { type: 'array', items: object({ ...span, ...resolvedPlaceFields, form: { type: 'string', enum: ['name', 'demonym', 'based'] }, confidence: probability }), description: 'The places the article names (when the places stage ran).' },
  focus: { type: 'array', items: object({ scope: { type: 'string', enum: ['country', 'city'] }, ...resolvedPlaceFields, score: probability, mentions: count }), description: 'The countries and cities the article is mainly about.' },
}, ['places', 'focus', 'abstentions']);

const PlaceCounts = object({
  countries: {
    type: 'array',
    description: 'Every country with an article in focus or an event located in it, most articles plus events first.',
    items: object({
      country: { type: 'string', description: 'ISO 3166-1 alpha-3.' },
      numeric: { ...nullable('string'), description: 'ISO 3166-1 numeric: the id of the country in Natural Earth / world-atlas shapes.' },
      name: text,
      lat: nullable('number'),
      lon: nullable('number'),
      articles: { ...count, description: 'Articles that have the country in their focus.' },
      events: { ...count, description: 'Events located in the country.' },
    }),
  },
  cities: {
    type: 'array',
    description: 'The leading cities (articles with the city in focus, events located there), most first, at most `limit`.',
    items: object({ name: text, country: text, admin1: nullable('string'), lat: { type: 'number' }, lon: { type: 'number' }, geonameId: nullable('integer'), articles: count, events: count }),
  },
});

const ArticleAnalysis = object({ id, analysis: { oneOf: [{ type: 'null' }, ref('Analysis')], description: 'null when the article was stored without analysis (parley ingest --no-analysis; run parley reanalyze).' } });

// The explore routes (the workbench's charts).

const sampleInfo = { oneOf: [{ type: 'null' }, object({ articles: count, of: count })], description: 'Counted on the `articles` most relevant (a search) or newest of the `of` selected articles; null when all were counted.' };
const FacetCount = object({ value: { ...text, description: 'What the filter takes (site:, lang:, theme:, actor:).' }, label: text, articles: count });
const facetList = { type: 'array', items: ref('FacetCount') };
const period = { type: 'string', description: 'The first day of the period (YYYY-MM-DD, UTC; weeks start on Monday).' };
const unitSchema = { type: 'string', enum: ['day', 'week', 'month'] };
const NetworkNode = object({ code: text, name: { ...text, description: 'Its most frequent name.' }, articles: count });

const ArticleTimeline = object({
  by: unitSchema,
  total: { ...count, description: 'Every selected article, dated or not.' },
  undated: { ...count, description: 'Selected articles without a published date (in no period).' },
  timeline: { type: 'array', items: object({ start: period, articles: count, tone: { ...nullable('number'), description: 'Mean document tone of the period\'s articles that have one.' }, toned: count }) },
});

const ArticleFacets = object({
  total: count,
  sites: { ...facetList, description: 'Exact counts.' },
  languages: { ...facetList, description: 'Exact counts.' },
  themes: { ...facetList, description: 'Counted on `sample`.' },
  actors: { ...facetList, description: 'Counted on `sample`; value is the exact actor code.' },
  sample: sampleInfo,
});

const Network = object({
  nodes: { type: 'array', items: ref('NetworkNode') },
  edges: { type: 'array', items: object({ source: text, target: text, articles: { ...count, description: 'Sampled articles that mention both.' } }) },
  sample: object({ articles: count, of: count }),
});

const ActorProfile = object({
  code: text,
  name: nullable('string'),
  articles: count,
  mentions: count,
  names: { type: 'array', items: object({ code: text, name: text, type: text, role: nullable('string'), articles: count }) },
  timeline: { type: 'array', items: object({ start: period, articles: count }) },
  related: { type: 'array', items: ref('NetworkNode'), description: 'Actors mentioned in the same articles (counted on `sample`).' },
  sample: object({ articles: count, of: count }),
});

const ThemeTimeline = object({
  by: unitSchema,
  series: { type: 'array', items: object({ theme: text, label: text, buckets: { type: 'array', items: object({ start: period, articles: count }) } }) },
});

const ThemeGrid = object({
  themes: facetList,
  countries: { ...facetList, description: 'Countries of the actors mentioned (CAMEO codes).' },
  cells: { type: 'array', items: { type: 'array', items: count }, description: 'cells[i][j]: sampled articles with theme i that mention an actor of country j.' },
  sample: object({ articles: count, of: count }),
});

const FailureList = object({
  failures: {
    type: 'array',
    items: object({
      pageId: id,
      runId: id,
      source: text,
      url: nullable('string'),
      fetchedAt: text,
      kind: { type: 'string', enum: ['rejected', 'failed'] },
      stage: text,
      code: text,
      message: text,
    }),
  },
  next: nullable('string'),
});

const DuplicateGroup = object({
  id,
  group: {
    oneOf: [
      { type: 'null' },
      object({
        id,
        originalId: id,
        members: {
          type: 'array',
          items: object({ articleId: id, url: text, site: text, title: nullable('string'), published: nullable('string'), firstSeen: text, similarity: probability, matchedId: nullable('integer'), original: { type: 'boolean' } }),
        },
      }),
    ],
    description: 'The group of reprints this article belongs to (the original first), or null.',
  },
});

const Codebook = object({
  cameo: { type: 'object', additionalProperties: object({ name: text, goldstein: { type: 'number' }, quadClass: { type: 'integer', minimum: 1, maximum: 4 }, root: text, plover: nullable('string') }) },
  quadClasses: { type: 'array', items: object({ quadClass: { type: 'integer' }, name: text }) },
  countries: { type: 'object', additionalProperties: text },
});

const WordChange = object({ op: { type: 'string', enum: ['same', 'added', 'removed'] }, text: { type: 'string' } });
const ParagraphChange = {
  oneOf: [
    object({ op: { type: 'string', enum: ['same', 'added', 'removed'] }, text: { type: 'string' } }),
    object({ op: { type: 'string', enum: ['changed'] }, text: { type: 'string', description: 'The paragraph as it is now.' }, before: { type: 'string' }, words: { type: 'array', items: WordChange } }),
  ],
};
const Revision = object({
  number: { type: 'integer', minimum: 1, description: 'From 1, the first text seen.' },
  current: { type: 'boolean' },
  seenAt: { type: 'string', description: 'When this text was first seen (ISO 8601).' },
  pageId: id,
  title: nullable('string'),
  published: nullable('string'),
  modified: nullable('string'),
  wordCount: count,
  textHash: nullable('string'),
  text: { type: 'string' },
  diff: {
    oneOf: [{ type: 'null' }, object({ paragraphs: { type: 'array', items: ParagraphChange }, added: count, removed: count, changed: count })],
    description: 'What changed from the text before, paragraph by paragraph; null for the first.',
  },
});
const RevisionHistory = object({ id, url: { type: 'string' }, revisions: { type: 'array', items: Revision, minItems: 1 } });

export const SCHEMAS = { RevisionHistory, Error: ErrorBody, ArticleSummary, ArticleList, Article, RunCounts, RunSummary, Stats, Health, Event, EventList, EventMention, EventGroup, EventGroupList, Timeline, Quote, QuoteList, ActorList, ThemeList, Analysis, ArticleAnalysis, Evidence, FacetCount, NetworkNode, ArticleTimeline, ArticleFacets, Network, ActorProfile, ThemeTimeline, ThemeGrid, FailureList, DuplicateGroup, Codebook, PlaceCounts } as const;
