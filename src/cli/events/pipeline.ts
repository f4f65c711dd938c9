import { buildPipeline, step, type Pipeline } from '../../pipeline/build.js';
import type { Resources, Stage } from '../../pipeline/stage.js';
import type { ResourceLoader } from '../../resources/index.js';
import { lazyResources } from '../../app/stage-resources.js';
import { ANALYSIS_STAGES } from '../../stages/index.js';
import { eventsStage } from '../../stages/events/events.js';
import { selectStages } from '../../stages/select.js';

/**
 * The stages `parley events` runs: the events stage and the analysis stages it needs, in the order of
 * ANALYSIS_STAGES (sentences → entities → actors → events).
 */
export function eventsStages(stages: readonly Stage[] = ANALYSIS_STAGES): Stage[] {
  const withEvents = stages.some((s) => s.name === eventsStage.name) ? stages : [...stages, eventsStage as Stage];
  return selectStages([eventsStage.name], withEvents);
}

let cached: Pipeline | null = null;

/** The pipeline of `parley events` (throws E_PIPELINE_ORDER when no analysis stage provides `mentions`). */
export function eventsPipeline(): Pipeline {
  cached ??= buildPipeline(eventsStages().map((stage) => step(stage)));
  return cached;
}

/** The resources of the pipeline's stages, each loaded when a stage first reads it. */
export function eventsResources(_pipeline: Pipeline, loader: ResourceLoader): Resources {
  return lazyResources({}, loader);
}
