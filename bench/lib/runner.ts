/**
 * The parent side of the extraction benchmark: compiles the tool worker to plain JavaScript (a
 * TypeScript loader in the child would add its own memory to every tool's peak RSS), starts one fresh
 * child per tool, pinned to one CPU, warms it up, then feeds it the pages one at a time and collects what
 * it returns. A page that hangs past the watchdog or kills the child is recorded as an error, and a fresh
 * child takes over for the rest.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import type { BenchPage } from './datasets.js';
import type { ChildMessage, ParentMessage } from './protocol.js';
import type { RawOutput, ToolName } from './tools.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const BUILD_DIR = join(ROOT, 'node_modules', '.cache', 'parley-bench');
const WORKER = join(BUILD_DIR, 'bench', 'lib', 'tool-worker.js');

/** Compiles bench/lib/tool-worker.ts and what it imports (Parley's src included) into BUILD_DIR. */
export function compileWorker(): void {
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'bench', 'tsconfig.workers.json')], { encoding: 'utf8' });
  // Type errors do not stop tsc from emitting; report them and go on, so a half-finished edit elsewhere
  // in the tree does not block a measurement. A missing output does.
  if (result.status !== 0) console.warn(`warning: tsc reported problems while compiling the tool worker:\n${result.stdout}${result.stderr}`);
  if (!existsSync(WORKER)) throw new Error(`The tool worker was not compiled to ${WORKER}.`);
  mkdirSync(BUILD_DIR, { recursive: true });
  // The build sits under node_modules, where Node stops looking for the project's "type": "module".
  writeFileSync(join(BUILD_DIR, 'package.json'), '{ "type": "module" }\n');
}

export interface RunOptions {
  /** Pages run first, untimed and unscored, so the JIT has compiled the hot paths. */
  readonly warmup: readonly BenchPage[];
  /** A page that takes longer than this is abandoned (the child is killed and replaced). */
  readonly pageTimeoutMs: number;
  /** The CPU to pin the child to with taskset, or null to leave it to the scheduler. */
  readonly cpu: number | null;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface PageRun {
  readonly page: BenchPage;
  /** null when the page was abandoned (timeout or a dead child) or failed before the timed region. */
  readonly ms: number | null;
  /** CPU time of the timed region, null where `ms` is. */
  readonly cpuMs: number | null;
  /** The child's peak RSS after this page (kB): where it jumps is the page that raised the peak. */
  readonly maxRssKb: number | null;
  readonly output: RawOutput | null;
  readonly error: string | null;
}

export interface ToolRun {
  readonly tool: ToolName;
  readonly versions: Record<string, string>;
  readonly pages: PageRun[];
  /** The highest peak RSS any of the tool's children reached, in kB (see maxRssKb in tool-worker.ts). */
  readonly peakRssKb: number;
  /** RSS right after the tool was loaded, before any page, in kB. */
  readonly rssAfterLoadKb: number;
  /** How many times a child had to be replaced. */
  readonly restarts: number;
}

/** The CPU the children run on: the last one (the parent, mostly idle while it waits, floats). */
export function defaultCpu(): number | null {
  const taskset = spawnSync('taskset', ['-V'], { encoding: 'utf8' });
  return taskset.status === 0 ? cpus().length - 1 : null;
}

class Child {
  private readonly process: ChildProcess;
  private readonly waiting = new Map<string, (message: ChildMessage) => void>();
  private exitReason: string | null = null;
  private stderr = '';
  private onExit: ((reason: string) => void) | null = null;

  constructor(tool: ToolName, cpu: number | null) {
    const command = cpu === null ? [process.execPath, WORKER, tool] : ['taskset', '-c', String(cpu), process.execPath, WORKER, tool];
    this.process = spawn(command[0]!, command.slice(1), { stdio: ['ignore', 'ignore', 'pipe', 'ipc'], serialization: 'advanced' });
    this.process.stderr!.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString()).slice(-4000);
    });
    this.process.on('message', (message: ChildMessage) => {
      const key = message.type === 'result' ? `result:${message.seq}` : message.type;
      this.waiting.get(key)?.(message);
      this.waiting.delete(key);
    });
    this.process.on('exit', (code, signal) => {
      this.exitReason = `the child exited (${signal ?? `code ${code}`})${this.stderr ? `: ${this.stderr.trim().split('\n').slice(-3).join(' | ')}` : ''}`;
      this.onExit?.(this.exitReason);
    });
  }

  /** Resolves with the child's answer, or rejects when it dies or the timeout passes first. */
  request<T extends ChildMessage>(key: string, message: ParentMessage | null, timeoutMs: number): Promise<T> {
    if (this.exitReason) return Promise.reject(new Error(this.exitReason));
    return new Promise<T>((resolvePromise, rejectPromise) => {
      const timer = setTimeout(() => {
        this.waiting.delete(key);
        rejectPromise(new Error(`no answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.onExit = (reason) => {
        clearTimeout(timer);
        rejectPromise(new Error(reason));
      };
      this.waiting.set(key, (answer) => {
        clearTimeout(timer);
        this.onExit = null;
        resolvePromise(answer as T);
      });
      if (message) this.process.send(message);
    });
  }

  /** The child's peak RSS as the kernel keeps it (VmHWM, kB), for a child about to be killed. */
  peakRssKb(): number {
    try {
      const status = readFileSync(`/proc/${this.process.pid}/status`, 'utf8');
      return Number(/^VmHWM:\s+(\d+)/m.exec(status)?.[1] ?? 0);
    } catch {
      return 0;
    }
  }

  kill(): void {
    if (!this.exitReason) this.process.kill('SIGKILL');
  }
}

const START_TIMEOUT_MS = 60_000;

export async function runTool(tool: ToolName, pages: readonly BenchPage[], options: RunOptions): Promise<ToolRun> {
  let versions: Record<string, string> = {};
  let rssAfterLoadKb = 0;
  let peakRssKb = 0;
  let restarts = -1;
  let seq = 0;

  const start = async (): Promise<Child> => {
    restarts++;
    const child = new Child(tool, options.cpu);
    const ready = await child.request<Extract<ChildMessage, { type: 'ready' }>>('ready', null, START_TIMEOUT_MS);
    versions = ready.versions;
    if (!rssAfterLoadKb) rssAfterLoadKb = ready.rssAfterLoadKb;
    for (const page of options.warmup) {
      const n = seq++;
      await child.request(`result:${n}`, { type: 'page', seq: n, bytes: page.bytes, url: page.url }, options.pageTimeoutMs).catch(() => undefined);
    }
    return child;
  };

  let child = await start();
  const runs: PageRun[] = [];
  for (const page of pages) {
    const n = seq++;
    try {
      const answer = await child.request<Extract<ChildMessage, { type: 'result' }>>(
        `result:${n}`,
        { type: 'page', seq: n, bytes: page.bytes, url: page.url },
        options.pageTimeoutMs,
      );
      peakRssKb = Math.max(peakRssKb, answer.maxRssKb);
      runs.push({ page, ms: answer.ms, cpuMs: answer.cpuMs, maxRssKb: answer.maxRssKb, output: answer.output, error: answer.error });
    } catch (failure) {
      peakRssKb = Math.max(peakRssKb, child.peakRssKb());
      child.kill();
      runs.push({ page, ms: null, cpuMs: null, maxRssKb: null, output: null, error: `abandoned: ${(failure as Error).message}` });
      child = await start();
    }
    options.onProgress?.(runs.length, pages.length);
  }
  const stopped = await child.request<Extract<ChildMessage, { type: 'stopped' }>>('stopped', { type: 'stop' }, START_TIMEOUT_MS).catch(() => null);
  if (stopped) peakRssKb = Math.max(peakRssKb, stopped.maxRssKb);
  child.kill();
  return { tool, versions, pages: runs, peakRssKb, rssAfterLoadKb, restarts };
}
