/** The scoring methods of each benchmark, as their READMEs in ../shared/bench describe them. */

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();

/**
 * trafilatura's evaluation: per page, `with` snippets found are true positives (else false negatives),
 * `without` snippets found are false positives (else true negatives); whitespace-normalized,
 * case-sensitive substring matching; counts summed over the corpus.
 */
export function snippetCounts(output: string | null, withSnippets: readonly string[], withoutSnippets: readonly string[]): Counts {
  const text = collapse(output ?? '');
  const counts: Counts = { tp: 0, fp: 0, fn: 0, tn: 0 };
  for (const s of withSnippets) {
    if (output !== null && text.includes(collapse(s))) counts.tp++;
    else counts.fn++;
  }
  for (const s of withoutSnippets) {
    if (output !== null && text.includes(collapse(s))) counts.fp++;
    else counts.tn++;
  }
  return counts;
}

export function addCounts(a: Counts, b: Counts): Counts {
  return { tp: a.tp + b.tp, fp: a.fp + b.fp, fn: a.fn + b.fn, tn: a.tn + b.tn };
}

export interface PRF {
  precision: number;
  recall: number;
  f1: number;
}

export function microPRF(c: Counts): PRF & { accuracy: number } {
  const precision = c.tp + c.fp === 0 ? 0 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 0 : c.tp / (c.tp + c.fn);
  const f1 = 2 * c.tp + c.fp + c.fn === 0 ? 0 : (2 * c.tp) / (2 * c.tp + c.fp + c.fn);
  return { precision, recall, f1, accuracy: (c.tp + c.tn) / Math.max(1, c.tp + c.fp + c.fn + c.tn) };
}

/**
 * Python's `re.findall(r'\w+', text.lower())`: in Python 3, `\w` is a character for which
 * `str.isalnum()` holds (Unicode letters and numbers) or the underscore; combining marks are not in it.
 */
export function wordTokens(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? [];
}

function bagOverlap(pred: readonly string[], ref: readonly string[]): number {
  const counts = new Map<string, number>();
  for (const t of ref) counts.set(t, (counts.get(t) ?? 0) + 1);
  let overlap = 0;
  for (const t of pred) {
    const n = counts.get(t);
    if (n) {
      overlap++;
      counts.set(t, n - 1);
    }
  }
  return overlap;
}

/**
 * WCXB's page score: bag-of-words overlap of `\w+` tokens. An empty reference scores 1 only against an
 * empty prediction; an empty prediction scores 0.
 */
export function bagOfWordsPRF(prediction: string | null, reference: string): PRF {
  const ref = wordTokens(reference);
  const pred = wordTokens(prediction ?? '');
  if (ref.length === 0) return pred.length === 0 ? { precision: 1, recall: 1, f1: 1 } : { precision: 0, recall: 0, f1: 0 };
  if (pred.length === 0) return { precision: 0, recall: 0, f1: 0 };
  const overlap = bagOverlap(pred, ref);
  const precision = overlap / pred.length;
  const recall = overlap / ref.length;
  return { precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) };
}

/**
 * Body-text shingle F1 (the article-extraction benchmarks' method): the multiset of word 4-grams of the
 * prediction against the reference's.
 */
export function shinglePRF(prediction: string | null, reference: string, n = 4): PRF {
  const shingles = (text: string): string[] => {
    const words = wordTokens(text);
    if (words.length < n) return words.length ? [words.join(' ')] : [];
    const out: string[] = [];
    for (let i = 0; i + n <= words.length; i++) out.push(words.slice(i, i + n).join(' '));
    return out;
  };
  const ref = shingles(reference);
  const pred = shingles(prediction ?? '');
  if (ref.length === 0) return pred.length === 0 ? { precision: 1, recall: 1, f1: 1 } : { precision: 0, recall: 1, f1: 0 };
  if (pred.length === 0) return { precision: 1, recall: 0, f1: 0 };
  const overlap = bagOverlap(pred, ref);
  const precision = overlap / pred.length;
  const recall = overlap / ref.length;
  return { precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) };
}

export function meanPRF(scores: readonly PRF[]): PRF {
  const n = Math.max(1, scores.length);
  return {
    precision: scores.reduce((s, x) => s + x.precision, 0) / n,
    recall: scores.reduce((s, x) => s + x.recall, 0) / n,
    f1: scores.reduce((s, x) => s + x.f1, 0) / n,
  };
}

/** Case, typographic quotes and dashes aside ("--" typed for "—" included), the same words in the same order. */
const normalizeTitle = (s: string): string =>
  s.normalize('NFKC').toLowerCase().replace(/[‘’‚‛′]/g, "'").replace(/[“”„‟″«»]/g, '"').replace(/[‐-―−]+|-{2,}/g, '-').replace(/\s+/g, ' ').trim();

/** Separators between a headline and a site name in a page title ("Headline | Site", "Site - Headline", "标题_网站"). */
const TITLE_SEPARATOR = /\s+[|\-–—·•»~/:]{1,2}\s+|\s*[|｜]\s*|\s+_\s*|(?<=\p{Script=Han})_|\s+\[(?=[^\]]*\]\s*$)/gu;
/** At most this many site/section parts are left out at the end of a gold title ("Headline - Author - Site"). */
const MAX_TRAILING_PARTS = 2;

/**
 * Some gold titles keep the site name (Mozilla Readability's metadata keeps `<title>` whole unless
 * its own heuristics cut it), while Parley's title leaves it out by definition. A prediction matches
 * the gold as written, or the gold without its last one or two separator-delimited parts, or without
 * its first part ("Site - Headline").
 */
export function titleMatches(predicted: string | null | undefined, gold: string): boolean {
  if (!predicted) return false;
  const p = normalizeTitle(predicted);
  if (p === normalizeTitle(gold)) return true;
  const separators = [...gold.matchAll(TITLE_SEPARATOR)];
  const variants = separators.slice(-MAX_TRAILING_PARTS).map((m) => gold.slice(0, m.index));
  if (separators[0]) variants.push(gold.slice(separators[0].index + separators[0][0].length));
  return variants.some((v) => normalizeTitle(v) === p);
}

const normalizeName = (s: string): string =>
  s.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/**
 * Some author gold is the byline as printed (Mozilla Readability's `byline`: "By Jane Doe\n  March 25,
 * 2015"), while Parley's authors are names by definition: the gold's "By"/"Par"/"Von" prefix and any
 * further lines (dates, affiliations) are left out before comparing.
 */
const BYLINE_PREFIX = /^(?:written by|by|par|von|por)(?:\s+|$)/i;

function bylineNames(gold: string): string {
  const lines = gold.split(/\s*\n\s*/).filter((line) => line.trim() !== '');
  const first = lines[0] ?? gold;
  const line = first.replace(BYLINE_PREFIX, '') || lines[1] || first;
  return line.replace(BYLINE_PREFIX, '');
}

/**
 * Academic and professional credentials some gold keeps after a name ("Jane Doe, MS, RD", "John Roe
 * CPP, PSP"), compared without dots. Parley's authors are names by the definition (no job
 * titles), so these are left out of the gold before comparing.
 */
const CREDENTIALS: ReadonlySet<string> = new Set([
  'md', 'do', 'phd', 'dphil', 'rd', 'rdn', 'ld', 'ldn', 'ms', 'msc', 'ma', 'mba', 'mph', 'mpa', 'mfa', 'med', 'edd', 'psyd', 'dvm',
  'vmd', 'dds', 'dmd', 'rn', 'bsn', 'msn', 'np', 'aprn', 'dnp', 'pa-c', 'pharmd', 'cfp', 'cpa', 'cfa', 'chfc', 'clu', 'cpp', 'psp', 'jd',
  'llm', 'esq', 'facp', 'facs', 'faclm', 'frcp', 'foma', 'dabom', 'fand', 'faap', 'facog', 'ibclc', 'cde', 'cdces', 'cscs', 'cpt',
  'ryt', 'e-ryt', 'lcsw', 'lpc', 'lmft', 'cns', 'ba', 'bs', 'bsc', 'dacvb', 'lvt', 'vts',
]);
/** Words of job titles ("Shipping Expert", "CEO of CaseBasix", "Content Manager"): a gold part with one is a role, not a name. */
const ROLE_WORDS = /\b(?:expert|editor|writer|reporter|correspondent|contributor|columnist|journalist|director|manager|coordinator|representative|dietitian|nutritionist|ceo|cto|cfo|founder|co-founder|president|officer|specialist|consultant|analyst|engineer|executive|professor|reviewer|staff)\b/i;
/** Honorifics before a name ("Dr. Jane Doe", "Prof. John Roe"), left out on both sides. */
const HONORIFIC = /^(?:dr|prof|professor)\.?\s+/i;

const isCredentialPart = (part: string): boolean => {
  const tokens = part.split(/\s+/).map((t) => t.replace(/\./g, '').toLowerCase()).filter((t) => t && !/^\d+\+?$/.test(t));
  return tokens.length > 0 && tokens.every((t) => CREDENTIALS.has(t));
};

/**
 * The gold without what the issue excludes from an author list: credentials and job titles after a
 * name ("Mike Marshall, Shipping Expert" → "Mike Marshall"; "Lance Ryan (Content Manager)" → "Lance
 * Ryan"). Only parts after a name are dropped, never the gold's only part.
 */
function namesOnly(gold: string): string {
  const withoutRoles = gold.replace(/\s*\(([^()]*)\)/g, (whole, inner: string) => (ROLE_WORDS.test(inner) || isCredentialPart(inner) ? '' : whole));
  return withoutRoles
    .split(/\s*;\s*/)
    .map((entry) => {
      const parts = entry.split(/\s*,\s*/);
      const kept = parts.filter((part, i) => i === 0 || !(isCredentialPart(part) || ROLE_WORDS.test(part)));
      // "John Roe CPP" (credentials without a comma): trailing credential words go too.
      const words = kept.join(', ').split(/\s+/);
      while (words.length > 2 && isCredentialPart(words[words.length - 1]!.replace(/,$/, ''))) words.pop();
      return words.join(' ').replace(/,$/, '');
    })
    .join('; ');
}

const withoutHonorifics = (names: readonly string[]): string[] => names.map((n) => n.replace(HONORIFIC, ''));

/** Author gold is one string (several names joined by "; ", "," or "and"); compare as sets of names. */
export function authorMatches(predicted: readonly string[] | string | null | undefined, gold: string): boolean {
  if (namesMatch(predicted, gold) || namesMatch(predicted, bylineNames(gold))) return true;
  const list = typeof predicted === 'string' ? [predicted] : predicted ?? [];
  const cleanGold = namesOnly(bylineNames(gold)).replace(HONORIFIC, '').replace(/([;,]\s*)(?:dr|prof|professor)\.?\s+/gi, '$1');
  return namesMatch(withoutHonorifics(list), cleanGold);
}

function namesMatch(predicted: readonly string[] | string | null | undefined, gold: string): boolean {
  const list = typeof predicted === 'string' ? [predicted] : predicted ?? [];
  if (list.length === 0) return false;
  if (normalizeName(list.join(' ')) === normalizeName(gold)) return true;
  const split = (s: string): string[] => s.split(/;|,|\band\b|\bund\b|&|\//i).map(normalizeName).filter(Boolean);
  const a = new Set(list.flatMap(split));
  const b = new Set(split(gold));
  return a.size === b.size && [...a].every((x) => b.has(x));
}

const ISO_DATE_PREFIX = /^\d{4}-\d{2}(?:-\d{2})?/;

/**
 * The calendar date a tool's date string names, as YYYY-MM-DD: the date as written when the string
 * starts with an ISO date (no time-zone shift), otherwise whatever `Date.parse` makes of it (peers
 * sometimes return the page's own format, e.g. "Tue, 24 Jul 2015 05:36:09 GMT"), else null.
 */
export function calendarDate(predicted: string | null | undefined): string | null {
  const value = predicted?.trim();
  if (!value) return null;
  const iso = ISO_DATE_PREFIX.exec(value);
  if (iso) return iso[0];
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString().slice(0, 10);
}

/** Same day: the predicted date-time's calendar date (as written, before any time-zone shift) equals the gold's. */
export function dateMatches(predicted: string | null | undefined, gold: string): boolean {
  const day = calendarDate(predicted);
  return day !== null && day.slice(0, gold.length) === gold;
}

export interface SnippetHits {
  withFound: number;
  withTotal: number;
  withoutFound: number;
  withoutTotal: number;
}

/**
 * WCXB's snippet rates: how many `with` snippets (should be there) and `without` snippets (boilerplate)
 * occur in the output, case-insensitive substring matching on whitespace-collapsed text.
 */
export function snippetHits(output: string | null, withSnippets: readonly string[], withoutSnippets: readonly string[]): SnippetHits {
  const text = collapse(output ?? '').toLowerCase();
  const found = (s: string): boolean => output !== null && text.includes(collapse(s).toLowerCase());
  return {
    withFound: withSnippets.filter(found).length,
    withTotal: withSnippets.length,
    withoutFound: withoutSnippets.filter(found).length,
    withoutTotal: withoutSnippets.length,
  };
}
