import { readFileSync } from 'node:fs';
import { eld } from 'eld/extrasmall';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LANGUAGE_MODEL_FORMAT, LanguageModel, languageModel, type LanguageModelFile } from './language-model.js';

/**
 * Parley's detector reads eld's database in a compact layout and repeats eld's steps: on any text it
 * must give eld's language and eld's scores, exactly.
 */

const { samples } = JSON.parse(readFileSync(new URL('./testdata/multilingual-samples.json', import.meta.url), 'utf8')) as { samples: { id: string; title: string; paragraphs: string[] }[] };

function eldDetection(text: string): { language: string; scores: number[] } {
  const result = eld.detect(text);
  return { language: result.language, scores: Object.values(result.getScores()).sort((a, b) => b - a) };
}

describe('the language model', () => {
  it('knows eld’s 60 languages', () => {
    expect([...languageModel().languages].sort()).toEqual(Object.values(eld.info().Languages).sort());
  });

  it('gives eld’s language and scores on text in every sample language, whole and cut short', () => {
    for (const sample of samples) {
      const text = [sample.title, ...sample.paragraphs].join('\n\n');
      for (const cut of [text, text.slice(0, 40), text.slice(0, 300), sample.title]) expect(languageModel().detect(cut), `${sample.id}: ${cut.slice(0, 30)}`).toEqual(eldDetection(cut));
    }
  });

  it('gives eld’s results on text of mixed scripts, digits, punctuation, contractions and astral characters', () => {
    const texts = [
      'Don’t stop: it isn\'t `over` — 2024-05-01 12:00, 3.5 °C',
      'Привет, мир! Hello world. 你好，世界。 مرحبا بالعالم',
      'naïve café résumé Ærøskøbing straße ĳssel',
      '𠜎𠜱𠝹𠱓 𝒜𝒷𝒸 😀 emoji and 𐍈 gothic',
      'a an the of to in',
      'x'.repeat(500),
      `${'internationalization '.repeat(40)}`,
      '',
      '   ',
    ];
    for (const text of texts) expect(languageModel().detect(text), text.slice(0, 30)).toEqual(eldDetection(text));
  });

  it('gives eld’s results on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (text) => {
        expect(languageModel().detect(text)).toEqual(eldDetection(text));
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a file of another format or with a broken dictionary', () => {
    const file: LanguageModelFile = { format: LANGUAGE_MODEL_FORMAT, source: 'test', builtBy: 'test', languages: ['en'], dictionary: Array(256).fill(' '), separators: '\\s+', ngrams: { ' the ': [0, 10] } };
    expect(new LanguageModel(file).detect('the').language).toBe('en');
    expect(() => new LanguageModel({ ...file, format: 'other/1' })).toThrow(/format/);
    expect(() => new LanguageModel({ ...file, dictionary: [' '] })).toThrow(/256/);
  });
});
