/**
 * Finding the quoted stretches of a text from its quote marks, in every style news text uses: straight
 * ("..."), curly (“...”), low-high („...“), guillemets («...», »...«, ‹...›) and single quotes (‘...’,
 * '...'). Each mark's role (opening or closing) comes from what surrounds it, and its shape only breaks
 * ties, because pages mix styles and use the wrong curly mark often enough.
 *
 * A quote that opens in a paragraph and does not close there goes on when the next paragraph opens with
 * a quote mark (the convention for a quotation running over several paragraphs); otherwise it ends with
 * its paragraph and is marked unclosed.
 */
import type { Span } from '../../model/span.js';

/** A quoted stretch: `span` is the text between the marks, `outer` includes the marks. */
export interface QuoteRun {
  readonly span: Span;
  readonly outer: Span;
  /** False when the closing mark is missing (the run ends with its paragraph). */
  readonly closed: boolean;
  /** True when the run goes over more than one paragraph. */
  readonly multiParagraph: boolean;
}

type Shape = 'open' | 'close' | 'either';

/** Double quote marks and the role their shape suggests (English usage; context decides first). */
const DOUBLE_MARKS: ReadonlyMap<string, Shape> = new Map([
  ['"', 'either'],
  ['\u201C', 'open'], // “
  ['\u201D', 'close'], // ”
  ['\u201E', 'open'], // „
  ['\u201F', 'open'], // ‟
  ['\u00AB', 'either'], // « (opens in French and English, closes in German)
  ['\u00BB', 'either'], // »
  ['\u300C', 'open'], // 「
  ['\u300D', 'close'], // 」
  ['\uFF02', 'either'], // ＂
]);

/** Single quote marks; only used for quotes outside double quotes (headlines, British style). */
const SINGLE_MARKS: ReadonlyMap<string, Shape> = new Map([
  ["'", 'either'],
  ['\u2018', 'open'], // ‘
  ['\u2019', 'close'], // ’ (also the apostrophe)
  ['\u201A', 'open'], // ‚
  ['\u2039', 'either'], // ‹
  ['\u203A', 'either'], // ›
]);

/** A single-quoted run longer than this is taken for apostrophes, not a quote. */
const MAX_SINGLE_QUOTE_LENGTH = 300;

export function isQuoteMark(char: string): boolean {
  return DOUBLE_MARKS.has(char) || SINGLE_MARKS.has(char);
}

/** Characters before an opening mark: start of text, space, opening brackets, dashes, slashes. */
const BEFORE_OPEN = /[\s([{\u2014\u2013\-/:;,]/u;
/** Characters after a closing mark: end of text, space, punctuation. */
const AFTER_CLOSE = /[\s)\]}.,;:!?\u2014\u2013\-/…]/u;

interface MarkContext {
  readonly canOpen: boolean;
  readonly canClose: boolean;
}

function context(text: string, at: number): MarkContext {
  const before = at > 0 ? text[at - 1]! : ' ';
  const after = at + 1 < text.length ? text[at + 1]! : ' ';
  return {
    canOpen: (BEFORE_OPEN.test(before) || isQuoteMark(before)) && !/\s/u.test(after),
    canClose: (AFTER_CLOSE.test(after) || isQuoteMark(after)) && !/\s/u.test(before),
  };
}

/** Opening marks of double-quoted runs inside one paragraph, and where each one closed (or null). */
interface OpenRun {
  readonly open: number;
  close: number | null;
}

function doubleRuns(text: string, from: number, to: number): OpenRun[] {
  const runs: OpenRun[] = [];
  let current: OpenRun | null = null;
  for (let i = from; i < to; i++) {
    const shape = DOUBLE_MARKS.get(text[i]!);
    if (!shape) continue;
    const { canOpen, canClose } = context(text, i);
    if (current) {
      // A mark that can only open, in the shape of an opener, means the last quote was left unclosed.
      if (canOpen && !canClose && shape === 'open' && i > current.open + 1) {
        runs.push(current);
        current = { open: i, close: null };
      } else {
        current.close = i;
        runs.push(current);
        current = null;
      }
    } else if (canOpen || (shape === 'open' && !canClose)) {
      current = { open: i, close: null };
    } else if (!canClose && shape === 'either') {
      current = { open: i, close: null };
    }
    // Otherwise a stray closing mark: ignored.
  }
  if (current) runs.push(current);
  return runs;
}

function singleRuns(text: string, from: number, to: number, taken: readonly OpenRun[]): OpenRun[] {
  const runs: OpenRun[] = [];
  const inside = (i: number): boolean => taken.some((r) => i >= r.open && i <= (r.close ?? to));
  for (let i = from; i < to; i++) {
    if (!SINGLE_MARKS.has(text[i]!) || inside(i)) continue;
    const { canOpen } = context(text, i);
    const before = i > from ? text[i - 1]! : ' ';
    if (!canOpen || /[\p{L}\p{N}]/u.test(before)) continue;
    const limit = Math.min(to, i + MAX_SINGLE_QUOTE_LENGTH);
    for (let j = i + 2; j < limit; j++) {
      if (!SINGLE_MARKS.has(text[j]!) || inside(j)) continue;
      const after = j + 1 < text.length ? text[j + 1]! : ' ';
      // A closing mark stands before a space or punctuation, never inside a word (don’t, O’Malley).
      if (context(text, j).canClose && !/[\p{L}\p{N}]/u.test(after)) {
        runs.push({ open: i, close: j });
        i = j;
        break;
      }
    }
  }
  return runs;
}

/**
 * The quoted runs of a text, paragraph by paragraph (`paragraphs` are the block spans; the whole text is
 * one paragraph when none are given), in text order.
 */
export function findQuoteRuns(text: string, paragraphs: readonly Span[]): QuoteRun[] {
  const blocks = paragraphs.length > 0 ? paragraphs : [{ start: 0, end: text.length }];
  const result: QuoteRun[] = [];
  let pending = null as { open: number; paragraphs: number } | null;
  for (const [b, block] of blocks.entries()) {
    const doubles = doubleRuns(text, block.start, block.end);
    const runs = [...doubles, ...singleRuns(text, block.start, block.end, doubles)].sort((a, b) => a.open - b.open);
    for (const [r, run] of runs.entries()) {
      if (pending) {
        // A quote left open in the last paragraph: this paragraph opened with a mark, so it goes on here.
        if (r === 0 && run.open === block.start) {
          if (run.close !== null) {
            result.push(makeRun(text, pending.open, run.close, true, true));
            pending = null;
            continue;
          }
          pending.paragraphs++;
          continue;
        }
        result.push(makeRun(text, pending.open, blocks[b - 1]!.end, false, pending.paragraphs > 1));
        pending = null;
      }
      if (run.close !== null) {
        result.push(makeRun(text, run.open, run.close, true, false));
      } else if (r === runs.length - 1 && blocks[b + 1] && DOUBLE_MARKS.has(text[blocks[b + 1]!.start]!) && DOUBLE_MARKS.has(text[run.open]!)) {
        pending = { open: run.open, paragraphs: 1 };
      } else {
        result.push(makeRun(text, run.open, block.end, false, false));
      }
    }
    if (pending && runs.length === 0) {
      result.push(makeRun(text, pending.open, blocks[b - 1]!.end, false, pending.paragraphs > 1));
      pending = null;
    }
  }
  if (pending) result.push(makeRun(text, pending.open, blocks.at(-1)!.end, false, pending.paragraphs > 1));
  return result.filter((run) => run.span.end > run.span.start);
}

/** A run from its opening mark to its closing mark (exclusive) or to a paragraph end. */
function makeRun(text: string, open: number, closeOrEnd: number, closed: boolean, multiParagraph: boolean): QuoteRun {
  let start = open + 1;
  let end = closeOrEnd;
  while (start < end && /\s/u.test(text[start]!)) start++;
  while (end > start && /\s/u.test(text[end - 1]!)) end--;
  return { span: { start, end }, outer: { start: open, end: closed ? closeOrEnd + 1 : end }, closed, multiParagraph };
}
