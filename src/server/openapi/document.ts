import { API_ERRORS, type ApiErrorCode } from '../errors.js';
import { toOpenApiParameter, type ParameterSpecs } from '../params.js';
import { ARTICLE_ID_PARAMETER, ARTICLE_LIST_PARAMETERS } from '../routes/articles.js';
import { STATS_PARAMETERS } from '../routes/stats.js';
import { ACTOR_PARAMETERS, THEME_PARAMETERS } from '../routes/aggregates.js';
import { EVENT_GROUP_PARAMETERS, EVENT_PARAMETERS } from '../routes/events.js';
import { QUOTE_PARAMETERS } from '../routes/quotes.js';
import { PLACE_PARAMETERS } from '../routes/places.js';
import { FAILURE_PARAMETERS } from '../routes/coverage.js';
import { ACTOR_CODE_PARAMETER, ACTOR_PROFILE_PARAMETERS, FACET_PARAMETERS, NETWORK_PARAMETERS, THEME_GRID_PARAMETERS, THEME_TIMELINE_PARAMETERS, TIMELINE_PARAMETERS } from '../routes/explore.js';
import { SCHEMAS } from './schemas.js';

/**
 * The OpenAPI 3.1 document of the API, written as data. The parameters come from the same specs the
 * routes validate with; the rest is written here. A test walks it against the real app: every route
 * here exists and every route of the app is here, every example request succeeds and its response
 * matches the schema, every parameter rejects bad values with the documented error.
 */

/** The version of the API's contract (not of Parley): raised when a response changes incompatibly. */
export const API_VERSION = '1.2.0';

type Json = Readonly<Record<string, unknown>>;

const errorContent = { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } };

function errorResponse(codes: readonly ApiErrorCode[], lead: string): Json {
  return { description: `${lead} Codes: ${codes.map((code) => `\`${code}\``).join(', ')}.`, content: errorContent };
}

const RESPONSES = {
  badRequest: errorResponse(['invalid_parameter', 'unknown_parameter', 'invalid_query', 'invalid_cursor'], 'A parameter is wrong; `error.parameter` names it.'),
  notFound: errorResponse(['not_found'], 'No article with this id.'),
  unavailable: errorResponse(['database_unavailable', 'timeout'], 'The database cannot answer now, or the request took too long.'),
  other: errorResponse(['method_not_allowed', 'payload_too_large', 'uri_too_long', 'internal_error'], 'Any other failure, in the same shape.'),
} as const;

function ok(schema: string, description: string): Json {
  return { description, content: { 'application/json': { schema: { $ref: `#/components/schemas/${schema}` } } } };
}

function parameters(specs: ParameterSpecs): Json[] {
  return Object.values(specs).map(toOpenApiParameter);
}

const ERROR_TABLE = Object.entries(API_ERRORS)
  .map(([code, { status, description }]) => `| ${status} | \`${code}\` | ${description} |`)
  .join('\n');

const DESCRIPTION = `The read-only HTTP API of a Parley archive (\`parley serve\`).

Conventions:
- Every route answers GET and HEAD; any other method gets 405 with an Allow header.
- Query parameters: an empty value (\`?q=&site=\`) counts as not given; a parameter given twice, or one the route does not accept, is a 400 that names it.
- Pagination: a list returns \`next\`; pass it as \`cursor\` with the same q and filters to get the next page, until \`next\` is null. Cursors are opaque. Pages cover the articles that existed when the first page was read; the order is total, so no article repeats or goes missing between pages.
- Errors: \`{"error": {"code", "message", "parameter"?, "position"?}}\` with these codes:

| Status | Code | Meaning |
|---|---|---|
${ERROR_TABLE}`;

export function openApiDocument(): Json {
  return {
    openapi: '3.1.0',
    info: { title: 'Parley API', version: API_VERSION, description: DESCRIPTION, license: { name: 'MIT', identifier: 'MIT' } },
    paths: {
      '/api/articles': {
        get: {
          operationId: 'listArticles',
          summary: 'Search the archive, or list the newest articles',
          description: 'With `q`: articles matching the query, by relevance (BM25 over titles and bodies), each with the passage where the words match. Without `q`: the newest articles (published date descending, undated last). The same filters apply to both.',
          parameters: parameters(ARTICLE_LIST_PARAMETERS),
          responses: { '200': ok('ArticleList', 'A page of articles.'), '400': RESPONSES.badRequest, '503': RESPONSES.unavailable, default: RESPONSES.other },
        },
      },
      '/api/articles/{id}': {
        get: {
          operationId: 'getArticle',
          summary: 'One article',
          description: 'The stored article: every field `parley extract --format json` prints, with its provenance, plus id, site, firstSeen and its duplicate group.',
          parameters: [toOpenApiParameter(ARTICLE_ID_PARAMETER)],
          responses: { '200': ok('Article', 'The article.'), '400': RESPONSES.badRequest, '404': RESPONSES.notFound, '503': RESPONSES.unavailable, default: RESPONSES.other },
        },
      },
      '/api/articles/{id}/analysis': {
        get: {
          operationId: 'getArticleAnalysis',
          summary: "One article's analysis layers",
          description: 'Its entities and mentions, quotes, themes with their evidence, events and tone, with the stage versions that made them and the stages that failed. Offsets point into the text of GET /api/articles/{id}.',
          parameters: [toOpenApiParameter(ARTICLE_ID_PARAMETER)],
          responses: { '200': ok('ArticleAnalysis', 'The layers (analysis null when never analyzed).'), '400': RESPONSES.badRequest, '404': RESPONSES.notFound, '503': RESPONSES.unavailable, default: RESPONSES.other },
        },
      },
      '/api/articles/{id}/revisions': {
        get: {
          operationId: 'getArticleRevisions',
          summary: 'Every text an article had, and what changed in each',
          description:
            'An article whose page changed (a live blog, a correction; found by a later capture or `parley ingest --refresh`) keeps its earlier texts. The texts oldest first, the last the current one, each with when it was first seen and its diff from the one before: paragraphs kept, added, removed, or rewritten with the words that changed.',
          parameters: [toOpenApiParameter(ARTICLE_ID_PARAMETER)],
          responses: { '200': ok('RevisionHistory', 'The texts.'), '400': RESPONSES.badRequest, '404': RESPONSES.notFound, '503': RESPONSES.unavailable, default: RESPONSES.other },
        },
      },
      '/api/events': {
        get: {
          operationId: 'listEvents',
          summary: 'Coded events (who did what to whom), or their timeline',
          description: 'Events coded in CAMEO and PLOVER, each pointing at its sentence and verb, ordered by date (undated last) then id. With `by`: a timeline of the dated events instead (`Timeline`).',
          parameters: parameters(EVENT_PARAMETERS),
          responses: {
            '200': { description: 'A page of events, or with `by` a timeline.', content: { 'application/json': { schema: { oneOf: [{ $ref: '#/components/schemas/EventList' }, { $ref: '#/components/schemas/Timeline' }] } } } },
            '400': RESPONSES.badRequest,
            '503': RESPONSES.unavailable,
            default: RESPONSES.other,
          },
        },
      },
      '/api/event-groups': {
        get: {
          operationId: 'listEventGroups',
          summary: 'Event records: one event, many reports',
          description: 'The events of all articles grouped into records (same source and target actors, same CAMEO root, dates within a day), each with its mentions (article, sentence, verb, confidence), the counts of mentions, sources and articles (GDELT NumMentions, NumSources, NumArticles) and its earliest report. Filters are those of /api/events; a record matches when one of its mentions does. Ordered by the first date (undated last), then id.',
          parameters: parameters(EVENT_GROUP_PARAMETERS),
          responses: { '200': ok('EventGroupList', 'A page of event records.'), '400': RESPONSES.badRequest, '503': RESPONSES.unavailable, default: RESPONSES.other },
        },
      },
      '/api/quotes': {
        get: {
          operationId: 'listQuotes',
          summary: 'Quotes with their speakers',
          description: "Direct, partial and reported quotes with the cue and the speaker, ordered by the article's date (undated last) then id.",
          parameters: parameters(QUOTE_PARAMETERS),
          responses: { '200': ok('QuoteList', 'A page of quotes.'), '400': RESPONSES.badRequest, '503': RESPONSES.unavailable, default: RESPONSES.other },
        },
      },
      '/api/actors': {
        get: {
          operationId: 'listActors',
          summary: 'The actors of the archive',
          description: 'People, organizations and countries the selected articles name, with their actor codes, most articles first.',
          parameters: parameters(ACTOR_PARAMETERS),
          responses: { '200': ok('ActorList', 'The actors.'), '400': RESPONSES.badRequest, '503': RESPONSES.unavailable, default: RESPONSES.other },
        },
      },
      '/api/themes': {
        get: {
          operationId: 'listThemes',
          summary: 'The themes of the archive',
          description: 'The themes of the selected articles, most articles first, with the mean score and the evidence count.',
          parameters: parameters(THEME_PARAMETERS),
          responses: { '200': ok('ThemeList', 'The themes.'), '400': RESPONSES.badRequest, '503': RESPONSES.unavailable, default: RESPONSES.other },
        },
      },
      '/api/places': {
        get: {
          operationId: 'countPlaces',
          summary: 'Articles and events by country and city (a map)',
          description:
            "For a map: per country, the articles that have it in their focus (the countries they are mainly about) and the events located in it (GDELT's ActionGeo), with the country's ISO numeric code (Natural Earth / world-atlas ids) and a point; and the leading cities with their points and counts. The filters select events as in GET /api/events, and articles by their published date, site, theme, and having an event with that source or target.",
          parameters: parameters(PLACE_PARAMETERS),
          responses: { '200': ok('PlaceCounts', 'The counts.'), '400': RESPONSES.badRequest, '503': RESPONSES.unavailable, default: RESPONSES.other },
        },
      },
      '/api/articles/timeline': {
        get: {
          operationId: 'getArticleTimeline',
          summary: 'Attention over time: articles per period for a search',
          description: 'The selected articles (q and the filters, as GET /api/articles takes them) counted per day, week or month by published date, with their mean document tone; `total` and `undated` count the whole selection. Run it once per query to compare several queries on one chart.',
          parameters: parameters(TIMELINE_PARAMETERS),
          responses: { '200': ok('ArticleTimeline', 'The periods with articles, oldest first.'), '400': RESPONSES.badRequest, '503': RESPONSES.unavailable, default: RESPONSES.other },
        },
      },
      '/api/articles/facets': {
        get: {
          operationId: 'getArticleFacets',
          summary: 'What a search is about: its sites, languages, themes and actors',
          description: 'How many articles the selection holds, and its top sites and languages (exact counts) and themes and actors (counted on a sample of the most relevant or newest articles, named in `sample`). Each row\'s `value` is what the filter (site:, lang:, theme:, actor:) takes.',
          parameters: parameters(FACET_PARAMETERS),
          responses: { '200': ok('ArticleFacets', 'The facets.'), '400': RESPONSES.badRequest, '503': RESPONSES.unavailable, default: RESPONSES.other },
        },
      },
      '/api/articles/{id}/group': {
        get: {
          operationId: 'getArticleGroup',
          summary: "One article's duplicate (syndication) group",
          description: 'The reprints and small edits of the same story the archive holds, the original (earliest published) first, each with its site and date: which site published first.',
          parameters: [toOpenApiParameter(ARTICLE_ID_PARAMETER)],
          responses: { '200': ok('DuplicateGroup', 'The group, or null when the article has no copies.'), '400': RESPONSES.badRequest, '404': RESPONSES.notFound, '503': RESPONSES.unavailable, default: RESPONSES.other },
        },
      },
      '/api/actors/network': {
        get: {
          operationId: 'getCoMentionNetwork',
          summary: 'Who is mentioned with whom',
          description: 'The actors mentioned in most articles of the selection (q and the filters), and for each pair the number of articles that mention both; counted on a sample of the most relevant or newest articles.',
          parameters: parameters(NETWORK_PARAMETERS),
          responses: { '200': ok('Network', 'Nodes and edges.'), '400': RESPONSES.badRequest, '503': RESPONSES.unavailable, default: RESPONSES.other },
        },
      },
      '/api/actors/{code}': {
        get: {
          operationId: 'getActorProfile',
          summary: "An actor's profile",
          description: 'Articles that mention the actor (its code or codes starting with it) over time, the names, types and roles it was seen under, and the actors mentioned with it. Its quotes and events: GET /api/quotes?speaker= and GET /api/events?source=&both=true.',
          parameters: [toOpenApiParameter(ACTOR_CODE_PARAMETER), ...parameters(ACTOR_PROFILE_PARAMETERS)],
          responses: { '200': ok('ActorProfile', 'The profile (zero counts when the archive never mentions it).'), '400': RESPONSES.badRequest, '503': RESPONSES.unavailable, default: RESPONSES.other },
        },
      },
      '/api/themes/timeline': {
        get: {
          operationId: 'getThemeTimeline',
          summary: 'Theme trends over time',
          description: 'Articles per period for each theme asked for, or for the themes with most articles.',
          parameters: parameters(THEME_TIMELINE_PARAMETERS),
          responses: { '200': ok('ThemeTimeline', 'One series per theme.'), '400': RESPONSES.badRequest, '503': RESPONSES.unavailable, default: RESPONSES.other },
        },
      },
      '/api/themes/grid': {
        get: {
          operationId: 'getThemeGrid',
          summary: 'Themes × countries',
          description: 'For the top themes and the top countries of the selection, how many articles have the theme and mention an actor of the country (USAGOV counts for USA); counted on a sample.',
          parameters: parameters(THEME_GRID_PARAMETERS),
          responses: { '200': ok('ThemeGrid', 'The grid.'), '400': RESPONSES.badRequest, '503': RESPONSES.unavailable, default: RESPONSES.other },
        },
      },
      '/api/failures': {
        get: {
          operationId: 'listFailures',
          summary: 'Pages not stored as articles, with their reasons',
          description: 'Pages rejected (not an article) or failed (fetch, read or extraction went wrong), newest first, each with its source, URL, stage, reason code and message.',
          parameters: parameters(FAILURE_PARAMETERS),
          responses: { '200': ok('FailureList', 'A page of failures.'), '400': RESPONSES.badRequest, '503': RESPONSES.unavailable, default: RESPONSES.other },
        },
      },
      '/api/codebook': {
        get: {
          operationId: 'getCodebook',
          summary: 'Labels of the codes the API returns',
          description: 'CAMEO event codes (name, Goldstein value, quad class, PLOVER type), the quad classes and the country codes.',
          parameters: [],
          responses: { '200': ok('Codebook', 'The labels.'), '400': RESPONSES.badRequest, default: RESPONSES.other },
        },
      },
      '/api/stats': {
        get: {
          operationId: 'getStats',
          summary: 'Coverage of the archive',
          description: 'Articles and duplicates; articles per day (UTC, by published date), site and language; the latest ingest runs; why pages were not stored. The same object as `parley stats --format json`.',
          parameters: parameters(STATS_PARAMETERS),
          responses: { '200': ok('Stats', 'The figures.'), '400': RESPONSES.badRequest, '503': RESPONSES.unavailable, default: RESPONSES.other },
        },
      },
      '/api/health': {
        get: {
          operationId: 'getHealth',
          summary: 'Whether the server and its database answer',
          parameters: [],
          responses: { '200': ok('Health', 'Both answer.'), '400': RESPONSES.badRequest, '503': RESPONSES.unavailable, default: RESPONSES.other },
        },
      },
      '/api/openapi.json': {
        get: {
          operationId: 'getOpenApiDocument',
          summary: 'This document',
          parameters: [],
          responses: {
            '200': { description: 'The OpenAPI 3.1 document.', content: { 'application/json': { schema: { type: 'object', required: ['openapi', 'info', 'paths'] } } } },
            '400': RESPONSES.badRequest,
            default: RESPONSES.other,
          },
        },
      },
    },
    components: { schemas: SCHEMAS },
  };
}
