import type { TextToken } from './query/tokens.js';

/**
 * Snippets: a passage of the body around the matches, as plain text plus the [start, end) offsets of
 * the matched words. Offsets, not markup, so that each output escapes for its own medium (a terminal
 * colours them, HTML wraps them in <mark> after escaping the text, JSON passes them on).
 */

/** Words in a snippet. */
export const SNIPPET_TOKENS = 24;
export const SNIPPET_ELLIPSIS = '…';
export interface Snippet {
  readonly text: string;
  readonly highlights: (readonly [number, number])[];
}

/**
 * A snippet chosen like FTS5's: the window of `size` tokens holding the most matched tokens (the
 * earliest such window), cut at token boundaries, with an ellipsis where the text goes on.
 */
export function windowSnippet(text: string, tokens: readonly TextToken[], matched: readonly boolean[], size = SNIPPET_TOKENS): Snippet {
  if (tokens.length === 0) return { text: '', highlights: [] };
  let best = 0;
  let bestCount = -1;
  let count = 0;
  for (let i = 0; i < tokens.length; i++) {
    if (matched[i]) count++;
    if (i >= size && matched[i - size]) count--;
    const start = Math.max(0, i - size + 1);
    if (count > bestCount) {
      bestCount = count;
      best = start;
    }
  }
  // Start a little before the first match so that it has some context, as FTS5 does.
  const firstMatch = matched.indexOf(true, best);
  const lead = Math.floor(size / 4);
  if (firstMatch !== -1 && firstMatch - best < lead) best = Math.max(0, firstMatch - lead);
  const end = Math.min(tokens.length, best + size);
  const from = best === 0 ? 0 : tokens[best]!.start;
  const to = end === tokens.length ? text.length : tokens[end - 1]!.end;
  const prefix = best === 0 ? '' : SNIPPET_ELLIPSIS;
  const suffix = end === tokens.length ? '' : SNIPPET_ELLIPSIS;
  const highlights: [number, number][] = [];
  for (let i = best; i < end; i++) {
    if (!matched[i]) continue;
    const start = prefix.length + tokens[i]!.start - from;
    const stop = prefix.length + tokens[i]!.end - from;
    // CJK tokens overlap (character pairs): one highlight for the characters a run of them covers.
    const last = highlights[highlights.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], stop);
    else highlights.push([start, stop]);
  }
  return { text: `${prefix}${text.slice(from, to)}${suffix}`, highlights };
}
