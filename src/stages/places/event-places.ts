import { getLayer } from '../../model/document.js';
import type { Annotation } from '../../model/span.js';
import { defineStage } from '../../pipeline/stage.js';
import '../events/event.js';
import type { EventPlaceData, EventPlaceMethod, PlaceData, PlaceFocusData, ResolvedPlace } from './place.js';
import './place.js';
import { DATELINE_AFTER, EVENT_PLACE, LOCATIVE_BEFORE } from './rules.js';

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

/** The dateline ("BEIRUT, Lebanon (Reuters) —"): where it ends, and its most specific place. */
function datelineOf(text: string, places: readonly Annotation<PlaceData>[]): { end: number; place: Annotation<PlaceData> } | null {
  const first = places[0];
  if (!first || first.start > EVENT_PLACE.datelineWindow) return null;
  const mark = DATELINE_AFTER.exec(text.slice(first.end, first.end + 80));
  if (!mark) return null;
  const end = first.end + mark[0].length;
  const inside = places.filter((p) => p.end <= end);
  const place = inside.reduce((best, p) => (SPECIFICITY[p.data.type] > SPECIFICITY[best.data.type] ? p : best), first);
  return { end, place };
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
    const dateline = datelineOf(doc.text, places);
    const fallback: Annotation<PlaceFocusData> | undefined = focus.find((f) => f.data.scope === 'city') ?? focus.find((f) => f.data.scope === 'country');
    const located: Annotation<EventPlaceData>[] = [];
    getLayer(doc, 'events').forEach((event, index) => {
      const inSentence = placeInSentence(doc.text, places.filter((p) => p.start >= event.start && p.end <= event.end));
      let chosen: { place: ResolvedPlace; evidence: Annotation<PlaceData> | null; method: EventPlaceMethod; confidence: number } | null = null;
      const preceding = inSentence ? null : places.filter((p) => p.end <= event.start).at(-1);
      const named = inSentence ?? preceding;
      // A place of the dateline ("BEIRUT, Lebanon —") stands for the dateline's most specific place, marked as the dateline's: it says where the report was filed.
      if (named && dateline && named.end <= dateline.end) chosen = { place: strip(dateline.place.data), evidence: dateline.place, method: 'dateline', confidence: dateline.place.data.confidence * EVENT_PLACE.dateline };
      else if (named) chosen = { place: strip(named.data), evidence: named, method: inSentence ? 'sentence' : 'preceding', confidence: named.data.confidence * (inSentence ? EVENT_PLACE.sentence : EVENT_PLACE.preceding) };
      else if (fallback) chosen = { place: fallback.data.place, evidence: null, method: 'focus', confidence: fallback.data.score * EVENT_PLACE.focus };
      if (!chosen) return;
      const evidence = chosen.evidence ? { start: chosen.evidence.start, end: chosen.evidence.end } : null;
      located.push({ start: event.start, end: event.end, data: { event: index, place: chosen.place, evidence, method: chosen.method, confidence: Math.round(chosen.confidence * 1000) / 1000 } });
    });
    return { layers: { eventPlaces: located } };
  },
});
