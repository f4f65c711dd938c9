import type { EventLocation, StoredEvent } from '../../store/analysis.js';
import type { EventGroup } from '../../store/event-groups.js';

/**
 * Events as GDELT 2.0 Event records: the 61 tab-separated columns of the GDELT Event Codebook (V2.0), in
 * order, one line per event, no header (GDELT's files have none). Parley fills what it knows and leaves
 * the rest empty; GDELT_FILLED lists which, for the command's help.
 *
 * Where Parley's meaning differs from GDELT's: each row is one event in one article (NumMentions,
 * NumSources and NumArticles are 1), unless the rows are event records (gdeltGroupRow: one row per event
 * however many articles report it, with GDELT's counts); country codes are the
 * first three letters of the CAMEO actor code (ISO 3166 alpha-3, as CAMEO uses them), not FIPS; and
 * DATEADDED is the article's published date-time (YYYYMMDDHHMMSS, UTC), since Parley codes articles, not a feed.
 */

export const GDELT_EVENT_COLUMNS = [
  'GLOBALEVENTID', 'SQLDATE', 'MonthYear', 'Year', 'FractionDate',
  ...actorColumns('Actor1'), ...actorColumns('Actor2'),
  'IsRootEvent', 'EventCode', 'EventBaseCode', 'EventRootCode', 'QuadClass', 'GoldsteinScale', 'NumMentions', 'NumSources', 'NumArticles', 'AvgTone',
  ...geoColumns('Actor1Geo'), ...geoColumns('Actor2Geo'), ...geoColumns('ActionGeo'),
  'DATEADDED', 'SOURCEURL',
] as const;

function actorColumns(prefix: string): string[] {
  return ['Code', 'Name', 'CountryCode', 'KnownGroupCode', 'EthnicCode', 'Religion1Code', 'Religion2Code', 'Type1Code', 'Type2Code', 'Type3Code'].map((c) => `${prefix}${c}`);
}

function geoColumns(prefix: string): string[] {
  return ['Type', 'FullName', 'CountryCode', 'ADM1Code', 'ADM2Code', 'Lat', 'Long', 'FeatureID'].map((c) => `${prefix}_${c}`);
}

export const GDELT_FILLED = [
  'GLOBALEVENTID (the event id)', 'SQLDATE, MonthYear, Year, FractionDate (the event date, else the article\'s)',
  'Actor1/2Code, Name, CountryCode, Type1Code', 'EventCode, EventBaseCode, EventRootCode, QuadClass, GoldsteinScale',
  'NumMentions, NumSources, NumArticles (1, or with --grouped the event record\'s counts)', 'AvgTone (the article\'s tone)',
  'ActionGeo_Type, FullName, CountryCode (ISO alpha-3), ADM1Code, Lat, Long, FeatureID (GeoNames id) (where the event happened: the place in its sentence, else the nearest before it, else the article\'s focus; else only the name and code of a place the sentence names)',
  'DATEADDED (the article\'s published date-time)', 'SOURCEURL',
] as const;

/** CAMEO role and sector codes that can open an actor code that names no country. */
const NOT_COUNTRIES = new Set(['IGO', 'NGO', 'NGM', 'MNC', 'UIS', 'IMG', 'BUS', 'CVL', 'GOV', 'MIL', 'MED', 'EDU', 'REB', 'OPP', 'COP', 'JUD', 'LEG', 'ELI', 'LAB', 'REF', 'SPY', 'CRM', 'HLH', 'AGR', 'ENV', 'REL', 'INS', 'SEP', 'UAF', 'RAD', 'MOD', 'PTY']);

function actorFields(actor: { code: string | null; name: string } | null): string[] {
  const fields = new Array<string>(10).fill('');
  if (!actor) return fields;
  const code = actor.code ?? '';
  const country = /^[A-Z]{3}/.test(code) && !NOT_COUNTRIES.has(code.slice(0, 3)) ? code.slice(0, 3) : '';
  fields[0] = code;
  fields[1] = actor.name.toUpperCase();
  fields[2] = country;
  fields[7] = country ? code.slice(3, 6) : code.slice(0, 3);
  return fields;
}

function dateParts(event: { date: string | null; published: string | null }): { sqlDate: string; monthYear: string; year: string; fraction: string } {
  const source = event.date ?? event.published?.slice(0, 10) ?? null;
  const match = source === null ? null : /^(\d{4})-(\d{2})-(\d{2})/.exec(source);
  if (!match) return { sqlDate: '', monthYear: '', year: '', fraction: '' };
  const [, y, m, d] = match as unknown as [string, string, string, string];
  const dayOfYear = (Date.UTC(+y, +m - 1, +d) - Date.UTC(+y, 0, 1)) / 86_400_000 + 1;
  return { sqlDate: `${y}${m}${d}`, monthYear: `${y}${m}`, year: y, fraction: (+y + dayOfYear / 365).toFixed(4) };
}

function dateAdded(published: string | null): string {
  const ms = published === null ? NaN : Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(published) ? `${published}T00:00:00Z` : published);
  return Number.isFinite(ms) ? new Date(ms).toISOString().replace(/[-:T]/g, '').slice(0, 14) : '';
}

/** A field cannot hold a tab or a line break in a TSV: they become spaces. */
function clean(value: string): string {
  return value.replace(/[\t\r\n]+/g, ' ');
}

/** What one GDELT Event row says, from an event or an event record. */
interface RowFields {
  readonly id: number;
  readonly date: string | null;
  readonly published: string | null;
  readonly source: { code: string | null; name: string } | null;
  readonly target: { code: string | null; name: string } | null;
  readonly code: string;
  readonly root: string;
  readonly quadClass: number;
  readonly goldstein: number;
  readonly counts: readonly [number, number, number];
  readonly tone: number | null;
  readonly place: StoredEvent['place'];
  /** Where the event happened (the event-places stage), when known: fills every ActionGeo column. */
  readonly location?: EventLocation | null;
  readonly url: string;
}

function gdeltRow(e: RowFields): string {
  const date = dateParts(e);
  const geo = (place: StoredEvent['place']): string[] => {
    const fields = new Array<string>(8).fill('');
    if (place) {
      fields[1] = place.name;
      fields[2] = place.code ?? '';
    }
    return fields;
  };
  const row = [
    String(e.id), date.sqlDate, date.monthYear, date.year, date.fraction,
    ...actorFields(e.source), ...actorFields(e.target),
    '', e.code, e.code.slice(0, 3), e.root, String(e.quadClass), String(e.goldstein), ...e.counts.map(String), e.tone === null ? '' : String(e.tone),
    ...geo(null), ...geo(null), ...(e.location ? locationFields(e.location) : geo(e.place)),
    dateAdded(e.published), e.url,
  ];
  return `${row.map(clean).join('\t')}\n`;
}

/** GDELT geographic types: 1 country, 2 US state, 3 US city, 4 world city, 5 world state (a second-order division counts as a city-level place). */
function geoType(place: EventLocation['place']): string {
  const us = place.country === 'USA';
  if (place.type === 'country') return '1';
  if (place.type === 'admin1') return us ? '2' : '5';
  return us ? '3' : '4';
}

/** The ActionGeo columns of a located event: ADM1Code as GDELT writes it (US.TX → USTX). */
function locationFields(location: EventLocation): string[] {
  const { place } = location;
  const fullName = [place.name, place.type !== 'admin1' && place.type !== 'country' ? place.admin1 : null, place.type !== 'country' ? place.country : null].filter(Boolean).join(', ');
  return [geoType(place), fullName, place.country, place.admin1Code?.replace('.', '') ?? '', '', String(place.lat), String(place.lon), place.geonameId === null ? '' : String(place.geonameId)];
}

export function gdeltEventRow(event: StoredEvent): string {
  return gdeltRow({ ...event, counts: [1, 1, 1], tone: event.articleTone });
}

/**
 * An event record as one GDELT Event row, as GDELT means it: GLOBALEVENTID is the record's id,
 * NumMentions, NumSources and NumArticles its counts, AvgTone the mean tone of its articles, DATEADDED and
 * SOURCEURL those of its first report, and the date its earliest.
 */
export function gdeltGroupRow(group: EventGroup): string {
  const first = group.firstReport;
  return gdeltRow({
    id: group.id, date: group.date, published: first.published, source: group.source, target: group.target, code: group.code, root: group.root, quadClass: group.quadClass,
    goldstein: group.goldstein, counts: [group.numMentions, group.numSources, group.numArticles], tone: group.avgTone, place: null, url: first.url,
  });
}
