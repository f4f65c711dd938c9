import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDirectory, loadToneLexicon } from '../../src/resources/index.js';
import { BUILTIN_TONE_LEXICON } from '../../src/stages/tone/builtin-lexicon.js';
import { summarizeTone, toneStage } from '../../src/stages/tone/tone-stage.js';
import { documentTone, lexicon, sides, toneDoc } from './helpers.js';

describe('tone scores', () => {
  it('counts positive and negative words as shares of the words, GDELT-style', () => {
    const t = documentTone('The talks were good.');
    expect(t.wordCount).toBe(4);
    expect(t.positive).toBe(25);
    expect(t.negative).toBe(0);
    expect(t.tone).toBe(25);
    expect(t.polarity).toBe(25);
    const mixed = documentTone('A good plan met a terrible, awful end.');
    expect(mixed.negative).toBeGreaterThan(mixed.positive);
    expect(mixed.tone).toBeCloseTo(mixed.positive - mixed.negative, 2);
    expect(mixed.polarity).toBeCloseTo(mixed.positive + mixed.negative, 2);
  });

  it('flips a word negated within three words, more weakly', () => {
    for (const text of ['The talks were not good.', "The talks weren't good.", 'The talks were never very good.', 'No progress was made.']) {
      const s = sides(text);
      expect(s.positive, text).toBe(0);
      expect(s.negative, text).toBeGreaterThan(0);
      expect(s.negative, text).toBeLessThan(1);
    }
    expect(sides('The deal was not bad.')).toEqual({ positive: 0.75, negative: 0 });
  });

  it('does not negate past the window, a comma or "but"', () => {
    expect(sides('This is not at all in any way good.').positive).toBeCloseTo(1, 2);
    expect(sides('Not surprisingly, the talks were good.').positive).toBeCloseTo(1, 2);
    expect(sides('It was not easy but the result is good.').positive).toBeGreaterThan(0.99);
  });

  it('strengthens words after intensifiers and weakens them after downtoners', () => {
    const plain = sides('The result was bad.').negative;
    expect(sides('The result was very bad.').negative).toBeGreaterThan(plain);
    expect(sides('The result was extremely bad.').negative).toBeGreaterThan(sides('The result was very bad.').negative);
    expect(sides('The result was slightly bad.').negative).toBeLessThan(plain);
    expect(sides('The result was kind of bad.').negative).toBeLessThan(plain);
  });

  it('measures activity and first-person reference, and does not take "US" for "us"', () => {
    const t = documentTone('We attacked, seized and held the town; they told us our plan worked.');
    expect(t.activity).toBeGreaterThan(0);
    expect((t.selfReference * t.wordCount) / 100).toBeCloseTo(3, 2);
    expect(documentTone('US officials met Chinese officials.').selfReference).toBe(0);
    expect(documentTone('The committee met.').activity).toBe(0);
  });

  it('leaves names and titles of news neutral ("United States", "Vice Premier")', () => {
    expect(documentTone('The United States and the Vice Premier of China held a party meeting on security.').polarity).toBe(0);
  });
});

describe('the tone layer', () => {
  it('has one document annotation over the whole text, then one per sentence', () => {
    const text = 'Good news arrived. Then bad news followed. Nothing else.';
    const doc = toneDoc(text);
    const layer = doc.layers.tone ?? [];
    expect(layer.map((a) => a.data.scope)).toEqual(['document', 'sentence', 'sentence', 'sentence']);
    expect([layer[0]!.start, layer[0]!.end]).toEqual([0, text.length]);
    expect(text.slice(layer[2]!.start, layer[2]!.end)).toBe('Then bad news followed.');
    expect(layer[1]!.data.tone).toBeGreaterThan(0);
    expect(layer[2]!.data.tone).toBeLessThan(0);
    expect(layer[0]!.data.wordCount).toBe(layer.slice(1).reduce((n, a) => n + a.data.wordCount, 0));
  });

  it('gives zeros for an empty text', () => {
    const layer = toneDoc('').layers.tone ?? [];
    expect(layer).toEqual([{ start: 0, end: 0, data: { scope: 'document', positive: 0, negative: 0, tone: 0, polarity: 0, activity: 0, selfReference: 0, wordCount: 0 } }]);
  });

  it('does not score a non-English article with the English lexicon, and says so', () => {
    const german = 'Die Stadtwerke bauen einen neuen Solarpark. Der Bürgermeister ist zufrieden.';
    expect(documentTone(german).negative).toBeGreaterThan(0); // unknown language: German "die" reads as English "die"
    const doc = toneDoc(german, 'de');
    // The pipeline does not run the English-only tone stage on it: it records why, and the layer is empty.
    expect(doc.messages.map((m) => [m.stage, m.code])).toContainEqual(['tone', 'STAGE_ABSTAINED']);
    expect(doc.layers.tone).toEqual([]);
    expect(toneDoc('Good news.', 'en-US').messages).toEqual([]);
  });

  it('handles a huge text', () => {
    const doc = toneDoc('Good news came. Bad news went. '.repeat(20_000));
    const whole = doc.layers.tone![0]!.data;
    expect(doc.layers.tone).toHaveLength(40_001);
    expect(whole.wordCount).toBe(120_000);
    expect(whole.tone).toBeCloseTo(0, 5);
  });

  it('summarizes the document tone for parley analyze', () => {
    const lines = summarizeTone(toneDoc('A wonderful day. A terrible night.'));
    expect(lines[0]).toMatch(/^tone -?\d+\.\d\d {2}positive/);
    expect(lines.some((l) => l.startsWith('most negative') && l.includes('terrible'))).toBe(true);
    expect(lines.some((l) => l.startsWith('most positive') && l.includes('wonderful'))).toBe(true);
  });
});

describe('the tone lexicon', () => {
  it('is the one the stage version names (rebuild with npm run build:tone after changing it)', () => {
    expect(lexicon.fingerprint).toBe(BUILTIN_TONE_LEXICON.fingerprint);
    expect(toneStage.version).toContain(BUILTIN_TONE_LEXICON.fingerprint);
    expect(lexicon.valence.get('good')).toBeGreaterThan(0);
    expect(lexicon.valence.has('united')).toBe(false);
    expect(lexicon.activity.has('attacked')).toBe(true);
  });

  it('refuses a missing or edited lexicon file with a coded error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-tone-'));
    expect(() => loadToneLexicon(dir)).toThrow(expect.objectContaining({ code: 'E_MODEL_MISSING' }));
    cpSync(join(defaultDataDirectory(), 'tone'), join(dir, 'tone'), { recursive: true });
    const path = join(dir, 'tone/lexicon.json');
    writeFileSync(path, readFileSync(path, 'utf8').replace('"good":0.6', '"good":-0.6'));
    expect(() => loadToneLexicon(dir)).toThrow(/changed after it was built/);
    writeFileSync(path, '{"format": 1');
    expect(() => loadToneLexicon(dir)).toThrow(expect.objectContaining({ code: 'E_MODEL_CORRUPT' }));
  });
});
