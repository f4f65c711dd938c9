import { getLayer } from '../../model/document.js';
import { ParleyError } from '../../pipeline/errors.js';
import { defineStage } from '../../pipeline/stage.js';
import '../actors/mention.js';
import '../sentences/sentences.js';
import { findQuotes, type FindOptions } from './find.js';
import './quote.js';
import { readQuoteText } from './words.js';

export type QuotesOptions = FindOptions;

export const QUOTES_DEFAULTS: QuotesOptions = { inheritParagraphs: 2, minStandaloneWords: 4, reported: true };

/**
 * The `quotes` stage: direct quotes in any quote-mark style, partial quotes and reported speech, each
 * with its cue, its speaker (the mention it is attributed to, resolved to an entity through the
 * `mentions` layer) and a confidence.
 */
export const quotesStage = defineStage<QuotesOptions>({
  name: 'quotes',
  version: '2',
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
    return { layers: { quotes: findQuotes(qt, getLayer(doc, 'mentions'), options) } };
  },
});
