import type { EventFilter, StoredEvent, TimelineBucket, TimelineUnit } from '../../store/analysis.js';
import type { EventGroup } from '../../store/event-groups.js';
import { openArchiveForReading } from '../database.js';
import { reportStoreError } from '../query/options.js';
import type { CliContext } from '../commands/command.js';
import { markedText } from './evidence-text.js';
import { fromArray, take, writeListing, type Column, type ListingFormat } from './listing.js';

/**
 * `parley events` over the archive: the stored events matching the filters, in the store's order (by
 * date), with `grouped` the event records (one per event, with its mentions and counts; a record matches
 * when one of its mentions does), or with `by` a timeline: events per day, week or month with their mean
 * Goldstein value and counts per quad class.
 */
export interface StoredEventsRequest {
  readonly db: string | undefined;
  readonly filter: EventFilter;
  readonly by: TimelineUnit | undefined;
  /** List event records (one per event, however many articles report it) instead of events. */
  readonly grouped?: boolean;
  readonly format: ListingFormat;
  readonly limit: number | undefined;
}

const actor = (a: { code: string | null; name: string } | null): string | null => (a ? (a.code ?? a.name) : null);

const EVENT_COLUMNS: readonly Column<StoredEvent>[] = [
  { name: 'date', value: (e) => e.date ?? e.published?.slice(0, 10) ?? null },
  { name: 'source', value: (e) => actor(e.source), width: 16 },
  { name: 'code', value: (e) => e.code },
  { name: 'target', value: (e) => actor(e.target), width: 16 },
  { name: 'plover', value: (e) => e.plover?.type ?? null },
  { name: 'goldstein', value: (e) => e.goldstein },
  { name: 'confidence', value: (e) => Number(e.confidence.toFixed(2)) },
  { name: 'evidence', value: (e) => markedText(e.evidence), width: 90 },
  { name: 'article', value: (e) => e.articleId },
  { name: 'url', value: (e) => e.url, width: 60 },
];

const BUCKET_COLUMNS: readonly Column<TimelineBucket>[] = [
  { name: 'period', value: (b) => b.start },
  { name: 'events', value: (b) => b.events },
  { name: 'goldstein', value: (b) => Number(b.goldstein.toFixed(2)) },
  { name: 'verbal_coop', value: (b) => b.quadClasses[0] },
  { name: 'material_coop', value: (b) => b.quadClasses[1] },
  { name: 'verbal_conflict', value: (b) => b.quadClasses[2] },
  { name: 'material_conflict', value: (b) => b.quadClasses[3] },
];

const GROUP_COLUMNS: readonly Column<EventGroup>[] = [
  { name: 'date', value: (g) => g.date ?? g.firstReport.published?.slice(0, 10) ?? null },
  { name: 'source', value: (g) => actor(g.source), width: 16 },
  { name: 'code', value: (g) => g.code },
  { name: 'target', value: (g) => actor(g.target), width: 16 },
  { name: 'plover', value: (g) => g.plover?.type ?? null },
  { name: 'mentions', value: (g) => g.numMentions },
  { name: 'sources', value: (g) => g.numSources },
  { name: 'articles', value: (g) => g.numArticles },
  { name: 'first_report', value: (g) => g.firstReport.url, width: 60 },
];

function eventJSON(e: StoredEvent): unknown {
  return {
    id: e.id,
    articleId: e.articleId,
    url: e.url,
    site: e.site,
    published: e.published,
    date: e.date,
    source: e.source,
    target: e.target,
    code: e.code,
    root: e.root,
    quadClass: e.quadClass,
    goldstein: e.goldstein,
    plover: e.plover,
    negated: e.negated,
    // The sentence's span in the article, and the sentence itself with its verb, actors and place marked.
    evidence: { start: e.start, end: e.end, text: e.evidence.text, passageStart: e.evidence.start, marks: e.evidence.marks },
    verb: e.verb,
    place: e.place,
    confidence: e.confidence,
  };
}

export async function listStoredEvents(request: StoredEventsRequest, context: CliContext): Promise<number> {
  const { stdout, stderr } = context.streams;
  const opened = await openArchiveForReading(request.db);
  if (!opened.ok) {
    stderr.write(`parley events: ${opened.message}\n`);
    return 1;
  }
  try {
    if (request.by) {
      const buckets = await opened.store.eventTimeline(request.filter, request.by);
      await writeListing(fromArray(buckets), request.format, BUCKET_COLUMNS, (b) => b, stdout);
      if (buckets.length === 0 && request.format === 'table') stderr.write('parley events: no stored event matches.\n');
      return 0;
    }
    const count = request.grouped
      ? await writeListing(take(opened.store.streamEventGroups(request.filter), request.limit), request.format, GROUP_COLUMNS, (g) => g, stdout)
      : await writeListing(take(opened.store.streamEvents(request.filter), request.limit), request.format, EVENT_COLUMNS, eventJSON, stdout);
    if (count === 0 && request.format === 'table') stderr.write(`parley events: no stored event${request.grouped ? ' record' : ''} matches.\n`);
    return 0;
  } catch (error) {
    return reportStoreError(error, 'events', stderr);
  } finally {
    await opened.store.close();
  }
}
