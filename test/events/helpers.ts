import { getLayer, type Document } from '../../src/model/document.js';
import type { Annotation } from '../../src/model/span.js';
import { runPipeline } from '../../src/pipeline/run.js';
import { buildPipeline, step } from '../../src/pipeline/build.js';
import { loadEventResources } from '../../src/resources/events.js';
import { defaultModelsDirectory } from '../../src/resources/ner.js';
import type { MentionData } from '../../src/stages/actors/mention.js';
import { eventsStage } from '../../src/stages/events/events.js';
import type { EventData } from '../../src/stages/events/event.js';
import { sentencesStage } from '../../src/stages/sentences/sentences.js';
import { documentFromPlainText } from '../../src/stages/sentences/plain-text.js';

/** The shipped event data and POS model (in the repo: data/events, models/). */
export const eventResources = loadEventResources(defaultModelsDirectory());

/** A document with sentences and a hand-made `mentions` layer: every occurrence of each name, with its code. */
export function docWithMentions(text: string, actors: Record<string, string | null>, published: string | null = null): Document {
  const base = documentFromPlainText(text);
  const withDate: Document = { ...base, article: { ...base.article, published } };
  const mentions: Annotation<MentionData>[] = [];
  Object.entries(actors).forEach(([name, code], entity) => {
    for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + name.length)) {
      mentions.push({ start: at, end: at + name.length, data: { entity, kind: 'name', type: code ? 'country' : 'location', name, code, confidence: 0.9 } });
    }
  });
  mentions.sort((a, b) => a.start - b.start);
  const sentenced = runPipeline(buildPipeline([step(sentencesStage)]), withDate, {});
  return { ...sentenced, layers: { ...sentenced.layers, mentions } };
}

/** Runs the events stage alone over a document that has sentences, tokens and mentions. */
export function eventsOf(doc: Document): EventData[] {
  const output = eventsStage.run(doc, eventsStage.defaults, { events: eventResources });
  return (output.layers.events ?? []).map((a) => a.data);
}

export function code(text: string, actors: Record<string, string | null>, published: string | null = null): EventData[] {
  return eventsOf(docWithMentions(text, actors, published));
}

export function best(events: readonly EventData[]): EventData | undefined {
  return [...events].sort((a, b) => b.confidence - a.confidence)[0];
}

export { getLayer };
