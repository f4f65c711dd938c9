import type { ArticleRevision, StoredArticle } from '../store/store.js';
import { diffTexts, diffToText, type TextDiff } from './revision-diff.js';

/**
 * An article's history for people and programs: each text it had (the earlier ones from listRevisions,
 * then the current one), numbered from 1, with when it was first seen and what changed from the text
 * before it. `parley show --revisions` and GET /api/articles/:id/revisions print the same object.
 */

export interface RevisionJSON {
  readonly number: number;
  readonly current: boolean;
  readonly seenAt: string;
  readonly pageId: number;
  readonly title: string | null;
  readonly published: string | null;
  readonly modified: string | null;
  readonly wordCount: number;
  readonly textHash: string | null;
  readonly text: string;
  /** What changed from the text before (null for the first). */
  readonly diff: TextDiff | null;
}

export interface RevisionHistoryJSON {
  readonly id: number;
  readonly url: string;
  /** The texts the article had, oldest first; the last is the current one. */
  readonly revisions: readonly RevisionJSON[];
}

export function revisionHistory(stored: StoredArticle, earlier: readonly ArticleRevision[]): RevisionHistoryJSON {
  const texts = [
    ...earlier.map((r) => ({ article: r.article, seenAt: r.seenAt, pageId: r.pageId, textHash: r.textHash })),
    { article: stored.article, seenAt: stored.textSeenAt, pageId: stored.textPageId, textHash: stored.textHash },
  ];
  const revisions = texts.map((t, i): RevisionJSON => ({
    number: i + 1,
    current: i === texts.length - 1,
    seenAt: t.seenAt,
    pageId: t.pageId,
    title: t.article.title,
    published: t.article.published,
    modified: t.article.modified,
    wordCount: t.article.wordCount,
    textHash: t.textHash,
    text: t.article.text,
    diff: i === 0 ? null : diffTexts(texts[i - 1]!.article.text, t.article.text),
  }));
  return { id: stored.id, url: stored.canonicalUrl, revisions };
}

/** The history for reading: one heading per text, then what changed in it. */
export function revisionHistoryToText(history: RevisionHistoryJSON): string {
  const count = history.revisions.length;
  const lines = [`Article ${history.id}, ${history.url}: ${count === 1 ? 'one text, never revised' : `${count} texts; the current one is revision ${count}`}.`];
  for (const r of history.revisions) {
    const title = r.title === null ? '' : ` "${r.title}"`;
    lines.push('', `Revision ${r.number}${r.current ? ' (current)' : ''}, first seen ${r.seenAt}:${title}, ${r.wordCount} words`);
    if (r.diff === null) continue;
    const what = [r.diff.added && `${r.diff.added} added`, r.diff.removed && `${r.diff.removed} removed`, r.diff.changed && `${r.diff.changed} changed`].filter(Boolean).join(', ');
    lines.push(`  paragraphs ${what || 'unchanged (only white space or metadata changed)'}:`, diffToText(r.diff));
  }
  return `${lines.join('\n')}\n`;
}
