import { extname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { enumerateInputs, type InputItem } from '../io/inputs.js';
import { RemoteReader, type RemoteInputs } from '../io/remote.js';
import { OutputDirectory, StreamWriter } from '../io/output.js';
import { readPageFile, readPageStdin, type ReadOutcome } from '../io/read.js';
import { WorkerPool } from '../pool/worker-pool.js';
import type { StructureLimits } from '../structure-limits.js';
import type { CliStreams } from '../streams.js';
import { ProgressBar } from '../ui/progress.js';
import { formatDuration } from '../values.js';
import { FORMATS, renderFailure, type Format } from './formats.js';
import type { ExtractTask, ExtractTaskResult } from './worker.js';

/**
 * One `parley extract` run: inputs are enumerated lazily, read on the main thread (size-capped, gunzipped),
 * extracted and rendered in worker threads, and written strictly in input order. At most
 * IN_FLIGHT_PER_JOB × jobs pages are between "read" and "written" at any moment, so memory stays flat
 * however many pages there are, and a slow consumer of stdout slows the run down instead of buffering.
 */

/** Pages in flight per worker: enough to keep every worker busy while the head of the line finishes. */
const IN_FLIGHT_PER_JOB = 4;
/** Time past --timeout a page may take before its worker is terminated (the cooperative deadline failed). */
export const HARD_TIMEOUT_GRACE_MS = 1000;

export interface ExtractRun {
  readonly inputs: readonly string[];
  readonly format: Format;
  /** One page named on the command line: json output is the bare article, and no summary is printed. */
  readonly single: boolean;
  readonly url: string | null;
  readonly outputDir: string | null;
  readonly nestDirectories: boolean;
  readonly captions: boolean;
  readonly maxBytes: number;
  readonly timeoutMs: number;
  readonly structure: StructureLimits;
  readonly jobs: number;
  readonly quiet: boolean;
  /** How URLs, URL lists and feeds are fetched (the fetch flags), or null to read every input as a path. */
  readonly remote: RemoteInputs | null;
}

type PageOutcome =
  | { readonly kind: 'page'; readonly item: InputItem; readonly ok: true; readonly output: string }
  | { readonly kind: 'page'; readonly item: InputItem; readonly ok: false; readonly code: string; readonly message: string }
  | { readonly kind: 'fatal'; readonly error: Error };

/** Runs the batch; returns the exit code (0 all pages extracted, 1 some failed or none found). */
export async function runExtract(run: ExtractRun, streams: CliStreams): Promise<number> {
  const pool = new WorkerPool<ExtractTask, ExtractTaskResult>({
    script: new URL(`./worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url),
    size: run.jobs,
    hardTimeoutMs: run.timeoutMs + HARD_TIMEOUT_GRACE_MS,
  });
  const stdout = new StreamWriter(streams.stdout);
  const files = run.outputDir === null ? null : new OutputDirectory(run.outputDir, FORMATS[run.format].extension);
  const jsonArray = files === null && run.format === 'json' && !run.single;
  const progress = streams.stderr.isTTY && !run.quiet ? new ProgressBar(streams.stderr, 'extracting') : null;
  const remote = run.remote === null ? null : new RemoteReader(run.remote);
  const enumerate = { nestDirectories: run.nestDirectories, exclude: run.outputDir === null ? null : resolve(run.outputDir), remote, single: run.single };
  // Counting would fetch the remote inputs twice: a bar without a total then.
  if (progress && !run.inputs.some((input) => remote?.handles(input))) void countPages(run.inputs, enumerate).then((total) => progress.setTotal(total), () => undefined);

  const failures = new Map<string, number>();
  let pages = 0;
  const report = (line: string): void => {
    if (run.quiet) return;
    if (progress) progress.log(line);
    else streams.stderr.write(`${line}\n`);
  };

  const emit = async (outcome: PageOutcome): Promise<void> => {
    if (outcome.kind === 'fatal') throw outcome.error;
    const { item } = outcome;
    let failure: { code: string; message: string } | null = outcome.ok ? null : outcome;
    if (outcome.ok && files) {
      const written = await files.write(item.kind === 'error' ? 'error' : item.outputStem, outcome.output, item.kind === 'file' ? item.path : null);
      if (!written.ok) failure = written;
    }
    const record = failure ? { source: item.source, error: { code: failure.code, message: failure.message } } : null;
    if (!files) {
      const separator = jsonArray ? (pages === 0 ? '[\n' : ',\n') : '';
      if (record === null) await stdout.write(separator + (outcome.ok ? outcome.output : ''));
      else if (run.format === 'jsonl' || jsonArray) await stdout.write(separator + renderFailure(run.format as 'json' | 'jsonl', record));
    }
    pages++;
    if (record) {
      failures.set(record.error.code, (failures.get(record.error.code) ?? 0) + 1);
      report(`parley extract: ${record.source}: ${record.error.message} [${record.error.code}]`);
    }
    progress?.tick(record !== null);
  };

  const window: Promise<PageOutcome>[] = [];
  const maxInFlight = run.jobs * IN_FLIGHT_PER_JOB;
  try {
    for await (const item of enumerateInputs(run.inputs, enumerate)) {
      window.push(processItem(item, run, pool, streams.stdin));
      if (window.length >= maxInFlight) await emit(await window.shift()!);
      if (stdout.error) break;
    }
    while (window.length > 0 && !stdout.error) await emit(await window.shift()!);
  } catch (error) {
    progress?.finish();
    streams.stderr.write(`parley extract: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    remote?.close();
    await pool.close();
  }
  progress?.finish();
  if (stdout.error) return 1;
  if (jsonArray) await stdout.write(pages === 0 ? '[]\n' : '\n]\n');

  const failed = [...failures.values()].reduce((a, b) => a + b, 0);
  if (pages === 0) {
    report(`parley extract: no pages found in ${run.inputs.join(', ')} (directories are searched for .html, .htm, .xhtml and .html.gz files).`);
    return 1;
  }
  if (!run.single) report(summary(pages, failed, failures, run.outputDir));
  return failed > 0 ? 1 : 0;
}

async function processItem(item: InputItem, run: ExtractRun, pool: WorkerPool<ExtractTask, ExtractTaskResult>, stdin: NodeJS.ReadableStream): Promise<PageOutcome> {
  try {
    if (item.kind === 'error') return { kind: 'page', item, ok: false, code: item.code, message: item.message };
    const read: ReadOutcome =
      item.kind === 'fetched' ? { ok: true, bytes: item.bytes } : item.kind === 'stdin' ? await readPageStdin(stdin, run.maxBytes) : await readPageFile(item.path, run.maxBytes);
    if (!read.ok) return { kind: 'page', item, ok: false, code: read.code, message: read.message };
    const bytes = standalone(read.bytes);
    const task: ExtractTask = {
      bytes,
      url: item.kind === 'fetched' ? item.url : run.url,
      headers: item.kind === 'fetched' ? item.headers : null,
      maxBytes: run.maxBytes,
      timeoutMs: run.timeoutMs,
      structure: run.structure,
      render: { format: run.format, captions: run.captions, source: run.format === 'json' && (run.single || run.outputDir !== null) ? null : item.source },
    };
    const outcome = await pool.run(task, [bytes.buffer]);
    if (!outcome.ok && outcome.code === 'TIMEOUT') {
      const message = `Extraction took longer than ${formatDuration(run.timeoutMs)} and did not stop by itself, so it was stopped (raise --timeout to allow more).`;
      return { kind: 'page', item, ok: false, code: outcome.code, message };
    }
    if (!outcome.ok) return { kind: 'page', item, ok: false, code: outcome.code, message: outcome.message };
    const result = outcome.value;
    return result.ok ? { kind: 'page', item, ok: true, output: result.output } : { kind: 'page', item, ok: false, code: result.code, message: result.message };
  } catch (error) {
    return { kind: 'fatal', error: error instanceof Error ? error : new Error(String(error)) };
  }
}

/** Bytes that own their whole ArrayBuffer, so it can be transferred (Node's small buffers share one slab). */
function standalone(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer) return bytes as Uint8Array<ArrayBuffer>;
  return new Uint8Array(bytes);
}

async function countPages(inputs: readonly string[], options: Parameters<typeof enumerateInputs>[1]): Promise<number> {
  let total = 0;
  for await (const _item of enumerateInputs(inputs, options)) total++;
  return total;
}

function summary(pages: number, failed: number, failures: ReadonlyMap<string, number>, outputDir: string | null): string {
  const reasons = [...failures].map(([code, count]) => `${code} ${count}`).join(', ');
  const written = outputDir && pages > failed ? `, written to ${outputDir}` : '';
  return `parley extract: ${pages} page${pages === 1 ? '' : 's'}: ${pages - failed} extracted${written}, ${failed} failed${reasons ? ` (${reasons})` : ''}.`;
}
