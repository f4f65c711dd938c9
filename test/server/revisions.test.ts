import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import type { RevisionHistoryJSON } from '../../src/render/revision-history.js';
import { articleOutcome, makeArticle, pageRecord, RUN, textHash } from '../../src/store/contract/fixtures.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { body, expectDocumented, expectError } from './helpers.js';

/** GET /api/articles/:id/revisions: the texts of a revised article with what changed, as documented. */

const URL = 'https://news.example/live';
const first = makeArticle({ title: 'Storm live', paragraphs: ['The storm reached the coast.', 'The ferry company said its crossings would run as usual this afternoon.'], url: URL });
const second = makeArticle({ title: 'Storm live', paragraphs: ['The storm reached the coast.', 'The ferry company said its crossings were cancelled until Thursday.', 'The harbour wall was breached.'], url: URL });

let app: ReturnType<typeof createApp>;
let articleId = 0;
let plainId = 0;
beforeAll(async () => {
  const store = new MemoryStore();
  const runId = await store.startRun(RUN);
  articleId = (await store.commitPage(pageRecord(runId, 'live-1', articleOutcome(first), { url: URL, canonicalUrl: URL }))).page.articleId!;
  await store.commitPage(pageRecord(runId, 'live-2', { kind: 'revision', articleId, article: second, textHash: textHash(second.text), minhash: null, similarity: 0.5 }, { url: URL, canonicalUrl: URL }));
  plainId = (await store.commitPage(pageRecord(runId, 'other', articleOutcome(makeArticle({ paragraphs: ['Never changed.'] }))))).page.articleId!;
  app = createApp({ store });
});

describe('GET /api/articles/:id/revisions', () => {
  it('lists every text, oldest first, the current one last, each with its diff from the one before', async () => {
    const response = await app.request(`/api/articles/${articleId}/revisions`);
    expect(response.status).toBe(200);
    const history = await body<RevisionHistoryJSON>(response);
    expectDocumented('/api/articles/{id}/revisions', 200, history);
    expect(history.revisions.map((r) => [r.number, r.current, r.diff === null ? null : [r.diff.added, r.diff.removed, r.diff.changed]])).toEqual([
      [1, false, null],
      [2, true, [1, 0, 1]],
    ]);
    expect(history.revisions[1]!.text).toBe(second.text);
    const article = await body<{ revisions: number }>(await app.request(`/api/articles/${articleId}`));
    expect(article.revisions).toBe(1);
  });

  it('gives an article never revised as one text, and a 404 for no article', async () => {
    const history = await body<RevisionHistoryJSON>(await app.request(`/api/articles/${plainId}/revisions`));
    expect(history.revisions).toHaveLength(1);
    await expectError(await app.request('/api/articles/9999/revisions'), 404, 'not_found');
  });
});
