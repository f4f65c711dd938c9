import { describe, expect, it } from 'vitest';
import { lazyResources } from '../../src/app/stage-resources.js';
import { getLayer } from '../../src/model/document.js';
import { buildPipeline, step } from '../../src/pipeline/build.js';
import { runPipeline } from '../../src/pipeline/run.js';
import { selectStages } from '../../src/stages/select.js';
import { documentFromPlainText } from '../../src/stages/sentences/plain-text.js';

/** Actors named without their country take it from their sentence, the dateline or the article's focus. */
const pipeline = buildPipeline(selectStages(['actors']).map((stage) => step(stage)));
const resources = lazyResources();

function codes(text: string): Record<string, string | null> {
  const doc = runPipeline(pipeline, documentFromPlainText(text), resources);
  return Object.fromEntries(getLayer(doc, 'mentions').map((m) => [doc.text.slice(m.start, m.end).toLowerCase(), m.data.code]));
}

describe('actors named without their country', () => {
  it('take the place their sentence puts them in', () => {
    expect(codes('Police in Nairobi arrested 12 opposition supporters.')).toMatchObject({ police: 'KENCOP', 'opposition supporters': 'KENOPP' });
  });

  it('else the dateline', () => {
    expect(codes('NAIROBI, March 3 - Police arrested 12 opposition supporters on Tuesday.')).toMatchObject({ police: 'KENCOP' });
    expect(codes('ANKARA (Reuters) - Lawmakers voted on Tuesday to extend the mission.')).toMatchObject({ lawmakers: 'TURLEG' });
  });

  it('else the country the article is about, when one clearly leads', () => {
    const text = 'Peru is holding a vote on Sunday. Turnout in Peru was high and Lima was calm.\n\nRebels attacked a convoy on Monday, officials said.';
    expect(codes(text)).toMatchObject({ rebels: 'PERREB', officials: 'PERGOV' });
    const even = 'Peru and Chile signed a deal. Peru and Chile will meet again.\n\nRebels attacked a convoy on Monday.';
    expect(codes(even)).toMatchObject({ rebels: 'REB' });
  });

  it('but rights groups and others who are not a country\'s own take a country only from their sentence', () => {
    const text = 'Peru is holding a vote on Sunday. Turnout in Peru was high and Lima was calm.\n\nRights groups criticized the count.';
    expect(codes(text)['rights groups']).not.toMatch(/^PER/);
  });
});
