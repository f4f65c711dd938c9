import { StoreError } from './errors.js';
import type { ArticleOutcome, PageRecord, RevisionOutcome, RunFinish, RunStart } from './store.js';
import { checkAnalysis } from './validate-analysis.js';

/**
 * Checks of what the writer hands to the store, shared by every adapter: a record that breaks the
 * contract is a bug in the caller and is refused with E_STORE_INPUT before anything is written.
 */

export function checkRunStart(run: RunStart): void {
  if (!Array.isArray(run.sources) || !run.sources.every((s) => typeof s === 'string')) fail('RunStart.sources must be an array of strings.');
  if (typeof run.configHash !== 'string') fail('RunStart.configHash must be a string.');
  if (!Array.isArray(run.stageVersions)) fail('RunStart.stageVersions must be an array of { name, version }.');
  checkInstant(run.startedAt, 'RunStart.startedAt');
  if (typeof run.keepRaw !== 'boolean') fail('RunStart.keepRaw must be a boolean.');
}

export function checkRunFinish(finish: RunFinish): void {
  checkInstant(finish.finishedAt, 'RunFinish.finishedAt');
  if (!['completed', 'interrupted', 'failed'].includes(finish.status)) fail(`RunFinish.status must be completed, interrupted or failed, not ${String(finish.status)}.`);
  const counts = finish.counts as unknown as Record<string, unknown> | undefined;
  for (const field of ['seen', 'stored', 'duplicate', 'notArticle', 'failed']) {
    if (!Number.isSafeInteger(counts?.[field]) || (counts![field] as number) < 0) fail(`RunFinish.counts.${field} must be a count (a whole number ≥ 0).`);
  }
  if (typeof counts!.failedByReason !== 'object' || counts!.failedByReason === null) fail('RunFinish.counts.failedByReason must be an object of counts.');
}

export function checkPageRecord(record: PageRecord): void {
  if (!Number.isSafeInteger(record.runId)) fail('PageRecord.runId must be the id startRun returned.');
  if (typeof record.sourceKey !== 'string' || record.sourceKey === '') fail('PageRecord.sourceKey must be a non-empty string.');
  if (typeof record.source !== 'string') fail('PageRecord.source must be a string.');
  checkInstant(record.fetchedAt, 'PageRecord.fetchedAt');
  if (record.raw !== null && !(record.raw instanceof Uint8Array)) fail('PageRecord.raw must be bytes (Uint8Array) or null.');
  const outcome = record.outcome;
  switch (outcome?.kind) {
    case 'article':
      if (typeof record.canonicalUrl !== 'string' || record.canonicalUrl === '') {
        fail(`Page ${record.sourceKey}: an article needs a canonical URL (use a file: URL for a local file without one).`);
      }
      checkText(outcome, record.sourceKey);
      if (outcome.copyOf !== null) {
        checkId(outcome.copyOf.articleId, 'copyOf.articleId');
        checkSimilarity(outcome.copyOf.similarity, record.sourceKey);
      }
      return;
    case 'revision':
      checkId(outcome.articleId, 'revision.articleId');
      checkSimilarity(outcome.similarity, record.sourceKey);
      checkText(outcome, record.sourceKey);
      return;
    case 'duplicate':
      checkId(outcome.articleId, 'duplicate.articleId');
      checkSimilarity(outcome.similarity, record.sourceKey);
      if (typeof outcome.reason !== 'string' || outcome.reason === '') fail(`Page ${record.sourceKey}: a duplicate needs a reason.`);
      return;
    case 'rejected':
    case 'failed':
      for (const field of ['stage', 'code', 'message'] as const) {
        if (typeof outcome[field] !== 'string' || outcome[field] === '') fail(`Page ${record.sourceKey}: a ${outcome.kind} outcome needs a ${field}.`);
      }
      return;
    default:
      fail(`Page ${record.sourceKey}: outcome.kind must be article, revision, duplicate, rejected or failed.`);
  }
}

/** What an article or a revision carries: the Article, its text hash, its fingerprint, its analysis. */
function checkText(outcome: ArticleOutcome | RevisionOutcome, sourceKey: string): void {
  if (typeof outcome.article?.text !== 'string') fail(`Page ${sourceKey}: the ${outcome.kind} outcome must carry the Article extract() returned.`);
  if (typeof outcome.textHash !== 'string' || outcome.textHash === '') fail(`Page ${sourceKey}: textHash must be a non-empty string.`);
  if (outcome.minhash !== null && !(outcome.minhash.signature instanceof Uint8Array && Array.isArray(outcome.minhash.bandKeys))) {
    fail(`Page ${sourceKey}: minhash must be { signature: Uint8Array, bandKeys: string[] } or null.`);
  }
  if (outcome.analysis != null) checkAnalysis(outcome.analysis, `page ${sourceKey}`);
}

function checkInstant(value: unknown, name: string): void {
  if (typeof value !== 'string' || !Number.isFinite(Date.parse(value))) fail(`${name} must be an ISO 8601 date-time string.`);
}

function checkId(value: unknown, name: string): void {
  if (!Number.isSafeInteger(value) || (value as number) < 1) fail(`${name} must be an article id.`);
}

function checkSimilarity(value: unknown, key: string): void {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) fail(`Page ${key}: similarity must be a number from 0 to 1.`);
}

function fail(message: string): never {
  throw new StoreError('E_STORE_INPUT', message);
}
