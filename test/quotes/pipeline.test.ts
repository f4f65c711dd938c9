import { describe, expect, it } from 'vitest';
import { quotesStages } from '../../src/cli/quotes/pipeline.js';
import type { Annotation } from '../../src/model/span.js';
import { entitiesStage } from '../../src/stages/entities/entities.js';
import type { EntityData } from '../../src/stages/entities/entities.js';
import { ANALYSIS_STAGES } from '../../src/stages/index.js';
import { mentionsFromEntities } from '../../src/stages/quotes/entity-mentions.js';
import { sentencesStage } from '../../src/stages/sentences/sentences.js';

describe('the quotes pipeline', () => {
  it('runs the analysis stages quotes needs, the actors stage providing mentions', () => {
    const names = quotesStages().map((s) => s.name);
    expect(names.at(-1)).toBe('quotes');
    expect(names).toContain('actors');
    expect(names).not.toContain('themes');
    expect(ANALYSIS_STAGES.findIndex((s) => s.name === 'quotes')).toBeGreaterThan(ANALYSIS_STAGES.findIndex((s) => s.name === 'actors'));
  });

  it('falls back to mentions made from entities when no stage provides them', () => {
    expect(quotesStages([sentencesStage, entitiesStage]).map((s) => s.name)).toEqual(['sentences', 'entities', 'entity-mentions', 'quotes']);
  });

  it('entity mentions join a short name to the longer name before it', () => {
    const text = 'John Kerry met Wang Yang. Kerry spoke.';
    const entities: Annotation<EntityData>[] = [
      { start: 0, end: 10, data: { type: 'PER', confidence: 0.9 } },
      { start: 15, end: 24, data: { type: 'PER', confidence: 0.9 } },
      { start: 26, end: 31, data: { type: 'PER', confidence: 0.9 } },
    ];
    const mentions = mentionsFromEntities(text, entities);
    expect(mentions.map((m) => [m.data.name, m.data.entity])).toEqual([['John Kerry', 0], ['Wang Yang', 1], ['John Kerry', 0]]);
  });
});
