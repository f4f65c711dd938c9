/** The `themes` stage: theme evidence from a lexicon taxonomy, and per-article theme scores. */
export { themesStage, themesStageFor, withTaxonomy, findThemes, themeScores, summarizeThemes, THEMES_DEFAULTS, THEMES_CODE_VERSION, type ThemesOptions } from './themes.js';
export { parseTaxonomy, combineTaxonomies, taxonomyId, taxonomyFingerprint, type Taxonomy, type ThemeDefinition, type ThemeTerm, type TaxonomyMode } from './taxonomy.js';
export { compilePattern, normalizeWord, PatternError } from './patterns.js';
export { BUILTIN_TAXONOMY } from './builtin-taxonomy.js';
export type { ThemeData, ThemeScore } from './theme.js';
