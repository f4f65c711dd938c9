/**
 * Runs heavy robustness cases in a child process (a real `node` process running the TypeScript
 * sources through tsx) and collects their results. The guard is a hang detector, not a speed
 * measurement: it is far above any sane run time, and when it fires the child is killed and the cases
 * it did not finish are reported as unfinished. A child still running when the test process exits
 * (a failed or interrupted run) is killed with it, never left behind.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ExtractResult } from '../../src/index.js';

const CHILD = fileURLToPath(new URL('./child-extract.ts', import.meta.url));
const REPO = fileURLToPath(new URL('../../', import.meta.url));

export type CaseOutcome = { readonly result: ExtractResult } | { readonly thrown: string };

export interface ChildRun {
  readonly outcomes: ReadonlyMap<string, CaseOutcome>;
  /** Cases without an outcome: the guard fired first, or the child died. */
  readonly unfinished: readonly string[];
  readonly stderr: string;
}

export interface ChildHandle {
  readonly done: Promise<ChildRun>;
  /** Kills the child if it still runs (its unfinished cases are then reported as such). */
  readonly stop: () => void;
}

export function runInChild(names: readonly string[], guardMs: number): ChildHandle {
  let stop: () => void = () => undefined;
  const done = new Promise<ChildRun>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...names], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    const outcomes = new Map<string, CaseOutcome>();
    let pending = '';
    let stderr = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      pending += chunk;
      let newline: number;
      while ((newline = pending.indexOf('\n')) >= 0) {
        const { name, ...outcome } = JSON.parse(pending.slice(0, newline)) as { name: string } & CaseOutcome;
        outcomes.set(name, outcome);
        pending = pending.slice(newline + 1);
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (stderr += chunk));
    stop = (): void => void child.kill('SIGKILL');
    const guard = setTimeout(stop, guardMs);
    process.once('exit', stop);
    const settle = (): void => {
      clearTimeout(guard);
      process.off('exit', stop);
    };
    child.on('error', (error) => {
      settle();
      reject(error);
    });
    child.on('close', () => {
      settle();
      resolve({ outcomes, unfinished: names.filter((n) => !outcomes.has(n)), stderr });
    });
  });
  return { done, stop: () => stop() };
}
