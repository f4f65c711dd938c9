import { articleToJSON, type ArticleJSON } from '../../render/json.js';
import type { DuplicateMembership, StoredArticle } from '../../store/store.js';

/**
 * A stored article as `show --format json` and `export --format jsonl` print it: its id, then the
 * article's public JSON fields (see render/json.ts), then what the archive adds. `canonicalUrl` is the
 * canonical URL Parley files the article under (one article per canonical URL).
 */
export type StoredArticleJSON = { id: number } & ArticleJSON & {
  site: string;
  firstSeen: string;
  duplicate: DuplicateMembership | null;
  /** Earlier texts kept (`parley show --revisions`), and when the current text was first seen. */
  revisions: number;
  textSeenAt: string;
};

export function storedArticleToJSON(stored: StoredArticle): StoredArticleJSON {
  return {
    id: stored.id,
    ...articleToJSON(stored.article),
    canonicalUrl: stored.canonicalUrl,
    site: stored.site,
    firstSeen: stored.firstSeen,
    duplicate: stored.duplicate,
    revisions: stored.revisions,
    textSeenAt: stored.textSeenAt,
  };
}
