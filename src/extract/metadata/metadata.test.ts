import { describe, expect, it } from 'vitest';
import { parseHtml } from '../parse.js';
import { extractMetadata, type MetadataInput } from './index.js';

const run = (html: string, url: string | null = 'https://news.example.com/world/story', extra: Partial<MetadataInput> = {}) =>
  extractMetadata({ page: parseHtml(html, 256), url, ...extra });

describe('extractMetadata, one source kind at a time', () => {
  it('reads JSON-LD (NewsArticle with author, publisher, image, section, keywords)', () => {
    const { fields, provenance } = run(`<html><head><script type="application/ld+json">{
      "@context": "https://schema.org", "@type": "NewsArticle", "headline": "Quake shakes the capital",
      "author": [{"@type": "Person", "name": "Jane Doe"}, {"@type": "Person", "name": "John Roe"}],
      "publisher": {"@type": "Organization", "name": "Example News"},
      "datePublished": "2021-03-04T05:06:07+09:00", "dateModified": "2021-03-05T08:00:00+09:00",
      "image": {"@type": "ImageObject", "url": "/img/quake.jpg"}, "articleSection": "World",
      "keywords": "earthquake, Tokyo", "description": "A strong quake."}</script></head><body><p>Text</p></body></html>`);
    expect(fields).toMatchObject({
      title: 'Quake shakes the capital',
      authors: ['Jane Doe', 'John Roe'],
      published: '2021-03-04T05:06:07+09:00',
      modified: '2021-03-05T08:00:00+09:00',
      siteName: 'Example News',
      image: 'https://news.example.com/img/quake.jpg',
      section: 'World',
      tags: ['earthquake', 'Tokyo'],
      description: 'A strong quake.',
    });
    expect(provenance.published).toMatchObject({ source: 'json-ld' });
    expect(provenance.authors).toMatchObject({ source: 'json-ld' });
  });

  it('reads Open Graph and article:* tags', () => {
    const { fields, provenance } = run(`<html><head>
      <meta property="og:title" content="Open Graph title"><meta property="og:site_name" content="OG Site">
      <meta property="og:url" content="https://news.example.com/canonical"><meta property="og:image" content="https://cdn.example.com/a.jpg">
      <meta property="article:published_time" content="2019-10-01T12:00:00Z"><meta property="article:section" content="Tech">
      <meta property="article:tag" content="ai"><meta property="article:tag" content="chips"></head><body></body></html>`);
    expect(fields).toMatchObject({ title: 'Open Graph title', siteName: 'OG Site', canonicalUrl: 'https://news.example.com/canonical', image: 'https://cdn.example.com/a.jpg', published: '2019-10-01T12:00:00Z', section: 'Tech', tags: ['ai', 'chips'] });
    expect(provenance.title?.source).toBe('opengraph');
  });

  it('reads Twitter cards', () => {
    const { fields, provenance } = run(`<html><head><meta name="twitter:title" content="Tweeted title"><meta name="twitter:description" content="Desc"><meta name="twitter:image" content="/t.png"></head><body></body></html>`);
    expect(fields).toMatchObject({ title: 'Tweeted title', description: 'Desc', image: 'https://news.example.com/t.png' });
    expect(provenance.title?.source).toBe('twitter');
  });

  it('reads classic, Dublin Core, Highwire and Parse.ly meta tags', () => {
    const { fields } = run(`<html><head><meta name="DC.title" content="A study of things">
      <meta name="citation_author" content="Curie, Marie"><meta name="citation_author" content="Pierre Curie">
      <meta name="citation_publication_date" content="2003/06/25"><meta name="parsely-section" content="Science"></head><body></body></html>`);
    expect(fields).toMatchObject({ title: 'A study of things', authors: ['Curie, Marie', 'Pierre Curie'], published: '2003-06-25', section: 'Science' });
  });

  it('reads microdata (headline, author Person, datePublished)', () => {
    const { fields, provenance } = run(`<html><body><article itemscope itemtype="https://schema.org/BlogPosting">
      <h2 itemprop="headline">Microdata headline</h2>
      <span itemprop="author" itemscope itemtype="https://schema.org/Person">By <span itemprop="name">Ann Lee</span></span>
      <meta itemprop="datePublished" content="2018-02-03"></article></body></html>`);
    expect(fields).toMatchObject({ title: 'Microdata headline', authors: ['Ann Lee'], published: '2018-02-03' });
    expect(provenance.authors?.source).toBe('microdata');
  });

  it('reads <time datetime>, hAtom <abbr class="published">, rel=author and bylines', () => {
    const time = run(`<html><body><article><h1>Heading of the story</h1><p class="byline">By <a rel="author" href="/author/jd">Jane Doe</a> and <a href="/author/jr">John Roe</a></p>
      <time datetime="2017-04-05T06:07:08-04:00" pubdate>April 5</time><p>Body.</p></article></body></html>`);
    expect(time.fields).toMatchObject({ title: 'Heading of the story', authors: ['Jane Doe', 'John Roe'], published: '2017-04-05T06:07:08-04:00' });
    const abbr = run(`<html><body><div class="hentry"><h1 class="entry-title">Old blog post title</h1><abbr class="published" title="2008-01-02T10:00:00+01:00">2 Jan</abbr>
      <span class="author vcard"><span class="fn">Old Blogger</span></span></div></body></html>`);
    expect(abbr.fields).toMatchObject({ published: '2008-01-02T10:00:00+01:00', authors: ['Old Blogger'] });
  });

  it('reads the date from the URL when nothing else has one', () => {
    const { fields, provenance } = run('<html><body><h1>Some title of a page</h1><p>Text.</p></body></html>', 'https://blog.example.com/2013/07/10/some-title/');
    expect(fields.published).toBe('2013-07-10');
    expect(provenance.published?.source).toBe('url');
  });

  it('reads visible datelines in several languages', () => {
    const de = run('<html lang="de"><body><h1>Ein Titel für die Meldung</h1><p>Von Anna Müller | 31. Mai 2012, 14:35 Uhr</p><p>Text.</p></body></html>', null);
    expect(de.fields.published).toBe('2012-05-31T14:35:00');
    expect(de.fields.authors).toEqual(['Anna Müller']);
    expect(de.provenance.published?.source).toBe('text');
    const ja = run('<html lang="ja"><body><h1>記事の見出しです</h1><div class="date">2013年7月10日 10:30</div><p>本文。</p></body></html>', null);
    expect(ja.fields.published).toBe('2013-07-10T10:30:00');
    const fr = run('<html lang="fr"><body><h1>Le titre de cet article</h1><p>Publié le 10 juillet 2013</p></body></html>', null);
    expect(fr.fields.published).toBe('2013-07-10');
  });

  it('reads relative datelines only with an anchor date (the HTTP Date header)', () => {
    const html = '<html><body><h1>Breaking story headline here</h1><p class="date">3 hours ago</p></body></html>';
    expect(run(html, null).fields.published).toBeNull();
    expect(run(html, null, { headers: { Date: 'Tue, 10 Mar 2020 15:00:00 GMT' } }).fields.published).toBe('2020-03-10');
  });
});

describe('extractMetadata when sources disagree', () => {
  it('chooses the day two sources agree on and says it was contested', () => {
    const contested = run(`<html><head><script type="application/ld+json">{"@type":"Article","datePublished":"2020-05-01T10:00:00+02:00"}</script>
      <meta property="article:published_time" content="2020-06-15T10:00:00+02:00"></head>
      <body><h1>Headline of this article</h1><p class="date">15.06.2020</p></body></html>`, 'https://example.com/2020/06/15/headline');
    expect(contested.fields.published).toBe('2020-06-15T10:00:00+02:00');
    const agreed = run(`<html><head><meta property="article:published_time" content="2020-06-15T10:00:00+02:00"></head>
      <body><h1>Headline of this article</h1><p class="date">15.06.2020</p></body></html>`, 'https://example.com/2020/06/15/headline');
    expect(contested.provenance.published!.confidence).toBeLessThan(agreed.provenance.published!.confidence);
  });

  it('keeps the local day the page shows over the day of a UTC timestamp', () => {
    const { fields } = run(`<html><head><meta property="article:published_time" content="2018-12-31T23:11:59+00:00"></head>
      <body><h1>Ins neue Jahr gestartet</h1></body></html>`, 'https://blog.example.com/2019/01/01/ins-neue-jahr/');
    expect(fields.published).toBe('2019-01-01');
  });

  it('prefers a person in the byline over the publisher named as author', () => {
    const { fields } = run(`<html><head><meta property="og:site_name" content="Example News"><meta name="author" content="Example News"></head>
      <body><h1>The story with a byline</h1><div class="byline">By Jane Doe</div></body></html>`);
    expect(fields.authors).toEqual(['Jane Doe']);
  });

  it('ignores bylines and dates in comments and related-story lists', () => {
    const { fields } = run(`<html><head><meta property="article:published_time" content="2021-01-01"></head><body><h1>Main story headline</h1>
      <div class="byline">By Real Author</div><p>Text.</p>
      <div class="comments"><div class="comment-author">Troll Person</div><time datetime="2024-05-05">May 5</time></div>
      <aside><div class="byline">By Other Writer</div></aside></body></html>`);
    expect(fields.authors).toEqual(['Real Author']);
    expect(fields.published).toBe('2021-01-01');
  });
});

describe('extractMetadata: dates the page shows', () => {
  it('trusts a date element next to the headline over the dates of a list far from it', () => {
    const teasers = Array.from({ length: 12 }, (_, i) => `<div class="item"><a href="/n/${i}">Older story ${i}</a><span class="date">0${(i % 9) + 1}.03.2021</span></div>`).join('');
    const filler = Array.from({ length: 20 }, (_, i) => `<p>Navigation entry ${i}</p>`).join('');
    const { fields } = run(`<html><body><div class="latest">${teasers}</div>${filler}
      <h1>Council approves the new budget</h1><span class="date">14.06.2021</span><p>The council voted on Monday.</p></body></html>`, null);
    expect(fields.published).toBe('2021-06-14');
  });

  it('reads a date split over elements and an hAtom date in a span title', () => {
    const split = run(`<html><body><h1>Haben sich Mozarts Eltern gesorgt?</h1><div class="date"><span class="month">Apr</span> <span class="day">04</span><span class="year">2013</span></div>
      <p>Text.</p></body></html>`, null);
    expect(split.fields.published).toBe('2013-04-04');
    const hatom = run(`<html><body><div class="hentry"><h1 class="entry-title">Ein alter Beitrag</h1><span class="published" title="2009-02-18T10:00:00+01:00"></span>
      <p>Text.</p></div></body></html>`, null);
    expect(hatom.fields.published).toBe('2009-02-18T10:00:00+01:00');
  });

  it('keeps a UTC timestamp whose day the page itself shows, though another shown time is the day before', () => {
    const { fields } = run(`<html><head><script type="application/ld+json">{"@type":"NewsArticle","headline":"Mit allen Wassern gewaschen",
      "datePublished":"2019-10-19T03:00:00Z"}</script></head><body><h1>Mit allen Wassern gewaschen</h1><p class="date">19.10.2019, 05:00 Uhr</p>
      <p>Text.</p><p>Premiere war am 18.10.2019, 20:00 Uhr.</p></body></html>`, null);
    expect(fields.published).toBe('2019-10-19T03:00:00Z');
  });

  it('takes, as a last resort, the first short date line of a page that declares none (trusted little)', () => {
    const rules = Array.from({ length: 45 }, (_, i) => `<p>Regel ${i + 1}: seid freundlich zueinander.</p>`).join('');
    const { fields, provenance } = run(`<html><body><div class="forum"><h2>Forums-Regeln</h2>${rules}
      <div class="post"><span>26.10.13</span><p>Bitte lest die Regeln vor dem ersten Beitrag.</p></div></div></body></html>`, null);
    expect(fields.published).toBe('2013-10-26');
    expect(provenance.published).toMatchObject({ source: 'text' });
    expect(provenance.published!.confidence).toBeLessThan(0.3);
  });
});

describe('extractMetadata on pages without metadata', () => {
  it('returns nulls and empty lists, and never throws', () => {
    for (const html of ['', '<html></html>', '<p>Just text.</p>', '<<<>>>', '<meta content><time datetime="x"></time><script type="application/ld+json">{{</script>']) {
      const { fields } = run(html, null);
      expect(fields).toMatchObject({ authors: [], published: null, modified: null, siteName: null, canonicalUrl: null, description: null, image: null, section: null, tags: [], url: null });
    }
  });

  it('stays bounded on huge and hostile values', () => {
    const huge = 'a'.repeat(1_000_000);
    const { fields } = run(`<html><head><meta name="author" content="${huge}"><meta property="og:title" content="${huge}">
      <script type="application/ld+json">{"@type":"Article","headline":"${huge}","author":{"name":"${'b@'.repeat(50_000)}"}}</script></head>
      <body><h1>${'x '.repeat(50_000)}</h1><div class="byline">${'By '.repeat(10_000)}</div></body></html>`);
    expect(fields.authors).toEqual([]);
    expect(fields.title?.length ?? 0).toBeLessThanOrEqual(4096);
  });

  it('resolves the canonical URL and keeps the URL as given', () => {
    const { fields, provenance } = run('<html><head><link rel="canonical" href="/world/story?id=1"></head><body></body></html>', 'https://news.example.com/world/story?utm=x');
    expect(fields.url).toBe('https://news.example.com/world/story?utm=x');
    expect(fields.canonicalUrl).toBe('https://news.example.com/world/story?id=1');
    expect(provenance.canonicalUrl?.source).toBe('html');
  });
});
