import { request as httpRequest, type Agent as HttpAgent, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { request as httpsRequest, type Agent as HttpsAgent } from 'node:https';
import type { Socket } from 'node:net';
import { errorCode, errorMessage, formatBytes } from '../bytes.js';
import { formatMilliseconds, limitName, raiseLimit } from '../limit-flags.js';
import type { AddressPolicy } from './address.js';
import { RefusedAddressError } from './address.js';

/**
 * One HTTP request and its response, with every limit enforced: connect timeout (DNS, TCP and TLS), read
 * timeout (silence between bytes), total timeout, the checked address (see address.ts), and a cap on the
 * body that stops reading (and closes the connection) as soon as it is passed: a 50 MB answer costs the
 * cap, not 50 MB. Redirects, retries and robots.txt are the fetcher's business, one level up.
 *
 * A body must arrive whole: one cut short — by a time limit, a reset connection, fewer bytes than its
 * Content-Length or its chunked framing promised — is a TRUNCATED failure, never a page. A body without
 * a length ends when the server closes the connection, so there only a clean close (FIN) ends it; a
 * reset or our own time limit leaves it incomplete, even though Node's parser calls it complete.
 */

export interface ExchangeRequest {
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  /**
   * Called with the status and headers: read the body (up to `maxBytes`: past it, the exchange fails with
   * TOO_LARGE, or with `truncate` keeps the first `maxBytes`) or close the connection without reading it.
   */
  readonly readBody: (status: number, headers: IncomingHttpHeaders) => BodyDecision;
  readonly signal?: AbortSignal | undefined;
}

export type BodyDecision = { readonly read: true; readonly maxBytes: number; readonly truncate?: boolean } | { readonly read: false };

export interface ExchangeLimits {
  readonly connectTimeoutMs: number;
  readonly readTimeoutMs: number;
  readonly totalTimeoutMs: number;
}

export interface ExchangeAgents {
  readonly http: HttpAgent;
  readonly https: HttpsAgent;
  readonly policy: AddressPolicy;
}

export type ExchangeResult =
  | { readonly ok: true; readonly status: number; readonly headers: IncomingHttpHeaders; readonly body: Uint8Array | null }
  | { readonly ok: false; readonly code: ExchangeFailureCode; readonly message: string };

export type ExchangeFailureCode = 'TIMEOUT' | 'DNS_ERROR' | 'NETWORK_ERROR' | 'PRIVATE_ADDRESS' | 'TOO_LARGE' | 'TRUNCATED';

class ExchangeTimeout extends Error {
  constructor(readonly phase: 'connect' | 'read' | 'total', readonly ms: number) {
    super(`${phase} timeout`);
  }
}

/** The body stopped before its end: `why` completes "the body ...", e.g. "ended when the connection was reset". */
class BodyTruncated extends Error {
  constructor(readonly received: number, readonly declared: number | null, readonly why: string) {
    super('body truncated');
  }
}

class BodyTooLarge extends Error {
  constructor(readonly maxBytes: number, readonly declared: number | null) {
    super('body too large');
  }
}

/** What a network error code means for people. */
const NETWORK_WORDS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'the connection was refused',
  ECONNRESET: 'the connection was reset',
  EPIPE: 'the connection was closed while sending',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  ETIMEDOUT: 'the connection timed out',
  ERR_SSL_WRONG_VERSION_NUMBER: 'the TLS handshake failed (is it really https?)',
  CERT_HAS_EXPIRED: 'the TLS certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the TLS certificate is self-signed',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the TLS certificate cannot be verified',
  ERR_TLS_CERT_ALTNAME_INVALID: 'the TLS certificate is for another host',
};

const DNS_CODES: ReadonlySet<string> = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NODATA', 'EAI_NONAME']);

export async function exchange(request: ExchangeRequest, limits: ExchangeLimits, agents: ExchangeAgents): Promise<ExchangeResult> {
  const { url } = request;
  try {
    agents.policy.checkLiteral(url.hostname);
  } catch (error) {
    return failure(error, limits, url);
  }
  if (request.signal?.aborted) return { ok: false, code: 'NETWORK_ERROR', message: `The fetch of ${url.href} was cancelled.` };
  const secure = url.protocol === 'https:';
  const send = secure ? httpsRequest : httpRequest;
  const controller = new AbortController();
  const timers: NodeJS.Timeout[] = [];
  let timedOut: ExchangeTimeout | null = null;
  const stop = (reason: Error): void => {
    if (reason instanceof ExchangeTimeout && timedOut === null) timedOut = reason;
    controller.abort(reason);
  };
  const onAbort = (): void => stop(new Error('The fetch was cancelled.'));
  request.signal?.addEventListener('abort', onAbort, { once: true });
  timers.push(setTimeout(() => stop(new ExchangeTimeout('total', limits.totalTimeoutMs)), limits.totalTimeoutMs));
  const connectTimer = setTimeout(() => stop(new ExchangeTimeout('connect', limits.connectTimeoutMs)), limits.connectTimeoutMs);
  timers.push(connectTimer);

  // What the transport did while the body arrived: a clean end (FIN) from the server, or an error (a reset).
  const transport: { ended: boolean; error: Error | null } = { ended: false, error: null };
  try {
    const response = await new Promise<IncomingMessage>((resolve, reject) => {
      const req = send(url, {
        method: 'GET',
        headers: request.headers,
        agent: secure ? agents.https : agents.http,
        lookup: agents.policy.lookup,
        signal: controller.signal,
      });
      req.on('socket', (socket: Socket) => {
        socket.once('end', () => (transport.ended = true));
        const connected = (): void => {
          clearTimeout(connectTimer);
          // The address actually connected to, checked again: nothing reaches a refused address.
          const remote = socket.remoteAddress;
          try {
            if (remote) agents.policy.check(url.hostname, remote);
          } catch (error) {
            req.destroy(error as Error);
          }
        };
        if (socket.connecting) socket.once(secure ? 'secureConnect' : 'connect', connected);
        else connected();
      });
      req.setTimeout(limits.readTimeoutMs, () => stop(new ExchangeTimeout('read', limits.readTimeoutMs)));
      req.on('response', resolve);
      req.on('error', (error) => {
        transport.error ??= error;
        reject(error);
      });
      req.end();
    });
    const status = response.statusCode ?? 0;
    const decision = request.readBody(status, response.headers);
    if (!decision.read) {
      response.destroy();
      return { ok: true, status, headers: response.headers, body: null };
    }
    const body = await readWhole(response, decision.maxBytes, decision.truncate ?? false, () => timedOut, transport);
    return { ok: true, status, headers: response.headers, body };
  } catch (error) {
    return failure(error instanceof BodyTruncated || error instanceof BodyTooLarge ? error : (timedOut ?? error), limits, url);
  } finally {
    for (const timer of timers) clearTimeout(timer);
    request.signal?.removeEventListener('abort', onAbort);
  }
}

/**
 * Reads the body up to `maxBytes`, refusing at once a Content-Length over it (unless truncating); the
 * connection is closed as soon as the cap is passed. A body that stops before its end throws
 * BodyTruncated (see the top of this file); `truncate` (robots.txt) keeps the first `maxBytes` on purpose.
 */
async function readWhole(
  response: IncomingMessage,
  maxBytes: number,
  truncate: boolean,
  timedOut: () => ExchangeTimeout | null,
  transport: { readonly ended: boolean; readonly error: Error | null },
): Promise<Uint8Array> {
  const length = Number(response.headers['content-length']);
  const declared = response.headers['content-length'] !== undefined && Number.isFinite(length) ? length : null;
  if (!truncate && declared !== null && declared > maxBytes) {
    response.destroy();
    throw new BodyTooLarge(maxBytes, declared);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let cause: unknown = null;
  try {
    for await (const chunk of response as AsyncIterable<Buffer>) {
      if (size + chunk.byteLength > maxBytes) {
        response.destroy();
        if (!truncate) throw new BodyTooLarge(maxBytes, null);
        chunks.push(chunk.subarray(0, maxBytes - size));
        return Buffer.concat(chunks, maxBytes);
      }
      size += chunk.byteLength;
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof BodyTooLarge) throw error;
    cause = error;
  }
  const delimitedByClose = declared === null && !/\bchunked\b/i.test(String(response.headers['transfer-encoding'] ?? ''));
  const timeout = timedOut();
  if (timeout !== null) throw new BodyTruncated(size, declared, `was cut off by ${describeTimeout(timeout)}`);
  if (cause !== null || transport.error !== null || !response.complete || (delimitedByClose && !transport.ended)) {
    const code = errorCode(cause ?? transport.error);
    const how = code && code !== 'ECONNRESET' && NETWORK_WORDS[code] ? NETWORK_WORDS[code] : 'the connection was reset or closed early';
    throw new BodyTruncated(size, declared, `stopped before its end: ${how}`);
  }
  return Buffer.concat(chunks, size);
}

function describeTimeout(timeout: ExchangeTimeout): string {
  const which = { connect: 'the connect time limit', read: 'the time limit between bytes', total: 'the time limit for the whole page' }[timeout.phase];
  return `${which}, ${formatMilliseconds(timeout.ms)} (${raiseLimit(TIMEOUT_OPTIONS[timeout.phase])} to wait longer)`;
}

const TIMEOUT_OPTIONS = { connect: 'connectTimeoutMs', read: 'readTimeoutMs', total: 'totalTimeoutMs' } as const;

function failure(error: unknown, limits: ExchangeLimits, url: URL): ExchangeResult {
  if (error instanceof ExchangeTimeout) {
    const what = { connect: 'connecting to', read: 'waiting for data from', total: 'fetching from' }[error.phase];
    return { ok: false, code: 'TIMEOUT', message: `Timed out after ${formatMilliseconds(error.ms)} ${what} ${url.host} (${limitName(TIMEOUT_OPTIONS[error.phase])}).` };
  }
  if (error instanceof BodyTruncated) {
    const of = error.declared === null ? '' : ` of the ${formatBytes(error.declared)} its Content-Length announced`;
    return {
      ok: false,
      code: 'TRUNCATED',
      message: `The page from ${url.host} is incomplete: after ${formatBytes(error.received)}${of}, the body ${error.why}. Nothing of it was stored; the next run fetches it again.`,
    };
  }
  if (error instanceof BodyTooLarge) {
    const size = error.declared === null ? `more than ${formatBytes(error.maxBytes)}` : formatBytes(error.declared);
    return { ok: false, code: 'TOO_LARGE', message: `The response is ${size}, over the limit of ${formatBytes(error.maxBytes)}; reading stopped (${raiseLimit('maxBodyBytes')} to accept it).` };
  }
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  if (cause instanceof RefusedAddressError) {
    return { ok: false, code: 'PRIVATE_ADDRESS', message: `Refused to connect: ${cause.message}. Pass allowPrivate (--allow-private) to fetch from private networks.` };
  }
  const code = errorCode(cause);
  if (code && DNS_CODES.has(code)) return { ok: false, code: 'DNS_ERROR', message: `The host ${url.hostname} cannot be resolved (${code}).` };
  const words = ((code && NETWORK_WORDS[code]) ?? errorMessage(cause)).replace(/\.$/, '');
  return { ok: false, code: 'NETWORK_ERROR', message: `Fetching from ${url.host} failed: ${words}${code ? ` (${code})` : ''}.` };
}
