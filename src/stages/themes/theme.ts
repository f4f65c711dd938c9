/**
 * The `themes` layer: each annotation is one piece of evidence (a matched word or phrase) for a theme.
 * Per-article theme scores are derived from the evidence by `themeScores` (themes.ts), and stored with it.
 */
export interface ThemeData {
  /** Theme code from the taxonomy, e.g. "CYBER_SECURITY". */
  readonly theme: string;
  /** Weight of this piece of evidence (the lexicon entry's weight). */
  readonly weight: number;
  /** The taxonomy pattern that matched (e.g. "n:hacker"), so the evidence explains itself. */
  readonly term?: string;
}

/** A theme's score in one article, with the number of evidence spans behind it. */
export interface ThemeScore {
  readonly theme: string;
  readonly label: string;
  readonly score: number;
  readonly evidence: number;
}

declare module '../../model/layers.js' {
  interface LayerTypes {
    themes: ThemeData;
  }
}
