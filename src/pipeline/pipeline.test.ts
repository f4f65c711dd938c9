import { describe, expect, it } from 'vitest';
import { documentFromArticle, getLayer, type Document } from '../model/document.js';
import type { Article } from '../model/article.js';
import { blocksToText } from '../model/article.js';
import { spanText } from '../model/span.js';
import { buildPipeline, step } from './build.js';
import { ParleyError } from './errors.js';
import { runPipeline } from './run.js';
import { defineStage, type Stage } from './stage.js';

declare module '../model/layers.js' {
  interface LayerTypes {
    testWords: { readonly upper: boolean };
    testCounts: { readonly n: number };
  }
}

function article(paragraphs: string[], language: string | null = 'en'): Article {
  const blocks = paragraphs.map((text) => ({ type: 'paragraph' as const, text, inlines: [{ text }] }));
  const text = blocksToText(blocks);
  return {
    title: 'T', authors: [], published: null, modified: null, language, siteName: null, url: null, canonicalUrl: null,
    description: null, image: null, section: null, tags: [], captions: [], blocks, text, markdown: text, wordCount: 0, provenance: {},
  };
}

const words = defineStage({
  name: 'test-words',
  version: '1',
  requires: ['blocks'],
  provides: ['testWords'],
  defaults: { minLength: 1 },
  run(doc, options) {
    const spans = [...doc.text.matchAll(/\p{L}+/gu)]
      .filter((m) => m[0].length >= options.minLength)
      .map((m) => ({ start: m.index, end: m.index + m[0].length, data: { upper: /^\p{Lu}/u.test(m[0]) } }));
    return { layers: { testWords: spans } };
  },
});

const counts = defineStage({
  name: 'test-counts',
  version: '1',
  requires: ['testWords'],
  provides: ['testCounts'],
  defaults: {},
  run(doc) {
    return { layers: { testCounts: [{ start: 0, end: doc.text.length, data: { n: getLayer(doc, 'testWords').length } }] } };
  },
});

const doc: Document = documentFromArticle(article(['Kerry met Wang.', 'They talked.']), { name: 'extract', version: 'test' });

describe('document model', () => {
  it('has a blocks layer whose spans point at each block of the text', () => {
    expect(getLayer(doc, 'blocks').map((b) => spanText(doc.text, b))).toEqual(['Kerry met Wang.', 'They talked.']);
    expect(Object.isFrozen(doc)).toBe(true);
  });
});

describe('pipeline', () => {
  it('runs stages in order, adding layers without touching the input', () => {
    const pipeline = buildPipeline([step(words, { minLength: 4 }), step(counts)]);
    const out = runPipeline(pipeline, doc, {});
    expect(getLayer(out, 'testWords').map((w) => spanText(out.text, w))).toEqual(['Kerry', 'Wang', 'They', 'talked']);
    expect(getLayer(out, 'testCounts')[0]!.data.n).toBe(4);
    expect(out.stages.map((s) => s.name)).toEqual(['extract', 'test-words', 'test-counts']);
    expect(doc.layers).not.toHaveProperty('testWords');
  });

  it('hashes its configuration: options and versions change the hash', () => {
    const a = buildPipeline([step(words)]).configHash;
    expect(buildPipeline([step(words)]).configHash).toBe(a);
    expect(buildPipeline([step(words, { minLength: 3 })]).configHash).not.toBe(a);
    expect(buildPipeline([step({ ...words, version: '2' })]).configHash).not.toBe(a);
  });

  it('refuses a stage whose required layer no earlier stage provides', () => {
    expect(() => buildPipeline([step(counts)])).toThrowError(expect.objectContaining({ code: 'E_PIPELINE_ORDER' }));
    expect(() => buildPipeline([step(words), step(words)])).toThrow(ParleyError);
  });

  it('records a stage that fails on one document and skips the stages that depend on it', () => {
    const broken: Stage<object> = { ...words, run: () => { throw new Error('model missing a feature'); } };
    const out = runPipeline(buildPipeline([step(broken), step(counts)]), doc, {});
    expect(out.messages.map((m) => [m.stage, m.code])).toEqual([['test-words', 'STAGE_FAILED'], ['test-counts', 'STAGE_SKIPPED']]);
    expect(out.layers).not.toHaveProperty('testCounts');
  });

  it('throws when a stage breaks the contract', () => {
    const outside: Stage<object> = { ...words, run: () => ({ layers: { testWords: [{ start: 0, end: 999, data: { upper: false } }] } }) };
    expect(() => runPipeline(buildPipeline([step(outside)]), doc, {})).toThrowError(expect.objectContaining({ code: 'E_STAGE_OUTPUT' }));
    const undeclared: Stage<object> = { ...words, run: () => ({ layers: { testCounts: [] } }) };
    expect(() => runPipeline(buildPipeline([step(undeclared)]), doc, {})).toThrowError(/does not declare/);
    expect(() => defineStage({ ...words, name: 'Bad Name' })).toThrowError(expect.objectContaining({ code: 'E_STAGE_DEFINITION' }));
  });

  it('abstains, with a recorded reason, from a stage whose languages do not include the article\'s, and runs it on unknown languages', () => {
    const englishWords = defineStage({ ...words, languages: ['en'] });
    const pipeline = buildPipeline([step(englishWords), step(counts)]);
    const german = documentFromArticle(article(['Der Strom fällt aus.'], 'de-DE'), { name: 'extract', version: 'test' });
    const out = runPipeline(pipeline, german, {});
    expect(out.messages).toEqual([expect.objectContaining({ stage: 'test-words', code: 'STAGE_ABSTAINED', severity: 'warning', message: expect.stringContaining('"de-DE"') })]);
    expect(getLayer(out, 'testWords')).toEqual([]);
    // Later stages run on the empty layer: nothing is read as English, nothing is skipped.
    expect(getLayer(out, 'testCounts')[0]!.data.n).toBe(0);
    expect(out.stages.map((s) => s.name)).toEqual(['extract', 'test-words', 'test-counts']);
    const unknown = documentFromArticle(article(['Kerry met Wang.'], null), { name: 'extract', version: 'test' });
    expect(getLayer(runPipeline(pipeline, unknown, {}), 'testWords').length).toBe(3);
    expect(getLayer(runPipeline(pipeline, doc, {}), 'testWords').length).toBe(5);
    expect(() => defineStage({ ...words, languages: [] })).toThrowError(expect.objectContaining({ code: 'E_STAGE_DEFINITION' }));
    expect(() => defineStage({ ...words, languages: ['English'] })).toThrowError(/ISO 639-1/);
  });
});
