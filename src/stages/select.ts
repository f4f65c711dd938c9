import { ParleyError } from '../pipeline/errors.js';
import type { Stage } from '../pipeline/stage.js';
import { ANALYSIS_STAGES } from './index.js';

/** The stages named, with every stage they need (by layer) from ANALYSIS_STAGES, in run order. */
export function selectStages(names: readonly string[] | null, all: readonly Stage[] = ANALYSIS_STAGES): Stage[] {
  if (names === null) return [...all];
  const known = new Map(all.map((stage) => [stage.name, stage]));
  for (const name of names) {
    if (!known.has(name)) throw new ParleyError('E_OPTION', `There is no analysis stage "${name}".`, `The stages are: ${[...known.keys()].join(', ')}.`);
  }
  const wanted = new Set(names);
  // Walk backwards: a wanted stage makes the earlier stages that provide its required layers wanted.
  for (let i = all.length - 1; i >= 0; i--) {
    const stage = all[i]!;
    if (!wanted.has(stage.name)) continue;
    for (const layer of stage.requires) {
      const provider = all.slice(0, i).reverse().find((earlier) => earlier.provides.includes(layer));
      if (provider) wanted.add(provider.name);
    }
  }
  return all.filter((stage) => wanted.has(stage.name));
}
