import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { lazyResources } from '../src/app/stage-resources.js';
import { extractDocument } from '../src/extract/index.js';
import { getLayer, type Document } from '../src/model/document.js';
import type { Annotation } from '../src/model/span.js';
import { buildPipeline, step } from '../src/pipeline/build.js';
import { runPipeline } from '../src/pipeline/run.js';
import { ResourceLoader } from '../src/resources/index.js';
import type { EventData } from '../src/stages/events/event.js';
import { ANALYSIS_STAGES } from '../src/stages/index.js';
import { themeScores } from '../src/stages/themes/themes.js';

/**
 * The golden end-to-end analysis of the worked example (examples/voa-us-china-talks.html, a VOA story of
 * 2013-07-10 on the U.S.-China Strategic and Economic Dialogue): extraction, then every stage of
 * ANALYSIS_STAGES with the shipped models and data. Every expectation is written by hand from the
 * article's text, not from Parley's output: who is quoted saying what, what the article is about, who
 * does what to whom (CAMEO / PLOVER, compared on the country part of the actor codes), and its tone.
 */

const PAGE = new URL('../examples/voa-us-china-talks.html', import.meta.url);

let doc: Document;
let loader: ResourceLoader;

beforeAll(() => {
  const extracted = extractDocument(readFileSync(PAGE));
  if (!extracted.ok) throw new Error(`the worked example was rejected: ${extracted.rejection.reason}`);
  loader = new ResourceLoader();
  doc = runPipeline(buildPipeline(ANALYSIS_STAGES.map((stage) => step(stage))), extracted.document, lazyResources({}, loader));
});

const slice = (span: { start: number; end: number }): string => doc.text.slice(span.start, span.end);
/** Actor codes agree on their country part (USAGOV, USALEG ~ USA). */
const country = (code: string | null | undefined): string | null => (code ? code.slice(0, 3) : null);

/** The sentence of the text that contains `phrase`, as [start, end). */
function sentenceOf(phrase: string): { start: number; end: number } {
  const at = doc.text.indexOf(phrase);
  expect(at, `the article text contains "${phrase}"`).toBeGreaterThanOrEqual(0);
  const sentence = getLayer(doc, 'sentences').find((s) => s.start <= at && at < s.end);
  expect(sentence, `a sentence holds "${phrase}"`).toBeDefined();
  return sentence!;
}

/** The events whose evidence is the sentence holding `phrase`. */
function eventsIn(phrase: string): Annotation<EventData>[] {
  const sentence = sentenceOf(phrase);
  return getLayer(doc, 'events').filter((e) => e.start === sentence.start && e.end === sentence.end);
}

const direction = (e: EventData): string => `${country(e.source?.code) ?? '-'}>${country(e.target?.code) ?? '-'}`;

describe('the worked example: quotes and their speakers', () => {
  const quotes = () => getLayer(doc, 'quotes');
  const quoteWith = (words: string) => quotes().filter((q) => slice(q).includes(words));

  it('gives every quote a span whose text is in the article, and a cue inside the same sentence', () => {
    expect(quotes().length).toBeGreaterThanOrEqual(6);
    for (const quote of quotes()) {
      expect(quote.end).toBeGreaterThan(quote.start);
      if (quote.data.cue) expect(slice(quote.data.cue)).toBe(quote.data.cue.text);
      if (quote.data.speaker) expect(slice(quote.data.speaker)).toBe(quote.data.speaker.text);
    }
  });

  it('attributes the partial quote "beyond bilateral relations" to Vice Premier Wang Yang (CHN), cue "added"', () => {
    const partial = quotes().find((q) => slice(q) === 'beyond bilateral relations');
    expect(partial?.data.kind).toBe('partial');
    expect(partial?.data.speaker?.name).toBe('Wang Yang');
    expect(country(partial?.data.speaker?.code)).toBe('CHN');
    expect(partial?.data.cue?.text).toBe('added');
  });

  it('attributes the report that the cyber working group went well, and the partial quote "candidly", to Chinese state media (CHNMED)', () => {
    const report = quoteWith('went well');
    expect(report.length).toBeGreaterThan(0);
    for (const quote of report) {
      expect(quote.data.speaker?.name).toBe('Chinese state media');
      expect(quote.data.speaker?.code).toBe('CHNMED');
      expect(quote.data.cue?.text).toBe('reported');
    }
    const candidly = quotes().find((q) => slice(q) === 'candidly');
    expect(candidly?.data.kind).toBe('partial');
    expect(candidly?.data.speaker?.code).toBe('CHNMED');
  });

  it("attributes Kerry's three statements to John Kerry (USA), whether named in full, by surname or as \"He\"", () => {
    for (const words of ['China and the United States will continue', 'annual high-level talks', 'have created working groups']) {
      const found = quoteWith(words);
      expect(found.length, words).toBeGreaterThan(0);
      expect(found.every((q) => q.data.speaker?.name === 'John Kerry' && country(q.data.speaker.code) === 'USA'), words).toBe(true);
    }
    expect(quoteWith('China and the United States will continue')[0]?.data.cue?.text).toBe('says');
  });

  it('attributes "China will never accept views ..." to Wang Yang and the hacking statement to U.S. officials', () => {
    const never = quoteWith('will never accept views');
    expect(never.length).toBeGreaterThan(0);
    expect(never.every((q) => q.data.speaker?.name === 'Wang Yang')).toBe(true);
    const hacking = quoteWith('raised the issue of economic-related hacking');
    expect(hacking.length).toBeGreaterThan(0);
    expect(hacking.every((q) => country(q.data.speaker?.code) === 'USA')).toBe(true);
  });

  // The lawmakers "called for ... ensuring China opens its markets": a demand, not words they are quoted as
  // saying, so "ensuring" (a weak cue form) must not start a reported quote without "that" or quote marks.
  it('finds no quote behind a verb that reports no speech ("ensuring China opens its markets")', () => {
    expect(quotes().filter((q) => q.data.cue && !/^(says?|said|added|reported|according to)$/i.test(q.data.cue.text))).toEqual([]);
  });
});

describe('the worked example: themes with their evidence', () => {
  const EXPECTED: Record<string, RegExp> = {
    CYBER_SECURITY: /cyber|hack/i,
    CLIMATE_CHANGE: /^climate change$/i,
    HUMAN_RIGHTS: /rights/i,
    INTELLECTUAL_PROPERTY: /^intellectual property$/i,
    TRADE: /market|competition/i,
  };

  it('ranks cyber security, climate change, human rights, intellectual property and market access (TRADE) among the top themes', () => {
    const top = themeScores(doc, loader.themeTaxonomy()).slice(0, 7).map((s) => s.theme);
    expect(top).toEqual(expect.arrayContaining(Object.keys(EXPECTED)));
  });

  it('ranks cyber security, the subject the article returns to most, above climate change, human rights and intellectual property', () => {
    const rank = new Map(themeScores(doc, loader.themeTaxonomy()).map((s, i) => [s.theme, i]));
    for (const other of ['CLIMATE_CHANGE', 'HUMAN_RIGHTS', 'INTELLECTUAL_PROPERTY']) expect(rank.get('CYBER_SECURITY')!).toBeLessThan(rank.get(other)!);
  });

  it('points every theme at evidence words that name it', () => {
    const evidence = getLayer(doc, 'themes');
    for (const [theme, words] of Object.entries(EXPECTED)) {
      const spans = evidence.filter((e) => e.data.theme === theme);
      expect(spans.length, theme).toBeGreaterThan(0);
      for (const span of spans) expect(slice(span), theme).toMatch(words);
    }
    expect(evidence.some((e) => e.data.theme === 'CLIMATE_CHANGE' && slice(e) === 'climate change')).toBe(true);
    expect(evidence.some((e) => e.data.theme === 'CYBER_SECURITY' && slice(e) === 'cyber security')).toBe(true);
    expect(evidence.some((e) => e.data.theme === 'TRADE' && /opens its markets/.test(slice(e)))).toBe(true);
  });

  it('finds no military, terrorism, election or health theme in talks about cooperation', () => {
    const themes = themeScores(doc, loader.themeTaxonomy()).map((s) => s.theme);
    for (const absent of ['MILITARY', 'TERRORISM', 'ELECTIONS', 'HEALTH']) expect(themes).not.toContain(absent);
  });
});

describe('the worked example: events (CAMEO and PLOVER)', () => {
  it('codes the two sides discussing norms for cyber space as consultation between the US and China, both ways', () => {
    const consult = eventsIn('the two sides discussed').map((e) => e.data).filter((e) => e.root === '04');
    expect(consult.length).toBeGreaterThan(0);
    expect(consult.every((e) => e.plover?.type === 'CONSULT')).toBe(true);
    expect(consult.map(direction)).toEqual(expect.arrayContaining(['USA>CHN', 'CHN>USA']));
  });

  it('codes Washington and Beijing trading accusations of hacking as 112 ACCUSE in both directions', () => {
    const accuse = eventsIn('traded accusations').map((e) => e.data).filter((e) => e.code === '112');
    expect(accuse.map(direction)).toEqual(expect.arrayContaining(['USA>CHN', 'CHN>USA']));
    for (const e of accuse) {
      expect(e.plover?.type).toBe('ACCUSE');
      expect(e.quadClass).toBe(3);
      expect(e.goldstein).toBeLessThan(0);
      expect(slice(e.verb)).toBe('traded');
    }
  });

  it('codes the rights groups and lawmakers calling on the United States as appeals (02x) to the US', () => {
    const appeals = eventsIn('rights groups and lawmakers called for').map((e) => e.data).filter((e) => e.root === '02');
    expect(appeals.length).toBeGreaterThan(0);
    expect(appeals.every((e) => country(e.target?.code) === 'USA' && e.plover?.type === 'REQUEST')).toBe(true);
    expect(appeals.map((e) => slice(e.source!.span))).toEqual(expect.arrayContaining(['rights groups', 'lawmakers']));
  });

  it('codes the bipartisan group of U.S. lawmakers appealing to the US government to press China', () => {
    const events = eventsIn('to press China').map((e) => e.data);
    const appeal = events.find((e) => e.root === '02');
    expect(appeal && direction(appeal)).toBe('USA>USA');
    const press = events.find((e) => slice(e.verb) === 'press');
    expect(press && direction(press)).toBe('USA>CHN');
    expect(press?.quadClass).not.toBe(4);
  });

  it('codes China never accepting views that hinder its development as a rejection (12x REJECT) by China', () => {
    const events = eventsIn('will never accept views').map((e) => e.data);
    const reject = events.find((e) => slice(e.verb) === 'accept');
    expect(reject).toMatchObject({ root: '12', negated: false });
    expect(reject?.plover?.type).toBe('REJECT');
    expect(country(reject?.source?.code)).toBe('CHN');
    const strongest = events.reduce((a, b) => (b.confidence > a.confidence ? b : a));
    expect(strongest.root).toBe('12');
  });

  it('reports no material conflict (quad class 4) anywhere: nobody attacks anybody in this article', () => {
    expect(getLayer(doc, 'events').filter((e) => e.data.quadClass === 4).map((e) => slice(e.data.verb))).toEqual([]);
  });

  it('spans every event over its sentence, with the verb inside it, dated on the article day (Wednesday, 2013-07-10)', () => {
    const sentences = new Set(getLayer(doc, 'sentences').map((s) => `${s.start}:${s.end}`));
    const events = getLayer(doc, 'events');
    expect(events.length).toBeGreaterThan(5);
    for (const e of events) {
      expect(sentences.has(`${e.start}:${e.end}`)).toBe(true);
      expect(e.data.verb.start).toBeGreaterThanOrEqual(e.start);
      expect(e.data.verb.end).toBeLessThanOrEqual(e.end);
      expect(e.data.date).toBe('2013-07-10');
      if (e.data.source) expect(slice(e.data.source.span).length).toBeGreaterThan(0);
    }
  });
});

describe('the worked example: tone', () => {
  const tone = () => getLayer(doc, 'tone');
  const sentenceTone = (phrase: string) => {
    const sentence = sentenceOf(phrase);
    return tone().find((t) => t.data.scope === 'sentence' && t.start === sentence.start)?.data;
  };

  it('gives the document a mild tone, with both positive and negative words', () => {
    const documentTone = tone().find((t) => t.data.scope === 'document')?.data;
    expect(documentTone).toBeDefined();
    expect(documentTone!.positive).toBeGreaterThan(0);
    expect(documentTone!.negative).toBeGreaterThan(0);
    expect(documentTone!.tone).toBeGreaterThan(-5);
    expect(documentTone!.tone).toBeLessThan(5);
    expect(documentTone!.tone).toBeCloseTo(documentTone!.positive - documentTone!.negative, 2);
  });

  it('reads accusations of hacking as negative and cooperation going "beyond bilateral relations" as positive', () => {
    expect(sentenceTone('traded accusations')?.tone).toBeLessThan(0);
    expect(sentenceTone('threatened to become a major irritant')?.tone).toBeLessThan(0);
    expect(sentenceTone('goes "beyond bilateral relations"')?.tone).toBeGreaterThan(0);
    expect(sentenceTone('agreeing to expand cooperation')?.tone).toBeGreaterThan(0);
  });
});
