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

/** Categories are kept as bits of a number. */
const MAX_CATEGORIES = 31;
/** Trie edges are keyed node × TOKEN_LIMIT + token id (exact in a double up to 2^53). */
const TOKEN_LIMIT = 2 ** 24;
const ROOT = 0;
const NO_MARKS: readonly number[] = Object.freeze([]);

/** Key under which a token is looked up in the lists. */
export function gazetteerKey(token: string): string {
  return foldToken(token).toLowerCase();
}

export class Gazetteer {
  /** Token key → token id, for every token of every phrase. */
  private readonly tokenIds = new Map<string, number>();
  /**
   * The phrases as a trie over token ids: edge (node, token) → child node. Matching follows edges with
   * numbers only, so no string is built per token tried.
   */
  private readonly edges = new Map<number, number>();
  /** Per node: bit mask of the categories of the phrases that end there (0: only a prefix). */
  private masks: number[] = [0];
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
    let node = ROOT;
    for (const key of keys) {
      let id = this.tokenIds.get(key);
      if (id === undefined) {
        id = this.tokenIds.size;
        if (id >= TOKEN_LIMIT) throw new Error(`more than ${TOKEN_LIMIT} distinct tokens in the name lists`);
        this.tokenIds.set(key, id);
      }
      const edge = node * TOKEN_LIMIT + id;
      let child = this.edges.get(edge);
      if (child === undefined) {
        child = this.masks.length;
        this.masks.push(0);
        this.edges.set(edge, child);
      }
      node = child;
    }
    const mask = this.masks[node]!;
    if ((mask & (1 << index)) === 0) {
      this.masks[node] = mask | (1 << index);
      this.size++;
    }
  }

  /**
   * For each token, the matches it is part of, as codes `category * 2 + (begins ? 0 : 1)`. For every
   * start token and category only the longest phrase counts. Tokens without a match share one frozen
   * empty list.
   */
  match(keys: readonly string[]): (readonly number[])[] {
    const n = keys.length;
    const ids = new Float64Array(n);
    for (let i = 0; i < n; i++) ids[i] = this.tokenIds.get(keys[i]!) ?? -1;
    const marks: (readonly number[])[] = new Array<readonly number[]>(n).fill(NO_MARKS);
    const add = (i: number, code: number): void => {
      const list = marks[i] === NO_MARKS ? (marks[i] = []) : marks[i]!;
      if (!list.includes(code)) (list as number[]).push(code);
    };
    const longest = new Int32Array(this.categories.length);
    for (let start = 0; start < n; start++) {
      if (ids[start]! < 0) continue;
      let node = ROOT;
      let found = false;
      for (let end = start; end < n && ids[end]! >= 0; end++) {
        const child = this.edges.get(node * TOKEN_LIMIT + ids[end]!);
        if (child === undefined) break;
        node = child;
        const mask = this.masks[node]!;
        if (mask === 0) continue;
        if (!found) longest.fill(0);
        found = true;
        for (let c = 0; c < longest.length; c++) if (mask & (1 << c)) longest[c] = end + 1;
      }
      if (!found) continue;
      for (let category = 0; category < longest.length; category++) {
        const end = longest[category]!;
        if (end === 0) continue;
        add(start, category * 2);
        for (let i = start + 1; i < end; i++) add(i, category * 2 + 1);
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
