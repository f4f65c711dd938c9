import type { LayerName } from '../../model/layers.js';
import { buildPipeline, step, type Pipeline } from '../../pipeline/build.js';
import type { Resources, Stage } from '../../pipeline/stage.js';
import type { ResourceLoader } from '../../resources/index.js';
import { ANALYSIS_STAGES } from '../../stages/index.js';
import { entityMentionsStage } from '../../stages/quotes/entity-mentions.js';
import { quotesStage } from '../../stages/quotes/quotes.js';

/**
 * The stages `parley quotes` runs: the analysis stages the quotes stage needs (read from ANALYSIS_STAGES,
 * so the actors stage provides `mentions` when it is listed there), then the quotes stage. When no
 * analysis stage provides `mentions`, mentions are made from the entities alone (entity-mentions).
 */
export function quotesStages(stages: readonly Stage[] = ANALYSIS_STAGES): Stage[] {
  const available = stages.filter((s) => s.name !== quotesStage.name);
  const withMentions = available.some((s) => s.provides.includes('mentions')) ? available : [...available, entityMentionsStage as Stage];
  const needed = new Set<LayerName>(quotesStage.requires);
  const kept: Stage[] = [];
  for (const stage of [...withMentions].reverse()) {
    if (!stage.provides.some((layer) => needed.has(layer))) continue;
    kept.unshift(stage);
    for (const layer of stage.requires) needed.add(layer);
  }
  return [...kept, quotesStage as Stage];
}

const cached = new Map<boolean, Pipeline>();

/** The pipeline of `parley quotes`; `entityMentions` forces the entity-mentions stand-in for the actors stage. */
export function quotesPipeline(entityMentions = false): Pipeline {
  let pipeline = cached.get(entityMentions);
  if (!pipeline) {
    const stages = entityMentions ? ANALYSIS_STAGES.filter((s) => !s.provides.includes('mentions')) : ANALYSIS_STAGES;
    pipeline = buildPipeline(quotesStages(stages).map((stage) => step(stage)));
    cached.set(entityMentions, pipeline);
  }
  return pipeline;
}

/** Loads the resources the pipeline's stages need (the NER model; the actor dictionaries when the actors stage runs). */
export function quotesResources(pipeline: Pipeline, loader: ResourceLoader): Resources {
  const names = new Set(pipeline.steps.map((s) => s.stage.name));
  return { ner: loader.nerModel(), ...(names.has('actors') ? { actors: loader.actors() } : {}) };
}
