import type { QueryNode } from './parse.js';

/**
 * A parsed query as an SQLite FTS5 MATCH expression. Every phrase is emitted as a double-quoted FTS5
 * string of normalized tokens (letters and digits only, any `"` doubled all the same), so no character
 * of the user's query can act as FTS5 syntax (column filters, NEAR, ^, +). Operators are always
 * explicit and every compound operand is parenthesized: FTS5 rejects an implicit AND next to a group.
 */
export function toFts5(node: QueryNode): string {
  switch (node.type) {
    case 'phrase':
      return `"${node.tokens.join(' ').replace(/"/g, '""')}"${node.prefix ? '*' : ''}`;
    case 'and':
      return node.children.map(operand).join(' AND ');
    case 'or':
      return node.children.map(operand).join(' OR ');
    case 'not':
      return `${operand(node.include)} NOT ${operand(node.exclude)}`;
  }
}

function operand(node: QueryNode): string {
  return node.type === 'phrase' ? toFts5(node) : `(${toFts5(node)})`;
}
