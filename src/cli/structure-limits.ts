import { Option } from 'commander';
import { DEFAULT_LIMITS, type ExtractLimits } from '../extract/limits.js';
import { parsePositiveInteger } from './values.js';

/**
 * The structure limits of extraction as flags, shared by the commands that extract pages (extract,
 * analyze, ingest): a page with more elements, or nested deeper, is refused as TOO_COMPLEX at once,
 * the same on a busy machine as on an idle one, instead of running into the time limit or the heap.
 */
export type StructureLimits = Pick<ExtractLimits, 'maxElements' | 'maxNesting'>;

export interface StructureFlags {
  readonly maxElements: number;
  readonly maxNesting: number;
}

export function structureOptions(): Option[] {
  return [
    new Option('--max-elements <n>', 'most elements one page may hold; more is refused as TOO_COMPLEX').argParser(parsePositiveInteger).default(DEFAULT_LIMITS.maxElements),
    new Option('--max-nesting <n>', 'most elements one page may nest inside one another; deeper is refused as TOO_COMPLEX').argParser(parsePositiveInteger).default(DEFAULT_LIMITS.maxNesting),
  ];
}

export function structureLimits(flags: StructureFlags): StructureLimits {
  return { maxElements: flags.maxElements, maxNesting: flags.maxNesting };
}
