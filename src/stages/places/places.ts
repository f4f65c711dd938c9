import type { Annotation } from '../../model/span.js';
import { ParleyError } from '../../pipeline/errors.js';
import { defineStage } from '../../pipeline/stage.js';
import '../actors/mention.js';
import '../entities/entities.js';
import { documentContext } from './context.js';
import type { Gazetteer, GazetteerEntry } from './gazetteer.js';
import type { PlaceData } from './place.js';
import { resolvedPlace } from './resolved-place.js';
import { articleFocus } from './focus.js';
import './place.js';
import { resolveToponyms } from './resolve.js';
import { LANGUAGE_SAMPLE, MAX_TOPONYMS, MIN_INNER_POPULATION, MIN_LETTERS } from './rules.js';
import { findToponyms, type Toponym } from './toponyms.js';
import type { ActorDictionary } from '../actors/dictionary.js';
import { phraseKey } from '../actors/keys.js';

declare module '../../pipeline/stage.js' {
  interface Resources {
    /** The places gazetteer (see src/resources: `new ResourceLoader().gazetteer()`). */
    readonly gazetteer?: Gazetteer;
  }
}

export interface PlacesOptions {
  /** Places resolved with less confidence than this are left out (0 keeps every resolved place). */
  readonly minConfidence: number;
  /** At most this many place names of one article are resolved (the first ones); a message names the rest. */
  readonly maxToponyms: number;
}

export const PLACES_DEFAULTS: PlacesOptions = { minConfidence: 0, maxToponyms: MAX_TOPONYMS };

/**
 * A place prominent enough to be read inside another name ("Paris City Hall") without the article
 * naming it alone too: a country, a division, or a place of MIN_INNER_POPULATION people or more.
 */
function isProminent(entry: GazetteerEntry): boolean {
  return entry.kind !== 'place' || entry.population >= MIN_INNER_POPULATION;
}

/**
 * What the actors stage's dictionary knows of a name (its countries' names, adjectives, capitals and
 * other places): "America" is a name of the United States (besides the gazetteer's villages of that
 * name), "Washington" a capital of the United States, "Kandahar" a place in Afghanistan.
 */
function withCountryKnowledge(toponym: Toponym, text: string, gazetteer: Gazetteer, actors: ActorDictionary | undefined): Toponym {
  if (!actors || toponym.fixed) return toponym;
  const entry = actors.places.get(phraseKey(text.slice(toponym.start, toponym.end)));
  if (!entry || entry.kind === 'combining' || !gazetteer.country(entry.code)) return toponym;
  return { ...toponym, hint: { country: entry.code, kind: entry.kind === 'adjective' ? 'name' : entry.kind } };
}

/**
 * Why the stage does not apply to an article of unknown language: most of its letters are not Latin
 * (Cyrillic, Arabic, CJK text). An article whose language is known and not English never reaches the
 * stage: the pipeline abstains for it (`languages` below).
 */
function notLatin(language: string | null, text: string): string | null {
  if (language) return null;
  let letters = 0;
  let latin = 0;
  for (let i = 0; i < Math.min(text.length, LANGUAGE_SAMPLE); i++) {
    const c = text.charCodeAt(i);
    // Latin letters are ASCII letters and U+00C0..U+024F (accented and extended Latin); any other letter is another script's.
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7)) {
      latin++;
      letters++;
    } else if (c >= 0x370 && /\p{L}/u.test(text[i]!)) letters++;
  }
  return letters >= MIN_LETTERS && latin < letters / 2 ? 'most of its letters are not Latin' : null;
}

/**
 * The `places` stage: the places an article names (the NER's locations, the actors stage's countries,
 * capitals and demonyms, "-based" forms), each resolved to a gazetteer entry with its point and a
 * confidence (resolve.ts). Adds the `places` layer (place.ts). Abstains, with a message saying why, on
 * an article whose language is known and not English.
 */
export const placesStage = defineStage<PlacesOptions>({
  name: 'places',
  version: '1',
  // The NER, the demonyms and the cue words are English: other languages are not read as English.
  languages: ['en'],
  requires: ['sentences', 'tokens', 'entities', 'mentions'],
  provides: ['places', 'placeFocus'],
  defaults: PLACES_DEFAULTS,
  run(doc, options, resources) {
    const gazetteer = resources.gazetteer;
    if (!gazetteer) {
      throw new ParleyError('E_MODEL_MISSING', 'The "places" stage needs the gazetteer, and resources.gazetteer is not set.', 'Load it with `new ResourceLoader().gazetteer()` (src/resources) and pass `{ gazetteer }` with the other resources of runPipeline.');
    }
    if (!(options.minConfidence >= 0 && options.minConfidence <= 1)) {
      throw new ParleyError('E_OPTION', `Option minConfidence of stage "places" is ${String(options.minConfidence)}.`, 'Give a number from 0 to 1.');
    }
    if (!Number.isInteger(options.maxToponyms) || options.maxToponyms < 0) {
      throw new ParleyError('E_OPTION', `Option maxToponyms of stage "places" is ${String(options.maxToponyms)}.`, 'Give a whole number of at least 0.');
    }
    const reason = notLatin(doc.article.language, doc.text);
    if (reason) {
      return { layers: { places: [], placeFocus: [] }, messages: [{ code: 'STAGE_ABSTAINED', severity: 'warning', message: `Abstained: the article's language is unknown and ${reason}; the places stage was built for en only.` }] };
    }
    const found = findToponyms(doc, (key) => gazetteer.nameInfo(key), gazetteer.abbreviations);
    const toponyms = found.slice(0, options.maxToponyms).map((toponym) => withCountryKnowledge(toponym, doc.text, gazetteer, resources.actors));
    const messages = found.length > toponyms.length
      ? [{ code: 'TOO_MANY_PLACES', severity: 'warning' as const, message: `The article names ${found.length} places; the first ${toponyms.length} were resolved (option maxToponyms).` }]
      : [];
    const resolved = resolveToponyms(gazetteer, toponyms, doc.text, documentContext(doc, gazetteer, toponyms));
    const places: Annotation<PlaceData>[] = [];
    const namedAlone = new Set(toponyms.filter((t) => t.found !== 'inner' && t.found !== 'other').map((t) => t.key));
    for (const toponym of toponyms) {
      const resolution = resolved.get(toponym);
      if (!resolution || resolution.confidence < options.minConfidence) continue;
      if ((toponym.found === 'inner' || toponym.found === 'other') && !namedAlone.has(toponym.key) && !isProminent(resolution.entry)) continue;
      places.push({ start: toponym.start, end: toponym.end, data: { ...resolvedPlace(gazetteer, resolution.entry), form: toponym.form, confidence: Math.round(resolution.confidence * 1000) / 1000 } });
    }
    return { layers: { places, placeFocus: articleFocus(places, gazetteer, doc.text.length) }, messages };
  },
});
