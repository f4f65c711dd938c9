import { pickCode } from './dates.js';
import type { ActorDictionary, ActorRecord, PlaceEntry } from './dictionary.js';
import { phraseKey } from './keys.js';
import type { ActorType, MentionKind } from './mention.js';
import type { CODE_CONFIDENCE } from './rules.js';
import { COLLECTIVE_AGENT_HEADS, DETERMINERS, LOCATIVE_FOLLOWERS, LOCATIVE_WORDS, MATCH_CONFIDENCE } from './rules.js';
import { agentEndingAt, countryBefore, titleStart, type ArticleWords, type Match, type NerSpan } from './words.js';

/**
 * Finding the mentions of actors in an article, before they are merged into entities (merge.ts):
 * people with their titles and countries, agent groups ("US lawmakers"), government bodies,
 * organizations, countries (names, adjectives, capitals standing for governments) and places.
 */

export type CodeSource = keyof typeof CODE_CONFIDENCE;

export interface FoundMention {
  readonly start: number;
  readonly end: number;
  readonly kind: MentionKind;
  readonly type: ActorType;
  /** Mentions with one key are one entity (people are keyed later, by merge.ts). */
  key: string;
  name: string;
  code: string | null;
  source: CodeSource;
  readonly role?: string;
  /** The role's code (GOV, LEG, ...) when a title gave one. */
  readonly roleCode?: string;
  readonly base: number;
  /** People: the words of the name, and the dictionary entry the name (or title + name) found. */
  readonly person?: { readonly words: readonly string[]; readonly record: ActorRecord | null; readonly country: string | null };
  /** Title mentions ("the vice premier"): the title's word keys, resolved to a person by merge.ts. */
  readonly title?: readonly string[];
}

export interface FindContext {
  readonly article: ArticleWords;
  readonly dictionary: ActorDictionary;
  readonly text: string;
  /** YYYY-MM-DD: picks among dated codes. */
  readonly day: string;
}

function span(context: FindContext, first: number, end: number): { start: number; end: number; text: string } {
  const { words } = context.article;
  const start = words[first]!.start;
  const stop = words[end - 1]!.end;
  return { start, end: stop, text: context.text.slice(start, stop).replace(/\s+/g, ' ') };
}

function coded(record: ActorRecord | undefined | null, day: string): { code: string; source: CodeSource } | null {
  if (!record) return null;
  const picked = pickCode(record.codes, day);
  if (!picked) return null;
  const source: CodeSource = record.source === 'user' || picked.dated ? 'dictionary' : picked.nearest ? 'nearest' : 'undated';
  return { code: picked.code, source };
}

export function findMentions(context: FindContext): FoundMention[] {
  const { article } = context;
  const claimed = new Uint8Array(article.words.length); // 1: part of a found mention; 2: a country modifier inside one
  const consumedNer = new Set<number>();
  const found: FoundMention[] = [];
  const claim = (first: number, end: number, mark = 1): void => {
    for (let i = first; i < end; i++) claimed[i] = Math.max(claimed[i]!, mark);
    for (let i = first; i < end; i++) if (article.nerAt[i]! >= 0) consumedNer.add(article.nerAt[i]!);
  };
  findUserActors(context, found, claim, claimed);
  article.ner.forEach((entity, index) => {
    if (entity.type === 'PER' && !consumedNer.has(index)) findPerson(context, entity, found, claim);
  });
  findBodies(context, found, claim, claimed);
  article.ner.forEach((entity, index) => {
    if ((entity.type === 'ORG' || entity.type === 'MISC') && !consumedNer.has(index) && !claimed[entity.first]) findOrganization(context, entity, found, claim);
  });
  findAgentGroups(context, found, claim, claimed);
  findPlaces(context, found, claimed);
  return found;
}

type Claim = (first: number, end: number, mark?: number) => void;

/** The user's actors, wherever their names appear (capitalized), before anything else. */
function findUserActors(context: FindContext, found: FoundMention[], claim: Claim, claimed: Uint8Array): void {
  const { article, dictionary } = context;
  if (dictionary.userActors.size === 0) return;
  for (let i = 0; i < article.words.length; i++) {
    if (claimed[i] || !article.words[i]!.capitalized) continue;
    const match = dictionary.userActors.longestAt(article.keys, i);
    if (!match) continue;
    const ner = article.ner[article.nerAt[i]!];
    const type: ActorType = match.value.type ?? (ner?.type === 'PER' ? 'person' : ner?.type === 'LOC' ? 'location' : 'organization');
    const where = span(context, i, i + match.length);
    const code = coded(match.value, context.day);
    const person = type === 'person' ? { words: where.text.split(' '), record: match.value, country: null } : undefined;
    found.push({ start: where.start, end: where.end, kind: 'name', type, key: `actor:${match.value.name}`, name: match.value.name, code: code?.code ?? null, source: code?.source ?? 'none', base: ner?.confidence ?? MATCH_CONFIDENCE, ...(person ? { person } : {}) });
    claim(i, i + match.length);
    i += match.length - 1;
  }
}

/** A title before the name ("Chinese Vice Premier"), or after it ("Wang Yang, China's vice premier,"). */
function titleOf(context: FindContext, first: number, end: number): { role: string; roleCode: string; country: Match<PlaceEntry> | null; from: number; to: number } | null {
  const { article } = context;
  const before = agentEndingAt(article, first);
  if (before) {
    const start = titleStart(article, before.first);
    const country = countryBefore(article, start);
    return { role: span(context, start, first).text, roleCode: before.value, country, from: country?.first ?? start, to: first };
  }
  // Apposition: NAME , [the] [COUNTRY['s]] [modifiers] AGENT (, or end of sentence)
  let i = end;
  if (article.keys[i] !== ',') return null;
  i++;
  if (DETERMINERS.has(article.keys[i] ?? '')) i++;
  for (let stop = i; stop < Math.min(article.words.length, i + 8); stop++) {
    const agent = article.agentAt[stop];
    if (!agent) continue;
    const after = article.keys[agent.end];
    if (after !== undefined && after !== ',' && after !== '.' && article.words[agent.end]!.sentence === article.words[first]!.sentence) continue;
    const start = titleStart(article, agent.first);
    const country = countryBefore(article, start);
    if ((country ? country.first : start) !== i) continue;
    return { role: span(context, start, agent.end).text, roleCode: agent.value, country, from: end, to: agent.end };
  }
  return null;
}

function findPerson(context: FindContext, entity: NerSpan, found: FoundMention[], claim: Claim): void {
  const { article, dictionary } = context;
  let first = entity.first;
  // A title the NER put inside the name ("Vice Premier Wang Yang" as one PER).
  const inner = article.agentAt[first];
  if (inner && inner.end < entity.end && article.words[inner.end]!.capitalized) first = inner.end;
  let end = entity.end;
  if (article.keys[end - 1] === "'s" && end - 1 > first) end--;
  const name = span(context, first, end);
  const title = titleOf(context, first, end);
  const record = dictionary.findActor(phraseKey(name.text)) ?? (title ? dictionary.findActor(phraseKey(`${title.role} ${name.text}`)) : undefined) ?? null;
  const country = title?.country ? dictionary.placeCode(title.country.value, context.day) : null;
  let code = coded(record, context.day);
  // A one-word name whose entry held office only in other years ("Wang" against a minister of 2005) is
  // more likely someone else of that name: keep the name, not a guessed code.
  if (code?.source === 'nearest' && first + 1 === end) code = null;
  if (!code && country && title) code = { code: country + title.roleCode, source: 'composed' };
  else if (!code && country) code = { code: country, source: 'composed' };
  found.push({
    start: name.start, end: name.end, kind: 'name', type: 'person', key: '', name: name.text, code: code?.code ?? null, source: code?.source ?? 'none',
    ...(title ? { role: title.role, roleCode: title.roleCode } : {}),
    base: entity.confidence,
    person: { words: name.text.split(' '), record, country },
  });
  claim(entity.first, entity.end);
  if (title) {
    const countryEnd = title.country?.end ?? title.from;
    claim(title.from, title.to);
    if (title.country) claim(title.country.first, countryEnd, 2);
  }
}

/** Government bodies ("the State Department", "Russia's Defense Ministry"). */
function findBodies(context: FindContext, found: FoundMention[], claim: Claim, claimed: Uint8Array): void {
  const { article, dictionary } = context;
  for (let i = 0; i < article.words.length; i++) {
    if (claimed[i] === 1 || !article.words[i]!.capitalized) continue;
    const match = dictionary.bodies.longestAt(article.keys, i);
    if (!match || article.words[i + match.length - 1]!.sentence !== article.words[i]!.sentence) continue;
    const body = match.value;
    const before = countryBefore(article, i);
    const country = body.country ?? (before ? dictionary.placeCode(before.value, context.day) : null);
    const where = span(context, i, i + match.length);
    const name = body.country || !before ? body.name : `${dictionary.countryName(before.value.code)} ${body.name}`;
    found.push({ start: where.start, end: where.end, kind: 'body', type: 'organization', key: `body:${name}`, name, code: country ? country + body.role : null, source: country ? 'country' : 'none', base: MATCH_CONFIDENCE });
    claim(i, i + match.length);
    if (before && !body.country) claim(before.first, before.end, 2);
    i += match.length - 1;
  }
}

/** NER organizations (and other names) that the dictionaries know, or that a country and an agent make up. */
function findOrganization(context: FindContext, entity: NerSpan, found: FoundMention[], claim: Claim): void {
  const { article, dictionary } = context;
  let first = entity.first;
  if (DETERMINERS.has(article.keys[first]!) && first + 1 < entity.end) first++;
  const where = span(context, first, entity.end);
  const key = phraseKey(where.text);
  const place = article.placeAt[first];
  // A country, its adjective or capital that the NER took for an organization ("Serbian"): findPlaces
  // makes it a mention of the country, even when an actor list also has the word.
  if (place && place.end === entity.end && place.value.kind !== 'place') return;
  const record = dictionary.findActor(key);
  if (record) {
    const code = coded(record, context.day);
    found.push({ start: where.start, end: where.end, kind: 'name', type: record.type ?? 'organization', key: `actor:${record.name}`, name: where.text, code: code?.code ?? null, source: code?.source ?? 'none', base: entity.confidence });
    claim(entity.first, entity.end);
    return;
  }
  if (entity.type === 'MISC') return; // demonyms and the like: findPlaces handles them
  if (place && place.end === entity.end) return; // a place the NER took for an organization
  const agent = place ? article.agentAt[place.end] : null;
  const code = place && place.value.kind !== 'place' && agent && agent.end === entity.end ? dictionary.placeCode(place.value, context.day) + agent.value : null;
  found.push({ start: where.start, end: where.end, kind: 'name', type: 'organization', key: `org:${key}`, name: where.text, code, source: code ? 'composed' : 'none', base: entity.confidence });
  claim(entity.first, entity.end);
  if (place) claim(place.first, place.end, 2);
}

/** Agent nouns that name a group ("US lawmakers", "Chinese state media", "rights groups") or a title ("the vice premier"). */
function findAgentGroups(context: FindContext, found: FoundMention[], claim: Claim, claimed: Uint8Array): void {
  const { article } = context;
  for (let i = 0; i < article.words.length; i++) {
    const agent = article.agentAt[i];
    if (!agent || claimed[i] || article.nerAt[i]! >= 0 && article.ner[article.nerAt[i]!]!.type !== 'MISC') continue;
    const start = titleStart(article, i);
    const head = article.keys[agent.end - 1]!;
    const next = article.words[agent.end];
    if (next?.capitalized && next.sentence === article.words[i]!.sentence && article.nerAt[agent.end]! >= 0) continue; // a title before a name
    const country = countryBefore(article, start);
    const where = span(context, country?.first ?? start, agent.end);
    const plural = head.endsWith('s') || COLLECTIVE_AGENT_HEADS.has(head);
    if (!country && !plural) {
      if (start > 0 && article.keys[start - 1] === 'the') {
        const title = span(context, start, agent.end);
        found.push({ start: title.start, end: title.end, kind: 'title', type: 'person', key: '', name: title.text, code: null, source: 'none', base: MATCH_CONFIDENCE, title: article.keys.slice(start, agent.end) });
      }
      i = agent.end - 1;
      continue;
    }
    const code = country ? context.dictionary.placeCode(country.value, context.day) + agent.value : agent.value;
    const name = country ? where.text : span(context, start, agent.end).text.toLowerCase();
    found.push({ start: where.start, end: where.end, kind: 'name', type: 'organization', key: `group:${code}:${head.replace(/s$/, '')}`, name, code, source: country ? 'composed' : 'country', base: MATCH_CONFIDENCE });
    claim(start, agent.end);
    if (country) claim(country.first, country.end, 2);
    i = agent.end - 1;
  }
}

function isLocative(context: FindContext, first: number, end: number): boolean {
  const { article } = context;
  const before = article.keys[first - 1];
  const after = article.keys[end];
  const dateline = first === 0 || article.words[first - 1]!.sentence !== article.words[first]!.sentence ? after === ',' : false;
  return (before !== undefined && LOCATIVE_WORDS.has(before)) || (after !== undefined && LOCATIVE_FOLLOWERS.has(after)) || dateline;
}

/** Countries, their adjectives and capitals, and other places. */
function findPlaces(context: FindContext, found: FoundMention[], claimed: Uint8Array): void {
  const { article, dictionary } = context;
  for (let i = 0; i < article.words.length; i++) {
    const match = article.placeAt[i];
    if (!match || claimed[i] === 1) continue;
    const ner = article.ner[article.nerAt[i]!];
    // Part of a person's or organization's name ("Serbian Progressive Party"), unless the NER span is
    // the place itself (a demonym tagged ORG) or a modifier a title or group already took.
    const exact = ner !== undefined && ner.first === i && ner.end === match.end;
    if (ner && (ner.type === 'PER' || ner.type === 'ORG') && claimed[i] !== 2 && !exact) continue;
    if (match.value.kind === 'place' && ner?.type !== 'LOC') continue;
    const where = span(context, i, match.end);
    const modifier = claimed[i] === 2;
    found.push(placeMention(context, where, match.value, modifier || isLocative(context, i, match.end), modifier, ner?.confidence ?? MATCH_CONFIDENCE));
    i = match.end - 1;
  }
  for (const piece of article.piecePlaces) {
    if (claimed[piece.token] === 1) continue;
    const text = context.text.slice(piece.start, piece.end);
    found.push(placeMention(context, { start: piece.start, end: piece.end, text }, piece.entry, true, true, MATCH_CONFIDENCE));
  }
  // NER places the dictionaries do not know.
  article.ner.forEach((entity) => {
    if (entity.type !== 'LOC' || claimed[entity.first] || article.placeAt[entity.first]) return;
    const where = span(context, entity.first, entity.end);
    found.push({ start: where.start, end: where.end, kind: 'name', type: 'location', key: `place:${phraseKey(where.text)}`, name: where.text, code: null, source: 'none', base: entity.confidence });
  });
  void dictionary;
}

function placeMention(context: FindContext, where: { start: number; end: number; text: string }, entry: PlaceEntry, locative: boolean, adjectival: boolean, base: number): FoundMention {
  const country = context.dictionary.countryName(entry.code);
  const code = context.dictionary.placeCode(entry, context.day);
  if (entry.kind === 'capital' && !locative) {
    return { start: where.start, end: where.end, kind: 'capital', type: 'country', key: `capital:${entry.code}`, name: where.text, code: `${code}GOV`, source: 'capital', base };
  }
  if (entry.kind === 'capital' || entry.kind === 'place') {
    return { start: where.start, end: where.end, kind: 'name', type: 'location', key: `place:${phraseKey(where.text)}`, name: where.text, code, source: 'country', base };
  }
  const kind: MentionKind = entry.kind === 'name' && !adjectival ? 'name' : 'demonym';
  return { start: where.start, end: where.end, kind, type: 'country', key: `country:${entry.code}`, name: country, code, source: 'country', base };
}
