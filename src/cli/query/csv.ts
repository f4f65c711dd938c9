import type { StoredArticle } from '../../store/store.js';

/**
 * Articles as CSV (RFC 4180): a header row, then one row per article; every field is quoted when it
 * holds a comma, a quote or a line break (quotes doubled), lines end with CRLF as the RFC and
 * spreadsheets expect. Lists (authors, tags) are joined with "; ".
 */
export const CSV_COLUMNS: readonly (readonly [string, (a: StoredArticle) => string | number | null])[] = [
  ['id', (a) => a.id],
  ['canonical_url', (a) => a.canonicalUrl],
  ['url', (a) => a.article.url],
  ['title', (a) => a.article.title],
  ['published', (a) => a.article.published],
  ['site', (a) => a.site],
  ['site_name', (a) => a.article.siteName],
  ['language', (a) => a.article.language],
  ['authors', (a) => a.article.authors.join('; ')],
  ['section', (a) => a.article.section],
  ['tags', (a) => a.article.tags.join('; ')],
  ['word_count', (a) => a.article.wordCount],
  ['first_seen', (a) => a.firstSeen],
  ['duplicate_group', (a) => a.duplicate?.groupId ?? null],
  ['duplicate_original', (a) => a.duplicate?.originalId ?? null],
  ['text', (a) => a.article.text],
];

export function csvHeader(): string {
  return `${CSV_COLUMNS.map(([name]) => name).join(',')}\r\n`;
}

export function csvRow(article: StoredArticle): string {
  return `${CSV_COLUMNS.map(([, value]) => csvField(value(article))).join(',')}\r\n`;
}

export function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
