import type { EventLocation, StoredEvent } from '../../store/analysis.js';

/**
 * Events as GDELT 2.0 Event records: the 61 tab-separated columns of the GDELT Event Codebook (V2.0), in
 * order, one line per event, no header (GDELT's files have none). Parley fills what it knows and leaves
 * the rest empty; GDELT_FILLED lists which, for the command's help.
 *
 * Where Parley's meaning differs from GDELT's: each row is one event in one article (NumMentions,
 * NumSources and NumArticles are 1: Parley does not merge events across articles); country codes are the
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
  'NumMentions, NumSources, NumArticles (1)', 'AvgTone (the article\'s tone)',
  'ActionGeo_Type, FullName, CountryCode (ISO alpha-3), ADM1Code, Lat, Long, FeatureID (GeoNames id) (where the event happened: the place in its sentence, else the nearest before it, else the article\'s focus; else only the name and code of a place the sentence names)',
  'DATEADDED (the article\'s published date-time)', 'SOURCEURL',
] as const;

/** CAMEO role and sector codes that can open an actor code that names no country. */
const NOT_COUNTRIES = new Set(['IGO', 'NGO', 'NGM', 'MNC', 'UIS', 'IMG', 'BUS', 'CVL', 'GOV', 'MIL', 'MED', 'EDU', 'REB', 'OPP', 'COP', 'JUD', 'LEG', 'ELI', 'LAB', 'REF', 'SPY', 'CRM', 'HLH', 'AGR', 'ENV', 'REL', 'INS', 'SEP', 'UAF', 'RAD', 'MOD', 'PTY']);

function actorFields(actor: StoredEvent['source']): string[] {
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

function dateParts(event: StoredEvent): { sqlDate: string; monthYear: string; year: string; fraction: string } {
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

export function gdeltEventRow(event: StoredEvent): string {
  const date = dateParts(event);
  const geo = (place: StoredEvent['place']): string[] => {
    const fields = new Array<string>(8).fill('');
    if (place) {
      fields[1] = place.name;
      fields[2] = place.code ?? '';
    }
    return fields;
  };
  const actionGeo = event.location ? locationFields(event.location) : geo(event.place);
  const row = [
    String(event.id), date.sqlDate, date.monthYear, date.year, date.fraction,
    ...actorFields(event.source), ...actorFields(event.target),
    '', event.code, event.code.slice(0, 3), event.root, String(event.quadClass), String(event.goldstein), '1', '1', '1', event.articleTone === null ? '' : String(event.articleTone),
    ...geo(null), ...geo(null), ...actionGeo,
    dateAdded(event.published), event.url,
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
