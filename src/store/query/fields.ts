import { QuerySyntaxError } from '../errors.js';
import type { ArticleFilter } from '../store.js';

/**
 * Filters written into a search query, as analysts type them in a search box or share in a link:
 *
 *   cyber theme:CYBER_SECURITY actor:CHN site:voanews.com lang:en since:2013-01 until:2013-12
 *   ceasefire country:SYR        (articles whose focus, found by the places stage, includes Syria)
 *
 * A filter narrows the whole query, so it stands at the top level, ANDed with the rest: never inside
 * parentheses, next to OR or after NOT (`a OR site:x` has no clear meaning, and an error says so rather
 * than guessing). What remains is the query proper (parse.ts); it may be empty — a query of filters
 * only selects the newest articles that pass them.
 */

/** The filter names of the query language and the ArticleFilter field each one sets. */
export const QUERY_FIELDS = {
  site: 'site',
  lang: 'language',
  actor: 'actor',
  theme: 'theme',
  country: 'country',
  since: 'since',
  until: 'until',
} as const satisfies Record<string, keyof ArticleFilter>;

export type QueryField = keyof typeof QUERY_FIELDS;

export interface SplitQuery {
  /** The query without its filters, or null when nothing but filters was given. */
  readonly text: string | null;
  /** The filters the query named (unchecked values: the store checks them as it does flags). */
  readonly filter: Partial<Record<(typeof QUERY_FIELDS)[QueryField], string>>;
}

const FIELD = /^([A-Za-z]+):(.+)$/;

interface Word {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly depth: number;
}

/** Splits a query into its filters and the rest; QuerySyntaxError for a misplaced or repeated filter. */
export function splitQueryFilters(query: string): SplitQuery {
  const words = scan(query);
  const filter: Record<string, string> = {};
  const cut: [number, number][] = [];
  words.forEach((word, i) => {
    const match = FIELD.exec(word.text.startsWith('-') ? word.text.slice(1) : word.text);
    const name = match?.[1]!.toLowerCase();
    if (!match || !(name! in QUERY_FIELDS)) return;
    const key = QUERY_FIELDS[name as QueryField];
    const at = word.start + 1;
    const previous = words[i - 1]?.text;
    const next = words[i + 1]?.text;
    if (word.depth > 0) throw new QuerySyntaxError(`The filter ${name}: at position ${at} is inside parentheses: filters apply to the whole query, so put it outside them.`, word.start);
    if (word.text.startsWith('-') || previous === 'NOT') throw new QuerySyntaxError(`The filter ${name}: at position ${at} cannot be negated: filters select what to keep.`, word.start);
    if (previous === 'OR' || next === 'OR') throw new QuerySyntaxError(`The filter ${name}: at position ${at} is joined with OR: filters apply to the whole query, so join them with the rest by AND (a space).`, word.start);
    const value = match[2]!;
    if (filter[key] !== undefined && filter[key] !== value) throw new QuerySyntaxError(`The filter ${name}: is given twice (${filter[key]}, ${value}): give it once.`, word.start);
    filter[key] = value;
    cut.push([word.start, word.end]);
    // An AND right before or after a filter joins it to the rest: it goes with the filter.
    if (previous === 'AND') cut.push([words[i - 1]!.start, words[i - 1]!.end]);
    else if (next === 'AND' && i === 0) cut.push([words[i + 1]!.start, words[i + 1]!.end]);
  });
  if (cut.length === 0) return { text: query.trim() === '' ? null : query, filter: {} };
  let rest = '';
  let from = 0;
  for (const [start, end] of cut.sort((a, b) => a[0] - b[0])) {
    rest += `${query.slice(from, start)} `;
    from = end;
  }
  rest = (rest + query.slice(from)).replace(/\s+/g, ' ').trim();
  return { text: rest === '' ? null : rest, filter };
}

/** The whitespace-separated words outside quoted phrases, with their parenthesis depth. */
function scan(query: string): Word[] {
  const words: Word[] = [];
  let depth = 0;
  let i = 0;
  while (i < query.length) {
    const c = query[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"') {
      const close = query.indexOf('"', i + 1);
      i = close === -1 ? query.length : close + 1;
    } else if (c === '(' || c === ')') {
      depth = Math.max(0, depth + (c === '(' ? 1 : -1));
      i++;
    } else {
      const start = i;
      while (i < query.length && !/[\s()"]/.test(query[i]!)) i++;
      words.push({ text: query.slice(start, i), start, end: i, depth });
    }
  }
  return words;
}
