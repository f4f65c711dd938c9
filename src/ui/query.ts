/**
 * Filters in a search query, as the API reads them (`site:x lang:en actor:USA theme:TRADE since:… until:…`):
 * clicking a facet or a period adds one to the query the user sees, so the URL says exactly what is shown.
 */

export type QueryFilter = 'site' | 'lang' | 'actor' | 'theme' | 'since' | 'until';

function pattern(name: QueryFilter): RegExp {
  return new RegExp(`(^|\\s)${name}:\\S+`, 'gi');
}

/** The query with `name:value` set (replacing the filter if present); value null removes it. */
export function withFilter(query: string, name: QueryFilter, value: string | null): string {
  const without = query.replace(pattern(name), ' ').replace(/\s+/g, ' ').trim();
  return value === null ? without : `${without} ${name}:${value}`.trim();
}

/** The value of a filter written in the query, or null. */
export function filterOf(query: string, name: QueryFilter): string | null {
  const match = new RegExp(`(?:^|\\s)${name}:(\\S+)`, 'i').exec(query);
  return match ? match[1]! : null;
}
