import { API_ERRORS, type ApiErrorCode } from '../errors.js';
import { toOpenApiParameter, type ParameterSpecs } from '../params.js';
import { ARTICLE_ID_PARAMETER, ARTICLE_LIST_PARAMETERS } from '../routes/articles.js';
import { STATS_PARAMETERS } from '../routes/stats.js';
import { ACTOR_PARAMETERS, THEME_PARAMETERS } from '../routes/aggregates.js';
import { EVENT_GROUP_PARAMETERS, EVENT_PARAMETERS } from '../routes/events.js';
import { QUOTE_PARAMETERS } from '../routes/quotes.js';
import { SCHEMAS } from './schemas.js';

/**
 * The OpenAPI 3.1 document of the API, written as data. The parameters come from the same specs the
 * routes validate with; the rest is written here. A test walks it against the real app: every route
 * here exists and every route of the app is here, every example request succeeds and its response
 * matches the schema, every parameter rejects bad values with the documented error.
 */

/** The version of the API's contract (not of Parley): raised when a response changes incompatibly. */
export const API_VERSION = '1.1.0';

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
