import type { Gazetteer, GazetteerEntry } from './gazetteer.js';
import type { PlaceType, ResolvedPlace } from './place.js';

const TYPES: Readonly<Record<GazetteerEntry['kind'], PlaceType>> = { country: 'country', admin1: 'admin1', admin2: 'admin2', place: 'city' };

/** A gazetteer entry as the layers, the store and the outputs show it (country as ISO alpha-3). */
export function resolvedPlace(gazetteer: Gazetteer, entry: GazetteerEntry): ResolvedPlace {
  const admin1 = entry.kind === 'admin1' ? entry : gazetteer.admin1Of(entry);
  return {
    name: entry.name,
    type: TYPES[entry.kind],
    country: gazetteer.country(entry.country)?.code ?? entry.country,
    admin1: admin1?.name ?? null,
    admin1Code: admin1?.code ?? null,
    lat: entry.lat,
    lon: entry.lon,
    geonameId: entry.geonameId,
    featureCode: entry.featureCode,
  };
}
