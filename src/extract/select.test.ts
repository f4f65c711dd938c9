import { describe, expect, it } from 'vitest';
import { attributeTokens, chromeMark } from './chrome.js';
import { Deadline } from './limits.js';
import { parseHtml } from './parse.js';
import { findFirst } from './dom.js';
import { selectContainer } from './select.js';
import { linearize } from './units.js';

const PROSE = [
  'The city council voted on Tuesday to extend the protected bike lanes along Main Street, a plan first proposed three years ago.',
  'Supporters said the lanes would make the corridor safer for children riding to school, while some shop owners worried about parking.',
  'The work is expected to begin in the spring and to take about four months, according to the transportation department.',
];
const article = (wrap: (p: string) => string = (p) => `<p>${p}</p>`): string => PROSE.map(wrap).join('\n');

function select(body: string) {
  const page = parseHtml(`<html><body>${body}</body></html>`, 256);
  const lin = linearize(page.document, new Deadline(10_000));
  const selection = selectContainer(lin);
  return { selection, text: selection.units.map((u) => u.text).join('\n'), page };
}

function element(html: string) {
  return findFirst(parseHtml(html, 256).document, () => true)!;
}

describe('class and id tokens', () => {
  it('splits words, camelCase and joined forms, and skips taxonomy and state classes', () => {
    const tokens = attributeTokens(element('<div class="articleBody share-bar__item tag-elections has-comments post-1234 author-bio" id="main">'));
    expect(tokens.parts).toEqual(['article', 'body', 'share', 'bar', 'item', 'author', 'bio', 'main']);
    expect(tokens.all).toContain('articlebody');
    expect(tokens.all).not.toContain('comments');
    expect(tokens.all).not.toContain('elections');
  });

  it('marks chrome strongly or weakly, by tag, role, words and compound words', () => {
    expect(chromeMark(element('<nav>'), attributeTokens(element('<nav>')))).toMatchObject({ strong: true });
    const comments = element('<section class="comments-area">');
    expect(chromeMark(comments, attributeTokens(comments))).toMatchObject({ strong: true, always: true });
    const widget = element('<div class="elementor-widget">');
    expect(chromeMark(widget, attributeTokens(widget))).toMatchObject({ strong: false });
    const compound = element('<div class="postmetadata">');
    expect(chromeMark(compound, attributeTokens(compound))?.reason).toBe('compound:postmetadata');
    const plain = element('<div class="story-text">');
    expect(chromeMark(plain, attributeTokens(plain))).toBeNull();
  });
});

describe('container selection', () => {
  it('chooses the article over navigation, a sidebar and a footer', () => {
    const { text } = select(`
      <nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav>
      <div class="layout"><article>${article()}</article>
      <aside class="sidebar"><h3>Most read</h3><ul><li><a href="/a">Storm closes schools across the county for a second day</a></li></ul></aside></div>
      <footer><p>© 2024 The Daily Example. All rights reserved.</p></footer>`);
    expect(text).toContain(PROSE[0]);
    expect(text).toContain(PROSE[2]);
    expect(text).not.toMatch(/Home|Most read|Storm closes|All rights/);
  });

  it('keeps prose wrapped in weakly marked elements (site-builder widgets, responsive "hidden" classes)', () => {
    const { text } = select(`<div class="page">${article((p) => `<div class="elementor-widget"><div class="widget-container"><p>${p}</p></div></div>`)}</div>
      <div class="widget"><a href="/x">Subscribe</a></div>`);
    for (const p of PROSE) expect(text).toContain(p);
    expect(text).not.toContain('Subscribe');
  });

  it('does not take a comment section for the article, even when the comments are longer', () => {
    const comment = 'I have ridden this street every day for ten years and the lanes are long overdue, thank you council for finally acting on it.';
    const { text } = select(`<article>${article()}</article>
      <section id="comments" class="comments">${Array.from({ length: 8 }, () => `<div class="comment"><p>${comment}</p></div>`).join('')}</section>`);
    expect(text).toContain(PROSE[1]);
    expect(text).not.toContain('ridden this street');
  });

  it('treats a strongly marked wrapper around the whole page as a wrapper', () => {
    const { text } = select(`<form id="aspnetForm"><div class="has-sidebar main-wrapper"><div id="content">${article()}</div></div></form>`);
    for (const p of PROSE) expect(text).toContain(p);
  });

  it('adds the standfirst that stands beside the body, and leaves out chrome inside it', () => {
    const standfirst = 'Three years after it was first proposed, the plan finally won a majority of the council on a seven-to-two vote.';
    const { text } = select(`<article><header><h1>Council backs bike lanes</h1><p class="standfirst">${standfirst}</p></header>
      <div class="share-bar"><a href="#">Share</a> <a href="#">Tweet</a></div>
      <div class="story-body">${article()}</div></article>`);
    expect(text).toContain(standfirst);
    expect(text).toContain(PROSE[0]);
    expect(text).not.toMatch(/Share|Tweet/);
  });

  it('finds no article in a page that only shows a noscript notice', () => {
    const { selection } = select('<noscript>You need to enable JavaScript to run this app.</noscript><div id="root"></div>');
    expect(selection.container).toBeNull();
  });
});
