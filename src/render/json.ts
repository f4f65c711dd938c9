import type { Article, Caption, FieldProvenance, MetadataField } from '../model/article.js';

/**
 * The article as Parley's public JSON: these fields, in this order, and nothing else (`blocks` stays
 * internal; `markdown` carries the structure). Later stages, the store and user scripts rely on it.
 */
export interface ArticleJSON {
  title: string | null;
  authors: string[];
  published: string | null;
  modified: string | null;
  language: string | null;
  siteName: string | null;
  url: string | null;
  canonicalUrl: string | null;
  description: string | null;
  image: string | null;
  section: string | null;
  tags: string[];
  captions: Caption[];
  text: string;
  markdown: string;
  wordCount: number;
  provenance: Partial<Record<MetadataField, FieldProvenance>>;
}

/** The public field names in contract order. */
export const ARTICLE_JSON_FIELDS: readonly (keyof ArticleJSON)[] = [
  'title',
  'authors',
  'published',
  'modified',
  'language',
  'siteName',
  'url',
  'canonicalUrl',
  'description',
  'image',
  'section',
  'tags',
  'captions',
  'text',
  'markdown',
  'wordCount',
  'provenance',
];

/** Builds a fresh object (never the article itself) so key order is the contract's whatever the input's. */
export function articleToJSON(article: Article): ArticleJSON {
  return {
    title: article.title,
    authors: [...article.authors],
    published: article.published,
    modified: article.modified,
    language: article.language,
    siteName: article.siteName,
    url: article.url,
    canonicalUrl: article.canonicalUrl,
    description: article.description,
    image: article.image,
    section: article.section,
    tags: [...article.tags],
    captions: article.captions.map(captionToJSON),
    text: article.text,
    markdown: article.markdown,
    wordCount: article.wordCount,
    provenance: provenanceInFieldOrder(article.provenance),
  };
}

function captionToJSON(caption: Caption): Caption {
  const out: { text: string; image?: string; credit?: string } = { text: caption.text };
  if (caption.image) out.image = caption.image;
  if (caption.credit) out.credit = caption.credit;
  return out;
}

function provenanceInFieldOrder(provenance: Article['provenance']): ArticleJSON['provenance'] {
  const out: ArticleJSON['provenance'] = {};
  for (const field of ARTICLE_JSON_FIELDS) {
    const entry = provenance[field as MetadataField];
    if (entry) out[field as MetadataField] = { source: entry.source, confidence: entry.confidence };
  }
  return out;
}
