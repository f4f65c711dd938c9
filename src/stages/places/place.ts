/**
 * The `places` layer: every place an article names (a name, a demonym such as "Turkish" or "Sino-", a
 * "Chicago-based"), resolved to a gazetteer entry; and the `eventPlaces` layer: where each event of the
 * `events` layer happened (GDELT's ActionGeo), with how that place was chosen. The store, the CLI, the
 * API and the exports read places only through these types.
 */
import type { Span } from '../../model/span.js';

/** What kind of place: a country, a first- or second-order division, or a populated place (a city, town or village). */
export type PlaceType = 'country' | 'admin1' | 'admin2' | 'city';

/** How the article names the place. */
export type PlaceForm = 'name' | 'demonym' | 'based';

/** A resolved place: a gazetteer entry. */
export interface ResolvedPlace {
  /** The gazetteer's name of the place ("Paris", "Texas", "United States"). */
  readonly name: string;
  readonly type: PlaceType;
  /** ISO 3166-1 alpha-3 country code (SYR, USA). */
  readonly country: string;
  /** Name of the first-order division it lies in (or is), null when none ("Texas"). */
  readonly admin1: string | null;
  /** GeoNames code of that division ("US.TX"), null when none. */
  readonly admin1Code: string | null;
  readonly lat: number;
  readonly lon: number;
  /** GeoNames id (populated places; null for countries and divisions, which the gazetteer has without ids). */
  readonly geonameId: number | null;
  /** GeoNames feature code (PPL, PPLA, PPLC, ADM1, ADM2, PCLI). */
  readonly featureCode: string;
}

export interface PlaceData extends ResolvedPlace {
  readonly form: PlaceForm;
  /** How sure the resolution is (0..1): the share of the evidence the chosen reading has over the others. */
  readonly confidence: number;
}

/** How an event's place was chosen (GDELT's ActionGeo: the place in the event's sentence, else before it). */
export type EventPlaceMethod = 'sentence' | 'preceding' | 'dateline' | 'focus';

/** Data of an `eventPlaces` annotation; its span is the event's sentence (the `events` annotation's span). */
export interface EventPlaceData {
  /** Index of the event in the document's `events` layer. */
  readonly event: number;
  readonly place: ResolvedPlace;
  /** The words that name the place, when the text does ('focus' has none). */
  readonly evidence: Span | null;
  readonly method: EventPlaceMethod;
  readonly confidence: number;
}

/**
 * Data of a `placeFocus` annotation: one of the countries or cities the article is mainly about (as
 * CLIFF reports them). Its span is the whole text: the focus is the article's, not one sentence's.
 */
export interface PlaceFocusData {
  readonly scope: 'country' | 'city';
  readonly place: ResolvedPlace;
  /** The share of the article's place evidence that points at it (0..1). */
  readonly score: number;
  /** How many of the article's place names are (or lie in) it. */
  readonly mentions: number;
}

declare module '../../model/layers.js' {
  interface LayerTypes {
    places: PlaceData;
    placeFocus: PlaceFocusData;
    eventPlaces: EventPlaceData;
  }
}
