import type { Document } from '../../src/model/document.js';
import { buildPipeline, step } from '../../src/pipeline/build.js';
import { runPipeline } from '../../src/pipeline/run.js';
import { loadToneLexicon } from '../../src/resources/tone.js';
import { documentFromPlainText } from '../../src/stages/sentences/plain-text.js';
import { sentencesStage } from '../../src/stages/sentences/sentences.js';
import { toneStage } from '../../src/stages/tone/tone-stage.js';
import type { ToneData } from '../../src/stages/tone/tone.js';

export const lexicon = loadToneLexicon();
const pipeline = buildPipeline([step(sentencesStage), step(toneStage)]);

export function toneDoc(text: string, language: string | null = null): Document {
  const doc = documentFromPlainText(text);
  return runPipeline(pipeline, language ? { ...doc, article: { ...doc.article, language } } : doc, { tone: lexicon });
}

export function documentTone(text: string): ToneData {
  const found = toneDoc(text).layers.tone?.find((a) => a.data.scope === 'document');
  if (!found) throw new Error('no document tone');
  return found.data;
}

/** Positive and negative as word counts (the shares times the words), to compare texts of different lengths. */
export function sides(text: string): { positive: number; negative: number } {
  const t = documentTone(text);
  return { positive: (t.positive * t.wordCount) / 100, negative: (t.negative * t.wordCount) / 100 };
}
