import { describe, expect, it } from 'vitest';
import { event, quote } from './contract/analysis-fixtures.js';
import { eventEvidence, MAX_EVIDENCE_CHARS, quoteEvidence } from './evidence.js';

const marked = (e: { text: string; marks: readonly { start: number; end: number; role: string }[] }): string[][] => e.marks.map((m) => [m.role, e.text.slice(m.start, m.end)]);

describe('eventEvidence', () => {
  it('cuts the sentence and marks the verb, the actors and the place', () => {
    const text = 'Intro. USA accused China of hacking in Beijing on Monday.';
    const base = event({ at: 7 });
    const e = { ...base, start: 7, end: text.length, source: { ...base.source!, span: { start: 7, end: 10 } }, target: { ...base.target!, span: { start: 19, end: 24 } }, verb: { start: 11, end: 18 }, place: { name: 'Beijing', code: 'CHN', span: { start: 39, end: 46 } } };
    const evidence = eventEvidence(text, e);
    expect(evidence.text).toBe('USA accused China of hacking in Beijing on Monday.');
    expect(evidence.start).toBe(7);
    expect(marked(evidence)).toEqual([
      ['source', 'USA'],
      ['verb', 'accused'],
      ['target', 'China'],
      ['place', 'Beijing'],
    ]);
  });

  it('shortens a very long sentence around its marks, with an ellipsis, and keeps surrogate pairs whole', () => {
    const text = `${'😀 word '.repeat(200)}USA met China.${' tail'.repeat(200)}`;
    const at = text.indexOf('USA');
    const base = event();
    const e = { ...base, start: 0, end: text.length, source: { ...base.source!, span: { start: at, end: at + 3 } }, target: { ...base.target!, span: { start: at + 8, end: at + 13 } }, verb: { start: at + 4, end: at + 7 }, place: null };
    const evidence = eventEvidence(text, e);
    expect(evidence.text.length).toBeLessThanOrEqual(MAX_EVIDENCE_CHARS + 2);
    expect(evidence.text.startsWith('…')).toBe(true);
    expect(evidence.text.endsWith('…')).toBe(true);
    expect(evidence.text).not.toMatch(/^…[\uDC00-\uDFFF]|[\uD800-\uDBFF]…$/);
    expect(marked(evidence)).toEqual([
      ['source', 'USA'],
      ['verb', 'met'],
      ['target', 'China'],
    ]);
  });

  it('never fails on spans outside the text (a damaged row): it clamps them', () => {
    const evidence = eventEvidence('Short.', event({ at: 100 }));
    expect(evidence).toEqual({ text: '', start: 6, marks: [] });
  });
});

describe('quoteEvidence', () => {
  it('takes the cue and speaker into the passage when they stand near the quote', () => {
    const text = '"We will act," said Wang Yang on Monday.';
    const q = { ...quote({ name: 'Wang Yang', code: 'CHNGOV' }), start: 0, end: 13, cue: { start: 15, end: 19, text: 'said' }, speaker: { start: 20, end: 29, text: 'Wang Yang', name: 'Wang Yang', code: 'CHNGOV' } };
    const evidence = quoteEvidence(text, q);
    expect(evidence.text).toBe('"We will act," said Wang Yang');
    expect(marked(evidence)).toEqual([
      ['quote', '"We will act,"'.slice(0, 13)],
      ['cue', 'said'],
      ['speaker', 'Wang Yang'],
    ]);
  });

  it('leaves a far-away speaker out of the passage', () => {
    const text = `Wang Yang spoke. ${'x '.repeat(400)}"Far words."`;
    const start = text.indexOf('"Far');
    const q = { ...quote({ name: 'Wang Yang', code: 'CHNGOV' }), start, end: text.length, cue: null, speaker: { start: 0, end: 9, text: 'Wang Yang', name: 'Wang Yang', code: 'CHNGOV' } };
    expect(quoteEvidence(text, q)).toEqual({ text: '"Far words."', start, marks: [{ start: 0, end: 12, role: 'quote' }] });
  });
});
