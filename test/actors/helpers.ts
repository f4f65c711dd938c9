import { buildPipeline, step } from '../../src/pipeline/build.js';
import { runPipeline } from '../../src/pipeline/run.js';
import { ResourceLoader } from '../../src/resources/index.js';
import { actorsStage, type ActorsOptions } from '../../src/stages/actors/actors.js';
import type { ActorDictionary } from '../../src/stages/actors/dictionary.js';
import { documentActors, type DocumentActor } from '../../src/stages/actors/document-actors.js';
import { entitiesStage } from '../../src/stages/entities/entities.js';
import { documentFromPlainText } from '../../src/stages/sentences/plain-text.js';
import { sentencesStage } from '../../src/stages/sentences/sentences.js';
import type { Document } from '../../src/model/document.js';

/** Runs sentences, entities and actors over a text with the shipped model and dictionaries. */
const loader = new ResourceLoader();

export function analyzeText(text: string, options: Partial<ActorsOptions> = {}, actors: ActorDictionary = loader.actors({ userFile: null })): Document {
  const pipeline = buildPipeline([step(sentencesStage), step(entitiesStage), step(actorsStage, { fallbackDate: '2013-07-10', ...options })]);
  return runPipeline(pipeline, documentFromPlainText(text), { ner: loader.nerModel(), actors });
}

export function actorsOf(text: string, options: Partial<ActorsOptions> = {}, actors?: ActorDictionary): { doc: Document; actors: DocumentActor[]; find: (name: string) => DocumentActor | undefined; texts: (actor: DocumentActor | undefined) => string[] } {
  const doc = analyzeText(text, options, actors);
  const list = documentActors(doc);
  return {
    doc,
    actors: list,
    find: (name) => list.find((a) => a.name === name),
    texts: (actor) => (actor ? actor.mentions.map((m) => doc.text.slice(m.start, m.end)) : []),
  };
}
