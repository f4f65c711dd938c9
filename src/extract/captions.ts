import type { Element, ParentNode } from 'domhandler';
import type { Caption } from '../model/article.js';
import { attributeTokens } from './chrome.js';
import { findAll, findFirst, isElement, rawText, walk } from './dom.js';
import { CAPTION_CREDITS, CAPTION_TOKENS, CREDIT_TOKENS } from './rules.js';
import { collapseWhitespace } from './text.js';
import { resolveUrl } from './url.js';

/**
 * Figure and photo captions, kept apart from the body: `<figure>` with `<figcaption>`, and elements whose
 * class or id names them a caption (WordPress's `wp-caption-text` and the like). The credit is split off
 * when it is marked up (class credit/copyright) or written as "Photo: ...", "(AP Photo/...)", "© ...".
 */
export function extractCaptions(scope: ParentNode, baseUrl: string | null, chrome: ReadonlySet<Element> = new Set()): Caption[] {
  const captions: Caption[] = [];
  const seen = new Set<string>();
  const add = (caption: Caption | null): void => {
    if (!caption || seen.has(caption.text)) return;
    seen.add(caption.text);
    captions.push(caption);
  };
  const covered = new Set<Element>();
  // Figures in chrome (the thumbnails of a related-stories box) are not the article's.
  const inChrome = (el: Element): boolean => ancestorsUntil(el, scope).some((a) => chrome.has(a));
  for (const figure of findAll(scope, (el) => el.name === 'figure' && !inChrome(el))) {
    const captionEl = findFirst(figure, (el) => el.name === 'figcaption') ?? findFirst(figure, (el) => hasToken(el, CAPTION_TOKENS));
    if (!captionEl) continue;
    covered.add(captionEl);
    add(readCaption(captionEl, figure, baseUrl));
  }
  for (const el of findAll(scope, (e) => e.name !== 'figcaption' && e.name !== 'figure' && hasToken(e, CAPTION_TOKENS))) {
    if (covered.has(el) || insideAny(el, covered) || inChrome(el)) continue;
    covered.add(el);
    add(readCaption(el, el.parent && isElement(el.parent) ? el.parent : null, baseUrl));
  }
  return captions;
}

function readCaption(captionEl: Element, figure: Element | null, baseUrl: string | null): Caption | null {
  let creditText = '';
  let text = '';
  walk(captionEl, (node) => {
    if (isElement(node) && hasToken(node, CREDIT_TOKENS)) {
      creditText += ` ${rawText(node)}`;
      return false;
    }
    if (!isElement(node) && 'data' in node && typeof node.data === 'string') text += node.data;
    return true;
  });
  text = collapseWhitespace(text);
  let credit = collapseWhitespace(creditText) || undefined;
  if (!credit && figure) {
    const creditEl = findFirst(figure, (el) => el !== captionEl && hasToken(el, CREDIT_TOKENS));
    if (creditEl) credit = collapseWhitespace(rawText(creditEl)) || undefined;
  }
  for (const pattern of credit ? [] : CAPTION_CREDITS) {
    const match = pattern.exec(text);
    if (match && match.index > 0) {
      credit = match[1]!.trim();
      text = text.slice(0, match.index).trim();
      break;
    }
  }
  if (!text) return null;
  const image = figure ? imageUrl(figure, baseUrl) : null;
  const caption: { text: string; image?: string; credit?: string } = { text };
  if (image) caption.image = image;
  if (credit) caption.credit = credit;
  return caption;
}

function imageUrl(scope: Element, baseUrl: string | null): string | null {
  const img = findFirst(scope, (el) => el.name === 'img' || el.name === 'source');
  if (!img) return null;
  const { attribs } = img;
  const candidates = [attribs['data-src'], attribs['data-lazy-src'], attribs['data-original'], attribs['src'], firstSrcset(attribs['srcset'] ?? attribs['data-srcset'])];
  for (const candidate of candidates) {
    const url = resolveUrl(candidate, baseUrl);
    if (url) return url;
  }
  return null;
}

function firstSrcset(srcset: string | undefined): string | undefined {
  return srcset?.split(',')[0]?.trim().split(/\s+/)[0];
}

function hasToken(el: Element, tokens: ReadonlySet<string>): boolean {
  return attributeTokens(el).all.some((t) => tokens.has(t));
}

/** The element's ancestors below `scope` (not the element itself, not the scope). */
function ancestorsUntil(el: Element, scope: ParentNode): Element[] {
  const out: Element[] = [];
  for (let p = el.parent; p && p !== scope && isElement(p); p = p.parent) out.push(p);
  return out;
}

function insideAny(el: Element, set: ReadonlySet<Element>): boolean {
  for (let p = el.parent; p && isElement(p); p = p.parent) if (set.has(p)) return true;
  return false;
}
