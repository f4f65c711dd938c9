import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Helpers for the CLI tests: they run the built `parley` (dist/, made by `npm test`'s pretest build) as a real process. */

export const REPO = fileURLToPath(new URL('../..', import.meta.url));
export const MAIN = join(REPO, 'dist', 'cli', 'main.js');
export const FIXTURES = join(REPO, 'test', 'fixtures', 'cli');
export const PAGES = join(FIXTURES, 'pages');
export const SITE = join(FIXTURES, 'site');

export interface ParleyRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function runParley(args: readonly string[], options: { stdin?: string | Buffer; cwd?: string } = {}): Promise<ParleyRun> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` (npm test does it first).`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], { cwd: options.cwd ?? REPO, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
    child.stdin.on('error', () => undefined); // parley may exit before reading all of stdin (a usage error)
    child.stdin.end(options.stdin ?? '');
  });
}

/** The JSON lines of a jsonl run, parsed. */
export function jsonLines(stdout: string): Record<string, unknown>[] {
  return stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

export async function withTempDir<T>(use: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'parley-cli-'));
  try {
    return await use(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
