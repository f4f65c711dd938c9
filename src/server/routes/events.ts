import { MAX_SEARCH_LIMIT } from '../../store/store.js';
import type { EventFilter, StoredEvent, TimelineBucket, TimelineUnit } from '../../store/analysis.js';
import type { EventGroup } from '../../store/event-groups.js';
import { ApiError } from '../errors.js';
import { checkDateOrder } from '../date-order.js';
import { choiceParameter, codeParameter, integerParameter, readQueryParameters, textParameter } from '../params.js';
import { ARTICLE_LIST_PARAMETERS, DEFAULT_PAGE_SIZE } from './articles.js';
import type { RouteModule } from './route.js';

const ACTOR = /^[A-Z0-9]{1,40}$/;

export const EVENT_PARAMETERS = {
  source: codeParameter('source', { description: 'Only events whose source actor code starts with this (USA matches USA, USAGOV, USAMIL; case does not matter).', pattern: ACTOR, example: 'USA', upper: true, accepts: 'an actor code or its start, such as USA or USAGOV (letters and digits)' }),
  target: codeParameter('target', { description: 'Only events whose target actor code starts with this.', pattern: ACTOR, example: 'CHN', upper: true, accepts: 'an actor code or its start, such as CHN (letters and digits)' }),
  country: codeParameter('country', { description: "Only events located in this country (ISO 3166-1 alpha-3): the place their sentence names, else the nearest before it, the dateline or the article's focus (GDELT's ActionGeo).", pattern: /^[A-Z]{3}$/, example: 'SYR', upper: true, accepts: 'an ISO 3166-1 alpha-3 country code such as SYR or USA' }),
  sourceName: textParameter('sourceName', { description: "Only events whose source actor has this name, exactly (case does not matter): one person among an actor code's people.", example: 'Actor USAGOV', maxLength: 200 }),
  targetName: textParameter('targetName', { description: 'Only events whose target actor has this name, exactly (case does not matter).', example: 'Actor CHN', maxLength: 200 }),
  theme: codeParameter('theme', { description: 'Only events of articles that have this theme (a taxonomy code; GET /api/themes lists them).', pattern: /^[A-Z0-9_]{1,80}$/, example: 'CYBER_SECURITY', upper: true, accepts: 'a theme code such as CYBER_SECURITY (letters, digits and _)' }),
  code: codeParameter('code', { description: 'Only events whose CAMEO code starts with this (04: every consult event; 0311 one code).', pattern: /^\d{1,4}$/, example: '04', upper: false, accepts: 'a CAMEO code or its start: 1 to 4 digits' }),
  quadClass: codeParameter('quadClass', { description: 'Only events of this quad class: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.', pattern: /^[1-4]$/, example: '1', upper: false, accepts: '1, 2, 3 or 4' }),
  since: { ...ARTICLE_LIST_PARAMETERS.since, description: "Only events on or after this date (the date the event's sentence names, else its article's): YYYY-MM-DD, YYYY-MM, YYYY or an ISO date-time. Undated events never match." },
  until: { ...ARTICLE_LIST_PARAMETERS.until, description: 'Only events on or before this date (a day, month or year counts whole).' },
  site: { ...ARTICLE_LIST_PARAMETERS.site, description: 'Only events of articles from this site and its subdomains.' },
  both: choiceParameter<'true' | 'false'>('both', { description: 'true: the actors given may stand on either side — with source and target, the pair in both directions (USA→CHN and CHN→USA); with one of them, every event it is the source or the target of.', values: ['true', 'false'], example: 'true' }),
  by: choiceParameter<TimelineUnit>('by', { description: 'Instead of the events, a timeline: dated events counted per day, week (from Monday) or month, with the mean Goldstein value and the count per quad class. Not with cursor or limit.', values: ['day', 'week', 'month'], example: 'month' }),
  limit: integerParameter('limit', { description: 'Events per page.', minimum: 1, maximum: MAX_SEARCH_LIMIT, fallback: DEFAULT_PAGE_SIZE }),
  cursor: { ...ARTICLE_LIST_PARAMETERS.cursor, description: 'The `next` of the previous page, unchanged, with the same filters (limit may change). Opaque.' },
} as const;

export interface EventListJSON {
  events: StoredEvent[];
  next: string | null;
}

export interface TimelineJSON {
  by: TimelineUnit;
  timeline: TimelineBucket[];
}

type EventFilterParameters = { source?: string; target?: string; country?: string; sourceName?: string; targetName?: string; theme?: string; code?: string; quadClass?: string; since?: string; until?: string; site?: string; both?: 'true' | 'false' };

function eventFilterOf(p: EventFilterParameters): EventFilter {
  return { source: p.source, target: p.target, country: p.country, sourceName: p.sourceName, targetName: p.targetName, theme: p.theme, code: p.code, quadClass: p.quadClass === undefined ? undefined : (Number(p.quadClass) as 1 | 2 | 3 | 4), since: p.since, until: p.until, site: p.site, bothDirections: p.both === 'true' };
}

/** The filters and paging of GET /api/event-groups: those of events, without the timeline. */
export const EVENT_GROUP_PARAMETERS = (({ by, country, ...rest }) => {
  // Records group events across articles; where each report places the event is not grouped (yet).
  void by;
  void country;
  return { ...rest, limit: integerParameter('limit', { description: 'Event records per page.', minimum: 1, maximum: MAX_SEARCH_LIMIT, fallback: DEFAULT_PAGE_SIZE }) };
})(EVENT_PARAMETERS);

export interface EventGroupListJSON {
  groups: EventGroup[];
  next: string | null;
}

/** GET /api/events: the coded events (a page, by date), or with `by` their timeline. GET /api/event-groups: event records. */
export const eventRoutes: RouteModule = {
  name: 'events',
  register(app, { store }) {
    app.get('/api/events', async (c) => {
      const url = new URL(c.req.url);
      const p = readQueryParameters(c.req.url, EVENT_PARAMETERS);
      checkDateOrder(p.since, p.until);
      const filter = eventFilterOf(p);
      if (p.by !== undefined) {
        for (const name of ['cursor', 'limit'] as const) {
          if (url.searchParams.get(name)?.trim()) throw new ApiError('invalid_parameter', `${name} pages a list of events; a timeline (by) is one answer: leave ${name} out.`, { parameter: name });
        }
        const body: TimelineJSON = { by: p.by, timeline: [...(await store.eventTimeline(filter, p.by))] };
        return c.json(body);
      }
      const page = await store.queryEvents({ ...filter, limit: p.limit, cursor: p.cursor ?? null });
      const body: EventListJSON = { events: [...page.events], next: page.nextCursor };
      return c.json(body);
    });
    app.get('/api/event-groups', async (c) => {
      const p = readQueryParameters(c.req.url, EVENT_GROUP_PARAMETERS);
      checkDateOrder(p.since, p.until);
      const filter = eventFilterOf(p);
      const page = await store.queryEventGroups({ ...filter, limit: p.limit, cursor: p.cursor ?? null });
      const body: EventGroupListJSON = { groups: [...page.groups], next: page.nextCursor };
      return c.json(body);
    });
  },
};
