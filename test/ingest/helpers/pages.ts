/**
 * Generated news pages for the ingest tests: deterministic (a seeded generator), each story different
 * from every other in its 4-word runs, so the only copies in a test are the ones it makes on purpose.
 */

const VOCABULARY = (
  'council harbour ferry budget river bridge school hospital station market festival library museum stadium tunnel airport ' +
  'mayor minister director chairman inspector engineer teacher farmer driver nurse pilot union committee board agency court ' +
  'approved rejected delayed announced reported warned promised reviewed opened closed extended reduced doubled expected planned ' +
  'morning evening weekend spring summer autumn winter january march october tuesday friday yesterday tonight ' +
  'new old local regional national northern southern eastern western small large public private annual final early late ' +
  'plan vote report study survey contract project proposal decision request complaint investigation agreement dispute ' +
  'residents workers visitors officials parents students drivers passengers owners tenants volunteers neighbours ' +
  'road lane square park pier quay yard depot terminal ward district village county valley coast island hill ' +
  'cost price fee tax grant loan fund payment salary rent fare rate share total number figure percent million'
).split(' ');

/** Mulberry32: a small, fast, seeded PRNG. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A story of `count` paragraphs of 3-4 sentences, the same for the same seed. */
export function storyParagraphs(seed: number, count = 5): string[] {
  const next = random(seed * 7919 + 17);
  const word = (): string => VOCABULARY[Math.floor(next() * VOCABULARY.length)]!;
  const sentence = (): string => {
    const words = Array.from({ length: 12 + Math.floor(next() * 8) }, word);
    return `${words[0]!.charAt(0).toUpperCase()}${words[0]!.slice(1)} ${words.slice(1).join(' ')}.`;
  };
  return Array.from({ length: count }, () => Array.from({ length: 3 + Math.floor(next() * 2) }, sentence).join(' '));
}

export interface PageSpec {
  readonly title: string;
  readonly paragraphs: readonly string[];
  readonly canonical?: string;
  readonly published?: string;
  readonly byline?: string;
}

export function pageHtml(spec: PageSpec): string {
  const head = [
    '<meta charset="utf-8">',
    `<title>${spec.title} | The Test Gazette</title>`,
    spec.canonical ? `<link rel="canonical" href="${spec.canonical}">` : '',
    spec.published ? `<meta property="article:published_time" content="${spec.published}">` : '',
  ].join('');
  const byline = spec.byline ? `<p class="byline">${spec.byline}</p>` : '';
  const body = spec.paragraphs.map((p) => `<p>${p}</p>`).join('\n');
  return `<!doctype html><html lang="en"><head>${head}</head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav><article><h1>${spec.title}</h1>${byline}${body}</article><footer>© The Test Gazette</footer></body></html>`;
}

/** A generated story page: title and body from the seed. */
export function storyPage(seed: number, extra: Partial<PageSpec> = {}): string {
  return pageHtml({ title: `Story number ${seed} of the day`, paragraphs: storyParagraphs(seed), ...extra });
}
