import type { Document, Element } from 'domhandler';
import type { Block, Caption } from '../model/article.js';
import { extractCaptions } from './captions.js';
import { unitsToBlocks } from './blocks.js';
import { isElement } from './dom.js';
import type { Deadline } from './limits.js';
import { chromeHeading, isBoilerplateLine, isMetadataLine } from './lines.js';
import { selectContainer } from './select.js';
import { linearize, type Unit } from './units.js';

export interface BodyOptions {
  readonly title: string | null;
  readonly baseUrl: string | null;
  readonly captions: boolean;
  readonly deadline: Deadline;
}

export interface Body {
  readonly blocks: readonly Block[];
  readonly captions: readonly Caption[];
}

/**
 * The article body, in four steps: cut the page into text units, choose the element that holds the
 * article, drop the units inside it that are still chrome, and group the rest into blocks.
 */
export function extractBody(document: Document, options: BodyOptions): Body {
  const lin = linearize(document, options.deadline);
  options.deadline.check();
  const selection = selectContainer(lin);
  const units = dropChromeUnits(selection.units, selection.container, options.title);
  const scope = selection.container ? captionScope(selection.container) : document;
  return {
    blocks: unitsToBlocks(units),
    captions: options.captions ? extractCaptions(scope, options.baseUrl, selection.chrome) : [],
  };
}

/** How far above the body captions are looked for: a lead photo often stands above the text's element. */
const CAPTION_SCOPE_LEVELS = 4;

/**
 * Where the article's captions are: the nearest `<article>` (or `<main>`, or an element named the
 * article body) around the body's element, a few levels up at most; else the body's parent.
 */
function captionScope(container: Element): Element {
  let el: Element | null = container;
  for (let level = 0; el && level <= CAPTION_SCOPE_LEVELS; level++, el = parentOf(el)) {
    if (el.name === 'article' || el.name === 'main' || /articlebody/i.test(el.attribs['itemprop'] ?? '')) return el;
    if (el.name === 'body') break;
  }
  const parent = parentOf(container);
  return parent && parent.name !== 'body' && parent.name !== 'html' ? parent : container;
}

/** Share of a unit's text inside links above which it is a link list, not prose. */
const LINK_DENSITY_MAX = 0.5;

/**
 * Drops the units of the chosen container that are still chrome: link lists, boilerplate and metadata
 * lines, the title repeated, and what a chrome heading introduces. A chrome heading inside its own box
 * (`<div><h3>Related</h3><ul>...</ul></div>`) takes the rest of the box with it; one that stands among
 * the article's paragraphs ("Read next", "Related: ...") takes only the links that follow it.
 */
function dropChromeUnits(units: readonly Unit[], container: Element | null, title: string | null): Unit[] {
  const kept: Unit[] = [];
  const titleKey = title ? normalizeKey(title) : null;
  let skipScope: Element | null = null;
  let skipLinks = false;
  const totalProse = proseChars(units, 0, null);
  for (const [index, unit] of units.entries()) {
    if (skipScope && isInside(unit.owner, skipScope)) continue;
    skipScope = null;
    const density = unit.linkChars / unit.chars;
    if (skipLinks && density > 0.3) continue;
    skipLinks = false;
    const heading = chromeHeading(unit);
    if (heading) {
      const box = parentOf(unit.owner);
      const ownBox = box && container && box !== container && isInside(box, container);
      const scope = heading === 'end' ? (ownBox ? box : container) : null;
      if (scope && proseChars(units, index + 1, scope) < totalProse / 2) skipScope = scope;
      else skipLinks = true;
      continue;
    }
    if (unit.kind !== 'table' && density > LINK_DENSITY_MAX) continue;
    if (isBoilerplateLine(unit) || isMetadataLine(unit)) continue;
    if (titleKey && unit.chars < 300 && (unit.kind === 'heading' || kept.length === 0) && sameTitle(normalizeKey(unit.text), titleKey)) continue;
    kept.push(unit);
  }
  return kept;
}

/** Characters of prose in the units from `start` on (only those inside `scope`, when given). */
function proseChars(units: readonly Unit[], start: number, scope: Element | null): number {
  let total = 0;
  for (let i = start; i < units.length; i++) {
    const unit = units[i]!;
    if (scope && !isInside(unit.owner, scope)) break;
    if (unit.chars >= 80 && unit.linkChars / unit.chars < 0.3) total += unit.chars;
  }
  return total;
}

function normalizeKey(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

function sameTitle(a: string, b: string): boolean {
  if (!a || !b) return false;
  if (a === b) return true;
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  return short.length >= 0.6 * long.length && long.includes(short);
}

function parentOf(el: Element): Element | null {
  return el.parent && isElement(el.parent) ? el.parent : null;
}

function isInside(el: Element, scope: Element): boolean {
  for (let p: Element | null = el; p; p = parentOf(p)) if (p === scope) return true;
  return false;
}
