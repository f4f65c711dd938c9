import { MAX_SEARCH_LIMIT } from '../../store/store.js';
import type { StoredQuote } from '../../store/analysis.js';
import type { QuoteKind } from '../../stages/quotes/quote.js';
import { checkDateOrder } from '../date-order.js';
import { choiceParameter, codeParameter, integerParameter, readQueryParameters, textParameter } from '../params.js';
import { ARTICLE_LIST_PARAMETERS, DEFAULT_PAGE_SIZE } from './articles.js';
import { SELECTION_PARAMETERS } from '../selection.js';
import type { RouteModule } from './route.js';

export const QUOTE_PARAMETERS = {
  q: { ...SELECTION_PARAMETERS.q, example: '"quoted words"', description: 'Only quotes with these words, in the search language: words (all must match), "exact phrases", prefix*, OR, NOT, parentheses (no filters: use the parameters).' },
  speaker: textParameter('speaker', { description: "Only quotes whose speaker's name or actor code contains this (case does not matter): Wang, kerry, USAGOV.", example: 'Wang', maxLength: 200 }),
  speakerCode: codeParameter('speakerCode', { description: "Only quotes whose speaker's actor code starts with this (USA: USAGOV's quotes too).", pattern: /^[A-Z0-9]{1,40}$/, example: 'CHNGOV', upper: true, accepts: 'an actor code or its start, such as CHNGOV (letters and digits)' }),
  kind: choiceParameter<QuoteKind>('kind', { description: 'Only quotes of this kind: direct (in quote marks), partial (a few quoted words), reported (indirect speech), mixed.', values: ['direct', 'partial', 'reported', 'mixed'], example: 'direct' }),
  since: { ...ARTICLE_LIST_PARAMETERS.since, description: 'Only quotes of articles published on or after this date (YYYY-MM-DD, YYYY-MM, YYYY or an ISO date-time).' },
  until: { ...ARTICLE_LIST_PARAMETERS.until, description: 'Only quotes of articles published on or before this date.' },
  site: { ...ARTICLE_LIST_PARAMETERS.site, description: 'Only quotes of articles from this site and its subdomains.' },
  limit: integerParameter('limit', { description: 'Quotes per page.', minimum: 1, maximum: MAX_SEARCH_LIMIT, fallback: DEFAULT_PAGE_SIZE }),
  cursor: { ...ARTICLE_LIST_PARAMETERS.cursor, description: 'The `next` of the previous page, unchanged, with the same filters (limit may change). Opaque.' },
} as const;

export interface QuoteListJSON {
  quotes: StoredQuote[];
  next: string | null;
}

/** GET /api/quotes: who said what, by the article's date. */
export const quoteRoutes: RouteModule = {
  name: 'quotes',
  register(app, { store }) {
    app.get('/api/quotes', async (c) => {
      const p = readQueryParameters(c.req.url, QUOTE_PARAMETERS);
      checkDateOrder(p.since, p.until);
      const page = await store.queryQuotes({ text: p.q, speaker: p.speaker, speakerCode: p.speakerCode, kind: p.kind, since: p.since, until: p.until, site: p.site, limit: p.limit, cursor: p.cursor ?? null });
      const body: QuoteListJSON = { quotes: [...page.quotes], next: page.nextCursor };
      return c.json(body);
    });
  },
};
