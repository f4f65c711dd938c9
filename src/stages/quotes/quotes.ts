import { getLayer } from '../../model/document.js';
import { ParleyError } from '../../pipeline/errors.js';
import { defineStage } from '../../pipeline/stage.js';
import '../actors/mention.js';
import '../sentences/sentences.js';
import { findMarkedQuotes, findQuotes, type FindOptions } from './find.js';
import './quote.js';
import { readQuoteText } from './words.js';

export type QuotesOptions = FindOptions;

export const QUOTES_DEFAULTS: QuotesOptions = { inheritParagraphs: 2, minStandaloneWords: 4, reported: true };

/**
 * The `quotes` stage: direct quotes in any quote-mark style, partial quotes and reported speech, each
 * with its cue, its speaker (the mention it is attributed to, resolved to an entity through the
 * `mentions` layer) and a confidence. On an article in another language, the quotes its marks show, with
 * neither cue nor speaker.
 */
export const quotesStage = defineStage<QuotesOptions>({
  name: 'quotes',
  // 3: in other languages than English, quotes by their marks alone (no cue, no speaker).
  version: '3',
  requires: ['sentences', 'tokens', 'mentions'],
  provides: ['quotes'],
  defaults: QUOTES_DEFAULTS,
  run(doc, options) {
    if (!Number.isInteger(options.inheritParagraphs) || options.inheritParagraphs < 0) {
      throw new ParleyError('E_OPTION', `Option inheritParagraphs of stage "quotes" is ${String(options.inheritParagraphs)}.`, 'Give a whole number of at least 0.');
    }
    if (!Number.isInteger(options.minStandaloneWords) || options.minStandaloneWords < 0) {
      throw new ParleyError('E_OPTION', `Option minStandaloneWords of stage "quotes" is ${String(options.minStandaloneWords)}.`, 'Give a whole number of at least 0.');
    }
    const qt = readQuoteText(doc);
    // Quote marks are read in any language; cue words and speakers only in English.
    const language = doc.article.language?.toLowerCase() ?? null;
    if (language !== null && !language.startsWith('en')) return { layers: { quotes: findMarkedQuotes(qt, options) } };
    return { layers: { quotes: findQuotes(qt, getLayer(doc, 'mentions'), options) } };
  },
});
