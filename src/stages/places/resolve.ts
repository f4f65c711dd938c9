import type { Gazetteer, GazetteerEntry } from './gazetteer.js';
import { EVIDENCE, MAX_READINGS, NEAR_CELL_DEGREES, PASSES, WEIGHTS } from './rules.js';
import type { Toponym } from './toponyms.js';

/**
 * Resolving place names to gazetteer entries the way a careful reader does. Every name of the article
 * is read once ("one sense per article": every "Paris" of an article is the same Paris), and each of
 * its readings is weighed by:
 * - what it is and how many people live there (a country before a division before a city; a city of
 *   two million before a village; capitals and division seats first among cities);
 * - the countries and divisions the article is about: the countries of the actors stage's actor codes,
 *   the site's country, the dateline's place, and the readings of the article's other names ("Paris"
 *   next to "Texas" is Paris, Texas);
 * - "Alexandria, La.": a name followed by its division or country lies in it;
 * - nearness to the readings of the article's other names (towns of one county).
 * Each name holds a probability over its readings (a softmax of their scores). The first pass scores
 * on priors and names with one reading; each later pass counts every other name's readings by their
 * probabilities from the pass before (a name never counts as evidence for itself).
 */

export interface Context {
  /** Evidence for countries (ISO alpha-2) that does not come from the names being resolved. */
  readonly countries: ReadonlyMap<string, number>;
  /** The dateline's name, when the article has one (it weighs more than other names). */
  readonly dateline: Toponym | null;
}

export interface Resolution {
  readonly entry: GazetteerEntry;
  readonly confidence: number;
}

interface Reading {
  readonly entry: GazetteerEntry;
  readonly prior: number;
  /** The reading's country and division keys and grid cell, computed once. */
  readonly admin1: string | null;
  /** Its grid cell, and the cell with the eight around it (numbers: see cellOf). */
  readonly cell: number;
  readonly neighbours: readonly number[];
}

/** The names of one key: read once for the whole article. */
interface NameGroup {
  readonly toponyms: Toponym[];
  readonly readings: Reading[];
  /** Containers named right after the name ("Alexandria, La."): the group of each. */
  readonly containers: NameGroup[];
  /** How much the name counts as evidence for the others (the most confident finding of it). */
  weight: number;
  probabilities: number[];
}

function prior(entry: GazetteerEntry, weak: boolean, key: string): number {
  let score = WEIGHTS.kind[entry.kind] + WEIGHTS.population * Math.log10(1 + entry.population) + (WEIGHTS.featureCode[entry.featureCode] ?? 0);
  if (weak) score += WEIGHTS.weakName;
  if (entry.key === key) score += WEIGHTS.ownName;
  return score;
}

function admin1Key(entry: GazetteerEntry): string | null {
  if (entry.kind === 'country' || !entry.admin1) return null;
  return `${entry.country}.${entry.admin1}`;
}

/** A grid cell as one number: row * CELL_ROW + column (columns fit in CELL_ROW at any cell size of a degree or more). */
const CELL_ROW = 1000;

function cellOf(lat: number, lon: number): number {
  return Math.floor(lat / NEAR_CELL_DEGREES) * CELL_ROW + Math.floor(lon / NEAR_CELL_DEGREES);
}

function reading(entry: GazetteerEntry, score: number): Reading {
  const cell = cellOf(entry.lat, entry.lon);
  const neighbours: number[] = [];
  for (let i = -1; i <= 1; i++) for (let j = -1; j <= 1; j++) neighbours.push(cell + i * CELL_ROW + j);
  return { entry, prior: score, admin1: admin1Key(entry), cell, neighbours };
}

function readingsOf(gazetteer: Gazetteer, toponym: Toponym): Reading[] {
  if (toponym.fixed) {
    const entry = gazetteer.byCode(toponym.fixed);
    return entry ? [reading(entry, prior(entry, false, entry.key))] : [];
  }
  const matches = gazetteer.lookup(toponym.key);
  const hinted = toponym.hint ? gazetteer.country(toponym.hint.country) : undefined;
  // A name of a country the gazetteer does not know by that name ("America"): the country is a reading too.
  if (hinted && toponym.hint!.kind === 'name' && !matches.some((m) => m.entry.id === hinted.id)) matches.push({ entry: hinted, weak: false });
  const readings = matches.map(({ entry, weak }) => {
    let score = prior(entry, weak, toponym.key);
    // A division named like its own seat ("Alexandria", "Aleppo"): the city is meant.
    if (entry.kind === 'admin1' && matches.some((m) => m.entry.kind === 'place' && m.entry.country === entry.country && m.entry.admin1 === entry.admin1 && /^PPL[AC]$/.test(m.entry.featureCode))) score += WEIGHTS.divisionOfSeat;
    if (hinted && entry.country === hinted.country && toponym.hint!.kind !== 'name') score += toponym.hint!.kind === 'capital' && entry.featureCode === 'PPLC' ? WEIGHTS.capital : WEIGHTS.countryPlace;
    return reading(entry, score);
  });
  return readings.sort((a, b) => b.prior - a.prior).slice(0, MAX_READINGS);
}

/** Approximate distance in km (equirectangular: exact enough at the scale of "near" and of 161 km). */
export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  let dLon = Math.abs(a.lon - b.lon);
  if (dLon > 180) dLon = 360 - dLon;
  const x = dLon * rad * Math.cos(((a.lat + b.lat) / 2) * rad);
  const y = (a.lat - b.lat) * rad;
  return 6371 * Math.sqrt(x * x + y * y);
}

/** True when `inner` lies in `outer` (a division or country). */
function liesIn(inner: GazetteerEntry, outer: GazetteerEntry): boolean {
  if (outer.kind === 'country') return inner.country === outer.country && inner.id !== outer.id;
  if (outer.kind === 'admin1') return inner.country === outer.country && inner.admin1 === outer.admin1 && inner.id !== outer.id;
  if (outer.kind === 'admin2') return inner.kind === 'place' && inner.country === outer.country && inner.admin1 === outer.admin1 && inner.admin2 === outer.admin2;
  return false;
}

function groupNames(gazetteer: Gazetteer, toponyms: readonly Toponym[], text: string): NameGroup[] {
  const groups = new Map<string, NameGroup>();
  const groupOf = new Map<Toponym, NameGroup>();
  for (const toponym of toponyms) {
    const key = toponym.fixed ? `code:${toponym.fixed}` : toponym.key;
    let group = groups.get(key);
    if (!group) {
      group = { toponyms: [], readings: readingsOf(gazetteer, toponym), containers: [], weight: 0, probabilities: [] };
      groups.set(key, group);
    }
    group.toponyms.push(toponym);
    group.weight = Math.max(group.weight, toponym.confidence);
    groupOf.set(toponym, group);
  }
  // "Alexandria, La.", "Paris (Texas)": a name followed by a comma or a bracket and another name.
  for (let i = 0; i + 1 < toponyms.length; i++) {
    const here = toponyms[i]!;
    const next = toponyms[i + 1]!;
    if (!/^\s*[,(]\s*$/.test(text.slice(here.end, next.start))) continue;
    const group = groupOf.get(here)!;
    const container = groupOf.get(next)!;
    if (container !== group && !group.containers.includes(container)) group.containers.push(container);
  }
  return [...groups.values()].filter((g) => g.readings.length > 0);
}

/** Probability mass by key (country, division, grid cell), summed over names, so that one name's own share can be taken out. */
class Mass {
  readonly total = new Map<string | number, number>();
  sum = 0;

  add(key: string | number | null, value: number): void {
    if (key === null || value === 0) return;
    this.total.set(key, (this.total.get(key) ?? 0) + value);
  }
}

interface Evidence {
  readonly countries: Mass;
  readonly admin1: Mass;
  /** Mass near each grid cell: a reading counts in its cell and the eight around it. */
  readonly near: Mass;
  /** Each group's own contribution (to take out when scoring it). */
  readonly own: Map<NameGroup, { countries: Map<string, number>; admin1: Map<string, number>; near: Map<number, number>; weight: number }>;
  groups: number;
}

function collectEvidence(gazetteer: Gazetteer, groups: readonly NameGroup[], context: Context, datelineGroup: NameGroup | null, firstPass: boolean): Evidence {
  const evidence: Evidence = { countries: new Mass(), admin1: new Mass(), near: new Mass(), own: new Map(), groups: 0 };
  for (const [code, weight] of context.countries) {
    const country = gazetteer.country(code);
    if (country) evidence.countries.add(country.country, weight);
    evidence.countries.sum += weight;
  }
  for (const group of groups) {
    // The first pass knows only the names with one reading.
    if (firstPass && group.readings.length !== 1) continue;
    const weight = group.weight * (group === datelineGroup ? EVIDENCE.dateline : EVIDENCE.named);
    const own = { countries: new Map<string, number>(), admin1: new Map<string, number>(), near: new Map<number, number>(), weight };
    group.readings.forEach((r, i) => {
      const p = (firstPass ? 1 : group.probabilities[i]!) * weight;
      if (p < 1e-4) return;
      own.countries.set(r.entry.country, (own.countries.get(r.entry.country) ?? 0) + p);
      const division = r.entry.kind === 'admin1' ? r.entry.code : r.admin1;
      if (division) own.admin1.set(division, (own.admin1.get(division) ?? 0) + p);
      if (r.entry.kind !== 'country') for (const cell of r.neighbours) own.near.set(cell, Math.max(own.near.get(cell) ?? 0, p / weight));
    });
    for (const [k, v] of own.countries) evidence.countries.add(k, v);
    for (const [k, v] of own.admin1) evidence.admin1.add(k, v);
    for (const [k, v] of own.near) evidence.near.add(k, v);
    evidence.countries.sum += weight;
    evidence.admin1.sum += [...own.admin1.values()].reduce((a, b) => a + b, 0);
    evidence.own.set(group, own);
    evidence.groups++;
  }
  return evidence;
}

function share(mass: Mass, key: string | null, ownMass: ReadonlyMap<string, number> | undefined, ownTotal: number): number {
  if (key === null) return 0;
  const total = mass.sum - ownTotal;
  if (total <= 1e-9) return 0;
  return Math.max(0, ((mass.total.get(key) ?? 0) - (ownMass?.get(key) ?? 0)) / total);
}

function softmax(scores: readonly number[]): number[] {
  const top = Math.max(...scores);
  const exps = scores.map((s) => Math.exp(s - top));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

function scoreGroup(group: NameGroup, evidence: Evidence): number[] {
  const own = evidence.own.get(group);
  const ownAdmin1Total = own ? [...own.admin1.values()].reduce((a, b) => a + b, 0) : 0;
  const otherGroups = evidence.groups - (own ? 1 : 0);
  return group.readings.map((r) => {
    let score = r.prior;
    score += WEIGHTS.country * share(evidence.countries, r.entry.country, own?.countries, own?.weight ?? 0);
    score += WEIGHTS.admin1 * share(evidence.admin1, r.entry.kind === 'admin1' ? r.entry.code : r.admin1, own?.admin1, ownAdmin1Total);
    if (otherGroups > 0 && r.entry.kind !== 'country') {
      const near = (evidence.near.total.get(r.cell) ?? 0) - (own?.near.get(r.cell) ?? 0);
      score += (WEIGHTS.near * Math.max(0, near)) / otherGroups;
    }
    for (const container of group.containers) {
      let inside = 0;
      let outside = 0;
      container.readings.forEach((c, i) => {
        const p = container.probabilities[i] ?? (container.readings.length === 1 ? 1 : 0);
        if (c.entry.kind === 'place') return;
        if (liesIn(r.entry, c.entry)) inside += p;
        else outside += p;
      });
      score += WEIGHTS.contained * inside + WEIGHTS.notContained * outside;
    }
    return score;
  });
}

/** Resolves every toponym: the map holds the resolution of each (a toponym without a reading is absent). */
export function resolveToponyms(gazetteer: Gazetteer, toponyms: readonly Toponym[], text: string, context: Context): Map<Toponym, Resolution> {
  const groups = groupNames(gazetteer, toponyms, text);
  const datelineGroup = context.dateline ? groups.find((g) => g.toponyms.includes(context.dateline!)) ?? null : null;
  for (const group of groups) group.probabilities = softmax(group.readings.map((r) => r.prior));
  for (let pass = 0; pass < PASSES; pass++) {
    const evidence = collectEvidence(gazetteer, groups, context, datelineGroup, pass === 0);
    const next = groups.map((group) => softmax(scoreGroup(group, evidence)));
    groups.forEach((group, i) => (group.probabilities = next[i]!));
  }
  const resolved = new Map<Toponym, Resolution>();
  for (const group of groups) {
    let best = 0;
    group.probabilities.forEach((p, i) => {
      if (p > group.probabilities[best]!) best = i;
    });
    const resolution = { entry: group.readings[best]!.entry, confidence: group.probabilities[best]! };
    for (const toponym of group.toponyms) resolved.set(toponym, resolution);
  }
  return resolved;
}
