import type pg from 'pg';
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
  UNDATED_SORT_MS,
  type KeysetCursor,
  type NormalizedQuoteFilter,
} from '../analysis-filters.js';
import { normalizeLimit } from '../filters.js';
import { analysisFromRows, analysisStatements, EVENT_SELECT, QUOTE_SELECT, storedEvent, storedQuote, type AnalysisRows, type EventResultRow, type QuoteResultRow } from '../sqlite/analysis-codec.js';
import { articleDates, eventClause, quoteClause } from '../sqlite/analysis-read.js';
import { toTsquery } from './text-search.js';
import type { FilterClause } from '../sqlite/read.js';
import { one, query, SNAPSHOT, transaction, type Queryable } from './connection.js';

/**
 * The analysis side of the PostgreSQL adapter. The filter clauses and row mappers are the SQLite
 * adapter's (the same columns; the schema defines SQLite's instr()), so both adapters read a filter
 * the same way; what differs is the SQL of dates and aggregates.
 */

type EventJoinRow = EventResultRow;
type QuoteJoinRow = QuoteResultRow;

/** The texts of the articles of some rows, each read once (the evidence passages are cut from them). */
async function articleTexts(db: Queryable, rows: readonly { article_id: number }[]): Promise<Map<number, string>> {
  const ids = [...new Set(rows.map((r) => r.article_id))];
  if (ids.length === 0) return new Map();
  const found = await query<{ id: number; text: string }>(db, 'SELECT id, text FROM articles WHERE id = ANY(@ids::bigint[])', { ids });
  return new Map(found.map((r) => [r.id, r.text]));
}

export async function storedEvents(db: Queryable, rows: readonly EventJoinRow[]): Promise<StoredEvent[]> {
  const texts = await articleTexts(db, rows);
  return rows.map((r) => storedEvent(r, texts));
}

async function storedQuotes(db: Queryable, rows: readonly QuoteJoinRow[]): Promise<StoredQuote[]> {
  const texts = await articleTexts(db, rows);
  return rows.map((r) => storedQuote(r, texts));
}

/**
 * The quote filter: the SQLite clause, except the words of the quote, which PostgreSQL finds with the
 * quotes' own tsvector (the same tokens as article search), and the speaker, matched without SQLite's
 * trigram index.
 */
function pgQuoteClause(f: NormalizedQuoteFilter): FilterClause {
  const clause = quoteClause({ ...f, text: null }, { speakerIndex: false });
  if (f.text === null) return clause;
  return { sql: `${clause.sql} AND q.search_vector @@ @words::tsquery`, params: { ...clause.params, words: toTsquery(f.text) } };
}

/** An article's analysis, read in one snapshot (a save running meanwhile is seen whole or not at all). */
export async function readAnalysis(pool: pg.Pool, articleId: number): Promise<ArticleAnalysis | null> {
  return transaction(pool, async (client) => {
    const rows: Record<string, unknown[]> = {};
    for (const [layer, sql] of Object.entries(analysisStatements('position'))) rows[layer] = await query(client, sql, { id: articleId });
    return analysisFromRows(rows as unknown as AnalysisRows);
  }, SNAPSHOT);
}

async function maxId(db: Queryable, table: 'events' | 'quotes' | 'articles'): Promise<number> {
  return (await one<{ id: number | null }>(db, `SELECT max(id) AS id FROM ${table}`))?.id ?? 0;
}

/** The rows after `after` in (sort_ms, id) order, at most `take`. */
function rowsAfter<R extends Record<string, unknown>>(db: Queryable, select: string, alias: string, clause: FilterClause, top: number, after: { sortMs: number; id: number } | null, take: number): Promise<R[]> {
  const afterSql = after ? ` AND (${alias}.sort_ms > @afterSort OR (${alias}.sort_ms = @afterSort AND ${alias}.id > @afterId))` : '';
  return query<R>(db, `${select} WHERE ${alias}.id <= @maxId${clause.sql}${afterSql} ORDER BY ${alias}.sort_ms, ${alias}.id LIMIT @take`, {
    ...clause.params,
    maxId: top,
    take,
    ...(after ? { afterSort: after.sortMs, afterId: after.id } : {}),
  });
}

async function keysetPage<R extends { id: number; sort_ms: number } & Record<string, unknown>>(
  db: Queryable,
  kind: 'events' | 'quotes',
  select: string,
  alias: string,
  clause: FilterClause,
  fingerprint: string,
  page: PageQuery,
): Promise<{ rows: R[]; nextCursor: string | null }> {
  const limit = normalizeLimit(page.limit);
  const after: KeysetCursor | null = page.cursor ? decodeKeyset(page.cursor, kind, fingerprint) : null;
  const top = after?.maxId ?? (await maxId(db, kind));
  const rows = await rowsAfter<R>(db, select, alias, clause, top, after, limit + 1);
  const shown = rows.slice(0, limit);
  const last = shown[shown.length - 1];
  return { rows: shown, nextCursor: rows.length > limit && last ? encodeKeyset(kind, fingerprint, { sortMs: last.sort_ms, id: last.id, maxId: top }) : null };
}

export async function queryEvents(db: Queryable, page: EventFilter & PageQuery): Promise<EventPage> {
  const filter = normalizeEventFilter(page);
  const { rows, nextCursor } = await keysetPage<EventJoinRow & Record<string, unknown>>(db, 'events', EVENT_SELECT, 'e', eventClause(filter), listFingerprint('events', filter), page);
  return { events: await storedEvents(db, rows), nextCursor };
}

export async function queryQuotes(db: Queryable, page: QuoteFilter & PageQuery): Promise<QuotePage> {
  const filter = normalizeQuoteFilter(page);
  const { rows, nextCursor } = await keysetPage<QuoteJoinRow & Record<string, unknown>>(db, 'quotes', QUOTE_SELECT, 'q', pgQuoteClause(filter), listFingerprint('quotes', filter), page);
  return { quotes: await storedQuotes(db, rows), nextCursor };
}

/** Batches of a keyset walk; each batch is one short query. */
async function* walk<R extends { id: number; sort_ms: number } & Record<string, unknown>>(db: Queryable, table: 'events' | 'quotes', select: string, alias: string, clause: FilterClause, batchSize: number): AsyncGenerator<R[]> {
  const top = await maxId(db, table);
  let after: R | null = null;
  for (;;) {
    const rows: R[] = await rowsAfter<R>(db, select, alias, clause, top, after === null ? null : { sortMs: after.sort_ms, id: after.id }, batchSize);
    if (rows.length === 0) return;
    yield rows;
    after = rows[rows.length - 1]!;
  }
}

export async function* eventBatches(db: Queryable, filter: EventFilter, batchSize: number): AsyncGenerator<StoredEvent[]> {
  const clause = eventClause(normalizeEventFilter(filter));
  for await (const rows of walk<EventJoinRow & Record<string, unknown>>(db, 'events', EVENT_SELECT, 'e', clause, batchSize)) yield await storedEvents(db, rows);
}

export async function* quoteBatches(db: Queryable, filter: QuoteFilter, batchSize: number): AsyncGenerator<StoredQuote[]> {
  const clause = pgQuoteClause(normalizeQuoteFilter(filter));
  for await (const rows of walk<QuoteJoinRow & Record<string, unknown>>(db, 'quotes', QUOTE_SELECT, 'q', clause, batchSize)) yield await storedQuotes(db, rows);
}

const UTC_INSTANT = "(to_timestamp(e.sort_ms / 1000.0) AT TIME ZONE 'UTC')";
const PERIOD_SQL: Readonly<Record<TimelineUnit, string>> = {
  day: `to_char(${UTC_INSTANT}, 'YYYY-MM-DD')`,
  week: `to_char(date_trunc('week', ${UTC_INSTANT}), 'YYYY-MM-DD')`, // ISO weeks: from Monday
  month: `to_char(date_trunc('month', ${UTC_INSTANT}), 'YYYY-MM-DD')`,
};

export async function eventTimeline(db: Queryable, filter: EventFilter, by: TimelineUnit): Promise<TimelineBucket[]> {
  const unit = checkTimelineUnit(by);
  const clause = eventClause(normalizeEventFilter(filter));
  const rows = await query<{ start: string; events: number; goldstein: number; q1: number; q2: number; q3: number; q4: number }>(
    db,
    `SELECT ${PERIOD_SQL[unit]} AS start, count(*) AS events, avg(e.goldstein)::float8 AS goldstein,
       count(*) FILTER (WHERE e.quad_class = 1) AS q1, count(*) FILTER (WHERE e.quad_class = 2) AS q2,
       count(*) FILTER (WHERE e.quad_class = 3) AS q3, count(*) FILTER (WHERE e.quad_class = 4) AS q4
     FROM events e WHERE e.sort_ms < ${UNDATED_SORT_MS}${clause.sql} GROUP BY 1 ORDER BY 1`,
    clause.params,
  );
  return rows.map((r) => ({ start: r.start, events: r.events, goldstein: r.goldstein, quadClasses: [r.q1, r.q2, r.q3, r.q4] }));
}

export async function listActors(db: Queryable, actorQuery: ActorQuery): Promise<ActorSummary[]> {
  const q = normalizeActorQuery(actorQuery);
  const params: Record<string, unknown> = { limit: q.limit };
  let where = articleDates(q.dates, params);
  if (q.name !== null) {
    where += " AND (instr(lower(en.name), @name) > 0 OR instr(lower(coalesce(en.code, '')), @name) > 0)";
    params.name = q.name;
  }
  if (q.type !== null) {
    where += ' AND en.type = @type';
    params.type = q.type;
  }
  return query<ActorSummary & Record<string, unknown>>(
    db,
    `SELECT en.code, en.name, en.type, count(*) AS articles, sum(en.mentions) AS mentions
     FROM entities en JOIN articles a ON a.id = en.article_id WHERE true${where}
     GROUP BY en.code, en.name, en.type ORDER BY articles DESC, mentions DESC, en.name, en.code LIMIT @limit`,
    params,
  );
}

export async function listThemes(db: Queryable, aggregate: AggregateQuery): Promise<ThemeSummary[]> {
  const q = normalizeAggregate(aggregate);
  const params: Record<string, unknown> = { limit: q.limit };
  const where = articleDates(q.dates, params);
  return query<ThemeSummary & Record<string, unknown>>(
    db,
    `SELECT t.theme, max(t.label) AS label, count(*) AS articles, avg(t.score)::float8 AS "meanScore", sum(t.evidence) AS evidence
     FROM article_themes t JOIN articles a ON a.id = t.article_id WHERE true${where}
     GROUP BY t.theme ORDER BY articles DESC, t.theme LIMIT @limit`,
    params,
  );
}

export async function* staleBatches(db: Queryable, stamps: readonly StageStamp[], batchSize: number): AsyncGenerator<number[]> {
  const top = await maxId(db, 'articles');
  const names = stamps.map((s) => s.name);
  const versions = stamps.map((s) => s.version);
  let after = 0;
  for (;;) {
    const ids = (
      await query<{ id: number }>(
        db,
        `SELECT a.id FROM articles a WHERE a.id > @after AND a.id <= @top AND EXISTS (
           SELECT 1 FROM unnest(@names::text[], @versions::text[]) s(name, version) WHERE NOT EXISTS (
             SELECT 1 FROM article_stages x WHERE x.article_id = a.id AND x.stage = s.name AND x.version = s.version))
         ORDER BY a.id LIMIT @batchSize`,
        { after, top, names, versions, batchSize },
      )
    ).map((r) => r.id);
    if (ids.length === 0) return;
    yield ids;
    after = ids[ids.length - 1]!;
  }
}
