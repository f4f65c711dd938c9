import type { Article } from '../../model/article.js';
import { siteFromKey } from '../filters.js';
import type { ArticleRef, CommittedPage, PageOutcome, PageRecord, RevisionOutcome, RunFinish, RunStart, StoredArticle } from '../store.js';
import { DocumentMatcher, indexText } from './ranking.js';

/** The in-memory adapter's data, shaped like the SQLite tables, with the same derived columns. */

export interface RunEntry {
  readonly id: number;
  readonly start: RunStart;
  finish: RunFinish | null;
}

export interface PageEntry {
  readonly id: number;
  readonly record: Omit<PageRecord, 'raw' | 'outcome'>;
  /** What was stored (an `article` whose canonical URL was taken, and a `revision`, become a `duplicate`). */
  readonly outcome: Exclude<PageOutcome, RevisionOutcome>;
  articleId: number | null;
}

export interface ArticleEntry {
  readonly id: number;
  readonly pageId: number;
  /** When and from which page the current text came (firstSeen and pageId until a revision). */
  readonly textSeenAt: string;
  readonly textPageId: number;
  readonly runId: number;
  readonly canonicalUrl: string;
  readonly siteKey: string;
  readonly publishedMs: number | null;
  readonly firstSeen: string;
  readonly textHash: string | null;
  readonly signature: Uint8Array | null;
  readonly article: Article;
  matcher: DocumentMatcher | null;
}

interface Member {
  readonly groupId: number;
  readonly matchedId: number | null;
  readonly similarity: number;
}

export class MemoryTables {
  readonly runs = new Map<number, RunEntry>();
  readonly pages = new Map<number, PageEntry>();
  readonly pageIdByKey = new Map<string, number>();
  readonly raw = new Map<number, Uint8Array>();
  readonly articles = new Map<number, ArticleEntry>();
  readonly articleIdByCanonical = new Map<string, number>();
  readonly bands = new Map<string, Set<number>>();
  readonly groups = new Map<number, { originalId: number; createdAt: string }>();
  readonly members = new Map<number, Member>();
  /** Earlier texts by article, in the order they were kept (sorted by seenAt when read). */
  readonly revisions = new Map<number, { readonly pageId: number; readonly seenAt: string; readonly textHash: string | null; readonly article: Article }[]>();
  readonly settings = new Map<string, string>();
  nextPageId = 1;
  nextArticleId = 1;
  private nextGroupId = 1;

  deletePage(id: number): void {
    const page = this.pages.get(id)!;
    this.pages.delete(id);
    this.pageIdByKey.delete(page.record.sourceKey);
    this.raw.delete(id);
  }

  addArticle(entry: ArticleEntry, bandKeys: readonly string[]): void {
    this.articles.set(entry.id, entry);
    this.articleIdByCanonical.set(entry.canonicalUrl, entry.id);
    this.addBands(entry.id, bandKeys);
  }

  /** A revised article: its new entry, and its band keys in place of the old ones. */
  replaceArticle(entry: ArticleEntry, bandKeys: readonly string[]): void {
    this.articles.set(entry.id, entry);
    for (const ids of this.bands.values()) ids.delete(entry.id);
    this.addBands(entry.id, bandKeys);
  }

  keepRevision(articleId: number, revision: { pageId: number; seenAt: string; textHash: string | null; article: Article }): void {
    let list = this.revisions.get(articleId);
    if (!list) this.revisions.set(articleId, (list = []));
    list.push(revision);
  }

  private addBands(articleId: number, bandKeys: readonly string[]): void {
    for (const key of bandKeys) {
      let ids = this.bands.get(key);
      if (!ids) this.bands.set(key, (ids = new Set()));
      ids.add(articleId);
    }
  }

  joinGroup(articleId: number, matchedId: number, similarity: number, at: string): void {
    let groupId = this.members.get(matchedId)?.groupId;
    if (groupId === undefined) {
      groupId = this.nextGroupId++;
      this.groups.set(groupId, { originalId: matchedId, createdAt: at });
      this.members.set(matchedId, { groupId, matchedId: null, similarity: 1 });
    }
    this.members.set(articleId, { groupId, matchedId, similarity });
    const inGroup = [...this.members].filter(([, m]) => m.groupId === groupId).map(([id]) => this.articles.get(id)!);
    inGroup.sort(earliestFirst);
    this.groups.get(groupId)!.originalId = inGroup[0]!.id;
  }

  committedPage(page: PageEntry): CommittedPage {
    const o = page.outcome;
    return {
      id: page.id,
      runId: page.record.runId,
      sourceKey: page.record.sourceKey,
      url: page.record.url,
      canonicalUrl: page.record.canonicalUrl,
      fetchedAt: page.record.fetchedAt,
      outcome: o.kind,
      articleId: o.kind === 'article' ? page.articleId : o.kind === 'duplicate' ? o.articleId : null,
      groupId: o.kind === 'article' && page.articleId !== null ? (this.members.get(page.articleId)?.groupId ?? null) : null,
      duplicateReason: o.kind === 'duplicate' ? o.reason : null,
      similarity: o.kind === 'duplicate' ? o.similarity : null,
      problem: o.kind === 'rejected' || o.kind === 'failed' ? { stage: o.stage, code: o.code, message: o.message } : null,
    };
  }

  articleRef(entry: ArticleEntry): ArticleRef {
    return {
      id: entry.id,
      canonicalUrl: entry.canonicalUrl,
      url: entry.article.url,
      published: entry.article.published,
      firstSeen: entry.firstSeen,
      textHash: entry.textHash,
      groupId: this.members.get(entry.id)?.groupId ?? null,
    };
  }

  storedArticle(entry: ArticleEntry): StoredArticle {
    const member = this.members.get(entry.id);
    return {
      id: entry.id,
      canonicalUrl: entry.canonicalUrl,
      site: siteFromKey(entry.siteKey),
      article: structuredClone(entry.article),
      pageId: entry.pageId,
      runId: entry.runId,
      firstSeen: entry.firstSeen,
      textHash: entry.textHash,
      duplicate: member ? { groupId: member.groupId, originalId: this.groups.get(member.groupId)!.originalId, matchedId: member.matchedId, similarity: member.similarity } : null,
      revisions: this.revisions.get(entry.id)?.length ?? 0,
      textSeenAt: entry.textSeenAt,
      textPageId: entry.textPageId,
    };
  }

  /** By canonical URL, then the article's own URL, then the URL of the latest page that led to it. */
  articleIdByUrl(url: string): number | null {
    const canonical = this.articleIdByCanonical.get(url);
    if (canonical !== undefined) return canonical;
    for (const entry of this.articles.values()) if (entry.article.url === url) return entry.id;
    const pages = [...this.pages.values()].filter((p) => p.record.url === url && (p.outcome.kind === 'article' || p.outcome.kind === 'duplicate'));
    const latest = pages.sort((a, b) => b.id - a.id)[0];
    if (!latest) return null;
    return latest.articleId ?? (latest.outcome.kind === 'duplicate' ? latest.outcome.articleId : null);
  }

  matcher(entry: ArticleEntry): DocumentMatcher {
    entry.matcher ??= new DocumentMatcher(indexText(entry.article.title, entry.article.text));
    return entry.matcher;
  }
}

/** A group's original: the earliest published member; undated members after dated ones, by first seen. */
function earliestFirst(a: ArticleEntry, b: ArticleEntry): number {
  if (a.publishedMs !== b.publishedMs) {
    if (a.publishedMs === null) return 1;
    if (b.publishedMs === null) return -1;
    return a.publishedMs - b.publishedMs;
  }
  if (a.firstSeen !== b.firstSeen) return a.firstSeen < b.firstSeen ? -1 : 1;
  return a.id - b.id;
}
