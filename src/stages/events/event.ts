/**
 * The `events` layer: each annotation's span is the sentence that carries the event (its evidence); the
 * data holds the CAMEO/PLOVER coding. The store, the API, `parley events` and the GDELT export read
 * events only through this type.
 */
import type { Span } from '../../model/span.js';

export type QuadClass = 1 | 2 | 3 | 4; // verbal cooperation, material cooperation, verbal conflict, material conflict

export interface EventActor {
  /** CAMEO-style actor code (USAGOV, CHN, CHNMED, ...) or null when the actor is named but not coded. */
  readonly code: string | null;
  /** The actor's canonical name ("John Kerry", "United States"). */
  readonly name: string;
  /** The mention that names the actor in the sentence. */
  readonly span: Span;
}

export interface EventData {
  readonly source: EventActor | null;
  readonly target: EventActor | null;
  /** CAMEO event code, e.g. "0311" (as a string: leading zeros matter). */
  readonly code: string;
  /** CAMEO root code, e.g. "03". */
  readonly root: string;
  readonly quadClass: QuadClass;
  /** Goldstein scale value of the code (-10 .. +10). */
  readonly goldstein: number;
  /** PLOVER event type and mode from the CAMEO→PLOVER map ("CONSULT", mode "" when none). */
  readonly plover: { readonly type: string; readonly mode: string } | null;
  /** The verb phrase that triggered the code (the sentence is the annotation's own span). */
  readonly verb: Span;
  /** The event's date (YYYY-MM-DD): one the sentence names, else the article's; null when neither is known. */
  readonly date: string | null;
  /** A place the sentence names for the event, when there is one. */
  readonly place: { readonly name: string; readonly code: string | null; readonly span: Span } | null;
  /** True when the verb is negated ("did not accuse"); such events are kept but marked. */
  readonly negated: boolean;
  readonly confidence: number;
}

declare module '../../model/layers.js' {
  interface LayerTypes {
    events: EventData;
  }
}
