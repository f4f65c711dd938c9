import { DEFAULT_AGGREGATE_LIMIT, MAX_AGGREGATE_LIMIT, type CityCount } from '../../store/analysis.js';
import { checkDateOrder } from '../date-order.js';
import { integerParameter, readQueryParameters } from '../params.js';
import { EVENT_PARAMETERS } from './events.js';
import type { RouteModule } from './route.js';

export const PLACE_PARAMETERS = {
  since: { ...EVENT_PARAMETERS.since, description: "Count only articles published, and events dated, on or after this date: YYYY-MM-DD, YYYY-MM, YYYY or an ISO date-time." },
  until: { ...EVENT_PARAMETERS.until, description: 'Count only articles published, and events dated, on or before this date (a day, month or year counts whole).' },
  site: { ...EVENT_PARAMETERS.site, description: 'Count only articles (and their events) from this site and its subdomains.' },
  source: { ...EVENT_PARAMETERS.source, description: 'Count only events whose source actor code starts with this (USA matches USAGOV), and articles that have such an event.' },
  target: { ...EVENT_PARAMETERS.target, description: 'Count only events whose target actor code starts with this, and articles that have such an event.' },
  theme: { ...EVENT_PARAMETERS.theme, description: 'Count only articles with this theme, and their events.' },
  limit: integerParameter('limit', { description: 'At most this many cities, most articles plus events first (every country is returned).', minimum: 1, maximum: MAX_AGGREGATE_LIMIT, fallback: DEFAULT_AGGREGATE_LIMIT }),
} as const;

export interface CountryCountJSON {
  /** ISO 3166-1 alpha-3. */
  country: string;
  /** ISO 3166-1 numeric (the ids of Natural Earth / world-atlas shapes), null when unknown. */
  numeric: string | null;
  name: string;
  lat: number | null;
  lon: number | null;
  articles: number;
  events: number;
}

export interface PlaceCountsJSON {
  countries: CountryCountJSON[];
  cities: CityCount[];
}

/**
 * GET /api/places: what a map draws. Per country, the articles that have it in their focus and the
 * events located in it (a choropleth: join on `numeric` or `country`); the leading cities with their
 * points and counts. Names, numeric codes and points of countries come from the gazetteer, loaded on the
 * first request.
 */
export const placeRoutes: RouteModule = {
  name: 'places',
  register(app, { store, gazetteer }) {
    app.get('/api/places', async (c) => {
      const p = readQueryParameters(c.req.url, PLACE_PARAMETERS);
      checkDateOrder(p.since, p.until);
      const counts = await store.placeCounts({ since: p.since, until: p.until, site: p.site, source: p.source, target: p.target, theme: p.theme, limit: p.limit });
      const places = gazetteer();
      const body: PlaceCountsJSON = {
        countries: counts.countries.map(({ country, articles, events }) => {
          const entry = places.country(country);
          return { country, numeric: entry?.admin2 || null, name: entry?.name ?? country, lat: entry?.lat ?? null, lon: entry?.lon ?? null, articles, events };
        }),
        cities: [...counts.cities],
      };
      return c.json(body);
    });
  },
};
