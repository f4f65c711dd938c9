/**
 * The class and id words that mark metadata in page markup, as data. A class name is cut into words at
 * every non-letter ("post-byline_author" → post, byline, author) and each run of up to three words is
 * looked up ("post-byline", "byline-author", ...), so "entry-title" matches as a pair and "byline" alone.
 * Lookups are table hits, not regular expressions, and a reader caches them per class string: the
 * walk in collect.ts asks for every element, and a page repeats its class strings.
 */

export const HINT = {
  byline: 1,
  authorBox: 2,
  date: 4,
  modified: 8,
  published: 16,
  headline: 32,
  kicker: 64,
  chrome: 128,
  /** Footers: page chrome, except an article's own footer (its byline, date and tags). */
  footer: 256,
} as const;

const TABLE: readonly (readonly [number, readonly string[]])[] = [
  [HINT.byline, [
    'author', 'authors', 'author-name', 'authorname', 'byline', 'bylines', 'by-line', 'byl', 'writer', 'writers', 'autor', 'autoren',
    'autorin', 'verfasser', 'auteur', 'auteurs', 'autore', 'creator', 'vcard', 'fn', 'contributor', 'contributors', 'reporter',
    'posted-by', 'postedby', 'signature', 'username', 'submitted',
  ]],
  // Author-bio boxes: they name the author too, but hold other text; bylines win over them.
  [HINT.authorBox, ['author-bio', 'authorbio', 'author-box', 'authorbox', 'about-author', 'author-info', 'author-description', 'bio', 'biography']],
  [HINT.date, [
    'date', 'dates', 'time', 'datetime', 'timestamp', 'time-stamp', 'pubdate', 'published', 'publish', 'publishdate', 'posted',
    'postdate', 'dateline', 'datum', 'fecha', 'data', 'meta', 'byline', 'info', 'submitted', 'created', 'updated',
  ]],
  [HINT.modified, ['updated', 'update', 'modified', 'last-modified', 'lastmodified', 'aktualisiert', 'edited', 'revised', 'changed', 'actualizado', 'mis-a-jour']],
  [HINT.published, ['published', 'publish', 'publishdate', 'pubdate', 'posted', 'posted-on', 'created', 'issued', 'entry-date', 'release', 'released', 'erschienen']],
  [HINT.headline, [
    'headline', 'entry-title', 'post-title', 'article-title', 'story-title', 'news-title', 'title-article', 'articletitle',
    'article-headline', 'article-header-title', 'page-title', 'single-title', 'post-headline', 'posttitle', 'entrytitle',
  ]],
  // Parts of a headline that are not the headline: kickers, visually hidden separators.
  [HINT.kicker, [
    'kicker', 'dachzeile', 'overline', 'topline', 'roofline', 'eyebrow', 'supertitle', 'superheadline', 'over-title', 'overtitle',
    'pre-title', 'pretitle', 'spitzmarke', 'rubric', 'sr-only', 'visually-hidden', 'visuallyhidden', 'screen-reader-text',
  ]],
  // Page regions whose bylines, dates and headings are not the article's (comments, teasers, menus).
  [HINT.chrome, [
    'comment', 'comments', 'commentlist', 'sidebar', 'side-bar', 'related', 'nav', 'navbar',
    'navigation', 'menu', 'breadcrumb', 'breadcrumbs', 'share', 'sharing', 'social', 'newsletter', 'promo', 'teaser', 'teasers',
    'recommended', 'recommendations', 'popular', 'most-read', 'mostread', 'more-stories', 'disqus', 'respond', 'reply', 'replies',
    'trending', 'cookie', 'consent', 'modal', 'advert', 'ad-slot', 'read-more', 'readmore', 'next-post', 'prev-post', 'post-navigation',
  ]],
  [HINT.footer, ['footer', 'site-footer', 'page-footer']],
];

/**
 * Words that make a class name describe the layout or a state rather than a region: "has-sidebar",
 * "content-sidebar-wrap", "footer-on-bottom", "showing-comments" sit on the page's main containers.
 * A class name with one of them never marks chrome.
 */
const LAYOUT_WORDS: ReadonlySet<string> = new Set([
  'content', 'wrap', 'wrapper', 'container', 'layout', 'has', 'with', 'no', 'page', 'site', 'body', 'main', 'inner', 'outer',
  'template', 'style', 'mode', 'active', 'enabled', 'disabled', 'visible', 'hide', 'hidden', 'show', 'showing', 'on', 'off',
  'position', 'pos', 'slide', 'align', 'aligned', 'full', 'width', 'left', 'right', 'top', 'bottom', 'sticky', 'fixed', 'open',
  'closed', 'is', 'single', 'type', 'design', 'columns', 'col', 'grid',
]);

const FLAGS = new Map<string, number>();
for (const [flag, words] of TABLE) for (const word of words) FLAGS.set(word, (FLAGS.get(word) ?? 0) | flag);
/** Words that begin a several-word entry ("entry" of "entry-title"): only after them are runs built. */
const RUN_STARTS: ReadonlySet<string> = new Set([...FLAGS.keys()].filter((k) => k.includes('-')).map((k) => k.split('-')[0]!));

/** An entry can only match where its longest part does ("screen-reader-text" needs "screen"). */
function longestPart(entry: string): string {
  return entry.split('-').reduce((a, b) => (b.length > a.length ? b : a));
}

/**
 * Every word of the table as a substring, to rule out most class strings ("text-lg font-bold") with one
 * search before cutting them into words.
 */
const ANY_WORD = new RegExp([...new Set(TABLE.flatMap(([, words]) => words.map(longestPart)))].join('|'), 'i');

/** Elements whose whole subtree is page chrome by their tag. */
export const CHROME_TAGS: ReadonlySet<string> = new Set(['nav', 'aside', 'form', 'noscript', 'menu']);

/** Longest run of words looked up as one entry. */
const MAX_RUN = 3;
/** Distinct class strings remembered by one reader; a page has a few hundred. */
const CACHE_LIMIT = 5000;

/** The HINT flags of class/id strings, cached for the life of the reader (one page). */
export class HintReader {
  private readonly cache = new Map<string, number>();

  /** The flags of one `class` or `id` value (any case). */
  flags(value: string | undefined): number {
    if (!value) return 0;
    const cached = this.cache.get(value);
    if (cached !== undefined) return cached;
    const flags = ANY_WORD.test(value) ? computeFlags(value) : 0;
    if (this.cache.size < CACHE_LIMIT) this.cache.set(value, flags);
    return flags;
  }
}

/** The HINT flags of a class/id string (any case; "itemPostDate" reads as item, post, date). */
export function computeFlags(hints: string): number {
  let flags = 0;
  const words: string[] = [];
  let start = -1;
  let previousLower = false;
  let hasUpper = false;
  // One pass over the characters: letters make words, other characters end them, a capital after a
  // small letter starts a new word, and whitespace also ends the class name (runs never join words
  // of two class names).
  for (let i = 0; i <= hints.length; i++) {
    const code = i < hints.length ? hints.charCodeAt(i) : 32;
    const lower = code >= 97 && code <= 122;
    const upper = code >= 65 && code <= 90;
    if (upper && previousLower && start >= 0) {
      words.push(hints.slice(start, i).toLowerCase());
      start = i;
    }
    previousLower = lower;
    if (lower || upper) {
      if (start < 0) start = i;
      if (upper) hasUpper = true;
      continue;
    }
    if (start >= 0) {
      const word = hints.slice(start, i);
      words.push(hasUpper ? word.toLowerCase() : word);
      start = -1;
      hasUpper = false;
    }
    if (code === 32 || code === 9 || code === 10 || code === 13 || i === hints.length) {
      flags |= runFlags(words);
      words.length = 0;
    }
  }
  return flags;
}

function runFlags(words: readonly string[]): number {
  let flags = 0;
  let layout = false;
  for (let i = 0; i < words.length; i++) {
    let run = words[i]!;
    flags |= FLAGS.get(run) ?? 0;
    if (RUN_STARTS.has(run)) {
      for (let j = i + 1; j < Math.min(words.length, i + MAX_RUN); j++) {
        run += `-${words[j]}`;
        flags |= FLAGS.get(run) ?? 0;
      }
    }
    if (LAYOUT_WORDS.has(words[i]!)) layout = true;
  }
  return layout ? flags & ~(HINT.chrome | HINT.footer) : flags;
}

/** The `class` and `id` of an element as one string, '' when it has neither. */
export function hintsOf(attribs: Readonly<Record<string, string>>): string {
  const cls = attribs['class'];
  const id = attribs['id'];
  if (!cls && !id) return '';
  return cls && id ? `${cls} ${id}` : (cls ?? id ?? '');
}
