import { join } from 'node:path';
import { parseDocument } from 'htmlparser2';
import { findAll } from 'domutils';
import { describe, expect, it } from 'vitest';
import { ARTICLE_JSON_FIELDS } from '../../src/render/json.js';
import { PAGES, runParley } from './run-parley.js';

const STORY = join(PAGES, 'harbor-bridge.html');
const STORY_URL = 'https://www.eastportledger.example/news/2024/05/14/harbor-bridge-reopens';
const HOSTILE = join(PAGES, 'hostile.html');
const CAPTION = 'Workers finish resurfacing the eastbound lanes of the Harbor Bridge on Friday.';

describe('parley extract, one page, each format', () => {
  it('json (the default): the public fields in contract order, no blocks, no source', async () => {
    const run = await runParley(['extract', '--url', STORY_URL, STORY]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const article = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(Object.keys(article)).toEqual(ARTICLE_JSON_FIELDS);
    expect(article.url).toBe(STORY_URL);
    expect(article.text).toContain('The Harbor Bridge will reopen to cars and buses on Monday morning');
    expect(article.text).not.toContain('Skip to main content');
    expect(article.text).not.toContain(CAPTION);
    expect(article.captions).toEqual([
      { text: CAPTION, image: 'https://www.eastportledger.example/img/harbor-bridge-lead.jpg', credit: 'Photo: Tom Reyes / Eastport Ledger' },
    ]);
    expect(article.markdown).toContain('## Traffic changes\n\nThe detour');
    expect(article.wordCount).toBeGreaterThan(150);
  });

  it('markdown: YAML front matter, the title as a heading, the body, the captions as image lines', async () => {
    const run = await runParley(['extract', '--format', 'markdown', '--url', STORY_URL, STORY]);
    expect(run.code).toBe(0);
    const [, frontMatter, body] = /^---\n([\s\S]*?)\n---\n\n([\s\S]*)$/.exec(run.stdout) ?? [];
    expect(frontMatter).toMatch(/^title: "Harbor Bridge to Reopen After Two-Year Repair/m);
    expect(frontMatter).toContain(`url: "${STORY_URL}"`);
    expect(frontMatter).toMatch(/^wordCount: \d+$/m);
    expect(body).toMatch(/^# Harbor Bridge to Reopen After Two-Year Repair/);
    expect(body).toContain('\n\n- Bus routes 4 and 11 return to the bridge on Monday.\n- The Water Street lane closures');
    expect(body).toContain(`## Captions\n\n![${CAPTION}](https://www.eastportledger.example/img/harbor-bridge-lead.jpg)\\\n*${CAPTION}* (Photo: Tom Reyes / Eastport Ledger)\n`);
  });

  it('text: the title, a blank line, then the body exactly as the json text field', async () => {
    const [text, json] = await Promise.all([runParley(['extract', '--format', 'text', STORY]), runParley(['extract', STORY])]);
    const article = JSON.parse(json.stdout) as { title: string; text: string };
    expect(text.code).toBe(0);
    expect(text.stdout).toBe(`${article.title}\n\n${article.text}\n`);
  });

  it('html: a whole document with the article, its title and figure captions, and links made safe', async () => {
    const run = await runParley(['extract', '--format', 'html', '--url', STORY_URL, STORY]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^<!DOCTYPE html>\n<html lang="en">/);
    const doc = parseDocument(run.stdout);
    const named = (name: string) => findAll((el) => el.name === name, doc.children);
    expect(named('article')).toHaveLength(1);
    expect(named('title')[0]?.children[0]).toMatchObject({ data: expect.stringContaining('Harbor Bridge to Reopen') });
    expect(named('h1')).toHaveLength(1);
    expect(named('figcaption')).toHaveLength(1);
    expect(named('img')[0]?.attribs.src).toBe('https://www.eastportledger.example/img/harbor-bridge-lead.jpg');
    expect(named('ul')[0]?.children.filter((c) => 'name' in c && c.name === 'li')).toHaveLength(3);
    expect(named('script')).toHaveLength(0);
  });

  it('--no-captions leaves captions out of every format', async () => {
    const [json, markdown, html] = await Promise.all(
      ['json', 'markdown', 'html'].map((format) => runParley(['extract', '--no-captions', '--format', format, STORY])),
    );
    expect((JSON.parse(json!.stdout) as { captions: unknown[] }).captions).toEqual([]);
    expect(markdown!.stdout).not.toContain('Captions');
    expect(markdown!.stdout).not.toContain(CAPTION);
    expect(html!.stdout).not.toContain('<figure');
    expect(html!.stdout).not.toContain(CAPTION);
  });
});

describe('parley extract, one page that fails', () => {
  it('prints nothing on stdout, the reason on stderr, and exits 1', async () => {
    const empty = join(PAGES, 'empty.html');
    const run = await runParley(['extract', '--format', 'markdown', empty]);
    expect(run).toEqual({ code: 1, stdout: '', stderr: `parley extract: ${empty}: The page is empty. [EMPTY_INPUT]\n` });
  });
});

describe('hostile text stays text', () => {
  it('html: no script element, no event attribute, only http(s)/mailto links with rel="noopener nofollow"', async () => {
    const run = await runParley(['extract', '--format', 'html', HOSTILE]);
    expect(run.code).toBe(0);
    const doc = parseDocument(run.stdout);
    const elements = findAll(() => true, doc.children);
    expect(elements.filter((el) => el.name === 'script')).toHaveLength(0);
    expect(elements.filter((el) => el.name === 'img')).toHaveLength(0);
    expect(elements.flatMap((el) => Object.keys(el.attribs)).filter((name) => name.startsWith('on'))).toEqual([]);
    const links = elements.filter((el) => el.name === 'a');
    expect(links.map((a) => a.attribs.href)).toEqual(['https://example.org/report?a=1&b=%222%22', 'mailto:lab@example.org']);
    for (const a of links) expect(a.attribs.rel).toBe('noopener nofollow');
    expect(run.stdout).toContain('a comment reading &lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt; was stored');
    expect(run.stdout).toContain('one labelled read the full report ran code');
    expect(run.stdout).toContain('<title>Security researchers warn about &quot;&lt;script&gt;&quot; injection &amp; fake links</title>');
  });

  it('markdown: raw HTML escaped, javascript: links dropped', async () => {
    const run = await runParley(['extract', '--format', 'markdown', HOSTILE]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('\\<script\\>alert("owned")\\</script\\>');
    expect(run.stdout).not.toMatch(/javascript:/i);
    expect(run.stdout).toContain('[the real report](https://example.org/report?a=1&b=%222%22)');
    expect(run.stdout).toContain('title: "Security researchers warn about \\"<script>\\" injection & fake links"');
  });
});
