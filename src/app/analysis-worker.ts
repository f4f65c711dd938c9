import { serveTasks } from '../cli/pool/protocol.js';
import type { Article } from '../model/article.js';
import { analyzerFor, type AnalysisOutcome, type AnalysisSettings } from './article-analysis.js';

/** `reanalyze`'s worker: one stored article in, its analysis out (models loaded once per worker). */
export interface AnalysisTask {
  readonly article: Article;
  readonly settings: AnalysisSettings;
}

serveTasks<AnalysisTask, AnalysisOutcome>((task) => analyzerFor(task.settings).analyze(task.article));
