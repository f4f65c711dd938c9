import { describe, expect, it } from 'vitest';
import { findQuoteRuns } from '../../src/stages/quotes/marks.js';
import { documentFromPlainText } from '../../src/stages/sentences/plain-text.js';

function runs(text: string): string[] {
  const blocks = documentFromPlainText(text).layers.blocks ?? [];
  return findQuoteRuns(text, blocks).map((r) => text.slice(r.span.start, r.span.end) + (r.closed ? '' : ' [unclosed]') + (r.multiParagraph ? ' [multi]' : ''));
}

describe('findQuoteRuns', () => {
  it('reads curly, straight, low-high, guillemet and single quotes', () => {
    expect(runs('“Curly,” he said. "Straight," she said.')).toEqual(['Curly,', 'Straight,']);
    expect(runs('Er sagte: „Das ist gut.“ Il a dit : « C’est bien ». Sie rief: »Ja«.')).toEqual(['Das ist gut.', 'C’est bien', 'Ja']);
    expect(runs('It’s all ‘in their heads,’ she said, and the voters’ choice stands.')).toEqual(['in their heads,']);
  });

  it('leaves apostrophes alone', () => {
    expect(runs("Don't say O’Malley’s plan can’t work; the voters' choice is clear.")).toEqual([]);
  });

  it('continues a quote over paragraphs that open with a quote mark', () => {
    expect(runs('“The first part.\n\n“The second part,” she said.')).toEqual(['The first part.\n\n“The second part, [multi]']);
  });

  it('ends an unclosed quote with its paragraph when the next paragraph does not open with a mark', () => {
    expect(runs('He said “we will win\n\nThe vote is Tuesday. “Next,” she said.')).toEqual(['we will win [unclosed]', 'Next,']);
  });

  it('does not crash on stray or doubled marks', () => {
    expect(runs('" " ” “ "" “”')).toEqual([]);
    expect(runs('')).toEqual([]);
  });
});
