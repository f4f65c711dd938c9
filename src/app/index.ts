/**
 * The composition root: configuration → sources → extraction in workers → de-duplication → store.
 * `ingest` is what `parley ingest`, the server and tests call.
 */
export { ingest, IngestAborted, type IngestRequest, type IngestResult, type ItemEvent } from './ingest.js';
export { configHash, DEFAULT_INGEST_SETTINGS, INGEST_STAGES, resolveIngestSettings, type IngestSettings } from './settings.js';
export type { IngestCounts, ItemResult } from './tally.js';
export { ingestReport, summaryLines, type IngestReport } from './summary.js';
export { plannedItems } from './planned.js';
export { NOT_AN_ARTICLE_EXTRACTION_CODES, NOT_AN_ARTICLE_SOURCE_CODES } from './outcomes.js';
