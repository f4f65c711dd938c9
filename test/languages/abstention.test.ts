import { describe, expect, it } from 'vitest';
import { lazyResources } from '../../src/app/stage-resources.js';
import { analysisFromDocument } from '../../src/app/analysis-record.js';
import { getLayer, type Document } from '../../src/model/document.js';
import { buildPipeline, step } from '../../src/pipeline/build.js';
import { runPipeline } from '../../src/pipeline/run.js';
import { ANALYSIS_STAGES } from '../../src/stages/index.js';
import { documentFromPlainText } from '../../src/stages/sentences/plain-text.js';

/**
 * Other languages: every English-only analysis stage abstains with a recorded message (never English
 * output on German or Chinese text), and the quotes stage, which reads quote marks, still finds the
 * quotes of each language's marks („…“, «…», 「…」).
 */

const pipeline = buildPipeline(ANALYSIS_STAGES.map((stage) => step(stage)));
const resources = lazyResources();

function analyze(text: string, language: string): Document {
  const doc = documentFromPlainText(text);
  return runPipeline(pipeline, { ...doc, article: { ...doc.article, language } }, resources);
}

const GERMAN = 'Der Strom fiel am Montag in ganz Berlin aus. „Wir arbeiten mit Hochdruck an einer Lösung“, sagte ein Sprecher des Versorgers. Auf den Straßen bildeten sich lange Staus.';
const FRENCH = 'Le ministre a défendu sa réforme devant les députés. « Nous ne reculerons pas », a-t-il déclaré mardi à Paris.';
const CHINESE = '国务院常务会议周三通过了一项计划。发言人说：「我们将加快城市公共交通建设。」';

describe('stages on other languages', () => {
  it.each([
    ['German', GERMAN, 'de', 'Wir arbeiten mit Hochdruck an einer Lösung'],
    ['French', FRENCH, 'fr', 'Nous ne reculerons pas'],
    ['Chinese', CHINESE, 'zh', '我们将加快城市公共交通建设。'],
  ])('%s: the English-only stages abstain with a recorded reason; the quotes stage finds the quote', (_name, text, language, quoted) => {
    const out = analyze(text, language);
    const abstained = out.messages.filter((m) => m.code === 'STAGE_ABSTAINED').map((m) => m.stage);
    expect(abstained).toEqual(['entities', 'actors', 'themes', 'tone', 'events', 'places']);
    expect(out.messages.filter((m) => m.code === 'STAGE_FAILED' || m.code === 'STAGE_SKIPPED')).toEqual([]);
    for (const layer of ['entities', 'mentions', 'events', 'themes', 'tone', 'places', 'placeFocus'] as const) expect(getLayer(out, layer), layer).toEqual([]);
    expect(getLayer(out, 'quotes').map((q) => out.text.slice(q.start, q.end))).toContain(quoted);
    const record = analysisFromDocument(out, new Set(ANALYSIS_STAGES.map((s) => s.name)));
    expect(record.abstentions?.map((a) => a.stage)).toEqual(abstained);
    expect(record.abstentions?.[0]?.message).toContain(`"${language}"`);
    expect(record.failures).toEqual([]);
  });

  it('analyzes English, and text whose language is unknown, with every stage', () => {
    for (const language of ['en', 'en-GB']) {
      const out = analyze('Russia accused Ukraine of shelling the town on Monday.', language);
      expect(out.messages).toEqual([]);
      expect(getLayer(out, 'events').map((e) => e.data.root)).toContain('11');
    }
    const unknown = documentFromPlainText('Russia accused Ukraine of shelling the town on Monday.');
    expect(unknown.article.language).toBeNull();
    expect(getLayer(runPipeline(pipeline, unknown, resources), 'events').length).toBeGreaterThan(0);
  });
});
