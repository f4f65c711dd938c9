import { QuerySyntaxError } from '../errors.js';
import { queryTokens } from './tokens.js';

/**
 * The search query language, parsed once into a tree that each adapter translates (SQLite: an FTS5
 * MATCH expression built from escaped phrases only; memory: evaluated directly). Nothing typed by a
 * user reaches FTS5 unescaped, and a malformed query is a QuerySyntaxError that says what and where.
 *
 *   climate change          both words, anywhere (implicit AND)
 *   "climate change"        the exact phrase
 *   climat*                 a word starting with `climat`
 *   coal OR gas             either
 *   climate NOT coal        climate without coal (also `climate -coal`)
 *   (coal OR gas) AND price grouping; AND binds tighter than OR: `a b OR c` is `(a b) OR c`
 *
 * Operators are upper case; lower-case `and`, `or`, `not` are words. A NOT (or `-`) excludes its term
 * from everything ANDed with it: `climate change NOT coal` is `(climate change) NOT coal`.
 */

export type QueryNode =
  | { readonly type: 'phrase'; readonly tokens: readonly string[]; readonly prefix: boolean }
  | { readonly type: 'and'; readonly children: readonly QueryNode[] }
  | { readonly type: 'or'; readonly children: readonly QueryNode[] }
  | { readonly type: 'not'; readonly include: QueryNode; readonly exclude: QueryNode };

export interface QueryLimits {
  /** Longest query accepted, in characters. */
  readonly maxLength: number;
  /** Most words and phrases in one query. */
  readonly maxTerms: number;
  /** Deepest nesting of parentheses. */
  readonly maxDepth: number;
  /** Shortest word a `*` may follow (a shorter prefix would match most of the vocabulary). */
  readonly minPrefixLength: number;
}

export const DEFAULT_QUERY_LIMITS: QueryLimits = Object.freeze({ maxLength: 1000, maxTerms: 64, maxDepth: 16, minPrefixLength: 2 });

type Lexeme =
  | { readonly kind: 'term'; readonly tokens: readonly string[]; readonly prefix: boolean; readonly negated: boolean; readonly at: number; readonly text: string }
  | { readonly kind: 'AND' | 'OR' | 'NOT' | '(' | ')'; readonly at: number; readonly negated?: boolean };

const OPERATORS = new Set(['AND', 'OR', 'NOT']);

export function parseQuery(query: string, limits: QueryLimits = DEFAULT_QUERY_LIMITS): QueryNode {
  if (query.length > limits.maxLength) {
    throw new QuerySyntaxError(`The query is ${query.length} characters long, over the limit of ${limits.maxLength}: shorten it.`, limits.maxLength);
  }
  const lexemes = lex(query, limits);
  if (lexemes.length === 0) {
    throw new QuerySyntaxError(query.trim() === '' ? 'The query is empty: give at least one word to search for.' : 'The query has no words to search for (only punctuation): give at least one word.', 0);
  }
  const terms = lexemes.filter((l) => l.kind === 'term').length;
  if (terms > limits.maxTerms) throw new QuerySyntaxError(`The query has ${terms} words and phrases, over the limit of ${limits.maxTerms}: shorten it.`, 0);
  return new Parser(lexemes, query.length, limits.maxDepth).parse();
}

function lex(query: string, limits: QueryLimits): Lexeme[] {
  const out: Lexeme[] = [];
  let i = 0;
  while (i < query.length) {
    const c = query[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const at = i;
    const negated = c === '-' && i + 1 < query.length && !/\s/.test(query[i + 1]!);
    if (negated) i++;
    const d = query[i]!;
    if (d === '(' || d === ')') {
      if (negated && d === ')') throw new QuerySyntaxError(`The "-" at position ${at + 1} must be followed by a word, a phrase or a "(".`, at);
      out.push({ kind: d, at, negated });
      i++;
      continue;
    }
    if (d === '"') {
      const close = query.indexOf('"', i + 1);
      if (close === -1) throw new QuerySyntaxError(`The quote at position ${i + 1} is never closed: add a closing ".`, i);
      const text = query.slice(i + 1, close);
      const { tokens, prefix: open } = queryTokens(text);
      if (tokens.length === 0) throw new QuerySyntaxError(`The phrase at position ${i + 1} has no words in it: remove it or put words between the quotes.`, i);
      i = close + 1;
      const prefix = query[i] === '*';
      if (prefix) i++;
      if (prefix) checkPrefix(tokens, i - 1, limits);
      out.push({ kind: 'term', tokens, prefix: prefix || open, negated, at, text: query.slice(at, i) });
      continue;
    }
    const wordStart = i;
    let end = i;
    while (end < query.length && !/[\s"()]/.test(query[end]!)) end++;
    const word = query.slice(wordStart, end);
    i = end;
    if (!negated && OPERATORS.has(word)) {
      out.push({ kind: word as 'AND' | 'OR' | 'NOT', at });
      continue;
    }
    const star = word.indexOf('*');
    if (star !== -1 && star !== word.length - 1) {
      throw new QuerySyntaxError(`A * may only end a word ("climat*"); found one inside "${word}" at position ${wordStart + star + 1}.`, wordStart + star);
    }
    const prefix = star === word.length - 1;
    // A CJK word ending in one character is open: it matches every token starting with it (tokens.ts).
    const { tokens, prefix: open } = queryTokens(prefix ? word.slice(0, -1) : word);
    if (tokens.length === 0) {
      if (prefix) throw new QuerySyntaxError(`The * at position ${end} must follow a word ("climat*").`, end - 1);
      continue; // punctuation alone (a dash, an ampersand) is not indexed: nothing to search for
    }
    if (prefix) checkPrefix(tokens, end - 1, limits);
    out.push({ kind: 'term', tokens, prefix: prefix || open, negated, at, text: query.slice(at, end) });
  }
  return out;
}

function checkPrefix(tokens: readonly string[], at: number, limits: QueryLimits): void {
  const last = tokens[tokens.length - 1]!;
  if ([...last].length < limits.minPrefixLength) {
    throw new QuerySyntaxError(`The prefix "${last}*" at position ${at + 1} is too short: give at least ${limits.minPrefixLength} letters before the *.`, at);
  }
}

class Parser {
  private next = 0;
  private depth = 0;

  constructor(
    private readonly lexemes: readonly Lexeme[],
    private readonly end: number,
    private readonly maxDepth: number,
  ) {}

  parse(): QueryNode {
    const node = this.expression();
    const rest = this.peek();
    if (rest) {
      throw new QuerySyntaxError(rest.kind === ')' ? `The ")" at position ${rest.at + 1} has no matching "(".` : `Unexpected ${describe(rest)} at position ${rest.at + 1}.`, rest.at);
    }
    return node;
  }

  /** expression := sequence (OR sequence)* */
  private expression(): QueryNode {
    const children = [this.sequence()];
    while (this.peek()?.kind === 'OR') {
      const or = this.take()!;
      if (!this.startsItem(this.peek())) throw this.needsOperand('OR', or.at, 'on both sides');
      children.push(this.sequence());
    }
    return children.length === 1 ? children[0]! : { type: 'or', children };
  }

  /** sequence := item ((AND)? item)*, where NOT items exclude from the others */
  private sequence(): QueryNode {
    const include: QueryNode[] = [];
    const exclude: QueryNode[] = [];
    const first = this.peek();
    if (!first || !this.startsItem(first)) {
      if (first && (first.kind === 'AND' || first.kind === 'OR')) throw this.needsOperand(first.kind, first.at, 'on both sides');
      if (first?.kind === ')' && this.depth === 0) throw new QuerySyntaxError(`The ")" at position ${first.at + 1} has no matching "(".`, first.at);
      if (first?.kind === ')') throw new QuerySyntaxError(`The "(" before position ${first.at + 1} is empty or ends with an operator: put a word or phrase in it.`, first.at);
      throw new QuerySyntaxError('The query ends where a word or phrase is expected.', this.end);
    }
    let firstNot: number | null = null;
    for (;;) {
      const lexeme = this.peek();
      if (lexeme?.kind === 'AND') {
        this.take();
        if (!this.startsItem(this.peek())) throw this.needsOperand('AND', lexeme.at, 'on both sides');
        continue;
      }
      if (!lexeme || !this.startsItem(lexeme)) break;
      const { node, negated, at } = this.item();
      if (negated) {
        exclude.push(node);
        firstNot ??= at;
      } else {
        include.push(node);
      }
    }
    if (include.length === 0) {
      throw new QuerySyntaxError(`NOT (or -) at position ${firstNot! + 1} excludes from the other words, but there are none: write e.g. "climate NOT coal".`, firstNot!);
    }
    const positive: QueryNode = include.length === 1 ? include[0]! : { type: 'and', children: include };
    if (exclude.length === 0) return positive;
    return { type: 'not', include: positive, exclude: exclude.length === 1 ? exclude[0]! : { type: 'or', children: exclude } };
  }

  /** item := (NOT | -)? (term | "(" expression ")") */
  private item(): { node: QueryNode; negated: boolean; at: number } {
    let lexeme = this.take()!;
    const at = lexeme.at;
    let negated = lexeme.negated === true;
    if (lexeme.kind === 'NOT') {
      negated = true;
      const following = this.peek();
      if (!following || !(following.kind === 'term' || following.kind === '(') || following.negated) throw this.needsOperand('NOT', at, 'after it');
      lexeme = this.take()!;
    }
    if (lexeme.kind === 'term') return { node: { type: 'phrase', tokens: lexeme.tokens, prefix: lexeme.prefix }, negated, at };
    if (lexeme.kind !== '(') throw new QuerySyntaxError(`Unexpected ${describe(lexeme)} at position ${lexeme.at + 1}.`, lexeme.at);
    if (++this.depth > this.maxDepth) throw new QuerySyntaxError(`Parentheses are nested more than ${this.maxDepth} deep at position ${lexeme.at + 1}.`, lexeme.at);
    if (this.peek()?.kind === ')') throw new QuerySyntaxError(`The parentheses at position ${lexeme.at + 1} are empty: put a word or phrase in them.`, lexeme.at);
    const node = this.expression();
    const close = this.take();
    if (close?.kind !== ')') throw new QuerySyntaxError(`The "(" at position ${lexeme.at + 1} is never closed: add a ")".`, lexeme.at);
    this.depth--;
    return { node, negated, at };
  }

  private startsItem(lexeme: Lexeme | undefined): boolean {
    return lexeme !== undefined && (lexeme.kind === 'term' || lexeme.kind === '(' || lexeme.kind === 'NOT');
  }

  private needsOperand(operator: string, at: number, where: string): QuerySyntaxError {
    return new QuerySyntaxError(`${operator} at position ${at + 1} needs a word or phrase ${where} (e.g. "coal ${operator} gas"; lower-case "${operator.toLowerCase()}" is searched as a word).`, at);
  }

  private peek(): Lexeme | undefined {
    return this.lexemes[this.next];
  }

  private take(): Lexeme | undefined {
    return this.lexemes[this.next++];
  }
}

function describe(lexeme: Lexeme): string {
  return lexeme.kind === 'term' ? `"${lexeme.text}"` : `"${lexeme.kind}"`;
}

/** The phrases a match can be shown for (those not under a NOT), for highlighting. */
export function positivePhrases(node: QueryNode): { tokens: readonly string[]; prefix: boolean }[] {
  switch (node.type) {
    case 'phrase':
      return [node];
    case 'and':
    case 'or':
      return node.children.flatMap(positivePhrases);
    case 'not':
      return positivePhrases(node.include);
  }
}
