/**
 * extract() on hostile input: it never throws for bad input (only coded errors for misuse), every
 * result is well-formed, the named limits hold (maxBytes → TOO_LARGE, timeoutMs → TIMEOUT, maxDepth →
 * deep nesting flattened instead of a stack overflow, maxNesting and maxElements → TOO_COMPLEX before
 * the time limit, whatever the machine's load), and a page without an article is a typed rejection
 * with a reason. Time limits are checked by their typed result, never by measuring speed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extract, ParleyError, type ExtractOptions } from '../src/index.js';
import { invalidUtf8, jsonLdValue, markupOnlySoup, tagSoup } from './helpers/arbitraries.js';
import { extractOptions, listPageCases, loadPageCase } from './helpers/fixtures.js';
import {
  BINARY_HEADERS, NO_ARTICLE_PAGES, PARAGRAPH, articlePage, deeplyNested, hugePage, pdfBytes,
} from './helpers/hostile-pages.js';
import { expectArticleWith, expectRejected, expectWellFormed } from './helpers/well-formed.js';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

const MiB = 1024 * 1024;
/** Generous limits for the tests that must succeed on big inputs on a loaded machine. */
const ROOMY: ExtractOptions = { limits: { maxBytes: 32 * MiB, maxElements: 1_000_000, timeoutMs: 120_000 } };
/** A hang detector for the 20 MB page, far above its run time on a loaded machine. */
const HEAVY_GUARD_MS = 180_000;

describe('garbage and empty input', () => {
  it('rejects empty input as EMPTY_INPUT, as a string and as bytes', () => {
    expectRejected(extract(''), 'EMPTY_INPUT');
    expectRejected(extract(new Uint8Array(0)), 'EMPTY_INPUT');
  });

  it('rejects whitespace-only input as EMPTY_INPUT', () => {
    const whitespace = fc.string({ unit: fc.constantFrom(' ', '\t', '\n', '\r', '\f', '\u00a0', '\u3000', '\u2028', '\ufeff'), minLength: 1, maxLength: 200 });
    fc.assert(
      fc.property(whitespace, fc.boolean(), (text, asBytes) => {
        expectRejected(extract(asBytes ? utf8(text) : text), 'EMPTY_INPUT');
      }),
      { numRuns: 100 },
    );
  });

  it('gives a typed result for any string, and no article for strings without markup', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        const result = extract(text);
        expectWellFormed(result);
        if (!text.includes('<')) expect(result.ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('gives a typed result for random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 4096 }), (bytes) => expectWellFormed(extract(bytes))), { numRuns: 200 });
  });
});

describe('binary data', () => {
  for (const [format, header] of Object.entries(BINARY_HEADERS)) {
    it(`rejects ${format} data as BINARY_CONTENT, whatever follows the header`, () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 2048 }), (tail) => {
          expectRejected(extract(Uint8Array.from([...header, ...tail])), 'BINARY_CONTENT');
        }),
        { numRuns: 30 },
      );
    });
  }

  it('rejects a PDF whose first kilobytes hold no NUL byte as BINARY_CONTENT', () => {
    expectRejected(extract(pdfBytes()), 'BINARY_CONTENT');
  });

  it('never crashes on NUL characters inside markup, as a string or as bytes', () => {
    const page = articlePage().replace('<p>', '<p>\u0000').replace('</h1>', '\u0000</h1>');
    expectWellFormed(extract(page));
    expectWellFormed(extract(utf8(page)));
  });

  it('reads UTF-16 pages that start with a byte-order mark', () => {
    const page = articlePage();
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(page, 'utf16le')]);
    const be = Buffer.from(le).swap16();
    expectArticleWith(extract(new Uint8Array(le)), PARAGRAPH);
    expectArticleWith(extract(new Uint8Array(be)), PARAGRAPH);
  });
});

describe('invalid and truncated pages', () => {
  const voa = loadPageCase('voa-worked-example');

  it('still finds the article when invalid UTF-8 is sprinkled through its paragraphs', () => {
    // Inside text only: bytes that break a tag name (</script>) change the page for browsers too.
    const source = Buffer.from(voa.source);
    const paragraphStarts: number[] = [];
    for (let at = source.indexOf('<p>'); at >= 0; at = source.indexOf('<p>', at + 1)) paragraphStarts.push(at + 3);
    const sprinkles = fc.array(fc.tuple(fc.constantFrom(...paragraphStarts), fc.nat({ max: 40 }), invalidUtf8), { minLength: 1, maxLength: 20 });
    fc.assert(
      fc.property(sprinkles, (inserts) => {
        const bytes = [...voa.source];
        const at = (start: number, offset: number): number => Math.min(start + offset, source.indexOf('<', start));
        for (const [start, offset, sequence] of [...inserts].sort((a, b) => at(b[0], b[1]) - at(a[0], a[1]))) {
          bytes.splice(at(start, offset), 0, ...sequence);
        }
        expectArticleWith(extract(Uint8Array.from(bytes), extractOptions(voa)), 'the two largest economies with the most global reach');
      }),
      { numRuns: 15 },
    );
  });

  it('gives a typed result for every golden page cut at any byte', () => {
    const pages = listPageCases().map(loadPageCase);
    fc.assert(
      fc.property(fc.constantFrom(...pages), fc.double({ min: 0, max: 1, noNaN: true }), (page, fraction) => {
        const cut = page.source.subarray(0, Math.floor(page.source.length * fraction));
        expectWellFormed(extract(cut, extractOptions(page)));
      }),
      { numRuns: 60 },
    );
  });

  it('gives a typed result for random tag soup', () => {
    fc.assert(fc.property(tagSoup, (html) => expectWellFormed(extract(html))), { numRuns: 400 });
  });

  it('rejects a page whose only text is punctuation as NO_CONTENT', () => {
    expectRejected(extract('<html><body><article><p>— « » . ,</p><p>*</p></article></body></html>'), 'NO_CONTENT');
  });

  it('rejects markup without any text as having no content', () => {
    fc.assert(
      fc.property(markupOnlySoup, (html) => expectRejected(extract(html), 'EMPTY_INPUT', 'NOT_HTML', 'NO_CONTENT')),
      { numRuns: 200 },
    );
  });
});

describe('JSON-LD', () => {
  it('keeps the article and well-formed metadata whatever the JSON-LD holds', () => {
    fc.assert(
      fc.property(fc.array(jsonLdValue, { minLength: 1, maxLength: 3 }), fc.boolean(), (values, truncate) => {
        const scripts = values.map((value) => {
          const json = JSON.stringify(value) ?? 'undefined';
          return `<script type="application/ld+json">${truncate ? json.slice(0, Math.ceil(json.length / 2)) : json}</script>`;
        });
        const page = articlePage().replace('</head>', `${scripts.join('\n')}</head>`);
        expectArticleWith(extract(page), PARAGRAPH);
      }),
      { numRuns: 150 },
    );
  });

  it('survives thousands of JSON-LD scripts, some of them broken', () => {
    const scripts = Array.from({ length: 5000 }, (_, i) =>
      i % 7 === 0
        ? '<script type="application/ld+json">{"@type": "NewsArticle", "headline": </script>'
        : `<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Story ${i}","datePublished":"2021-11-${String((i % 28) + 1).padStart(2, '0')}T08:15:00-04:00","author":{"@type":"Person","name":"Writer ${i}"}}</script>`,
    );
    expectArticleWith(extract(articlePage().replace('</head>', `${scripts.join('\n')}</head>`)), PARAGRAPH);
  });

  it('survives JSON-LD nested 100,000 levels deep', () => {
    const depth = 100_000;
    const nested = `${'{"@graph":['.repeat(depth)}{"@type":"NewsArticle","headline":"Deep"}${']}'.repeat(depth)}`;
    expectArticleWith(extract(articlePage().replace('</head>', `<script type="application/ld+json">${nested}</script></head>`)), PARAGRAPH);
  });
});

describe('size and time limits', () => {
  const twentyMiB = hugePage(20 * MiB);
  const twentyMiBBytes = utf8(twentyMiB);

  it('rejects a 20 MB page over the default maxBytes as TOO_LARGE, as a string and as bytes', () => {
    expect(twentyMiBBytes.length).toBeGreaterThan(20 * MiB);
    expectRejected(extract(twentyMiB), 'TOO_LARGE');
    expectRejected(extract(twentyMiBBytes), 'TOO_LARGE');
  });

  it('rejects exactly the inputs over maxBytes', () => {
    const page = utf8(articlePage());
    fc.assert(
      fc.property(fc.integer({ min: -64, max: 64 }), (delta) => {
        const maxBytes = page.length + delta;
        const result = extract(page, { limits: { maxBytes } });
        expectWellFormed(result);
        expect(!result.ok && result.rejection.code === 'TOO_LARGE', `${page.length} bytes, maxBytes ${maxBytes}`).toBe(page.length > maxBytes);
      }),
      { numRuns: 40 },
    );
  });

  it('stops a 20 MB page at a 1 ms timeoutMs with TIMEOUT', () => {
    expectRejected(extract(twentyMiBBytes, { limits: { maxBytes: 32 * MiB, timeoutMs: 1 } }), 'TIMEOUT');
  });

  it('extracts a 20 MB page when the limits allow it', { timeout: HEAVY_GUARD_MS }, () => {
    expectArticleWith(extract(twentyMiBBytes, ROOMY), PARAGRAPH);
  });

  it('treats a limit that is not a positive number as misuse: a coded ParleyError', () => {
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => extract(articlePage(), { limits: { timeoutMs: bad } })).toThrow(ParleyError);
      expect(() => extract(articlePage(), { limits: { maxBytes: bad } })).toThrow(ParleyError);
    }
  });

  it('treats input that is neither a string nor bytes as misuse: a coded ParleyError', () => {
    for (const bad of [null, undefined, 42, {}, ['<p>x</p>']]) {
      expect(() => extract(bad as unknown as string)).toThrow(ParleyError);
    }
  });
});

describe('deep nesting, wide pages and huge attributes', () => {
  const SHAPES = [['<div>', '</div>'], ['<div>', null], ['<ul><li>', '</li></ul>'], ['<table><tr><td>', null], ['<span><b><i>', '</i></b></span>']] as const;

  it('rejects 100,000-deep nesting of every kind as TOO_COMPLEX at once, whatever time it is given', () => {
    for (const [open, close] of SHAPES) {
      const page = deeplyNested(100_000, open, close);
      for (const options of [{}, { limits: { timeoutMs: 120_000 } }]) {
        const result = extract(page, options);
        expectRejected(result, 'TOO_COMPLEX');
        expect(!result.ok && result.rejection.reason, open).toMatch(/nests more than 5000 elements.*--max-nesting \/ maxNesting/);
      }
    }
  });

  it('flattens nesting deeper than maxDepth (under maxNesting), closed and unclosed, and keeps the text', () => {
    expectArticleWith(extract(deeplyNested(4000, '<div>', '</div>')), PARAGRAPH);
    expectArticleWith(extract(deeplyNested(4000, '<div>', null)), PARAGRAPH);
  });

  it('does not overflow the stack when maxDepth and maxNesting let the tree be 30,000 levels deep', () => {
    // Three times what a recursive walk survives on Node's default stack (about 10,000 frames).
    const limits = { ...ROOMY.limits, maxDepth: 60_000, maxNesting: 60_000 };
    expectWellFormed(extract(deeplyNested(30_000, '<div>', '</div>'), { limits }));
  });

  it('rejects a page of 1,000,000 elements as TOO_COMPLEX after maxElements, and takes one just under it', () => {
    const wide = articlePage(`<p>${'<b>x</b> '.repeat(1_000_000)}</p>`);
    const result = extract(wide, { limits: { maxBytes: 32 * MiB, timeoutMs: 120_000 } });
    expectRejected(result, 'TOO_COMPLEX');
    expect(!result.ok && result.rejection.reason).toMatch(/more than 50000 elements.*--max-elements \/ maxElements/);
    // Just under the limit, with the default time limit: the work is bounded by the document, so it ends in time on a busy machine too.
    const long = articlePage(`${'<p>One more line of the <b>live</b> report, <a href="/x">with a link</a>.</p>'.repeat(16_000)}`);
    expectArticleWith(extract(long), PARAGRAPH);
  });

  it('respects a small maxDepth: a golden page still yields its article', () => {
    const voa = loadPageCase('voa-worked-example');
    expectArticleWith(extract(voa.source, { ...extractOptions(voa), limits: { maxDepth: 4 } }), 'John Kerry');
  });

  it('keeps the article next to multi-megabyte attribute values', () => {
    const big = 'x'.repeat(4 * MiB);
    const pages = [
      articlePage().replace('<article>', `<article class="${big}">`),
      articlePage(`<figure><img src="data:image/png;base64,${big}" alt="A map"><figcaption>The new lanes.</figcaption></figure>`),
      articlePage(`<p><a href="https://example.com/?q=${big}">A link with a huge URL.</a></p>`),
      articlePage().replace('<article>', `<article ${Array.from({ length: 50_000 }, (_, i) => `data-a${i}="${i}"`).join(' ')}>`),
    ];
    for (const page of pages) expectArticleWith(extract(page, ROOMY), PARAGRAPH);
  });
});

describe('pages without an article', () => {
  /** Pages the extractor still takes for articles, with the reason. */
  const KNOWN_FAILURES: Readonly<Record<string, string>> = {};
  for (const [what, html] of Object.entries(NO_ARTICLE_PAGES)) {
    const known = KNOWN_FAILURES[what];
    const test = (): void => {
      expectRejected(extract(html), 'NO_CONTENT');
      expectRejected(extract(utf8(html)), 'NO_CONTENT');
    };
    if (known) it.fails(`rejects ${what} as NO_CONTENT, with a reason [known failure: ${known}]`, test);
    else it(`rejects ${what} as NO_CONTENT, with a reason`, test);
  }
});
