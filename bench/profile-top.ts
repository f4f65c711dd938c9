/**
 * `npx tsx bench/profile-top.ts DIR [--top N]`: the functions that took the most CPU in the V8 CPU
 * profiles (`.cpuprofile`) of a run, summed over every thread's profile in DIR — what to look at first,
 * and what a change moved. Make the profiles with Node's own profiler, for example:
 *
 *   node --cpu-prof --cpu-prof-dir=bench/out/prof dist/cli/main.js ingest PAGES --db /tmp/p.db --jobs 1
 *
 * (each worker thread writes its own profile beside the main thread's). Self time is the time spent in the
 * function's own code; "(garbage collector)" and "(program)" are V8's own work.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly hitCount?: number;
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly startTime: number;
  readonly endTime: number;
  readonly samples?: readonly number[];
  readonly timeDeltas?: readonly number[];
}

const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '20' } } });
const dir = positionals[0];
if (!dir) {
  console.error('Usage: npx tsx bench/profile-top.ts DIR [--top N]  (DIR holds the .cpuprofile files of one run)');
  process.exit(2);
}
const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
if (files.length === 0) {
  console.error(`No .cpuprofile files in ${dir}: run node with --cpu-prof --cpu-prof-dir=${dir}.`);
  process.exit(1);
}

// Self time per function: each sample's time delta goes to the node it was taken in.
const selfMs = new Map<string, number>();
let totalMs = 0;
for (const file of files) {
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const node = byId.get(samples[i]!);
    if (!node) continue;
    const ms = (deltas[i] ?? 0) / 1000;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)') continue; // a thread waiting for work: not CPU
    const where = url ? `${relative(process.cwd(), url.replace(/^file:\/\//, ''))}:${lineNumber + 1}` : '';
    const key = `${functionName || '(anonymous)'}${where ? `  ${where}` : ''}`;
    selfMs.set(key, (selfMs.get(key) ?? 0) + ms);
    totalMs += ms;
  }
}

const top = [...selfMs].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top));
console.log(`${files.length} profile(s) in ${dir}, ${(totalMs / 1000).toFixed(1)} s of CPU samples (idle time left out); top ${top.length} functions by self time:`);
console.log('| self ms | share | function  file:line |');
console.log('|---:|---:|---|');
for (const [name, ms] of top) console.log(`| ${ms.toFixed(0)} | ${((100 * ms) / totalMs).toFixed(1)} % | \`${name}\` |`);
