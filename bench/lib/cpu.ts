/**
 * CPU time by thread, from /proc (Linux): a process's main thread (the ingest's writer) apart from its
 * other threads (worker threads, V8's garbage-collection helpers, libuv). On a machine shared with other
 * work, CPU time moves far less than wall time, so the benchmarks print both.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { loadavg } from 'node:os';

/** Clock ticks per second of /proc's utime and stime (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

export interface ThreadCpu {
  /** CPU seconds (user + system) of the main thread. */
  readonly mainS: number;
  /** CPU seconds of every other thread alive now (threads that ended are in the process total only). */
  readonly otherS: number;
  /** CPU seconds of the whole process, ended threads included. */
  readonly totalS: number;
}

/** Reads the CPU times of process `pid` (default: this process); zeros when /proc cannot be read. */
export function threadCpu(pid: number = process.pid): ThreadCpu {
  try {
    const total = ticks(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    let main = 0;
    let other = 0;
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      try {
        const t = ticks(readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8'));
        if (Number(tid) === pid) main = t;
        else other += t;
      } catch {
        // the thread ended between the two reads
      }
    }
    return { mainS: main / TICKS_PER_SECOND, otherS: other / TICKS_PER_SECOND, totalS: total / TICKS_PER_SECOND };
  } catch {
    return { mainS: 0, otherS: 0, totalS: 0 };
  }
}

/** utime + stime of a /proc stat line. */
function ticks(stat: string): number {
  const fields = statFields(stat);
  return Number(fields[11]) + Number(fields[12]);
}

/** The 1-, 5- and 15-minute load averages, e.g. "3.12 2.80 2.41". */
export function loadAverage(): string {
  return loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
}

/** The largest resident set of this process so far (VmHWM), in MB; its threads share it. */
export function peakRssMb(pid: number = process.pid): number {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/**
 * CPU seconds of this process's children that have ended and been waited for (cutime + cstime of
 * /proc/self/stat): the `parley` processes a benchmark spawned and saw exit.
 */
export function endedChildrenCpuS(): number {
  try {
    const fields = statFields(readFileSync('/proc/self/stat', 'utf8'));
    return (Number(fields[13]) + Number(fields[14])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/**
 * CPU seconds of a server process and of every process it started, living or ended (a PostgreSQL
 * postmaster: its backends, the WAL writer, the checkpointer; the time of backends that ended is in the
 * postmaster's cutime). 0 when /proc cannot be read.
 */
export function processTreeCpuS(rootPid: number): number {
  let ticksTotal = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = statFields(readFileSync(`/proc/${entry}/stat`, 'utf8'));
      const pid = Number(entry);
      const parent = Number(fields[1]);
      if (pid === rootPid) ticksTotal += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
      else if (parent === rootPid) ticksTotal += Number(fields[11]) + Number(fields[12]);
    } catch {
      // the process ended between the listing and the read
    }
  }
  return ticksTotal / TICKS_PER_SECOND;
}

/** The fields of a /proc stat line after the command name: [0] is the state, [1] the parent pid. */
function statFields(stat: string): string[] {
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}
