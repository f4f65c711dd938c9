/**
 * Microdata (itemprop) as a metadata source: headline, author (a name or a Person with a name),
 * datePublished / dateModified, publisher, image, articleSection, keywords. Properties inside page
 * chrome (related stories, comments) and inside items that are not the article are ignored.
 */
import type { ItemProp } from './collect.js';
import { elementText } from './element-text.js';

export interface MicrodataValues {
  readonly headline: string | null;
  readonly authors: readonly string[];
  readonly published: string | null;
  readonly modified: string | null;
  readonly publisher: string | null;
  readonly image: string | null;
  readonly section: string | null;
  readonly keywords: readonly string[];
}

/** Item types whose properties describe something else than the article (a comment, a review's product). */
const FOREIGN_SCOPES = new Set(['comment', 'answer', 'question', 'product', 'offer', 'aggregaterating', 'rating', 'breadcrumblist', 'listitem', 'sitenavigationelement', 'wpsidebar', 'wpfooter', 'wpheader', 'imageobject', 'videoobject']);

/** The value of a property as microdata defines it per element. */
export function itemValue(prop: ItemProp): string {
  const { el } = prop;
  const a = el.attribs;
  switch (el.name) {
    case 'meta':
      return (a['content'] ?? '').trim();
    case 'time':
      return (a['datetime'] ?? a['content'] ?? elementText(el, 200)).trim();
    case 'a':
    case 'link':
    case 'area':
      return (a['href'] ?? a['content'] ?? '').trim();
    case 'img':
    case 'source':
    case 'video':
    case 'audio':
      return (a['src'] ?? a['content'] ?? '').trim();
    default:
      return (a['content'] ?? elementText(el, 300)).trim();
  }
}

function textValue(prop: ItemProp): string {
  const { el } = prop;
  if (el.name === 'a' || el.name === 'link') return (el.attribs['content'] ?? elementText(el, 200)).trim();
  return itemValue(prop);
}

/**
 * The item the page's article is: the one holding the first headline or publication date. Authors
 * of other items (cited papers, related stories) are not the article's.
 */
function articleScope(props: readonly ItemProp[]): number | null {
  for (const prop of props) {
    if (prop.chrome) continue;
    if (prop.props.some((p) => p === 'headline' || p === 'datepublished')) return prop.scopeId;
  }
  return null;
}

export function microdataValues(props: readonly ItemProp[]): MicrodataValues {
  const article = articleScope(props);
  // A property belongs to the article when its item is the article, or an author item of it.
  const ofArticle = (prop: ItemProp, viaAuthorItem: boolean): boolean => article === null || (viaAuthorItem ? prop.parentScopeId : prop.scopeId) === article;
  let headline: string | null = null;
  const authors: string[] = [];
  let published: string | null = null;
  let modified: string | null = null;
  let publisher: string | null = null;
  let image: string | null = null;
  let section: string | null = null;
  const keywords: string[] = [];

  for (const prop of props) {
    if (prop.chrome) continue;
    const scope = prop.scopeType;
    const own = prop.el.attribs['itemscope'] !== undefined;
    for (const name of prop.props) {
      if (name === 'name' && (prop.scopeProp === 'author' || prop.scopeProp === 'creator')) {
        const value = textValue(prop);
        if (value && ofArticle(prop, true)) authors.push(value);
        continue;
      }
      if (name === 'name' && prop.scopeProp === 'publisher') {
        publisher ??= textValue(prop) || null;
        continue;
      }
      if (scope && FOREIGN_SCOPES.has(scope)) continue;
      switch (name) {
        case 'headline':
          headline ??= textValue(prop) || null;
          break;
        case 'author':
        case 'creator':
          // An author item names itself through its own itemprop=name (handled above).
          if (!own && ofArticle(prop, false)) {
            const value = textValue(prop);
            if (value) authors.push(value);
          }
          break;
        case 'datepublished':
        case 'datecreated':
          published ??= itemValue(prop) || null;
          break;
        case 'datemodified':
          modified ??= itemValue(prop) || null;
          break;
        case 'image':
        case 'thumbnailurl':
          if (!own) image ??= itemValue(prop) || null;
          break;
        case 'url':
          if (prop.scopeProp === 'image') image ??= itemValue(prop) || null;
          break;
        case 'articlesection':
          section ??= textValue(prop) || null;
          break;
        case 'keywords':
          keywords.push(...textValue(prop).split(/\s*[,;]\s*/).filter(Boolean));
          break;
      }
    }
  }
  return { headline, authors, published, modified, publisher, image, section, keywords };
}
