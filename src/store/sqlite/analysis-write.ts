import type Database from 'better-sqlite3';
import type { ArticleAnalysis, EventLocation } from '../analysis.js';
import { eventInstant, sortInstant } from '../analysis-filters.js';
import { groupKey } from '../event-groups.js';
import { groupEvent, ungroupArticle } from './event-groups.js';

/**
 * Writes an article's analysis layers (inside the caller's transaction): every earlier row of the
 * article is deleted first, so a save replaces the analysis whole and saving twice stores it once. The
 * totals and daily counts follow by themselves (triggers of migration 4).
 */

type Prepare = (sql: string) => Database.Statement;

const TABLES = ['article_stages', 'analysis_failures', 'entities', 'mentions', 'quotes', 'article_themes', 'theme_evidence', 'events', 'tone', 'places', 'article_places'] as const;

export interface ArticleKeys {
  readonly id: number;
  readonly siteKey: string;
  readonly publishedMs: number | null;
}

/** Deletes every layer row of an article (the totals and daily counts follow; its events leave their records). */
export function deleteAnalysis(prepare: Prepare, articleId: number): void {
  ungroupArticle(prepare, articleId);
  for (const table of TABLES) prepare(`DELETE FROM ${table} WHERE article_id = ?`).run(articleId);
}

export function writeAnalysis(prepare: Prepare, article: ArticleKeys, analysis: ArticleAnalysis): void {
  const id = article.id;
  deleteAnalysis(prepare, id);

  const stage = prepare('INSERT INTO article_stages (article_id, stage, version) VALUES (?, ?, ?)');
  for (const stamp of analysis.stages) stage.run(id, stamp.name, stamp.version);
  const failure = prepare('INSERT INTO analysis_failures (article_id, stage, code, message) VALUES (?, ?, ?, ?)');
  // Abstentions share the table: a message per article and stage, told apart by their code.
  for (const f of [...analysis.failures, ...(analysis.abstentions ?? [])]) failure.run(id, f.stage, f.code, f.message);

  const mentionCounts = new Map<number, number>();
  for (const m of analysis.mentions) mentionCounts.set(m.entity, (mentionCounts.get(m.entity) ?? 0) + 1);
  const entity = prepare('INSERT INTO entities (article_id, entity, name, type, role, code, confidence, mentions, published_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  for (const e of analysis.entities) entity.run(id, e.entity, e.name, e.type, e.role, e.code, e.confidence, mentionCounts.get(e.entity) ?? 0, article.publishedMs);
  const mention = prepare('INSERT INTO mentions (article_id, start, "end", kind, entity) VALUES (?, ?, ?, ?, ?)');
  for (const m of analysis.mentions) mention.run(id, m.start, m.end, m.kind, m.entity);

  const quoteSort = sortInstant(article.publishedMs);
  const quote = prepare(
    `INSERT INTO quotes (article_id, site_key, sort_ms, start, "end", text, kind, cue_start, cue_end, cue_text, speaker_name, speaker_code, speaker_text, speaker_start, speaker_end, confidence)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const q of analysis.quotes) {
    const s = q.speaker;
    quote.run(id, article.siteKey, quoteSort, q.start, q.end, q.text, q.kind, q.cue?.start ?? null, q.cue?.end ?? null, q.cue?.text ?? null, s?.name ?? null, s?.code ?? null, s?.text ?? null, s?.start ?? null, s?.end ?? null, q.confidence);
  }

  const theme = prepare('INSERT INTO article_themes (article_id, theme, label, score, evidence, published_ms) VALUES (?, ?, ?, ?, ?, ?)');
  const evidence = prepare('INSERT INTO theme_evidence (article_id, theme, start, "end", weight) VALUES (?, ?, ?, ?, ?)');
  for (const t of analysis.themes) {
    theme.run(id, t.theme, t.label, t.score, t.evidence.length, article.publishedMs);
    for (const e of t.evidence) evidence.run(id, t.theme, e.start, e.end, e.weight);
  }

  const event = prepare(
    `INSERT INTO events (article_id, site_key, sort_ms, start, "end", source_code, source_name, source_start, source_end, target_code, target_name, target_start, target_end,
       code, root, quad_class, goldstein, plover_type, plover_mode, verb_start, verb_end, date, place_name, place_code, place_start, place_end, negated, confidence,
       geo_name, geo_type, geo_country, geo_admin1, geo_admin1_code, geo_lat, geo_lon, geo_geoname_id, geo_feature_code, geo_method, geo_confidence, geo_start, geo_end, place_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const placeKey = placeKeys(prepare);
  for (const e of analysis.events) {
    const sortMs = sortInstant(eventInstant(e.date, article.publishedMs));
    const inserted = event.run(
      id, article.siteKey, sortMs, e.start, e.end,
      e.source?.code ?? null, e.source?.name ?? null, e.source?.span.start ?? null, e.source?.span.end ?? null,
      e.target?.code ?? null, e.target?.name ?? null, e.target?.span.start ?? null, e.target?.span.end ?? null,
      e.code, e.root, e.quadClass, e.goldstein, e.plover?.type ?? null, e.plover?.mode ?? null, e.verb.start, e.verb.end, e.date,
      e.place?.name ?? null, e.place?.code ?? null, e.place?.span.start ?? null, e.place?.span.end ?? null, e.negated ? 1 : 0, e.confidence,
      ...locationColumns(e.location ?? null),
      e.location ? placeKey(e.location.place.type === 'city', e.location.place) : null,
    );
    const key = groupKey(e, sortMs, id);
    if (key) groupEvent(prepare, Number(inserted.lastInsertRowid), key);
  }

  const tone = prepare('INSERT INTO tone (article_id, scope, start, "end", positive, negative, tone, polarity, activity, self_reference, word_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  for (const t of analysis.tone) tone.run(id, t.scope, t.start, t.end, t.positive, t.negative, t.tone, t.polarity, t.activity, t.selfReference, t.wordCount);

  const place = prepare(
    `INSERT INTO places (article_id, start, "end", name, type, country, admin1, admin1_code, lat, lon, geoname_id, feature_code, form, confidence)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const p of analysis.places ?? []) place.run(id, p.start, p.end, p.name, p.type, p.country, p.admin1, p.admin1Code, p.lat, p.lon, p.geonameId, p.featureCode, p.form, p.confidence);
  const focus = prepare(
    `INSERT INTO article_places (article_id, scope, name, type, country, admin1, admin1_code, lat, lon, geoname_id, feature_code, score, mentions, published_ms, place_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const f of analysis.focus ?? []) {
    focus.run(id, f.scope, f.name, f.type, f.country, f.admin1, f.admin1Code, f.lat, f.lon, f.geonameId, f.featureCode, f.score, f.mentions, article.publishedMs, placeKey(f.scope === 'city', f));
  }
}

interface KeyedPlace {
  readonly country: string;
  readonly name: string;
  readonly lat: number;
  readonly lon: number;
  readonly geonameId: number | null;
  readonly admin1: string | null;
}

/**
 * The place_keys id of a place (migration 8), added when new: a city by its name and point, a country
 * by its code alone (name '', point 0, 0), as the map counts them.
 */
function placeKeys(prepare: Prepare): (city: boolean, place: KeyedPlace) => number {
  const insert = prepare('INSERT INTO place_keys (scope, country, name, lat, lon, geoname_id, admin1) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id');
  const find = prepare('SELECT id FROM place_keys WHERE scope = ? AND country = ? AND name = ? AND lat = ? AND lon = ?');
  return (city, p) => {
    const key = city ? ['city', p.country, p.name, p.lat, p.lon] : ['country', p.country, '', 0, 0];
    const row = (insert.get(...key, city ? p.geonameId : null, city ? p.admin1 : null) ?? find.get(...key)) as { id: number };
    return row.id;
  };
}

/** The geo_* columns of an event row (all null when the event has no location). */
export function locationColumns(location: EventLocation | null): unknown[] {
  if (!location) return new Array<null>(13).fill(null);
  const { place, evidence } = location;
  return [place.name, place.type, place.country, place.admin1, place.admin1Code, place.lat, place.lon, place.geonameId, place.featureCode, location.method, location.confidence, evidence?.start ?? null, evidence?.end ?? null];
}
