/**
 * fast-check generators of hostile markup: tag soup biased towards the elements, attributes and
 * tokens extraction looks at (so random input reaches its branches instead of bouncing off as plain
 * text), markup-only soup with no text at all, and JSON-LD of any shape.
 */
import fc from 'fast-check';

const TAGS = [
  'html', 'head', 'body', 'div', 'p', 'span', 'a', 'article', 'main', 'section', 'nav', 'header', 'footer', 'aside',
  'h1', 'h2', 'h3', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'table', 'caption', 'tr', 'td', 'th', 'tbody', 'blockquote',
  'pre', 'code', 'figure', 'figcaption', 'picture', 'source', 'img', 'br', 'hr', 'script', 'style', 'template', 'svg',
  'math', 'noscript', 'iframe', 'textarea', 'select', 'option', 'meta', 'link', 'time', 'b', 'i', 'em', 'strong',
  'form', 'button', 'input', 'video', 'frameset', 'frame', 'x-custom', 'o:p',
];

/** Elements whose content htmlparser2 reads as raw text: markup inside them becomes text. */
const RAW_TEXT_TAGS = new Set(['title', 'textarea', 'xmp', 'plaintext', 'noembed', 'noframes', 'iframe']);

const ATTRIBUTES = [
  'class', 'id', 'role', 'itemprop', 'itemscope', 'itemtype', 'hidden', 'style', 'href', 'src', 'srcset', 'data-src',
  'lang', 'datetime', 'content', 'property', 'name', 'type', 'aria-hidden', 'charset', 'http-equiv', 'rel',
];

const attributeValue = fc.oneof(
  fc.constantFrom(
    'article', 'article-body content', 'nav menu', 'share comments', 'main', 'application/ld+json', 'display:none',
    'true', 'og:title', 'article:published_time', 'author', 'datePublished', 'articleBody', '2020-02-30T25:61:00+99:00',
    'caption credit', 'wp-caption-text', 'text/html; charset=gbk', 'shift_jis', 'x-unknown-charset', 'canonical',
    'javascript:alert(1)', '//cdn.example.com/a.jpg 1x, /b.jpg 2x', '',
  ),
  fc.string({ maxLength: 24 }),
);

const quoted = (value: string): string => `"${value.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`;

function openTagOf(tags: readonly string[]): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...tags), fc.array(fc.tuple(fc.constantFrom(...ATTRIBUTES), attributeValue), { maxLength: 3 }), fc.boolean())
    .map(([tag, attrs, selfClosing]) => `<${tag}${attrs.map(([n, v]) => ` ${n}=${quoted(v)}`).join('')}${selfClosing ? ' /' : ''}>`);
}

const closeTag = fc.constantFrom(...TAGS).map((tag) => `</${tag}>`);

const markupNoise = fc.constantFrom(
  '<!--', '-->', '<!DOCTYPE html>', '<![CDATA[', ']]>', '<?xml version="1.0"?>', '</', '<', '>', '/>', '&', '&amp;',
  '&#0;', '&#xD800;', '&#x110000;', '&nbsp;', '&#99999999999;', '&notanentity;', '"', "'", '=', '\u0000', '\ufeff',
  '<script type="application/ld+json">{"@type":"NewsArticle","headline":', '</script>', '<title>', '</title>',
);

const WORDS = [
  'The', 'council', 'voted', 'on', 'Tuesday', 'to', 'approve', 'the', 'plan.', 'By', 'Jane', 'Roe', 'Updated',
  'Share', 'Comments', 'Le', 'conseil', 'a', 'voté.', 'Der', 'Rat', 'stimmte', 'zu.', '市议会', '周二', '投票', '通过',
  '計画', 'を', '承認', 'した。', 'مجلس', 'المدينة', '«', '»', '—', ',', '.', '\u200b', '\u202e', '🙂',
];

const prose = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 40 }).map((words) => words.join(' '));

/** Random tag soup: tags, attributes, entities, stray markup characters and prose in any order. */
export const tagSoup: fc.Arbitrary<string> = fc
  .array(fc.oneof(openTagOf([...TAGS, 'title']), closeTag, markupNoise, prose, fc.string({ maxLength: 12 })), { maxLength: 120 })
  .map((parts) => parts.join(''));

/**
 * Markup with no text anywhere: tags with attributes, doctypes and closed comments only. No raw-text
 * elements (inside them, the following tags would be text).
 */
export const markupOnlySoup: fc.Arbitrary<string> = fc
  .array(fc.oneof(openTagOf(TAGS.filter((t) => !RAW_TEXT_TAGS.has(t))), closeTag, fc.constantFrom('<!DOCTYPE html>', '<!-- note -->')), { maxLength: 80 })
  .map((parts) => parts.join(''));

const JSON_LD_KEYS = [
  '@context', '@type', '@graph', '@id', '@value', '@list', 'headline', 'name', 'alternativeHeadline', 'author', 'creator',
  'datePublished', 'dateModified', 'dateCreated', 'publisher', 'image', 'thumbnailUrl', 'url', 'inLanguage',
  'articleSection', 'keywords', 'mainEntityOfPage', 'description', 'itemListElement', 'isPartOf', 'sameAs', 'logo',
];

const jsonLdLeaf = fc.oneof(
  fc.constantFrom(
    'NewsArticle', 'Article', 'BlogPosting', 'LiveBlogPosting', 'Person', 'Organization', 'WebPage', 'ImageObject',
    'https://schema.org', '2021-11-03T08:15:00-04:00', '2021-02-30T25:61:00+99:00', '0000-00-00', 'yesterday',
    '1635941700', 'By Jane Roe and John Doe, Staff Writers', 'https://example.com/a.jpg', '/relative/b.png', '',
    '   ', 'en-US', 'xx-invalid', '</script><p>escaped</p>',
  ),
  fc.string({ maxLength: 30 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);

/** Any JSON value, shaped like JSON-LD often enough to reach the metadata readers. */
export const jsonLdValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    jsonLdLeaf,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom(...JSON_LD_KEYS), tie('value'), { maxKeys: 6 }),
  ),
})).value;

/** Byte sequences that are never valid UTF-8: stray continuation bytes, overlongs, surrogates, truncations. */
export const invalidUtf8: fc.Arbitrary<readonly number[]> = fc.constantFrom(
  [0x80], [0xbf], [0xc0, 0xaf], [0xc1, 0x81], [0xe0, 0x80, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80],
  [0xf8, 0x88, 0x80, 0x80, 0x80], [0xfe], [0xff], [0xe2, 0x82], [0xf0, 0x9f, 0x98],
);
