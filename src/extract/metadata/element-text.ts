/** The visible text of one element, bounded, optionally without kicker and screen-reader parts. */
import type { Element } from 'domhandler';
import { isElement, isText, walk } from '../dom.js';
import { collapseWhitespace } from '../text.js';
import { computeFlags, HINT, hintsOf } from './hints.js';

/** Elements laid out as their own line: their text is kept apart by a space (inline ones join as written). */
const BLOCKS = new Set(['p', 'div', 'br', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'td', 'th', 'dd', 'dt', 'section', 'header', 'figure', 'figcaption', 'ul', 'ol', 'table', 'tr', 'blockquote']);

const DIGIT_END = /\d$/;
const DIGIT_START = /^\d/;

/** Punctuation that never takes a space before it when two elements meet ("Jane</a>, John"). */
const NO_SPACE_BEFORE = /^[,.;:!?)\]]/;

/**
 * Collapsed text below `el`, up to `maxLength` characters (a longer element is not a headline, byline
 * or dateline; the cap keeps a huge wrapper cheap). With `skipKickers`, kicker and visually hidden
 * children are left out, so "Klimaschutz: Bohren, bis es heiß wird" yields the headline only.
 */
export function elementText(el: Element, maxLength = 400, skipKickers = false): string {
  let out = '';
  let pendingBreak = false;
  let previousParent: unknown = null;
  walk(el, (node) => {
    if (out.length > maxLength) return false;
    if (isText(node)) {
      const data = node.data;
      if (pendingBreak && out && !NO_SPACE_BEFORE.test(data.trimStart())) out += ' ';
      // Numbers in separate elements are separate numbers ("<span>04</span><span>2013</span>").
      else if (node.parent !== previousParent && DIGIT_END.test(out) && DIGIT_START.test(data)) out += ' ';
      pendingBreak = false;
      previousParent = node.parent;
      out += data;
      return true;
    }
    if (!isElement(node)) return false;
    if (skipKickers && isKicker(node)) return false;
    if (BLOCKS.has(node.name)) pendingBreak = true;
    return true;
  });
  return collapseWhitespace(out).slice(0, maxLength + 1);
}

function isKicker(el: Element): boolean {
  const hints = hintsOf(el.attribs);
  return hints !== '' && (computeFlags(hints) & HINT.kicker) !== 0;
}

/** Whether `el` has a child element marked as a kicker (so its text with and without them differs). */
export function hasKicker(el: Element): boolean {
  let found = false;
  walk(el, (node) => {
    if (found || !isElement(node)) return false;
    if (isKicker(node)) found = true;
    return !found;
  });
  return found;
}

/** The collapsed text of each text node below `el` (blank ones left out), at most `maxPieces`. */
export function textPieces(el: Element, maxPieces = 12): string[] {
  const pieces: string[] = [];
  walk(el, (node) => {
    if (pieces.length >= maxPieces) return false;
    if (isText(node)) {
      const text = collapseWhitespace(node.data);
      if (text) pieces.push(text);
    }
    return true;
  });
  return pieces;
}

/** Elements that start a new line: text on both sides of them is never one name. */
const LINE_BREAKS = new Set(['br', 'p', 'div', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'tr', 'td', 'section', 'header', 'footer', 'dd', 'dt']);

/**
 * The text of a byline element with `boundary` where two of its elements meet without a space or
 * across a line break ("Luke Kim</a><span>December 17", "Jane Doe, MA<br>WebMD Health News"), so the
 * name can be told from what is printed right after it.
 */
export function bylineText(el: Element, boundary: string, maxLength = 300): string {
  let out = '';
  let previousParent: unknown = null;
  let lineBreak = false;
  walk(el, (node) => {
    if (out.length > maxLength) return false;
    if (isElement(node)) {
      if (LINE_BREAKS.has(node.name)) lineBreak = true;
      return true;
    }
    if (!isText(node) || !node.data.trim()) return false;
    const data = node.data.replace(/[\s\u00a0]+/g, ' ');
    if (out) {
      const touching = !/\s$/.test(out) && !/^\s/.test(data);
      if (lineBreak || (node.parent !== previousParent && touching)) out += boundary;
    }
    out += data;
    previousParent = node.parent;
    lineBreak = false;
    return false;
  });
  return out.trim();
}
