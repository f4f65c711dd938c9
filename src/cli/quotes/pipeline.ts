import { buildPipeline, step, type Pipeline } from '../../pipeline/build.js';
import type { Resources, Stage } from '../../pipeline/stage.js';
import type { ResourceLoader } from '../../resources/index.js';
import { lazyResources } from '../../app/stage-resources.js';
import { ANALYSIS_STAGES } from '../../stages/index.js';
import { selectStages } from '../../stages/select.js';
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
  return selectStages([quotesStage.name], [...withMentions, quotesStage as Stage]);
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

/** The resources of the pipeline's stages (the NER model; the actor dictionaries when the actors stage runs), each loaded when first read. */
export function quotesResources(_pipeline: Pipeline, loader: ResourceLoader): Resources {
  return lazyResources({}, loader);
}
