/**
 * The child process that runs one tool for the extraction benchmark: `node tool-worker.js <tool>`,
 * started by bench/lib/runner.ts with an IPC channel. It loads only its own tool, then answers one page
 * at a time, so the times and the peak RSS it reports are the tool's own.
 */
import { readFileSync } from 'node:fs';
import { isToolName, loadTool, type RawOutput } from './tools.js';
import type { ChildMessage, ParentMessage } from './protocol.js';

const name = process.argv[2] ?? '';
if (!isToolName(name) || !process.send) {
  console.error(`usage: node tool-worker.js <tool> (with an IPC channel); got "${name}"`);
  process.exit(2);
}

const send = (message: ChildMessage): void => {
  process.send!(message);
};
/**
 * The process's peak RSS in kB. On Linux, getrusage's maxRSS (`process.resourceUsage().maxRSS`) carries
 * the spawning parent's high-water mark across fork + exec, so a child of the benchmark (which holds
 * every page) would start at the parent's size; VmHWM in /proc/self/status is the same kernel counter
 * for this process's own address space. Elsewhere, maxRSS is what there is.
 */
function maxRssKb(): number {
  try {
    const hwm = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Number(hwm[1]);
  } catch {
    // not Linux: fall through
  }
  return process.resourceUsage().maxRSS;
}

const { extractor, versions } = await loadTool(name);
send({ type: 'ready', versions, rssAfterLoadKb: process.memoryUsage().rss / 1024 });

process.on('message', (message: ParentMessage) => {
  if (message.type === 'stop') {
    send({ type: 'stopped', maxRssKb: maxRssKb() });
    process.disconnect();
    return;
  }
  void handlePage(message.seq, message.bytes, message.url);
});

async function handlePage(seq: number, bytes: Uint8Array, url: string | null): Promise<void> {
  let output: RawOutput | null = null;
  let error: string | null = null;
  let ms: number | null = null;
  let cpuMs: number | null = null;
  try {
    const input = extractor.prepare(bytes);
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    try {
      output = await extractor.run(input, url);
    } finally {
      ms = performance.now() - start;
      const cpu = process.cpuUsage(cpuStart);
      cpuMs = (cpu.user + cpu.system) / 1000;
    }
  } catch (thrown) {
    error = thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown);
  }
  try {
    extractor.release();
  } catch {
    // A failure to free the last page's DOM does not change what was measured on it.
  }
  send({ type: 'result', seq, ms, cpuMs, output, error, maxRssKb: maxRssKb() });
}
