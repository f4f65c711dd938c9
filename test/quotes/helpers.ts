import { freezeDocument, getLayer } from '../../src/model/document.js';
import type { Annotation } from '../../src/model/span.js';
import type { ActorType, MentionData } from '../../src/stages/actors/mention.js';
import { QUOTES_DEFAULTS, quotesStage, type QuotesOptions } from '../../src/stages/quotes/quotes.js';
import type { QuoteData } from '../../src/stages/quotes/quote.js';
import { documentFromPlainText } from '../../src/stages/sentences/plain-text.js';
import { SENTENCES_DEFAULTS, sentencesStage } from '../../src/stages/sentences/sentences.js';

/** A mention written by hand: every occurrence of `text` in the article is a mention of one entity. */
export interface HandMention {
  readonly text: string;
  readonly name?: string;
  readonly type?: ActorType;
  readonly code?: string;
  readonly role?: string;
  readonly kind?: MentionData['kind'];
}

export interface FoundQuote {
  readonly text: string;
  readonly kind: QuoteData['kind'];
  readonly cue: string | null;
  readonly speaker: string | null;
  readonly speakerText: string | null;
  readonly code: string | null;
  readonly confidence: number;
  readonly start: number;
  readonly end: number;
}

/** Runs the sentences stage, a hand-made `mentions` layer and the quotes stage over a plain text. */
export function quotesOf(text: string, mentions: readonly HandMention[] = [], options: Partial<QuotesOptions> = {}): FoundQuote[] {
  const plain = documentFromPlainText(text);
  const segmented = sentencesStage.run(plain, SENTENCES_DEFAULTS, {});
  const layer: Annotation<MentionData>[] = [];
  mentions.forEach((m, entity) => {
    for (let at = text.indexOf(m.text); at !== -1; at = text.indexOf(m.text, at + 1)) {
      const data: MentionData = { entity, kind: m.kind ?? 'name', type: m.type ?? 'person', name: m.name ?? m.text, code: m.code ?? null, confidence: 0.9, ...(m.role ? { role: m.role } : {}) };
      layer.push({ start: at, end: at + m.text.length, data });
    }
  });
  layer.sort((a, b) => a.start - b.start || b.end - a.end);
  const doc = freezeDocument({ ...plain, layers: { ...plain.layers, ...segmented.layers, mentions: layer } });
  const output = quotesStage.run(doc, { ...QUOTES_DEFAULTS, ...options }, {});
  const quotes = output.layers.quotes ?? getLayer(doc, 'quotes');
  return quotes.map((q) => ({
    text: text.slice(q.start, q.end),
    kind: q.data.kind,
    cue: q.data.cue?.text ?? null,
    speaker: q.data.speaker?.name ?? null,
    speakerText: q.data.speaker?.text ?? null,
    code: q.data.speaker?.code ?? null,
    confidence: q.data.confidence,
    start: q.start,
    end: q.end,
  }));
}
