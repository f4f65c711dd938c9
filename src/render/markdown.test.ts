import { describe, expect, it } from 'vitest';
import type { Block } from '../model/article.js';
import { article, heading, HOSTILE, inline, paragraph } from '../../test/fixtures/cli/articles.js';
import { articleToMarkdown, blocksToMarkdown } from './markdown.js';

const md = (...blocks: Block[]): string => blocksToMarkdown(blocks);

describe('blocksToMarkdown: page text never becomes markup', () => {
  it.each([
    ['# not a heading', '\\# not a heading'],
    ['- not a list', '\\- not a list'],
    ['+ not a list', '\\+ not a list'],
    ['2024. A year to remember', '2024\\. A year to remember'],
    ['1) not a list', '1\\) not a list'],
    ['> not a quote', '\\> not a quote'],
    ['---', '\\---'],
    ['===', '\\==='],
    ['| --- | --- |', '\\| --- | --- |'],
    ['*not emphasis* and _not_ either', '\\*not emphasis\\* and \\_not\\_ either'],
    ['[not a link](https://example.com)', '\\[not a link\\](https://example.com)'],
    ['AT&amp;T stays literal, AT&T too', 'AT\\&amp;T stays literal, AT&T too'],
    ['~~not struck~~ and `not code`', '\\~\\~not struck\\~\\~ and \\`not code\\`'],
    [HOSTILE.script, '\\<script\\>alert("x")\\</script\\>'],
    [HOSTILE.img, '\\<img src=x onerror="alert(1)"\\>'],
  ])('%s', (text, expected) => {
    expect(md(paragraph(inline(text)))).toBe(expected);
  });

  it('escapes line starts after a line break inside a paragraph', () => {
    expect(md(paragraph(inline('First line\n# second\n---')))).toBe('First line\\\n\\# second\\\n\\---');
  });

  it('keeps a heading on one line and protects a trailing #', () => {
    expect(md(heading(2, 'Vote on item #'))).toBe('## Vote on item \\#');
    expect(md(heading(9, 'Deep\nheading'))).toBe('###### Deep heading');
  });
});

describe('blocksToMarkdown: links', () => {
  it('keeps http(s) and mailto links, percent-encoding what would end the destination', () => {
    expect(md(paragraph(inline('See '), inline('the map', { href: 'https://example.com/a b(1)' }), inline('.')))).toBe('See [the map](https://example.com/a%20b%281%29).');
    expect(md(paragraph(inline('mail', { href: 'mailto:desk@example.com' })))).toBe('[mail](mailto:desk@example.com)');
  });

  it.each(HOSTILE.javascriptHrefs)('drops the link but keeps its text for %j', (href) => {
    expect(md(paragraph(inline('click', { href })))).toBe('click');
  });
});

describe('blocksToMarkdown: structure', () => {
  it('formats inline emphasis, strong and code spans that contain backticks', () => {
    const block = paragraph(inline('a '), inline('bold', { strong: true }), inline(' '), inline('it', { em: true }), inline(' '), inline('x = `y`', { code: true }));
    expect(md(block)).toBe('a **bold** *it* `` x = `y` ``');
  });

  it('nests lists by depth and numbers each ordered level from 1', () => {
    const items = [
      { text: 'One', depth: 0 },
      { text: 'One a', depth: 1 },
      { text: 'One b', depth: 1 },
      { text: 'Two', depth: 0 },
      { text: 'Deep jump', depth: 3 },
    ].map((item) => ({ ...item, inlines: [inline(item.text)] }));
    const list: Block = { type: 'list', ordered: true, text: '', items };
    expect(md(list)).toBe('1. One\n   1. One a\n   2. One b\n2. Two\n   1. Deep jump');
    expect(md({ ...list, ordered: false })).toBe('- One\n  - One a\n  - One b\n- Two\n  - Deep jump');
  });

  it('escapes list item text that would start a nested list', () => {
    const list: Block = { type: 'list', ordered: false, text: '', items: [{ text: '1. first', depth: 0, inlines: [inline('1. first')] }] };
    expect(md(list)).toBe('- 1\\. first');
  });

  it('writes tables with a header row, escaping pipes and keeping cells on one line', () => {
    const table: Block = {
      type: 'table',
      text: '',
      rows: [
        { header: true, cells: ['Team', 'Score'] },
        { header: false, cells: ['A|B', 'two\nlines'] },
      ],
    };
    expect(md(table)).toBe('| Team | Score |\n| --- | --- |\n| A\\|B | two lines |');
  });

  it('fences code with more backticks than it contains and drops an unsafe info string', () => {
    expect(md({ type: 'code', text: 'a\n```\nb', language: 'js' })).toBe('````js\na\n```\nb\n````');
    expect(md({ type: 'code', text: 'x', language: 'js onload=1' })).toBe('```\nx\n```');
  });

  it('prefixes every line of a block quote', () => {
    expect(md({ type: 'quote', text: '', inlines: [inline('one\ntwo')] })).toBe('> one\\\n> two');
  });
});

describe('articleToMarkdown', () => {
  const body = [paragraph(inline('Body.'))];

  it('writes metadata as YAML front matter whose values read back exactly', () => {
    const title = 'Breaking: "quoted" title\n---\nnot: yaml # comment';
    const doc = articleToMarkdown(
      article(body, { title, authors: ['Ana Ruiz', '- Bo'], published: '2024-05-14T08:30:00-04:00', tags: ['a: b'], language: 'en', siteName: '\u2028odd\u0085' }),
    );
    const [, frontMatter] = /^---\n([\s\S]*?)\n---\n/.exec(doc) ?? [];
    const lines = frontMatter!.split('\n');
    for (const line of lines) expect(line).toMatch(/^(\w+: (".*"|\d+)|\w+:| {2}- ".*")$/);
    const value = (key: string): unknown => JSON.parse(lines.find((l) => l.startsWith(`${key}: `))!.slice(key.length + 2));
    expect(value('title')).toBe(title);
    expect(value('published')).toBe('2024-05-14T08:30:00-04:00');
    expect(frontMatter).toContain('authors:\n  - "Ana Ruiz"\n  - "- Bo"');
    expect(frontMatter).toContain('siteName: "\\u2028odd\\u0085"');
    expect(frontMatter).not.toMatch(/^(modified|url|description):/m);
  });

  it('heads the body with the title, unless the body already starts with it', () => {
    expect(articleToMarkdown(article(body, { title: 'The title' }))).toContain('---\n\n# The title\n\nBody.\n');
    const withHeading = articleToMarkdown(article([heading(1, 'The title'), ...body], { title: 'The title' }));
    expect(withHeading.match(/^# The title$/gm)).toHaveLength(1);
  });

  it('ends with the captions as image lines with their credit; unsafe image URLs are dropped', () => {
    const captions = [
      { text: 'Crews at *work*', image: 'https://example.com/a.jpg', credit: 'AP' },
      { text: 'No image here' },
      { text: 'Bad image', image: 'javascript:alert(1)' },
    ];
    const doc = articleToMarkdown(article(body, { captions }));
    expect(doc.endsWith('## Captions\n\n![Crews at \\*work\\*](https://example.com/a.jpg)\\\n*Crews at \\*work\\** (AP)\n\n*No image here*\n\n*Bad image*\n')).toBe(true);
    expect(articleToMarkdown(article(body, { captions }), { captions: false })).not.toContain('Captions');
  });
});
