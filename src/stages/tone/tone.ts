/**
 * The `tone` layer, in GDELT's form: one annotation per sentence (scope "sentence") and one spanning the
 * whole text (scope "document"). Scores are percentages of the words of the span, as GDELT reports them.
 */
export interface ToneData {
  readonly scope: 'sentence' | 'document';
  /** Positive score: share of words (in %) with positive sentiment, after negation and intensifiers. */
  readonly positive: number;
  /** Negative score: share of words (in %) with negative sentiment (a positive number). */
  readonly negative: number;
  /** positive - negative (-100 .. +100). */
  readonly tone: number;
  /** positive + negative: how emotionally charged the text is. */
  readonly polarity: number;
  /** Activity reference density: share of words (in %) that are active verbs / activity words. */
  readonly activity: number;
  /** Self/group reference density: share of words (in %) that are first-person pronouns. */
  readonly selfReference: number;
  readonly wordCount: number;
}

declare module '../../model/layers.js' {
  interface LayerTypes {
    tone: ToneData;
  }
}
