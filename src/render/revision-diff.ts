import { diffArrays, diffWords } from 'diff';

/**
 * What changed between two texts of an article, paragraph by paragraph (paragraphs are separated by a
 * blank line in Article.text): paragraphs kept, added and removed, and a paragraph rewritten in place
 * (a correction) with the words that changed inside it. jsdiff (the `diff` package) finds both: the
 * paragraphs as array items, the words within a rewritten one. Pure: the CLI and the API render it.
 */

export type WordChange = { readonly op: 'same' | 'added' | 'removed'; readonly text: string };

export type ParagraphChange =
  | { readonly op: 'same' | 'added' | 'removed'; readonly text: string }
  | { readonly op: 'changed'; readonly text: string; readonly before: string; readonly words: readonly WordChange[] };

export interface TextDiff {
  readonly paragraphs: readonly ParagraphChange[];
  readonly added: number;
  readonly removed: number;
  readonly changed: number;
}

export function diffTexts(before: string, after: string): TextDiff {
  const parts = diffArrays(paragraphs(before), paragraphs(after));
  const out: ParagraphChange[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const next = parts[i + 1];
    // Paragraphs removed right before paragraphs added: a pair that shares most of its words is one
    // paragraph rewritten (a correction); the others were removed or added.
    if (part.removed && next?.added) {
      out.push(...pairRewrites(part.value, next.value));
      i++;
      continue;
    }
    const op = part.added ? 'added' : part.removed ? 'removed' : 'same';
    for (const text of part.value) out.push({ op, text });
  }
  return {
    paragraphs: out,
    added: out.filter((p) => p.op === 'added').length,
    removed: out.filter((p) => p.op === 'removed').length,
    changed: out.filter((p) => p.op === 'changed').length,
  };
}

/** Shared words over all words (of the shorter paragraph) from which two paragraphs count as one rewritten. */
const REWRITE_OVERLAP = 0.5;

function pairRewrites(removed: readonly string[], added: readonly string[]): ParagraphChange[] {
  const out: ParagraphChange[] = [];
  let j = 0;
  for (const old of removed) {
    const match = added.findIndex((text, k) => k >= j && overlap(old, text) >= REWRITE_OVERLAP);
    if (match === -1) {
      out.push({ op: 'removed', text: old });
      continue;
    }
    for (; j < match; j++) out.push({ op: 'added', text: added[j]! });
    out.push(rewritten(old, added[j++]!));
  }
  for (; j < added.length; j++) out.push({ op: 'added', text: added[j]! });
  return out;
}

function overlap(a: string, b: string): number {
  const words = (text: string): Set<string> => new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
  const x = words(a);
  const y = words(b);
  let shared = 0;
  for (const word of x) if (y.has(word)) shared++;
  return shared / Math.max(1, Math.min(x.size, y.size));
}

function rewritten(before: string, after: string): ParagraphChange {
  const words = diffWords(before, after).map((w): WordChange => ({ op: w.added ? 'added' : w.removed ? 'removed' : 'same', text: w.value }));
  return { op: 'changed', text: after, before, words };
}

function paragraphs(text: string): string[] {
  return text.split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p !== '');
}

/**
 * The diff for reading in a terminal: `+ ` added and `- ` removed paragraphs, `~ ` a rewritten one with
 * [-removed words-]{+added words+} inside (git's word-diff markers); unchanged paragraphs are left out
 * but counted, so the reader knows how much stayed.
 */
export function diffToText(diff: TextDiff): string {
  const lines: string[] = [];
  let same = 0;
  const flushSame = (): void => {
    if (same > 0) lines.push(`  (${same} paragraph${same === 1 ? '' : 's'} unchanged)`);
    same = 0;
  };
  for (const p of diff.paragraphs) {
    if (p.op === 'same') {
      same++;
      continue;
    }
    flushSame();
    if (p.op === 'changed') lines.push(`~ ${p.words.map((w) => (w.op === 'added' ? `{+${w.text}+}` : w.op === 'removed' ? `[-${w.text}-]` : w.text)).join('')}`);
    else lines.push(`${p.op === 'added' ? '+' : '-'} ${p.text}`);
  }
  flushSame();
  return lines.join('\n');
}
