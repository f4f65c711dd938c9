/**
 * Words as every search index sees them (SQLite, PostgreSQL and memory index these tokens, not their
 * own tokenizers' idea of words, so a query means the same thing in every adapter):
 *
 * - In alphabetic scripts a token is a run of letters, digits and combining marks, lower-cased, with its
 *   diacritics removed (`Café` → `cafe`), the rule of SQLite FTS5's `unicode61 remove_diacritics 2`.
 *   Everything else separates tokens, so `U.S.` is the two tokens `u s` and `well-known` is `well known`.
 * - Chinese, Japanese and Korean are written without spaces between words (Korean words carry their
 *   particles: 대통령은), so a run of Han, kana or Hangul becomes overlapping character pairs
 *   (`スマートフォン` → スマ マー ート トフ フォ ォン) followed by its last character alone. A word of the
 *   query is the phrase of its pairs, so any two or more characters of a word find it, with no dictionary
 *   (the method of Lucene's CJK bigram filter and PostgreSQL's pg_bigm). The last character alone lets a
 *   one-character query find a word at the end of a run. Kana keep their voicing marks (ガ is not カ);
 *   half-width forms become full-width (NFKC).
 */

const TOKEN = /[\p{L}\p{N}\p{M}\p{Co}]+/gu;
const MARKS = /\p{M}+/gu;
const MARK = /^\p{M}$/u;
/** A character of a script written without spaces (Script_Extensions, so ー and 々 count). */
const CJK = /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}]/u;
const CJK_RUNS = /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}]+/gu;

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
  for (const match of text.matchAll(TOKEN)) pushWord(tokens, match[0], match.index, true);
  return tokens;
}

export function tokenStrings(text: string): string[] {
  return tokenize(text).map((t) => t.token);
}

/**
 * The tokens of a word or phrase of a query, and whether its last token is open (a prefix). They are the
 * index's tokens except at the end: the text's run may go on after the query's last character, so a run
 * ending the query gives its pairs only, and a run of one character ending the query matches every
 * token starting with it (`京` finds 京市 and a final 京).
 */
export function queryTokens(text: string): { tokens: string[]; prefix: boolean } {
  const tokens: TextToken[] = [];
  const words = [...text.matchAll(TOKEN)];
  let prefix = false;
  words.forEach((match, i) => {
    const last = i === words.length - 1;
    const added = pushWord(tokens, match[0], match.index, !last);
    if (last && added.openSingle) prefix = true;
  });
  return { tokens: tokens.map((t) => t.token), prefix };
}

/**
 * Appends the tokens of one run of letters. `closed`: whether a CJK run ending the word also ends in the
 * text (true for the index; false for the last word of a query).
 */
function pushWord(out: TextToken[], word: string, at: number, closed: boolean): { openSingle: boolean } {
  if (!CJK.test(word)) {
    const token = normalizeToken(word);
    if (token !== '') out.push({ token, start: at, end: at + word.length });
    return { openSingle: false };
  }
  let from = 0;
  let openSingle = false;
  for (const run of word.matchAll(CJK_RUNS)) {
    if (run.index > from) pushWord(out, word.slice(from, run.index), at + from, true);
    from = run.index + run[0].length;
    const endsWord = from === word.length;
    openSingle = pushRun(out, run[0], at + run.index, closed || !endsWord);
  }
  if (from < word.length) {
    pushWord(out, word.slice(from), at + from, true);
    openSingle = false;
  }
  return { openSingle };
}

/** Pairs of a CJK run, then its last character alone when the run is closed. Returns whether it was one open character. */
function pushRun(out: TextToken[], run: string, at: number, closed: boolean): boolean {
  const chars: { text: string; start: number; end: number }[] = [];
  let offset = at;
  for (const char of run) {
    const text = char.normalize('NFKC').toLowerCase();
    // A lone combining mark (a voicing mark written apart) joins the character before it.
    if (MARK.test(text) && chars.length > 0) {
      const previous = chars[chars.length - 1]!;
      previous.text = `${previous.text}${char}`.normalize('NFKC');
      previous.end = offset + char.length;
    } else if (text !== '') {
      chars.push({ text, start: offset, end: offset + char.length });
    }
    offset += char.length;
  }
  if (chars.length === 0) return false;
  if (chars.length === 1) {
    out.push({ token: chars[0]!.text, start: chars[0]!.start, end: chars[0]!.end });
    return !closed;
  }
  for (let i = 0; i + 1 < chars.length; i++) out.push({ token: chars[i]!.text + chars[i + 1]!.text, start: chars[i]!.start, end: chars[i + 1]!.end });
  if (closed) {
    const last = chars[chars.length - 1]!;
    out.push({ token: last.text, start: last.start, end: last.end });
  }
  return false;
}
