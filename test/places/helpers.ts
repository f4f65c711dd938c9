import { lazyResources } from '../../src/app/stage-resources.js';
import { getLayer, type Document } from '../../src/model/document.js';
import type { Annotation } from '../../src/model/span.js';
import { buildPipeline, step } from '../../src/pipeline/build.js';
import { runPipeline } from '../../src/pipeline/run.js';
import { ANALYSIS_STAGES } from '../../src/stages/index.js';
import type { EventPlaceData, PlaceData, PlaceFocusData } from '../../src/stages/places/place.js';
import { selectStages } from '../../src/stages/select.js';
import { documentFromPlainText } from '../../src/stages/sentences/plain-text.js';

/** The real resources (the shipped NER model, actor dictionaries, event data and gazetteer), loaded once. */
export const resources = lazyResources();

const placesPipeline = buildPipeline(selectStages(['places']).map((s) => step(s)));
const eventPlacesPipeline = buildPipeline(selectStages(['event-places'], ANALYSIS_STAGES).map((s) => step(s)));

export interface Analyzed {
  readonly doc: Document;
  readonly places: readonly (Annotation<PlaceData> & { text: string })[];
  readonly focus: readonly Annotation<PlaceFocusData>[];
  readonly eventPlaces: readonly Annotation<EventPlaceData>[];
}

export function analyze(input: string | Document, options: { language?: string | null; events?: boolean } = {}): Analyzed {
  const plain = typeof input === 'string' ? documentFromPlainText(input) : input;
  const language = typeof input === 'string' ? (options.language ?? null) : plain.article.language;
  const doc = runPipeline(options.events ? eventPlacesPipeline : placesPipeline, { ...plain, article: { ...plain.article, language } }, resources);
  const text = doc.text;
  return {
    doc,
    places: getLayer(doc, 'places').map((p) => ({ ...p, text: text.slice(p.start, p.end) })),
    focus: getLayer(doc, 'placeFocus'),
    eventPlaces: getLayer(doc, 'eventPlaces'),
  };
}

/** "text → name (type, country[, admin1])" lines, for readable expectations. */
export function summary(analyzed: Analyzed): string[] {
  return analyzed.places.map((p) => `${p.text} → ${p.data.name} (${p.data.type}, ${p.data.country}${p.data.admin1 && p.data.type !== 'admin1' ? `, ${p.data.admin1}` : ''})`);
}
