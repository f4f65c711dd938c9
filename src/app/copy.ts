import { fingerprintText } from '../dedup/index.js';
import type { Article } from '../model/article.js';
import { REVISION_REASON, type ArticleRevision, type ExportedPage, type PageOutcome, type PageRecord, type RunId, type RunSummary, type Store, type StoredArticle, type StoreStats } from '../store/store.js';
import { THEMES_SETTING } from './archive-taxonomy.js';

/**
 * `parley copy`: an archive moved from one store to another (SQLite → PostgreSQL and back) through the
 * store port, page by page in commit order, as the ingest committed them: runs, pages with their
 * outcomes and failures, articles with their analysis layers and raw HTML, duplicate pages and
 * duplicate groups (each copy joins the group of the article it was matched against, so groups and
 * their originals come out the same), revisions (each page brings the text it brought when it was
 * ingested: the article's first text with its first page, each later text with the page that revised it,
 * so the target keeps the same texts in the same order), and the settings the archive remembers (its
 * theme taxonomy). The MinHash fingerprints are recomputed from the text (they are a pure function of it).
 *
 * Resumable: a page the target already holds (by its source key) is skipped, and runs are matched by
 * their start time, sources and configuration; run the same copy again after a stop and it goes on.
 * At the end the two stores' counts are compared.
 */

export interface CopyRequest {
  readonly from: Store;
  readonly to: Store;
  readonly signal?: AbortSignal;
  /** Called after each page (progress). */
  readonly onPage?: (progress: { readonly copied: number; readonly skipped: number }) => void;
}

export interface CopyResult {
  readonly copied: number;
  /** Pages the target held already (an earlier, interrupted copy). */
  readonly skipped: number;
  readonly interrupted: boolean;
  readonly from: CopyCounts;
  readonly to: CopyCounts;
  /** Whether every count is the same in both stores. */
  readonly equal: boolean;
}

/** The counts compared at the end. */
export type CopyCounts = Pick<StoreStats, 'articles' | 'duplicates' | 'duplicateGroups' | 'pages' | 'duplicatePages' | 'rejected' | 'failures' | 'undated' | 'runCount'>;

const ALL_RUNS = 1_000_000_000;

/** Every setting an archive remembers (Store.getArchiveSetting), copied with it. */
const ARCHIVE_SETTINGS = [THEMES_SETTING] as const;

export async function copyArchive(request: CopyRequest): Promise<CopyResult> {
  const { from, to } = request;
  const runs = await mapRuns(from, to);
  for (const name of ARCHIVE_SETTINGS) {
    const value = await from.getArchiveSetting(name);
    if (value !== null) await to.setArchiveSetting(name, value);
  }
  const articles = new Map<number, number>();
  const texts = new Texts(from);
  let copied = 0;
  let skipped = 0;
  let interrupted = false;
  for await (const page of from.exportPages()) {
    if (request.signal?.aborted) {
      interrupted = true;
      break;
    }
    const there = await to.findCommittedPage(page.sourceKey);
    if (there) {
      if (page.outcome === 'article' && page.articleId !== null && there.articleId !== null) articles.set(page.articleId, there.articleId);
      skipped++;
    } else {
      const result = await to.commitPage(await pageRecord(from, page, runs, articles, texts));
      if (page.outcome === 'article' && page.articleId !== null && result.page.articleId !== null) articles.set(page.articleId, result.page.articleId);
      copied++;
    }
    request.onPage?.({ copied, skipped });
  }
  const [fromCounts, toCounts] = [counts(await from.stats({ maxRuns: 1, maxSites: 1 })), counts(await to.stats({ maxRuns: 1, maxSites: 1 }))];
  return { copied, skipped, interrupted, from: fromCounts, to: toCounts, equal: JSON.stringify(fromCounts) === JSON.stringify(toCounts) };
}

function counts(stats: StoreStats): CopyCounts {
  const { articles, duplicates, duplicateGroups, pages, duplicatePages, rejected, failures, undated, runCount } = stats;
  return { articles, duplicates, duplicateGroups, pages, duplicatePages, rejected, failures, undated, runCount };
}

function runKey(run: Pick<RunSummary, 'startedAt' | 'configHash' | 'sources'>): string {
  return JSON.stringify([run.startedAt, run.configHash, run.sources]);
}

/** Every run of the source, as a run of the target (found again on a resumed copy, else started and finished alike). */
async function mapRuns(from: Store, to: Store): Promise<Map<RunId, RunId>> {
  const existing = new Map((await to.stats({ maxRuns: ALL_RUNS, maxSites: 1 })).runs.map((run) => [runKey(run), run.id]));
  const map = new Map<RunId, RunId>();
  const sourceRuns = [...(await from.stats({ maxRuns: ALL_RUNS, maxSites: 1 })).runs].reverse();
  for (const run of sourceRuns) {
    let id = existing.get(runKey(run));
    if (id === undefined) {
      // keepRaw: the pages bring their raw HTML when the source kept it.
      id = await to.startRun({ sources: run.sources, configHash: run.configHash, stageVersions: run.stageVersions, startedAt: run.startedAt, keepRaw: true });
      if (run.status !== 'unfinished' && run.finishedAt !== null && run.counts !== null) await to.finishRun(id, { finishedAt: run.finishedAt, status: run.status, counts: run.counts });
    }
    map.set(run.id, id);
  }
  return map;
}

/**
 * The text each page brought to its article: the current text (its page is the article's textPageId), or
 * an earlier one (a revision names its page). The last article's revisions are kept: its pages come close
 * together in commit order more often than not, and a look-up costs one read otherwise.
 */
class Texts {
  private last: { articleId: number; revisions: readonly ArticleRevision[] } | null = null;

  constructor(private readonly from: Store) {}

  async of(stored: StoredArticle, pageId: number): Promise<{ article: Article; textHash: string | null; current: boolean }> {
    if (stored.revisions === 0 || stored.textPageId === pageId) return { article: stored.article, textHash: stored.textHash, current: true };
    if (this.last?.articleId !== stored.id) this.last = { articleId: stored.id, revisions: (await this.from.listRevisions(stored.id)) ?? [] };
    const earlier = this.last.revisions.find((revision) => revision.pageId === pageId);
    if (!earlier) throw new Error(`Article ${stored.id} keeps no text from page ${pageId}, which brought one.`);
    return { article: earlier.article, textHash: earlier.textHash, current: false };
  }
}

async function pageRecord(from: Store, page: ExportedPage, runs: ReadonlyMap<RunId, RunId>, articles: ReadonlyMap<number, number>, texts: Texts): Promise<PageRecord> {
  const target = (id: number): number => {
    const mapped = articles.get(id);
    if (mapped === undefined) throw new Error(`Page ${page.sourceKey} refers to article ${id}, which was not copied before it.`);
    return mapped;
  };
  let outcome: PageOutcome;
  if (page.outcome === 'article') {
    const stored = (await from.getArticle(page.articleId!))!;
    const text = await texts.of(stored, page.id);
    const fingerprint = fingerprintText(text.article.text);
    const copyOf = stored.duplicate && stored.duplicate.matchedId !== null ? { articleId: target(stored.duplicate.matchedId), similarity: stored.duplicate.similarity } : null;
    outcome = {
      kind: 'article',
      article: text.article,
      textHash: text.textHash ?? fingerprint.textHash,
      minhash: fingerprint.encodedSignature === null ? null : { signature: fingerprint.encodedSignature, bandKeys: fingerprint.bandKeys },
      copyOf,
      // Only the current text has its analysis kept: an earlier one's layers went when it was revised.
      analysis: text.current ? await from.getAnalysis(stored.id) : null,
    };
  } else if (page.outcome === 'duplicate' && page.duplicateReason === REVISION_REASON) {
    const stored = (await from.getArticle(page.articleId!))!;
    const text = await texts.of(stored, page.id);
    const fingerprint = fingerprintText(text.article.text);
    outcome = {
      kind: 'revision',
      articleId: target(page.articleId!),
      article: text.article,
      textHash: text.textHash ?? fingerprint.textHash,
      minhash: fingerprint.encodedSignature === null ? null : { signature: fingerprint.encodedSignature, bandKeys: fingerprint.bandKeys },
      similarity: page.similarity ?? 0,
      analysis: text.current ? await from.getAnalysis(stored.id) : null,
    };
  } else if (page.outcome === 'duplicate') {
    outcome = { kind: 'duplicate', articleId: target(page.articleId!), reason: page.duplicateReason ?? 'canonical-url', similarity: page.similarity ?? 1 };
  } else {
    outcome = { kind: page.outcome, stage: page.problem?.stage ?? 'unknown', code: page.problem?.code ?? 'UNKNOWN', message: page.problem?.message ?? '' };
  }
  return {
    runId: runs.get(page.runId)!,
    source: page.source,
    sourceKey: page.sourceKey,
    url: page.url,
    canonicalUrl: page.canonicalUrl,
    fetchedAt: page.fetchedAt,
    httpStatus: page.httpStatus,
    contentHash: page.contentHash,
    contentType: page.contentType,
    etag: page.etag,
    lastModified: page.lastModified,
    raw: await from.readRawHtml(page.id),
    outcome,
  };
}
