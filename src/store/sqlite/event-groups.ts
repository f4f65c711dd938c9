import type Database from 'better-sqlite3';
import type { EventFilter, PageQuery } from '../analysis.js';
import { decodeKeyset, encodeKeyset, listFingerprint, normalizeEventFilter, UNDATED_SORT_MS } from '../analysis-filters.js';
import { DAY_MS, GROUP_WINDOW_MS, groupRecords, pickGroup, type EventGroup, type EventGroupPage, type GroupKey } from '../event-groups.js';
import { normalizeLimit } from '../filters.js';
import { MAX_SEARCH_LIMIT } from '../store.js';
import { EVENT_SELECT, type EventResultRow } from './analysis-codec.js';
import { eventClause, storedEvents } from './analysis-read.js';

/**
 * Event records in SQLite (migrations.ts version 4): grouping an article's events as its analysis is
 * saved, and reading records by the same filters as events (a record matches when one of its mentions
 * does), in date order.
 */

type Prepare = (sql: string) => Database.Statement;

/** Takes an article's events out of their records before they are deleted; records left empty go. */
export function ungroupArticle(prepare: Prepare, articleId: number): void {
  const groups = prepare('SELECT DISTINCT m.group_id AS id FROM event_group_members m JOIN events e ON e.id = m.event_id WHERE e.article_id = ?').all(articleId) as { id: number }[];
  if (groups.length === 0) return;
  prepare('DELETE FROM event_group_members WHERE event_id IN (SELECT id FROM events WHERE article_id = ?)').run(articleId);
  const drop = prepare('DELETE FROM event_groups WHERE id = ? AND NOT EXISTS (SELECT 1 FROM event_group_members WHERE group_id = ?)');
  for (const { id } of groups) drop.run(id, id);
}

/** Puts a newly inserted event in its record (a new one when none fits). */
export function groupEvent(prepare: Prepare, eventId: number, key: GroupKey): void {
  const candidates = (
    prepare(
      `SELECT id, day_ms AS dayMs, article_id AS articleId FROM event_groups
       WHERE source_key = @sourceKey AND target_key = @targetKey AND root = @root
         AND ((day_ms BETWEEN @from AND @to) OR (day_ms IS NULL AND article_id = @articleId))`,
    ).all({ ...key, from: (key.dayMs ?? 0) - GROUP_WINDOW_MS, to: (key.dayMs ?? -2 * DAY_MS) + GROUP_WINDOW_MS }) as { id: number; dayMs: number | null; articleId: number | null }[]
  );
  let groupId = pickGroup(key, candidates)?.id;
  if (groupId === undefined) {
    const sortMs = key.dayMs ?? UNDATED_SORT_MS;
    groupId = Number(prepare('INSERT INTO event_groups (source_key, target_key, root, day_ms, article_id, sort_ms) VALUES (?, ?, ?, ?, ?, ?)').run(key.sourceKey, key.targetKey, key.root, key.dayMs, key.articleId, sortMs).lastInsertRowid);
  }
  prepare('INSERT INTO event_group_members (event_id, group_id) VALUES (?, ?)').run(eventId, groupId);
}

/**
 * The ids and dates of a page of records whose mentions match an event filter's clause (`@maxId`,
 * `@take`, and after a cursor `@afterSort`, `@afterId`), in date order: the same SQL in PostgreSQL.
 */
export function groupPageSql(clause: string, afterCursor: boolean): string {
  return `SELECT g.id, g.sort_ms FROM event_groups g
    WHERE g.id <= @maxId AND EXISTS (SELECT 1 FROM event_group_members gm JOIN events e ON e.id = gm.event_id WHERE gm.group_id = g.id${clause})
    ${afterCursor ? 'AND (g.sort_ms > @afterSort OR (g.sort_ms = @afterSort AND g.id > @afterId))' : ''} ORDER BY g.sort_ms, g.id LIMIT @take`;
}

/** The records of a list of group ids, in that order. */
function records(db: Database.Database, ids: readonly number[]): EventGroup[] {
  if (ids.length === 0) return [];
  const rows = db.prepare(`${EVENT_SELECT.replace(/^SELECT /, 'SELECT m.group_id, ')} JOIN event_group_members m ON m.event_id = e.id WHERE m.group_id IN (${ids.map(() => '?').join(',')}) ORDER BY e.id`).all(...ids) as (EventResultRow & { group_id: number })[];
  const events = storedEvents(db, rows);
  return groupRecords(ids, rows.map((row, k) => [row.group_id, events[k]!]));
}

export function queryEventGroups(db: Database.Database, query: EventFilter & PageQuery): EventGroupPage {
  const filter = normalizeEventFilter(query);
  const clause = eventClause(filter);
  const fingerprint = listFingerprint('event-groups', filter);
  const limit = normalizeLimit(query.limit);
  const after = query.cursor ? decodeKeyset(query.cursor, 'event-groups', fingerprint) : null;
  const maxId = after?.maxId ?? ((db.prepare('SELECT max(id) AS id FROM event_groups').get() as { id: number | null }).id ?? 0);
  const rows = db
    .prepare(groupPageSql(clause.sql, after !== null))
    .all({ ...clause.params, maxId, take: limit + 1, ...(after ? { afterSort: after.sortMs, afterId: after.id } : {}) }) as { id: number; sort_ms: number }[];
  const shown = rows.slice(0, limit);
  const last = shown[shown.length - 1];
  return {
    groups: records(db, shown.map((r) => r.id)),
    nextCursor: rows.length > limit && last ? encodeKeyset('event-groups', fingerprint, { sortMs: last.sort_ms, id: last.id, maxId }) : null,
  };
}

/** Batches of records in date order, each read by one short query. */
export function* eventGroupBatches(db: Database.Database, filter: EventFilter, batchSize: number): Generator<EventGroup[]> {
  let cursor: string | null = null;
  do {
    const page: EventGroupPage = queryEventGroups(db, { ...filter, limit: Math.min(batchSize, MAX_SEARCH_LIMIT), cursor });
    if (page.groups.length) yield [...page.groups];
    cursor = page.nextCursor;
  } while (cursor !== null);
}
