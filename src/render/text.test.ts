import { describe, expect, it } from 'vitest';
import { article, inline, paragraph } from '../../test/fixtures/cli/articles.js';
import { articleToText } from './text.js';

describe('articleToText', () => {
  const body = [paragraph(inline('First paragraph.')), paragraph(inline('Second <b>paragraph</b>.'))];

  it('heads the body with the title and a blank line', () => {
    expect(articleToText(article(body, { title: 'A headline' }))).toBe('A headline\n\nFirst paragraph.\n\nSecond <b>paragraph</b>.\n');
  });

  it('is the body alone when there is no title, or when the body already starts with it', () => {
    expect(articleToText(article(body))).toBe('First paragraph.\n\nSecond <b>paragraph</b>.\n');
    expect(articleToText(article(body, { title: 'First paragraph.' }))).toBe('First paragraph.\n\nSecond <b>paragraph</b>.\n');
  });

  it('keeps the title on one line and leaves captions out', () => {
    const text = articleToText(article(body, { title: 'Two\nlines', captions: [{ text: 'A photo caption' }] }));
    expect(text.split('\n')[0]).toBe('Two lines');
    expect(text).not.toContain('A photo caption');
  });
});
