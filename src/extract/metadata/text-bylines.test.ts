import { describe, expect, it } from 'vitest';
import { parseHtml } from '../parse.js';
import { extractMetadata } from './index.js';

const authorsOf = (html: string, url = 'https://blog.example.org/2024/05/a-post/') => {
  const { fields, provenance } = extractMetadata({ page: parseHtml(html, 256), url });
  return { authors: fields.authors, provenance: provenance.authors };
};

describe('bylines only the page text shows', () => {
  it('reads a "Written by" line at the end of the article, far from the headline', () => {
    const paragraphs = Array.from({ length: 30 }, (_, i) => `<p>Paragraph ${i} of the guide, with advice on audits.</p>`).join('');
    const { authors, provenance } = authorsOf(`<html><body><main><h1>The PPC audit checklist</h1>${paragraphs}
      <div class="brxe-block"><p class="brxe-text-basic">Written by John Crenshaw</p>
      <h5>More from John Crenshaw</h5></div></main></body></html>`);
    expect(authors).toEqual(['John Crenshaw']);
    expect(provenance).toMatchObject({ source: 'text' });
  });

  it('does not take "by" inside a line (a book list) or in comments for a byline', () => {
    const { authors } = authorsOf(`<html><body><main><h1>Books to read in May</h1>
      ${Array.from({ length: 25 }, () => '<p>Some words about books.</p>').join('')}
      <h3><a href="/b"><em>Atacama</em></a> by&nbsp;Jendia Gammon (May 13th)</h3><p>A research team turns up dead.</p></main>
      <section class="comments"><p>By Anna Reader</p><p>Great list!</p></section></body></html>`);
    expect(authors).toEqual([]);
  });

  it('reads the author from a dateline under the headline ("11.12.2019 - Jane Doe")', () => {
    const { authors } = authorsOf(`<html><body><div class="container"><h1>Variablen und ihr Zuhause</h1>
      <p class="text-muted">11.12.2019 - Amelie Loevenich</p></div><p>Heute lernen wir Variablen kennen.</p></body></html>`);
    expect(authors).toEqual(['Amelie Loevenich']);
  });

  it('reads "Name | Role | Date" and "Date • Name in Category" datelines, but not a place before a date', () => {
    expect(authorsOf(`<html><body><header><h1>How AI Is Transforming Healthcare</h1>
      <p>Aaron Ricadela | Senior Writer | July 2, 2025</p></header><p>Text.</p></body></html>`).authors).toEqual(['Aaron Ricadela']);
    expect(authorsOf(`<html><body><h1>Project management software pricing</h1>
      <p>Dec 26, 2025 • Mahua Das in Project Management</p><p>Text.</p></body></html>`).authors).toEqual(['Mahua Das']);
    expect(authorsOf(`<html><body><h1>Quake shakes the city</h1><p>New York, March 3, 2020</p><p>Text.</p></body></html>`).authors).toEqual([]);
  });

  it('takes a person named in the copyright line when nothing else names the author', () => {
    const { authors, provenance } = authorsOf(`<html><head><title>Mercurial and Python 3</title></head><body>
      <div id="content"><h2>Mercurial's Journey to Python 3</h2><p>Porting took years.</p></div>
      <div id="footer"><p>Copyright (c) 2012- Gregory Szorc. All rights reserved. Design by CSS Templates.</p></div></body></html>`,
    'https://gregoryszorc.example/blog/python3/');
    expect(authors).toEqual(['Gregory Szorc']);
    expect(provenance?.confidence).toBeLessThan(0.5);
  });

  it('does not take a company, or the site itself, from the copyright line', () => {
    expect(authorsOf(`<html><body><h1>Wind farm opens</h1><p>Text.</p>
      <footer><p>© Example Energie Baden AG 2022. Alle Rechte vorbehalten.</p></footer></body></html>`).authors).toEqual([]);
    expect(authorsOf(`<html><head><meta property="og:site_name" content="Daily Planet"></head><body><h1>Wind farm opens</h1>
      <p>Text.</p><footer><p>© 2024 Daily Planet</p></footer></body></html>`).authors).toEqual([]);
  });

  it('reads the author from an <address> element', () => {
    expect(authorsOf(`<html><body><article><h1>The May book list</h1><address><a href="/profile/adam">Adam Roberts</a></address>
      <p>Text.</p></article></body></html>`).authors).toEqual(['Adam Roberts']);
  });
});

describe('choosing among author names', () => {
  it('writes out a user name or first name that a visible byline gives in full', () => {
    const { authors } = authorsOf(`<html><head><script type="application/ld+json">{"@type":"Article","headline":"Sportzentrum erweitert",
      "author":{"@type":"Person","name":"arianschlichenmayer"}}</script></head><body><h1>Sportzentrum erweitert</h1>
      <div class="byline"><a href="/autor/arian">Arian Schlichenmayer</a></div><p>Text.</p></body></html>`);
    expect(authors).toEqual(['Arian Schlichenmayer']);
    const first = authorsOf(`<html><head><meta name="author" content="Stefanus"></head><body><h1>Tubeless umrüsten</h1>
      <p class="author">Stefanus Stahl</p><p>Text.</p></body></html>`);
    expect(first.authors).toEqual(['Stefanus Stahl']);
  });

  it('drops the site named beside a person, and the organization JSON-LD lists beside people', () => {
    expect(authorsOf(`<html><head><meta property="og:site_name" content="unocero"><meta name="author" content="unocero - Alberto Ávila"></head>
      <body><h1>Marcas</h1><p>Text.</p></body></html>`, 'https://www.unocero.example/marcas/').authors).toEqual(['Alberto Ávila']);
    expect(authorsOf(`<html><head><script type="application/ld+json">{"@type":"Article","headline":"Garden learning",
      "author":[{"@type":"Person","name":"Arlene Marturano"},{"@type":"Organization","name":"Garden-based Learning Network"}]}</script>
      </head><body><h1>Garden learning</h1><p>Text.</p></body></html>`).authors).toEqual(['Arlene Marturano']);
  });

  it('prefers a person to initials or a team when the page names both', () => {
    expect(authorsOf(`<html><body><h1>Der Artikel</h1><div class="author">JF</div><div class="author">JF</div>
      <p class="meta">Von Boris T. Kaiser</p><p>Text.</p></body></html>`).authors).toEqual(['Boris T. Kaiser']);
    expect(authorsOf(`<html><body><h1>Übung der Woche</h1><p>Von Pamela Sladky</p><p>Text.</p>
      <div class="author-box">Das Team der Pferderevue</div></body></html>`).authors).toEqual(['Pamela Sladky']);
  });

  it('does not read a category list in a byline element as authors', () => {
    expect(authorsOf(`<html><body><h1>Solarthermie in Dubai</h1><div class="author-meta"><a href="/t/csp">CSP</a> · <a href="/t/int">International</a> ·
      <a href="/t/pv">Photovoltaik</a> · <a href="/t/st">Solarthermie</a></div><p>Text.</p></body></html>`).authors).toEqual([]);
  });
});
