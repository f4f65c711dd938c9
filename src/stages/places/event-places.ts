import { getLayer } from '../../model/document.js';
import type { Annotation } from '../../model/span.js';
import { defineStage } from '../../pipeline/stage.js';
import '../events/event.js';
import type { EventPlaceData, EventPlaceMethod, PlaceData, PlaceFocusData, ResolvedPlace } from './place.js';
import './place.js';
import { EVENT_PLACE, LOCATIVE_BEFORE } from './rules.js';

/**
 * The `event-places` stage: where each event of the `events` layer happened, as GDELT's ActionGeo
 * chooses it — the place named in the event's sentence (one after "in", "at", "near" first, else the
 * most specific: a city before a division before a country), else the nearest place named before it
 * (marked `dateline` when that is the dateline's place), else the article's focus (its leading city,
 * else its leading country). Each choice is marked with its method and a confidence. Reads the
 * `places`, `placeFocus` and `events` layers; the events stage itself is not changed.
 */

const SPECIFICITY: Readonly<Record<ResolvedPlace['type'], number>> = { city: 3, admin2: 2, admin1: 1, country: 0 };

function strip(data: PlaceData): ResolvedPlace {
  const { name, type, country, admin1, admin1Code, lat, lon, geonameId, featureCode } = data;
  return { name, type, country, admin1, admin1Code, lat, lon, geonameId, featureCode };
}

/** The place of a sentence: after a locative word first, else the most specific, else the first. */
function placeInSentence(text: string, places: readonly Annotation<PlaceData>[]): Annotation<PlaceData> | null {
  let best: Annotation<PlaceData> | null = null;
  let bestRank = -1;
  for (const place of places) {
    const before = /(\p{L}+)\W*$/u.exec(text.slice(Math.max(0, place.start - 20), place.start))?.[1]?.toLowerCase() ?? '';
    const rank = (LOCATIVE_BEFORE.has(before) ? 10 : 0) + SPECIFICITY[place.data.type] + (place.data.form === 'demonym' ? -5 : 0);
    if (rank > bestRank) {
      best = place;
      bestRank = rank;
    }
  }
  return best;
}

export const eventPlacesStage = defineStage<Record<string, never>>({
  name: 'event-places',
  version: '1',
  requires: ['places', 'placeFocus', 'events'],
  provides: ['eventPlaces'],
  defaults: {},
  run(doc) {
    const places = getLayer(doc, 'places').filter((p) => p.data.form !== 'demonym');
    const focus = getLayer(doc, 'placeFocus');
    const dateline = places[0] && places[0].start < EVENT_PLACE.datelineWindow && /^\s*[,(—–:-]/u.test(doc.text.slice(places[0].end, places[0].end + 40)) ? places[0] : null;
    const fallback: Annotation<PlaceFocusData> | undefined = focus.find((f) => f.data.scope === 'city') ?? focus.find((f) => f.data.scope === 'country');
    const located: Annotation<EventPlaceData>[] = [];
    getLayer(doc, 'events').forEach((event, index) => {
      const inSentence = placeInSentence(doc.text, getLayer(doc, 'places').filter((p) => p.start >= event.start && p.end <= event.end));
      let chosen: { place: ResolvedPlace; evidence: Annotation<PlaceData> | null; method: EventPlaceMethod; confidence: number } | null = null;
      if (inSentence) chosen = { place: strip(inSentence.data), evidence: inSentence, method: 'sentence', confidence: inSentence.data.confidence * EVENT_PLACE.sentence };
      else {
        const preceding = places.filter((p) => p.end <= event.start).at(-1);
        if (preceding) chosen = { place: strip(preceding.data), evidence: preceding, method: preceding === dateline ? 'dateline' : 'preceding', confidence: preceding.data.confidence * (preceding === dateline ? EVENT_PLACE.dateline : EVENT_PLACE.preceding) };
        else if (fallback) chosen = { place: fallback.data.place, evidence: null, method: 'focus', confidence: fallback.data.score * EVENT_PLACE.focus };
      }
      if (!chosen) return;
      const evidence = chosen.evidence ? { start: chosen.evidence.start, end: chosen.evidence.end } : null;
      located.push({ start: event.start, end: event.end, data: { event: index, place: chosen.place, evidence, method: chosen.method, confidence: Math.round(chosen.confidence * 1000) / 1000 } });
    });
    return { layers: { eventPlaces: located } };
  },
});
