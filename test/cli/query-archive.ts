import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { articleOutcome, makeArticle, pageRecord, RUN } from '../../src/store/contract/fixtures.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { runInProcess } from './in-process.js';
import { MAIN, REPO } from './run-parley.js';

/**
 * The archive the query commands are tested on, built through the store port (as an ingest would), and
 * a runner for the built `parley` with its own environment (PARLEY_DB, NO_COLOR).
 */

export const ARTICLES = [
  { key: 'bridge', site: 'www.coast.example', title: 'Harbour bridge reopens after repairs', published: '2024-05-03T08:30:00+02:00', language: 'en', paragraphs: ['The harbour bridge reopened on Friday after eight months of repairs.', 'Engineers replaced the steel cables, the city said.'] },
  { key: 'budget', site: 'city.example', title: 'Council passes the budget', published: '2024-05-10', language: 'en', paragraphs: ['The council passed the budget, with money for the harbour bridge and new bus lanes.'] },
  { key: 'brücke', site: 'zeitung.example', title: 'Hafenbrücke wieder offen', published: '2024-05-04', language: 'de', paragraphs: ['Die Hafenbrücke ist nach acht Monaten wieder offen.'] },
  { key: 'hostile', site: 'evil.example', title: 'Bridge \u001b[31mRED\u001b[0m \u001b]0;pwned\u0007 title', published: '2024-06-01', language: 'en', paragraphs: ['A bridge story with an escape \u001b[2J sequence, "quotes", commas, and a\nline break.'] },
  { key: 'old', site: 'coast.example', title: 'Bridge plans approved', published: '2019-01-15', language: 'en', paragraphs: ['Plans for repairs to the harbour bridge were approved.'] },
  { key: 'undated', site: 'coast.example', title: 'Ferry timetable', published: null, language: 'en', paragraphs: ['The ferry runs every hour while the bridge is closed.'] },
] as const;

export interface Archive {
  readonly path: string;
  /** Article ids by key. */
  readonly ids: Readonly<Record<string, number>>;
}

/** Six articles, one of them a copy of another (a duplicate group), one rejected page, one failed page. */
export async function buildArchive(dir: string): Promise<Archive> {
  const path = join(dir, 'archive.db');
  const store = await openSqliteStore(path, { mode: 'write' });
  const runId = await store.startRun({ ...RUN, sources: ['pages/', 'https://coast.example/feed.xml'] });
  const ids: Record<string, number> = {};
  for (const spec of ARTICLES) {
    const url = `https://${spec.site}/news/${spec.key}`;
    const article = makeArticle({ ...spec, url, siteName: spec.site.replace(/^www\./, ''), authors: ['Mara Lind'] });
    const result = await store.commitPage(pageRecord(runId, spec.key, articleOutcome(article), { url, canonicalUrl: url }));
    ids[spec.key] = result.page.articleId!;
  }
  const wire = makeArticle({ title: 'Harbour bridge reopens', paragraphs: ['The harbour bridge reopened on Friday after eight months of repairs.'], published: '2024-05-03T11:00:00Z', language: 'en', url: 'https://reprint.example/bridge' });
  const copy = await store.commitPage(pageRecord(runId, 'reprint', articleOutcome(wire, { copyOf: { articleId: ids.bridge!, similarity: 0.91 } }), { url: 'https://reprint.example/bridge', canonicalUrl: 'https://reprint.example/bridge' }));
  ids.reprint = copy.page.articleId!;
  await store.commitPage(pageRecord(runId, 'index', { kind: 'rejected', stage: 'extract', code: 'NO_CONTENT', message: 'No article text was found.' }));
  await store.commitPage(pageRecord(runId, 'slow', { kind: 'failed', stage: 'fetch', code: 'TIMEOUT', message: 'No answer in 30 s.' }));
  await store.finishRun(runId, { finishedAt: '2024-06-01T10:10:00.000Z', status: 'completed', counts: { seen: 9, stored: 7, duplicate: 0, notArticle: 1, failed: 1, failedByReason: { TIMEOUT: 1 } } });
  await store.close();
  return { path, ids };
}

export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `parley` with `env` (no PARLEY_DB unless given): in this process (the query commands need no
 * workers), or, to run in another working directory, the built one as a process.
 */
export function parley(args: readonly string[], env: Record<string, string> = {}, cwd = REPO): Promise<Run> {
  if (cwd === REPO) return runInProcess(args, { env: { PARLEY_DB: undefined, FORCE_COLOR: undefined, ...env } });
  return spawnParley(args, env, cwd);
}

function spawnParley(args: readonly string[], env: Record<string, string>, cwd: string): Promise<Run> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` (npm test does it first).`);
  const base = Object.fromEntries(Object.entries(process.env).filter(([key]) => key !== 'PARLEY_DB' && key !== 'FORCE_COLOR')) as Record<string, string>;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], { cwd, env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
}

/** Whether text holds a control character other than the line feed (the terminal-safety check). */
export function hasControlCharacter(text: string): boolean {
  return [...text].some((c) => {
    const code = c.codePointAt(0)!;
    return (code < 0x20 && code !== 0x0a) || (code >= 0x7f && code <= 0x9f);
  });
}
