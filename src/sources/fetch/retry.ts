/**
 * When to try again after a 429 or 5xx answer: the server's Retry-After when it gives one (seconds or an
 * HTTP date), otherwise an exponential backoff (base, 2 × base, 4 × base, ...). A wait longer than the
 * limit is not waited for: the answer is reported as it is, with the wait the server asked for.
 */

export interface RetryPolicy {
  readonly maxRetries: number;
  readonly retryBaseDelayMs: number;
  readonly maxRetryDelayMs: number;
}

/** Statuses worth another attempt: too many requests, and server errors (temporary by nature). */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599);
}

export type RetryDecision = { readonly retry: true; readonly waitMs: number } | { readonly retry: false; readonly reason: string | null };

/** `attempt` counts the attempts already made (1 after the first answer). */
export function retryDecision(attempt: number, retryAfter: string | string[] | undefined, policy: RetryPolicy, now = Date.now()): RetryDecision {
  if (attempt > policy.maxRetries) return { retry: false, reason: attempt > 1 ? `after ${attempt} attempts` : null };
  const asked = parseRetryAfter(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter, now);
  if (asked !== null && asked > policy.maxRetryDelayMs) {
    return { retry: false, reason: `the server asked to retry after ${Math.ceil(asked / 1000)} s, longer than maxRetryDelayMs (${policy.maxRetryDelayMs} ms)` };
  }
  const backoff = policy.retryBaseDelayMs * 2 ** (attempt - 1);
  return { retry: true, waitMs: Math.min(asked ?? backoff, policy.maxRetryDelayMs) };
}

/** Retry-After in milliseconds from now: delta-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | null {
  if (value === undefined) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** Waits `ms`, or rejects when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Error('The fetch was cancelled.'));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new Error('The fetch was cancelled.'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
