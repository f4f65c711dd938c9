/**
 * The composition root: configuration → sources → extraction in workers → de-duplication → store.
 * `ingest` is what `parley ingest`, the server and tests call.
 */
export { ingest, IngestAborted, type IngestRequest, type IngestResult, type ItemEvent } from './ingest.js';
export { configHash, DEFAULT_INGEST_SETTINGS, INGEST_STAGES, resolveIngestSettings, runStages, type IngestSettings } from './settings.js';
export { ArticleAnalyzer, analyzerFor, type AnalysisOutcome, type AnalysisSettings } from './article-analysis.js';
export { selectStages } from '../stages/select.js';
export { analysisFromDocument } from './analysis-record.js';
export { reanalyze, type ReanalyzeRequest, type ReanalyzeResult } from './reanalyze.js';
export type { IngestCounts, ItemResult } from './tally.js';
export { ingestReport, summaryLines, type IngestReport } from './summary.js';
export { plannedItems } from './planned.js';
export { NOT_AN_ARTICLE_EXTRACTION_CODES, NOT_AN_ARTICLE_SOURCE_CODES } from './outcomes.js';
