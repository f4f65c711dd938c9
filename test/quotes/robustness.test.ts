import { describe, expect, it } from 'vitest';
import { quotesOf } from './helpers.js';

describe('quotes on bad or unusual input', () => {
  it('empty and blank texts give no quotes', () => {
    expect(quotesOf('')).toEqual([]);
    expect(quotesOf(' \n\n \t')).toEqual([]);
  });

  it('unbalanced quote marks give valid spans and no crash', () => {
    const text = '“He said it would rain, Kerry said.\n\nNo closing mark here ” or here ”.\n\n"Straight open, then nothing';
    const quotes = quotesOf(text, [{ text: 'Kerry' }]);
    for (const q of quotes) {
      expect(q.start).toBeGreaterThanOrEqual(0);
      expect(q.end).toBeLessThanOrEqual(text.length);
      expect(q.end).toBeGreaterThan(q.start);
    }
    // The unclosed quote runs to its paragraph's end and is not a quote of its own words ("Kerry said" is inside it).
    expect(quotes.some((q) => q.text.startsWith('He said it would rain'))).toBe(false);
  });

  it('a huge text is handled, with spans in order', () => {
    const paragraph = '“We will keep talking,” Kerry said. The talks went on, officials said.\n\n';
    const text = paragraph.repeat(3000);
    const quotes = quotesOf(text, [{ text: 'Kerry' }]);
    expect(quotes.length).toBeGreaterThanOrEqual(6000);
    for (let i = 1; i < quotes.length; i++) expect(quotes[i]!.start).toBeGreaterThanOrEqual(quotes[i - 1]!.start);
  });

  it('non-English text gives an empty or well-formed result', () => {
    for (const text of ['他说：“我们会继续谈判。”', 'Он сказал: «Мы продолжим переговоры».', 'قال: "سنواصل المحادثات"']) {
      const quotes = quotesOf(text);
      for (const q of quotes) expect(text.slice(q.start, q.end)).toBe(q.text);
    }
  });

  it('binary-looking text does not crash', () => {
    const text = String.fromCharCode(...Array.from({ length: 2000 }, (_, i) => (i * 7919) % 0xd7ff));
    expect(() => quotesOf(text)).not.toThrow();
  });
});
