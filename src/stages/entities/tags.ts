/**
 * The CoNLL entity types and the IOB2 tag set the model predicts over (`O`, `B-PER`, `I-PER`, ...),
 * with the conversions between tag sequences and entity spans (over token indices).
 */

export const ENTITY_TYPES = ['PER', 'ORG', 'LOC', 'MISC'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

/** Tag index 0 is `O`; then `B-` and `I-` of each type, in ENTITY_TYPES order. */
export const TAGS: readonly string[] = ['O', ...ENTITY_TYPES.flatMap((type) => [`B-${type}`, `I-${type}`])];
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
  return tag === OUTSIDE ? null : ENTITY_TYPES[(tag - 1) >> 1]!;
}

export function isBegin(tag: number): boolean {
  return tag !== OUTSIDE && (tag - 1) % 2 === 0;
}

export function beginTag(type: EntityType): number {
  return 1 + 2 * ENTITY_TYPES.indexOf(type);
}

export function insideTag(type: EntityType): number {
  return beginTag(type) + 1;
}

/**
 * IOB2 validity: `I-X` may only follow `B-X` or `I-X`. `previous` is -1 at the start of a sentence.
 * The decoder uses this to forbid transitions, so every output is a well-formed IOB2 sequence.
 */
export function isAllowedTransition(previous: number, next: number): boolean {
  if (next === OUTSIDE || isBegin(next)) return true;
  return previous !== -1 && previous !== OUTSIDE && tagType(previous) === tagType(next);
}

/** An entity as a half-open range of token indices within one sentence. */
export interface TokenSpan {
  readonly start: number;
  readonly end: number;
  readonly type: EntityType;
}

/** Entity spans of an IOB2 tag sequence (tag indices). A stray `I-X` starts a new entity (conlleval does the same). */
export function spansFromTags(tags: ArrayLike<number>): TokenSpan[] {
  const spans: TokenSpan[] = [];
  let start = -1;
  let type: EntityType | null = null;
  for (let i = 0; i <= tags.length; i++) {
    const tag = i < tags.length ? tags[i]! : OUTSIDE;
    const tagT = tagType(tag);
    const continues = tagT !== null && !isBegin(tag) && tagT === type;
    if (continues) continue;
    if (type !== null) spans.push({ start, end: i, type });
    start = i;
    type = tagT;
  }
  return spans;
}

/** Tag indices for entity spans over `length` tokens. */
export function tagsFromSpans(spans: readonly TokenSpan[], length: number): Uint8Array {
  const tags = new Uint8Array(length);
  for (const span of spans) {
    tags[span.start] = beginTag(span.type);
    for (let i = span.start + 1; i < span.end; i++) tags[i] = insideTag(span.type);
  }
  return tags;
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
