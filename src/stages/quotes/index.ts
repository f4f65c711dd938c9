/** The `quotes` stage: who said what, with the words that show it. */
export { quotesStage, QUOTES_DEFAULTS, type QuotesOptions } from './quotes.js';
export { entityMentionsStage, mentionsFromEntities } from './entity-mentions.js';
export { findQuoteRuns, isQuoteMark, type QuoteRun } from './marks.js';
export type { QuoteData, QuoteKind, QuoteSpeaker } from './quote.js';
