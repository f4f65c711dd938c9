import type { LayerName } from '../../model/layers.js';
import { buildPipeline, step, type Pipeline } from '../../pipeline/build.js';
import type { Resources, Stage } from '../../pipeline/stage.js';
import type { ResourceLoader } from '../../resources/index.js';
import { ANALYSIS_STAGES } from '../../stages/index.js';
import { eventsStage } from '../../stages/events/events.js';

/**
 * The stages `parley events` runs: the analysis stages the events stage needs, read from
 * ANALYSIS_STAGES (sentences → entities → actors), then the events stage itself.
 */
export function eventsStages(stages: readonly Stage[] = ANALYSIS_STAGES): Stage[] {
  const available = stages.filter((s) => s.name !== eventsStage.name);
  const needed = new Set<LayerName>(eventsStage.requires);
  const kept: Stage[] = [];
  for (const stage of [...available].reverse()) {
    if (!stage.provides.some((layer) => needed.has(layer))) continue;
    kept.unshift(stage);
    for (const layer of stage.requires) needed.add(layer);
  }
  return [...kept, eventsStage as Stage];
}

let cached: Pipeline | null = null;

/** The pipeline of `parley events` (throws E_PIPELINE_ORDER when no analysis stage provides `mentions`). */
export function eventsPipeline(): Pipeline {
  cached ??= buildPipeline(eventsStages().map((stage) => step(stage)));
  return cached;
}

/** Loads the resources the pipeline's stages need, once each. */
export function eventsResources(pipeline: Pipeline, loader: ResourceLoader): Resources {
  const names = new Set(pipeline.steps.map((s) => s.stage.name));
  return {
    events: loader.eventResources(),
    ...(names.has('entities') ? { ner: loader.nerModel() } : {}),
    ...(names.has('actors') ? { actors: loader.actors() } : {}),
  };
}
