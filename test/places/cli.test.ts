import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonLines, runParley } from '../cli/run-parley.js';

describe('parley places', () => {
  it('--jsonl: one line per input line, places with JavaScript offsets, errors on their own lines (exit 1)', async () => {
    const text = 'Clashes in Aleppo, Syria. The Chicago-based firm left.';
    const input = [JSON.stringify({ id: 'a', text }), 'not json', JSON.stringify({ id: 7, text: '' }), JSON.stringify({ id: 'x' })].join('\n');
    const run = await runParley(['places', '--jsonl'], { stdin: input });
    expect(run.code).toBe(1);
    const [first, broken, empty, missing] = jsonLines(run.stdout);
    const places = (first as { places: { start: number; end: number; text: string; name: string; type: string; country: string; lat: number; lon: number; geonameId: number | null; confidence: number }[] }).places;
    expect(places.map((p) => [p.text, p.name, p.type, p.country])).toEqual([
      ['Aleppo', 'Aleppo', 'city', 'SYR'],
      ['Syria', 'Syria', 'country', 'SYR'],
      ['Chicago', 'Chicago', 'city', 'USA'],
    ]);
    for (const p of places) expect(text.slice(p.start, p.end)).toBe(p.text);
    expect(first).toMatchObject({ id: 'a', focus: { countries: [{ country: 'SYR' }, { country: 'USA' }] } });
    expect(broken).toMatchObject({ error: { code: 'E_JSON' } });
    expect(empty).toEqual({ id: 7, places: [], focus: { countries: [], cities: [] } });
    expect(missing).toMatchObject({ id: 'x', error: { code: 'E_INPUT' } });
  }, 60_000);

  it('reads files as a readable table (or JSON), and says which input failed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-places-'));
    writeFileSync(join(dir, 'story.txt'), 'Police in Alexandria, La., arrested a man on Monday.');
    const table = await runParley(['places', join(dir, 'story.txt')]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/Focus: United States \(USA\), Alexandria/);
    expect(table.stdout).toMatch(/"Alexandria"\s+→ Alexandria \(city, Louisiana, USA\) 31\.\d+,-92\.\d+ geonames:4314550/);
    const json = await runParley(['places', '--format', 'json', join(dir, 'story.txt')]);
    expect(JSON.parse(json.stdout)).toMatchObject({ places: [{ name: 'Alexandria', admin1: 'Louisiana' }, { name: 'Louisiana', type: 'admin1' }] });
    const missing = await runParley(['places', join(dir, 'story.txt'), join(dir, 'absent.txt')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/absent\.txt/);
    expect(missing.stdout).toMatch(/Alexandria/);
  }, 120_000);

  it('refuses a usage error with exit 2', async () => {
    expect((await runParley(['places'])).code).toBe(2);
    expect((await runParley(['places', '--jsonl', 'file.txt'])).code).toBe(2);
    const help = await runParley(['places', '--help']);
    expect(help.stdout).toMatch(/--jsonl/);
    expect(help.stdout).toMatch(/Examples:/);
  }, 60_000);
});
