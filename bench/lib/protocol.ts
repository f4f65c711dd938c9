/** The messages between the benchmark's parent (bench/lib/runner.ts) and a tool's child (tool-worker.ts). */
import type { RawOutput } from './tools.js';

export type ParentMessage =
  | { readonly type: 'page'; readonly seq: number; readonly bytes: Uint8Array; readonly url: string | null }
  | { readonly type: 'stop' };

export type ChildMessage =
  | { readonly type: 'ready'; readonly versions: Record<string, string>; readonly rssAfterLoadKb: number }
  | {
      readonly type: 'result';
      readonly seq: number;
      /** Time of the timed region (DOM + extraction); null when the tool threw before it started. */
      readonly ms: number | null;
      /** CPU time (user + system) the process spent in the timed region; what one core gave the tool. */
      readonly cpuMs: number | null;
      readonly output: RawOutput | null;
      /** The exception's name and message when the tool threw. */
      readonly error: string | null;
      readonly maxRssKb: number;
    }
  | { readonly type: 'stopped'; readonly maxRssKb: number };
