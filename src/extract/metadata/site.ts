/**
 * The page's other fields: site name, canonical URL, description, lead image, section and tags. Each is
 * the most trusted source's value (candidates.ts weights); URLs are resolved against the page's base.
 */
import type { Element } from 'domhandler';
import type { Candidate, Resolved } from './candidates.js';
import { clampConfidence, comparable } from './candidates.js';
import { chooseByConsensus } from './consensus.js';
import { elementText } from './element-text.js';
import { resolveUrl } from '../url.js';

/** Longest description kept; longer ones are cut at a word boundary. */
const MAX_DESCRIPTION = 1000;
const MAX_TAGS = 50;
const MAX_TAG_LENGTH = 80;

export function chooseText(candidates: readonly Candidate[]): Resolved<string> | null {
  const keyed: Candidate<{ text: string; key: string }>[] = [];
  for (const c of candidates) {
    const text = c.value.replace(/\s+/g, ' ').trim();
    if (text) keyed.push({ ...c, value: { text, key: comparable(text) } });
  }
  const chosen = chooseByConsensus(keyed, (a, b) => a.key === b.key);
  return chosen ? { value: chosen.value.text, provenance: chosen.provenance } : null;
}

export function chooseDescription(candidates: readonly Candidate[]): Resolved<string> | null {
  const chosen = chooseText(candidates);
  if (!chosen || chosen.value.length <= MAX_DESCRIPTION) return chosen;
  const cut = chosen.value.slice(0, MAX_DESCRIPTION);
  return { ...chosen, value: `${cut.slice(0, Math.max(cut.lastIndexOf(' '), MAX_DESCRIPTION / 2))}…` };
}

/** The best URL among candidates, resolved against `base`; unusable URLs (data:, javascript:) are skipped. */
export function chooseUrl(candidates: readonly Candidate[], base: string | null): Resolved<string> | null {
  const resolved: Candidate[] = [];
  for (const c of candidates) {
    const url = resolveUrl(c.value, base);
    if (url) resolved.push({ ...c, value: url });
  }
  const chosen = chooseByConsensus(resolved, (a, b) => a === b);
  return chosen ? { value: chosen.value, provenance: chosen.provenance } : null;
}

/** Tags come as lists (article:tag repeated, JSON-LD keywords) or comma-separated strings. */
export interface TagList {
  readonly values: readonly string[];
  readonly source: Candidate['source'];
  readonly weight: number;
}

export function chooseTags(lists: readonly TagList[]): Resolved<string[]> | null {
  let best: TagList | null = null;
  for (const list of lists) if (list.values.length && (!best || list.weight > best.weight)) best = list;
  if (!best) return null;
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const raw of best.values) {
    for (const part of raw.split(/\s*[,;]\s*/)) {
      const tag = part.replace(/\s+/g, ' ').trim();
      const key = comparable(tag);
      if (!tag || tag.length > MAX_TAG_LENGTH || seen.has(key)) continue;
      seen.add(key);
      tags.push(tag);
      if (tags.length >= MAX_TAGS) break;
    }
  }
  const agreeing = lists.filter((l) => l !== best && l.values.some((v) => seen.has(comparable(v)))).length;
  return tags.length ? { value: tags, provenance: { source: best.source, confidence: clampConfidence(best.weight + 0.05 * agreeing) } } : null;
}

/** rel=tag links as a tag list (their text, in document order). */
export function relTagList(links: readonly Element[]): TagList {
  return { values: links.map((a) => elementText(a, MAX_TAG_LENGTH)).filter(Boolean), source: 'html', weight: 0.6 };
}
