import {
  BOILERPLATE_LINES, CHROME_HEADING_MAX, CHROME_HEADINGS, CHROME_INLINE_HEADINGS, DATE_LINE_WORDS, METADATA_LINE_MAX, METADATA_LINES,
} from './rules.js';
import type { Unit } from './units.js';

/** What a single line of text says about itself, read with the line rules of rules.ts. */

/** Largest unit, in characters, that a boilerplate line pattern may remove. */
const BOILERPLATE_LINE_MAX = 250;

/** "Advertisement", "Share this article", "© 2024 ...": boilerplate wherever it stands. */
export function isBoilerplateLine(unit: Unit): boolean {
  if (unit.chars > BOILERPLATE_LINE_MAX) return false;
  const lower = unit.text.toLowerCase();
  return BOILERPLATE_LINES.some((re) => re.test(lower));
}

/**
 * Whether a short line (a heading or a paragraph) introduces chrome: 'end' when what follows it in its
 * box is chrome (comments, tags, other stories), 'inline' when only the links right after it are.
 */
export function chromeHeading(unit: Unit): 'end' | 'inline' | null {
  if (unit.chars > CHROME_HEADING_MAX || (unit.kind !== 'heading' && unit.kind !== 'paragraph')) return null;
  // "Comments (12):" reads as "comments".
  const line = unit.text.toLowerCase().replace(/\s*\(\d+\)|[\s:.…»›>|-]+$/gu, '');
  if (CHROME_HEADINGS.some((re) => re.test(line))) return 'end';
  if (CHROME_INLINE_HEADINGS.some((re) => re.test(line))) return 'inline';
  return null;
}

const BYLINE_START = /^(by|von|par|por|di|door|przez)\s+\p{Lu}/iu;

/** A line that is only a date, a reading time, a credit, a source or a byline. */
export function isMetadataLine(unit: Unit): boolean {
  if (unit.chars > METADATA_LINE_MAX || unit.kind === 'code' || unit.kind === 'table') return false;
  const { text } = unit;
  if (METADATA_LINES.some((re) => re.test(text))) return true;
  if (!/\d/.test(text)) return false;
  let rest = text.replace(DATE_LINE_WORDS, '');
  if (BYLINE_START.test(text)) rest = rest.replace(/\p{Lu}[\p{L}'’.-]*/gu, ''); // "By Jane Doe, May 3, 2020"
  return rest.replace(/[\d\s\p{P}\p{S}]+/gu, '').length <= 2;
}
