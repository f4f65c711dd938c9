import type Database from 'better-sqlite3';
import type { StageStamp } from '../../model/document.js';
import type {
  ActorQuery,
  ActorSummary,
  AggregateQuery,
  ArticleAnalysis,
  EventFilter,
  EventPage,
  PageQuery,
  QuoteFilter,
  QuotePage,
  StoredEvent,
  StoredQuote,
  ThemeSummary,
  TimelineBucket,
  TimelineUnit,
} from '../analysis.js';
import {
  checkTimelineUnit,
  decodeKeyset,
  encodeKeyset,
  listFingerprint,
  normalizeActorQuery,
  normalizeAggregate,
  normalizeEventFilter,
  normalizeQuoteFilter,
  prefixRangeEnd,
  UNDATED_SORT_MS,
  type KeysetCursor,
  type NormalizedEventFilter,
  type NormalizedQuoteFilter,
} from '../analysis-filters.js';
import { normalizeLimit, siteKeyRangeEnd, type NormalizedFilter } from '../filters.js';
import { toFts5 } from '../query/fts5.js';
import { analysisFromRows, analysisStatements, EVENT_SELECT, QUOTE_SELECT, storedEvent, storedQuote, type AnalysisRows, type EventResultRow, type QuoteResultRow } from './analysis-codec.js';
import type { FilterClause } from './read.js';
import { actorsFromTotals, datesOnly, eventTimelineFromDays, themesFromDays, themesFromTotals, unfiltered } from './rollups.js';

/**
 * The analysis side of the SQLite adapter: an article's layers, events and quotes (pages, streams, a
 * timeline), actor and theme aggregates, and the articles a reanalysis must redo. Filters become index
 * ranges on columns the rows carry (sort_ms, site_key, codes); see migrations.ts version 2. The filter
 * clauses (here) and row mappers (analysis-codec.ts) are shared with the PostgreSQL adapter (same
 * columns, same SQL).
 */

type Params = Record<string, unknown>;

/** Date and site terms on a table alias whose rows carry `sort_ms` and `site_key`. */
/**
 * The date and site terms. `byDate: false` when another term picks fewer rows (an actor's events): the
 * dates are then tested on the rows found, not used to find them — a unary + keeps SQLite's planner,
 * which has no statistics, from walking a period's every event instead of one actor's (PostgreSQL,
 * which shares these terms, reads +x as x).
 */
function datedClause(alias: string, dates: NormalizedFilter, params: Params, byDate = true): string[] {
  const terms: string[] = [];
  const column = `${byDate ? '' : '+'}${alias}.sort_ms`;
  if (dates.sinceMs !== null) {
    terms.push(`${column} >= @since`);
    params.since = dates.sinceMs;
  }
  if (dates.untilMs !== null) {
    terms.push(`${column} <= @until`);
    params.until = dates.untilMs;
  }
  if (dates.sinceMs !== null || dates.untilMs !== null) terms.push(`${column} < ${UNDATED_SORT_MS}`);
  if (dates.siteKey !== null) {
    terms.push(`${alias}.site_key >= @siteFrom AND ${alias}.site_key < @siteTo`);
    params.siteFrom = dates.siteKey;
    params.siteTo = siteKeyRangeEnd(dates.siteKey);
  }
  return terms;
}

/** The source and target filters as index ranges: one way, or (bothDirections) either way round. */
function actorClause(f: NormalizedEventFilter, params: Params): string | null {
  const range = (column: 'source_code' | 'target_code', name: string): string => `e.${column} >= @${name} AND e.${column} < @${name}End`;
  for (const name of ['source', 'target'] as const) {
    if (f[name] === null) continue;
    params[name] = f[name];
    params[`${name}End`] = prefixRangeEnd(f[name]!);
  }
  if (f.source === null && f.target === null) return null;
  if (!f.bothDirections) {
    return [f.source !== null ? range('source_code', 'source') : null, f.target !== null ? range('target_code', 'target') : null].filter(Boolean).join(' AND ');
  }
  if (f.source !== null && f.target !== null) {
    return `((${range('source_code', 'source')} AND ${range('target_code', 'target')}) OR (${range('source_code', 'target')} AND ${range('target_code', 'source')}))`;
  }
  const name = f.source !== null ? 'source' : 'target';
  return `(${range('source_code', name)} OR ${range('target_code', name)})`;
}

export function eventClause(f: NormalizedEventFilter): FilterClause {
  const params: Params = {};
  const terms = datedClause('e', f.dates, params, f.source === null && f.target === null);
  const actorTerms = actorClause(f, params);
  if (actorTerms !== null) terms.push(actorTerms);
  if (f.country !== null) {
    terms.push('e.geo_country = @geoCountry');
    params.geoCountry = f.country;
  }
  for (const side of ['source', 'target'] as const) {
    const name = f[`${side}Name`];
    if (name === null) continue;
    terms.push(`lower(e.${side}_name) = @${side}Name`);
    params[`${side}Name`] = name;
  }
  if (f.code !== null) {
    terms.push('e.code >= @code AND e.code < @codeEnd');
    params.code = f.code;
    params.codeEnd = prefixRangeEnd(f.code);
  }
  if (f.theme !== null) {
    terms.push('EXISTS (SELECT 1 FROM article_themes t WHERE t.theme = @theme AND t.article_id = e.article_id)');
    params.theme = f.theme;
  }
  if (f.quadClass !== null) {
    terms.push('e.quad_class = @quad');
    params.quad = f.quadClass;
  }
  if (f.articleId !== null) {
    terms.push('e.article_id = @article');
    params.article = f.articleId;
  }
  if (f.excludeNegated) terms.push('e.negated = 0');
  return { sql: terms.map((t) => ` AND ${t}`).join(''), params };
}

/**
 * The quote filter. `speakerIndex`: find a speaker's candidates with SQLite's trigram index
 * (quote_speakers_fts, migration 4); PostgreSQL, which shares this clause, has no such table.
 */
export function quoteClause(f: NormalizedQuoteFilter, { speakerIndex = true } = {}): FilterClause {
  const params: Params = {};
  const terms = datedClause('q', f.dates, params);
  if (f.speaker !== null) {
    terms.push("(instr(lower(coalesce(q.speaker_name, '')), @speaker) > 0 OR instr(lower(coalesce(q.speaker_code, '')), @speaker) > 0)");
    params.speaker = f.speaker;
    // Three letters or more: the trigram index finds the candidates (the instr() above checks each exactly).
    if (speakerIndex && [...f.speaker].length >= 3) {
      terms.push('q.id IN (SELECT rowid FROM quote_speakers_fts WHERE quote_speakers_fts MATCH @speakerMatch)');
      params.speakerMatch = `"${f.speaker.replace(/"/g, '""')}"`;
    }
  }
  if (f.speakerCode !== null) {
    terms.push('q.speaker_code >= @speakerCode AND q.speaker_code < @speakerCodeEnd');
    params.speakerCode = f.speakerCode;
    params.speakerCodeEnd = prefixRangeEnd(f.speakerCode);
  }
  if (f.kind !== null) {
    terms.push('q.kind = @kind');
    params.kind = f.kind;
  }
  if (f.articleId !== null) {
    terms.push('q.article_id = @article');
    params.article = f.articleId;
  }
  if (f.text !== null) {
    terms.push('q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH @words)');
    params.words = toFts5(f.text);
  }
  return { sql: terms.map((t) => ` AND ${t}`).join(''), params };
}

/** The texts of the articles of a page of rows, each read once (the evidence passages are cut from them). */
function articleTexts(db: Database.Database, rows: readonly { article_id: number }[]): Map<number, string> {
  const ids = [...new Set(rows.map((r) => r.article_id))];
  if (ids.length === 0) return new Map();
  const found = db.prepare('SELECT id, text FROM articles WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(ids)) as { id: number; text: string }[];
  return new Map(found.map((r) => [r.id, r.text]));
}

export function storedEvents(db: Database.Database, rows: readonly EventResultRow[]): StoredEvent[] {
  const texts = articleTexts(db, rows);
  return rows.map((r) => storedEvent(r, texts));
}

function storedQuotes(db: Database.Database, rows: readonly QuoteResultRow[]): StoredQuote[] {
  const texts = articleTexts(db, rows);
  return rows.map((r) => storedQuote(r, texts));
}

export function readAnalysis(db: Database.Database, articleId: number): ArticleAnalysis | null {
  const rows = Object.fromEntries(Object.entries(analysisStatements('rowid')).map(([layer, sql]) => [layer, db.prepare(sql).all({ id: articleId })]));
  return analysisFromRows(rows as unknown as AnalysisRows);
}

/**
 * The rows of a page: first their ids, in order, from the table alone (an index range, and a sort of
 * ids when the filter spans several codes), then the joined columns for those ids only — joining the
 * article and its tone before the sort would read them for every matching row.
 */
function pageOfRows(select: string, table: string, alias: string, where: string, take: string): string {
  return `${select} WHERE ${alias}.id IN (SELECT ${alias}.id FROM ${table} ${alias} WHERE ${where} ORDER BY ${alias}.sort_ms, ${alias}.id LIMIT ${take})
    ORDER BY ${alias}.sort_ms, ${alias}.id`;
}

/** One keyset page of a list ordered by (sort_ms, id) ascending. */
function keysetPage<R extends { id: number; sort_ms: number }>(
  db: Database.Database,
  kind: string,
  select: string,
  alias: string,
  clause: FilterClause,
  fingerprint: string,
  query: PageQuery,
): { rows: R[]; nextCursor: string | null } {
  const limit = normalizeLimit(query.limit);
  const after: KeysetCursor | null = query.cursor ? decodeKeyset(query.cursor, kind, fingerprint) : null;
  const table = kind === 'events' ? 'events' : 'quotes';
  const maxId = after?.maxId ?? ((db.prepare(`SELECT max(id) AS id FROM ${table}`).get() as { id: number | null }).id ?? 0);
  const rows = db
    .prepare(pageOfRows(select, table, alias, `${alias}.id <= @maxId${clause.sql}${after ? ` AND (${alias}.sort_ms > @afterSort OR (${alias}.sort_ms = @afterSort AND ${alias}.id > @afterId))` : ''}`, '@take'))
    .all({ ...clause.params, maxId, take: limit + 1, ...(after ? { afterSort: after.sortMs, afterId: after.id } : {}) }) as R[];
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const nextCursor = rows.length > limit && last ? encodeKeyset(kind, fingerprint, { sortMs: last.sort_ms, id: last.id, maxId }) : null;
  return { rows: page, nextCursor };
}

export function queryEvents(db: Database.Database, query: EventFilter & PageQuery): EventPage {
  const filter = normalizeEventFilter(query);
  const { rows, nextCursor } = keysetPage<EventResultRow>(db, 'events', EVENT_SELECT, 'e', eventClause(filter), listFingerprint('events', filter), query);
  return { events: storedEvents(db, rows), nextCursor };
}

export function queryQuotes(db: Database.Database, query: QuoteFilter & PageQuery): QuotePage {
  const filter = normalizeQuoteFilter(query);
  const { rows, nextCursor } = keysetPage<QuoteResultRow>(db, 'quotes', QUOTE_SELECT, 'q', quoteClause(filter), listFingerprint('quotes', filter), query);
  return { quotes: storedQuotes(db, rows), nextCursor };
}

/** Batches of a keyset walk: each batch is one short query (no statement stays open between them). */
function* walk<R extends { id: number; sort_ms: number }>(db: Database.Database, table: string, select: string, alias: string, clause: FilterClause, batchSize: number): Generator<R[]> {
  const maxId = (db.prepare(`SELECT max(id) AS id FROM ${table}`).get() as { id: number | null }).id ?? 0;
  const first = db.prepare(pageOfRows(select, table, alias, `${alias}.id <= @maxId${clause.sql}`, '@batchSize'));
  const next = db.prepare(pageOfRows(select, table, alias, `${alias}.id <= @maxId${clause.sql} AND (${alias}.sort_ms > @afterSort OR (${alias}.sort_ms = @afterSort AND ${alias}.id > @afterId))`, '@batchSize'));
  let after: R | null = null;
  for (;;) {
    const rows = (after === null ? first.all({ ...clause.params, maxId, batchSize }) : next.all({ ...clause.params, maxId, batchSize, afterSort: after.sort_ms, afterId: after.id })) as R[];
    if (rows.length === 0) return;
    yield rows;
    after = rows[rows.length - 1]!;
  }
}

export function* eventBatches(db: Database.Database, filter: EventFilter, batchSize: number): Generator<StoredEvent[]> {
  for (const rows of walk<EventResultRow>(db, 'events', EVENT_SELECT, 'e', eventClause(normalizeEventFilter(filter)), batchSize)) {
    yield storedEvents(db, rows);
  }
}

export function* quoteBatches(db: Database.Database, filter: QuoteFilter, batchSize: number): Generator<StoredQuote[]> {
  for (const rows of walk<QuoteResultRow>(db, 'quotes', QUOTE_SELECT, 'q', quoteClause(normalizeQuoteFilter(filter)), batchSize)) {
    yield storedQuotes(db, rows);
  }
}

const PERIOD_SQL: Readonly<Record<TimelineUnit, string>> = {
  day: "date(e.sort_ms / 1000, 'unixepoch')",
  week: "date(e.sort_ms / 1000, 'unixepoch', 'weekday 0', '-6 days')",
  month: "strftime('%Y-%m-01', e.sort_ms / 1000, 'unixepoch')",
};

export function eventTimeline(db: Database.Database, filter: EventFilter, by: TimelineUnit): TimelineBucket[] {
  const unit = checkTimelineUnit(by);
  const f = normalizeEventFilter(filter);
  const onlyDates = f.country === null && f.source === null && f.target === null && f.sourceName === null && f.targetName === null && f.theme === null && f.code === null && f.quadClass === null && f.articleId === null && !f.excludeNegated;
  if (onlyDates && datesOnly(f.dates)) return eventTimelineFromDays(db, f.dates, unit);
  const clause = eventClause(f);
  const rows = db
    .prepare(
      `SELECT ${PERIOD_SQL[unit]} AS start, count(*) AS events, avg(e.goldstein) AS goldstein,
         sum(e.quad_class = 1) AS q1, sum(e.quad_class = 2) AS q2, sum(e.quad_class = 3) AS q3, sum(e.quad_class = 4) AS q4
       FROM events e WHERE +e.sort_ms < ${UNDATED_SORT_MS}${clause.sql} GROUP BY 1 ORDER BY 1`,
    )
    .all(clause.params) as { start: string; events: number; goldstein: number; q1: number; q2: number; q3: number; q4: number }[];
  return rows.map((r) => ({ start: r.start, events: r.events, goldstein: r.goldstein, quadClasses: [r.q1, r.q2, r.q3, r.q4] }));
}

/** Terms on `articles a` for the aggregates (published date and site). */
export function articleDates(dates: NormalizedFilter, params: Params): string {
  const terms: string[] = [];
  if (dates.sinceMs !== null) {
    terms.push('a.published_ms >= @since');
    params.since = dates.sinceMs;
  }
  if (dates.untilMs !== null) {
    terms.push('a.published_ms <= @until');
    params.until = dates.untilMs;
  }
  if (dates.siteKey !== null) {
    terms.push('a.site_key >= @siteFrom AND a.site_key < @siteTo');
    params.siteFrom = dates.siteKey;
    params.siteTo = siteKeyRangeEnd(dates.siteKey);
  }
  return terms.map((t) => ` AND ${t}`).join('');
}

export function listActors(db: Database.Database, query: ActorQuery): ActorSummary[] {
  const q = normalizeActorQuery(query);
  if (unfiltered(q.dates)) return actorsFromTotals(db, q);
  const params: Params = { limit: q.limit };
  let where = articleDates(q.dates, params);
  if (q.name !== null) {
    where += " AND (instr(lower(en.name), @name) > 0 OR instr(lower(coalesce(en.code, '')), @name) > 0)";
    params.name = q.name;
  }
  if (q.type !== null) {
    where += ' AND en.type = @type';
    params.type = q.type;
  }
  return db
    .prepare(
      `SELECT en.code, en.name, en.type, count(*) AS articles, sum(en.mentions) AS mentions
       FROM entities en JOIN articles a ON a.id = en.article_id WHERE 1${where}
       GROUP BY en.code, en.name, en.type ORDER BY articles DESC, mentions DESC, en.name, en.code LIMIT @limit`,
    )
    .all(params) as ActorSummary[];
}

export function listThemes(db: Database.Database, query: AggregateQuery): ThemeSummary[] {
  const q = normalizeAggregate(query);
  if (unfiltered(q.dates)) return themesFromTotals(db, q.limit);
  if (datesOnly(q.dates)) return themesFromDays(db, q.dates, q.limit);
  const params: Params = { limit: q.limit };
  const where = articleDates(q.dates, params);
  return db
    .prepare(
      `SELECT t.theme, max(t.label) AS label, count(*) AS articles, avg(t.score) AS meanScore, sum(t.evidence) AS evidence
       FROM article_themes t JOIN articles a ON a.id = t.article_id WHERE 1${where}
       GROUP BY t.theme ORDER BY articles DESC, t.theme LIMIT @limit`,
    )
    .all(params) as ThemeSummary[];
}

export function* staleBatches(db: Database.Database, stamps: readonly StageStamp[], batchSize: number): Generator<number[]> {
  const maxId = (db.prepare('SELECT max(id) AS id FROM articles').get() as { id: number | null }).id ?? 0;
  const statement = db.prepare(
    `SELECT a.id FROM articles a WHERE a.id > @after AND a.id <= @maxId AND EXISTS (
       SELECT 1 FROM json_each(@stamps) s WHERE NOT EXISTS (
         SELECT 1 FROM article_stages x WHERE x.article_id = a.id AND x.stage = json_extract(s.value, '$.name') AND x.version = json_extract(s.value, '$.version')))
     ORDER BY a.id LIMIT @batchSize`,
  );
  const json = JSON.stringify(stamps.map(({ name, version }) => ({ name, version })));
  let after = 0;
  for (;;) {
    const ids = (statement.all({ after, maxId, stamps: json, batchSize }) as { id: number }[]).map((r) => r.id);
    if (ids.length === 0) return;
    yield ids;
    after = ids[ids.length - 1]!;
  }
}
