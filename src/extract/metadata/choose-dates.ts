/**
 * The published and modified dates from every source at once: JSON-LD, meta tags, microdata,
 * `<time>`/hAtom elements, the URL and visible datelines. Each candidate scores its source's weight
 * plus a share of the weight of every other source that names the same day; a date the page shows is
 * also backed by metadata that knows that day under either name (pages show their last update as
 * "the" date). Among the agreeing candidates the most precise form is kept, except that a UTC
 * timestamp never overrides the local day the page itself shows.
 */
import type { FieldProvenance } from '../../model/article.js';
import type { Candidate } from './candidates.js';
import { clampConfidence } from './candidates.js';
import type { TimeElement } from './collect.js';
import type { Dateline } from './datelines.js';
import { formatDate, type DateBounds, type DateValue } from './date-value.js';
import { parseDateValue } from './dates.js';
import { elementText } from './element-text.js';
import type { UrlDate } from './url-dates.js';

export interface DateSources {
  /** Raw values with their source and weight, from JSON-LD, meta tags and microdata. */
  readonly published: readonly Candidate[];
  readonly modified: readonly Candidate[];
  readonly times: readonly TimeElement[];
  readonly datelines: readonly Dateline[];
  readonly urlDate: UrlDate | null;
  /** The headline's text position, to prefer `<time>` elements near it. */
  readonly titleTextIndex: number | null;
  readonly language: string | null;
  readonly bounds: DateBounds;
}

export interface ChosenDate {
  readonly value: string;
  readonly provenance: FieldProvenance;
}

/** How a candidate was found: declared in metadata, shown on the page, or read from the URL. */
export type DateRole = 'declared' | 'shown' | 'url';

export interface DateCandidate extends Candidate<DateValue> {
  readonly role: DateRole;
}

/** Weights of the sources that are not tables of meta names. */
const WEIGHTS = {
  timePublished: 0.8,
  timeModified: 0.8,
  timePlain: 0.65,
  urlDay: 0.85,
  urlMonth: 0.3,
  datelineElement: 0.76,
  datelineLabeled: 0.76,
  datelineNearTitle: 0.72,
  datelinePageStart: 0.35,
} as const;
/** Shares of an agreeing source's weight added to a candidate's score. */
const CONSENSUS_SHARE = 0.25;
const SHOWN_BACKED_BY_MODIFIED_SHARE = 0.2;
/** Factor on a shown update date competing for the published date. */
const SHOWN_UPDATE_AS_PUBLISHED = 0;
/** Factor on a declared date that the page, showing dates, does not show. */
const UNSHOWN_DECLARED = 0.8;
/** Shown dates this trusted (near the headline, in date elements) make unshown declared dates doubtful. */
const STRONG_SHOWN = 0.65;
/** A page with no publication date: its last-modified date stands in, this much less trusted. */
const MODIFIED_AS_PUBLISHED = 0.8;
/** Text nodes between the headline and a `<time>` or dateline before it counts as far away. */
const NEAR_TITLE = 25;
const MAX_TIMES = 20;

const sameDay = (a: DateValue, b: DateValue): boolean => a.year === b.year && a.month === b.month && a.day === b.day;
const sameMonth = (a: DateValue, b: DateValue): boolean => a.year === b.year && a.month === b.month;
/** A UTC time of day; exactly midnight is how many systems write a bare date, so it is not one. */
const isUtc = (d: DateValue): boolean => d.time !== null && d.time !== '00:00:00' && (d.offset === 'Z' || d.offset === '+00:00');

/** UTC hours so close to midnight that the local day differs in the zones most sites write from. */
const LATE_UTC_HOUR = 22;
const EARLY_UTC_HOUR = 4;
/** Largest zone difference considered (UTC-12 .. UTC+12 covers where news is written). */
const MAX_ZONE_SHIFT_MINUTES = 12 * 60;

/**
 * Whether a UTC timestamp and a local date are the same moment seen from another zone: a local time
 * that is the UTC time shifted by whole quarter hours (at most 14 h), or, for a local date without a
 * time, a UTC time so close to midnight that the local day is the next or the previous one.
 */
function zoneShifted(utc: DateValue, local: DateValue): boolean {
  if (!isUtc(utc) || local.offset || sameDay(utc, local)) return false;
  const days = (Date.UTC(local.year, local.month - 1, local.day) - Date.UTC(utc.year, utc.month - 1, utc.day)) / 86_400_000;
  if (Math.abs(days) !== 1) return false;
  const minutes = (clock: string): number => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
  const utcMinutes = minutes(utc.time!);
  if (local.time) {
    const shift = days * 1440 + minutes(local.time) - utcMinutes;
    return Math.abs(shift) <= MAX_ZONE_SHIFT_MINUTES && Math.abs(shift % 15) <= 1;
  }
  const hour = Math.floor(utcMinutes / 60);
  return (days === -1 && hour < EARLY_UTC_HOUR) || (days === 1 && hour >= LATE_UTC_HOUR);
}

const agree = (a: DateValue, b: DateValue): boolean => sameDay(a, b) || zoneShifted(a, b) || zoneShifted(b, a);

/** A date-time with offset says more than one without, which says more than a day. */
const precision = (d: DateValue): number => (d.time ? (d.offset ? 2 : 1) : 0);

function parsed(list: readonly Candidate[], bounds: DateBounds, language: string | null): DateCandidate[] {
  const out: DateCandidate[] = [];
  for (const c of list) {
    const value = parseDateValue(c.value, bounds, language);
    if (value) out.push({ value, source: c.source, weight: c.weight, role: 'declared' });
  }
  return out;
}

function fromTimes(sources: DateSources, published: DateCandidate[], modified: DateCandidate[]): void {
  let plain = 0;
  for (const t of sources.times.slice(0, MAX_TIMES)) {
    if (t.chrome) continue;
    const value = parseDateValue(t.datetime, sources.bounds, sources.language) ?? parseDateValue(elementText(t.el, 120), sources.bounds, sources.language);
    if (!value) continue;
    const far = sources.titleTextIndex !== null && Math.abs(t.textIndex - sources.titleTextIndex) > NEAR_TITLE;
    if (t.kind === 'modified') modified.push({ value, source: 'html', weight: WEIGHTS.timeModified - (far ? 0.1 : 0), role: 'declared' });
    else if (t.kind === 'published') published.push({ value, source: 'html', weight: WEIGHTS.timePublished - (far ? 0.1 : 0), role: 'declared' });
    // Unmarked <time> elements: the first ones near the headline are the article's.
    else if (plain++ < 3) published.push({ value, source: 'html', weight: WEIGHTS.timePlain - (far ? 0.15 : 0) - plain * 0.02, role: 'shown' });
  }
}

function fromDatelines(datelines: readonly Dateline[], published: DateCandidate[], modified: DateCandidate[]): void {
  for (const d of datelines) {
    const base = { element: WEIGHTS.datelineElement, labeled: WEIGHTS.datelineLabeled, 'near-title': WEIGHTS.datelineNearTitle, 'page-start': WEIGHTS.datelinePageStart }[d.origin];
    const weight = base - Math.min(0.25, d.distance * 0.006);
    (d.kind === 'modified' ? modified : published).push({ value: d.value, source: 'text', weight, role: 'shown' });
  }
}

export interface DateCandidates {
  readonly published: readonly DateCandidate[];
  readonly modified: readonly DateCandidate[];
}

/** Every published and modified date candidate with its source, weight and role. */
export function dateCandidates(sources: DateSources): DateCandidates {
  const published = parsed(sources.published, sources.bounds, sources.language);
  const modified = parsed(sources.modified, sources.bounds, sources.language);
  fromTimes(sources, published, modified);
  fromDatelines(sources.datelines, published, modified);
  const url = sources.urlDate;
  if (url?.hasDay) published.push({ value: url.value, source: 'url', weight: WEIGHTS.urlDay, role: 'url' });
  else if (url) {
    // A month-only URL backs the candidates of that month; it never supplies a day of its own.
    for (let i = 0; i < published.length; i++) {
      const c = published[i]!;
      if (sameMonth(c.value, url.value)) published[i] = { ...c, weight: c.weight + WEIGHTS.urlMonth * 0.25 };
    }
  }
  return { published, modified };
}

/** The best weight of each source, other than `own`, among candidates that agree with `value`. */
function support(value: DateValue, own: string, pool: readonly DateCandidate[], into: Map<string, number>): void {
  for (const other of pool) {
    if (other.source === own || !agree(other.value, value)) continue;
    into.set(other.source, Math.max(into.get(other.source) ?? 0, other.weight));
  }
}

function choose(candidates: readonly DateCandidate[], backers: readonly DateCandidate[]): ChosenDate | null {
  let best: DateCandidate | null = null;
  let bestScore = Number.NEGATIVE_INFINITY;
  const shown = candidates.filter((c) => c.role === 'shown' && c.weight >= STRONG_SHOWN);
  for (const c of candidates) {
    const same = new Map<string, number>();
    support(c.value, c.source, candidates, same);
    let score = c.weight;
    // A declared date the page never shows, on a page that shows another date, is doubtful.
    if (c.role === 'declared' && shown.length > 0 && !shown.some((s) => agree(s.value, c.value))) score *= UNSHOWN_DECLARED;
    for (const w of same.values()) score += CONSENSUS_SHARE * w;
    if (c.role !== 'declared') {
      const declared = new Map<string, number>();
      support(c.value, c.source, backers, declared);
      for (const [source, w] of declared) if (!same.has(source)) score += SHOWN_BACKED_BY_MODIFIED_SHARE * w;
    }
    if (score > bestScore) {
      bestScore = score;
      best = c;
    }
  }
  if (!best) return null;
  const chosen = best;
  const agreeing = candidates.filter((c) => agree(c.value, chosen.value));
  // The day the page shows (or its URL names) beats a UTC timestamp's day; otherwise the most precise
  // form of the chosen day.
  // The page's own most trusted shown date decides: on the UTC day itself, nothing is shifted.
  let bestShown: DateCandidate | undefined;
  for (const c of agreeing) if (c.role !== 'declared' && (!bestShown || c.weight > bestShown.weight)) bestShown = c;
  const local = isUtc(chosen.value) && bestShown && zoneShifted(chosen.value, bestShown.value) ? bestShown : undefined;
  let value = local?.value ?? chosen.value;
  if (!local) for (const c of agreeing) if (sameDay(c.value, value) && precision(c.value) > precision(value) && c.role !== 'url') value = c.value;
  const agreeingSources = new Set(agreeing.map((c) => c.source));
  const disagreeingSources = new Set(candidates.filter((c) => !agreeingSources.has(c.source)).map((c) => c.source));
  agreeingSources.delete(chosen.source);
  const confidence = chosen.weight + 0.05 * agreeingSources.size - 0.1 * Math.min(3, disagreeingSources.size);
  return { value: formatDate(value), provenance: { source: chosen.source, confidence: clampConfidence(confidence) } };
}

export function chooseDates(sources: DateSources): { published: ChosenDate | null; modified: ChosenDate | null } {
  const { published, modified } = dateCandidates(sources);
  const declaredModified = modified.filter((c) => c.role === 'declared');
  const chosenModified = choose(modified, []);
  // A date the page shows as its update is still the date it shows: it competes for "published" too.
  const shownModified = modified.filter((c) => c.role === 'shown').map((c) => ({ ...c, weight: c.weight * SHOWN_UPDATE_AS_PUBLISHED }));
  if (published.length > 0) return { published: choose([...published, ...shownModified], declaredModified), modified: chosenModified };
  const standIn = choose(modified.map((c) => ({ ...c, weight: c.weight * MODIFIED_AS_PUBLISHED })), []);
  return { published: standIn, modified: chosenModified };
}
