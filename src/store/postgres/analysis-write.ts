import type { ResolvedPlace } from '../../stages/places/place.js';
import type { ArticleAnalysis } from '../analysis.js';
import { eventInstant, sortInstant } from '../analysis-filters.js';
import { groupKey } from '../event-groups.js';
import { locationColumns } from '../sqlite/analysis-write.js';
import { query, type Queryable } from './connection.js';
import { groupEvents, ungroupArticle } from './event-groups.js';
import { searchVector } from './text-search.js';

/**
 * Writes an article's analysis layers inside the caller's transaction: the article's earlier rows are
 * deleted first (a save replaces the analysis whole), then each layer is ONE statement whatever its
 * size (`unnest` of column arrays), so a commit costs a few round trips, not one per row. The article's
 * events are then grouped into event records (event-groups.ts).
 */

export const ANALYSIS_TABLES = ['article_stages', 'analysis_failures', 'entities', 'mentions', 'quotes', 'article_themes', 'theme_evidence', 'events', 'tone', 'places', 'article_places'] as const;

export interface ArticleKeys {
  readonly id: number;
  readonly siteKey: string;
  readonly publishedMs: number | null;
}

/**
 * `INSERT ... SELECT @id, * FROM unnest(...)` of the given columns, when there are rows; with `returning`,
 * the ids of the new rows, in the order of `rows` (identities are drawn as the rows are produced).
 */
async function insertRows(db: Queryable, table: string, columns: readonly [name: string, type: string][], rows: readonly unknown[][], id: number, returning = false): Promise<number[]> {
  if (rows.length === 0) return [];
  const params: Record<string, unknown> = { id };
  columns.forEach((_, i) => void (params[`c${i}`] = rows.map((row) => row[i] ?? null)));
  const names = columns.map(([name]) => (name === 'end' ? '"end"' : name)).join(', ');
  const arrays = columns.map(([, type], i) => `@c${i}::${type}[]`).join(', ');
  const inserted = await query<{ id: number }>(db, `INSERT INTO ${table} (article_id, ${names}) SELECT @id, * FROM unnest(${arrays})${returning ? ' RETURNING id' : ''}`, params);
  return inserted.map((r) => r.id).sort((a, b) => a - b);
}

/** The columns of a resolved place (places, article_places), after the caller's own. */
const PLACE_COLUMNS: readonly [string, string][] = [
  ['name', 'text'], ['type', 'text'], ['country', 'text'], ['admin1', 'text'], ['admin1_code', 'text'], ['lat', 'float8'], ['lon', 'float8'], ['geoname_id', 'int8'], ['feature_code', 'text'],
];

export async function writeAnalysis(db: Queryable, article: ArticleKeys, analysis: ArticleAnalysis, replace: boolean): Promise<void> {
  const id = article.id;
  const eventSorts = analysis.events.map((e) => sortInstant(eventInstant(e.date, article.publishedMs)));
  const keys = analysis.events.map((e, i) => groupKey(e, eventSorts[i]!, id));
  // Before the events go: their records lose them (and the keys of the records to join are locked).
  await ungroupArticle(db, id, keys);
  if (replace) for (const table of ANALYSIS_TABLES) await query(db, `DELETE FROM ${table} WHERE article_id = @id`, { id });

  await insertRows(db, 'article_stages', [['position', 'int'], ['stage', 'text'], ['version', 'text']], analysis.stages.map((s, i) => [i, s.name, s.version]), id);
  // Abstentions share the table with failures: a message per article and stage, told apart by their code.
  const messages = [...analysis.failures, ...(analysis.abstentions ?? [])];
  await insertRows(db, 'analysis_failures', [['position', 'int'], ['stage', 'text'], ['code', 'text'], ['message', 'text']], messages.map((f, i) => [i, f.stage, f.code, f.message]), id);

  const mentionCounts = new Map<number, number>();
  for (const m of analysis.mentions) mentionCounts.set(m.entity, (mentionCounts.get(m.entity) ?? 0) + 1);
  await insertRows(
    db,
    'entities',
    [['entity', 'int'], ['name', 'text'], ['type', 'text'], ['role', 'text'], ['code', 'text'], ['confidence', 'float8'], ['mentions', 'int']],
    analysis.entities.map((e) => [e.entity, e.name, e.type, e.role, e.code, e.confidence, mentionCounts.get(e.entity) ?? 0]),
    id,
  );
  await insertRows(db, 'mentions', [['start', 'int'], ['end', 'int'], ['kind', 'text'], ['entity', 'int']], analysis.mentions.map((m) => [m.start, m.end, m.kind, m.entity]), id);

  const quoteSort = sortInstant(article.publishedMs);
  await insertRows(
    db,
    'quotes',
    [
      ['site_key', 'text'], ['sort_ms', 'int8'], ['start', 'int'], ['end', 'int'], ['text', 'text'], ['kind', 'text'], ['cue_start', 'int'], ['cue_end', 'int'], ['cue_text', 'text'],
      ['speaker_name', 'text'], ['speaker_code', 'text'], ['speaker_text', 'text'], ['speaker_start', 'int'], ['speaker_end', 'int'], ['confidence', 'float8'], ['search_vector', 'tsvector'],
    ],
    analysis.quotes.map((q) => {
      const s = q.speaker;
      return [article.siteKey, quoteSort, q.start, q.end, q.text, q.kind, q.cue?.start, q.cue?.end, q.cue?.text, s?.name, s?.code, s?.text, s?.start, s?.end, q.confidence, searchVector(null, q.text)];
    }),
    id,
  );

  await insertRows(db, 'article_themes', [['theme', 'text'], ['label', 'text'], ['score', 'float8'], ['evidence', 'int']], analysis.themes.map((t) => [t.theme, t.label, t.score, t.evidence.length]), id);
  const evidence = analysis.themes.flatMap((t) => t.evidence.map((e) => [t.theme, e.start, e.end, e.weight]));
  await insertRows(db, 'theme_evidence', [['position', 'int'], ['theme', 'text'], ['start', 'int'], ['end', 'int'], ['weight', 'float8']], evidence.map((row, i) => [i, ...row]), id);

  const eventIds = await insertRows(
    db,
    'events',
    [
      ['site_key', 'text'], ['sort_ms', 'int8'], ['start', 'int'], ['end', 'int'],
      ['source_code', 'text'], ['source_name', 'text'], ['source_start', 'int'], ['source_end', 'int'],
      ['target_code', 'text'], ['target_name', 'text'], ['target_start', 'int'], ['target_end', 'int'],
      ['code', 'text'], ['root', 'text'], ['quad_class', 'int'], ['goldstein', 'float8'], ['plover_type', 'text'], ['plover_mode', 'text'],
      ['verb_start', 'int'], ['verb_end', 'int'], ['date', 'text'], ['place_name', 'text'], ['place_code', 'text'], ['place_start', 'int'], ['place_end', 'int'],
      ['negated', 'int'], ['confidence', 'float8'],
      ...PLACE_COLUMNS.map(([name, type]): [string, string] => [`geo_${name}`, type]),
      ['geo_method', 'text'], ['geo_confidence', 'float8'], ['geo_start', 'int'], ['geo_end', 'int'],
    ],
    analysis.events.map((e, i) => [
      article.siteKey, eventSorts[i], e.start, e.end,
      e.source?.code, e.source?.name, e.source?.span.start, e.source?.span.end,
      e.target?.code, e.target?.name, e.target?.span.start, e.target?.span.end,
      e.code, e.root, e.quadClass, e.goldstein, e.plover?.type, e.plover?.mode,
      e.verb.start, e.verb.end, e.date, e.place?.name, e.place?.code, e.place?.span.start, e.place?.span.end,
      e.negated ? 1 : 0, e.confidence, ...locationColumns(e.location ?? null),
    ]),
    id,
    true,
  );
  await groupEvents(db, id, eventIds, keys);

  await insertRows(
    db,
    'tone',
    [['position', 'int'], ['scope', 'text'], ['start', 'int'], ['end', 'int'], ['positive', 'float8'], ['negative', 'float8'], ['tone', 'float8'], ['polarity', 'float8'], ['activity', 'float8'], ['self_reference', 'float8'], ['word_count', 'int']],
    analysis.tone.map((t, i) => [i, t.scope, t.start, t.end, t.positive, t.negative, t.tone, t.polarity, t.activity, t.selfReference, t.wordCount]),
    id,
  );

  const place = (p: ResolvedPlace): unknown[] => [p.name, p.type, p.country, p.admin1, p.admin1Code, p.lat, p.lon, p.geonameId, p.featureCode];
  await insertRows(
    db,
    'places',
    [['position', 'int'], ['start', 'int'], ['end', 'int'], ...PLACE_COLUMNS, ['form', 'text'], ['confidence', 'float8']],
    (analysis.places ?? []).map((p, i) => [i, p.start, p.end, ...place(p), p.form, p.confidence]),
    id,
  );
  await insertRows(
    db,
    'article_places',
    [['position', 'int'], ['scope', 'text'], ...PLACE_COLUMNS, ['score', 'float8'], ['mentions', 'int']],
    (analysis.focus ?? []).map((f, i) => [i, f.scope, ...place(f), f.score, f.mentions]),
    id,
  );
}
