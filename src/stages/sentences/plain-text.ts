import type { Article, Block } from '../../model/article.js';
import { freezeDocument, type Document, type StageStamp } from '../../model/document.js';
import type { Annotation } from '../../model/span.js';
import type { BlockData } from '../../model/layers.js';

/** The stamp of documents made from plain text rather than extracted from a page. */
export const PLAIN_TEXT: StageStamp = Object.freeze({ name: 'plain-text', version: '1' });

/**
 * A document over a plain text exactly as given (offsets of every later span are offsets into it):
 * one paragraph block per run of lines between blank lines, leading and trailing whitespace left out
 * of the blocks.
 */
/** One or more blank (or whitespace-only) lines. */
const BLANK_LINES = /\n[^\S\n]*(?:\n[^\S\n]*)+/g;

export function documentFromPlainText(text: string): Document {
  const blockSpans: Annotation<BlockData>[] = [];
  const blocks: Block[] = [];
  const addBlock = (from: number, to: number): void => {
    const raw = text.slice(from, to);
    const start = from + (raw.length - raw.trimStart().length);
    const end = to - (raw.length - raw.trimEnd().length);
    if (end <= start) return;
    blockSpans.push({ start, end, data: { type: 'paragraph' } });
    blocks.push({ type: 'paragraph', text: text.slice(start, end), inlines: [{ text: text.slice(start, end) }] });
  };
  let from = 0;
  for (const separator of text.matchAll(BLANK_LINES)) {
    addBlock(from, separator.index);
    from = separator.index + separator[0].length;
  }
  addBlock(from, text.length);
  const article: Article = {
    title: null, authors: [], published: null, modified: null, language: null, siteName: null, url: null, canonicalUrl: null,
    description: null, image: null, section: null, tags: [], captions: [], blocks, text, markdown: text,
    wordCount: text.split(/\s+/).filter(Boolean).length, provenance: {},
  };
  return freezeDocument({ text, article, layers: { blocks: blockSpans }, messages: [], stages: [PLAIN_TEXT] });
}
