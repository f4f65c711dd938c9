/**
 * A stand-in for the actors stage: a `mentions` layer made from the `entities` layer alone (each PER,
 * ORG, LOC or MISC name is a mention; a short name that ends a longer person name earlier in the text,
 * "Kerry" after "John Kerry", is the same entity). No titles, pronouns or actor codes: the quotes stage
 * resolves pronouns itself. Pipelines that run the actors stage do not need it.
 */
import { getLayer } from '../../model/document.js';
import type { Annotation } from '../../model/span.js';
import { defineStage } from '../../pipeline/stage.js';
import type { ActorType, MentionData } from '../actors/mention.js';
import '../entities/entities.js';
import type { EntityType } from '../entities/tags.js';

const TYPE_OF: Record<EntityType, ActorType> = { PER: 'person', ORG: 'organization', LOC: 'location', MISC: 'other' };

export function mentionsFromEntities(text: string, entities: readonly Annotation<{ readonly type: EntityType; readonly confidence: number }>[]): Annotation<MentionData>[] {
  const byName = new Map<string, { entity: number; name: string }>();
  const people: { name: string; entity: number; last: string }[] = [];
  const mentions: Annotation<MentionData>[] = [];
  for (const e of entities) {
    const surface = text.slice(e.start, e.end).replace(/\s+/g, ' ').replace(/['’]s$/u, '');
    const type = TYPE_OF[e.data.type];
    const key = `${type}:${surface}`;
    let known = byName.get(key);
    if (!known && type === 'person') {
      const words = surface.split(' ');
      const longer = people.find((p) => p.last === words.at(-1) && p.name.length > surface.length);
      if (longer) known = { entity: longer.entity, name: longer.name };
    }
    if (!known) {
      known = { entity: byName.size, name: surface };
      if (type === 'person') people.push({ name: surface, entity: known.entity, last: surface.split(' ').at(-1)! });
    }
    byName.set(key, known);
    mentions.push({ start: e.start, end: e.end, data: { entity: known.entity, kind: 'name', type, name: known.name, code: null, confidence: e.data.confidence } });
  }
  return mentions;
}

export const entityMentionsStage = defineStage<object>({
  name: 'entity-mentions',
  version: '1',
  requires: ['entities'],
  provides: ['mentions'],
  defaults: {},
  run(doc) {
    return { layers: { mentions: mentionsFromEntities(doc.text, getLayer(doc, 'entities')) } };
  },
});
