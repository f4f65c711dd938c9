import { describe, expect, it } from 'vitest';
import { getLayer } from '../../src/model/document.js';
import { buildPipeline, step } from '../../src/pipeline/build.js';
import { runPipeline } from '../../src/pipeline/run.js';
import { documentFromPlainText, sentencesStage, SENTENCES_DEFAULTS, type SentencesOptions } from '../../src/stages/sentences/index.js';

function sentences(text: string, options: Partial<SentencesOptions> = {}): string[] {
  const doc = runPipeline(buildPipeline([step(sentencesStage, options)]), documentFromPlainText(text), {});
  expect(doc.messages).toEqual([]);
  return getLayer(doc, 'sentences').map((s) => text.slice(s.start, s.end));
}

describe('sentence splitting', () => {
  const cases: [string, string, string[]][] = [
    ['plain periods', 'Kerry arrived. He spoke.', ['Kerry arrived.', 'He spoke.']],
    ['titles and initials never end a sentence', 'Mr. Kerry met Gov. J. R. Brown and Dr. Li.', ['Mr. Kerry met Gov. J. R. Brown and Dr. Li.']],
    ['months and numbers', 'It opened on Jan. 5 and closed on No. 10 Street.', ['It opened on Jan. 5 and closed on No. 10 Street.']],
    ['an abbreviation ends a sentence before a usual starter', 'He works for Apple Inc. The company grew. Prices in the U.S. rose. He left the U.S. The end.', ['He works for Apple Inc.', 'The company grew.', 'Prices in the U.S. rose.', 'He left the U.S.', 'The end.']],
    ['an abbreviation inside a sentence', 'The U.S. Senate met at 5 p.m. Eastern time.', ['The U.S. Senate met at 5 p.m. Eastern time.']],
    ['a closing quote after the period stays', 'He said "we will win." Then he left.', ['He said "we will win."', 'Then he left.']],
    ['curly quotes', 'She said: \u201cNo.\u201d \u201cNever,\u201d he replied.', ['She said: \u201cNo.\u201d', '\u201cNever,\u201d he replied.']],
    ['a question inside a quote goes on', '"Why?" he asked. Nobody knew.', ['"Why?" he asked.', 'Nobody knew.']],
    ['a closing parenthesis stays', 'It rose (see the chart.) Then it fell.', ['It rose (see the chart.)', 'Then it fell.']],
    ['an opening quote starts the next sentence', 'He left. "We are done," she said.', ['He left.', '"We are done," she said.']],
    ['exclamation and question marks', 'Stop! Who goes there?! Yahoo! shares rose.', ['Stop!', 'Who goes there?!', 'Yahoo! shares rose.']],
    ['ellipses', 'He paused... and went on. Then... Nothing.', ['He paused... and went on.', 'Then...', 'Nothing.']],
    ['decimals, URLs and e-mails do not end sentences', 'It rose 3.5 points at www.example.com today. Mail a@b.org now.', ['It rose 3.5 points at www.example.com today.', 'Mail a@b.org now.']],
    ['a headline line and a dateline', 'US, China Discuss Cyber Security\nWASHINGTON 2013-07-10\nKerry spoke on Wednesday.', ['US, China Discuss Cyber Security', 'WASHINGTON 2013-07-10', 'Kerry spoke on Wednesday.']],
    ['paragraph breaks', 'First paragraph without a period\n\nSecond one', ['First paragraph without a period', 'Second one']],
    ['a line that goes on in lower case', 'The talks between the two\ncountries went well.', ['The talks between the two\ncountries went well.']],
    ['lower case after a period goes on', 'He met officials of the U.S. and the E.U. at 3 p.m. on Monday.', ['He met officials of the U.S. and the E.U. at 3 p.m. on Monday.']],
  ];
  it.each(cases)('%s', (_name, text, expected) => {
    expect(sentences(text)).toEqual(expected);
  });

  it('treats hard-wrapped paragraphs as running text', () => {
    const text = [
      'Secretary of State John Kerry said on Wednesday that the United',
      'States and China would continue to work together on climate change',
      'and cyber security, and that the talks had been candid and useful for',
      'both sides.',
    ].join('\n');
    expect(sentences(text)).toEqual([text]);
  });

  it('cuts a sentence at the maximum length', () => {
    const text = Array.from({ length: 25 }, (_, i) => `w${i}`).join(' ');
    expect(sentences(text, { maxSentenceTokens: 10 }).map((s) => s.split(' ').length)).toEqual([10, 10, 5]);
  });

  it('takes user abbreviations and sentence starters', () => {
    expect(sentences('He joined Acme Bhd. Analysts cheered.')).toEqual(['He joined Acme Bhd.', 'Analysts cheered.']);
    expect(sentences('Shares of Acme Bhd. rose.', { abbreviations: { other: ['Bhd'] } })).toEqual(['Shares of Acme Bhd. rose.']);
    expect(sentences('He joined Acme Bhd. Analysts cheered.', { abbreviations: { other: ['Bhd'] } })).toEqual(['He joined Acme Bhd. Analysts cheered.']);
    expect(sentences('He joined Acme Bhd. Analysts cheered.', { abbreviations: { other: ['Bhd'] }, sentenceStarters: ['Analysts'] })).toEqual(['He joined Acme Bhd.', 'Analysts cheered.']);
  });

  it('gives tokens and sentences that point into the text, sentences listing their tokens', () => {
    const text = '\uFEFF  Kerry\u2019s talks.\r\n\r\nChina agreed.  ';
    const doc = runPipeline(buildPipeline([step(sentencesStage)]), documentFromPlainText(text), {});
    const tokens = getLayer(doc, 'tokens');
    expect(tokens.map((t) => text.slice(t.start, t.end))).toEqual(['Kerry', '\u2019s', 'talks', '.', 'China', 'agreed', '.']);
    expect(getLayer(doc, 'sentences').map((s) => [text.slice(s.start, s.end), s.data])).toEqual([
      ['Kerry\u2019s talks.', { firstToken: 0, tokenCount: 4 }],
      ['China agreed.', { firstToken: 4, tokenCount: 3 }],
    ]);
  });

  it('refuses a bad option with a coded error', () => {
    expect(() => sentences('a b', { maxSentenceTokens: 0 })).toThrowError(expect.objectContaining({ code: 'E_OPTION' }));
    expect(SENTENCES_DEFAULTS.maxSentenceTokens).toBeGreaterThan(0);
  });
});
