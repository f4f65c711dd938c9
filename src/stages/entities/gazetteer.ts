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
  private readonly edges = new EdgeTable();
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
        this.tokenIds.set(key, id);
      }
      let child = this.edges.get(node, id);
      if (child < 0) {
        child = this.masks.length;
        this.masks.push(0);
        this.edges.set(node, id, child);
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
    const ids = new Int32Array(n);
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
        const child = this.edges.get(node, ids[end]!);
        if (child < 0) break;
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

/**
 * The trie's edges: (node, token id) → child node, in an open-addressing table of Int32 triples. A Map
 * keyed by a number built from both would need keys past the small-integer range, which V8 stores and
 * hashes as heap numbers; this table allocates nothing per lookup.
 */
class EdgeTable {
  /** (node, token, child) triples; node -1 marks an empty slot. */
  private slots = new Int32Array(3 * 1024).fill(-1);
  private mask = 1023;
  private size = 0;

  get(node: number, token: number): number {
    let slot = edgeHash(node, token) & this.mask;
    for (;;) {
      const at = 3 * slot;
      const found = this.slots[at]!;
      if (found === -1) return -1;
      if (found === node && this.slots[at + 1] === token) return this.slots[at + 2]!;
      slot = (slot + 1) & this.mask;
    }
  }

  /** Adds an edge that is not in the table yet. */
  set(node: number, token: number, child: number): void {
    if (2 * (this.size + 1) > this.mask + 1) this.grow();
    this.insert(node, token, child);
    this.size++;
  }

  private insert(node: number, token: number, child: number): void {
    let slot = edgeHash(node, token) & this.mask;
    while (this.slots[3 * slot] !== -1) slot = (slot + 1) & this.mask;
    this.slots[3 * slot] = node;
    this.slots[3 * slot + 1] = token;
    this.slots[3 * slot + 2] = child;
  }

  private grow(): void {
    const old = this.slots;
    this.mask = 2 * (this.mask + 1) - 1;
    this.slots = new Int32Array(3 * (this.mask + 1)).fill(-1);
    for (let at = 0; at < old.length; at += 3) if (old[at] !== -1) this.insert(old[at]!, old[at + 1]!, old[at + 2]!);
  }
}

function edgeHash(node: number, token: number): number {
  return (Math.imul(node, 0x9e3779b1) ^ Math.imul(token + 1, 0x85ebca6b)) >>> 11;
}
