import type { Span } from '../model/span.js';
import type { EventActor, QuadClass } from '../stages/events/event.js';
import type { EventRecord, StoredEvent } from './analysis.js';
import { UNDATED_SORT_MS } from './analysis-filters.js';

/**
 * One event, many reports: the events of all articles grouped into event records, as GDELT users expect
 * (NumMentions, NumSources, NumArticles). Two events are one record when they have the same source and
 * target actors (by code, else by name), the same CAMEO root and dates within a day of the record's
 * first date; an undated event groups only with the events of its own article. Negated events ("did
 * not attack") report no event and are not grouped. Both adapters group with the rule below when an
 * article's analysis is saved (a save regroups that article's events), and build records with
 * `eventGroupRecord`.
 */

export const DAY_MS = 86_400_000;
/** Events whose dates are at most this far from a record's first date join it. */
export const GROUP_WINDOW_MS = DAY_MS;

/** One report of an event record: the event of one article's sentence. */
export interface EventMention {
  readonly eventId: number;
  readonly articleId: number;
  readonly url: string;
  readonly site: string;
  readonly published: string | null;
  readonly code: string;
  /** The sentence (the evidence) and the verb, as offsets into the article's text. */
  readonly sentence: Span;
  readonly verb: Span;
  readonly date: string | null;
  readonly confidence: number;
}

export interface EventGroup {
  readonly id: number;
  readonly source: Pick<EventActor, 'code' | 'name'> | null;
  readonly target: Pick<EventActor, 'code' | 'name'> | null;
  /** The CAMEO code most mentions give (ties: the most confident), its root and values. */
  readonly code: string;
  readonly root: string;
  readonly quadClass: QuadClass;
  readonly goldstein: number;
  readonly plover: { readonly type: string; readonly mode: string } | null;
  /** The earliest date of its mentions (YYYY-MM-DD), or null when undated. */
  readonly date: string | null;
  /** GDELT's NumMentions, NumSources (distinct sites) and NumArticles. */
  readonly numMentions: number;
  readonly numSources: number;
  readonly numArticles: number;
  /** The mention of the earliest published article (undated articles last; then the lowest event id). */
  readonly firstReport: EventMention;
  /** The highest confidence of its mentions. */
  readonly confidence: number;
  /** Mean document tone of its articles (GDELT's AvgTone), or null when no article has tone. */
  readonly avgTone: number | null;
  /** Every mention, first report first. */
  readonly mentions: readonly EventMention[];
}

export interface EventGroupPage {
  readonly groups: readonly EventGroup[];
  readonly nextCursor: string | null;
}

/** What places an event in a record: actor keys, root, day and (undated only) its article. */
export interface GroupKey {
  readonly sourceKey: string;
  readonly targetKey: string;
  readonly root: string;
  /** UTC midnight of the event's date (its sentence's, else its article's), or null. */
  readonly dayMs: number | null;
  /** The article an undated event's record is confined to; null for dated events. */
  readonly articleId: number | null;
}

/** An actor's grouping key: its code, else its name (lower case), else empty. */
export function actorKey(actor: Pick<EventActor, 'code' | 'name'> | null): string {
  if (!actor) return '';
  return actor.code ?? `name:${actor.name.toLowerCase()}`;
}

/** The grouping key of a stored event (its sort instant is its date, else its article's), or null for an event that is not grouped. */
export function groupKey(event: EventRecord, sortMs: number, articleId: number): GroupKey | null {
  if (event.negated) return null;
  const dated = sortMs < UNDATED_SORT_MS;
  return {
    sourceKey: actorKey(event.source),
    targetKey: actorKey(event.target),
    root: event.root,
    dayMs: dated ? Math.floor(sortMs / DAY_MS) * DAY_MS : null,
    articleId: dated ? null : articleId,
  };
}

/** Of the records with the same actors and root, the one an event joins (nearest first date within the window, then lowest id), or null. */
export function pickGroup<G extends { readonly id: number; readonly dayMs: number | null; readonly articleId: number | null }>(key: GroupKey, candidates: readonly G[]): G | null {
  let best: G | null = null;
  let bestDistance = Infinity;
  for (const group of candidates) {
    let distance: number;
    if (key.dayMs === null) {
      if (group.dayMs !== null || group.articleId !== key.articleId) continue;
      distance = 0;
    } else {
      if (group.dayMs === null) continue;
      distance = Math.abs(group.dayMs - key.dayMs);
      if (distance > GROUP_WINDOW_MS) continue;
    }
    if (distance < bestDistance || (distance === bestDistance && best !== null && group.id < best.id)) {
      best = group;
      bestDistance = distance;
    }
  }
  return best;
}

/** The record of a group from its member events (at least one) and their articles' tone. */
export function eventGroupRecord(id: number, members: readonly StoredEvent[]): EventGroup {
  const mentions = [...members].sort(byFirstReport).map(mentionOf);
  const byCode = new Map<string, { count: number; best: StoredEvent }>();
  for (const e of members) {
    const entry = byCode.get(e.code);
    if (!entry) byCode.set(e.code, { count: 1, best: e });
    else {
      entry.count++;
      if (e.confidence > entry.best.confidence) entry.best = e;
    }
  }
  const [, chosen] = [...byCode].sort(([a, x], [b, y]) => y.count - x.count || y.best.confidence - x.best.confidence || (a < b ? -1 : 1))[0]!;
  const lead = chosen.best;
  const dates = members.map((e) => e.date).filter((d): d is string => d !== null).sort();
  const tones = new Map<number, number>();
  for (const e of members) if (e.articleTone !== null) tones.set(e.articleId, e.articleTone);
  const actor = (a: EventActor | null): EventGroup['source'] => (a ? { code: a.code, name: a.name } : null);
  return {
    id,
    source: actor(lead.source),
    target: actor(lead.target),
    code: lead.code,
    root: lead.root,
    quadClass: lead.quadClass,
    goldstein: lead.goldstein,
    plover: lead.plover,
    date: dates[0] ?? null,
    numMentions: members.length,
    numSources: new Set(members.map((e) => e.site)).size,
    numArticles: new Set(members.map((e) => e.articleId)).size,
    firstReport: mentions[0]!,
    confidence: Math.max(...members.map((e) => e.confidence)),
    avgTone: tones.size ? Math.round(([...tones.values()].reduce((a, b) => a + b, 0) / tones.size) * 1000) / 1000 : null,
    mentions,
  };
}

/** The records of the given group ids, in that order, from their member events; ids without members are left out. */
export function groupRecords(ids: readonly number[], members: readonly (readonly [groupId: number, event: StoredEvent])[]): EventGroup[] {
  const byGroup = new Map<number, StoredEvent[]>();
  for (const [groupId, event] of members) {
    const list = byGroup.get(groupId);
    if (list) list.push(event);
    else byGroup.set(groupId, [event]);
  }
  return ids.filter((id) => byGroup.has(id)).map((id) => eventGroupRecord(id, byGroup.get(id)!));
}

function byFirstReport(a: StoredEvent, b: StoredEvent): number {
  const pa = a.published === null ? Infinity : Date.parse(a.published);
  const pb = b.published === null ? Infinity : Date.parse(b.published);
  return pa - pb || a.id - b.id;
}

function mentionOf(e: StoredEvent): EventMention {
  return { eventId: e.id, articleId: e.articleId, url: e.url, site: e.site, published: e.published, code: e.code, sentence: { start: e.start, end: e.end }, verb: e.verb, date: e.date, confidence: e.confidence };
}
