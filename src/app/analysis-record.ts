import { getLayer, type Document } from '../model/document.js';
import type { Span } from '../model/span.js';
import { documentActors } from '../stages/actors/document-actors.js';
import type { ActorType } from '../stages/actors/mention.js';
import type { EntityType } from '../stages/entities/tags.js';
import '../stages/entities/entities.js';
import '../stages/events/event.js';
import '../stages/quotes/quote.js';
import type { ThemeScore } from '../stages/themes/theme.js';
import '../stages/tone/tone.js';
import { ABSTAINED, type ArticleAnalysis, type EntityRecord, type EventRecord, type FocusRecord, type MentionRecord, type PlaceRecord, type StageFailure, type ThemeRecord } from '../store/analysis.js';
import '../stages/places/place.js';

/**
 * A finished Document → the ArticleAnalysis the store keeps: plain data (it crosses from a worker
 * thread to the writer), every span an offset pair into the article's text.
 *
 * - entities and mentions come from the `mentions` layer (the actors stage: one entity per actor, with
 *   its code and role); when that layer is absent, from the NER `entities` layer (one entity per
 *   distinct name and type, no code), so an archive analyzed with fewer stages still lists who appears;
 * - themes: per-theme scores with their evidence spans; the score comes from `themeScores` when the
 *   caller has the taxonomy (the themes stage's own scoring), else it is the sum of the evidence weights;
 * - stage failures are the run's error and skip messages (the stages whose layers are missing).
 */

export interface RecordOptions {
  /** The themes stage's scoring (themes.ts `themeScores` with the taxonomy the stage ran with). */
  readonly themeScores?: (doc: Document) => readonly ThemeScore[];
}

const NER_TYPES: Readonly<Record<EntityType, ActorType>> = { PER: 'person', ORG: 'organization', LOC: 'location', MISC: 'other' };

/** Stage stamps of the document minus the extraction stamp: the analysis stages that ran. */
export function analysisFromDocument(doc: Document, analysisStages: ReadonlySet<string>, options: RecordOptions = {}): ArticleAnalysis {
  const { entities, mentions } = doc.layers.mentions ? actorsFromMentions(doc) : actorsFromNer(doc);
  return {
    stages: doc.stages.filter((stamp) => analysisStages.has(stamp.name)).map(({ name, version }) => ({ name, version })),
    failures: doc.messages.filter((m) => m.code === 'STAGE_FAILED' || m.code === 'STAGE_SKIPPED').map((m): StageFailure => ({ stage: m.stage, code: m.code, message: m.message })),
    ...abstentionsOf(doc),
    entities,
    mentions,
    quotes: getLayer(doc, 'quotes').map((q) => ({
      start: q.start,
      end: q.end,
      text: doc.text.slice(q.start, q.end),
      kind: q.data.kind,
      cue: q.data.cue ? { start: q.data.cue.start, end: q.data.cue.end, text: q.data.cue.text } : null,
      speaker: q.data.speaker ? { start: q.data.speaker.start, end: q.data.speaker.end, text: q.data.speaker.text, name: q.data.speaker.name, code: q.data.speaker.code } : null,
      confidence: q.data.confidence,
    })),
    themes: themeRecords(doc, options),
    events: eventRecords(doc),
    tone: getLayer(doc, 'tone').map((t) => ({ start: t.start, end: t.end, ...t.data })),
    ...(doc.layers.places ? placeRecords(doc) : {}),
  };
}

/** The events, each with its location when the event-places stage ran (null: it found none). */
function eventRecords(doc: Document): EventRecord[] {
  const located = doc.layers.eventPlaces !== undefined;
  const locations = new Map(getLayer(doc, 'eventPlaces').map((l) => [l.data.event, l.data]));
  return getLayer(doc, 'events').map((e, index) => {
    const record: EventRecord = { start: e.start, end: e.end, ...structuredClone(e.data) };
    if (!located) return record;
    const location = locations.get(index);
    return { ...record, location: location ? { place: { ...location.place }, evidence: location.evidence ? { ...location.evidence } : null, method: location.method, confidence: location.confidence } : null };
  });
}

function placeRecords(doc: Document): { places: PlaceRecord[]; focus: FocusRecord[] } {
  return {
    places: getLayer(doc, 'places').map((p) => ({ start: p.start, end: p.end, ...p.data })),
    focus: getLayer(doc, 'placeFocus').map((f) => ({ scope: f.data.scope, ...f.data.place, score: f.data.score, mentions: f.data.mentions })),
  };
}

/** The stages that abstained on the document's language, when any did. */
function abstentionsOf(doc: Document): { abstentions?: StageFailure[] } {
  const abstentions = doc.messages.filter((m) => m.code === ABSTAINED).map((m): StageFailure => ({ stage: m.stage, code: m.code, message: m.message }));
  return abstentions.length ? { abstentions } : {};
}

function actorsFromMentions(doc: Document): { entities: EntityRecord[]; mentions: MentionRecord[] } {
  const entities = documentActors(doc).map(({ entity, name, type, role, code, confidence }) => ({ entity, name, type, role, code, confidence }));
  const mentions = getLayer(doc, 'mentions').map((m) => ({ start: m.start, end: m.end, kind: m.data.kind, entity: m.data.entity }));
  return { entities, mentions };
}

/** One entity per distinct (name, type) of the NER layer, numbered in order of first mention. */
function actorsFromNer(doc: Document): { entities: EntityRecord[]; mentions: MentionRecord[] } {
  const byKey = new Map<string, EntityRecord & { confidence: number }>();
  const mentions: MentionRecord[] = [];
  for (const span of getLayer(doc, 'entities')) {
    const name = doc.text.slice(span.start, span.end).replace(/\s+/g, ' ').trim();
    const type = NER_TYPES[span.data.type] ?? 'other';
    const key = `${type}\u0000${name}`;
    let entity = byKey.get(key);
    if (!entity) byKey.set(key, (entity = { entity: byKey.size, name, type, role: null, code: null, confidence: span.data.confidence }));
    entity.confidence = Math.max(entity.confidence, span.data.confidence);
    mentions.push({ start: span.start, end: span.end, kind: 'name', entity: entity.entity });
  }
  return { entities: [...byKey.values()], mentions };
}

function themeRecords(doc: Document, options: RecordOptions): ThemeRecord[] {
  const evidence = new Map<string, (Span & { weight: number })[]>();
  for (const span of getLayer(doc, 'themes')) {
    let list = evidence.get(span.data.theme);
    if (!list) evidence.set(span.data.theme, (list = []));
    list.push({ start: span.start, end: span.end, weight: span.data.weight });
  }
  if (evidence.size === 0) return [];
  const scores: readonly ThemeScore[] = options.themeScores
    ? options.themeScores(doc)
    : [...evidence].map(([theme, spans]) => ({ theme, label: theme, score: spans.reduce((sum, s) => sum + s.weight, 0), evidence: spans.length }));
  return scores.map((s) => ({ theme: s.theme, label: s.label, score: s.score, evidence: evidence.get(s.theme) ?? [] }));
}
