/**
 * Tone of the worked example (examples/voa-us-china-talks.html). The story is mixed: cooperation, trust
 * and agreement on one side; accusations of hacking, threats, an irritant and a refusal on the other.
 * So its tone should sit near neutral with both sides present, and its most negative sentence should be
 * the one about traded accusations. Ranges, not exact figures: the lexicon may be refined.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractDocument } from '../../src/extract/index.js';
import { buildPipeline, step } from '../../src/pipeline/build.js';
import { runPipeline } from '../../src/pipeline/run.js';
import { sentencesStage } from '../../src/stages/sentences/sentences.js';
import { toneStage } from '../../src/stages/tone/tone-stage.js';
import { lexicon } from './helpers.js';

const extracted = extractDocument(readFileSync(new URL('../../examples/voa-us-china-talks.html', import.meta.url)));
if (!extracted.ok) throw new Error('the worked example was rejected by extraction');
const doc = runPipeline(buildPipeline([step(sentencesStage), step(toneStage)]), extracted.document, { tone: lexicon });
const layer = doc.layers.tone ?? [];

describe('tone of the worked example', () => {
  it('is near neutral, with both positive and negative words', () => {
    const whole = layer[0]!.data;
    expect(whole.scope).toBe('document');
    expect(whole.wordCount).toBeGreaterThan(250);
    expect(whole.wordCount).toBeLessThan(330);
    expect(whole.tone).toBeGreaterThan(-3);
    expect(whole.tone).toBeLessThan(3);
    expect(whole.positive).toBeGreaterThan(1);
    expect(whole.negative).toBeGreaterThan(1);
    expect(whole.polarity).toBeLessThan(10);
    expect(whole.selfReference).toBe(0); // reported speech, no "we"; "US" is the country
    expect(whole.activity).toBeGreaterThan(1);
  });

  it('finds its most negative sentences in the accusations of hacking and the irritant', () => {
    const sentences = layer.filter((a) => a.data.scope === 'sentence').sort((a, b) => a.data.tone - b.data.tone);
    const text = (i: number): string => doc.text.slice(sentences[i]!.start, sentences[i]!.end);
    expect([text(0), text(1)].join(' ')).toMatch(/traded accusations/);
    expect([text(0), text(1)].join(' ')).toMatch(/irritant/);
  });
});
