/**
 * Scores one tool's outputs on one dataset with that benchmark's own method (see each folder's README in
 * ../shared/bench): trafilatura-eval by snippet presence micro-averaged over the corpus, WCXB by the
 * mean of per-page bag-of-words P/R/F1 plus snippet rates, the Readability test pages by token F1
 * against the text of `expected.html`; word 4-gram shingle F1 wherever there is a full gold text; and
 * title/author/date accuracy wherever there is gold.
 */
import type { BenchPage, DatasetName } from './datasets.js';
import {
  addCounts, authorMatches, bagOfWordsPRF, dateMatches, meanPRF, microPRF, shinglePRF, snippetCounts, snippetHits,
  titleMatches, type Counts, type PRF,
} from './scoring.js';

/** What a tool returned for one page, reduced to the fields the benchmarks score. */
export interface ToolOutput {
  /** The body as plain text; null when the tool found no article (or threw). */
  readonly text: string | null;
  readonly title: string | null;
  /** A list (Parley) or one byline string (Readability, defuddle). */
  readonly authors: readonly string[] | string | null;
  readonly published: string | null;
}

/** How a page went for a tool: an article, no article (a rejection or a null result), or an exception. */
export type PageStatus = 'ok' | 'none' | 'error';

export interface PageScore {
  readonly id: string;
  readonly status: PageStatus;
  readonly snippets?: Counts;
  readonly hits?: { withFound: number; withTotal: number; withoutFound: number; withoutTotal: number };
  readonly bagOfWords?: PRF;
  readonly shingles?: PRF;
  /** true/false where the page has gold for the field, absent otherwise. */
  readonly title?: boolean;
  readonly author?: boolean;
  readonly date?: boolean;
}

export interface Accuracy {
  readonly correct: number;
  readonly total: number;
  readonly accuracy: number;
}

export interface DatasetScore {
  readonly dataset: DatasetName;
  readonly pages: number;
  /** Pages on which the tool threw (they score nothing). */
  readonly errors: number;
  /** Pages on which the tool returned no article (they score nothing). */
  readonly none: number;
  /** trafilatura-eval: micro-averaged snippet presence. */
  readonly snippets?: PRF & { accuracy: number; counts: Counts };
  /** WCXB: share of `with` snippets found (higher is better) and of `without` snippets found (lower is better). */
  readonly snippetRates?: { with: number; without: number };
  /** WCXB: mean per-page bag-of-words P/R/F1; Readability test pages: the same measure, called token F1. */
  readonly bagOfWords?: PRF;
  /** Mean per-page word 4-gram shingle P/R/F1 against the full gold text. */
  readonly shingles?: PRF;
  readonly title?: Accuracy;
  readonly author?: Accuracy;
  readonly date?: Accuracy;
}

export function scorePage(page: BenchPage, output: ToolOutput | null, status: PageStatus): PageScore {
  const text = output?.text ?? null;
  const gold = page.gold;
  const score: { -readonly [K in keyof PageScore]: PageScore[K] } = { id: page.id, status };
  if (page.dataset === 'trafilatura') score.snippets = snippetCounts(text, page.with ?? [], page.without ?? []);
  if (page.dataset === 'wcxb') score.hits = snippetHits(text, page.with ?? [], page.without ?? []);
  if (page.goldText !== undefined) {
    score.bagOfWords = bagOfWordsPRF(text, page.goldText);
    score.shingles = shinglePRF(text, page.goldText);
  }
  if (gold.title) score.title = titleMatches(output?.title, gold.title);
  if (gold.author) score.author = authorMatches(output?.authors, gold.author);
  if (gold.date) score.date = dateMatches(output?.published, gold.date);
  return score;
}

function accuracy(scores: readonly PageScore[], field: 'title' | 'author' | 'date'): Accuracy | undefined {
  const judged = scores.filter((s) => s[field] !== undefined);
  if (judged.length === 0) return undefined;
  const correct = judged.filter((s) => s[field] === true).length;
  return { correct, total: judged.length, accuracy: correct / judged.length };
}

export function summarize(dataset: DatasetName, scores: readonly PageScore[]): DatasetScore {
  const summary: { -readonly [K in keyof DatasetScore]: DatasetScore[K] } = {
    dataset,
    pages: scores.length,
    errors: scores.filter((s) => s.status === 'error').length,
    none: scores.filter((s) => s.status === 'none').length,
  };
  const counts = scores.flatMap((s) => (s.snippets ? [s.snippets] : []));
  if (counts.length) {
    const total = counts.reduce(addCounts, { tp: 0, fp: 0, fn: 0, tn: 0 });
    summary.snippets = { ...microPRF(total), counts: total };
  }
  const hits = scores.flatMap((s) => (s.hits ? [s.hits] : []));
  if (hits.length) {
    const sum = (key: keyof (typeof hits)[number]): number => hits.reduce((n, h) => n + h[key], 0);
    summary.snippetRates = {
      with: sum('withFound') / Math.max(1, sum('withTotal')),
      without: sum('withoutFound') / Math.max(1, sum('withoutTotal')),
    };
  }
  const bow = scores.flatMap((s) => (s.bagOfWords ? [s.bagOfWords] : []));
  if (bow.length) summary.bagOfWords = meanPRF(bow);
  const shingles = scores.flatMap((s) => (s.shingles ? [s.shingles] : []));
  if (shingles.length) summary.shingles = meanPRF(shingles);
  summary.title = accuracy(scores, 'title');
  summary.author = accuracy(scores, 'author');
  summary.date = accuracy(scores, 'date');
  return summary;
}
