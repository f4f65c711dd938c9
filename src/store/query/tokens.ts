/**
 * Words as the search index sees them, the same rule as SQLite FTS5's `unicode61 remove_diacritics 2`
 * tokenizer: a token is a run of letters, digits and combining marks; it is lower-cased and its
 * diacritics are removed (`Café` → `cafe`). Everything else separates tokens, so `U.S.` is the two
 * tokens `u s` and `well-known` is `well known`. The query parser and the in-memory adapter use this
 * so that a query means the same thing in every adapter.
 */

const TOKEN = /[\p{L}\p{N}\p{M}\p{Co}]+/gu;
const MARKS = /\p{M}+/gu;

export interface TextToken {
  /** The normalized token. */
  readonly token: string;
  /** Offsets of the raw token in the text (UTF-16 code units). */
  readonly start: number;
  readonly end: number;
}

export function normalizeToken(raw: string): string {
  return raw.normalize('NFD').replace(MARKS, '').normalize('NFC').toLowerCase();
}

export function tokenize(text: string): TextToken[] {
  const tokens: TextToken[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const token = normalizeToken(match[0]);
    if (token !== '') tokens.push({ token, start: match.index, end: match.index + match[0].length });
  }
  return tokens;
}

export function tokenStrings(text: string): string[] {
  return tokenize(text).map((t) => t.token);
}
