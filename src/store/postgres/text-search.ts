import type { QueryNode } from '../query/parse.js';
import { tokenize } from '../query/tokens.js';

/**
 * PostgreSQL text search over Parley's own tokens (query/tokens.ts), so that a query finds the same
 * articles as in SQLite and memory: the tsvector is written as a literal of already-normalized lexemes
 * with their positions (no text-search configuration, parser or dictionary of the server touches them:
 * its parser and stemmers differ per language and locale), and so is the tsquery.
 *
 * Title tokens carry weight A at positions 1..n; body tokens follow after a gap (a phrase never runs
 * from the title into the body) with the default weight D. PostgreSQL's own limits apply, as to
 * to_tsvector: positions stop at 16383 (phrases deep in a very long article match less exactly), at
 * most 256 positions are kept per lexeme, lexemes over 2 KB are left out, and the vector is cut at
 * MAX_VECTOR_LEXEMES distinct words.
 */

const MAX_POSITION = 16383;
const MAX_POSITIONS_PER_LEXEME = 256;
const MAX_LEXEME_BYTES = 2046;
/** Distinct lexemes kept per article (a tsvector must stay under 1 MB). */
export const MAX_VECTOR_LEXEMES = 40_000;

function quote(lexeme: string): string {
  return `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

export function searchVector(title: string | null, text: string): string {
  const positions = new Map<string, { title: number[]; body: number[] }>();
  const add = (token: string, position: number, inTitle: boolean): void => {
    if (Buffer.byteLength(token) > MAX_LEXEME_BYTES) return;
    let entry = positions.get(token);
    if (!entry) {
      if (positions.size >= MAX_VECTOR_LEXEMES) return;
      entry = { title: [], body: [] };
      positions.set(token, entry);
    }
    const list = inTitle ? entry.title : entry.body;
    if (entry.title.length + entry.body.length < MAX_POSITIONS_PER_LEXEME) list.push(Math.min(position, MAX_POSITION));
  };
  const titleTokens = tokenize(title ?? '');
  titleTokens.forEach((t, i) => add(t.token, i + 1, true));
  const offset = titleTokens.length + 2;
  tokenize(text).forEach((t, i) => add(t.token, offset + i, false));
  const parts: string[] = [];
  for (const [lexeme, { title: inTitle, body }] of positions) {
    const list = [...inTitle.map((p) => `${p}A`), ...body.map(String)];
    parts.push(`${quote(lexeme)}:${list.join(',')}`);
  }
  return parts.join(' ');
}

/** A parsed query as a tsquery literal: phrases of quoted lexemes joined by <-> (`:*` for a prefix). */
export function toTsquery(node: QueryNode): string {
  switch (node.type) {
    case 'phrase': {
      const lexemes = node.tokens.map(quote);
      if (node.prefix) lexemes[lexemes.length - 1] += ':*';
      return lexemes.length === 1 ? lexemes[0]! : `(${lexemes.join(' <-> ')})`;
    }
    case 'and':
      return `(${node.children.map(toTsquery).join(' & ')})`;
    case 'or':
      return `(${node.children.map(toTsquery).join(' | ')})`;
    case 'not':
      return `(${toTsquery(node.include)} & !${toTsquery(node.exclude)})`;
  }
}
