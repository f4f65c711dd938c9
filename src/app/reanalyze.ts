import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WorkerPool } from '../cli/pool/worker-pool.js';
import type { Article } from '../model/article.js';
import type { StageStamp } from '../model/document.js';
import { ParleyError } from '../pipeline/errors.js';
import type { Store } from '../store/store.js';
import type { AnalysisTask } from './analysis-worker.js';
import { ArticleAnalyzer, type AnalysisOutcome, type AnalysisSettings } from './article-analysis.js';

/**
 * `reanalyze`: runs the analysis stages again on stored articles, from their stored article (text and
 * blocks), and saves each article's layers in one transaction (`saveAnalysis`), so a reanalysis stopped
 * at any moment leaves every article with either its old layers or its new ones, never a mix; run again,
 * it goes on with the articles still stale.
 *
 * Which articles: those whose stored stage versions differ from the current stages' (a stage changed,
 * was added, failed, or a user's taxonomy changed the themes stage's version), or all with `all`.
 * `checkStages` narrows the comparison to some stages (`--stages themes`: only articles whose themes
 * are stale); the analysis itself always runs every stage, so the saved analysis is whole.
 */

export interface ReanalyzeRequest {
  readonly store: Store;
  readonly settings: Omit<AnalysisSettings, 'stages'>;
  /** Compare only these stages' versions (null: every analysis stage). */
  readonly checkStages?: readonly string[] | null;
  /** Reanalyze every article, stale or not. */
  readonly all?: boolean;
  /** Worker threads analyzing articles (default 1: on the calling thread, as tests and embedding want). */
  readonly jobs?: number;
  /** A stuck article's worker is stopped after this long (ms); the article keeps its old layers. */
  readonly hardTimeoutMs?: number;
  readonly signal?: AbortSignal;
  /** Called after each article is saved. */
  readonly onArticle?: (event: { readonly articleId: number; readonly done: number; readonly failedStages: readonly string[] }) => void;
}

export interface ReanalyzeResult {
  readonly status: 'completed' | 'interrupted';
  /** Articles analyzed and saved. */
  readonly reanalyzed: number;
  /** Of those, articles on which at least one stage failed (recorded; `reanalyze` retries them next time). */
  readonly withFailures: number;
  /** Articles whose analysis did not finish (a stuck or crashed worker): they keep their old layers and stay stale. */
  readonly skipped: number;
  /** Failures by stage name. */
  readonly failuresByStage: Readonly<Record<string, number>>;
  readonly stages: readonly StageStamp[];
  readonly elapsedMs: number;
}

export async function reanalyze(request: ReanalyzeRequest): Promise<ReanalyzeResult> {
  const started = performance.now();
  const analyzer = new ArticleAnalyzer({ ...request.settings, stages: null });
  const stamps = analyzer.stamps;
  const check = request.checkStages ?? null;
  if (check !== null) {
    const unknown = check.filter((name) => !stamps.some((s) => s.name === name));
    if (unknown.length > 0) throw new ParleyError('E_OPTION', `There is no analysis stage ${unknown.map((n) => `"${n}"`).join(', ')}.`, `The stages are: ${stamps.map((s) => s.name).join(', ')}.`);
  }
  const compared = check === null ? stamps : stamps.filter((s) => check.includes(s.name));
  const ids = request.all ? allArticleIds(request.store) : request.store.staleArticles(compared);
  let reanalyzed = 0;
  let withFailures = 0;
  let skipped = 0;
  const failuresByStage: Record<string, number> = {};
  const jobs = request.jobs ?? 1;
  const analyze = jobs > 1 ? pooledAnalysis(jobs, { ...request.settings, stages: null }, request.hardTimeoutMs ?? 120_000) : { run: async (article: Article) => analyzer.analyze(article), close: async () => {} };
  // A window of articles in flight (jobs × 2), saved strictly in order by this thread, the one writer.
  const window: { id: number; outcome: Promise<AnalysisOutcome | null> }[] = [];
  const save = async ({ id, outcome }: (typeof window)[number]): Promise<void> => {
    const done = await outcome;
    if (done === null) {
      skipped++; // the worker was stopped (a stuck article) or crashed: it keeps its old layers and stays stale
      return;
    }
    await request.store.saveAnalysis(id, done.analysis);
    reanalyzed++;
    const failed = [...new Set(done.analysis.failures.map((f) => f.stage))];
    if (failed.length > 0) withFailures++;
    for (const stage of failed) failuresByStage[stage] = (failuresByStage[stage] ?? 0) + 1;
    request.onArticle?.({ articleId: id, done: reanalyzed, failedStages: failed });
  };
  try {
    for await (const id of ids) {
      if (request.signal?.aborted) break;
      const stored = await request.store.getArticle(id);
      if (!stored) continue;
      window.push({ id, outcome: analyze.run(stored.article) });
      if (window.length >= jobs * 2) await save(window.shift()!);
    }
    while (window.length > 0) await save(window.shift()!);
  } finally {
    await Promise.allSettled(window.map((w) => w.outcome));
    await analyze.close();
  }
  return { status: request.signal?.aborted ? 'interrupted' : 'completed', reanalyzed, withFailures, skipped, failuresByStage, stages: stamps, elapsedMs: performance.now() - started };
}

async function* allArticleIds(store: Store): AsyncGenerator<number> {
  // Ids first (one batch of articles in memory at a time), then each article is read again when its turn comes.
  for await (const stored of store.exportArticles()) yield stored.id;
}

/** Analysis on `jobs` worker threads (analysis-worker.ts: .js when built, .ts under tsx). */
function pooledAnalysis(jobs: number, settings: AnalysisSettings, hardTimeoutMs: number): { run(article: Article): Promise<AnalysisOutcome | null>; close(): Promise<void> } {
  const script = new URL(`./analysis-worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url);
  const pool = new WorkerPool<AnalysisTask, AnalysisOutcome>({ script, size: jobs, hardTimeoutMs });
  return {
    run: async (article) => {
      const outcome = await pool.run({ article, settings });
      return outcome.ok ? outcome.value : null;
    },
    close: () => pool.close(),
  };
}
