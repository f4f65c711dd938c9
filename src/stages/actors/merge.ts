import { compareSpans, type Annotation } from '../../model/span.js';
import type { ActorDictionary } from './dictionary.js';
import type { CodeSource, FoundMention } from './find.js';
import { wordKey } from './keys.js';
import type { MentionData } from './mention.js';
import { CODE_CONFIDENCE } from './rules.js';

/**
 * Merging found mentions into entities: people by name ("John Kerry", "Kerry"; "Jacob Lew", "Jack
 * Lew"), titles to the one person who holds them ("the vice premier"), everything else by key. Each
 * entity gets one canonical name, role and code, which all its mentions carry.
 */

interface PersonEntity {
  readonly key: string;
  readonly words: string[];
  readonly mentions: FoundMention[];
}

function nameWords(mention: FoundMention): string[] {
  return (mention.person?.words ?? []).map(wordKey).filter((word) => word !== "'s");
}

function isInitialOf(short: string, full: string): boolean {
  return /^\p{L}\.?$/u.test(short.replace(/\.$/, '')) && full.startsWith(short.replace(/\.$/, ''));
}

/** Two full names of one person: same family name and compatible given names (Jacob/Jack, J./John). */
function sameFullName(a: readonly string[], b: readonly string[], dictionary: ActorDictionary): boolean {
  if (a.join(' ') === b.join(' ')) return true;
  if (a.at(-1) !== b.at(-1)) return false;
  const ga = a[0]!;
  const gb = b[0]!;
  return dictionary.sameGivenName(ga, gb) || isInitialOf(ga, gb) || isInitialOf(gb, ga);
}

function clusterPeople(people: FoundMention[], dictionary: ActorDictionary): void {
  const entities: PersonEntity[] = [];
  const add = (mention: FoundMention, entity: PersonEntity | undefined): void => {
    const target = entity ?? { key: `person:${entities.length}`, words: nameWords(mention), mentions: [] };
    if (!entity) entities.push(target);
    target.mentions.push(mention);
    mention.key = target.key;
  };
  for (const mention of people.filter((m) => nameWords(m).length > 1)) {
    const words = nameWords(mention);
    const record = mention.person?.record;
    add(mention, entities.find((e) => sameFullName(e.words, words, dictionary) || (record && e.mentions.some((m) => m.person?.record === record))));
  }
  for (const mention of people.filter((m) => nameWords(m).length <= 1)) {
    const word = nameWords(mention)[0] ?? '';
    const byLast = entities.filter((e) => e.words.length > 1 && e.words.at(-1) === word);
    const candidates = byLast.length > 0 ? byLast : entities.filter((e) => e.words.length > 1 && e.words[0] === word);
    add(mention, nearest(candidates, mention.start) ?? entities.find((e) => e.words.length === 1 && e.words[0] === word));
  }
}

/** The candidate whose mention is nearest before `offset`, else nearest after it. */
function nearest(candidates: readonly PersonEntity[], offset: number): PersonEntity | undefined {
  let best: { entity: PersonEntity; distance: number } | undefined;
  for (const entity of candidates) {
    for (const m of entity.mentions) {
      const distance = m.start <= offset ? offset - m.start : 1e12 + m.start - offset;
      if (!best || distance < best.distance) best = { entity, distance };
    }
  }
  return best?.entity;
}

/** The words of a role up to its "of" ("Secretary of State" → secretary), the part a short title repeats. */
function roleHead(role: string): string[] {
  const words = role.split(/\s+/).map(wordKey);
  const of = words.indexOf('of');
  return of > 0 ? words.slice(0, of) : words;
}

function resolveTitles(titles: FoundMention[], people: readonly FoundMention[]): FoundMention[] {
  const resolved: FoundMention[] = [];
  for (const title of titles) {
    const words = title.title!.filter((w) => w !== 'the');
    const holders = new Set<string>();
    for (const person of people) {
      if (!person.role || person.start > title.start) continue;
      const head = roleHead(person.role);
      const full = person.role.split(/\s+/).map(wordKey);
      const suffix = head.slice(head.length - words.length);
      if (words.join(' ') === suffix.join(' ') || words.join(' ') === full.join(' ')) holders.add(person.key);
    }
    if (holders.size !== 1) continue; // no holder, or several: better no link than a wrong one
    title.key = [...holders][0]!;
    resolved.push(title);
  }
  return resolved;
}

const SOURCE_RANK: readonly CodeSource[] = ['dictionary', 'undated', 'country', 'composed', 'capital', 'nearest', 'none'];

/** Merges found mentions into the `mentions` layer: entity numbers in order of first mention. */
export function mergeMentions(found: FoundMention[], dictionary: ActorDictionary): Annotation<MentionData>[] {
  const people = found.filter((m) => m.type === 'person' && m.kind === 'name' && m.key === '');
  clusterPeople(people, dictionary);
  const titles = resolveTitles(found.filter((m) => m.kind === 'title'), found.filter((m) => m.type === 'person' && m.kind === 'name'));
  const mentions = [...found.filter((m) => m.kind !== 'title'), ...titles].sort(compareSpans);
  const groups = new Map<string, FoundMention[]>();
  for (const mention of mentions) {
    const group = groups.get(mention.key) ?? [];
    group.push(mention);
    groups.set(mention.key, group);
  }
  const layer: Annotation<MentionData>[] = [];
  const seen = new Set<string>();
  let entity = 0;
  for (const group of groups.values()) {
    const best = [...group].sort((a, b) => SOURCE_RANK.indexOf(a.source) - SOURCE_RANK.indexOf(b.source))[0]!;
    const named = group.filter((m) => m.kind === 'name' || m.kind === 'body' || m.kind === 'capital');
    const name = canonicalName(named.length > 0 ? named : group);
    const role = group.find((m) => m.role)?.role;
    for (const m of group) {
      const spanKey = `${m.start}:${m.end}`;
      if (seen.has(spanKey)) continue;
      seen.add(spanKey);
      const confidence = Math.round(m.base * CODE_CONFIDENCE[best.source] * 1000) / 1000;
      layer.push({ start: m.start, end: m.end, data: { entity, kind: m.kind, type: best.type, name, code: best.code, ...(role ? { role } : {}), confidence } });
    }
    entity++;
  }
  return layer.sort(compareSpans);
}

/** The most complete name among the mentions (most words, then the first one written). */
function canonicalName(group: readonly FoundMention[]): string {
  let best = group[0]!;
  for (const m of group) if (m.name.split(' ').length > best.name.split(' ').length) best = m;
  return best.name;
}
