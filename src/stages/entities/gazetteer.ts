import { foldToken } from './lexical.js';

/**
 * Lists of names (countries, cities, demonyms, people, organizations), each entry a phrase of tokens
 * in a category such as `LOC.country` or `PER.person`. The NER model does not trust a list blindly: a
 * match is a feature ("this token begins a phrase from the country list") whose weight was learned.
 * Matching is case-insensitive and token-based, longest phrase per category and start.
 *
 * File format (one entry per line, `#` lines are comments): `category<TAB>key key ...`, each key a
 * token in lookup form (gazetteerKey: typographic quotes and dashes folded, lower case).
 */

/** Joins the keys of a phrase prefix (a character that no token holds). */
const JOIN = '\u0001';
/** Categories are kept as bits of a number. */
const MAX_CATEGORIES = 31;

/** Key under which a token is looked up in the lists. */
export function gazetteerKey(token: string): string {
  return foldToken(token).toLowerCase();
}

export class Gazetteer {
  /**
   * Every prefix of every phrase (token keys joined by JOIN) → bit mask of the categories of the
   * phrases that end there (0: only a prefix). One flat map loads much faster than a trie of maps.
   */
  private readonly prefixes = new Map<string, number>();
  private readonly categoryIndex = new Map<string, number>();
  readonly categories: string[] = [];
  private size = 0;

  /** The number of phrases. */
  get entryCount(): number {
    return this.size;
  }

  add(category: string, tokens: readonly string[]): void {
    this.addKeys(category, tokens.map(gazetteerKey));
  }

  /** Adds a phrase whose tokens are lookup keys already (see gazetteerKey). */
  private addKeys(category: string, keys: readonly string[]): void {
    if (keys.length === 0) return;
    let index = this.categoryIndex.get(category);
    if (index === undefined) {
      index = this.categories.length;
      if (index >= MAX_CATEGORIES) throw new Error(`more than ${MAX_CATEGORIES} gazetteer categories`);
      this.categories.push(category);
      this.categoryIndex.set(category, index);
    }
    let prefix = '';
    for (let k = 0; k < keys.length; k++) {
      prefix = k === 0 ? keys[0]! : `${prefix}${JOIN}${keys[k]!}`;
      if (!this.prefixes.has(prefix)) this.prefixes.set(prefix, 0);
    }
    const mask = this.prefixes.get(prefix)!;
    if ((mask & (1 << index)) === 0) {
      this.prefixes.set(prefix, mask | (1 << index));
      this.size++;
    }
  }

  /**
   * For each token, the matches it is part of, as codes `category * 2 + (begins ? 0 : 1)`. For every
   * start token and category only the longest phrase counts.
   */
  match(keys: readonly string[]): number[][] {
    const marks: number[][] = keys.map(() => []);
    const longest: number[] = new Array(this.categories.length);
    for (let start = 0; start < keys.length; start++) {
      longest.fill(0);
      let prefix = '';
      for (let end = start; end < keys.length; end++) {
        prefix = end === start ? keys[end]! : `${prefix}${JOIN}${keys[end]!}`;
        const mask = this.prefixes.get(prefix);
        if (mask === undefined) break;
        for (let c = 0; mask !== 0 && c < this.categories.length; c++) if (mask & (1 << c)) longest[c] = end + 1;
      }
      for (let category = 0; category < longest.length; category++) {
        const end = longest[category]!;
        if (end === 0) continue;
        pushUnique(marks[start]!, category * 2);
        for (let i = start + 1; i < end; i++) pushUnique(marks[i]!, category * 2 + 1);
      }
    }
    return marks;
  }

  /**
   * Parses the gazetteer file format. The phrases are stored as lookup keys (see gazetteerKey) joined
   * by single spaces, as scripts/ner/build-gazetteer.ts writes them. Throws an Error with the line
   * number on a malformed line.
   */
  static parse(text: string): Gazetteer {
    const gazetteer = new Gazetteer();
    let lineStart = 0;
    let lineNumber = 0;
    while (lineStart < text.length) {
      let lineEnd = text.indexOf('\n', lineStart);
      if (lineEnd < 0) lineEnd = text.length;
      const line = text.slice(lineStart, lineEnd);
      lineStart = lineEnd + 1;
      lineNumber++;
      if (line === '' || line.startsWith('#')) continue;
      const tab = line.indexOf('\t');
      if (tab <= 0 || tab === line.length - 1) throw new Error(`gazetteer line ${lineNumber}: expected "category<TAB>phrase"`);
      gazetteer.addKeys(line.slice(0, tab), line.slice(tab + 1).split(' '));
    }
    return gazetteer;
  }
}

function pushUnique(list: number[], value: number): void {
  if (!list.includes(value)) list.push(value);
}
