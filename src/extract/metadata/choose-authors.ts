/**
 * The authors from every source at once: JSON-LD (people before organizations), microdata, meta tags,
 * rel=author links, byline elements and a "By ..." line under the headline. Each source's value is
 * cleaned into a list of names (authors.ts); lists that share a name agree. A "name" that is the
 * site's own name is the publisher, not an author, and counts for little.
 */
import type { Element, Text } from 'domhandler';
import type { FieldProvenance } from '../../model/article.js';
import { isElement, walk } from '../dom.js';
import { cleanAuthors, dedupe, ELEMENT_BOUNDARY } from './authors.js';
import type { Candidate } from './candidates.js';
import { comparable } from './candidates.js';
import type { Hinted, Placed } from './collect.js';
import { chooseByConsensus } from './consensus.js';
import { bylineText, elementText } from './element-text.js';
import type { SiteIdentity } from './site-identity.js';
import { textBylineCandidates } from './text-bylines.js';

export interface AuthorSources {
  /** Raw author values from JSON-LD, microdata and meta tags (one candidate per value). */
  readonly structured: readonly Candidate[];
  readonly relAuthors: readonly Placed[];
  readonly bylines: readonly Hinted[];
  readonly texts: readonly Text[];
  /** Whether text node `index` is inside page chrome. */
  readonly isChrome: (index: number) => boolean;
  readonly titleTextIndex: number | null;
  /** The site's names: an author equal to one of them is the publisher. */
  readonly site: SiteIdentity;
}

export interface ChosenAuthors {
  readonly value: string[];
  readonly provenance: FieldProvenance;
}

const WEIGHTS = { relAuthor: 0.75, authorLink: 0.75, byline: 0.7, authorBox: 0.45 } as const;
/**
 * Factors on candidates that name no person: the site itself (the publisher), initials only ("JF",
 * "DT": a desk or an abbreviation), or a team ("Editorial Team", "Redaktion"). They stand when
 * nothing else names the author, and lose to a person's name.
 */
const PUBLISHER_AS_AUTHOR = 0.5;
const INITIALS_AS_AUTHOR = 0.6;
const TEAM_AS_AUTHOR = 0.8;
const INITIALS = /^(?:\p{Lu}\.?){1,3}$/u;
const TEAM = /(?:^|\s)(?:team|redaktion|editorial|editors|newsroom|desk|redacción|rédaction|redazione)(?:\s|$)/iu;
/** A byline element whose "names" are this many single words is a tag or category list. */
const MAX_SINGLE_WORD_NAMES = 2;
/** Weight of a candidate that names the author surely enough (JSON-LD, meta tags, a byline element near the headline). */
const SURE_WEIGHT = 0.6;
/** Weight a candidate needs to lend a fuller form of a name ("Todd" → "Todd Bates"). */
const MIN_FULLER_WEIGHT = 0.4;
const MAX_BYLINE_ELEMENTS = 15;
const MAX_BYLINE_TEXT = 200;
/** How far from the headline (in text nodes) a byline still counts as the article's. */
const BYLINE_WINDOW = 40;

/** Links to an author's page: their text is the name, whatever else the byline holds. */
const AUTHOR_HREF = /\/(?:author|authors|autor|autoren|autorin|auteur|autore|profile|profiles|people|staff|user|users|members?|writers?|journalist|journalists|contributor|contributors|team|redaktion|mitarbeiter|by|u)(?:\/|\?|$)|[?&]author=/i;

interface KeyedNames {
  readonly names: string[];
  /** The names in comparable form, computed once for the pairwise agreement test. */
  readonly keys: ReadonlySet<string>;
}

const overlapping = (a: KeyedNames, b: KeyedNames): boolean => {
  for (const key of a.keys) if (b.keys.has(key)) return true;
  return false;
};

function distancePenalty(at: number, title: number | null): number {
  if (title === null) return 0;
  const d = Math.abs(at - title);
  return d > BYLINE_WINDOW ? 0.2 : d * 0.002;
}

/** The texts of the links to author pages inside a byline element. */
function authorLinkNames(el: Element): string[] {
  const names: string[] = [];
  walk(el, (node) => {
    if (!isElement(node)) return false;
    if (node.name === 'a') {
      if (AUTHOR_HREF.test(node.attribs['href'] ?? '')) names.push(...cleanAuthors(elementText(node, MAX_BYLINE_TEXT), false));
      return false;
    }
    return true;
  });
  return dedupe(names);
}

function structuredCandidates(sources: AuthorSources): Candidate<string[]>[] {
  // Several values from one structured source (three citation_author tags) are one list.
  const grouped = new Map<string, { names: string[]; weight: number; source: Candidate['source'] }>();
  for (const c of sources.structured) {
    const key = `${c.source}:${c.weight}`;
    const names = cleanAuthors(c.value, c.source !== 'json-ld');
    if (!names.length) continue;
    const group = grouped.get(key);
    if (group) group.names.push(...names);
    else grouped.set(key, { names, weight: c.weight, source: c.source });
  }
  return [...grouped.values()].map((g) => ({ value: dedupe(g.names), source: g.source, weight: g.weight }));
}

function pageCandidates(sources: AuthorSources): Candidate<string[]>[] {
  const out: Candidate<string[]>[] = [];
  const rel: string[] = [];
  let relWeight = 0;
  for (const a of sources.relAuthors) {
    if (a.chrome) continue;
    const names = cleanAuthors(elementText(a.el, MAX_BYLINE_TEXT), false);
    if (names.length) {
      rel.push(...names);
      relWeight = Math.max(relWeight, WEIGHTS.relAuthor - distancePenalty(a.textIndex, sources.titleTextIndex));
    }
  }
  if (rel.length) out.push({ value: dedupe(rel), source: 'html', weight: relWeight });

  let seen = 0;
  for (const b of sources.bylines) {
    if (b.chrome) continue;
    if (seen++ >= MAX_BYLINE_ELEMENTS) break;
    const penalty = distancePenalty(b.textIndex, sources.titleTextIndex);
    const linked = authorLinkNames(b.el);
    if (linked.length) {
      out.push({ value: linked, source: 'html', weight: (b.box ? WEIGHTS.authorBox : WEIGHTS.authorLink) - penalty });
      continue;
    }
    const text = bylineText(b.el, ELEMENT_BOUNDARY, MAX_BYLINE_TEXT);
    if (!text || text.length > MAX_BYLINE_TEXT) continue;
    // An author box holds a bio after the name: only its first name, and only a capitalized one.
    const names = b.box ? cleanAuthors(text).slice(0, 1).filter((n) => /\p{Lu}/u.test(n)) : cleanAuthors(text);
    if (names.length > MAX_SINGLE_WORD_NAMES && names.every((n) => !n.includes(' '))) continue;
    if (names.length) out.push({ value: names, source: 'html', weight: (b.box ? WEIGHTS.authorBox : WEIGHTS.byline) - penalty });
  }

  return out;
}

/** Every author candidate of a page: the cleaned names of each source, with the source's weight. */
export function authorCandidates(sources: AuthorSources): Candidate<string[]>[] {
  const marked = [...structuredCandidates(sources), ...pageCandidates(sources)];
  const named = marked.some((c) => c.weight >= SURE_WEIGHT && !sources.site.isPublisher(c.value));
  return [...marked, ...textBylineCandidates({ ...sources, named })];
}

function weightOf(names: readonly string[], weight: number, site: SiteIdentity): number {
  if (site.isPublisher(names)) return weight * PUBLISHER_AS_AUTHOR;
  if (names.every((n) => INITIALS.test(n))) return weight * INITIALS_AS_AUTHOR;
  if (names.every((n) => TEAM.test(n))) return weight * TEAM_AS_AUTHOR;
  return weight;
}

/** Letters only, without accents and case: "Gàbor_Muniér" and "gabor munier" are one name. */
const folded = (text: string): string => text.normalize('NFD').replace(/[^\p{L}\p{N}]+/gu, '').toLowerCase();

/**
 * A fuller form of a one-word name: the user name or first name that structured data gives
 * ("arianschlichenmayer", "Todd") written out in another source ("Arian Schlichenmayer", "Todd Bates").
 */
function fullerForm(name: string, candidates: readonly Candidate<string[]>[]): string {
  if (name.includes(' ')) return name;
  const key = folded(name);
  if (!key) return name;
  for (const c of candidates) {
    if (c.weight < MIN_FULLER_WEIGHT) continue;
    for (const other of c.value) {
      const words = other.split(' ');
      if (words.length < 2) continue;
      let prefix = '';
      for (const word of words) {
        prefix += folded(word);
        if (prefix === key) return other;
        if (!key.startsWith(prefix)) break;
      }
    }
  }
  return name;
}

export function chooseAuthors(sources: AuthorSources): ChosenAuthors | null {
  const { site } = sources;
  const all = authorCandidates(sources).map((c) => {
    // A list that credits the site beside a person ("Jane Doe, Example.com") names the person.
    const people = c.value.length > 1 ? c.value.filter((n) => !site.isSite(n)) : c.value;
    return { ...c, value: people.length ? people : c.value };
  });
  const candidates: Candidate<KeyedNames>[] = all.map((c) => ({
    source: c.source,
    weight: weightOf(c.value, c.weight, site),
    value: { names: c.value, keys: new Set(c.value.map(comparable)) },
  }));
  const chosen = chooseByConsensus(candidates, overlapping);
  if (!chosen) return null;
  const byWeight = [...all].sort((a, b) => b.weight - a.weight);
  return { value: dedupe(chosen.value.names.map((n) => fullerForm(n, byWeight))), provenance: chosen.provenance };
}
