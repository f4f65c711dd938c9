import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { ContractContext } from '../contract.js';
import { StoreError } from '../errors.js';
import { EXPORT_BATCH_SIZE, type PageRecord, type RunCounts } from '../store.js';
import { articleOutcome, makeArticle, pageRecord, richArticle, RICH_URL, RUN, storeArticles, textHash } from './fixtures.js';

/** Runs, commitPage (outcomes, idempotence, atomic refusal) and the lookups the ingest relies on. */
export function registerWriteContract({ store }: ContractContext): void {
  const COUNTS: RunCounts = { seen: 3, stored: 1, duplicate: 1, notArticle: 0, failed: 1, failedByReason: { TIMEOUT: 1 } };

  describe('runs', () => {
    it('records a run from start to finish, and leaves a run that never finished unfinished', async () => {
      const first = await store().startRun(RUN);
      const second = await store().startRun({ ...RUN, sources: ['feed.xml'], keepRaw: false });
      expect(second).not.toBe(first);
      await store().finishRun(first, { finishedAt: '2024-06-01T10:05:00.000Z', status: 'completed', counts: COUNTS });
      const { runs, runCount } = await store().stats();
      expect(runCount).toBe(2);
      expect(runs.map((r) => r.id)).toEqual([second, first]);
      expect(runs[0]).toMatchObject({ status: 'unfinished', finishedAt: null, counts: null, sources: ['feed.xml'] });
      expect(runs[1]).toMatchObject({ status: 'completed', finishedAt: '2024-06-01T10:05:00.000Z', counts: COUNTS, configHash: 'cfg-1', stageVersions: RUN.stageVersions, startedAt: RUN.startedAt });
    });

    it('refuses to finish a run that does not exist', async () => {
      await expect(store().finishRun(999, { finishedAt: RUN.startedAt, status: 'completed', counts: COUNTS })).rejects.toMatchObject({ code: 'E_STORE_INPUT' });
    });
  });

  describe('commitPage', () => {
    it('stores an article exactly as extract() returned it, with its page', async () => {
      const runId = await store().startRun(RUN);
      const article = richArticle();
      const canonicalUrl = 'https://www.coast-courier.example/news/2024/05/harbour-bridge';
      const result = await store().commitPage(pageRecord(runId, 'bridge', articleOutcome(article), { url: RICH_URL, canonicalUrl }));
      expect(result).toMatchObject({ status: 'stored', page: { runId, sourceKey: 'bridge', outcome: 'article', url: RICH_URL, canonicalUrl, problem: null, groupId: null } });
      const stored = await store().getArticle(result.page.articleId!);
      expect(stored).toMatchObject({ id: result.page.articleId, canonicalUrl, site: 'coast-courier.example', pageId: result.page.id, runId, duplicate: null, textHash: textHash(article.text) });
      expect(stored!.article).toEqual(article);
      expect(stored!.article.captions.length).toBeGreaterThan(0);
      expect(stored!.firstSeen).toBe(result.page.fetchedAt);
    });

    it('is idempotent by source key: a second commit stores nothing and returns what was there', async () => {
      const runId = await store().startRun(RUN);
      const first = await store().commitPage(pageRecord(runId, 'a', articleOutcome(makeArticle({ title: 'First', paragraphs: ['One text.'] }))));
      const again = await store().commitPage(pageRecord(runId, 'a', articleOutcome(makeArticle({ title: 'Changed', paragraphs: ['Another text.'] })), { url: 'https://news.example/other' }));
      expect(again.status).toBe('already-committed');
      expect(again.page).toEqual(first.page);
      expect((await store().getArticle(first.page.articleId!))!.article.title).toBe('First');
      expect(await store().stats()).toMatchObject({ articles: 1, pages: 1 });
    });

    it('keeps one article per canonical URL: a second page for it becomes a duplicate of the first', async () => {
      const runId = await store().startRun(RUN);
      const url = 'https://news.example/story';
      const first = await store().commitPage(pageRecord(runId, 'one', articleOutcome(makeArticle({ paragraphs: ['Text.'] })), { url, canonicalUrl: url }));
      const second = await store().commitPage(pageRecord(runId, 'two', articleOutcome(makeArticle({ paragraphs: ['Text again.'] })), { url: `${url}?utm_source=x`, canonicalUrl: url }));
      expect(second).toMatchObject({ status: 'stored', page: { outcome: 'duplicate', articleId: first.page.articleId, duplicateReason: 'canonical-url', similarity: 1 } });
      expect(await store().stats()).toMatchObject({ articles: 1, pages: 2, duplicatePages: 1, duplicates: 0 });
    });

    it('links a duplicate page to the article it holds', async () => {
      const [id] = await storeArticles(store(), [{ key: 'original', paragraphs: ['Wire text.'] }]);
      const runId = await store().startRun(RUN);
      const result = await store().commitPage(pageRecord(runId, 'mirror', { kind: 'duplicate', articleId: id!, reason: 'text-hash', similarity: 1 }));
      expect(result.page).toMatchObject({ outcome: 'duplicate', articleId: id, duplicateReason: 'text-hash', similarity: 1 });
      expect(await store().findCommittedPage('mirror')).toEqual(result.page);
    });

    it('records rejections and failures with their stage, code and message', async () => {
      const runId = await store().startRun(RUN);
      const rejected = await store().commitPage(pageRecord(runId, 'index', { kind: 'rejected', stage: 'extract', code: 'NO_CONTENT', message: 'No article text.' }));
      await store().commitPage(pageRecord(runId, 'slow', { kind: 'failed', stage: 'fetch', code: 'TIMEOUT', message: 'No answer in 30 s.' }, { httpStatus: null, raw: null }));
      await store().commitPage(pageRecord(runId, 'slow2', { kind: 'failed', stage: 'fetch', code: 'TIMEOUT', message: 'No answer in 30 s.' }, { httpStatus: null, raw: null }));
      expect(rejected.page).toMatchObject({ outcome: 'rejected', articleId: null, problem: { stage: 'extract', code: 'NO_CONTENT', message: 'No article text.' } });
      const stats = await store().stats();
      expect(stats).toMatchObject({ articles: 0, pages: 3, rejected: 1, failures: 2 });
      expect(stats.failureReasons).toEqual([
        { kind: 'failed', stage: 'fetch', code: 'TIMEOUT', pages: 2 },
        { kind: 'rejected', stage: 'extract', code: 'NO_CONTENT', pages: 1 },
      ]);
      expect(stats.runs[0]!.committed).toEqual({ article: 0, duplicate: 0, rejected: 1, failed: 2 });
    });

    it('lets a failed page be retried (the new outcome replaces the failure), but nothing else', async () => {
      const runId = await store().startRun(RUN);
      await store().commitPage(pageRecord(runId, 'flaky', { kind: 'failed', stage: 'fetch', code: 'HTTP_503', message: 'Service unavailable.' }));
      const retried = await store().commitPage(pageRecord(runId, 'flaky', articleOutcome(makeArticle({ paragraphs: ['Now it loads.'] }))));
      expect(retried).toMatchObject({ status: 'replaced-failure', page: { outcome: 'article', problem: null } });
      await store().commitPage(pageRecord(runId, 'index', { kind: 'rejected', stage: 'extract', code: 'NO_CONTENT', message: 'No text.' }));
      const again = await store().commitPage(pageRecord(runId, 'index', articleOutcome(makeArticle({ paragraphs: ['Text.'] }))));
      expect(again).toMatchObject({ status: 'already-committed', page: { outcome: 'rejected' } });
      expect(await store().stats()).toMatchObject({ articles: 1, pages: 2, failures: 0, rejected: 1, failureReasons: [{ code: 'NO_CONTENT', pages: 1 }] });
    });

    it('refuses a record that breaks the contract, and stores nothing of it', async () => {
      const runId = await store().startRun(RUN);
      const bad: [string, PageRecord][] = [
        ['an article without a canonical URL', pageRecord(runId, 'k1', articleOutcome(makeArticle({ paragraphs: ['x'] })), { canonicalUrl: null })],
        ['an unknown run', pageRecord(runId + 100, 'k2', articleOutcome(makeArticle({ paragraphs: ['x'] })))],
        ['a duplicate of no article', pageRecord(runId, 'k3', { kind: 'duplicate', articleId: 4242, reason: 'text-hash', similarity: 1 })],
        ['a copy of no article', pageRecord(runId, 'k4', articleOutcome(makeArticle({ paragraphs: ['x'] }), { copyOf: { articleId: 4242, similarity: 0.9 } }))],
        ['a similarity above 1', pageRecord(runId, 'k5', { kind: 'duplicate', articleId: 1, reason: 'near', similarity: 1.5 })],
        ['an empty source key', pageRecord(runId, '', { kind: 'failed', stage: 'fetch', code: 'X', message: 'x' })],
        ['a failure without a code', pageRecord(runId, 'k6', { kind: 'failed', stage: 'fetch', code: '', message: 'x' })],
      ];
      for (const [what, record] of bad) {
        const error = await store().commitPage(record).then(() => null, (e: unknown) => e);
        expect(error, what).toBeInstanceOf(StoreError);
        expect((error as StoreError).code, what).toBe('E_STORE_INPUT');
        if (record.sourceKey) expect(await store().findCommittedPage(record.sourceKey), what).toBeNull();
      }
      expect(await store().stats()).toMatchObject({ articles: 0, pages: 0 });
    });

    it('keeps the raw HTML (compressed) unless the run says no', async () => {
      const keep = await store().startRun(RUN);
      const drop = await store().startRun({ ...RUN, keepRaw: false });
      const html = new TextEncoder().encode('<html><body><p>Grüße aus Köln</p></body></html>');
      const kept = await store().commitPage(pageRecord(keep, 'kept', { kind: 'rejected', stage: 'extract', code: 'NO_CONTENT', message: 'x' }, { raw: html }));
      const dropped = await store().commitPage(pageRecord(drop, 'dropped', { kind: 'rejected', stage: 'extract', code: 'NO_CONTENT', message: 'x' }, { raw: html }));
      expect(await store().readRawHtml(kept.page.id)).toEqual(html);
      expect(await store().readRawHtml(dropped.page.id)).toBeNull();
    });

    it('keeps raw HTML the caller compressed: it reads back as the page’s bytes', async () => {
      const runId = await store().startRun(RUN);
      const html = new TextEncoder().encode('<html><body><p>Grüße aus Köln, compressed on a worker</p></body></html>');
      const kept = await store().commitPage(pageRecord(runId, 'pre-compressed', { kind: 'rejected', stage: 'extract', code: 'NO_CONTENT', message: 'x' }, { raw: html, rawGzip: gzipSync(html, { level: 1 }) }));
      expect(await store().readRawHtml(kept.page.id)).toEqual(html);
    });

    it('refuses every call once closed', async () => {
      const closing = store();
      await closing.close();
      await expect(closing.stats()).rejects.toMatchObject({ code: 'E_STORE_CLOSED' });
      await expect(closing.startRun(RUN)).rejects.toMatchObject({ code: 'E_STORE_CLOSED' });
    });
  });

  describe('exportPages', () => {
    it('gives every committed page in commit order, with its record and outcome, across batches', async () => {
      const runId = await store().startRun(RUN);
      const keys = Array.from({ length: EXPORT_BATCH_SIZE + 5 }, (_, i) => `p${i}`);
      const first = await store().commitPage(pageRecord(runId, keys[0]!, articleOutcome(makeArticle({ paragraphs: ['Exported.'] })), { contentType: 'text/html', etag: '"e1"' }));
      await store().commitPage(pageRecord(runId, keys[1]!, { kind: 'duplicate', articleId: first.page.articleId!, reason: 'text-hash', similarity: 1 }));
      await store().commitPage(pageRecord(runId, keys[2]!, { kind: 'failed', stage: 'fetch', code: 'TIMEOUT', message: 'Slow.' }, { httpStatus: null }));
      for (const key of keys.slice(3)) await store().commitPage(pageRecord(runId, key, { kind: 'rejected', stage: 'extract', code: 'NO_CONTENT', message: 'Empty.' }));
      const exported = [];
      for await (const page of store().exportPages()) {
        exported.push(page);
        if (exported.length === 1) await store().commitPage(pageRecord(runId, 'late', { kind: 'rejected', stage: 'extract', code: 'NO_CONTENT', message: 'Late.' }));
      }
      expect(exported.map((p) => p.sourceKey)).toEqual(keys);
      for (const page of exported.slice(0, 3)) {
        const { source, httpStatus, contentHash, contentType, etag, lastModified, ...committed } = page;
        expect(committed).toEqual(await store().findCommittedPage(page.sourceKey));
        expect(source).toBe(`pages/${page.sourceKey}.html`);
        expect(contentHash).toBe(textHash(page.sourceKey));
        expect([httpStatus, contentType, etag, lastModified]).toEqual(page.sourceKey === 'p0' ? [200, 'text/html', '"e1"', null] : [page.sourceKey === 'p2' ? null : 200, null, null, null]);
      }
    });
  });

  describe('serializeWrites', () => {
    it('runs one piece of work at a time, in call order, returning its result or its error', async () => {
      const log: string[] = [];
      const step = (name: string, ms: number) => async (): Promise<string> => {
        log.push(`${name} start`);
        await new Promise((resolve) => setTimeout(resolve, ms));
        log.push(`${name} end`);
        return name;
      };
      const failing = store().serializeWrites(['url x'], async () => {
        log.push('bad start');
        throw new Error('boom');
      });
      const results = await Promise.all([store().serializeWrites(['url x', 'band 1'], step('a', 30)), store().serializeWrites(['band 1', 'text y'], step('b', 1)), failing.catch((e: Error) => e.message)]);
      expect(results).toEqual(['a', 'b', 'boom']);
      expect(log.filter((l) => l !== 'bad start')).toEqual(['a start', 'a end', 'b start', 'b end']);
      expect(await store().serializeWrites(['url x'], async () => 'after a failure')).toBe('after a failure');
    });
  });

  describe('lookups for the ingest', () => {
    it('finds committed pages (resume), articles by canonical URL and by text hash', async () => {
      const [a, b] = await storeArticles(store(), [
        { key: 'a', paragraphs: ['Same wire text.'] },
        { key: 'b', paragraphs: ['Same wire text.'] },
      ]);
      expect(await store().findCommittedPage('a')).toMatchObject({ sourceKey: 'a', outcome: 'article', articleId: a });
      expect(await store().findCommittedPage('never')).toBeNull();
      expect(await store().findArticleByCanonicalUrl('https://news.example/b')).toMatchObject({ id: b, canonicalUrl: 'https://news.example/b', groupId: null });
      expect(await store().findArticleByCanonicalUrl('https://news.example/zzz')).toBeNull();
      expect((await store().findArticleByTextHash(textHash('Same wire text.')))!.id).toBe(a);
      expect(await store().findArticleByTextHash('0000')).toBeNull();
    });

    it('returns near-duplicate candidates by shared LSH bands, with their signatures', async () => {
      const runId = await store().startRun(RUN);
      const signature = (seed: number): Uint8Array => Uint8Array.from({ length: 16 }, (_, i) => (seed * 31 + i) % 256);
      const commit = async (key: string, bands: string[] | null): Promise<number> => {
        const minhash = bands ? { signature: signature(key.length + key.charCodeAt(0)), bandKeys: bands } : null;
        return (await store().commitPage(pageRecord(runId, key, articleOutcome(makeArticle({ paragraphs: [`Text ${key}.`] }), { minhash })))).page.articleId!;
      };
      const one = await commit('one', ['0:aa', '1:bb', '2:cc']);
      const two = await commit('two', ['0:aa', '1:xx', '2:yy']);
      await commit('three', ['0:zz', '1:qq', '2:rr']);
      await commit('plain', null);
      const candidates = await store().findNearDuplicateCandidates(['0:aa', '1:bb', '2:cc', '2:cc']);
      expect(candidates.map((c) => [c.id, c.sharedBands])).toEqual([[one, 3], [two, 1]]);
      expect(candidates[0]!.signature).toEqual(signature('one'.length + 'one'.charCodeAt(0)));
      expect(await store().findNearDuplicateCandidates(['0:aa', '1:bb'], 1)).toHaveLength(1);
      expect(await store().findNearDuplicateCandidates([])).toEqual([]);
      expect(await store().findNearDuplicateCandidates(['9:none'])).toEqual([]);
    });

    it('groups copies: the earliest published is the original, each copy keeps its similarity', async () => {
      const runId = await store().startRun(RUN);
      const commit = async (key: string, published: string | null, copyOf: { articleId: number; similarity: number } | null) =>
        (await store().commitPage(pageRecord(runId, key, articleOutcome(makeArticle({ paragraphs: [`Wire story ${key}.`], published }), { copyOf })))).page;
      const first = await commit('first', '2024-05-02', null);
      const copy = await commit('copy', '2024-05-03T09:00:00Z', { articleId: first.articleId!, similarity: 0.92 });
      expect(copy.groupId).not.toBeNull();
      const earlier = await commit('earlier', '2024-05-01', { articleId: copy.articleId!, similarity: 0.88 });
      expect(earlier.groupId).toBe(copy.groupId);
      const members = await Promise.all([first, copy, earlier].map((p) => store().getArticle(p.articleId!)));
      expect(members.map((m) => m!.duplicate)).toEqual([
        { groupId: copy.groupId, originalId: earlier.articleId, matchedId: null, similarity: 1 },
        { groupId: copy.groupId, originalId: earlier.articleId, matchedId: first.articleId, similarity: 0.92 },
        { groupId: copy.groupId, originalId: earlier.articleId, matchedId: copy.articleId, similarity: 0.88 },
      ]);
      expect(await store().findArticleByCanonicalUrl(first.canonicalUrl!)).toMatchObject({ groupId: copy.groupId });
      expect(await store().stats()).toMatchObject({ articles: 3, duplicates: 2, duplicateGroups: 1 });
    });

    it('gives the validators of the latest fetch of a URL (conditional re-fetch)', async () => {
      const runId = await store().startRun(RUN);
      const url = 'https://news.example/live';
      expect(await store().findFetchValidators(url)).toBeNull();
      const first = await store().commitPage(pageRecord(runId, 'v1', articleOutcome(makeArticle({ paragraphs: ['v1'] })), { url, etag: '"v1"', lastModified: 'Mon, 03 Jun 2024 10:00:00 GMT' }));
      await store().commitPage(pageRecord(runId, 'v2', { kind: 'duplicate', articleId: first.page.articleId!, reason: 'not-modified', similarity: 1 }, { url, etag: '"v2"', lastModified: null, canonicalUrl: null }));
      await store().commitPage(pageRecord(runId, 'v3', { kind: 'failed', stage: 'fetch', code: 'HTTP_500', message: 'x' }, { url }));
      expect(await store().findFetchValidators(url)).toMatchObject({ url, etag: '"v2"', lastModified: null, articleId: first.page.articleId });
    });
  });
}
