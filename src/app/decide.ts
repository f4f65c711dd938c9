import { decodeSignature, findNearDuplicate, resemblance, sameSite, type DuplicateRules } from '../dedup/index.js';
import type { PageOutcome, Store } from '../store/store.js';
import type { PageAnalysis } from './page-analysis.js';

/**
 * The writer's decision for one extracted page: a new article, a copy of a stored one (a reprint,
 * joining its duplicate group), or a duplicate page (nothing new stored). It reads what is already
 * stored, so it runs on the single writer, page after page, right before the page's commit: every
 * decision sees every page committed before it, and the same input in the same order gives the same
 * decisions on every run.
 *
 * In order:
 * 1. the canonical URL already has an article: with the same text, a duplicate page (`canonical-url`);
 *    with another text, a revision of it (the page changed: a live blog, a correction; the store makes
 *    the newer text the article's and keeps the other as a revision);
 * 2. a stored article has the same words: on the same site a duplicate page (`text-hash`: the same page
 *    under another address the URL rules did not fold, a print view); on another site a new article
 *    that copies it with similarity 1 (syndication: the reprint is an article of its own site);
 * 3. a stored article is a near-duplicate (MinHash candidates sharing an LSH band, judged by
 *    dedup/duplicates.ts): a new article that copies it, with the estimated similarity;
 * 4. otherwise a new article.
 */

type Analyzed = Extract<PageAnalysis, { ok: true }>;

/**
 * What decideArticle reads, as keys for Store.serializeWrites: a committed page can change the decision
 * only if it has the same canonical URL (1), the same text (2) or shares an LSH band (3, the only way to
 * be a near-duplicate candidate), so decisions whose keys do not meet can be made at the same time.
 */
export function decideKeys(page: Pick<Analyzed, 'canonicalUrl' | 'textHash' | 'bandKeys'>): string[] {
  return [`url ${page.canonicalUrl}`, `text ${page.textHash}`, ...page.bandKeys.map((band) => `band ${band}`)];
}

export async function decideArticle(store: Store, page: Analyzed, rules: DuplicateRules): Promise<PageOutcome> {
  const byUrl = await store.findArticleByCanonicalUrl(page.canonicalUrl);
  const minhash = page.signature === null ? null : { signature: page.signature, bandKeys: page.bandKeys };
  if (byUrl) {
    if (byUrl.textHash === page.textHash) return { kind: 'duplicate', articleId: byUrl.id, reason: 'canonical-url', similarity: 1 };
    return { kind: 'revision', articleId: byUrl.id, article: page.article, textHash: page.textHash, minhash, similarity: await similarityTo(store, page, byUrl.id) };
  }
  const article = { kind: 'article' as const, article: page.article, textHash: page.textHash, minhash };
  const byText = await store.findArticleByTextHash(page.textHash);
  if (byText) {
    if (sameSite(byText.canonicalUrl, page.canonicalUrl)) return { kind: 'duplicate', articleId: byText.id, reason: 'text-hash', similarity: 1 };
    return { ...article, copyOf: { articleId: byText.id, similarity: 1 } };
  }
  const signature = page.signature === null ? null : decodeSignature(page.signature);
  if (signature !== null) {
    const candidates = await store.findNearDuplicateCandidates(page.bandKeys);
    const match = findNearDuplicate(signature, candidates, rules);
    if (match) return { ...article, copyOf: { articleId: match.articleId, similarity: match.similarity } };
  }
  return { ...article, copyOf: null };
}

/** How alike the page is to a stored article whose text differs (0 when they share no LSH band). */
async function similarityTo(store: Store, page: Analyzed, articleId: number): Promise<number> {
  const signature = page.signature === null ? null : decodeSignature(page.signature);
  if (signature === null) return 0;
  const candidates = await store.findNearDuplicateCandidates(page.bandKeys);
  const stored = candidates.find((candidate) => candidate.id === articleId);
  const theirs = stored ? decodeSignature(stored.signature) : null;
  return theirs === null ? 0 : (resemblance(signature, theirs) ?? 0);
}
