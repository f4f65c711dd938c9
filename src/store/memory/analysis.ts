import type { StageStamp } from '../../model/document.js';
import {
  STREAM_BATCH_SIZE,
  type ActorQuery,
  type ActorSummary,
  type AggregateQuery,
  type ArticleAnalysis,
  type EventFilter,
  type EventPage,
  type EventRecord,
  type PlaceCounts,
  type PlaceQuery,
  type PageQuery,
  type QuoteFilter,
  type QuotePage,
  type QuoteRecord,
  type StoredEvent,
  type StoredQuote,
  type ThemeSummary,
  type TimelineBucket,
  type TimelineUnit,
} from '../analysis.js';
import {
  checkTimelineUnit,
  decodeKeyset,
  encodeKeyset,
  eventInstant,
  listFingerprint,
  normalizeActorQuery,
  normalizeAggregate,
  normalizeEventFilter,
  normalizeQuoteFilter,
  periodStart,
  sortInstant,
  UNDATED_SORT_MS,
  type NormalizedEventFilter,
} from '../analysis-filters.js';
import { matchesFilter, normalizeLimit, siteFromKey, type ArticleLayersKeys, type NormalizedFilter } from '../filters.js';
import { eventEvidence, quoteEvidence } from '../evidence.js';
import { DocumentMatcher, indexText } from './ranking.js';
import type { ArticleEntry } from './tables.js';
import { mergePlaceCounts, normalizePlaceQuery, type CountedCity } from '../place-counts.js';
import type { ResolvedPlace } from '../../stages/places/place.js';
import { eventGroupRecord, groupKey, type EventGroup, type EventGroupPage } from '../event-groups.js';
import { MAX_SEARCH_LIMIT } from '../store.js';
import { MemoryEventGroups, type MemoryGroup } from './event-groups.js';

/**
 * The analysis layers of the in-memory adapter, with the same ids, order and filters as the SQLite
 * tables: each saved event and quote gets the next id (a save replaces an article's rows, so they get
 * new ids, as rows re-inserted in SQLite do), and lists are ordered by (sort instant, id).
 */

interface Row<R> {
  readonly id: number;
  readonly sortMs: number;
  readonly article: ArticleEntry;
  readonly record: R;
}

interface Saved {
  readonly article: ArticleEntry;
  readonly analysis: ArticleAnalysis;
  readonly events: readonly Row<EventRecord>[];
  readonly quotes: readonly Row<QuoteRecord>[];
}

function datesMatch(dates: NormalizedFilter, sortMs: number, siteKey: string): boolean {
  const dated = sortMs < UNDATED_SORT_MS;
  return matchesFilter({ ...dates, language: null }, { publishedMs: dated ? sortMs : null, siteKey, language: null });
}

/** The source and target filters, one way or (bothDirections) either way. */
export function actorsMatch(f: NormalizedEventFilter, source: string, target: string): boolean {
  const oneWay = (s: string, t: string): boolean => (f.source === null || s.startsWith(f.source)) && (f.target === null || t.startsWith(f.target));
  if (!f.bothDirections) return oneWay(source, target);
  if (f.source !== null && f.target !== null) return oneWay(source, target) || oneWay(target, source);
  const actor = f.source ?? f.target;
  return actor === null || source.startsWith(actor) || target.startsWith(actor);
}

function after<R>(row: Row<R>, cursor: { sortMs: number; id: number } | null): boolean {
  return cursor === null || row.sortMs > cursor.sortMs || (row.sortMs === cursor.sortMs && row.id > cursor.id);
}

function byKey<R>(a: Row<R>, b: Row<R>): number {
  return a.sortMs - b.sortMs || a.id - b.id;
}

export class MemoryAnalyses {
  private readonly saved = new Map<number, Saved>();
  private readonly groups = new MemoryEventGroups();
  private nextEventId = 1;
  private nextQuoteId = 1;

  save(article: ArticleEntry, analysis: ArticleAnalysis): void {
    // No abstentions reads back without the field, as from SQLite.
    const { abstentions, ...rest } = structuredClone(analysis) as ArticleAnalysis;
    const copy: ArticleAnalysis = abstentions?.length ? { ...rest, abstentions } : rest;
    const quoteSort = sortInstant(article.publishedMs);
    this.groups.ungroup((this.saved.get(article.id)?.events ?? []).map((row) => row.id));
    const events = copy.events.map((record) => ({ id: this.nextEventId++, sortMs: sortInstant(eventInstant(record.date, article.publishedMs)), article, record }));
    for (const row of events) {
      const key = groupKey(row.record, row.sortMs, article.id);
      if (key) this.groups.group(row.id, key);
    }
    this.saved.set(article.id, { article, analysis: copy, events, quotes: copy.quotes.map((record) => ({ id: this.nextQuoteId++, sortMs: quoteSort, article, record })) });
  }

  /** Event records with a mention matching the filter, in date order (store/event-groups.ts). */
  private groupRows(filter: EventFilter): { rows: Row<MemoryGroup>[]; members: Map<number, Row<EventRecord>> } {
    const rows = new Map<number, Row<MemoryGroup>>();
    for (const row of this.eventRows(filter)) {
      const group = this.groups.groupOfEvent(row.id);
      if (group && !rows.has(group.id)) rows.set(group.id, { id: group.id, sortMs: group.sortMs, article: row.article, record: group });
    }
    const members = new Map<number, Row<EventRecord>>();
    for (const saved of this.saved.values()) for (const row of saved.events) members.set(row.id, row);
    return { rows: [...rows.values()].sort(byKey), members };
  }

  private groupRecord(group: MemoryGroup, members: ReadonlyMap<number, Row<EventRecord>>): EventGroup {
    return eventGroupRecord(group.id, [...group.members].sort((a, b) => a - b).map((id) => this.storedEvent(members.get(id)!)));
  }

  queryEventGroups(query: EventFilter & PageQuery): EventGroupPage {
    const fingerprint = listFingerprint('event-groups', normalizeEventFilter(query));
    const { rows, members } = this.groupRows(query);
    const shown = page('event-groups', fingerprint, rows, this.groups.maxId, query);
    return { groups: shown.rows.map((row) => this.groupRecord(row.record, members)), nextCursor: shown.nextCursor };
  }

  /** Batches of records as they are when each batch is read. */
  *eventGroupBatches(filter: EventFilter): Generator<EventGroup[]> {
    let cursor: string | null = null;
    do {
      const next: EventGroupPage = this.queryEventGroups({ ...filter, limit: MAX_SEARCH_LIMIT, cursor });
      if (next.groups.length) yield [...next.groups];
      cursor = next.nextCursor;
    } while (cursor !== null);
  }

  /** Articles on which a stage abstained, by stage (as the SQLite adapter counts them). */
  abstentionCounts(): { stage: string; articles: number }[] {
    const counts = new Map<string, number>();
    for (const { analysis } of this.saved.values()) for (const stage of new Set((analysis.abstentions ?? []).map((a) => a.stage))) counts.set(stage, (counts.get(stage) ?? 0) + 1);
    return [...counts].map(([stage, articles]) => ({ stage, articles })).sort((a, b) => b.articles - a.articles || (a.stage < b.stage ? -1 : a.stage > b.stage ? 1 : 0));
  }

  /** Forgets an article's analysis (a revised article whose new text was not analyzed). */
  remove(articleId: number): void {
    this.groups.ungroup((this.saved.get(articleId)?.events ?? []).map((row) => row.id));
    this.saved.delete(articleId);
  }

  /** The stored analysis of an article as it is kept (not a copy: read it, never change it), or null. */
  peek(articleId: number): ArticleAnalysis | null {
    return this.saved.get(articleId)?.analysis ?? null;
  }

  /** The actor codes and themes of an article (the actor and theme filters), or null when not analyzed. */
  layerKeys(articleId: number): ArticleLayersKeys | null {
    const saved = this.saved.get(articleId);
    if (!saved) return null;
    const countries = (saved.analysis.focus ?? []).filter((f) => f.scope === 'country').map((f) => f.country);
    return { actorCodes: saved.analysis.entities.map((e) => e.code), themes: saved.analysis.themes.map((t) => t.theme), countries };
  }

  get(articleId: number): ArticleAnalysis | null {
    const saved = this.saved.get(articleId);
    if (!saved || (saved.analysis.stages.length === 0 && saved.analysis.failures.length === 0)) return null;
    return structuredClone(saved.analysis) as ArticleAnalysis;
  }

  *stale(articleIds: Iterable<number>, stamps: readonly StageStamp[]): Generator<number> {
    for (const id of articleIds) {
      const stages = this.saved.get(id)?.analysis.stages ?? [];
      if (stamps.some((s) => !stages.some((x) => x.name === s.name && x.version === s.version))) yield id;
    }
  }

  placeCounts(query: PlaceQuery): PlaceCounts {
    const { filter, limit } = normalizePlaceQuery(query);
    const articleCountries = new Map<string, number>();
    const cityCounts = (): Map<string, CountedCity> => new Map();
    const articleCities = cityCounts();
    const eventCities = cityCounts();
    const countCity = (target: Map<string, CountedCity>, place: ResolvedPlace): void => {
      const key = `${place.name}|${place.country}|${place.lat}|${place.lon}|${place.geonameId}`;
      const row = target.get(key);
      target.set(key, { name: place.name, country: place.country, admin1: row?.admin1 ?? place.admin1, lat: place.lat, lon: place.lon, geonameId: place.geonameId, count: (row?.count ?? 0) + 1 });
    };
    for (const saved of this.saved.values()) {
      if (!matchesFilter(filter.dates, { publishedMs: saved.article.publishedMs, siteKey: saved.article.siteKey, language: null })) continue;
      if (filter.theme !== null && !saved.analysis.themes.some((t) => t.theme === filter.theme)) continue;
      if (filter.source !== null && !saved.events.some((e) => (e.record.source?.code ?? '').startsWith(filter.source!))) continue;
      if (filter.target !== null && !saved.events.some((e) => (e.record.target?.code ?? '').startsWith(filter.target!))) continue;
      for (const focus of saved.analysis.focus ?? []) {
        if (focus.scope === 'country') articleCountries.set(focus.country, (articleCountries.get(focus.country) ?? 0) + 1);
        else countCity(articleCities, focus);
      }
    }
    const eventCountries = new Map<string, number>();
    for (const row of this.eventRows(filter)) {
      const place = row.record.location?.place;
      if (!place) continue;
      eventCountries.set(place.country, (eventCountries.get(place.country) ?? 0) + 1);
      if (place.type === 'city') countCity(eventCities, place);
    }
    return mergePlaceCounts(articleCountries, eventCountries, [...articleCities.values()], [...eventCities.values()], limit);
  }

  private eventRows(filter: EventFilter | NormalizedEventFilter): Row<EventRecord>[] {
    const f = 'dates' in filter ? filter : normalizeEventFilter(filter);
    const rows: Row<EventRecord>[] = [];
    for (const saved of this.saved.values()) {
      const themes = saved.analysis.themes;
      for (const row of saved.events) {
        const e = row.record;
        if (!datesMatch(f.dates, row.sortMs, row.article.siteKey)) continue;
        if (!actorsMatch(f, e.source?.code ?? '', e.target?.code ?? '')) continue;
        if (f.country !== null && e.location?.place.country !== f.country) continue;
        if (f.sourceName !== null && e.source?.name.toLowerCase() !== f.sourceName) continue;
        if (f.targetName !== null && e.target?.name.toLowerCase() !== f.targetName) continue;
        if (f.code !== null && !e.code.startsWith(f.code)) continue;
        if (f.theme !== null && !themes.some((t) => t.theme === f.theme)) continue;
        if (f.quadClass !== null && e.quadClass !== f.quadClass) continue;
        if (f.articleId !== null && row.article.id !== f.articleId) continue;
        if (f.excludeNegated && e.negated) continue;
        rows.push(row);
      }
    }
    return rows.sort(byKey);
  }

  private quoteRows(filter: QuoteFilter): Row<QuoteRecord>[] {
    const f = normalizeQuoteFilter(filter);
    const rows: Row<QuoteRecord>[] = [];
    for (const saved of this.saved.values()) {
      for (const row of saved.quotes) {
        const q = row.record;
        if (!datesMatch(f.dates, row.sortMs, row.article.siteKey)) continue;
        if (f.speaker !== null && !(q.speaker?.name.toLowerCase().includes(f.speaker) || (q.speaker?.code ?? '').toLowerCase().includes(f.speaker))) continue;
        if (f.speakerCode !== null && !(q.speaker?.code ?? '').startsWith(f.speakerCode)) continue;
        if (f.kind !== null && q.kind !== f.kind) continue;
        if (f.articleId !== null && row.article.id !== f.articleId) continue;
        if (f.text !== null && !new DocumentMatcher(indexText(null, q.text)).matches(f.text)) continue;
        rows.push(row);
      }
    }
    return rows.sort(byKey);
  }

  private storedQuote(row: Row<QuoteRecord>): StoredQuote {
    return { id: row.id, ...structuredClone(row.record), ...context(row.article), evidence: quoteEvidence(row.article.article.text, row.record) };
  }

  private storedEvent(row: Row<EventRecord>): StoredEvent {
    const tone = this.saved.get(row.article.id)?.analysis.tone.find((t) => t.scope === 'document');
    return { id: row.id, ...structuredClone(row.record), ...context(row.article), articleTone: tone?.tone ?? null, evidence: eventEvidence(row.article.article.text, row.record) };
  }

  queryEvents(query: EventFilter & PageQuery): EventPage {
    const fingerprint = listFingerprint('events', normalizeEventFilter(query));
    const { rows, nextCursor } = page('events', fingerprint, this.eventRows(query), this.nextEventId - 1, query);
    return { events: rows.map((row) => this.storedEvent(row)), nextCursor };
  }

  queryQuotes(query: QuoteFilter & PageQuery): QuotePage {
    const fingerprint = listFingerprint('quotes', normalizeQuoteFilter(query));
    const { rows, nextCursor } = page('quotes', fingerprint, this.quoteRows(query), this.nextQuoteId - 1, query);
    return { quotes: rows.map((row) => this.storedQuote(row)), nextCursor };
  }

  /** Batches of events as they are when each batch is read (the SQLite walk's behaviour). */
  *eventBatches(filter: EventFilter): Generator<StoredEvent[]> {
    const maxId = this.nextEventId - 1;
    let last: { sortMs: number; id: number } | null = null;
    for (;;) {
      const batch = this.eventRows(filter).filter((row) => row.id <= maxId && after(row, last)).slice(0, STREAM_BATCH_SIZE);
      if (batch.length === 0) return;
      last = batch[batch.length - 1]!;
      yield batch.map((row) => this.storedEvent(row));
    }
  }

  *quoteBatches(filter: QuoteFilter): Generator<StoredQuote[]> {
    const maxId = this.nextQuoteId - 1;
    let last: { sortMs: number; id: number } | null = null;
    for (;;) {
      const batch = this.quoteRows(filter).filter((row) => row.id <= maxId && after(row, last)).slice(0, STREAM_BATCH_SIZE);
      if (batch.length === 0) return;
      last = batch[batch.length - 1]!;
      yield batch.map((row) => this.storedQuote(row));
    }
  }

  timeline(filter: EventFilter, by: TimelineUnit): TimelineBucket[] {
    const unit = checkTimelineUnit(by);
    const buckets = new Map<string, { events: number; goldstein: number; quad: [number, number, number, number] }>();
    for (const row of this.eventRows(filter)) {
      if (row.sortMs >= UNDATED_SORT_MS) continue;
      const start = periodStart(row.sortMs, unit);
      let bucket = buckets.get(start);
      if (!bucket) buckets.set(start, (bucket = { events: 0, goldstein: 0, quad: [0, 0, 0, 0] }));
      bucket.events++;
      bucket.goldstein += row.record.goldstein;
      bucket.quad[(row.record.quadClass - 1) as 0 | 1 | 2 | 3]++;
    }
    return [...buckets]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([start, b]) => ({ start, events: b.events, goldstein: b.goldstein / b.events, quadClasses: b.quad }));
  }

  actors(query: ActorQuery): ActorSummary[] {
    const q = normalizeActorQuery(query);
    const groups = new Map<string, ActorSummary & { articles: number; mentions: number }>();
    for (const saved of this.saved.values()) {
      if (!matchesFilter(q.dates, { publishedMs: saved.article.publishedMs, siteKey: saved.article.siteKey, language: null })) continue;
      for (const e of saved.analysis.entities) {
        if (q.name !== null && !(e.name.toLowerCase().includes(q.name) || (e.code ?? '').toLowerCase().includes(q.name))) continue;
        if (q.type !== null && e.type !== q.type) continue;
        const key = JSON.stringify([e.code, e.name, e.type]);
        const group = groups.get(key) ?? { code: e.code, name: e.name, type: e.type, articles: 0, mentions: 0 };
        group.articles++;
        group.mentions += saved.analysis.mentions.filter((m) => m.entity === e.entity).length;
        groups.set(key, group);
      }
    }
    return [...groups.values()]
      .sort((a, b) => b.articles - a.articles || b.mentions - a.mentions || compareText(a.name, b.name) || compareText(a.code ?? '', b.code ?? ''))
      .slice(0, q.limit);
  }

  themes(query: AggregateQuery): ThemeSummary[] {
    const q = normalizeAggregate(query);
    const groups = new Map<string, { theme: string; label: string; articles: number; total: number; evidence: number }>();
    for (const saved of this.saved.values()) {
      if (!matchesFilter(q.dates, { publishedMs: saved.article.publishedMs, siteKey: saved.article.siteKey, language: null })) continue;
      for (const t of saved.analysis.themes) {
        const group = groups.get(t.theme) ?? { theme: t.theme, label: t.label, articles: 0, total: 0, evidence: 0 };
        if (t.label > group.label) group.label = t.label; // max(label), as SQLite's aggregate picks
        group.articles++;
        group.total += t.score;
        group.evidence += t.evidence.length;
        groups.set(t.theme, group);
      }
    }
    return [...groups.values()]
      .sort((a, b) => b.articles - a.articles || compareText(a.theme, b.theme))
      .slice(0, q.limit)
      .map((g) => ({ theme: g.theme, label: g.label, articles: g.articles, meanScore: g.total / g.articles, evidence: g.evidence }));
  }

}

/** Byte order of UTF-8, as SQLite's BINARY collation compares. */
function compareText(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

function context(article: ArticleEntry): { articleId: number; url: string; site: string; published: string | null } {
  return { articleId: article.id, url: article.canonicalUrl, site: siteFromKey(article.siteKey), published: article.article.published };
}

function page<R>(kind: string, fingerprint: string, rows: Row<R>[], currentMaxId: number, query: PageQuery): { rows: Row<R>[]; nextCursor: string | null } {
  const limit = normalizeLimit(query.limit);
  const cursor = query.cursor ? decodeKeyset(query.cursor, kind, fingerprint) : null;
  const maxId = cursor?.maxId ?? currentMaxId;
  const remaining = rows.filter((row) => row.id <= maxId && after(row, cursor));
  const shown = remaining.slice(0, limit);
  const last = shown[shown.length - 1];
  return { rows: shown, nextCursor: remaining.length > limit && last ? encodeKeyset(kind, fingerprint, { sortMs: last.sortMs, id: last.id, maxId }) : null };
}
