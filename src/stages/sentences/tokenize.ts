import { ABBREVIATIONS, CLITIC_SUFFIX } from './rules.js';

/**
 * A tokenizer for news English that cuts words the way the CoNLL-2003 and Penn Treebank texts do (the
 * NER model was trained on those): punctuation apart, possessives and contractions split ("Kerry 's",
 * "do n't"), hyphenated words, numbers ("1,000.5", "1996-08-22", "10:30"), abbreviations ("U.S.",
 * "Gov.", initials "J."), URLs and e-mail addresses kept whole. Every token is a [start, end) range of
 * JavaScript string offsets into the text, so `text.slice(start, end)` is the token exactly.
 */

export type TokenKind = 'word' | 'number' | 'abbreviation' | 'punctuation' | 'url' | 'email';

/** What a final period means after an abbreviation (see rules.ts); `initial` for "J." of "J. R. R. Tolkien". */
export type AbbreviationClass = 'title' | 'month' | 'other' | 'initial';

export interface Token {
  readonly start: number;
  readonly end: number;
  readonly kind: TokenKind;
  /** For abbreviations: what their period may mean. */
  readonly abbreviation?: AbbreviationClass;
}

/** Abbreviations (without their final period) by class; built from ABBREVIATIONS plus the user's. */
export class AbbreviationTable {
  private readonly classes = new Map<string, AbbreviationClass>();

  constructor(extra: Partial<Record<'title' | 'month' | 'other', readonly string[]>> = {}) {
    for (const cls of ['other', 'month', 'title'] as const) {
      for (const word of [...ABBREVIATIONS[cls], ...(extra[cls] ?? [])]) this.classes.set(word.replace(/\.$/, ''), cls);
    }
  }

  /** The class of a word written with a final period (given without it), or null if the period is punctuation. */
  classify(body: string): AbbreviationClass | null {
    const direct = this.classes.get(body) ?? this.classes.get(titleCase(body));
    if (direct) return direct;
    const last = body.slice(body.lastIndexOf('-') + 1);
    if (last !== body) {
      const hyphenated = this.classes.get(last);
      if (hyphenated) return hyphenated;
    }
    if (/^\p{Lu}$/u.test(last)) return 'initial';
    if (/^(?:\p{L}{1,2}\.)+\p{L}{1,2}$/u.test(last)) return 'other';
    return null;
  }
}

function titleCase(word: string): string {
  return word.charAt(0) + word.slice(1).toLowerCase();
}

/**
 * Alternatives tried at each position, in order: whitespace, URL, currency prefix ("US$", "C$"),
 * word-like runs (letters, digits and inner joiners, a leading period before digits as in ".596", with
 * an optional final period decided later),
 * ellipsis, long dash, doubled quotes, then any single character.
 */
const TOKEN_PATTERN = new RegExp(
  [
    String.raw`(\s+)`,
    String.raw`((?:[Hh][Tt][Tt][Pp][Ss]?:\/\/|www\.)[^\s<>"\u201c\u201d]+)`,
    String.raw`(\p{Lu}{1,3}\$)`,
    String.raw`((?:\.(?=\p{N}))?[\p{L}\p{M}\p{N}_]+(?:[\-.&'\u2019][\p{L}\p{M}\p{N}_]+|(?<=\p{N})[,:\/](?=\p{N})\p{N}+)*(?:\.(?!\.))?)`,
    String.raw`(\.{2,}|\u2026)`,
    String.raw`(-{2,}|\u2014|\u2015)`,
    String.raw`(''|\x60\x60)`,
  ].join('|') + String.raw`|[\s\S]`,
  'uy',
);
const EMAIL_PATTERN = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/uy;
const URL_TRAILING_PUNCTUATION = /[.,;:!?'"\u2019\u201d)\]}]+$/u;
const NUMBER = /^[+-]?\p{N}/u;
/** "1." to "999." at the start of a line numbers a list item: the period is part of it. */
const LIST_NUMBER = /^\p{N}{1,3}\.$/u;

function startsLine(text: string, position: number): boolean {
  for (let i = position - 1; i >= 0; i--) {
    const ch = text.charCodeAt(i);
    if (ch === 10 /* \n */) return true;
    if (ch !== 32 && ch !== 9 && ch !== 13) return false;
  }
  return true;
}

const DEFAULT_ABBREVIATIONS = new AbbreviationTable();

/** Tokens of text[from, to). */
export function tokenize(text: string, from = 0, to = text.length, abbreviations: AbbreviationTable = DEFAULT_ABBREVIATIONS): Token[] {
  const tokens: Token[] = [];
  const pattern = TOKEN_PATTERN;
  let position = from;
  while (position < to) {
    pattern.lastIndex = position;
    const match = pattern.exec(text)!;
    let end = Math.min(position + match[0].length, to);
    if (match[1] !== undefined) {
      // whitespace
    } else if (match[2] !== undefined) {
      end = position + trimUrl(match[2]).length;
      tokens.push({ start: position, end, kind: 'url' });
    } else if (match[3] !== undefined) {
      tokens.push({ start: position, end, kind: 'word' });
    } else if (match[4] !== undefined) {
      end = pushWord(text, position, end, tokens, abbreviations);
    } else {
      tokens.push({ start: position, end, kind: 'punctuation' });
    }
    position = end;
  }
  return tokens;
}

function trimUrl(url: string): string {
  let trimmed = url.replace(URL_TRAILING_PUNCTUATION, '');
  // Keep a closing parenthesis that closes one opened inside the URL (Wikipedia-style addresses).
  const tail = url.slice(trimmed.length);
  if (tail.startsWith(')') && (trimmed.match(/\(/g)?.length ?? 0) > (trimmed.match(/\)/g)?.length ?? 0)) trimmed += ')';
  return trimmed;
}

/** Pushes the tokens of one word-like match; returns where tokenizing goes on. */
function pushWord(text: string, start: number, end: number, tokens: Token[], abbreviations: AbbreviationTable): number {
  if (text.charCodeAt(end) === 64 /* @ */) {
    EMAIL_PATTERN.lastIndex = start;
    const email = EMAIL_PATTERN.exec(text);
    if (email) {
      const emailEnd = start + email[0].replace(/\.+$/, '').length;
      tokens.push({ start, end: emailEnd, kind: 'email' });
      return emailEnd;
    }
  }
  let bodyEnd = end;
  let period: Token | null = null;
  if (text.charCodeAt(end - 1) === 46 /* . */) {
    if (LIST_NUMBER.test(text.slice(start, end)) && startsLine(text, start)) {
      tokens.push({ start, end, kind: 'number' }); // "1." numbering a list item
      return end;
    }
    const cls = abbreviations.classify(text.slice(start, end - 1));
    if (cls) {
      tokens.push({ start, end, kind: 'abbreviation', abbreviation: cls });
      return end;
    }
    bodyEnd = end - 1;
    period = { start: bodyEnd, end, kind: 'punctuation' };
  }
  const body = text.slice(start, bodyEnd);
  const clitic = CLITIC_SUFFIX.exec(body);
  const cliticLength = clitic && clitic[0].length < body.length ? clitic[0].length : 0;
  const wordEnd = bodyEnd - cliticLength;
  tokens.push({ start, end: wordEnd, kind: NUMBER.test(body) ? 'number' : 'word' });
  if (cliticLength) tokens.push({ start: wordEnd, end: bodyEnd, kind: 'word' });
  if (period) tokens.push(period);
  return end;
}
