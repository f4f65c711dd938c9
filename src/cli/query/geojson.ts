import type { FocusRecord, StoredEvent } from '../../store/analysis.js';
import type { StoredArticle } from '../../store/store.js';

/**
 * `parley export --format geojson`: one GeoJSON FeatureCollection (RFC 7946) of points — each event with a
 * location (GDELT's ActionGeo: its place, how it was chosen) and each focus place of each article (the
 * countries and cities it is mainly about). Written piece by piece: memory does not grow with the archive.
 * Coordinates are [longitude, latitude] (WGS 84), as GeoJSON orders them.
 */

export const GEOJSON_START = '{"type":"FeatureCollection","features":[\n';
export const GEOJSON_END = '\n]}\n';

function feature(lon: number, lat: number, properties: Record<string, unknown>): string {
  return JSON.stringify({ type: 'Feature', geometry: { type: 'Point', coordinates: [lon, lat] }, properties });
}

/** The event's point, or null when the event has no location. */
export function eventFeature(event: StoredEvent): string | null {
  const location = event.location;
  if (!location) return null;
  const { place } = location;
  return feature(place.lon, place.lat, {
    kind: 'event', eventId: event.id, articleId: event.articleId, url: event.url, date: event.date,
    code: event.code, root: event.root, quadClass: event.quadClass, goldstein: event.goldstein,
    source: event.source?.code ?? null, target: event.target?.code ?? null,
    place: place.name, placeType: place.type, country: place.country, admin1: place.admin1, geonameId: place.geonameId,
    method: location.method, confidence: location.confidence,
  });
}

/** The article's focus places as points. */
export function focusFeatures(article: StoredArticle, focus: readonly FocusRecord[]): string[] {
  return focus.map((f) =>
    feature(f.lon, f.lat, {
      kind: 'article', articleId: article.id, url: article.canonicalUrl, title: article.article.title, published: article.article.published,
      scope: f.scope, place: f.name, placeType: f.type, country: f.country, admin1: f.admin1, geonameId: f.geonameId, score: f.score, mentions: f.mentions,
    }),
  );
}
