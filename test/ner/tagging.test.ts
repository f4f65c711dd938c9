import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getLayer, type Document } from '../../src/model/document.js';
import { buildPipeline, step } from '../../src/pipeline/build.js';
import { runPipeline } from '../../src/pipeline/run.js';
import { ResourceLoader } from '../../src/resources/index.js';
import { entitiesStage } from '../../src/stages/entities/index.js';
import { documentFromPlainText, sentencesStage } from '../../src/stages/sentences/index.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const model = new ResourceLoader().nerModel();
const pipeline = buildPipeline([step(sentencesStage), step(entitiesStage)]);

function analyze(text: string): Document {
  return runPipeline(pipeline, documentFromPlainText(text), { ner: model });
}

function entities(doc: Document): [string, string][] {
  return getLayer(doc, 'entities').map((e) => [doc.text.slice(e.start, e.end), e.data.type]);
}

describe('entities stage on a story written for this test', () => {
  const text = readFileSync(join(FIXTURES, 'story.txt'), 'utf8');
  const doc = analyze(text);
  const found = entities(doc);

  it.each([
    ['John Kerry', 'PER'],
    ['Kerry', 'PER'],
    ['Wang Yang', 'PER'],
    ['Jack Lew', 'PER'],
    ['Yang Jiechi', 'PER'],
    ['China', 'LOC'],
    ['United States', 'LOC'],
    ['Beijing', 'LOC'],
    ['Washington', 'LOC'],
    ['State Department', 'ORG'],
    ['Reuters', 'ORG'],
    ['Chinese', 'MISC'],
  ])('finds %s as %s', (name, type) => {
    expect(found).toContainEqual([name, type]);
  });

  it('gives spans that point into the text, sorted, with confidences', () => {
    const layer = getLayer(doc, 'entities');
    for (const entity of layer) {
      expect(text.slice(entity.start, entity.end).trim()).toBe(text.slice(entity.start, entity.end));
      expect(entity.data.confidence).toBeGreaterThan(0);
      expect(entity.data.confidence).toBeLessThanOrEqual(1);
    }
    expect(layer.map((e) => e.start)).toEqual([...layer.map((e) => e.start)].sort((a, b) => a - b));
    expect(doc.stages.map((s) => s.name)).toEqual(['plain-text', 'sentences', 'entities']);
    expect(doc.messages).toEqual([]);
  });

  it('does not tag common words', () => {
    const names = new Set(found.map(([name]) => name));
    for (const word of ['Secretary', 'Wednesday', 'Speaking', 'talks', 'Treasury Secretary']) expect(names.has(word)).toBe(false);
  });

  it('keeps only entities above minConfidence', () => {
    const sure = runPipeline(buildPipeline([step(sentencesStage), step(entitiesStage, { minConfidence: 0.99 })]), documentFromPlainText(text), { ner: model });
    const all = getLayer(doc, 'entities');
    const kept = getLayer(sure, 'entities');
    expect(kept.length).toBeLessThan(all.length);
    for (const entity of kept) expect(entity.data.confidence).toBeGreaterThanOrEqual(0.99);
  });

  it('tags a long document in parts when it has more tokens than maxContextTokens, with the same offsets', () => {
    const parted = runPipeline(buildPipeline([step(sentencesStage), step(entitiesStage, { maxContextTokens: 20 })]), documentFromPlainText(text), { ner: model });
    for (const entity of getLayer(parted, 'entities')) expect(text.slice(entity.start, entity.end)).toMatch(/^\S(.*\S)?$/);
    expect(entities(parted)).toContainEqual(['Beijing', 'LOC']);
  });
});

describe('entities stage contract', () => {
  it('asks for the model when resources.ner is missing (a coded error, not a document failure)', () => {
    expect(() => runPipeline(pipeline, documentFromPlainText('Kerry met Wang.'), {})).toThrowError(expect.objectContaining({ code: 'E_MODEL_MISSING' }));
  });

  it('refuses bad options', () => {
    const bad = buildPipeline([step(sentencesStage), step(entitiesStage, { minConfidence: 2 })]);
    expect(() => runPipeline(bad, documentFromPlainText('Kerry met Wang.'), { ner: model })).toThrowError(expect.objectContaining({ code: 'E_OPTION' }));
  });

  it('requires the tokens and sentences layers', () => {
    expect(() => buildPipeline([step(entitiesStage)])).toThrowError(expect.objectContaining({ code: 'E_PIPELINE_ORDER' }));
  });
});

describe('robustness', () => {
  it('handles an empty text and whitespace', () => {
    for (const text of ['', '   \n\n\t ']) {
      const doc = analyze(text);
      expect(getLayer(doc, 'entities')).toEqual([]);
      expect(getLayer(doc, 'tokens')).toEqual([]);
    }
  });

  it('handles non-English text without crashing', () => {
    const texts = [
      'Владимир Путин встретился с Си Цзиньпином в Москве в среду.',
      '习近平周三在北京会见了美国国务卿约翰·克里。',
      'Angela Merkel traf am Mittwoch in Berlin den französischen Präsidenten.',
      'مصر والسعودية تبحثان الأزمة في غزة',
      '🙂🙂 ### $$$ ... --- \u0000\u0001 \ud800 lone surrogate',
    ];
    for (const text of texts) {
      const doc = analyze(text);
      for (const e of getLayer(doc, 'entities')) expect(e.end).toBeLessThanOrEqual(text.length);
      expect(doc.messages).toEqual([]);
    }
  });

  it('handles a 1 MB text, including a run without sentence ends', () => {
    const paragraph = 'Kerry met Wang Yang in Beijing and the State Department said talks went well. ';
    const text = `${paragraph.repeat(6000)}\n\n${'word '.repeat(50_000)}`;
    expect(text.length).toBeGreaterThan(700_000);
    const doc = analyze(text);
    const layer = getLayer(doc, 'entities');
    expect(layer.length).toBeGreaterThan(6000 * 3);
    const longest = Math.max(...getLayer(doc, 'sentences').map((s) => s.data.tokenCount));
    expect(longest).toBeLessThanOrEqual(250);
  });
});
