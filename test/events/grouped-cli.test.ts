import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runParley } from '../cli/run-parley.js';

/**
 * One event, many reports, end to end: real pages ingested with the whole analysis, then
 * `parley events --grouped` and `parley export --format gdelt-events --grouped`. A wire story and its
 * syndicated copy on another site report one meeting (one record, two articles, two sources); a story
 * four days later about another meeting of the same two countries is a second record.
 */

function page(site: string, slug: string, published: string, title: string, paragraphs: readonly string[]): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<link rel="canonical" href="https://${site}/world/${slug}">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"${title}","datePublished":"${published}"}</script>
</head><body><article><h1>${title}</h1>
${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}
</article></body></html>`;
}

const MEETING = [
  'Chinese Foreign Minister Wang Yi met Japanese Foreign Minister Yoshimasa Hayashi in Beijing on Monday to discuss maritime security in the East China Sea.',
  'The two ministers agreed to set up a hotline between their defence ministries, according to a statement issued after the talks.',
  'Officials from both countries described the meeting as frank and constructive, and said further rounds of consultations would follow later this year.',
  'Trade between China and Japan has recovered this year after a slump, and business groups in both countries had urged the governments to improve ties.',
];
const LATER = [
  'Japanese Prime Minister Fumio Kishida met Chinese Premier Li Qiang in Jakarta on Friday on the sidelines of a regional summit.',
  'The two leaders discussed the release of treated water from the Fukushima plant, which China has opposed, and the detention of a Japanese businessman.',
  'Japan urged China to lift its ban on Japanese seafood imports, a Japanese official told reporters after the meeting.',
];

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parley-grouped-'));
  await mkdir(join(dir, 'pages'));
  await writeFile(join(dir, 'pages', 'wire.html'), page('wire.example', 'china-japan-talks', '2023-04-03T06:00:00Z', 'China and Japan hold talks on maritime security', MEETING));
  await writeFile(join(dir, 'pages', 'copy.html'), page('daily.example', 'china-japan-ministers-meet', '2023-04-03T09:30:00Z', 'China, Japan ministers meet in Beijing', MEETING));
  await writeFile(join(dir, 'pages', 'later.html'), page('wire.example', 'kishida-li-jakarta', '2023-04-07T12:00:00Z', 'Kishida and Li meet in Jakarta', LATER));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

interface Group {
  source: { code: string | null } | null;
  target: { code: string | null } | null;
  root: string;
  date: string | null;
  numMentions: number;
  numSources: number;
  numArticles: number;
  firstReport: { url: string; published: string | null };
  mentions: { url: string; sentence: { start: number; end: number } }[];
}

describe('parley events --grouped', () => {
  it('makes one record of a story and its syndicated copy, and another of a later meeting', async () => {
    const db = join(dir, 'grouped.db');
    const ingested = await runParley(['ingest', '--db', db, '--quiet', '--json', join(dir, 'pages')]);
    expect(ingested.code, ingested.stderr).toBe(0);
    const listed = await runParley(['events', '--db', db, '--grouped', '--code', '04', '--format', 'json']);
    expect(listed.code, listed.stderr).toBe(0);
    const groups = JSON.parse(listed.stdout) as Group[];
    const between = (g: Group, a: string, b: string): boolean => g.source?.code?.slice(0, 3) === a && g.target?.code?.slice(0, 3) === b;
    const meeting = groups.find((g) => g.date === '2023-04-03' && between(g, 'CHN', 'JPN'))!;
    expect(meeting, JSON.stringify(groups.map((g) => [g.source?.code, g.target?.code, g.root, g.date, g.numArticles]))).toBeDefined();
    expect(meeting).toMatchObject({ root: '04', numArticles: 2, numSources: 2, firstReport: { url: 'https://wire.example/world/china-japan-talks' } });
    expect(new Set(meeting.mentions.map((m) => m.url))).toEqual(new Set(['https://wire.example/world/china-japan-talks', 'https://daily.example/world/china-japan-ministers-meet']));
    const later = groups.filter((g) => g.date === '2023-04-07' && (between(g, 'JPN', 'CHN') || between(g, 'CHN', 'JPN')));
    expect(later.length).toBeGreaterThan(0);
    for (const record of later) expect(record).toMatchObject({ numArticles: 1, numSources: 1, firstReport: { url: 'https://wire.example/world/kishida-li-jakarta' } });
    expect(groups.every((g) => g.numMentions >= g.numArticles && g.numArticles >= g.numSources)).toBe(true);

    const table = await runParley(['events', '--db', db, '--grouped', '--source', 'CHN', '--target', 'JPN', '--code', '04']);
    expect(table.stdout).toMatch(/MENTIONS\s+SOURCES\s+ARTICLES\s+FIRST_REPORT/);
    const out = join(dir, 'records.tsv');
    const exported = await runParley(['export', '--db', db, '--format', 'gdelt-events', '--grouped', '--source', 'CHN', '--target', 'JPN', '--code', '04', '-o', out]);
    expect(exported.code, exported.stderr).toBe(0);
    const rows = (await readFile(out, 'utf8')).trimEnd().split('\n').map((line) => line.split('\t'));
    const row = rows.find((r) => r[1] === '20230403')!;
    expect(row.slice(31, 34)).toEqual([String(meeting.numMentions), '2', '2']);
    expect(row[60]).toBe('https://wire.example/world/china-japan-talks');
    const refused = await runParley(['export', '--db', db, '--grouped']);
    expect(refused.code).toBe(2);
  }, 240_000);
});
