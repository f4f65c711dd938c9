/**
 * The CoNLL entity types and the BILOU tag set the model predicts over (`O`; per type `B-` begins a
 * name of several tokens, `I-` continues it, `L-` ends it, `U-` is a one-token name), with the
 * conversions between tag sequences and entity spans (over token indices). BILOU lets the model learn
 * what ends a name and what a one-word name looks like, which IOB2 leaves implicit. Parley's outputs
 * (entity spans, `parley ner --conll`) stay in IOB2 terms: see iob2Tags.
 */

export const ENTITY_TYPES = ['PER', 'ORG', 'LOC', 'MISC'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

/** Where a tag puts its token in an entity. */
const Part = { Begin: 0, Inside: 1, Last: 2, Unit: 3 } as const;
const PART_PREFIXES = ['B', 'I', 'L', 'U'] as const;

/** Tag index 0 is `O`; then `B-`, `I-`, `L-` and `U-` of each type, in ENTITY_TYPES order. */
export const TAGS: readonly string[] = ['O', ...ENTITY_TYPES.flatMap((type) => PART_PREFIXES.map((prefix) => `${prefix}-${type}`))];
export const TAG_COUNT = TAGS.length;
export const OUTSIDE = 0;

const TAG_INDEX: ReadonlyMap<string, number> = new Map(TAGS.map((tag, index) => [tag, index]));

export function tagIndex(tag: string): number | undefined {
  return TAG_INDEX.get(tag);
}

export function isEntityType(value: string): value is EntityType {
  return (ENTITY_TYPES as readonly string[]).includes(value);
}

/** The entity type of a tag index, or null for `O`. */
export function tagType(tag: number): EntityType | null {
  return tag === OUTSIDE ? null : ENTITY_TYPES[(tag - 1) >> 2]!;
}

function part(tag: number): number {
  return (tag - 1) & 3;
}

function tagOf(type: EntityType, which: number): number {
  return 1 + 4 * ENTITY_TYPES.indexOf(type) + which;
}

/** True for a tag that starts an entity (`B-` or `U-`). */
export function isBegin(tag: number): boolean {
  return tag !== OUTSIDE && (part(tag) === Part.Begin || part(tag) === Part.Unit);
}

/** True for a tag inside an entity of two tokens or more (`B-`, `I-`, `L-`). */
export function isInMultiTokenEntity(tag: number): boolean {
  return tag !== OUTSIDE && part(tag) !== Part.Unit;
}

/** True for a tag after which the entity goes on (`B-`, `I-`): it cannot end a sentence. */
function isOpen(tag: number): boolean {
  return tag !== OUTSIDE && (part(tag) === Part.Begin || part(tag) === Part.Inside);
}

/**
 * BILOU validity: after `B-X` or `I-X` only `I-X` or `L-X`; `I-X` and `L-X` only there. `previous` is -1
 * at the start of a sentence. The decoder forbids the other transitions, and an open entity at the end
 * of a sentence (canEndSentence), so every output is a well-formed sequence.
 */
export function isAllowedTransition(previous: number, next: number): boolean {
  const open = previous !== -1 && isOpen(previous);
  const continues = next !== OUTSIDE && (part(next) === Part.Inside || part(next) === Part.Last);
  if (!open) return !continues;
  return continues && tagType(next) === tagType(previous);
}

/** Whether a sentence may end on this tag (not inside an open entity). */
export function canEndSentence(tag: number): boolean {
  return !isOpen(tag);
}

/** An entity as a half-open range of token indices within one sentence. */
export interface TokenSpan {
  readonly start: number;
  readonly end: number;
  readonly type: EntityType;
}

/**
 * Entity spans of a tag sequence (tag indices). Well-formed sequences come from the decoder; a
 * malformed one is read leniently, as conlleval reads IOB: a tag that does not continue the open entity
 * starts a new one, and an entity left open ends where the next one starts.
 */
export function spansFromTags(tags: ArrayLike<number>): TokenSpan[] {
  const spans: TokenSpan[] = [];
  let start = -1;
  let type: EntityType | null = null;
  const close = (end: number): void => {
    if (type !== null) spans.push({ start, end, type });
    type = null;
  };
  for (let i = 0; i < tags.length; i++) {
    const tag = tags[i]!;
    const tagT = tagType(tag);
    if (tagT === null) {
      close(i);
      continue;
    }
    const which = part(tag);
    const continues = type === tagT && (which === Part.Inside || which === Part.Last);
    if (!continues) {
      close(i);
      start = i;
      type = tagT;
    }
    if (which === Part.Last || which === Part.Unit) close(i + 1);
  }
  close(tags.length);
  return spans;
}

/** Tag indices for entity spans over `length` tokens. */
export function tagsFromSpans(spans: readonly TokenSpan[], length: number): Uint8Array {
  const tags = new Uint8Array(length);
  for (const span of spans) {
    if (span.end - span.start === 1) {
      tags[span.start] = tagOf(span.type, Part.Unit);
      continue;
    }
    tags[span.start] = tagOf(span.type, Part.Begin);
    for (let i = span.start + 1; i < span.end - 1; i++) tags[i] = tagOf(span.type, Part.Inside);
    tags[span.end - 1] = tagOf(span.type, Part.Last);
  }
  return tags;
}

/** The IOB2 tag strings (`O`, `B-PER`, `I-PER`, ...) of a tag sequence, as CoNLL files write them. */
export function iob2Tags(tags: ArrayLike<number>): string[] {
  const strings: string[] = Array.from({ length: tags.length }, () => 'O');
  for (const span of spansFromTags(tags)) {
    strings[span.start] = `B-${span.type}`;
    for (let i = span.start + 1; i < span.end; i++) strings[i] = `I-${span.type}`;
  }
  return strings;
}

/**
 * Reads a tag column in IOB1 (CoNLL-2003: `I-X` everywhere, `B-X` only between two adjacent entities of
 * one type) or IOB2 (`B-X` starts every entity) and returns entity spans. Unknown tags give null.
 */
export function spansFromTagStrings(tags: readonly string[]): TokenSpan[] | null {
  const spans: TokenSpan[] = [];
  let open: { start: number; type: EntityType } | null = null;
  for (let i = 0; i <= tags.length; i++) {
    const tag = i < tags.length ? tags[i]! : 'O';
    let prefix: string;
    let type: string;
    if (tag === 'O') {
      prefix = 'O';
      type = '';
    } else {
      const match = /^([BI])-(.+)$/.exec(tag);
      if (!match || !isEntityType(match[2]!)) return null;
      prefix = match[1]!;
      type = match[2]!;
    }
    const continues = open !== null && prefix === 'I' && open.type === type;
    if (continues) continue;
    if (open !== null) spans.push({ start: open.start, end: i, type: open.type });
    open = prefix === 'O' ? null : { start: i, type: type as EntityType };
  }
  return spans;
}
