import { describe, expect, it } from 'vitest';
import { parseHtml } from '../parse.js';
import { extractMetadata } from './index.js';
import { SiteIdentity } from './site-identity.js';
import { stripSiteName } from './title.js';

const titleOf = (html: string, url: string | null = 'https://www.example-news.com/story') =>
  extractMetadata({ page: parseHtml(html, 256), url });

describe('stripSiteName', () => {
  const site = new SiteIdentity(['Example News', '光明网'], 'www.example-news.com');
  it.each([
    ['The headline | Example News', 'The headline'],
    ['Example News - The headline', 'The headline'],
    ['The headline – example-news.com', 'The headline'],
    ['The headline :: Example News', 'The headline'],
    ['The headline » Politics | Example News', 'The headline » Politics'],
    ['宇航员在太空中喝酒会怎么样_光明网', '宇航员在太空中喝酒会怎么样'],
    ['Der Titel - ExampleNews', 'Der Titel'],
  ])('%s', (title, expected) => {
    expect(stripSiteName(title, site)).toBe(expected);
  });

  it('without a known site name, keeps the first of two parts unless it is much shorter', () => {
    const unknown = new SiteIdentity([], null);
    expect(stripSiteName('Le titre de l’article - Le Monde', unknown)).toBe('Le titre de l’article');
    expect(stripSiteName('Blog | A much longer headline of the article', unknown)).toBe('A much longer headline of the article');
    expect(stripSiteName('Site - Section - The longest part is the headline', unknown)).toBe('The longest part is the headline');
    expect(stripSiteName('No separator at all', unknown)).toBe('No separator at all');
  });
});

describe('title resolution', () => {
  it('takes the visible h1 that the metadata confirms, without the site name', () => {
    const { fields, provenance } = titleOf(`<html><head><title>Storm hits the coast | Example News</title>
      <meta property="og:title" content="Storm hits the coast"></head>
      <body><header><h1>Example News</h1></header><article><h1>Storm hits the coast</h1><p>Text.</p></article></body></html>`);
    expect(fields.title).toBe('Storm hits the coast');
    expect(provenance.title?.source).toBe('html');
  });

  it('leaves a kicker out of the headline', () => {
    const { fields } = titleOf(`<html><head><meta property="og:title" content="Klimaschutz: Bohren, bis es heiß wird"></head>
      <body><h1><span class="article-heading__kicker">Klimaschutz</span><span class="visually-hidden">: </span><span class="title">Bohren, bis es heiß wird</span></h1></body></html>`);
    expect(fields.title).toBe('Bohren, bis es heiß wird');
  });

  it('keeps the metadata title when a heading holds it plus a section label', () => {
    const { fields } = titleOf(`<html><head><meta property="og:title" content="Mayor elected in landslide"></head>
      <body><h1><a href="/politics">Politics</a> | <span>Mayor elected in landslide</span></h1></body></html>`);
    expect(fields.title).toBe('Mayor elected in landslide');
  });

  it("takes the page's one main heading when metadata rewrites the title for search", () => {
    const { fields } = titleOf(`<html><head><title>Best Running Shoes 2025: Top Picks & Reviews | Example News</title></head>
      <body><h1>The running shoes our testers loved this year</h1><p>Text.</p></body></html>`);
    expect(fields.title).toBe('The running shoes our testers loved this year');
  });

  it('prefers the metadata title over an h1 that shares nothing with it', () => {
    const { fields } = titleOf(`<html><head><title>Base URL test</title></head><body><h1>Lorem</h1><p>Text.</p></body></html>`);
    expect(fields.title).toBe('Base URL test');
  });

  it('leaves out a kicker the metadata reveals: its own element, set off by a separator in og:title', () => {
    const { fields } = titleOf(`<html><head><meta property="og:title" content="Einheit der Woche | Lagen-Pyramide mit GA2"></head>
      <body><h1><span class="topic">Einheit der Woche</span> Lagen-Pyramide mit GA2</h1><p>Text.</p></body></html>`);
    expect(fields.title).toBe('Lagen-Pyramide mit GA2');
    // Even when microdata on the heading itself repeats the whole heading.
    const withMicrodata = titleOf(`<html><head><meta property="og:title" content="Große Aufgaben für die neue Regierung"></head>
      <body><article itemscope itemtype="https://schema.org/Article"><h1 itemprop="headline"><span>Tunesien</span> Große Aufgaben für die neue Regierung</h1>
      <p>Text.</p></article></body></html>`);
    expect(withMicrodata.fields.title).toBe('Große Aufgaben für die neue Regierung');
  });

  it('keeps a kicker the heading itself joins with a colon ("Kicker: Headline")', () => {
    const { fields } = titleOf(`<html><head><meta property="og:title" content="Sicherheits-Check für KI in Autos: BSI und ZF starten Projekt"></head>
      <body><h1><span>Sicherheits-Check für KI in Autos:</span> BSI und ZF starten Projekt</h1><p>Text.</p></body></html>`);
    expect(fields.title).toBe('Sicherheits-Check für KI in Autos: BSI und ZF starten Projekt');
  });

  it('leaves out a subtitle the heading adds after a separator when the metadata title stops before it', () => {
    const { fields } = titleOf(`<html><head><script type="application/ld+json">{"@type":"Article","headline":"Best Residential Movers in NYC 2025"}</script>
      <meta property="og:title" content="Best Residential Movers in NYC 2025 | Top 19 Companies"></head>
      <body><h1>Best Residential Movers in NYC 2025 | Top 19 Companies</h1><p>Text.</p></body></html>`);
    expect(fields.title).toBe('Best Residential Movers in NYC 2025');
  });

  it('does not take the site name as the title', () => {
    const { fields } = titleOf(`<html><head><title>Example News</title></head><body><h1>A real story title here</h1></body></html>`);
    expect(fields.title).toBe('A real story title here');
  });
});
