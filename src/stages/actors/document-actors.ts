import { getLayer, type Document } from '../../model/document.js';
import type { Span } from '../../model/span.js';
import type { ActorType } from './mention.js';
import './mention.js';

/** One entity of a document, with all its mentions: what `parley analyze` prints and the store keeps. */
export interface DocumentActor {
  readonly entity: number;
  readonly name: string;
  readonly type: ActorType;
  readonly role: string | null;
  readonly code: string | null;
  /** The highest confidence among its mentions. */
  readonly confidence: number;
  readonly mentions: readonly Span[];
}

/** The entities of the `mentions` layer, in order of first mention (empty when the layer is absent). */
export function documentActors(doc: Document): DocumentActor[] {
  const byEntity = new Map<number, { actor: Omit<DocumentActor, 'mentions' | 'confidence'>; confidence: number; mentions: Span[] }>();
  for (const mention of getLayer(doc, 'mentions')) {
    const { entity, name, type, code, role, confidence } = mention.data;
    let record = byEntity.get(entity);
    if (!record) {
      record = { actor: { entity, name, type, role: role ?? null, code }, confidence, mentions: [] };
      byEntity.set(entity, record);
    }
    record.confidence = Math.max(record.confidence, confidence);
    record.mentions.push({ start: mention.start, end: mention.end });
  }
  return [...byEntity.values()]
    .map(({ actor, confidence, mentions }) => ({ ...actor, confidence, mentions }))
    .sort((a, b) => a.mentions[0]!.start - b.mentions[0]!.start || a.entity - b.entity);
}
