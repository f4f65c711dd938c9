/**
 * The `places` stage (toponyms resolved to gazetteer entries, and the article's focus) and the
 * `event-places` stage (where each event happened, GDELT's ActionGeo).
 */
export { placesStage, PLACES_DEFAULTS, type PlacesOptions } from './places.js';
export { eventPlacesStage } from './event-places.js';
export { Gazetteer, GAZETTEER_FORMAT, type EntryKind, type GazetteerEntry, type NameMatch } from './gazetteer.js';
export { placeKey } from './keys.js';
export { distanceKm } from './resolve.js';
export { resolvedPlace } from './resolved-place.js';
export type { EventPlaceData, EventPlaceMethod, PlaceData, PlaceFocusData, PlaceForm, PlaceType, ResolvedPlace } from './place.js';
