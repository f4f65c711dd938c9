import type { QuoteFilter, StoredQuote } from '../../store/analysis.js';
import type { CliContext } from '../commands/command.js';
import { openArchiveForReading } from '../database.js';
import { reportStoreError } from '../query/options.js';
import { markedText } from './evidence-text.js';
import { take, writeListing, type Column, type ListingFormat } from './listing.js';

/** `parley quotes --db`: the stored quotes matching the filters (speaker, dates, site), in the store's order. */
export interface StoredQuotesRequest {
  readonly db: string | undefined;
  readonly filter: QuoteFilter;
  readonly format: ListingFormat;
  readonly limit: number | undefined;
}

const QUOTE_COLUMNS: readonly Column<StoredQuote>[] = [
  { name: 'published', value: (q) => q.published?.slice(0, 10) ?? null },
  { name: 'speaker', value: (q) => q.speaker?.name ?? null, width: 24 },
  { name: 'code', value: (q) => q.speaker?.code ?? null },
  { name: 'kind', value: (q) => q.kind },
  { name: 'quote', value: (q) => q.text, width: 70 },
  { name: 'evidence', value: (q) => markedText(q.evidence), width: 90 },
  { name: 'article', value: (q) => q.articleId },
  { name: 'url', value: (q) => q.url, width: 50 },
];

function quoteJSON(q: StoredQuote): unknown {
  return {
    id: q.id,
    articleId: q.articleId,
    url: q.url,
    site: q.site,
    published: q.published,
    text: q.text,
    start: q.start,
    end: q.end,
    kind: q.kind,
    cue: q.cue?.text ?? null,
    speaker: q.speaker ? { name: q.speaker.name, start: q.speaker.start, end: q.speaker.end, code: q.speaker.code } : null,
    confidence: q.confidence,
    // The quote with its cue and speaker marked (when they stand near it).
    evidence: q.evidence,
  };
}

export async function listStoredQuotes(request: StoredQuotesRequest, context: CliContext): Promise<number> {
  const { stdout, stderr } = context.streams;
  const opened = await openArchiveForReading(request.db);
  if (!opened.ok) {
    stderr.write(`parley quotes: ${opened.message}\n`);
    return 1;
  }
  try {
    const count = await writeListing(take(opened.store.streamQuotes(request.filter), request.limit), request.format, QUOTE_COLUMNS, quoteJSON, stdout);
    if (count === 0 && request.format === 'table') stderr.write('parley quotes: no stored quote matches.\n');
    return 0;
  } catch (error) {
    return reportStoreError(error, 'quotes', stderr);
  } finally {
    await opened.store.close();
  }
}
