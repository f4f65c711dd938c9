import type { Stage } from '../pipeline/stage.js';
import { entitiesStage } from './entities/entities.js';
import { sentencesStage } from './sentences/sentences.js';

/**
 * Every analysis stage, in run order (each one's `requires` are provided by those before it).
 * `parley analyze`, `parley ingest` and `parley reanalyze` run this list.
 */
export const ANALYSIS_STAGES: readonly Stage[] = [sentencesStage, entitiesStage] as readonly Stage[];
