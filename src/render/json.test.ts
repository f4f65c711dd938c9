import { describe, expect, it } from 'vitest';
import { article, heading, paragraph, inline } from '../../test/fixtures/cli/articles.js';
import { ARTICLE_JSON_FIELDS, articleToJSON } from './json.js';

describe('articleToJSON', () => {
  const source = article([heading(2, 'Background'), paragraph(inline('Body text.'))], {
    provenance: { language: { source: 'html', confidence: 0.7 }, title: { source: 'json-ld', confidence: 0.95 } },
    captions: [{ credit: 'AP', text: 'A caption' }],
    title: 'Title',
    tags: ['a'],
  });

  it('has exactly the public fields, in contract order, without blocks', () => {
    const json = articleToJSON(source);
    expect(Object.keys(json)).toEqual([...ARTICLE_JSON_FIELDS]);
    expect(ARTICLE_JSON_FIELDS).toEqual(['title', 'authors', 'published', 'modified', 'language', 'siteName', 'url', 'canonicalUrl', 'description', 'image', 'section', 'tags', 'captions', 'text', 'markdown', 'wordCount', 'provenance']);
    expect(json).not.toHaveProperty('blocks');
  });

  it('orders nested objects too (captions text/image/credit, provenance by field) and copies arrays', () => {
    const json = articleToJSON(source);
    expect(JSON.stringify(json.captions)).toBe('[{"text":"A caption","credit":"AP"}]');
    expect(Object.keys(json.provenance)).toEqual(['title', 'language']);
    json.tags.push('b');
    expect(source.tags).toEqual(['a']);
  });

  it('round-trips through JSON.stringify with the same values', () => {
    const parsed = JSON.parse(JSON.stringify(articleToJSON(source))) as Record<string, unknown>;
    expect(parsed.text).toBe('Background\n\nBody text.');
    expect(parsed.markdown).toBe('## Background\n\nBody text.');
    expect(parsed.title).toBe('Title');
  });
});
