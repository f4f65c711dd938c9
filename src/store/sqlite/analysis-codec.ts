import type { QuadClass } from '../../stages/events/event.js';
import type { EventPlaceMethod, PlaceForm, PlaceType, ResolvedPlace } from '../../stages/places/place.js';
import type { QuoteKind } from '../../stages/quotes/quote.js';
import {
  ABSTAINED,
  type ArticleAnalysis,
  type EntityRecord,
  type EventLocation,
  type EventRecord,
  type FocusRecord,
  type MentionRecord,
  type PlaceRecord,
  type QuoteRecord,
  type StageFailure,
  type StoredEvent,
  type StoredQuote,
  type ToneRecord,
} from '../analysis.js';
import { eventEvidence, quoteEvidence } from '../evidence.js';
import { siteFromKey } from '../filters.js';

/**
 * The rows of the analysis tables and the records they hold, shared by the SQLite and PostgreSQL
 * adapters (the same tables and columns): the SELECTs of events and quotes with their article, the row
 * mappers, and an article's whole analysis read back from its rows.
 */

export const EVENT_SELECT = `SELECT e.*, a.canonical_url, a.published, t.tone AS article_tone
  FROM events e JOIN articles a ON a.id = e.article_id
  LEFT JOIN tone t ON t.article_id = e.article_id AND t.scope = 'document'`;

export const QUOTE_SELECT = 'SELECT q.*, a.canonical_url, a.published FROM quotes q JOIN articles a ON a.id = q.article_id';

export interface EventRow {
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
export function eventRecord(r: EventRow, located = r.geo_method !== null): EventRecord {
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

export type EventResultRow = EventRow & { canonical_url: string; published: string | null; article_tone: number | null };
export type QuoteResultRow = QuoteRow & { canonical_url: string; published: string | null };

export function storedEvent(r: EventResultRow, texts: ReadonlyMap<number, string>): StoredEvent {
  const record = eventRecord(r);
  return { id: r.id, ...record, articleId: r.article_id, url: r.canonical_url, site: siteFromKey(r.site_key), published: r.published, articleTone: r.article_tone, evidence: eventEvidence(texts.get(r.article_id) ?? '', record) };
}

export interface QuoteRow {
  id: number; article_id: number; site_key: string; sort_ms: number; start: number; end: number; text: string; kind: string;
  cue_start: number | null; cue_end: number | null; cue_text: string | null;
  speaker_name: string | null; speaker_code: string | null; speaker_text: string | null; speaker_start: number | null; speaker_end: number | null;
  confidence: number;
}

export function quoteRecord(r: QuoteRow): QuoteRecord {
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

export function storedQuote(r: QuoteResultRow, texts: ReadonlyMap<number, string>): StoredQuote {
  const record = quoteRecord(r);
  return { id: r.id, ...record, articleId: r.article_id, url: r.canonical_url, site: siteFromKey(r.site_key), published: r.published, evidence: quoteEvidence(texts.get(r.article_id) ?? '', record) };
}

interface ToneRow {
  scope: 'document' | 'sentence'; start: number; end: number; positive: number; negative: number; tone: number; polarity: number; activity: number; self_reference: number; word_count: number;
}

type PlaceRow = PlaceColumns & { start: number; end: number; form: string; confidence: number };
type FocusRow = PlaceColumns & { scope: 'country' | 'city'; score: number; mentions: number };

/** An article's rows in every analysis table, each read by its statement of analysisStatements. */
export interface AnalysisRows {
  readonly stages: readonly { stage: string; version: string }[];
  /** Stage failures and abstentions (code ABSTAINED): one table. */
  readonly messages: readonly StageFailure[];
  readonly entities: readonly EntityRecord[];
  readonly mentions: readonly MentionRecord[];
  readonly quotes: readonly QuoteRow[];
  readonly evidence: readonly { theme: string; start: number; end: number; weight: number }[];
  readonly themes: readonly { theme: string; label: string; score: number }[];
  readonly events: readonly EventRow[];
  readonly tone: readonly ToneRow[];
  readonly places: readonly PlaceRow[];
  readonly focus: readonly FocusRow[];
}

/**
 * The statement that reads each table of an article's analysis (its id as `@id`), in stored order:
 * `order` is the column that keeps the order of rows without an id (SQLite: rowid, PostgreSQL: position).
 */
export function analysisStatements(order: 'rowid' | 'position'): Readonly<Record<keyof AnalysisRows, string>> {
  const rows = (table: string, columns: string, by: string): string => `SELECT ${columns} FROM ${table} WHERE article_id = @id ORDER BY ${by}`;
  return {
    stages: rows('article_stages', 'stage, version', order),
    messages: rows('analysis_failures', 'stage, code, message', order),
    entities: rows('entities', 'entity, name, type, role, code, confidence', 'entity'),
    mentions: rows('mentions', 'start, "end", kind, entity', 'id'),
    quotes: rows('quotes', '*', 'id'),
    evidence: rows('theme_evidence', 'theme, start, "end", weight', order),
    themes: rows('article_themes', 'theme, label, score', 'score DESC, theme'),
    events: rows('events', '*', 'id'),
    tone: rows('tone', '*', order),
    places: rows('places', '*', order),
    focus: rows('article_places', '*', order),
  };
}

/**
 * The analysis the rows hold, or null when the article was never analyzed. Abstentions, places and focus
 * appear as they were saved: abstentions when there are some, the places layers when the places stage
 * ran, an event's location when the event-places stage ran.
 */
export function analysisFromRows(rows: AnalysisRows): ArticleAnalysis | null {
  if (rows.stages.length === 0 && rows.messages.length === 0) return null;
  const stages = rows.stages.map(({ stage, version }) => ({ name: stage, version }));
  const ran = (name: string): boolean => stages.some((s) => s.name === name);
  const message = ({ stage, code, message }: StageFailure): StageFailure => ({ stage, code, message });
  const failures = rows.messages.filter((m) => m.code !== ABSTAINED).map(message);
  const abstentions = rows.messages.filter((m) => m.code === ABSTAINED).map(message);
  const themes = rows.themes.map(({ theme, label, score }) => ({
    theme,
    label,
    score,
    evidence: rows.evidence.filter((e) => e.theme === theme).map(({ start, end, weight }) => ({ start, end, weight })),
  }));
  const located = ran('event-places');
  const tone = rows.tone.map((t): ToneRecord => ({ scope: t.scope, start: t.start, end: t.end, positive: t.positive, negative: t.negative, tone: t.tone, polarity: t.polarity, activity: t.activity, selfReference: t.self_reference, wordCount: t.word_count }));
  const base: ArticleAnalysis = {
    stages,
    failures,
    ...(abstentions.length ? { abstentions } : {}),
    entities: rows.entities.map(({ entity, name, type, role, code, confidence }) => ({ entity, name, type, role, code, confidence })),
    mentions: rows.mentions.map(({ start, end, kind, entity }) => ({ start, end, kind, entity })),
    quotes: rows.quotes.map(quoteRecord),
    themes,
    events: rows.events.map((r) => eventRecord(r, located)),
    tone,
  };
  if (!ran('places')) return base;
  return {
    ...base,
    places: rows.places.map((r): PlaceRecord => ({ start: r.start, end: r.end, ...resolvedPlace(r), form: r.form as PlaceForm, confidence: r.confidence })),
    focus: rows.focus.map((r): FocusRecord => ({ scope: r.scope, ...resolvedPlace(r), score: r.score, mentions: r.mentions })),
  };
}
