import { findAll, textContent } from 'domutils';
import type { Element } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import type { Block } from '../model/article.js';
import { article, heading, HOSTILE, inline, paragraph } from '../../test/fixtures/cli/articles.js';
import { articleToHtml, blocksToHtml, escapeHtml } from './html.js';

/** The only elements Parley's HTML may contain. */
const OUR_TAGS = new Set([
  'html', 'head', 'meta', 'title', 'link', 'style', 'body', 'article', 'header', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'span',
  'time', 'a', 'strong', 'em', 'code', 'pre', 'br', 'blockquote', 'ul', 'ol', 'li', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'figure',
  'img', 'figcaption', 'small',
]);

function elements(html: string): Element[] {
  return findAll(() => true, parseDocument(html).children);
}

describe('articleToHtml: a whole document', () => {
  const doc = articleToHtml(
    article([heading(1, 'A body heading'), paragraph(inline('Body.'))], {
      title: 'Harbor Bridge reopens',
      authors: ['Maria Delgado', 'Tom Reyes'],
      published: '2024-05-14T08:30:00-04:00',
      modified: '2024-05-14T11:05:00-04:00',
      language: 'en',
      siteName: 'Eastport Ledger',
      description: 'The bridge reopens.',
      canonicalUrl: 'https://example.com/news/bridge',
      tags: ['transport'],
      captions: [{ text: 'Crews at work', image: 'https://example.com/a.jpg', credit: 'Photo: AP' }],
    }),
  );
  const all = elements(doc);
  const named = (name: string): Element[] => all.filter((el) => el.name === name);

  it('has a doctype, a language, a charset, a strict Content-Security-Policy and the metadata in <head>', () => {
    expect(doc.startsWith('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">')).toBe(true);
    const csp = named('meta').find((m) => m.attribs['http-equiv'] === 'Content-Security-Policy');
    expect(csp?.attribs.content).toBe("default-src 'none'; img-src http: https:; style-src 'unsafe-inline'");
    expect(named('meta').filter((m) => m.attribs.name === 'author').map((m) => m.attribs.content)).toEqual(['Maria Delgado', 'Tom Reyes']);
    expect(named('link')[0]?.attribs).toEqual({ rel: 'canonical', href: 'https://example.com/news/bridge' });
    expect(textContent(named('title'))).toBe('Harbor Bridge reopens');
  });

  it('puts the title, byline and dates in the article header, body headings below <h1>', () => {
    expect(named('article')).toHaveLength(1);
    expect(named('h1').map((h) => textContent(h))).toEqual(['Harbor Bridge reopens']);
    expect(named('h2').map((h) => textContent(h))).toEqual(['A body heading']);
    expect(textContent(all.find((el) => el.attribs.class === 'byline')!)).toBe('Maria Delgado, Tom Reyes');
    expect(named('time').map((t) => t.attribs.datetime)).toEqual(['2024-05-14T08:30:00-04:00', '2024-05-14T11:05:00-04:00']);
  });

  it('renders captions as figures with the image and the credit, unless captions are off', () => {
    expect(doc).toContain('<figure><img src="https://example.com/a.jpg" alt="Crews at work" loading="lazy"><figcaption>Crews at work <small class="credit">Photo: AP</small></figcaption></figure>');
    expect(articleToHtml(article([paragraph(inline('x'))], { captions: [{ text: 'Crews at work' }] }), { captions: false })).not.toContain('<figure');
  });

  it('uses only its own tags', () => {
    expect(all.map((el) => el.name).filter((name) => !OUR_TAGS.has(name))).toEqual([]);
  });
});

describe('articleToHtml: hostile text and URLs', () => {
  const hostile = article(
    [
      paragraph(inline(HOSTILE.script), inline(' and '), inline(HOSTILE.img)),
      paragraph(...HOSTILE.javascriptHrefs.map((href, i) => inline(`link ${i} `, { href }))),
      paragraph(inline('safe', { href: 'https://example.com/?q="x"&y=<1>' })),
      { type: 'code', text: '</code></pre><script>x()</script>', language: 'js" onclick="x' },
    ],
    {
      title: `${HOSTILE.script}</title><script>x()</script>`,
      authors: [HOSTILE.attributeBreak],
      description: HOSTILE.attributeBreak,
      language: 'en" onload="x',
      canonicalUrl: 'javascript:alert(1)',
      published: '"><script>x()</script>',
      captions: [{ text: HOSTILE.img, image: 'javascript:alert(1)', credit: HOSTILE.script }],
    },
  );
  const doc = articleToHtml(hostile);
  const all = elements(doc);

  it('never produces a script, an event handler or a foreign element', () => {
    expect(all.map((el) => el.name).filter((name) => !OUR_TAGS.has(name))).toEqual([]);
    expect(all.filter((el) => el.name === 'script' || el.name === 'img')).toEqual([]);
    expect(all.flatMap((el) => Object.keys(el.attribs)).filter((name) => /^on/i.test(name))).toEqual([]);
    expect(doc).not.toContain('<script');
  });

  it('keeps the text exactly as text', () => {
    expect(textContent(all.filter((el) => el.name === 'title'))).toBe(hostile.title);
    expect(all.find((el) => el.name === 'meta' && el.attribs.name === 'author')?.attribs.content).toBe(HOSTILE.attributeBreak);
    const paragraphs = all.filter((el) => el.name === 'p').map((el) => textContent(el));
    expect(paragraphs).toContain(`${HOSTILE.script} and ${HOSTILE.img}`);
    expect(textContent(all.filter((el) => el.name === 'time'))).toBe(hostile.published);
    expect(textContent(all.filter((el) => el.name === 'pre'))).toBe('</code></pre><script>x()</script>');
  });

  it('links only to http(s) and mailto, with rel="noopener nofollow"; drops unsafe language tags and code classes', () => {
    const links = all.filter((el) => el.name === 'a');
    expect(links.map((a) => a.attribs.href)).toEqual(['https://example.com/?q=%22x%22&y=%3C1%3E']);
    expect(links[0]?.attribs.rel).toBe('noopener nofollow');
    expect(all.find((el) => el.name === 'html')?.attribs).toEqual({});
    expect(all.find((el) => el.name === 'code')?.attribs).toEqual({});
    expect(all.filter((el) => el.name === 'link')).toEqual([]);
  });
});

describe('blocksToHtml', () => {
  it('nests lists by depth', () => {
    const list: Block = {
      type: 'list',
      ordered: false,
      text: '',
      items: [
        { text: 'a', depth: 0, inlines: [inline('a')] },
        { text: 'b', depth: 1, inlines: [inline('b')] },
        { text: 'c', depth: 0, inlines: [inline('c')] },
      ],
    };
    expect(blocksToHtml([list])).toBe('<ul><li>a<ul><li>b</li></ul></li><li>c</li></ul>');
  });

  it('writes header rows in <thead> and line breaks as <br>', () => {
    const table: Block = { type: 'table', text: '', rows: [{ header: true, cells: ['A'] }, { header: false, cells: ['<1>'] }] };
    expect(blocksToHtml([table])).toBe('<table><thead><tr><th>A</th></tr></thead><tbody><tr><td>&lt;1&gt;</td></tr></tbody></table>');
    expect(blocksToHtml([paragraph(inline('one\ntwo', { strong: true }))])).toBe('<p><strong>one<br>\ntwo</strong></p>');
  });
});

describe('escapeHtml', () => {
  it('escapes markup and quote characters and drops control characters HTML forbids', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
    expect(escapeHtml('a\u0000b\u0007c\u009fd\te\nf\ud800')).toBe('abcd\te\nf\ufffd');
  });
});
