import type { Gazetteer } from '../stages/places/gazetteer.js';
import type { Store } from '../store/store.js';
import type { UiAssets } from './ui.js';

/**
 * What the API server is built from, with every limit named and configurable. The defaults suit a
 * laptop serving its own archive; `parley serve` exposes the ones people change.
 */

export interface ServerLimits {
  /** Longest request URL (path and query string), in characters: longer gets 414. */
  readonly maxUrlLength: number;
  /** Largest request body, in bytes: the API reads no body, so anything larger gets 413 unread. */
  readonly maxBodyBytes: number;
  /** Longest time a handler may take before the client gets 503 `timeout`, in ms. */
  readonly requestTimeoutMs: number;
}

export const DEFAULT_LIMITS: ServerLimits = Object.freeze({
  maxUrlLength: 4096,
  maxBodyBytes: 1024,
  requestTimeoutMs: 10_000,
});

/** Where the server writes: one line per request, and the details of server-side failures. */
export interface ServerLog {
  request(line: string): void;
  error(message: string): void;
}

export const SILENT_LOG: ServerLog = Object.freeze({ request: () => undefined, error: () => undefined });

export interface AppOptions {
  /** The places gazetteer (names and points of countries for GET /api/places); default: Parley's own, loaded on first use. */
  readonly gazetteer?: () => Gazetteer;
  /** The archive the API reads (it never writes). The caller owns it and closes it. */
  readonly store: Store;
  readonly limits?: Partial<ServerLimits>;
  /**
   * Origins allowed to call the API from a browser (CORS), e.g. `https://dashboard.example`. Empty (the
   * default): no CORS headers, so browsers keep other sites' pages from reading the archive.
   */
  readonly corsOrigins?: readonly string[];
  readonly log?: ServerLog;
  /**
   * The workbench (loadUiAssets()): served at / beside the API. null: its pages say how to build it;
   * undefined (the default): the server is the API alone.
   */
  readonly ui?: UiAssets | null;
}

export function resolveLimits(limits: Partial<ServerLimits> = {}): ServerLimits {
  const resolved = { ...DEFAULT_LIMITS, ...limits };
  for (const [name, value] of Object.entries(resolved)) {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`Server limit ${name} must be a whole number ≥ 0, not ${String(value)}.`);
  }
  return resolved;
}

/**
 * A CORS origin as browsers send it: scheme, host and port, no path (`https://app.example:8443`), or
 * `*` for any site. Returns the origin in the form browsers compare, or throws with what is accepted.
 */
export function parseCorsOrigin(value: string): string {
  const text = value.trim();
  if (text === '*') return text;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new RangeError(`"${value}" is not an origin: give scheme and host, such as https://dashboard.example or http://localhost:3000.`);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || (url.pathname !== '/' && url.pathname !== '') || url.search || url.hash || url.username) {
    throw new RangeError(`"${value}" is not an origin: give only scheme, host and port, such as https://dashboard.example (no path).`);
  }
  return url.origin;
}
