import { createHash } from 'node:crypto';
import type { StageStamp } from '../model/document.js';
import type { LayerName } from '../model/layers.js';
import { ParleyError } from './errors.js';
import type { Stage } from './stage.js';

/** One stage of a pipeline config, with options that override its defaults. */
export interface StageConfig {
  readonly stage: Stage<object>;
  readonly options?: Readonly<Record<string, unknown>>;
}

/** A stage config whose options are checked against the stage's own option type. */
export function step<O extends object>(stage: Stage<O>, options?: Partial<O>): StageConfig {
  return options ? { stage: stage as Stage<object>, options } : { stage: stage as Stage<object> };
}

export interface PipelineStep {
  readonly stage: Stage<object>;
  readonly options: Readonly<object>;
}

/** A checked, frozen sequence of stages with the hash that identifies its configuration. */
export interface Pipeline {
  readonly steps: readonly PipelineStep[];
  readonly stamps: readonly StageStamp[];
  /** SHA-256 over the stage names, versions and options: stored with every result. */
  readonly configHash: string;
}

/** Layers every document has before the first stage runs (extraction provides them). */
export const INITIAL_LAYERS: readonly LayerName[] = ['blocks'];

/**
 * Builds a pipeline from config: merges each stage's options over its defaults, checks that every
 * required layer is provided by extraction or an earlier stage, and freezes the result.
 */
export function buildPipeline(configs: readonly StageConfig[], initialLayers = INITIAL_LAYERS): Pipeline {
  const available = new Set<LayerName>(initialLayers);
  const names = new Set<string>();
  const steps: PipelineStep[] = [];
  for (const config of configs) {
    const { stage } = config;
    if (names.has(stage.name)) {
      throw new ParleyError('E_PIPELINE_DUPLICATE', `Stage "${stage.name}" appears twice in the pipeline.`, 'List each stage once.');
    }
    const missing = stage.requires.filter((layer) => !available.has(layer));
    if (missing.length > 0) {
      throw new ParleyError(
        'E_PIPELINE_ORDER',
        `Stage "${stage.name}" requires layer(s) ${missing.join(', ')}, which no earlier stage provides.`,
        'Add the stages that provide them before it.',
      );
    }
    names.add(stage.name);
    for (const layer of stage.provides) available.add(layer);
    steps.push(Object.freeze({ stage, options: Object.freeze({ ...stage.defaults, ...config.options }) }));
  }
  const stamps = steps.map(({ stage }) => Object.freeze({ name: stage.name, version: stage.version }));
  return Object.freeze({ steps: Object.freeze(steps), stamps: Object.freeze(stamps), configHash: hashConfig(steps) });
}

function hashConfig(steps: readonly PipelineStep[]): string {
  const canonical = steps.map(({ stage, options }) => [stage.name, stage.version, sortKeys(options)]);
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}
