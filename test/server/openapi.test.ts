import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { API_ERRORS } from '../../src/server/errors.js';
import { openApiDocument } from '../../src/server/openapi/document.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { analysis, event, placed } from '../../src/store/contract/analysis-fixtures.js';
import { pageRecord } from '../../src/store/contract/fixtures.js';
import { archiveSpecs, body, expectDocumented, expectError, fillStore } from './helpers.js';

/**
 * The OpenAPI document, walked against the real app: it is valid OpenAPI 3.1; its routes and the app's
 * are the same set; each operation, called with the document's example values, answers as documented;
 * each documented parameter rejects a bad value naming itself; no operation accepts an undocumented one.
 */

interface Parameter {
  name: string;
  in: 'query' | 'path';
  required: boolean;
  schema: Record<string, unknown>;
  example: unknown;
}
interface Operation {
  operationId: string;
  parameters: Parameter[];
  responses: Record<string, unknown>;
}
type Document = { openapi: string; paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, unknown> } };

const DOCUMENT = openApiDocument() as unknown as Document;

/** A bad value for every parameter the document has; a parameter missing here fails the walk. */
const BAD_VALUES: Readonly<Record<string, string>> = {
  q: 'x'.repeat(1001),
  since: 'last-week',
  until: '2024-02-30',
  site: 'http://example.com/',
  lang: 'english',
  limit: '0',
  cursor: 'not a cursor',
  sites: '0',
  runs: '1000',
  id: 'abc',
  source: 'U S',
  target: 'chn!',
  theme: 'cyber security',
  code: '04-a',
  actor: 'U-S',
  sourceName: 'n'.repeat(201),
  speakerCode: 'C-N',
  targetName: 'n'.repeat(201),
  both: 'yes',
  nodes: '1',
  themes: 'cyber security',
  top: '0',
  rows: '0',
  columns: '100',
  run: '0',
  quadClass: '5',
  by: 'year',
  speaker: 'x'.repeat(201),
  kind: 'quoted',
  name: 'y'.repeat(201),
  type: 'robot',
  country: 'Syria',
};

let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  const store = new MemoryStore();
  await fillStore(store, archiveSpecs(25));
  // Articles the document's example values select (site example.com, English, May 2024, the example query).
  const examples = await fillStore(store, [1, 2, 3].map((n) => ({ key: `example-${n}`, site: 'example.com', title: `Harbour bridge ${n}`, published: `2024-05-0${n}`, language: 'en', paragraphs: [`The harbour bridge story number ${n}.`] })));
  // Their analysis (and article 1's, the example id): events, quotes, actors and themes the examples select.
  for (const id of [1, ...examples]) await store.saveAnalysis(id, placed(analysis({ events: [event({ source: 'USAGOV', target: 'CHN', code: '0411', quadClass: 1, date: null })] }), { name: 'Syria', code: 'SYR' }, 'Aleppo'));
  // Pages of run 1 that failed with the example reason (GET /api/failures).
  for (const key of ['timeout-1', 'timeout-2']) await store.commitPage(pageRecord(1, key, { kind: 'failed', stage: 'fetch', code: 'TIMEOUT', message: 'The server did not answer in time.' }));
  app = createApp({ store });
});

const operations = Object.entries(DOCUMENT.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ path, method, operation })));

/** `/api/articles/{id}` with the document's example for each path parameter. */
function examplePath(path: string, operation: Operation, override: Record<string, string> = {}): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => override[name] ?? String(operation.parameters.find((p) => p.name === name)!.example));
}

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(structuredClone(DOCUMENT) as unknown as Record<string, unknown>);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(DOCUMENT.openapi).toBe('3.1.0');
  });

  it('is what GET /api/openapi.json serves', async () => {
    const response = await app.request('/api/openapi.json');
    expect(response.status).toBe(200);
    expect(await body(response)).toEqual(JSON.parse(JSON.stringify(DOCUMENT)));
  });

  it('describes exactly the routes of the app', () => {
    const documented = operations.map(({ path, method }) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`).sort();
    const served = [...new Set(app.routes.filter((route) => route.method !== 'ALL').map((route) => `${route.method} ${route.path}`))].sort();
    expect(served).toEqual(documented);
  });

  it('lists every error code in the Error schema', () => {
    const schema = DOCUMENT.components.schemas.Error as { properties: { error: { properties: { code: { enum: string[] } } } } };
    expect(schema.properties.error.properties.code.enum).toEqual(Object.keys(API_ERRORS));
  });

  it('gives examples that match their own parameter schemas', () => {
    const ajv = new Ajv2020({ strict: false });
    for (const { operation } of operations) {
      for (const parameter of operation.parameters) {
        const value = parameter.schema.type === 'integer' ? Number(parameter.example) : parameter.example;
        expect(ajv.validate(parameter.schema, value), `${operation.operationId} ${parameter.name}`).toBe(true);
      }
    }
  });
});

describe.each(operations)('$method $path, as documented', ({ path, method, operation }) => {
  it('answers the example request with every parameter as documented', async () => {
    expect(method).toBe('get');
    const query = new URLSearchParams(operation.parameters.filter((p) => p.in === 'query').map((p) => [p.name, String(p.example)]));
    query.delete('by'); // a timeline has no pages: tested on its own below
    // The example cursor is opaque and belongs to no list: read a first page of one to get a real one.
    if (query.has('cursor')) {
      const first = new URLSearchParams(query);
      first.delete('cursor');
      first.set('limit', '1');
      const page = await body<Record<string, unknown> & { next: string | null }>(await app.request(`${examplePath(path, operation)}?${first}`));
      expect(Object.values(page).find(Array.isArray)).toHaveLength(1);
      expect(page.next).toEqual(expect.any(String));
      query.set('cursor', page.next!);
    }
    const response = await app.request(`${examplePath(path, operation)}?${query}`);
    const text = await response.text();
    expect(response.status, text).toBe(200);
    expect(Object.keys(operation.responses)).toContain('200');
    if (path !== '/api/openapi.json') expectDocumented(path, 200, JSON.parse(text));
    // The example values select something: each list is not empty.
    const lists: Record<string, (value: Record<string, unknown>) => unknown> = {
      '/api/articles': (v) => v.articles,
      '/api/events': (v) => v.events,
      '/api/event-groups': (v) => v.groups,
      '/api/quotes': (v) => v.quotes,
      '/api/actors': (v) => v.actors,
      '/api/themes': (v) => v.themes,
      '/api/places': (v) => v.countries,
      '/api/articles/{id}/analysis': (v) => (v.analysis as { events: unknown[] }).events,
    };
    if (lists[path]) expect(lists[path](JSON.parse(text) as Record<string, unknown>), path).not.toHaveLength(0);
  });

  it('answers without any optional parameter', async () => {
    const response = await app.request(examplePath(path, operation));
    expect(response.status).toBe(200);
    if (path !== '/api/openapi.json') expectDocumented(path, 200, await body(response));
  });

  it.each(operation.parameters.map((p) => [p.name, p] as const))('rejects a bad %s with a documented 400 naming it', async (name, parameter) => {
    const bad = BAD_VALUES[name];
    expect(bad, `BAD_VALUES has no bad value for the documented parameter ${name}`).toBeDefined();
    const url = parameter.in === 'path' ? examplePath(path, operation, { [name]: bad! }) : `${examplePath(path, operation)}?${new URLSearchParams({ [name]: bad! })}`;
    const response = await app.request(url);
    expect(Object.keys(operation.responses)).toContain('400');
    const code = name === 'cursor' ? 'invalid_cursor' : 'invalid_parameter';
    const error = await expectError(response, 400, code, name);
    expectDocumented(path, 400, { error });
  });

  it('rejects an undocumented parameter', async () => {
    const error = await expectError(await app.request(`${examplePath(path, operation)}?undocumented=1`), 400, 'unknown_parameter', 'undocumented');
    expectDocumented(path, 400, { error });
  });

  it('answers other methods with the documented error shape', async () => {
    const response = await app.request(examplePath(path, operation), { method: 'DELETE' });
    const error = await expectError(response, 405, 'method_not_allowed');
    expectDocumented(path, 405, { error });
  });
});

describe('GET /api/events?by=, the timeline', () => {
  it('answers `by` with the documented timeline, and refuses it with a cursor or limit', async () => {
    const response = await app.request('/api/events?by=month&source=usa');
    const timeline = await body<{ by: string; timeline: { start: string; events: number }[] }>(response);
    expect(response.status).toBe(200);
    expectDocumented('/api/events', 200, timeline);
    expect(timeline.timeline).toEqual([expect.objectContaining({ start: '2024-05-01', events: 4, quadClasses: [4, 0, 0, 0] })]);
    await expectError(await app.request('/api/events?by=week&limit=5'), 400, 'invalid_parameter', 'limit');
  });
});
