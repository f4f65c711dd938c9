import type Database from 'better-sqlite3';
import type { StageStamp } from '../../model/document.js';
import type { QuadClass } from '../../stages/events/event.js';
import type { EventPlaceMethod, PlaceForm, PlaceType, ResolvedPlace } from '../../stages/places/place.js';
import type { QuoteKind } from '../../stages/quotes/quote.js';
import type {
  ActorQuery,
  ActorSummary,
  AggregateQuery,
  ArticleAnalysis,
  EventFilter,
  EventLocation,
  EventPage,
  FocusRecord,
  PlaceRecord,
  EventRecord,
  PageQuery,
  QuoteFilter,
  QuotePage,
  QuoteRecord,
  StoredEvent,
  StoredQuote,
  ThemeSummary,
  TimelineBucket,
  TimelineUnit,
  ToneRecord,
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
import { normalizeLimit, siteFromKey, siteKeyRangeEnd, type NormalizedFilter } from '../filters.js';
import { eventEvidence, quoteEvidence } from '../evidence.js';
import { toFts5 } from '../query/fts5.js';
import type { FilterClause } from './read.js';
import { actorsFromTotals, datesOnly, eventTimelineFromDays, themesFromDays, themesFromTotals, unfiltered } from './rollups.js';

/**
 * The analysis side of the SQLite adapter: an article's layers, events and quotes (pages, streams, a
 * timeline), actor and theme aggregates, and the articles a reanalysis must redo. Filters become index
 * ranges on columns the rows carry (sort_ms, site_key, codes); see migrations.ts version 2.
 */

type Params = Record<string, unknown>;

/** Date and site terms on a table alias whose rows carry `sort_ms` and `site_key`. */
function datedClause(alias: string, dates: NormalizedFilter, params: Params): string[] {
  const terms: string[] = [];
  if (dates.sinceMs !== null) {
    terms.push(`${alias}.sort_ms >= @since`);
    params.since = dates.sinceMs;
  }
  if (dates.untilMs !== null) {
    terms.push(`${alias}.sort_ms <= @until`);
    params.until = dates.untilMs;
  }
  if (dates.sinceMs !== null || dates.untilMs !== null) terms.push(`${alias}.sort_ms < ${UNDATED_SORT_MS}`);
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
  const terms = datedClause('e', f.dates, params);
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

function quoteClause(f: NormalizedQuoteFilter): FilterClause {
  const params: Params = {};
  const terms = datedClause('q', f.dates, params);
  if (f.speaker !== null) {
    terms.push("(instr(lower(coalesce(q.speaker_name, '')), @speaker) > 0 OR instr(lower(coalesce(q.speaker_code, '')), @speaker) > 0)");
    params.speaker = f.speaker;
    // Three letters or more: the trigram index finds the candidates (the instr() above checks each exactly).
    if ([...f.speaker].length >= 3) {
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

const EVENT_SELECT = `SELECT e.*, a.canonical_url, a.published, t.tone AS article_tone
  FROM events e JOIN articles a ON a.id = e.article_id
  LEFT JOIN tone t ON t.article_id = e.article_id AND t.scope = 'document'`;

const QUOTE_SELECT = 'SELECT q.*, a.canonical_url, a.published FROM quotes q JOIN articles a ON a.id = q.article_id';

interface EventRow {
  id: number; article_id: number; site_key: string; sort_ms: number; start: number; end: number;
  source_code: string | null; source_name: string | null; source_start: number | null; source_end: number | null;
  target_code: string | null; target_name: string | null; target_start: number | null; target_end: number | null;
  code: string; root: string; quad_class: number; goldstein: number; plover_type: string | null; plover_mode: string | null;
  verb_start: number; verb_end: number; date: string | null; place_name: string | null; place_code: string | null; place_start: number | null; place_end: number | null;
  negated: number; confidence: number;
  geo_name: string | null; geo_type: string | null; geo_country: string | null; geo_admin1: string | null; geo_admin1_code: string | null; geo_lat: number | null; geo_lon: number | null;
  geo_geoname_id: number | null; geo_feature_code: string | null; geo_method: string | null; geo_confidence: number | null; geo_start: number | null; geo_end: number | null;
}

interface PlaceColumns {
  name: string; type: string; country: string; admin1: string | null; admin1_code: string | null; lat: number; lon: number; geoname_id: number | null; feature_code: string;
}

function resolvedPlace(r: PlaceColumns): ResolvedPlace {
  return { name: r.name, type: r.type as PlaceType, country: r.country, admin1: r.admin1, admin1Code: r.admin1_code, lat: r.lat, lon: r.lon, geonameId: r.geoname_id, featureCode: r.feature_code };
}

function eventLocation(r: EventRow): EventLocation | null {
  if (r.geo_method === null || r.geo_name === null) return null;
  const place = resolvedPlace({ name: r.geo_name, type: r.geo_type!, country: r.geo_country!, admin1: r.geo_admin1, admin1_code: r.geo_admin1_code, lat: r.geo_lat!, lon: r.geo_lon!, geoname_id: r.geo_geoname_id, feature_code: r.geo_feature_code! });
  return { place, evidence: r.geo_start === null ? null : { start: r.geo_start, end: r.geo_end! }, method: r.geo_method as EventPlaceMethod, confidence: r.geo_confidence! };
}

function actor(code: string | null, name: string | null, start: number | null, end: number | null): EventRecord['source'] {
  return name === null ? null : { code, name, span: { start: start!, end: end! } };
}

/** An event row as a record; `located`: the event-places stage ran on its article (the record says where, or null). */
function eventRecord(r: EventRow, located = r.geo_method !== null): EventRecord {
  return {
    start: r.start,
    end: r.end,
    source: actor(r.source_code, r.source_name, r.source_start, r.source_end),
    target: actor(r.target_code, r.target_name, r.target_start, r.target_end),
    code: r.code,
    root: r.root,
    quadClass: r.quad_class as QuadClass,
    goldstein: r.goldstein,
    plover: r.plover_type === null ? null : { type: r.plover_type, mode: r.plover_mode ?? '' },
    verb: { start: r.verb_start, end: r.verb_end },
    date: r.date,
    place: r.place_name === null ? null : { name: r.place_name, code: r.place_code, span: { start: r.place_start!, end: r.place_end! } },
    negated: r.negated === 1,
    confidence: r.confidence,
    ...(located ? { location: eventLocation(r) } : {}),
  };
}

type EventResultRow = EventRow & { canonical_url: string; published: string | null; article_tone: number | null };
type QuoteResultRow = QuoteRow & { canonical_url: string; published: string | null };

function storedEvent(r: EventResultRow, texts: ReadonlyMap<number, string>): StoredEvent {
  const record = eventRecord(r);
  return { id: r.id, ...record, articleId: r.article_id, url: r.canonical_url, site: siteFromKey(r.site_key), published: r.published, articleTone: r.article_tone, evidence: eventEvidence(texts.get(r.article_id) ?? '', record) };
}

/** The texts of the articles of a page of rows, each read once (the evidence passages are cut from them). */
function articleTexts(db: Database.Database, rows: readonly { article_id: number }[]): Map<number, string> {
  const ids = [...new Set(rows.map((r) => r.article_id))];
  if (ids.length === 0) return new Map();
  const found = db.prepare('SELECT id, text FROM articles WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(ids)) as { id: number; text: string }[];
  return new Map(found.map((r) => [r.id, r.text]));
}

function storedEvents(db: Database.Database, rows: readonly EventResultRow[]): StoredEvent[] {
  const texts = articleTexts(db, rows);
  return rows.map((r) => storedEvent(r, texts));
}

function storedQuotes(db: Database.Database, rows: readonly QuoteResultRow[]): StoredQuote[] {
  const texts = articleTexts(db, rows);
  return rows.map((r) => storedQuote(r, texts));
}

interface QuoteRow {
  id: number; article_id: number; site_key: string; sort_ms: number; start: number; end: number; text: string; kind: string;
  cue_start: number | null; cue_end: number | null; cue_text: string | null;
  speaker_name: string | null; speaker_code: string | null; speaker_text: string | null; speaker_start: number | null; speaker_end: number | null;
  confidence: number;
}

function quoteRecord(r: QuoteRow): QuoteRecord {
  return {
    start: r.start,
    end: r.end,
    text: r.text,
    kind: r.kind as QuoteKind,
    cue: r.cue_text === null ? null : { start: r.cue_start!, end: r.cue_end!, text: r.cue_text },
    speaker: r.speaker_name === null ? null : { start: r.speaker_start!, end: r.speaker_end!, text: r.speaker_text ?? r.speaker_name, name: r.speaker_name, code: r.speaker_code },
    confidence: r.confidence,
  };
}

function storedQuote(r: QuoteResultRow, texts: ReadonlyMap<number, string>): StoredQuote {
  const record = quoteRecord(r);
  return { id: r.id, ...record, articleId: r.article_id, url: r.canonical_url, site: siteFromKey(r.site_key), published: r.published, evidence: quoteEvidence(texts.get(r.article_id) ?? '', record) };
}

export function readAnalysis(db: Database.Database, articleId: number): ArticleAnalysis | null {
  const all = <T>(sql: string): T[] => db.prepare(sql).all(articleId) as T[];
  const stages = all<{ stage: string; version: string }>('SELECT stage, version FROM article_stages WHERE article_id = ? ORDER BY rowid').map((r): StageStamp => ({ name: r.stage, version: r.version }));
  const failures = all<{ stage: string; code: string; message: string }>('SELECT stage, code, message FROM analysis_failures WHERE article_id = ? ORDER BY rowid');
  if (stages.length === 0 && failures.length === 0) return null;
  const entities = all<{ entity: number; name: string; type: string; role: string | null; code: string | null; confidence: number }>(
    'SELECT entity, name, type, role, code, confidence FROM entities WHERE article_id = ? ORDER BY entity',
  );
  const mentions = all<{ start: number; end: number; kind: string; entity: number }>('SELECT start, "end", kind, entity FROM mentions WHERE article_id = ? ORDER BY id');
  const quotes = all<QuoteRow>('SELECT * FROM quotes WHERE article_id = ? ORDER BY id').map(quoteRecord);
  const evidence = all<{ theme: string; start: number; end: number; weight: number }>('SELECT theme, start, "end", weight FROM theme_evidence WHERE article_id = ? ORDER BY rowid');
  const themes = all<{ theme: string; label: string; score: number }>('SELECT theme, label, score FROM article_themes WHERE article_id = ? ORDER BY score DESC, theme').map((t) => ({
    ...t,
    evidence: evidence.filter((e) => e.theme === t.theme).map(({ start, end, weight }) => ({ start, end, weight })),
  }));
  const located = stages.some((s) => s.name === 'event-places');
  const events = all<EventRow>('SELECT * FROM events WHERE article_id = ? ORDER BY id').map((r) => eventRecord(r, located));
  const tone = all<{ scope: 'document' | 'sentence'; start: number; end: number; positive: number; negative: number; tone: number; polarity: number; activity: number; self_reference: number; word_count: number }>(
    'SELECT * FROM tone WHERE article_id = ? ORDER BY rowid',
  ).map((t): ToneRecord => ({ scope: t.scope, start: t.start, end: t.end, positive: t.positive, negative: t.negative, tone: t.tone, polarity: t.polarity, activity: t.activity, selfReference: t.self_reference, wordCount: t.word_count }));
  if (!stages.some((s) => s.name === 'places')) return { stages, failures, entities, mentions, quotes, themes, events, tone };
  const places = all<PlaceColumns & { start: number; end: number; form: string; confidence: number }>('SELECT * FROM places WHERE article_id = ? ORDER BY rowid').map(
    (r): PlaceRecord => ({ start: r.start, end: r.end, ...resolvedPlace(r), form: r.form as PlaceForm, confidence: r.confidence }),
  );
  const focus = all<PlaceColumns & { scope: 'country' | 'city'; score: number; mentions: number }>('SELECT * FROM article_places WHERE article_id = ? ORDER BY rowid').map(
    (r): FocusRecord => ({ scope: r.scope, ...resolvedPlace(r), score: r.score, mentions: r.mentions }),
  );
  return { stages, failures, entities, mentions, quotes, themes, events, tone, places, focus };
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
       FROM events e WHERE e.sort_ms < ${UNDATED_SORT_MS}${clause.sql} GROUP BY 1 ORDER BY 1`,
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
