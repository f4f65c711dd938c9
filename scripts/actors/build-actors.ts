/**
 * Builds Parley's actor dictionaries: `npm run build:actors`.
 *
 * Reads ../shared/data/petrarch (Phoenix actor and agent dictionaries), ../shared/data/countries
 * (CountryInfo and mledoze countries) and ../shared/data/cameo (actor code labels), and writes compact,
 * deterministic files under data/actors/ (see data/actors/README.md for their formats, provenance and
 * licenses). The hand-written files there (nicknames, bodies, agent overrides, combining forms) are not
 * touched. Exits 1 when the shared data is absent.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { phraseKey } from '../../src/stages/actors/keys.js';
import { ACTOR_CODE, currentCode, parseActorFile, parseAgentFile, parseCodeList, type ActorEntry, type DatedCode } from './petrarch-format.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const SHARED = join(REPO, '..', 'shared', 'data');
const OUT = join(REPO, 'data', 'actors');
const PETRARCH = join(SHARED, 'petrarch');

interface CountryInfoRow {
  cameo_code: string;
  name: string;
  nationality_and_variants: string[];
  capital: string[];
  major_cities: string[];
  regions: string[];
}
interface MledozeRow {
  name: { common: string; official: string };
  cca3: string;
  altSpellings: string[];
  capital?: string[];
  demonyms?: { eng?: { m?: string; f?: string } };
}

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

const SMALL_WORDS = new Set(['of', 'the', 'and', 'de', 'del', 'la', 'le', 'for', 'in', 'on', 'al', 'el', 'bin', 'van', 'von', 'da', 'du']);

/** "JOHN_KERRY_" → "John Kerry": a readable display form of an upper-case dictionary phrase. */
export function displayName(phrase: string): string {
  return phrase
    .replace(/_/g, ' ')
    .trim()
    .split(/\s+/)
    .map((word, i) => {
      const lower = word.toLowerCase();
      if (i > 0 && SMALL_WORDS.has(lower)) return lower;
      if (/^[A-Z]\.([A-Z]\.)*$/.test(word) || /^[A-Z]{2,4}$/.test(word) && !/[AEIOU]/.test(word)) return word; // U.S., UN-like initials
      return lower.replace(/(^|[-'(])(\p{L})/gu, (_m, before: string, letter: string) => before + letter.toUpperCase());
    })
    .join(' ');
}

function formatCode(code: DatedCode): string {
  if (!code.from && !code.to) return code.code;
  return `${code.code}@${code.from ?? ''}..${code.to ?? ''}`;
}

const ADJECTIVE_ENDING = /(?:an|ese|ish|ian|ic|i|ch|ss|ean|ite)$/i;

interface CountryRecord {
  /** The code that stands for the country today (its identity in countries.tsv). */
  code: string;
  name: string;
  /** Dated codes (the country's codes over time), or empty when `code` is its only, undated code. */
  codes: DatedCode[];
  /** Keys that are this country's own full names: they win over the same key as another country's alias. */
  own: Set<string>;
  names: Set<string>;
  adjectives: Set<string>;
  capitals: Set<string>;
  places: Set<string>;
}

export interface CountryReport {
  readonly rows: CountryRecord[];
  readonly countryEntryIndexes: Set<number>;
  /** Lookup keys claimed by several countries, and where each went ("" when left out). */
  readonly collisions: { key: string; claimants: string[]; winner: string }[];
  /** CountryInfo rows without a readable code, left out. */
  readonly uncoded: string[];
}

function newRecord(code: string, name: string, codes: DatedCode[]): CountryRecord {
  return { code, name, codes, own: new Set([phraseKey(name)]), names: new Set(), adjectives: new Set(), capitals: new Set(), places: new Set() };
}

/** The dated codes to write for a country: none when its identity is its only code and undated. */
function datedCodes(codes: readonly DatedCode[]): DatedCode[] {
  return codes.length === 1 && !codes[0]!.from && !codes[0]!.to ? [] : [...codes];
}

export function buildCountries(petrarchCountries: ActorEntry[]): CountryReport {
  const info = readJson<{ countries: CountryInfoRow[] }>(join(SHARED, 'countries', 'countryinfo_countries.json')).countries;
  const mledoze = readJson<MledozeRow[]>(join(SHARED, 'countries', 'mledoze_countries.json'));
  const byCca3 = new Map(mledoze.map((row) => [row.cca3, row]));
  const byName = new Map(mledoze.map((row) => [phraseKey(row.name.common), row]));
  const records = new Map<string, CountryRecord>();
  const uncoded: string[] = [];
  for (const row of info) {
    // CountryInfo gives the successor states of Yugoslavia dated codes ("[YUGSRB <...][SRB >20030101]"):
    // the current code is the country's identity, the others apply by the article's date.
    const codes = parseCodeList(row.cameo_code).codes;
    const current = currentCode(codes);
    if (!current) {
      uncoded.push(row.name);
      continue;
    }
    const m = byCca3.get(current.code) ?? byName.get(phraseKey(row.name));
    const record = newRecord(current.code, m?.name.common ?? displayName(row.name), datedCodes(codes));
    const addName = (value: string): void => {
      if (value.length >= 2 && !/^[A-Z]{2}$/.test(value)) record.names.add(phraseKey(value));
    };
    addName(record.name);
    addName(row.name);
    if (m) {
      addName(m.name.official);
      record.own.add(phraseKey(m.name.official));
      for (const alt of m.altSpellings) if (alt.length >= 3 && /^[\p{L}\p{M} .'-]+$/u.test(alt)) addName(alt);
      // The current demonyms and capitals (mledoze) are the country's own too: "Serbian" and "Belgrade"
      // are Serbia's, though CountryInfo also lists them under Montenegro.
      for (const demonym of [m.demonyms?.eng?.m, m.demonyms?.eng?.f]) {
        if (!demonym) continue;
        record.adjectives.add(phraseKey(demonym));
        record.own.add(phraseKey(demonym));
      }
      for (const capital of m.capital ?? []) {
        record.capitals.add(phraseKey(capital));
        record.own.add(phraseKey(capital));
      }
    }
    for (const variant of row.nationality_and_variants) {
      const key = phraseKey(variant);
      if (record.adjectives.has(key)) continue;
      if (!key.includes(' ') && ADJECTIVE_ENDING.test(key) && !record.names.has(key)) record.adjectives.add(key);
      else record.names.add(key);
    }
    if (row.nationality_and_variants.some((v) => v === 'U.S.' || v === 'US')) record.names.add('us');
    for (const capital of row.capital) record.capitals.add(phraseKey(capital));
    for (const place of [...row.major_cities, ...row.regions]) record.places.add(phraseKey(place));
    records.set(record.code, record);
  }
  const countryEntryIndexes = mergePhoenixCountries(petrarchCountries, records);
  const rows = [...records.values()].sort((a, b) => a.code.localeCompare(b.code));
  return { rows, countryEntryIndexes, collisions: settleCollisions(rows), uncoded };
}

/**
 * Country entries of the Phoenix file. One that names a country (its primary phrase is a name of the
 * country and one of its codes the country's) adds spellings, cities and provinces. One whose codes
 * are all one country-level code that no country has ("SERBIA_AND_MONTENEGRO [SCG 920428-060605]",
 * "CZECHOSLOVAKIA") is a former country: a country of its own, found by its own names, coded by date.
 */
function mergePhoenixCountries(entries: readonly ActorEntry[], records: Map<string, CountryRecord>): Set<number> {
  const merged = new Set<number>();
  entries.forEach((entry, index) => {
    const primary = phraseKey(entry.names[0]!);
    const record = entry.codes.map((code) => records.get(code.code)).find((r) => r && (r.names.has(primary) || r.adjectives.has(primary)));
    if (record) {
      merged.add(index);
      for (const name of entry.names.slice(1)) {
        const key = phraseKey(name);
        if (record.names.has(key) || record.adjectives.has(key) || record.capitals.has(key) || record.places.has(key)) continue;
        if (!key.includes(' ') && ADJECTIVE_ENDING.test(key) && key.startsWith(primary.slice(0, 4))) {
          record.adjectives.add(key); // "SERBIAN" under SERBIA
          continue;
        }
        // Spellings of the country's name ("AFGHANESTAN", "AMERICA") share its first letters; the
        // other synonyms are its cities and provinces.
        const stem = key.slice(0, 4);
        const spelling = [...record.names, ...record.adjectives].some((n) => n.startsWith(stem));
        (spelling ? record.names : record.places).add(key);
      }
      return;
    }
    const codes = new Set(entry.codes.map((code) => code.code));
    const only = codes.size === 1 ? [...codes][0]! : null;
    if (!only || !/^[A-Z]{3}$/.test(only) || records.has(only)) return;
    merged.add(index);
    const former = newRecord(only, displayName(entry.names[0]!), datedCodes(entry.codes));
    for (const name of entry.names) {
      former.names.add(phraseKey(name));
      former.own.add(phraseKey(name));
    }
    records.set(only, former);
  });
  return merged;
}

const CLASSES = ['names', 'adjectives', 'capitals', 'places'] as const;

/**
 * A key claimed by several countries goes to the one whose own full name it is ("serbia": Serbia, not
 * the former Serbia and Montenegro that lists it as an alias), else to the one that has it in the
 * strongest class (a name over an adjective, capital or place); a tie leaves it out. Returns the
 * contested keys, for the build's report.
 */
function settleCollisions(rows: readonly CountryRecord[]): { key: string; claimants: string[]; winner: string }[] {
  const claims = new Map<string, { code: string; rank: number }[]>();
  for (const record of rows) {
    CLASSES.forEach((cls, classRank) => {
      for (const key of record[cls]) {
        const list = claims.get(key) ?? [];
        list.push({ code: record.code, rank: (record.own.has(key) ? 0 : 10) + classRank });
        claims.set(key, list);
      }
    });
  }
  const winners = new Map<string, string>();
  const collisions: { key: string; claimants: string[]; winner: string }[] = [];
  for (const [key, list] of claims) {
    const best = Math.min(...list.map((claim) => claim.rank));
    const top = new Set(list.filter((claim) => claim.rank === best).map((claim) => claim.code));
    const winner = top.size === 1 && key !== '' ? [...top][0]! : '';
    winners.set(key, winner);
    const claimants = new Set(list.map((claim) => claim.code));
    if (claimants.size > 1) collisions.push({ key, claimants: [...claimants].sort(), winner });
  }
  for (const record of rows) {
    CLASSES.forEach((cls, classRank) => {
      for (const key of [...record[cls]]) {
        const rank = (record.own.has(key) ? 0 : 10) + classRank;
        const keep = winners.get(key) === record.code && Math.min(...claims.get(key)!.filter((c) => c.code === record.code).map((c) => c.rank)) === rank;
        if (!keep) record[cls].delete(key);
      }
    });
  }
  return collisions.sort((a, b) => a.key.localeCompare(b.key));
}

function sorted(values: Iterable<string>): string {
  return [...values].sort().join('|');
}

/**
 * The lines of actors.tsv. A one-word name ("Wang", "Nikolic") that actors with different codes share
 * is left out of all of them: a surname alone must not pick one of several people at random.
 */
function actorFileLines(entries: readonly { names: string[]; codes: DatedCode[] }[]): { lines: string[]; ambiguous: number } {
  const codesOf = new Map<string, Set<string>>();
  for (const entry of entries) {
    const codes = entry.codes.map(formatCode).join(';');
    for (const name of entry.names) {
      const key = phraseKey(name);
      if (key.includes(' ')) continue;
      const set = codesOf.get(key) ?? new Set<string>();
      set.add(codes);
      codesOf.set(key, set);
    }
  }
  const shared = new Set([...codesOf].filter(([, codes]) => codes.size > 1).map(([key]) => key));
  const lines = ['# names (|-separated, first is the display name)\tcodes (;-separated CODE or CODE@FROM..TO, dates YYYY-MM-DD)'];
  const seen = new Set<string>();
  for (const entry of entries) {
    const names = entry.names.filter((name) => !shared.has(phraseKey(name)));
    if (names.length === 0) continue;
    const line = `${names.join('|')}\t${entry.codes.map(formatCode).join(';')}`;
    if (seen.has(line)) continue;
    seen.add(line);
    lines.push(line);
  }
  return { lines, ambiguous: shared.size };
}

function main(): void {
  const inputs = ['Phoenix.Countries.actors.txt', 'Phoenix.International.actors.txt', 'Phoenix.MilNonState.actors.txt', 'Phoenix.agents.txt'].map((file) => join(PETRARCH, file));
  const missing = [...inputs, join(SHARED, 'countries', 'countryinfo_countries.json'), join(SHARED, 'countries', 'mledoze_countries.json'), join(SHARED, 'cameo', 'cameo_actor_codes.json')].filter((path) => !existsSync(path));
  if (missing.length > 0) {
    console.error(`build:actors: the shared data is absent (${missing.join(', ')}). It reads ../shared/data; nothing was written.`);
    process.exit(1);
  }
  const countriesFile = parseActorFile(readFileSync(inputs[0]!, 'utf8'));
  const { rows: countries, countryEntryIndexes, collisions, uncoded } = buildCountries(countriesFile.entries);
  const countryLines = ['# code\tname\tnames\tadjectives\tcapitals\tplaces\tdated codes  (lists are |-separated lookup keys; dated codes ;-separated CODE@FROM..TO; see README.md)'];
  for (const c of countries) countryLines.push([c.code, c.name, sorted(c.names), sorted(c.adjectives), sorted(c.capitals), sorted(c.places), c.codes.map(formatCode).join(';')].join('\t'));
  writeFileSync(join(OUT, 'countries.tsv'), `${countryLines.join('\n')}\n`);

  let skippedCodes = countriesFile.skippedCodes;
  const entries: { names: string[]; codes: DatedCode[] }[] = [];
  const addEntries = (list: ActorEntry[], skip: Set<number>): void => {
    list.forEach((entry, index) => {
      if (skip.has(index)) return;
      const names = [...new Set(entry.names.map(displayName))].filter((name) => name !== '' && !name.includes('\t'));
      if (names.length > 0 && entry.codes.length > 0) entries.push({ names, codes: entry.codes });
    });
  };
  addEntries(countriesFile.entries, countryEntryIndexes);
  for (const file of inputs.slice(1, 3)) {
    const parsed = parseActorFile(readFileSync(file, 'utf8'));
    skippedCodes += parsed.skippedCodes;
    addEntries(parsed.entries, new Set());
  }
  const { lines: actorLines, ambiguous } = actorFileLines(entries);
  writeFileSync(join(OUT, 'actors.tsv.gz'), gzipSync(`${actorLines.join('\n')}\n`, { level: 9 }));

  const agents = parseAgentFile(readFileSync(inputs[3]!, 'utf8'));
  const agentMap = new Map<string, string>();
  for (const agent of agents) {
    const key = phraseKey(agent.words.join(' '));
    if (!agentMap.has(key)) agentMap.set(key, agent.role);
  }
  const agentLines = ['# phrase (lookup key)\trole code (joined to a country code: USA + LEG = USALEG)'];
  for (const key of [...agentMap.keys()].sort()) agentLines.push(`${key}\t${agentMap.get(key)!}`);
  writeFileSync(join(OUT, 'agents.tsv'), `${agentLines.join('\n')}\n`);

  const cameo = readJson<{
    countries: { cameo_code: string; name: string }[];
    regions: { code: string; name: string }[];
    international_generic: { code: string; name: string }[];
    role_codes: { code: string; description: string }[];
    special_international_actors: { code: string; name: string }[];
  }>(join(SHARED, 'cameo', 'cameo_actor_codes.json'));
  const labels = new Map<string, string>();
  for (const c of countries) labels.set(c.code, c.name);
  for (const c of cameo.countries) if (!labels.has(c.cameo_code) && ACTOR_CODE.test(c.cameo_code)) labels.set(c.cameo_code, displayName(c.name));
  for (const r of cameo.regions) labels.set(r.code, r.name);
  for (const g of cameo.international_generic) labels.set(g.code, g.name);
  for (const r of cameo.role_codes) labels.set(r.code, r.description.split(/[:,;]/)[0]!.trim());
  for (const s of cameo.special_international_actors) labels.set(s.code, s.name);
  const codeLines = ['# code\tlabel (CAMEO country, region, role and international actor codes)'];
  for (const code of [...labels.keys()].sort()) codeLines.push(`${code}\t${labels.get(code)!.replace(/\s+/g, ' ')}`);
  writeFileSync(join(OUT, 'codes.tsv'), `${codeLines.join('\n')}\n`);

  const badCodes = [
    ...countries.flatMap((c) => [c.code, ...c.codes.map((d) => d.code)]),
    ...entries.flatMap((e) => e.codes.map((d) => d.code)),
    ...agentMap.values(),
    ...labels.keys(),
  ].filter((code) => !ACTOR_CODE.test(code));
  if (badCodes.length > 0) {
    console.error(`build:actors: ${badCodes.length} code(s) are not actor codes (${ACTOR_CODE.source}): ${[...new Set(badCodes)].slice(0, 20).join(', ')}. The files written are wrong; fix the reader.`);
    process.exit(1);
  }

  console.log(`countries.tsv: ${countries.length} countries (${countries.filter((c) => c.codes.length > 0).length} with dated codes; left out, no code: ${uncoded.join(', ') || 'none'})`);
  const lost = collisions.filter((c) => c.winner === '');
  console.log(`  ${collisions.length} keys claimed by several countries: ${collisions.length - lost.length} given to one (own name or stronger class), ${lost.length} left out`);
  for (const c of collisions) console.log(`    ${c.key}: ${c.claimants.join(' ')} -> ${c.winner || '(left out)'}`);
  console.log(`actors.tsv.gz: ${actorLines.length - 1} actors (${skippedCodes} unreadable code brackets left out; ${ambiguous} one-word names shared by actors with different codes left out)`);
  console.log(`agents.tsv: ${agentMap.size} agent phrases`);
  console.log(`codes.tsv: ${labels.size} code labels`);
}

main();
