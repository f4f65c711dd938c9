import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventsPipeline, eventsResources } from '../../src/cli/events/pipeline.js';
import { extractDocument } from '../../src/extract/index.js';
import { getLayer } from '../../src/model/document.js';
import { runPipeline } from '../../src/pipeline/run.js';
import { ResourceLoader } from '../../src/resources/index.js';
import { selfDirected } from '../../src/stages/events/events.js';
import type { EventData } from '../../src/stages/events/event.js';
import { REPO } from '../cli/run-parley.js';

/** What a sentence carries, once: no repeated event rows, no actor acting on itself or its own government. */
describe('events: distinct and not self-directed', () => {
  const pipeline = eventsPipeline();
  const resources = eventsResources(pipeline, new ResourceLoader());
  const extracted = extractDocument(readFileSync(join(REPO, 'examples', 'voa-us-china-talks.html')));
  if (!extracted.ok) throw new Error('the worked example page was rejected');
  const doc = runPipeline(pipeline, extracted.document, resources);
  const events = getLayer(doc, 'events');

  it('gives no sentence the same event twice', () => {
    const keys = events.map((e) => `${e.start}|${e.data.source?.code ?? e.data.source?.name}|${e.data.target?.code ?? e.data.target?.name}|${e.data.code}|${e.data.negated}`);
    expect(keys.length).toBeGreaterThan(0);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('has no event of an actor on itself or of a government on its own country', () => {
    expect(events.filter((e) => selfDirected(e.data)).map((e) => `${e.data.source?.code}→${e.data.target?.code}`)).toEqual([]);
  });

  it('tells self-directed pairs from two bodies of one country', () => {
    const actor = (code: string | null, name = code ?? 'x'): EventData['source'] => ({ code, name, span: { start: 0, end: 1 } });
    const event = (source: EventData['source'], target: EventData['target']): EventData => ({ source, target, code: '010', root: '01', quadClass: 1, goldstein: 0, plover: null, verb: { start: 0, end: 1 }, date: null, place: null, negated: false, confidence: 1 });
    expect(selfDirected(event(actor('USAGOV'), actor('USA')))).toBe(true);
    expect(selfDirected(event(actor('USA'), actor('USAGOV')))).toBe(true);
    expect(selfDirected(event(actor('CHN'), actor('CHN')))).toBe(true);
    expect(selfDirected(event(actor(null, 'the mayor'), actor(null, 'the mayor')))).toBe(true);
    expect(selfDirected(event(actor('USALEG'), actor('USA')))).toBe(false);
    expect(selfDirected(event(actor('KENOPP'), actor('KENGOV')))).toBe(false);
    expect(selfDirected(event(actor('USA'), actor('CHN')))).toBe(false);
    expect(selfDirected(event(actor('USA'), null))).toBe(false);
  });
});
