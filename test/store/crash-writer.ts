/**
 * Child-process entry for the crash test: commits pages `page-0` … `page-<total-1>` one by one with
 * commitPage (articles with LSH bands, copies joining duplicate groups, duplicate pages, rejections and
 * failures, raw HTML kept), skipping the source keys already committed, and prints each index once its
 * commit has returned. Started by crash.test.ts with `node --import tsx`; killed with SIGKILL mid-run.
 */
import { makeArticle, pageRecord, RUN, textHash } from '../../src/store/contract/fixtures.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { PageOutcome } from '../../src/store/store.js';

const [path, totalText] = process.argv.slice(2);
const total = Number(totalText);
const store = await openSqliteStore(path!, { mode: 'write' });
const runId = await store.startRun(RUN);
let lastArticle: number | null = null;

for (let i = 0; i < total; i++) {
  const sourceKey = `page-${i}`;
  const committed = await store.findCommittedPage(sourceKey);
  if (committed) {
    if (committed.outcome === 'article') lastArticle = committed.articleId;
    continue;
  }
  const text = `Story ${i}: the harbour bridge reopened after repairs. `.repeat(30);
  const article = makeArticle({ title: `Story ${i}`, paragraphs: [text], published: '2024-05-03' });
  const kind = i % 5;
  let outcome: PageOutcome;
  if (kind === 3) outcome = { kind: 'rejected', stage: 'extract', code: 'NO_CONTENT', message: 'No article text.' };
  else if (kind === 4) outcome = { kind: 'failed', stage: 'fetch', code: 'TIMEOUT', message: 'No answer.' };
  else if (kind === 2 && lastArticle !== null) outcome = { kind: 'duplicate', articleId: lastArticle, reason: 'text-hash', similarity: 1 };
  else {
    const copyOf = kind === 1 && lastArticle !== null ? { articleId: lastArticle, similarity: 0.9 } : null;
    const bandKeys = Array.from({ length: 16 }, (_, b) => `${b}:${(i * 7 + b) % 50}`);
    outcome = { kind: 'article', article, textHash: textHash(text), minhash: { signature: new Uint8Array(512).fill(i % 256), bandKeys }, copyOf };
  }
  const raw = new TextEncoder().encode(`<html><body><p>${text.repeat(20)}</p></body></html>`);
  const result = await store.commitPage(pageRecord(runId, sourceKey, outcome, { raw }));
  if (result.page.outcome === 'article') lastArticle = result.page.articleId;
  process.stdout.write(`${i}\n`);
}
await store.finishRun(runId, { finishedAt: new Date().toISOString(), status: 'completed', counts: { seen: total, stored: 0, duplicate: 0, notArticle: 0, failed: 0, failedByReason: {} } });
await store.close();
