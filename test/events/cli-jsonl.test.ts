import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { codeJsonLines, codeLine } from '../../src/cli/events/jsonl.js';
import { eventsPipeline, eventsResources } from '../../src/cli/events/pipeline.js';
import { ResourceLoader } from '../../src/resources/index.js';

// In-process: the real pipeline of `parley events --jsonl` (sentences → entities → actors → events).
const pipeline = eventsPipeline();
const resources = eventsResources(pipeline, new ResourceLoader());
const code = (line: string): ReturnType<typeof codeLine> => codeLine(line, pipeline, resources);

async function run(input: string): Promise<{ lines: Record<string, unknown>[]; failures: number }> {
  const stream = new PassThrough();
  stream.end(input);
  const out: string[] = [];
  const failures = await codeJsonLines(stream, (line) => out.push(line), code);
  return { lines: out.join('').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>), failures };
}

describe('parley events --jsonl', () => {
  it('writes one line per input line, in order, with CAMEO and PLOVER fields and evidence offsets', async () => {
    const texts = ['Russia accused Ukraine of shelling civilians.', 'The weather was fine.', 'France praised Germany for its leadership.'];
    const { lines, failures } = await run(texts.map((text, i) => JSON.stringify({ id: `n${i}`, text, date: '2020-05-01' })).join('\n') + '\n');
    expect(failures).toBe(0);
    expect(lines.map((l) => l.id)).toEqual(['n0', 'n1', 'n2']);
    const first = (lines[0]!.events as Record<string, unknown>[])[0]!;
    expect(first).toMatchObject({ code: '112', root: '11', quadClass: 3, plover: { type: 'ACCUSE', mode: 'disapprove' } });
    expect(Object.keys(first)).toEqual(expect.arrayContaining(['source', 'target', 'goldstein', 'evidence', 'confidence']));
    const evidence = first.evidence as { start: number; end: number };
    expect(texts[0]!.slice(evidence.start, evidence.end)).toBe(texts[0]);
    expect(lines[1]!.events).toEqual([]);
  });

  it('answers a malformed line with an error line and goes on', async () => {
    const { lines, failures } = await run(['{"id":"a","text":"Japan criticized China."}', '{not json', '{"id":"c"}', '{"id":"d","text":"x","date":"yesterday"}', '{"id":"e","text":"India met Pakistan."}'].join('\n'));
    expect(failures).toBe(3);
    expect(lines).toHaveLength(5);
    expect(lines[1]).toEqual({ error: expect.objectContaining({ code: 'E_JSON' }) });
    expect(lines[2]).toMatchObject({ id: 'c', error: { code: 'E_INPUT' } });
    expect(lines[3]).toMatchObject({ id: 'd', error: { code: 'E_INPUT' } });
    expect(lines[4]).toMatchObject({ id: 'e', events: expect.any(Array) });
  });
});
