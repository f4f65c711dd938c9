/**
 * The `quotes` layer: each annotation's span is the quoted (or reported) content; its data says how it
 * was said and by whom. The store, the API and `parley quotes` read quotes only through this type.
 */
import type { Span } from '../../model/span.js';

export type QuoteKind =
  | 'direct' // the whole content stands in quote marks
  | 'partial' // a few quoted words inside the writer's sentence: goes "beyond bilateral relations"
  | 'reported' // indirect speech without quote marks: X said (that) ..., according to X
  | 'mixed'; // reported speech that contains a quoted part

export interface QuoteSpeaker extends Span {
  /** The speaker mention as written ("Wang", "he", "the secretary", "Chinese state media"). */
  readonly text: string;
  /** The canonical name of the entity the mention resolves to, or the mention text when unresolved. */
  readonly name: string;
  /** The entity's actor code (USAGOV, CHNMED, ...) or null. */
  readonly code: string | null;
  /** Index of the entity in the `mentions` layer (MentionData.entity), or null when unresolved. */
  readonly entity: number | null;
}

export interface QuoteData {
  readonly kind: QuoteKind;
  /** The cue verb or phrase ("said", "according to"), with its span, or null when none was found. */
  readonly cue: (Span & { readonly text: string }) | null;
  readonly speaker: QuoteSpeaker | null;
  readonly confidence: number;
}

declare module '../../model/layers.js' {
  interface LayerTypes {
    quotes: QuoteData;
  }
}
