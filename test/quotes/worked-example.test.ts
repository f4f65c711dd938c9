import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { quotesPipeline, quotesResources } from '../../src/cli/quotes/pipeline.js';
import { extractDocument } from '../../src/extract/index.js';
import { getLayer } from '../../src/model/document.js';
import { runPipeline } from '../../src/pipeline/run.js';
import { ResourceLoader } from '../../src/resources/index.js';

/** The worked example page (examples/voa-us-china-talks.html), through extraction and the quotes pipeline. */
describe('quotes of the worked example', () => {
  const page = readFileSync(new URL('../../examples/voa-us-china-talks.html', import.meta.url));
  const extracted = extractDocument(page);
  if (!extracted.ok) throw new Error(`the worked example did not extract: ${extracted.rejection.reason}`);
  const pipeline = quotesPipeline();
  const doc = runPipeline(pipeline, extracted.document, quotesResources(pipeline, new ResourceLoader()));
  const quotes = getLayer(doc, 'quotes').map((q) => ({ ...q.data, text: doc.text.slice(q.start, q.end) }));

  it('Wang Yang: “beyond bilateral relations” (a partial quote)', () => {
    const q = quotes.find((x) => x.text === 'beyond bilateral relations');
    expect(q?.kind).toBe('partial');
    expect(q?.speaker?.name).toBe('Wang Yang');
    expect(q?.speaker?.code).toMatch(/^CHN/);
  });

  it('Chinese state media: the working group went well, “candidly”', () => {
    const candidly = quotes.find((x) => x.text === 'candidly');
    expect(candidly?.speaker?.text).toBe('Chinese state media');
    const clause = quotes.find((x) => x.kind === 'mixed' && x.text.includes('went well'));
    expect(clause?.speaker?.text).toBe('Chinese state media');
    expect(clause?.cue?.text).toBe('reported');
  });

  it('Kerry’s reported statements go to John Kerry', () => {
    const kerry = quotes.filter((x) => x.speaker?.name === 'John Kerry');
    expect(kerry.length).toBeGreaterThanOrEqual(2);
    expect(kerry.some((x) => x.text.includes('continue throughout this century'))).toBe(true);
  });

  it('every quote is a valid span with a cue and a confidence in (0, 1]', () => {
    expect(quotes.length).toBeGreaterThanOrEqual(5);
    for (const q of quotes) {
      expect(q.cue).not.toBeNull();
      expect(q.confidence).toBeGreaterThan(0);
      expect(q.confidence).toBeLessThanOrEqual(1);
    }
  });
});
