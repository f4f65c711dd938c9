/**
 * What a word looks like, independent of its context: the normalized form the model keys words by,
 * its shape (`Xxxx`, `X.X.`, `dd-dd`), and its capitalization class.
 */

/** Typographic variants mapped to the plain forms of the CoNLL training text (curly quotes, dashes). */
const CHARACTER_FOLDS: Readonly<Record<string, string>> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201a': "'",
  '\u201b': "'",
  '\u2032': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u201e': '"',
  '\u00ab': '"',
  '\u00bb': '"',
  '\u2013': '-',
  '\u2014': '--',
  '\u2015': '--',
  '\u2212': '-',
  '\u2026': '...',
  '\u00a0': ' ',
};
const FOLDABLE = new RegExp(`[${Object.keys(CHARACTER_FOLDS).join('')}]`, 'g');

/** The token as the model sees it: typographic quotes and dashes folded to ASCII, whitespace squeezed out. */
export function foldToken(token: string): string {
  return token.replace(FOLDABLE, (ch) => CHARACTER_FOLDS[ch] ?? ch);
}

/** Lower case with every digit turned into 0, so "1996-08-22" and "2013-07-10" share one key. */
export function normalizeWord(token: string): string {
  return token.toLowerCase().replace(/\d/g, '0');
}

function charClass(code: number, ch: string): string {
  if (code >= 48 && code <= 57) return 'd';
  if (code >= 65 && code <= 90) return 'X';
  if (code >= 97 && code <= 122) return 'x';
  if (code < 128) return ch;
  if (ch !== ch.toLowerCase()) return 'X';
  if (ch !== ch.toUpperCase()) return 'x';
  return /\p{N}/u.test(ch) ? 'd' : /\p{L}/u.test(ch) ? 'l' : ch;
}

/**
 * Word shapes. `short` collapses every run of one character class ("Washington" → "Xx",
 * "1,000.5" → "d,d.d"); `long` keeps runs up to four ("Xxxx", "dddd-dd-dd"), which tells initials,
 * acronyms and years apart.
 */
export function wordShapes(token: string): { readonly short: string; readonly long: string } {
  let short = '';
  let long = '';
  let previous = '';
  let run = 0;
  for (let i = 0; i < token.length; i++) {
    const ch = token[i]!;
    const cls = charClass(token.charCodeAt(i), ch);
    if (cls === previous) {
      run++;
    } else {
      previous = cls;
      run = 1;
      short += cls;
    }
    if (run <= 4) long += cls;
  }
  return { short, long };
}

/** How a word is capitalized. */
export const Casing = {
  Lower: 0,
  /** First letter upper case, some lower-case letter after it ("Kerry", "McDonald"). */
  Initial: 1,
  /** Letters only, all upper case, at least two ("NATO", "JAPAN"). */
  AllUpper: 2,
  /** Upper-case letters but not only letters, or one letter ("U.S.", "A", "F-16"). */
  SingleUpper: 3,
  /** Mixed case that starts lower ("iPhone", "eBay"). */
  MixedLower: 4,
  /** No letters (numbers, punctuation). */
  NoLetters: 5,
} as const;
export type Casing = (typeof Casing)[keyof typeof Casing];

export function casing(token: string): Casing {
  let upper = 0;
  let lower = 0;
  for (let i = 0; i < token.length; i++) {
    const ch = token[i]!;
    const lo = ch.toLowerCase();
    const up = ch.toUpperCase();
    if (lo !== up) {
      if (ch === up) upper++;
      else lower++;
    }
  }
  if (upper === 0 && lower === 0) return Casing.NoLetters;
  const first = token.search(/\p{L}/u);
  const firstIsUpper = first >= 0 && token[first] === token[first]!.toUpperCase();
  if (upper === 0) return Casing.Lower;
  if (lower === 0) return upper >= 2 && /^\p{L}+$/u.test(token) ? Casing.AllUpper : Casing.SingleUpper;
  return firstIsUpper ? Casing.Initial : Casing.MixedLower;
}

/** True for a token with a letter in it and no lower-case letter: "JAPAN", "U.S.", "A". */
export function hasNoLowerCase(token: string): boolean {
  const c = casing(token);
  return c === Casing.AllUpper || c === Casing.SingleUpper;
}
