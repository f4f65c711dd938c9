import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { loadGazetteer } from '../../src/resources/places.js';
import { placesStage } from '../../src/stages/places/places.js';
import { analyze } from './helpers.js';

describe('the places stage on bad input', () => {
  it('gives no places for an empty text or a text without places', () => {
    expect(analyze('').places).toEqual([]);
    expect(analyze('').focus).toEqual([]);
    const none = analyze('The committee met on Tuesday and approved the budget for next year.');
    expect(none.places).toEqual([]);
    expect(none.doc.messages).toEqual([]);
  });

  it('abstains, saying why, on an article in another language or a text mostly in another script', () => {
    const german = analyze('Die Stadtwerke bauen in Berlin einen Solarpark.', { language: 'de' });
    expect(german.places).toEqual([]);
    expect(german.doc.messages.filter((m) => m.stage === 'places')).toEqual([expect.objectContaining({ code: 'STAGE_ABSTAINED', severity: 'warning', message: expect.stringContaining('"de"') })]);
    const russian = analyze('Президент России встретился с президентом Турции в Анкаре в понедельник.');
    expect(russian.places).toEqual([]);
    expect(russian.doc.messages.find((m) => m.stage === 'places')).toMatchObject({ code: 'STAGE_ABSTAINED', message: expect.stringMatching(/not Latin/) });
    expect(analyze('Talks in Paris, France.', { language: 'en-GB' }).places.length).toBeGreaterThan(0);
  });

  it('resolves the first maxToponyms names of a text with 10,000 place names, names the limit, and stays within bounds', () => {
    const names = ['Paris', 'London', 'Berlin', 'Madrid', 'Rome', 'Vienna', 'Prague', 'Warsaw', 'Lisbon', 'Athens'];
    const text = Array.from({ length: 1000 }, (_, i) => `Officials met in ${names.join(', ')} on day ${i + 1}.`).join(' ');
    const started = performance.now();
    const { places, doc, focus } = analyze(text);
    expect(performance.now() - started).toBeLessThan(120_000);
    expect(doc.messages).toEqual([expect.objectContaining({ code: 'TOO_MANY_PLACES', severity: 'warning' })]);
    expect(places.length).toBeLessThanOrEqual(placesStage.defaults.maxToponyms);
    expect(places.length).toBeGreaterThan(1000);
    expect(new Set(places.filter((p) => p.text === 'Paris').map((p) => p.data.country))).toEqual(new Set(['FRA']));
    expect(focus.length).toBeLessThanOrEqual(6);
  });

  it('refuses bad options with a coded error', () => {
    const doc = analyze('Talks in Paris.').doc;
    expect(() => placesStage.run(doc, { ...placesStage.defaults, minConfidence: 2 }, {})).toThrow(/gazetteer|minConfidence/);
  });
});

describe('the gazetteer file', () => {
  const directory = (): string => mkdtempSync(join(tmpdir(), 'parley-gazetteer-'));

  it('loads from the shipped data, and names an entry by its GeoNames data', () => {
    const gazetteer = loadGazetteer();
    expect(gazetteer.size).toBeGreaterThan(200_000);
    expect(gazetteer.lookup('aleppo').map((m) => m.entry.kind)).toContain('place');
    expect(gazetteer.country('SYR')).toMatchObject({ name: 'Syria', country: 'SY', code: 'SYR', admin2: '760' });
    expect(gazetteer.lookup('no such place anywhere')).toEqual([]);
  });

  it('reports a missing, non-gzip or truncated file with a coded error that says what to do', () => {
    const missing = directory();
    expect(() => loadGazetteer(missing)).toThrow(expect.objectContaining({ code: 'E_MODEL_MISSING' }));
    const garbled = directory();
    mkdirSync(join(garbled, 'places'));
    writeFileSync(join(garbled, 'places', 'abbreviations.tsv'), '# form\tcode\nLa.\tUS.LA\n');
    writeFileSync(join(garbled, 'places', 'gazetteer.tsv.gz'), 'not gzip');
    expect(() => loadGazetteer(garbled)).toThrow(expect.objectContaining({ code: 'E_MODEL_CORRUPT', message: expect.stringMatching(/not gzip/) }));
    writeFileSync(join(garbled, 'places', 'gazetteer.tsv.gz'), gzipSync('parley-gazetteer/1\t5\t5\n# cut short\n'));
    expect(() => loadGazetteer(garbled)).toThrow(expect.objectContaining({ code: 'E_MODEL_CORRUPT', message: expect.stringMatching(/truncated/) }));
  });
});
