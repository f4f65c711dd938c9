import { describe, expect, it } from 'vitest';
import { canonicalizeUrl, chooseCanonicalUrl } from './canonical-url.js';
import { sameSite, siteOf } from './site.js';

describe('canonicalizeUrl', () => {
  const cases: readonly (readonly [string, string, string])[] = [
    ['scheme and host case', 'HTTPS://News.Example.COM/World/Story', 'https://news.example.com/World/Story'],
    ['default ports', 'http://example.com:80/a', 'http://example.com/a'],
    ['default https port', 'https://example.com:443/a', 'https://example.com/a'],
    ['other ports stay', 'http://example.com:8080/a', 'http://example.com:8080/a'],
    ['fragment', 'https://example.com/story#comments', 'https://example.com/story'],
    ['credentials', 'https://user:secret@example.com/story', 'https://example.com/story'],
    ['utm_* tags', 'https://example.com/story?utm_source=twitter&utm_medium=social&utm_campaign=x', 'https://example.com/story'],
    ['click ids', 'https://example.com/story?fbclid=IwAR0&gclid=Cj0&msclkid=1&mc_eid=abc&mc_cid=def', 'https://example.com/story'],
    ['tracking names in any case', 'https://example.com/story?UTM_Source=x&FBCLID=y', 'https://example.com/story'],
    ['other parameters kept and sorted', 'https://example.com/view?story=42&utm_source=x&page=2', 'https://example.com/view?page=2&story=42'],
    ['repeated parameters keep their order', 'https://example.com/tags?t=b&a=1&t=a', 'https://example.com/tags?a=1&t=b&t=a'],
    ['an empty query', 'https://example.com/story?', 'https://example.com/story'],
    ['trailing slash', 'https://example.com/news/story/', 'https://example.com/news/story'],
    ['the root keeps its slash', 'https://example.com', 'https://example.com/'],
    ['directory index files', 'https://example.com/news/index.html', 'https://example.com/news'],
    ['escapes: one case, unreserved characters unescaped', 'https://example.com/%7euser/caf%c3%a9', 'https://example.com/~user/caf%C3%A9'],
    ['AMP path prefix', 'https://example.com/amp/news/story', 'https://example.com/news/story'],
    ['AMP path suffix', 'https://example.com/news/story/amp/', 'https://example.com/news/story'],
    ['AMP query flags', 'https://example.com/news/story?amp=1', 'https://example.com/news/story'],
    ['AMP output type', 'https://example.com/news/story?outputType=amp', 'https://example.com/news/story'],
    ['AMP file suffix', 'https://example.com/news/story.amp.html', 'https://example.com/news/story.html'],
    ['AMP host', 'https://amp.example.com/news/story', 'https://example.com/news/story'],
    ['a bare amp domain is a site, not a variant', 'https://amp.dev/about', 'https://amp.dev/about'],
    ['the AMP cache', 'https://www-example-com.cdn.ampproject.org/c/s/www.example.com/news/story.amp.html', 'https://www.example.com/news/story.html'],
    ['a trailing dot on the host', 'https://example.com./story', 'https://example.com/story'],
    ['IDN hosts in punycode', 'https://münchen.example/nachrichten', 'https://xn--mnchen-3ya.example/nachrichten'],
  ];
  for (const [name, input, expected] of cases) {
    it(name, () => expect(canonicalizeUrl(input)).toBe(expected));
  }

  it('is idempotent', () => {
    for (const [, input] of cases) {
      const once = canonicalizeUrl(input)!;
      expect(canonicalizeUrl(once)).toBe(once);
    }
  });

  it('refuses what is not a web or file URL', () => {
    expect(canonicalizeUrl('not a url')).toBeNull();
    expect(canonicalizeUrl('mailto:desk@example.com')).toBeNull();
    expect(canonicalizeUrl('javascript:void(0)')).toBeNull();
  });

  it('keeps file URLs as they are, without fragment or query', () => {
    expect(canonicalizeUrl('file:///data/pages/a.html#top')).toBe('file:///data/pages/a.html');
  });
});

describe('chooseCanonicalUrl', () => {
  const page = 'https://www.example.com/2026/03/port-strike?utm_source=rss';

  it('takes the page’s canonical link on the same site, canonicalized', () => {
    expect(chooseCanonicalUrl(page, 'https://www.example.com/2026/03/port-strike/', null)).toEqual({ url: 'https://www.example.com/2026/03/port-strike', from: 'declared' });
    expect(chooseCanonicalUrl(page, 'https://example.com/news/port-strike-carrow', null)?.url).toBe('https://example.com/news/port-strike-carrow');
  });

  it('resolves a relative canonical link against the page', () => {
    expect(chooseCanonicalUrl(page, '/news/port-strike', null)?.url).toBe('https://www.example.com/news/port-strike');
  });

  it('takes the canonical link of an AMP page, on its amp. host or in the AMP cache', () => {
    expect(chooseCanonicalUrl('https://amp.example.com/story.amp.html', 'https://www.example.com/story.html', null)?.url).toBe('https://www.example.com/story.html');
    const cached = 'https://www-example-com.cdn.ampproject.org/c/s/www.example.com/story/amp';
    expect(chooseCanonicalUrl(cached, 'https://www.example.com/story', null)).toEqual({ url: 'https://www.example.com/story', from: 'declared' });
  });

  it('does not believe a canonical link to another site (a reprint pointing at the original)', () => {
    expect(chooseCanonicalUrl('https://coastal-herald.example/world/carrow-strike', 'https://northern-press.example/2026/carrow', null)).toEqual({
      url: 'https://coastal-herald.example/world/carrow-strike',
      from: 'page',
    });
  });

  it('does not believe a canonical link to the home page or a section (a template mistake)', () => {
    expect(chooseCanonicalUrl(page, 'https://www.example.com/', null)?.from).toBe('page');
    expect(chooseCanonicalUrl(page, 'https://www.example.com/2026', null)?.url).toBe('https://www.example.com/2026/03/port-strike');
  });

  it('ignores a canonical link that is not a web URL', () => {
    expect(chooseCanonicalUrl(page, 'javascript:void(0)', null)?.from).toBe('page');
    expect(chooseCanonicalUrl(page, 'http://[broken', null)?.from).toBe('page');
  });

  it('for a local file, takes an absolute canonical link, else the file’s own URL', () => {
    expect(chooseCanonicalUrl(null, 'https://example.com/story', '/data/a.html')).toEqual({ url: 'https://example.com/story', from: 'declared' });
    expect(chooseCanonicalUrl(null, 'https://example.com/', '/data/a.html')).toEqual({ url: 'file:///data/a.html', from: 'file' });
    expect(chooseCanonicalUrl(null, 'story.html', '/data/a.html')).toEqual({ url: 'file:///data/a.html', from: 'file' });
    expect(chooseCanonicalUrl(null, null, '/data/a b.html')).toEqual({ url: 'file:///data/a%20b.html', from: 'file' });
  });

  it('has nothing to offer without a URL or a path', () => {
    expect(chooseCanonicalUrl(null, null, null)).toBeNull();
  });
});

describe('siteOf', () => {
  it('is the registrable domain under the Public Suffix List', () => {
    expect(siteOf('https://www.bbc.co.uk/news/1')).toBe('bbc.co.uk');
    expect(siteOf('https://news.bbc.co.uk/2')).toBe('bbc.co.uk');
    expect(siteOf('https://alice.github.io/post')).toBe('alice.github.io');
    expect(sameSite('https://alice.github.io/a', 'https://bob.github.io/b')).toBe(false);
    expect(sameSite('https://m.example.com/a', 'https://www.example.com/b')).toBe(true);
  });

  it('takes the host itself when there is no registrable domain, and one site for local files', () => {
    expect(siteOf('http://127.0.0.1:8080/a')).toBe('127.0.0.1');
    expect(siteOf('http://localhost/a')).toBe('localhost');
    expect(siteOf('file:///a/b.html')).toBe(siteOf('file:///c/d.html'));
    expect(siteOf('nonsense')).toBeNull();
  });
});
