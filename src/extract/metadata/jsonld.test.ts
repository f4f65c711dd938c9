import { describe, expect, it } from 'vitest';
import { authorsOf, findArticleNode, listOf, parseJsonLd, siteNameOf, textOf, typesOf } from './jsonld.js';

const article = (scripts: string[], urls: string[] = []) => {
  const data = parseJsonLd(scripts);
  return { data, node: findArticleNode(data, urls) };
};

describe('parseJsonLd', () => {
  it('reads an @graph with @id references to the author and publisher', () => {
    const { data, node } = article([
      JSON.stringify({
        '@context': 'https://schema.org',
        '@graph': [
          { '@type': 'WebSite', '@id': '#site', name: 'Example Times' },
          { '@type': 'Person', '@id': '#jane', name: 'Jane Doe' },
          { '@type': 'NewsArticle', headline: 'The headline', author: { '@id': '#jane' }, publisher: { '@id': '#site' }, datePublished: '2020-01-02T03:04:05+01:00' },
        ],
      }),
    ]);
    expect(node && typesOf(node)).toEqual(['newsarticle']);
    expect(authorsOf(node!, data)).toEqual([{ name: 'Jane Doe', isOrganization: false }]);
    expect(siteNameOf(node, data)).toBe('Example Times');
  });

  it('repairs trailing commas, raw control characters and comment wrappers', () => {
    const broken = '<!--\n{"@type": "Article", "headline": "Line one\nline two", "author": [{"name": "A. Author",},],}\n-->';
    const { data, node } = article([broken]);
    expect(textOf(node!['headline'])).toBe('Line one line two');
    expect(authorsOf(node!, data).map((a) => a.name)).toEqual(['A. Author']);
  });

  it('repairs JSON written with HTML entities for its quotes', () => {
    const { node } = article(['{&quot;@type&quot;: &quot;BlogPosting&quot;, &quot;headline&quot;: &quot;Tom &amp; Jerry&quot;}']);
    expect(textOf(node!['headline'])).toBe('Tom & Jerry');
  });

  it('reads several objects in one script and several scripts', () => {
    const { data } = article(['{"@type": "Organization", "name": "Org"} {"@type": "Article", "headline": "H"}', '[{"@type": "BreadcrumbList"}]']);
    expect(data.nodes.map((n) => typesOf(n)[0])).toEqual(['organization', 'article', 'breadcrumblist']);
  });

  it('salvages the fields of a script no repair can parse', () => {
    const { data, node } = article(['{"@type": "NewsArticle", "headline": "Salvaged \\"title\\"", "datePublished": "2019-05-06", "author": {"name": "Jo Writer"}, "body": {{{']);
    expect(textOf(node!['headline'])).toBe('Salvaged "title"');
    expect(textOf(node!['datePublished'])).toBe('2019-05-06');
    expect(authorsOf(node!, data).map((a) => a.name)).toEqual(['Jo Writer']);
  });

  it('never throws on garbage and stays bounded on deep nesting', () => {
    const deep = '['.repeat(10_000) + ']'.repeat(10_000);
    for (const garbage of ['', '   ', 'null', '42', '{{{', '}{', '"string"', deep, '{"@type": ["Article", 7, null]}']) {
      expect(() => parseJsonLd([garbage])).not.toThrow();
    }
    expect(parseJsonLd(['null', '42']).nodes).toEqual([]);
  });

  it("prefers the node describing the page's own URL over related articles", () => {
    const related = { '@type': 'NewsArticle', headline: 'Related', url: 'https://example.com/other', datePublished: '2020-01-01' };
    const own = { '@type': 'NewsArticle', headline: 'Own', url: 'https://example.com/story', datePublished: '2020-02-02' };
    const { node } = article([JSON.stringify([related, own])], ['https://example.com/story/']);
    expect(textOf(node!['headline'])).toBe('Own');
  });

  it('marks organizations among authors and resolves names given in parts', () => {
    const { data, node } = article([
      JSON.stringify({ '@type': 'Article', author: [{ '@type': 'Organization', name: 'Newsroom' }, { '@type': 'Person', givenName: 'Ann', familyName: 'Lee' }, 'https://example.com/author/x', 'Plain Name'] }),
    ]);
    expect(authorsOf(node!, data)).toEqual([
      { name: 'Newsroom', isOrganization: true },
      { name: 'Ann Lee', isOrganization: false },
      { name: 'Plain Name', isOrganization: false },
    ]);
  });

  it('reads keywords written as a string or as a list', () => {
    expect(listOf('a, b; c')).toEqual(['a', 'b', 'c']);
    expect(listOf(['x', { name: 'y' }])).toEqual(['x', 'y']);
    expect(listOf(undefined)).toEqual([]);
  });
});
