/**
 * Hostile and degenerate inputs for the robustness tests, built in code (they are too large, too
 * deep or too binary to keep as files): binary formats, huge and deeply nested pages, pages that have
 * no article at all.
 */

/** A real-sounding article paragraph: the text every "the article survives" test looks for. */
export const PARAGRAPH =
  'The council voted on Tuesday to approve the plan, which will add protected bike lanes on four of the busiest streets in the city over the next three years.';

/** A small but complete article page around `PARAGRAPH`. */
export function articlePage(extraBody = ''): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Council approves bike lanes</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Council approves bike lanes</h1><p>${PARAGRAPH}</p>
<p>Supporters said the lanes would make cycling safer for children and older residents, while several shop owners worried about losing parking spaces in front of their stores.</p>
${extraBody}</article>
<footer>© Example Gazette</footer></body></html>`;
}

const ascii = (text: string): number[] => [...text].map((ch) => ch.charCodeAt(0));

/** First bytes of common binary formats (each holds a NUL within its first bytes, except PDF). */
export const BINARY_HEADERS: Readonly<Record<string, readonly number[]>> = {
  png: [0x89, ...ascii('PNG\r\n\x1a\n'), 0, 0, 0, 0x0d, ...ascii('IHDR'), 0, 0, 0x01, 0, 0, 0, 0x01, 0, 0x08, 0x06, 0, 0, 0],
  jpeg: [0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, ...ascii('JFIF'), 0x00, 0x01, 0x01, 0x00, 0x00, 0x48, 0x00, 0x48, 0x00, 0x00],
  gif: [...ascii('GIF89a'), 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x21, 0xf9, 0x04],
  gzip: [0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0xed, 0xbd, 0x07, 0x60, 0x1c, 0x49],
  zip: [...ascii('PK\x03\x04'), 0x14, 0x00, 0x00, 0x00, 0x08, 0x00, 0x21, 0x62, 0x5a, 0x57],
};

/**
 * The head of a real-shaped PDF: its first kilobytes are 7-bit text (objects, a text stream with an
 * English sentence, a hex-string title that starts with "<F"), with no NUL byte; the binary part
 * (compressed streams, xref) comes later. Sniffing by NUL bytes alone does not catch it.
 */
export function pdfBytes(): Uint8Array {
  const head = [
    '%PDF-1.7',
    '%\u00e2\u00e3\u00cf\u00d3',
    '1 0 obj',
    '<</Type/Catalog/Pages 2 0 R/Lang(en-US)/Metadata 6 0 R>>',
    'endobj',
    '2 0 obj',
    '<</Type/Pages/Kids[3 0 R]/Count 1>>',
    'endobj',
    '3 0 obj',
    '<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Resources<</Font<</F1 5 0 R>>>>/Contents 4 0 R>>',
    'endobj',
    '4 0 obj',
    '<</Length 230>>',
    'stream',
    `BT /F1 12 Tf 72 712 Td (${PARAGRAPH}) Tj ET`,
    'endstream',
    'endobj',
    '5 0 obj',
    '<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>',
    'endobj',
    '7 0 obj',
    '<</Title <FEFF0043006F0075006E00630069006C00200070006C0061006E> /Author (Jane Roe) /Producer (Example PDF Library 2.1)>>',
    'endobj',
    '',
  ].join('\n');
  const tail = [0x36, 0x20, 0x30, 0x20, 0x6f, 0x62, 0x6a, 0x0a, 0x78, 0x9c, 0x00, 0x8d, 0xf3, 0x00, 0x12, 0xfe, 0x00];
  return Uint8Array.from([...head].map((ch) => ch.charCodeAt(0)).concat(tail));
}

/** A page of about `bytes` bytes: one article whose body is `PARAGRAPH`-sized paragraphs. */
export function hugePage(bytes: number): string {
  const unit = `<p>${PARAGRAPH}</p>\n`;
  return articlePage(unit.repeat(Math.ceil(bytes / unit.length)));
}

/** `depth` nested `open` tags around the article paragraph, closed or not. */
export function deeplyNested(depth: number, open: string, close: string | null): string {
  const body = `${open.repeat(depth)}<p>${PARAGRAPH}</p>${close === null ? '' : close.repeat(depth)}`;
  return `<!DOCTYPE html><html><head><title>Deep</title></head><body>${body}</body></html>`;
}

/** Pages that are HTML but hold no article: each must come back as a typed rejection with a reason. */
export const NO_ARTICLE_PAGES: Readonly<Record<string, string>> = {
  'an empty app shell filled by scripts': `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Example News</title>
<script src="/static/js/main.4f1b2c.js"></script><link rel="stylesheet" href="/static/css/main.css"></head>
<body><noscript>You need to enable JavaScript to run this app.</noscript><div id="root"></div></body></html>`,
  'a section front of headline links': `<!doctype html><html><head><title>World news</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a></nav><main><h1>World</h1><ul>
${Array.from({ length: 40 }, (_, i) => `<li><a href="/world/story-${i}">Ministers meet to discuss trade, energy and security at regional summit, part ${i}</a></li>`).join('\n')}
</ul></main><footer><a href="/about">About</a> <a href="/privacy">Privacy</a></footer></body></html>`,
  'a login form': `<!doctype html><html><head><title>Sign in</title></head><body><header><a href="/">Example News</a></header>
<main><h1>Sign in</h1><form action="/login" method="post"><label for="e">Email</label><input id="e" type="email">
<label for="p">Password</label><input id="p" type="password"><button>Sign in</button></form>
<p><a href="/forgot">Forgot your password?</a></p></main></body></html>`,
  'an image gallery without text': `<!doctype html><html><head><title>Gallery</title></head><body><main>
${Array.from({ length: 30 }, (_, i) => `<figure><img src="/img/${i}.jpg" alt="Photo ${i}"></figure>`).join('')}
</main></body></html>`,
  'a frameset': `<!DOCTYPE html PUBLIC "-//W3C//DTD HTML 4.01 Frameset//EN"><html><head><title>Archive</title></head>
<frameset cols="20%,80%"><frame src="menu.html"><frame src="main.html"></frameset></html>`,
};
