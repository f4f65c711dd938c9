import { EXTRACTOR } from '../extract/stamp.js';
import type { Article } from '../model/article.js';
import { documentFromArticle } from '../model/document.js';
import { buildPipeline, type Pipeline } from '../pipeline/build.js';
import { isParleyError } from '../pipeline/errors.js';
import { runPipeline } from '../pipeline/run.js';
import type { Stage } from '../pipeline/stage.js';
import { selectStages } from '../stages/select.js';
import { themeScores, themesStageFor } from '../stages/themes/themes.js';
import type { ArticleAnalysis } from '../store/analysis.js';
import { analysisFromDocument } from './analysis-record.js';
import { lazyResources, type ResourceSettings } from './stage-resources.js';

/**
 * The analysis of one stored article: the stages of ANALYSIS_STAGES (or the ones asked for, with the
 * stages they need) over the article's text, turned into the record the store keeps. Used by the
 * ingest's workers (page-analysis.ts) and by `reanalyze`; an ArticleAnalyzer loads its resources on
 * first use and keeps them, so a worker loads each model once.
 */

export interface AnalysisSettings extends ResourceSettings {
  /** Stage names to run (with the stages they require); null: every stage of ANALYSIS_STAGES. */
  readonly stages: readonly string[] | null;
}

export interface AnalysisOutcome {
  readonly analysis: ArticleAnalysis;
  /** Wall time of each stage on this article, in ms (benchmarks). */
  readonly timings: Readonly<Record<string, number>>;
}

export class ArticleAnalyzer {
  readonly pipeline: Pipeline;
  private readonly resources;
  private readonly stageNames: ReadonlySet<string>;
  private readonly scoreThemes;

  constructor(settings: AnalysisSettings) {
    this.resources = lazyResources(settings);
    let stages = selectStages(settings.stages);
    // A user's taxonomy makes a themes stage of its own version, so stored results name the taxonomy.
    if (settings.themesFile || settings.themesText) stages = stages.map((stage) => (stage.name === 'themes' ? (themesStageFor(this.resources.themes!) as unknown as Stage) : stage));
    this.pipeline = buildPipeline(stages.map((stage) => ({ stage })));
    this.stageNames = new Set(stages.map((stage) => stage.name));
    const resources = this.resources;
    this.scoreThemes = this.stageNames.has('themes') ? (doc: Parameters<typeof themeScores>[0]) => themeScores(doc, resources.themes!) : undefined;
  }

  /** The stage versions this analyzer stamps (what `staleArticles` compares). */
  get stamps(): Pipeline['stamps'] {
    return this.pipeline.stamps;
  }

  /**
   * Runs the stages over the article. A stage that throws on this article is recorded as a failure of
   * that stage (its layers, and those of the stages needing them, are left out); a misuse (a missing
   * model, a broken stage) is recorded as a failure of the whole analysis, with its code.
   */
  analyze(article: Article): AnalysisOutcome {
    const timings: Record<string, number> = {};
    const doc = documentFromArticle(article, EXTRACTOR);
    try {
      const done = runPipeline(this.pipeline, doc, this.resources, { onStage: (name, ms) => (timings[name] = (timings[name] ?? 0) + ms) });
      return { analysis: analysisFromDocument(done, this.stageNames, { themeScores: this.scoreThemes }), timings };
    } catch (error) {
      if (!isParleyError(error)) throw error;
      const failure = { stage: 'analysis', code: error.code, message: error.message };
      return { analysis: { stages: [], failures: [failure], entities: [], mentions: [], quotes: [], themes: [], events: [], tone: [] }, timings };
    }
  }
}

const analyzers = new Map<string, ArticleAnalyzer>();

/** One analyzer per settings in this thread (a worker keeps its models across pages). */
export function analyzerFor(settings: AnalysisSettings): ArticleAnalyzer {
  const key = JSON.stringify(settings);
  let analyzer = analyzers.get(key);
  if (!analyzer) analyzers.set(key, (analyzer = new ArticleAnalyzer(settings)));
  return analyzer;
}
