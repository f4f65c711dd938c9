import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { isStoreError, QuerySyntaxError, type StoreError, type StoreErrorCode } from '../store/errors.js';
import { API_ERRORS, ApiError, type ApiErrorCode } from './errors.js';
import type { ServerLog } from './options.js';

/**
 * The one place where errors become responses. Every failure — a bad parameter, a store error, an
 * unknown route, a method the API does not allow, a bug — leaves the server as `{error: {code,
 * message}}` with the status of its code. Messages about the caller's input are shown as they are;
 * for server-side failures (5xx) the client gets a fixed sentence and the log gets the details, so no
 * stack trace, file path or SQL ever reaches a client.
 */
export function errorResponse(error: unknown, c: Context, log: ServerLog): Response {
  const apiError = toApiError(error);
  const clientGone = c.req.raw.signal.aborted && error === c.req.raw.signal.reason;
  if (apiError.status >= 500 && !clientGone) {
    // Our own errors (a timeout) are expected: their message says it all. Anything else gets its stack.
    log.error(`${c.req.method} ${c.req.path}: ${error instanceof ApiError ? `${error.code}: ${error.message}` : describe(error)}`);
  }
  c.header('Cache-Control', 'no-store');
  for (const [name, value] of Object.entries(apiError.headers)) c.header(name, value);
  return c.json(apiError.toBody(), apiError.status);
}

/** How each store error code reaches a client: input errors keep the store's message; the others do not. */
interface StoreErrorMapping {
  readonly code: ApiErrorCode;
  /** Show the store's message (it is about the caller's input, never about the server). */
  readonly showMessage: boolean;
  readonly parameter?: string;
  readonly retryAfterSeconds?: number;
}

const UNAVAILABLE: StoreErrorMapping = { code: 'database_unavailable', showMessage: false };

/** Partial so that a code added to the store compiles; the test checks every code is here. */
export const STORE_ERROR_RESPONSES: Partial<Record<StoreErrorCode, StoreErrorMapping>> = {
  E_QUERY: { code: 'invalid_query', showMessage: true, parameter: 'q' },
  E_FILTER: { code: 'invalid_parameter', showMessage: true },
  E_CURSOR: { code: 'invalid_cursor', showMessage: true, parameter: 'cursor' },
  E_STORE_BUSY: { ...UNAVAILABLE, retryAfterSeconds: 5 },
  E_STORE_UNREACHABLE: { ...UNAVAILABLE, retryAfterSeconds: 5 },
  E_STORE_CLOSED: UNAVAILABLE,
  E_STORE_MISSING: UNAVAILABLE,
  E_STORE_NOT_PARLEY: UNAVAILABLE,
  E_STORE_CORRUPT: UNAVAILABLE,
  E_STORE_TOO_NEW: UNAVAILABLE,
  E_STORE_UNWRITABLE: UNAVAILABLE,
  E_STORE_INPUT: { code: 'internal_error', showMessage: false },
};

/** What a client reads for the server-side codes (the details go to the log). */
const SERVER_SIDE_MESSAGES: Partial<Record<ApiErrorCode, string>> = {
  internal_error: 'Something went wrong inside Parley; the server log has the details.',
  database_unavailable: 'The database cannot answer now (busy, closed or damaged); try again later. The server log has the details.',
};

/** Hono's own exceptions (from its middleware) by status. */
const HTTP_STATUS_CODES: Readonly<Record<number, ApiErrorCode>> = {
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'payload_too_large',
  414: 'uri_too_long',
};

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (isStoreError(error)) return fromStoreError(error);
  if (error instanceof HTTPException) {
    const code = HTTP_STATUS_CODES[error.status] ?? (error.status >= 500 ? 'internal_error' : 'invalid_parameter');
    return new ApiError(code, SERVER_SIDE_MESSAGES[code] ?? API_ERRORS[code].description, { cause: error });
  }
  return new ApiError('internal_error', SERVER_SIDE_MESSAGES.internal_error!, { cause: error });
}

function fromStoreError(error: StoreError): ApiError {
  const mapping = STORE_ERROR_RESPONSES[error.code] ?? { code: 'internal_error', showMessage: false };
  const message = mapping.showMessage ? error.message : (SERVER_SIDE_MESSAGES[mapping.code] ?? API_ERRORS[mapping.code].description);
  return new ApiError(mapping.code, message, {
    cause: error,
    ...(mapping.parameter === undefined ? {} : { parameter: mapping.parameter }),
    ...(error instanceof QuerySyntaxError ? { position: error.position } : {}),
    ...(mapping.retryAfterSeconds === undefined ? {} : { headers: { 'Retry-After': String(mapping.retryAfterSeconds) } }),
  });
}

/** The error as the log shows it: the stack of the error and of what caused it. */
function describe(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && depth < 5; depth++) {
    parts.push(current instanceof Error ? (current.stack ?? `${current.name}: ${current.message}`) : String(current));
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.join('\n  caused by: ');
}
