/**
 * The headline. Pages say it several times: JSON-LD, Open Graph, Twitter, `<title>` (usually with the
 * site name: "Headline | Site", "Site - Headline"), and the visible `<h1>` (sometimes with a kicker).
 * The visible heading that the metadata confirms is the headline as readers see it; when no heading
 * agrees with the metadata, the most trusted metadata title is used, without its site-name part.
 */
import type { Candidate, Resolved } from './candidates.js';
import { clampConfidence, comparable } from './candidates.js';
import type { Heading } from './collect.js';
import { elementText, hasKicker, textPieces } from './element-text.js';
import type { SiteIdentity } from './site-identity.js';

/** Separators between a headline and a site name or section in `<title>` and og:title. */
const SEPARATOR = /\s+[|\-–—·•»›~/:]{1,2}\s+|\s*[|｜¦]\s*|\s+_\s*|(?<=[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}])_|\s+::\s+/u;
/** Titles that name no article ("Home", "Startseite"): never the headline. */
const GENERIC_TITLES = new Set(['home', 'homepage', 'home page', 'startseite', 'accueil', 'inicio', 'index', 'untitled', 'news', 'blog', 'welcome', 'willkommen', 'page not found', '404']);
/** Metadata titles longer than this are not titles. */
const MAX_TITLE_LENGTH = 1000;
/** Headings longer than this are paragraphs in heading markup, not headlines. */
const MAX_HEADLINE_LENGTH = 300;
/** A heading is taken as the headline when it matches a metadata title at least this well (0..1). */
const MIN_HEADING_MATCH = 0.6;

export interface TitleInput {
  /** Titles from structured sources (JSON-LD, Open Graph, Twitter, meta, microdata). */
  readonly metaTitles: readonly Candidate[];
  readonly titleTag: string | null;
  readonly headings: readonly Heading[];
  /** The names the site goes by, for removing them from titles. */
  readonly site: SiteIdentity;
}

function splitTitle(title: string): string[] {
  return title.split(SEPARATOR).map((s) => s.trim()).filter(Boolean);
}

/**
 * A title without its site-name part. Known site names and domains go first; when none is found, a
 * two-part title keeps its first part unless that part is much shorter (then it was "Site - Headline"),
 * and a longer chain keeps its longest part.
 */
export function stripSiteName(title: string, site: SiteIdentity): string {
  return stripTitle(title, site).text;
}

/** The stripped title, and whether a part was removed because it is known to be the site's name. */
function stripTitle(title: string, site: SiteIdentity): { text: string; known: boolean } {
  const segments = splitTitle(title);
  if (segments.length < 2) return { text: title.trim(), known: false };
  const kept = [...segments];
  while (kept.length > 1 && site.isSite(kept[kept.length - 1]!)) kept.pop();
  while (kept.length > 1 && site.isSite(kept[0]!)) kept.shift();
  if (kept.length < segments.length) return { text: joinSegments(title, kept), known: true };
  if (kept.length === 2) {
    const [first, last] = kept as [string, string];
    return { text: first.length * 3 < last.length && first.split(/\s+/).length <= 3 ? last : first, known: false };
  }
  return { text: kept.reduce((a, b) => (b.length > a.length ? b : a)), known: false };
}

/** The kept segments as they were written in the title (separators between them included). */
function joinSegments(title: string, kept: readonly string[]): string {
  const start = title.indexOf(kept[0]!);
  const lastSegment = kept[kept.length - 1]!;
  const end = title.indexOf(lastSegment, start) + lastSegment.length;
  return start >= 0 && end > start ? title.slice(start, end).trim() : kept.join(' ');
}

/** A metadata title in the forms headings are compared with, computed once. */
interface TitleForms {
  /** The title as written, and without its site name. */
  readonly raw: string;
  readonly text: string;
  /** Whether the removed part is known to be the site's name (not only guessed from its place). */
  readonly knownSite: boolean;
  readonly full: string;
  readonly stripped: string;
  readonly tokens: ReadonlyMap<string, number>;
  readonly tokenCount: number;
}

function titleForms(title: string, stripped: string, knownSite: boolean): TitleForms {
  const words = comparable(stripped).split(' ').filter(Boolean);
  const counts = new Map<string, number>();
  for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
  return {
    raw: title,
    text: stripped,
    knownSite,
    full: comparable(title),
    stripped: comparable(stripped),
    tokens: counts,
    tokenCount: words.length,
  };
}

/** Token F1 between a heading and a title's stripped form (0..1). */
function overlap(words: readonly string[], title: TitleForms): number {
  if (!words.length || !title.tokenCount) return 0;
  const counts = new Map(title.tokens);
  let common = 0;
  for (const w of words) {
    const n = counts.get(w);
    if (n) {
      common++;
      counts.set(w, n - 1);
    }
  }
  return (2 * common) / (words.length + title.tokenCount);
}

/** Shortest metadata title (in words) taken from inside a longer heading. */
const MIN_CONTAINED_WORDS = 2;

/** A heading's text in the forms titles are compared with. */
interface HeadingForm {
  readonly text: string;
  readonly key: string;
  readonly words: readonly string[];
  /** Comparable text of every run of the heading's text nodes short of the whole heading. */
  readonly parts: ReadonlySet<string>;
}

function headingForm(text: string, pieces: readonly string[]): HeadingForm {
  const key = comparable(text);
  const parts = new Set<string>();
  const keys = pieces.map(comparable);
  for (let i = 0; i < keys.length; i++) {
    let run = '';
    for (let j = i; j < keys.length; j++) {
      run = run && keys[j] ? `${run} ${keys[j]}` : run || keys[j]!;
      if (i > 0 || j < keys.length - 1) parts.add(run);
    }
  }
  return { text, key, words: key.split(' ').filter(Boolean), parts };
}

/**
 * How well a heading matches one metadata title: 1 when equal to it (without its site name). A heading
 * whose separate elements hold the whole title and something more (a kicker span, a date, a section
 * link: "Politics | Headline", "Headline 02.02.2022 • Site") confirms the title, and the title is the
 * headline; a title that is only the start of one running heading text is a shortened headline.
 */
function matchScore(heading: HeadingForm, title: TitleForms): { score: number; text: string | null } {
  const key = heading.key;
  if (!key) return { score: 0, text: null };
  if (key === title.stripped) return { score: 1, text: null };
  // A heading that repeats the whole "Headline | Site" title shows the headline with the site name.
  if (key === title.full) return { score: 1, text: title.knownSite ? title.text : null };
  if (title.tokenCount >= MIN_CONTAINED_WORDS && heading.parts.has(title.stripped)) return { score: 0.97, text: title.text };
  return { score: overlap(heading.words, title) * 0.9, text: null };
}

interface HeadingChoice {
  readonly text: string;
  readonly score: number;
  readonly heading: Heading;
}

export interface TitleResult extends Resolved<string> {
  /** The heading that shows the headline on the page, when one does. */
  readonly heading: Heading | null;
}

/** The heading's text, and without its kicker when it has one (the kicker is not the headline). */
function headingTexts(heading: Heading): { full: string; bare: string | null } | null {
  const full = stripAnchors(elementText(heading.el, MAX_HEADLINE_LENGTH));
  if (!full || full.length > MAX_HEADLINE_LENGTH) return null;
  if (!hasKicker(heading.el)) return { full, bare: null };
  const bare = stripAnchors(elementText(heading.el, MAX_HEADLINE_LENGTH, true));
  return { full, bare: bare && bare !== full ? bare : null };
}

/** Permalink marks documentation generators append to headings ("Title ¶", "Title #"). */
const stripAnchors = (text: string): string => text.replace(/\s*[¶#§🔗]\s*$/u, '').replace(EDGE_PUNCTUATION, '').trim();
/** Separators left at the edges when a kicker or section label is removed (": Headline"). */
const EDGE_PUNCTUATION = /^[\s:|\-–—•·,;/]+|[\s:|\-–—•·,;/]+$/g;

/** Separator characters between a kicker and a headline in a metadata title ("Kicker: Headline", "Kicker | Headline"). */
const KICKER_SEPARATOR = /[:|\-–—•·/]/;

/**
 * The headline without a kicker the metadata reveals: the heading's first text piece is its own
 * element, and a metadata title either names the rest alone or sets the first piece off with a
 * separator ("<h1><span>Einheit der Woche</span> Lagen-Pyramide</h1>" with "Einheit der Woche |
 * Lagen-Pyramide" as og:title).
 */
function metadataKicker(pieces: readonly string[], titles: readonly TitleForms[]): string | null {
  if (pieces.length < 2) return null;
  // A heading that itself writes "Kicker: Headline" shows one title, kicker included.
  if (/[:|–—]\s*$/.test(pieces[0]!) || /^\s*[:|–—]/.test(pieces[1]!)) return null;
  const kicker = comparable(pieces[0]!);
  const rest = pieces.slice(1).join(' ').replace(EDGE_PUNCTUATION, '').trim();
  const restKey = comparable(rest);
  if (!kicker || restKey.split(' ').length < MIN_CONTAINED_WORDS) return null;
  for (const t of titles) {
    if (t.stripped === restKey) return rest;
    if (!t.full.startsWith(`${kicker} `)) continue;
    // The separator right after the kicker's words in the title as written.
    for (let i = 0; i < t.raw.length; i++) {
      if (!KICKER_SEPARATOR.test(t.raw[i]!)) continue;
      const before = comparable(t.raw.slice(0, i));
      if (before.length > kicker.length) break;
      if (before === kicker && comparable(t.raw.slice(i + 1)) === restKey) return rest;
    }
  }
  return null;
}

/**
 * The headline when a one-piece heading adds a subtitle the metadata leaves out: "Headline | Top 19
 * Companies" shown, "Headline" in a metadata title.
 */
function metadataSubtitle(full: string, titles: readonly TitleForms[]): string | null {
  const segments = splitTitle(full);
  if (segments.length !== 2) return null;
  const key = comparable(segments[0]!);
  if (key.split(' ').length < MIN_CONTAINED_WORDS) return null;
  return titles.some((t) => t.stripped === key) ? segments[0]! : null;
}

function bestHeading(headings: readonly Heading[], titles: readonly TitleForms[]): HeadingChoice | null {
  let best: HeadingChoice | null = null;
  for (const heading of headings) {
    const texts = headingTexts(heading);
    if (!texts) continue;
    // Headings in chrome (menus, teasers) and second-level headings count for a little less.
    const prior = (heading.chrome ? 0.85 : 1) * (heading.level === 2 ? 0.97 : 1);
    const pieces = textPieces(heading.el);
    const form = headingForm(texts.full, pieces);
    const shown = texts.bare ?? (pieces.length > 1 ? metadataKicker(pieces, titles) : metadataSubtitle(texts.full, titles));
    for (const t of titles) {
      const match = matchScore(form, t);
      const score = match.score * prior;
      // A match of the whole heading is a match of its headline without the kicker.
      const text = match.text ?? shown ?? texts.full;
      if (!best || score > best.score) best = { text, score, heading };
    }
  }
  return best;
}

/** How well the main heading must match the metadata to be preferred over a better-matching heading. */
const LONE_HEADING_MATCH = 0.3;

/** Fewest words of a heading taken as the headline without metadata confirming it. */
const MIN_LONE_HEADING_WORDS = 2;

/** The page's only h1 outside chrome (or only h1), when it reads like a headline (not the site's name). */
function loneHeading(headings: readonly Heading[], site: SiteIdentity): { text: string; heading: Heading } | null {
  const outside = headings.filter((h) => h.level === 1 && !h.chrome);
  const h1s = outside.length ? outside : headings.filter((h) => h.level === 1);
  if (h1s.length !== 1) return null;
  const texts = headingTexts(h1s[0]!);
  const text = texts ? texts.bare ?? texts.full : null;
  if (!text || comparable(text).split(' ').length < MIN_LONE_HEADING_WORDS || GENERIC_TITLES.has(comparable(text)) || site.isSite(text)) return null;
  return { text, heading: h1s[0]! };
}

/** The headline with provenance, or null for a page that names none. */
export function resolveTitle(input: TitleInput): TitleResult | null {
  const { site } = input;
  const usable = (text: string): boolean => {
    const c = comparable(text);
    return c !== '' && !GENERIC_TITLES.has(c) && !site.isSite(text);
  };
  const titleTag = input.titleTag?.replace(/\s+/g, ' ').trim() ?? '';
  const all: Candidate[] = titleTag ? [...input.metaTitles, { value: titleTag, source: 'html', weight: 0.5 }] : [...input.metaTitles];
  // Each distinct title once (og:title and twitter:title are often the same string).
  const strippedOf = new Map<string, { text: string; known: boolean }>();
  const sources: Candidate[] = [];
  for (const c of all) {
    // A "title" longer than any headline is a body or a description put in the wrong field.
    if (c.value.length > MAX_TITLE_LENGTH) continue;
    const value = c.value.replace(/\s+/g, ' ').trim();
    let stripped = strippedOf.get(value);
    if (stripped === undefined) {
      stripped = stripTitle(value, site);
      strippedOf.set(value, stripped);
    }
    if (usable(stripped.text)) sources.push({ ...c, value });
  }
  const titles = [...new Set(sources.map((c) => c.value))].map((t) => titleForms(t, strippedOf.get(t)!.text, strippedOf.get(t)!.known));

  // The page's one main heading is the headline as readers see it; metadata refines it (a kicker or a
  // site name around the title). Another heading wins only when it matches the metadata while the main
  // heading shares nothing with it (a site logo in h1, the article title in h2).
  const lone = loneHeading(input.headings, site);
  const ofLone = lone ? bestHeading([lone.heading], titles) : null;
  const heading = ofLone && ofLone.score >= LONE_HEADING_MATCH ? ofLone : bestHeading(input.headings, titles);
  if (heading && heading.score >= MIN_HEADING_MATCH) {
    return { value: heading.text, provenance: { source: 'html', confidence: clampConfidence(0.6 + 0.35 * heading.score) }, heading: heading.heading };
  }
  if (lone) return { value: ofLone?.text ?? lone.text, provenance: { source: 'html', confidence: 0.6 }, heading: lone.heading };
  const best = [...sources].sort((a, b) => b.weight - a.weight)[0];
  if (best) {
    const value = strippedOf.get(best.value)!.text;
    const key = comparable(value);
    const agreeing = sources.filter((c) => c !== best && comparable(strippedOf.get(c.value)!.text) === key).length;
    const shown = heading && heading.score >= MIN_HEADING_MATCH / 2 ? heading.heading : null;
    return { value, provenance: { source: best.source, confidence: clampConfidence(best.weight - 0.1 + 0.05 * agreeing) }, heading: shown };
  }
  const first = input.headings.find((h) => !h.chrome && h.level === 1) ?? input.headings.find((h) => !h.chrome) ?? input.headings[0];
  const texts = first ? headingTexts(first) : null;
  const text = texts ? texts.bare ?? texts.full : undefined;
  return text && first ? { value: text, provenance: { source: 'html', confidence: 0.4 }, heading: first } : null;
}
