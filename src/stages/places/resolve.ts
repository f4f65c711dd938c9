import type { Gazetteer, GazetteerEntry } from './gazetteer.js';
import { placeKey } from './keys.js';
import { EVIDENCE, MAX_READINGS, NEAR_KM, PASSES, WEIGHTS } from './rules.js';
import type { Toponym } from './toponyms.js';

/**
 * Resolving place names to gazetteer entries the way a careful reader does. Every name of the article
 * is read once ("one sense per article": every "Paris" of an article is the same Paris), and each of
 * its readings is weighed by:
 * - what it is and how many people live there (a country before a division before a city; a city of
 *   two million before a village; capitals and division seats first among cities);
 * - the countries and divisions the article is about: names with one reading, demonyms, the countries
 *   of the actors stage's actor codes, the dateline's place and the site's country, and, after the first
 *   pass, the places resolved so far ("Paris" next to "Texas" is Paris, Texas);
 * - "Alexandria, La.": a name followed by its division or country must lie in it;
 * - nearness to the other places of the article.
 * Three passes: the first on names and priors, the next two with the places the pass before resolved.
 */

export interface Context {
  /** Evidence for countries (ISO alpha-2) that does not come from the names being resolved. */
  readonly countries: ReadonlyMap<string, number>;
  /** The dateline's name, when the article has one (its reading weighs as the dateline's place). */
  readonly dateline: Toponym | null;
}

export interface Resolution {
  readonly entry: GazetteerEntry;
  readonly confidence: number;
}

interface Reading {
  readonly entry: GazetteerEntry;
  readonly prior: number;
}

/** The names of one key: read once for the whole article. */
interface NameGroup {
  readonly key: string;
  readonly toponyms: Toponym[];
  readonly readings: Reading[];
  /** Containers named right after the name ("Alexandria, La."): the group of each. */
  readonly containers: NameGroup[];
  weight: number;
  pick: Resolution | null;
}

function prior(entry: GazetteerEntry, weak: boolean, key: string): number {
  let score = WEIGHTS.kind[entry.kind] + WEIGHTS.population * Math.log10(1 + entry.population) + (WEIGHTS.featureCode[entry.featureCode] ?? 0);
  if (weak) score += WEIGHTS.weakName;
  if (placeKey(entry.name) === key) score += WEIGHTS.ownName;
  return score;
}

function readingsOf(gazetteer: Gazetteer, toponym: Toponym): Reading[] {
  if (toponym.fixed) {
    const entry = gazetteer.byCode(toponym.fixed);
    return entry ? [{ entry, prior: prior(entry, false, placeKey(entry.name)) }] : [];
  }
  const matches = gazetteer.lookup(toponym.key);
  const hinted = toponym.hint ? gazetteer.country(toponym.hint.country) : undefined;
  const hint = hinted?.country;
  // A name of a country the gazetteer does not know by that name ("America"): the country is a reading too.
  if (hinted && toponym.hint!.kind === 'name' && !matches.some((m) => m.entry.id === hinted.id)) matches.push({ entry: hinted, weak: false });
  const readings = matches.map(({ entry, weak }) => {
    let score = prior(entry, weak, toponym.key);
    // A division named like its own seat ("Alexandria", "Aleppo"): the city is meant.
    if (entry.kind === 'admin1' && matches.some((m) => m.entry.kind === 'place' && m.entry.country === entry.country && m.entry.admin1 === entry.admin1 && /^PPL[AC]$/.test(m.entry.featureCode))) score += WEIGHTS.divisionOfSeat;
    if (hint && entry.country === hint && toponym.hint!.kind !== 'name') score += toponym.hint!.kind === 'capital' && entry.featureCode === 'PPLC' ? WEIGHTS.capital : WEIGHTS.countryPlace;
    return { entry, prior: score };
  });
  return readings.sort((a, b) => b.prior - a.prior).slice(0, MAX_READINGS);
}

/** Approximate distance in km (equirectangular: exact enough at the scale of "near"). */
export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  let dLon = Math.abs(a.lon - b.lon);
  if (dLon > 180) dLon = 360 - dLon;
  const x = dLon * rad * Math.cos(((a.lat + b.lat) / 2) * rad);
  const y = (a.lat - b.lat) * rad;
  return 6371 * Math.sqrt(x * x + y * y);
}

function admin1Key(entry: GazetteerEntry): string | null {
  return entry.kind === 'country' || !entry.admin1 ? null : `${entry.country}.${entry.admin1}`;
}

/** True when `inner` lies in `outer` (a division or country), or is it. */
function liesIn(inner: GazetteerEntry, outer: GazetteerEntry): boolean {
  if (outer.kind === 'country') return inner.country === outer.country;
  if (outer.kind === 'admin1') return inner.country === outer.country && inner.admin1 === outer.admin1 && inner.id !== outer.id;
  if (outer.kind === 'admin2') return inner.kind === 'place' && inner.country === outer.country && inner.admin1 === outer.admin1 && inner.admin2 === outer.admin2;
  return false;
}

class Evidence {
  readonly countries = new Map<string, number>();
  readonly admin1 = new Map<string, number>();
  countryTotal = 0;
  admin1Total = 0;

  add(entry: GazetteerEntry, weight: number): void {
    this.countries.set(entry.country, (this.countries.get(entry.country) ?? 0) + weight);
    this.countryTotal += weight;
    const admin1 = admin1Key(entry) ?? (entry.kind === 'admin1' ? entry.code : null);
    if (admin1) {
      this.admin1.set(admin1, (this.admin1.get(admin1) ?? 0) + weight);
      this.admin1Total += weight;
    }
  }

  /** Shares of the evidence for the entry's country and division, leaving out `own` (the name's own contribution). */
  shares(entry: GazetteerEntry, own: { entry: GazetteerEntry; weight: number } | null): { country: number; admin1: number } {
    const ownCountry = own && own.entry.country === entry.country ? own.weight : 0;
    const ownTotal = own?.weight ?? 0;
    const countryTotal = this.countryTotal - ownTotal;
    const country = countryTotal > 0 ? ((this.countries.get(entry.country) ?? 0) - ownCountry) / countryTotal : 0;
    const key = admin1Key(entry) ?? (entry.kind === 'admin1' ? entry.code : null);
    const ownAdmin1Key = own ? (admin1Key(own.entry) ?? (own.entry.kind === 'admin1' ? own.entry.code : null)) : null;
    const ownAdmin1Total = ownAdmin1Key ? ownTotal : 0;
    const admin1Total = this.admin1Total - ownAdmin1Total;
    const admin1 = key && admin1Total > 0 ? ((this.admin1.get(key) ?? 0) - (ownAdmin1Key === key ? ownTotal : 0)) / admin1Total : 0;
    return { country: Math.max(0, country), admin1: Math.max(0, admin1) };
  }
}

function groupNames(gazetteer: Gazetteer, toponyms: readonly Toponym[], text: string): NameGroup[] {
  const groups = new Map<string, NameGroup>();
  const groupOf = new Map<Toponym, NameGroup>();
  for (const toponym of toponyms) {
    const key = toponym.fixed ? `code:${toponym.fixed}` : toponym.key;
    let group = groups.get(key);
    if (!group) {
      group = { key, toponyms: [], readings: readingsOf(gazetteer, toponym), containers: [], weight: 0, pick: null };
      groups.set(key, group);
    }
    group.toponyms.push(toponym);
    group.weight += toponym.confidence;
    groupOf.set(toponym, group);
  }
  // "Alexandria, La.", "Paris, Texas": a name followed by a comma and another name.
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

function softmaxTop(scores: readonly number[]): { index: number; confidence: number } {
  let best = 0;
  for (let i = 1; i < scores.length; i++) if (scores[i]! > scores[best]!) best = i;
  let sum = 0;
  for (const s of scores) sum += Math.exp(s - scores[best]!);
  return { index: best, confidence: 1 / sum };
}

/** Resolves every toponym: the map holds the resolution of each (a toponym without a reading is absent). */
export function resolveToponyms(gazetteer: Gazetteer, toponyms: readonly Toponym[], text: string, context: Context): Map<Toponym, Resolution> {
  const groups = groupNames(gazetteer, toponyms, text);
  const datelineGroup = context.dateline ? groups.find((g) => g.toponyms.includes(context.dateline!)) ?? null : null;
  let evidence = new Evidence();
  const base = (target: Evidence): void => {
    for (const [country, weight] of context.countries) {
      const entry = gazetteer.country(country);
      if (entry) target.add(entry, weight);
    }
  };
  base(evidence);
  const contributions = new Map<NameGroup, { entry: GazetteerEntry; weight: number }>();
  for (const group of groups) {
    if (group.readings.length !== 1) continue;
    const contribution = { entry: group.readings[0]!.entry, weight: EVIDENCE.named * Math.min(2, group.weight) };
    evidence.add(contribution.entry, contribution.weight);
    contributions.set(group, contribution);
  }
  for (let pass = 0; pass < PASSES; pass++) {
    const anchors = groups.filter((g) => g.pick).sort((a, b) => b.pick!.confidence - a.pick!.confidence).slice(0, 50);
    for (const group of groups) {
      const own = contributions.get(group) ?? null;
      const others = anchors.filter((a) => a !== group);
      const scores = group.readings.map(({ entry, prior: score }) => {
        const shares = evidence.shares(entry, own);
        score += WEIGHTS.country * shares.country + WEIGHTS.admin1 * shares.admin1;
        for (const container of group.containers) {
          const outer = container.pick?.entry ?? (container.readings.length === 1 ? container.readings[0]!.entry : null);
          if (outer && outer.kind !== 'place') score += liesIn(entry, outer) ? WEIGHTS.contained : WEIGHTS.notContained;
          else if (container.readings.some((r) => r.entry.kind !== 'place' && liesIn(entry, r.entry))) score += WEIGHTS.contained / 2;
        }
        if (others.length > 0) {
          let near = 0;
          for (const other of others) if (distanceKm(entry, other.pick!.entry) < NEAR_KM) near++;
          score += (WEIGHTS.near * near) / others.length;
        }
        return score;
      });
      const top = softmaxTop(scores);
      group.pick = { entry: group.readings[top.index]!.entry, confidence: top.confidence };
    }
    evidence = new Evidence();
    base(evidence);
    contributions.clear();
    for (const group of groups) {
      const weight = (group === datelineGroup ? EVIDENCE.dateline : EVIDENCE.resolved) * group.pick!.confidence * Math.min(2, group.weight);
      const contribution = { entry: group.pick!.entry, weight };
      evidence.add(contribution.entry, weight);
      contributions.set(group, contribution);
    }
  }
  const resolved = new Map<Toponym, Resolution>();
  for (const group of groups) for (const toponym of group.toponyms) resolved.set(toponym, group.pick!);
  return resolved;
}
