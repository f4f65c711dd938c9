/**
 * The article that extraction produces from one page: the body as structured blocks and as plain text,
 * the captions kept apart from the body, and metadata where every field says where it came from.
 * The JSON field names are a public contract (later stages, the store and user scripts rely on them).
 */

/** Where a metadata field was found. */
export type ProvenanceSource =
  | 'json-ld'
  | 'opengraph'
  | 'twitter'
  | 'meta'
  | 'microdata'
  | 'html'
  | 'url'
  | 'text'
  | 'http'
  | 'detected'
  | 'input';

export interface FieldProvenance {
  readonly source: ProvenanceSource;
  /** 0..1: how sure extraction is that the value is right. */
  readonly confidence: number;
}

export interface Caption {
  readonly text: string;
  readonly image?: string;
  readonly credit?: string;
}

/** A run of inline text, with the formatting Markdown and HTML output keep. */
export interface Inline {
  readonly text: string;
  readonly href?: string;
  readonly strong?: boolean;
  readonly em?: boolean;
  readonly code?: boolean;
}

export type BlockType = 'heading' | 'paragraph' | 'quote' | 'list' | 'table' | 'code';

export interface ListItem {
  readonly text: string;
  readonly inlines: readonly Inline[];
  /** 0 for a top-level item, 1 for an item of a nested list, ... */
  readonly depth: number;
}

export interface TableRow {
  readonly cells: readonly string[];
  readonly header: boolean;
}

interface BlockBase {
  /** The block as plain text (list items one per line, table cells tab-separated, rows one per line). */
  readonly text: string;
}

export type Block =
  | (BlockBase & { readonly type: 'heading'; readonly level: number; readonly inlines: readonly Inline[] })
  | (BlockBase & { readonly type: 'paragraph' | 'quote'; readonly inlines: readonly Inline[] })
  | (BlockBase & { readonly type: 'list'; readonly ordered: boolean; readonly items: readonly ListItem[] })
  | (BlockBase & { readonly type: 'table'; readonly rows: readonly TableRow[] })
  | (BlockBase & { readonly type: 'code'; readonly language?: string });

/** The metadata fields, each of which may carry provenance. */
export interface ArticleMetadata {
  readonly title: string | null;
  readonly authors: readonly string[];
  /** ISO 8601 date-time (with offset when known) or date. */
  readonly published: string | null;
  readonly modified: string | null;
  /** ISO 639-1 code. */
  readonly language: string | null;
  readonly siteName: string | null;
  /** The page's URL as given to extraction. */
  readonly url: string | null;
  readonly canonicalUrl: string | null;
  readonly description: string | null;
  readonly image: string | null;
  readonly section: string | null;
  readonly tags: readonly string[];
}

export type MetadataField = keyof ArticleMetadata;

export interface Article extends ArticleMetadata {
  readonly captions: readonly Caption[];
  readonly blocks: readonly Block[];
  /** The body as plain text, blocks separated by one blank line. */
  readonly text: string;
  readonly markdown: string;
  readonly wordCount: number;
  readonly provenance: Readonly<Partial<Record<MetadataField, FieldProvenance>>>;
}

/** Why a page yields no article. The reason is kept, stored and counted. */
export type RejectionCode =
  | 'EMPTY_INPUT'
  | 'BINARY_CONTENT'
  | 'TOO_LARGE'
  /** Over a structure limit (elements, nesting): no news page is built that way. */
  | 'TOO_COMPLEX'
  | 'NOT_HTML'
  | 'NO_CONTENT'
  | 'TIMEOUT';

export interface Rejection {
  readonly code: RejectionCode;
  /** A sentence a person can act on. */
  readonly reason: string;
}

export type ExtractResult =
  | { readonly ok: true; readonly article: Article }
  | { readonly ok: false; readonly rejection: Rejection };

/** Blocks are separated by one blank line in `text`. */
export const BLOCK_SEPARATOR = '\n\n';

export function blocksToText(blocks: readonly Block[]): string {
  return blocks.map((b) => b.text).join(BLOCK_SEPARATOR);
}
