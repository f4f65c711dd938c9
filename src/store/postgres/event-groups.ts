import type { EventFilter, PageQuery } from '../analysis.js';
import { decodeKeyset, encodeKeyset, listFingerprint, normalizeEventFilter, UNDATED_SORT_MS } from '../analysis-filters.js';
import { GROUP_WINDOW_MS, groupRecords, pickGroup, type EventGroup, type EventGroupPage, type GroupKey } from '../event-groups.js';
import { normalizeLimit } from '../filters.js';
import { EVENT_SELECT, type EventResultRow } from '../sqlite/analysis-codec.js';
import { eventClause } from '../sqlite/analysis-read.js';
import { groupPageSql } from '../sqlite/event-groups.js';
import { MAX_SEARCH_LIMIT } from '../store.js';
import { storedEvents } from './analysis-read.js';
import { one, query, type Queryable } from './connection.js';

/**
 * Event records in PostgreSQL (migrations.ts version 3), by the rule of store/event-groups.ts: an
 * article's events are grouped as its analysis is saved, and records are read by the event filters, as
 * in SQLite. Several workers save analyses at once, so the records an article's events may join or
 * leave are decided under transaction-scoped advisory locks on their keys (actors and root), taken in
 * one order (so two saves cannot deadlock): two reports of one event saved at the same moment join one
 * record, never two.
 */

interface GroupRow {
  readonly id: number;
  readonly source_key: string;
  readonly target_key: string;
  readonly root: string;
  readonly dayMs: number | null;
  readonly articleId: number | null;
}

const tripleOf = (k: Pick<GroupKey, 'sourceKey' | 'targetKey' | 'root'>): string => JSON.stringify([k.sourceKey, k.targetKey, k.root]);

/**
 * Locks the keys of the records the article's events are in now and of those its new events may join,
 * then takes its events out of their records (records left empty go). Called before the events are deleted.
 */
export async function ungroupArticle(db: Queryable, articleId: number, newKeys: readonly (GroupKey | null)[]): Promise<void> {
  const old = await query<{ source_key: string; target_key: string; root: string }>(
    db,
    `SELECT DISTINCT g.source_key, g.target_key, g.root FROM event_groups g
     JOIN event_group_members m ON m.group_id = g.id JOIN events e ON e.id = m.event_id WHERE e.article_id = @id`,
    { id: articleId },
  );
  const triples = new Set([...old.map((g) => tripleOf({ sourceKey: g.source_key, targetKey: g.target_key, root: g.root })), ...newKeys.flatMap((k) => (k ? [tripleOf(k)] : []))]);
  if (triples.size === 0) return;
  // In the order of the lock numbers, whatever the keys: every save takes its locks in one global order.
  await query(db, 'SELECT pg_advisory_xact_lock(h) FROM (SELECT DISTINCT hashtextextended(k, 0) AS h FROM unnest(@keys::text[]) k ORDER BY h) ordered', { keys: [...triples] });
  if (old.length === 0) return;
  const left = await query<{ group_id: number }>(db, 'DELETE FROM event_group_members m USING events e WHERE e.id = m.event_id AND e.article_id = @id RETURNING m.group_id', { id: articleId });
  await query(db, 'DELETE FROM event_groups g WHERE g.id = ANY(@ids::bigint[]) AND NOT EXISTS (SELECT 1 FROM event_group_members x WHERE x.group_id = g.id)', {
    ids: [...new Set(left.map((r) => r.group_id))],
  });
}

/** Puts an article's newly inserted events (their ids and keys, in the same order) in their records, making new ones where none fits. */
export async function groupEvents(db: Queryable, articleId: number, eventIds: readonly number[], keys: readonly (GroupKey | null)[]): Promise<void> {
  const keyed = keys.flatMap((key, i) => (key ? [{ eventId: eventIds[i]!, key }] : []));
  if (keyed.length === 0) return;
  const days = keyed.flatMap(({ key }) => (key.dayMs === null ? [] : [key.dayMs]));
  const triples = [...new Map(keyed.map(({ key }) => [tripleOf(key), key])).values()];
  const found = await query<GroupRow & Record<string, unknown>>(
    db,
    `SELECT g.id, g.source_key, g.target_key, g.root, g.day_ms AS "dayMs", g.article_id AS "articleId" FROM event_groups g
     JOIN unnest(@sources::text[], @targets::text[], @roots::text[]) k(source_key, target_key, root)
       ON g.source_key = k.source_key AND g.target_key = k.target_key AND g.root = k.root
     WHERE g.day_ms BETWEEN @from AND @to OR (g.day_ms IS NULL AND g.article_id = @id)`,
    {
      sources: triples.map((k) => k.sourceKey),
      targets: triples.map((k) => k.targetKey),
      roots: triples.map((k) => k.root),
      from: days.length ? days.reduce((a, b) => Math.min(a, b)) - GROUP_WINDOW_MS : 0,
      to: days.length ? days.reduce((a, b) => Math.max(a, b)) + GROUP_WINDOW_MS : -1,
      id: articleId,
    },
  );
  const candidates = new Map<string, { id: number; dayMs: number | null; articleId: number | null }[]>();
  for (const g of found) {
    const triple = tripleOf({ sourceKey: g.source_key, targetKey: g.target_key, root: g.root });
    candidates.set(triple, [...(candidates.get(triple) ?? []), { id: g.id, dayMs: g.dayMs, articleId: g.articleId }]);
  }
  const members: [number, number][] = [];
  for (const { eventId, key } of keyed) {
    const triple = tripleOf(key);
    let groupId = pickGroup(key, candidates.get(triple) ?? [])?.id;
    if (groupId === undefined) {
      groupId = (await one<{ id: number }>(
        db,
        'INSERT INTO event_groups (source_key, target_key, root, day_ms, article_id, sort_ms) VALUES (@source, @target, @root, @day, @article, @sort) RETURNING id',
        { source: key.sourceKey, target: key.targetKey, root: key.root, day: key.dayMs, article: key.articleId, sort: key.dayMs ?? UNDATED_SORT_MS },
      ))!.id;
      candidates.set(triple, [...(candidates.get(triple) ?? []), { id: groupId, dayMs: key.dayMs, articleId: key.articleId }]);
    }
    members.push([eventId, groupId]);
  }
  await query(db, 'INSERT INTO event_group_members (event_id, group_id) SELECT * FROM unnest(@events::bigint[], @groups::bigint[])', {
    events: members.map(([event]) => event),
    groups: members.map(([, group]) => group),
  });
}

/** The records of a list of group ids, in that order. */
async function records(db: Queryable, ids: readonly number[]): Promise<EventGroup[]> {
  if (ids.length === 0) return [];
  const rows = await query<EventResultRow & { group_id: number } & Record<string, unknown>>(
    db,
    `${EVENT_SELECT.replace(/^SELECT /, 'SELECT m.group_id, ')} JOIN event_group_members m ON m.event_id = e.id WHERE m.group_id = ANY(@ids::bigint[]) ORDER BY e.id`,
    { ids: [...ids] },
  );
  const events = await storedEvents(db, rows);
  return groupRecords(ids, rows.map((row, k) => [row.group_id, events[k]!]));
}

export async function queryEventGroups(db: Queryable, page: EventFilter & PageQuery): Promise<EventGroupPage> {
  const filter = normalizeEventFilter(page);
  const clause = eventClause(filter);
  const fingerprint = listFingerprint('event-groups', filter);
  const limit = normalizeLimit(page.limit);
  const after = page.cursor ? decodeKeyset(page.cursor, 'event-groups', fingerprint) : null;
  const maxId = after?.maxId ?? (await one<{ id: number | null }>(db, 'SELECT max(id) AS id FROM event_groups'))?.id ?? 0;
  const rows = await query<{ id: number; sort_ms: number }>(db, groupPageSql(clause.sql, after !== null), {
    ...clause.params,
    maxId,
    take: limit + 1,
    ...(after ? { afterSort: after.sortMs, afterId: after.id } : {}),
  });
  const shown = rows.slice(0, limit);
  const last = shown[shown.length - 1];
  return {
    groups: await records(db, shown.map((r) => r.id)),
    nextCursor: rows.length > limit && last ? encodeKeyset('event-groups', fingerprint, { sortMs: last.sort_ms, id: last.id, maxId }) : null,
  };
}

/** Batches of records in date order, each read by one short query. */
export async function* eventGroupBatches(db: Queryable, filter: EventFilter, batchSize: number): AsyncGenerator<EventGroup[]> {
  let cursor: string | null = null;
  do {
    const page: EventGroupPage = await queryEventGroups(db, { ...filter, limit: Math.min(batchSize, MAX_SEARCH_LIMIT), cursor });
    if (page.groups.length) yield [...page.groups];
    cursor = page.nextCursor;
  } while (cursor !== null);
}
