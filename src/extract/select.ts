import type { Element } from 'domhandler';
import { isElement } from './dom.js';
import type { Linearized, Unit } from './units.js';

/**
 * Chooses the element that holds the article: the one that gathers the most good text and the least
 * junk. Every unit has a weight (positive for paragraph-like text, negative for link lists and short
 * scraps); an element's score is the sum of the weights of the units inside it, where a unit under a
 * chrome element strictly inside the candidate counts as junk. The best candidate maximizes that sum:
 * growing it adds good text only while the good text outweighs the junk that comes with it. The
 * candidate's own chrome mark does not count, so a page wrapped in `<form>` or `<div class="has-ads">`
 * still works; a candidate inside a chrome element (a sidebar widget, a cookie notice) is penalized.
 */
export interface Selection {
  readonly container: Element | null;
  readonly score: number;
  /** The chrome elements whose marks hold (see `effectiveChrome`). */
  readonly chrome: ReadonlySet<Element>;
  /** Units inside the container and not under chrome strictly inside it, in document order. */
  readonly units: readonly Unit[];
}

export interface SelectOptions {
  /** How much a character of junk costs against a character of good text. */
  readonly junkWeight: number;
  /** Bonus factor for candidates whose tag or tokens hint at an article body. */
  readonly bodyHintBonus: number;
  /** An element weakly marked as chrome is kept as prose from this much good text ... */
  readonly proseMinChars: number;
  /** ... when good text is at least this share of all its text. */
  readonly proseShare: number;
  /** Factor on the score of a candidate inside a chrome element: an article is rarely inside those. */
  readonly insideChromePenalty: number;
  /** Factor for a candidate inside a hidden element or a comment section (marks that always hold). */
  readonly insideHiddenPenalty: number;
  /** A strongly marked element holding at least this share of the page's good text is a wrapper. */
  readonly wrapperShare: number;
  /** Elements beside the container, or beside its ancestors up to this many levels, may join it ... */
  readonly siblingLevels: number;
  /** ... from this score (good text less junk) ... */
  readonly siblingMinScore: number;
  /** ... when the score is at least this share of their good text (little junk). */
  readonly siblingPurity: number;
}

export const DEFAULT_SELECT_OPTIONS: SelectOptions = {
  junkWeight: 1,
  bodyHintBonus: 1.15,
  proseMinChars: 150,
  proseShare: 0.3,
  insideChromePenalty: 0.25,
  insideHiddenPenalty: 0.02,
  wrapperShare: 0.6,
  siblingLevels: 3,
  siblingMinScore: 80,
  siblingPurity: 0.7,
};

/** Characters of text from which a unit counts as a paragraph even without sentence punctuation. */
const LONG_UNIT = 100;
const SENTENCE_END = /[.!?。！？»"”)…:]\s*$/;

export function unitWeight(unit: Unit): number {
  const { chars, linkChars } = unit;
  if (chars === 0) return 0;
  const density = linkChars / chars;
  if (density > 0.5) return -chars;
  if (unit.kind === 'heading') return 0;
  if (chars >= LONG_UNIT || (chars >= 40 && SENTENCE_END.test(unit.text))) return chars * (1 - density);
  return -Math.min(chars, 20) * 0.25;
}

export function selectContainer(lin: Linearized, options: SelectOptions = DEFAULT_SELECT_OPTIONS): Selection {
  const weights = lin.units.map(unitWeight);
  const good = goodText(lin, weights);
  const chrome = effectiveChrome(lin, good, options);
  const scores = new Map<Element, number>();
  lin.units.forEach((unit, i) => {
    const weight = weights[i]!;
    const junk = -unit.chars * options.junkWeight;
    let underChrome = false;
    for (let el: Element | null = unit.owner; el; el = parentElement(el)) {
      scores.set(el, (scores.get(el) ?? 0) + (underChrome ? junk : weight));
      if (!underChrome && chrome.has(el)) underChrome = true;
    }
  });
  const enclosed = insideChrome(lin, chrome, good, options);
  let container: Element | null = null;
  let best = -Infinity;
  for (const [el, score] of scores) {
    let adjusted = score > 0 && lin.bodyHints.has(el) ? score * options.bodyHintBonus : score;
    if (adjusted > 0) adjusted *= enclosed.get(el) ?? 1;
    if (adjusted > best) {
      best = adjusted;
      container = el;
    }
  }
  // A notice that only shows without scripts ("You need to enable JavaScript") is not an article; a
  // whole post inside <noscript> (some blog platforms render it there for readers without scripts) is.
  if (!container || (insideNoscript(container) && best < options.proseMinChars)) return { container: null, score: best, chrome, units: [] };
  const roots = [container, ...adjacentProse(container, scores, good, chrome, enclosed, options)];
  return { container, score: best, chrome, units: unitsWithin(lin.units, chrome, new Set(roots)) };
}

/**
 * Prose beside the container that belongs to the article: a standfirst in the article's header, a first
 * paragraph set apart from the body by a figure or a share bar. Elements beside the container, or before
 * one of its nearest ancestors, which no chrome covers and which hold clean prose: enough good text and
 * little junk.
 */
function adjacentProse(
  container: Element,
  scores: ReadonlyMap<Element, number>,
  good: GoodText,
  chrome: ReadonlySet<Element>,
  enclosed: ReadonlyMap<Element, number>,
  options: SelectOptions,
): Element[] {
  const found: Element[] = [];
  let child: Element = container;
  for (let level = 1; level <= options.siblingLevels; level++) {
    const parent = parentElement(child);
    if (!parent || chrome.has(parent) || enclosed.has(parent) || parent.name === 'body' || parent.name === 'html') break;
    let before = true;
    for (const sibling of parent.children) {
      if (sibling === child) before = false;
      // Further up, only what comes before the article (a header's standfirst); what follows it there
      // is more often the site's own blurb than the article's.
      if (sibling === child || !isElement(sibling) || chrome.has(sibling) || (level > 1 && !before)) continue;
      const score = scores.get(sibling) ?? 0;
      const prose = good.byElement.get(sibling)?.good ?? 0;
      if (score >= options.siblingMinScore && score >= options.siblingPurity * prose) found.push(sibling);
    }
    child = parent;
  }
  return found;
}

interface TextShare {
  good: number;
  chars: number;
  /** Characters outside headings: 0 for a <header> that holds only a section heading. */
  bodyChars: number;
  /** The sum of the negative unit weights (link lists, scraps): 0 for clean prose. */
  junk: number;
}

/** Good text per element: the sum of the positive unit weights below it, whatever the chrome marks. */
interface GoodText {
  readonly byElement: ReadonlyMap<Element, TextShare>;
  readonly page: number;
}

function goodText(lin: Linearized, weights: readonly number[]): GoodText {
  const byElement = new Map<Element, TextShare>();
  let page = 0;
  lin.units.forEach((unit, i) => {
    const good = Math.max(0, weights[i]!);
    page += good;
    for (let el: Element | null = unit.owner; el; el = parentElement(el)) {
      const entry = byElement.get(el);
      const bodyChars = unit.kind === 'heading' ? 0 : unit.chars;
      const junk = Math.min(0, weights[i]!);
      if (entry) {
        entry.good += good;
        entry.chars += unit.chars;
        entry.bodyChars += bodyChars;
        entry.junk += junk;
      } else byElement.set(el, { good, chars: unit.chars, bodyChars, junk });
    }
  });
  return { byElement, page };
}

/**
 * Which marks hold. A weak mark holds unless the element reads as prose or holds only headings (a section's
 * <header> around its <h2>). A strong mark holds unless the
 * element wraps most of the page's good text (`<div id="page" class="has-sidebar">`); marks that hold
 * `always` (comment sections, which can outgrow the article they follow; hidden elements) hold anyway.
 */
function effectiveChrome(lin: Linearized, good: GoodText, options: SelectOptions): Set<Element> {
  const chrome = new Set<Element>();
  for (const [el, mark] of lin.chrome) {
    const text = good.byElement.get(el) ?? { good: 0, chars: 0, bodyChars: 0, junk: 0 };
    if (mark.strong) {
      if (mark.always || text.good < options.wrapperShare * good.page) chrome.add(el);
    } else if (!isProse(text, options) && !(text.chars > 0 && text.bodyChars === 0)) {
      chrome.add(el);
    }
  }
  return chrome;
}

/** Enough good text and little else, or some good text and nothing else (a standfirst, a short widget). */
function isProse(text: TextShare, options: SelectOptions): boolean {
  if (text.good > 0 && text.junk > -CLEAN_JUNK_MAX) return true;
  return text.good >= options.proseMinChars && text.good >= options.proseShare * text.chars;
}

/** Junk weight an element may hold and still count as clean prose (a stray "Photo" label). */
const CLEAN_JUNK_MAX = 10;

/**
 * The penalty factor of each element inside a chrome element that is a part of the page, not a wrapper
 * around most of it (the strongest penalty when several chrome elements enclose it).
 */
function insideChrome(lin: Linearized, chrome: ReadonlySet<Element>, good: GoodText, options: SelectOptions): Map<Element, number> {
  const factors = new Map<Element, number>();
  for (const marked of chrome) {
    const always = lin.chrome.get(marked)?.always ?? false;
    if (!always && (good.byElement.get(marked)?.good ?? 0) >= good.page / 2) continue;
    const factor = always ? options.insideHiddenPenalty : options.insideChromePenalty;
    const stack: Element[] = [marked];
    while (stack.length > 0) {
      const el = stack.pop()!;
      const current = factors.get(el);
      if (current !== undefined && current <= factor) continue;
      factors.set(el, factor);
      for (const child of el.children) if (isElement(child)) stack.push(child);
    }
  }
  return factors;
}

/** The units inside one of the `roots` that no chrome element strictly inside that root covers. */
export function unitsWithin(units: readonly Unit[], chrome: ReadonlySet<Element>, roots: ReadonlySet<Element>): Unit[] {
  const kept: Unit[] = [];
  for (const unit of units) {
    let inside = false;
    let covered = false;
    for (let el: Element | null = unit.owner; el; el = parentElement(el)) {
      if (roots.has(el)) {
        inside = true;
        break;
      }
      if (chrome.has(el)) covered = true;
    }
    if (inside && !covered) kept.push(unit);
  }
  return kept;
}

function insideNoscript(el: Element): boolean {
  for (let p: Element | null = el; p; p = parentElement(p)) if (p.name === 'noscript') return true;
  return false;
}

function parentElement(el: Element): Element | null {
  const parent = el.parent;
  return parent && isElement(parent) ? parent : null;
}
