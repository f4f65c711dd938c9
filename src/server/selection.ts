import { splitQueryFilters } from '../store/query/fields.js';
import type { ArticleSelection } from '../store/explore.js';
import { checkDateOrder } from './date-order.js';
import { invalidParameter } from './errors.js';
import { codeParameter, dateParameter, hostParameter, languageParameter, textParameter } from './params.js';

/**
 * Which articles a request is about: a query `q` — words, and filters written into it as a search box
 * takes them (`cyber site:voanews.com theme:CYBER_SECURITY`) — and the same filters as parameters.
 * Every route over articles (search, timelines, facets, networks, the theme grid) reads them here, so
 * they all agree on what a link means.
 */

/** Longest `q` read here; the store's own query limits (length, terms, nesting) apply within it. */
export const MAX_QUERY_LENGTH = 1000;

export const ACTOR_CODE = /^[A-Z0-9]{1,40}$/;
export const THEME_CODE = /^[A-Z0-9_]{1,80}$/;

export const SELECTION_PARAMETERS = {
  q: textParameter('q', {
    description:
      'A search query: words (all must match), "exact phrases", prefix* (at least 2 letters), OR, NOT or -word, parentheses; operators in upper case; case and accents never matter. Filters may be written into it as name:value — site:, lang:, actor:, theme:, country:, since:, until: — at its top level (not inside parentheses or next to OR).',
    example: '"harbour bridge" OR ferry',
    maxLength: MAX_QUERY_LENGTH,
  }),
  since: dateParameter('since', 'since', 'Only articles published on or after this date: YYYY-MM-DD, YYYY-MM, YYYY (from its start) or an ISO date-time (UTC without an offset). Undated articles never match a date filter.'),
  until: dateParameter('until', 'until', 'Only articles published on or before this date: a day, month or year counts whole; or an ISO date-time.'),
  site: hostParameter('site', 'Only articles from this site and its subdomains (example.com matches news.example.com; www. is ignored).'),
  lang: languageParameter('lang', 'Only articles in this language (ISO 639-1 code, e.g. en).'),
  actor: codeParameter('actor', {
    description: 'Only articles that mention an actor whose code starts with this (USA matches USA, USAGOV, USAMIL; case does not matter).',
    pattern: ACTOR_CODE,
    example: 'USA',
    upper: true,
    accepts: 'an actor code or its start, such as USA or CHNGOV (letters and digits)',
  }),
  theme: codeParameter('theme', {
    description: 'Only articles with this theme (a taxonomy code; GET /api/themes lists them).',
    pattern: THEME_CODE,
    example: 'CYBER_SECURITY',
    upper: true,
    accepts: 'a theme code such as CYBER_SECURITY (letters, digits and _)',
  }),
  country: codeParameter('country', {
    description: 'Only articles mainly about this country: their focus (the countries the places stage found they are about) includes it. An ISO 3166-1 alpha-3 code.',
    pattern: /^[A-Z]{3}$/,
    example: 'SYR',
    upper: true,
    accepts: 'an ISO 3166-1 alpha-3 country code such as SYR or USA',
  }),
} as const;

type SelectionValues = { [K in keyof typeof SELECTION_PARAMETERS]?: string };

/** The filters a query may name and the parameter that names the same filter. */
const PARAMETER_OF = { site: 'site', language: 'lang', actor: 'actor', theme: 'theme', country: 'country', since: 'since', until: 'until' } as const;

/**
 * The selection of a request: q's words, and its filters merged with the parameters (each checked as
 * the parameter would be). A filter given both ways must agree; a 400 names it otherwise.
 */
export function readSelection(values: SelectionValues): ArticleSelection {
  const split = values.q === undefined ? { text: null, filter: {} } : splitQueryFilters(values.q);
  const merged: Record<string, string | undefined> = {};
  for (const [field, parameter] of Object.entries(PARAMETER_OF) as [keyof typeof PARAMETER_OF, keyof SelectionValues][]) {
    const fromQuery = split.filter[field];
    const checked = fromQuery === undefined ? undefined : SELECTION_PARAMETERS[parameter].parse(fromQuery);
    const given = values[parameter];
    if (checked !== undefined && given !== undefined && checked !== given) {
      throw invalidParameter(parameter, `is ${given}, but q says ${field === 'language' ? 'lang' : field}:${fromQuery}: give the filter once.`);
    }
    merged[field] = given ?? checked;
  }
  checkDateOrder(merged.since, merged.until);
  return { text: split.text, ...(Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== undefined)) as Partial<ArticleSelection>) };
}
