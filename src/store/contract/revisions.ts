import { describe, expect, it } from 'vitest';
import type { ContractContext } from '../contract.js';
import type { Article } from '../../model/article.js';
import { REVISION_REASON, type PageOutcome, type Store } from '../store.js';
import { analysis, event } from './analysis-fixtures.js';
import { articleOutcome, makeArticle, pageRecord, RUN, textHash } from './fixtures.js';

/**
 * The revisions contract: a page whose article is stored but whose text changed brings the article its
 * new text (search, text hash, fingerprint and analysis follow) and keeps the earlier text as a
 * revision; an older capture is kept as an earlier revision without touching the article. Also the
 * URLs to refresh and the archive's settings.
 */
export function registerRevisionsContract({ store }: ContractContext): void {
  const URL = 'https://news.example/live';
  const first = makeArticle({ title: 'Storm Delia live', paragraphs: ['The storm reached the coast at dawn.'], published: '2024-06-01T06:00:00Z', url: URL });
  const second = makeArticle({ title: 'Storm Delia live: ferries cancelled', paragraphs: ['The storm reached the coast at dawn.', 'All ferries were cancelled at noon.'], published: '2024-06-01T06:00:00Z', url: URL });

  const revision = (articleId: number, article: Article, extra: Partial<Extract<PageOutcome, { kind: 'revision' }>> = {}): PageOutcome => ({
    kind: 'revision',
    articleId,
    article,
    textHash: textHash(article.text),
    minhash: { signature: new Uint8Array(8).fill(7), bandKeys: ['0:new', '1:new'] },
    similarity: 0.6,
    ...extra,
  });

  async function storedLive(s: Store): Promise<{ runId: number; articleId: number }> {
    const runId = await s.startRun(RUN);
    const stored = await s.commitPage(pageRecord(runId, 'live-1', articleOutcome(first, { minhash: { signature: new Uint8Array(8).fill(1), bandKeys: ['0:old', '1:old'] } }), { url: URL, canonicalUrl: URL, fetchedAt: '2024-06-01T07:00:00.000Z' }));
    return { runId, articleId: stored.page.articleId! };
  }

  describe('revisions', () => {
    it('makes the newer text the article and keeps the earlier one as a revision; search, hashes, bands and analysis follow', async () => {
      const s = store();
      const { runId, articleId } = await storedLive(s);
      const before = await s.getArticle(articleId);
      expect(before).toMatchObject({ revisions: 0, textSeenAt: '2024-06-01T07:00:00.000Z' });
      const result = await s.commitPage(
        pageRecord(runId, 'live-2', revision(articleId, second, { analysis: analysis({ events: [event({ date: '2024-06-01' })] }) }), { url: URL, canonicalUrl: URL, fetchedAt: '2024-06-01T13:00:00.000Z' }),
      );
      // The page is a duplicate page of the article, with the reason `revision`.
      expect(result).toMatchObject({ status: 'stored', page: { outcome: 'duplicate', articleId, duplicateReason: REVISION_REASON, similarity: 0.6 } });
      const after = await s.getArticle(articleId);
      expect(after).toMatchObject({ id: articleId, revisions: 1, textSeenAt: '2024-06-01T13:00:00.000Z', textPageId: result.page.id, textHash: textHash(second.text), pageId: before!.pageId, firstSeen: before!.firstSeen });
      expect(before!.textPageId).toBe(before!.pageId);
      expect(after!.article).toEqual(second);
      expect(await s.listRevisions(articleId)).toEqual([{ number: 1, pageId: before!.pageId, seenAt: '2024-06-01T07:00:00.000Z', textHash: textHash(first.text), article: first }]);
      expect((await s.search({ text: 'ferries' })).hits.map((h) => h.id)).toEqual([articleId]);
      expect((await s.findArticleByTextHash(textHash(second.text)))?.id).toBe(articleId);
      expect(await s.findArticleByTextHash(textHash(first.text))).toBeNull();
      expect((await s.findNearDuplicateCandidates(['0:new'])).map((c) => c.id)).toEqual([articleId]);
      expect(await s.findNearDuplicateCandidates(['0:old'])).toEqual([]);
      expect((await s.getAnalysis(articleId))?.events).toHaveLength(1);
      expect((await s.stats()).articles).toBe(1);
    });

    it('drops the layers of the old text when the new one comes unanalyzed, so the article is stale for reanalyze', async () => {
      const s = store();
      const { runId, articleId } = await storedLive(s);
      await s.saveAnalysis(articleId, analysis({ events: [event({ date: '2024-06-01' })] }));
      expect((await s.queryEventGroups({})).groups).toHaveLength(1);
      await s.commitPage(pageRecord(runId, 'live-2', revision(articleId, second), { url: URL, canonicalUrl: URL, fetchedAt: '2024-06-02T00:00:00.000Z' }));
      expect(await s.getAnalysis(articleId)).toBeNull();
      // Its events leave their event records (a record left empty goes).
      expect((await s.queryEventGroups({})).groups).toEqual([]);
      const stale: number[] = [];
      for await (const id of s.staleArticles([{ name: 'entities', version: '1' }])) stale.push(id);
      expect(stale).toEqual([articleId]);
    });

    it('keeps an older capture as an earlier revision and leaves the article as it is', async () => {
      const s = store();
      const { runId, articleId } = await storedLive(s);
      await s.commitPage(pageRecord(runId, 'live-0', revision(articleId, second), { url: URL, canonicalUrl: URL, fetchedAt: '2024-06-01T05:00:00.000Z' }));
      const article = await s.getArticle(articleId);
      expect(article).toMatchObject({ revisions: 1, textSeenAt: '2024-06-01T07:00:00.000Z', textHash: textHash(first.text) });
      expect(article!.article).toEqual(first);
      expect((await s.listRevisions(articleId))!.map((r) => [r.number, r.seenAt, r.article.title])).toEqual([[1, '2024-06-01T05:00:00.000Z', second.title]]);
    });

    it('numbers revisions by when each text was seen, and refuses a revision of an article that does not exist', async () => {
      const s = store();
      const { runId, articleId } = await storedLive(s);
      const third = makeArticle({ title: 'Storm Delia: the clean-up', paragraphs: ['The clean-up began.'], url: URL });
      await s.commitPage(pageRecord(runId, 'live-2', revision(articleId, second), { url: URL, canonicalUrl: URL, fetchedAt: '2024-06-01T13:00:00.000Z' }));
      await s.commitPage(pageRecord(runId, 'live-3', revision(articleId, third), { url: URL, canonicalUrl: URL, fetchedAt: '2024-06-02T09:00:00.000Z' }));
      expect((await s.listRevisions(articleId))!.map((r) => [r.number, r.article.title])).toEqual([[1, first.title], [2, second.title]]);
      expect((await s.getArticle(articleId))).toMatchObject({ revisions: 2, article: { title: third.title } });
      expect(await s.listRevisions(9999)).toBeNull();
      await expect(s.commitPage(pageRecord(runId, 'nowhere', revision(9999, third)))).rejects.toMatchObject({ code: 'E_STORE_INPUT' });
    });
  });

  describe('streamArticleUrls', () => {
    it('gives the http(s) URL each article was fetched from, in id order, and no local file', async () => {
      const s = store();
      const runId = await s.startRun(RUN);
      const a = await s.commitPage(pageRecord(runId, 'a', articleOutcome(makeArticle({ paragraphs: ['A.'], url: 'https://one.example/a?x=1' })), { canonicalUrl: 'https://one.example/a' }));
      await s.commitPage(pageRecord(runId, 'file', articleOutcome(makeArticle({ paragraphs: ['F.'] })), { url: null, canonicalUrl: 'file:///pages/f.html' }));
      const b = await s.commitPage(pageRecord(runId, 'b', articleOutcome(makeArticle({ paragraphs: ['B.'] })), { url: 'https://two.example/b', canonicalUrl: 'https://two.example/b' }));
      const urls: { articleId: number; url: string }[] = [];
      for await (const entry of s.streamArticleUrls()) urls.push(entry);
      expect(urls).toEqual([
        { articleId: a.page.articleId, url: 'https://one.example/a?x=1' },
        { articleId: b.page.articleId, url: 'https://two.example/b' },
      ]);
    });
  });

  describe('archive settings', () => {
    it('keeps a value by name until it is replaced or removed', async () => {
      const s = store();
      expect(await s.getArchiveSetting('themes')).toBeNull();
      await s.setArchiveSetting('themes', '{"a": 1}');
      await s.setArchiveSetting('themes', '{"a": 2}');
      expect(await s.getArchiveSetting('themes')).toBe('{"a": 2}');
      await s.setArchiveSetting('themes', null);
      expect(await s.getArchiveSetting('themes')).toBeNull();
    });
  });
}
