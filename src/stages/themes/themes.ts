import { getLayer, type Document } from '../../model/document.js';
import type { Annotation } from '../../model/span.js';
import { compareSpans } from '../../model/span.js';
import { ParleyError } from '../../pipeline/errors.js';
import { defineStage, type Stage } from '../../pipeline/stage.js';
import '../sentences/sentences.js';
import { BUILTIN_TAXONOMY } from './builtin-taxonomy.js';
import { ThemeMatcher } from './matcher.js';
import { taxonomyId, type Taxonomy } from './taxonomy.js';
import type { ThemeData, ThemeScore } from './theme.js';
import { countWords, sentenceWords } from './words.js';

declare module '../../pipeline/stage.js' {
  interface Resources {
    /** The theme taxonomy (see src/resources: `new ResourceLoader().themeTaxonomy()`, or `loadTaxonomy`). */
    readonly themes?: Taxonomy;
  }
}

export interface ThemesOptions {
  /** At most this many evidence spans are kept per theme (the first ones), so a huge page stays small to store. */
  readonly maxEvidencePerTheme: number;
}

export const THEMES_DEFAULTS: ThemesOptions = { maxEvidencePerTheme: 200 };

/** Bumped when the matching code changes; the taxonomy's identity is appended (see themesStageFor). */
export const THEMES_CODE_VERSION = '1';

/** The taxonomy compiled once per taxonomy object (the stage stays pure: this is a cache of a pure function). */
const compiled = new WeakMap<Taxonomy, ThemeMatcher>();

function matcherFor(taxonomy: Taxonomy): ThemeMatcher {
  let matcher = compiled.get(taxonomy);
  if (!matcher) {
    matcher = new ThemeMatcher(taxonomy);
    compiled.set(taxonomy, matcher);
  }
  return matcher;
}

/** The evidence for every theme of the taxonomy in a document with `sentences` and `tokens` layers. */
export function findThemes(doc: Document, taxonomy: Taxonomy, options: ThemesOptions = THEMES_DEFAULTS): Annotation<ThemeData>[] {
  const matcher = matcherFor(taxonomy);
  const perTheme = new Map<string, number>();
  const evidence: Annotation<ThemeData>[] = [];
  for (const words of sentenceWords(doc)) {
    for (const match of matcher.matchSentence(words)) {
      const count = perTheme.get(match.data.theme) ?? 0;
      if (count >= options.maxEvidencePerTheme) continue;
      perTheme.set(match.data.theme, count + 1);
      evidence.push(match);
    }
  }
  return evidence.sort(compareSpans);
}

/**
 * The `themes` stage for a given taxonomy. Its version is "<code version>/<name>@<version>#<fingerprint>",
 * so the stamp stored with every result names the taxonomy it was matched with, and `parley reanalyze`
 * (which compares stored stage versions with the current ones) recomputes themes whenever the taxonomy
 * changes — a rebuilt built-in one, or a user's file given with --themes. The stage refuses a
 * `resources.themes` other than the one its version names, so a stamp can never lie.
 */
export function themesStageFor(taxonomy: Pick<Taxonomy, 'name' | 'version' | 'fingerprint'>): Stage<ThemesOptions> {
  const expected = taxonomyId(taxonomy);
  return defineStage<ThemesOptions>({
    name: 'themes',
    version: `${THEMES_CODE_VERSION}/${expected}`,
    requires: ['sentences', 'tokens'],
    provides: ['themes'],
    // English theme lexicons: other languages are not read as English.
    languages: ['en'],
    defaults: THEMES_DEFAULTS,
    run(doc, options, resources) {
      const given = resources.themes;
      if (!given) {
        throw new ParleyError('E_MODEL_MISSING', 'The "themes" stage needs a theme taxonomy, and resources.themes is not set.', 'Load it with `new ResourceLoader().themeTaxonomy()` (src/resources) and pass `{ themes }` as resources.');
      }
      if (taxonomyId(given) !== expected) {
        throw new ParleyError('E_OPTION', `The "themes" stage was built for taxonomy ${expected}, but resources.themes is ${taxonomyId(given)}.`, 'Build the stage with themesStageFor(taxonomy) for the taxonomy you load, so stored results name it.');
      }
      if (!Number.isInteger(options.maxEvidencePerTheme) || options.maxEvidencePerTheme < 1) {
        throw new ParleyError('E_OPTION', `Option maxEvidencePerTheme of stage "themes" is ${String(options.maxEvidencePerTheme)}.`, 'Give a whole number of at least 1.');
      }
      return { layers: { themes: findThemes(doc, given, options) } };
    },
  });
}

/** The `themes` stage with the built-in taxonomy (data/themes/taxonomy.json). */
export const themesStage = themesStageFor(BUILTIN_TAXONOMY);

/**
 * A stage list (such as ANALYSIS_STAGES) with its `themes` stage rebuilt for the given taxonomy: what the
 * composition root does when the user gives `--themes FILE`, so stored stamps name the user's taxonomy.
 */
export function withTaxonomy(stages: readonly Stage[], taxonomy: Pick<Taxonomy, 'name' | 'version' | 'fingerprint'>): Stage[] {
  return stages.map((stage) => (stage.name === 'themes' ? (themesStageFor(taxonomy) as Stage) : stage));
}

/** Below this many words an article is scored as if it had this many, so a headline does not outscore a story. */
const MIN_SCORED_WORDS = 100;

/**
 * Per-article theme scores from the `themes` layer, sorted by score (highest first). A theme's score is
 * its evidence per 100 words, where each distinct term counts weight × (1 + ln n) for n matches: a
 * repeated word adds less than a new one, and long articles are not favoured for their length.
 */
export function themeScores(doc: Document, taxonomy: Taxonomy, options: { readonly minScore?: number } = {}): ThemeScore[] {
  const words = Math.max(countWords(sentenceWords(doc)), MIN_SCORED_WORDS);
  const byTheme = new Map<string, Map<string, { weight: number; count: number }>>();
  for (const { data } of getLayer(doc, 'themes')) {
    let terms = byTheme.get(data.theme);
    if (!terms) byTheme.set(data.theme, (terms = new Map()));
    const key = data.term ?? '';
    const entry = terms.get(key) ?? { weight: data.weight, count: 0 };
    entry.count++;
    terms.set(key, entry);
  }
  const labels = new Map(taxonomy.themes.map((theme) => [theme.code, theme.label]));
  const scores: ThemeScore[] = [];
  for (const [theme, terms] of byTheme) {
    let raw = 0;
    let evidence = 0;
    for (const { weight, count } of terms.values()) {
      raw += weight * (1 + Math.log(count));
      evidence += count;
    }
    const score = Math.round((raw * 100 * 1000) / words) / 1000;
    if (score >= (options.minScore ?? 0)) scores.push({ theme, label: labels.get(theme) ?? theme, score, evidence });
  }
  return scores.sort((a, b) => b.score - a.score || a.theme.localeCompare(b.theme));
}

/** A compact summary for `parley analyze`: one line per top theme, with its score and a few evidence words. */
export function summarizeThemes(doc: Document, taxonomy: Taxonomy, top = 8): string[] {
  const evidence = getLayer(doc, 'themes');
  return themeScores(doc, taxonomy)
    .slice(0, top)
    .map(({ theme, label, score, evidence: count }) => {
      const samples = [...new Set(evidence.filter((e) => e.data.theme === theme).map((e) => doc.text.slice(e.start, e.end).toLowerCase()))].slice(0, 4);
      return `${theme.padEnd(22)} ${score.toFixed(2).padStart(6)}  ${label} (${count}: ${samples.join(', ')})`;
    });
}
