import { createHash } from 'node:crypto';

/**
 * The body text as de-duplication sees it: words only. Unicode compatibility forms are folded (NFKC:
 * full-width letters, ligatures), case is dropped, and punctuation, quotes, dashes and spacing are not
 * words, so two copies that differ only in typography (curly or straight quotes, a non-breaking space,
 * an em dash for a hyphen) have the same words and the same hash.
 *
 * Scripts written without spaces between words (Chinese, Japanese, Thai, ...) have no word boundaries a
 * regular expression can find, so each of their characters is a token: shingles of characters are the
 * usual fingerprint for those scripts.
 */

const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const UNSPACED_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Tibetan}]/u;
const UNSPACED_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Tibetan}]|[^\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Tibetan}]+/gu;

export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const [word] of text.normalize('NFKC').toLowerCase().matchAll(WORD)) {
    if (!UNSPACED_SCRIPT.test(word)) {
      tokens.push(word);
      continue;
    }
    for (const [piece] of word.matchAll(UNSPACED_RUN)) tokens.push(piece);
  }
  return tokens;
}

/** The hash of the body's words (exact duplicates): sha256, hex. Two bodies with the same words in the same order have the same hash. */
export function textHash(tokens: readonly string[]): string {
  return createHash('sha256').update(tokens.join(' ')).digest('hex');
}

/** The hash of the page's bytes as received (the `contentHash` of a page): sha256, hex. */
export function contentHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
