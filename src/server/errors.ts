/**
 * The errors of the HTTP API: a stable code for each kind of failure, its HTTP status, and what it
 * means (the OpenAPI document lists them from this table). Handlers and middleware throw ApiError (or
 * let a StoreError through); error-handler.ts is the one place that turns any error into a response.
 */
export const API_ERRORS = {
  bad_request: { status: 400, description: 'The request is not valid HTTP (a malformed request line or header); answered before any route.' },
  invalid_parameter: { status: 400, description: 'A query or path parameter has the wrong type, range or format, or is given more than once; `parameter` names it.' },
  unknown_parameter: { status: 400, description: 'The request has a query parameter this route does not accept (a typo?); `parameter` names it.' },
  invalid_query: { status: 400, description: 'The search query `q` is malformed; `position` is the 0-based character offset of the problem.' },
  invalid_cursor: { status: 400, description: 'The cursor is damaged or belongs to another search or filter; start again without it.' },
  not_found: { status: 404, description: 'No such article, or no such route.' },
  method_not_allowed: { status: 405, description: 'The API is read-only: use GET or HEAD (the Allow header lists them).' },
  request_timeout: { status: 408, description: 'The client took too long to send its request headers or its request.' },
  payload_too_large: { status: 413, description: 'The request has a body larger than the server accepts (the API reads none).' },
  uri_too_long: { status: 414, description: 'The request URL is longer than the server accepts.' },
  headers_too_large: { status: 431, description: 'The request line and headers are larger than the server accepts (too many or too large cookies?).' },
  internal_error: { status: 500, description: 'A bug in Parley; the server log has the details.' },
  database_unavailable: { status: 503, description: 'The database cannot answer now (locked by a writer for too long, closed, damaged or missing); try again later.' },
  timeout: { status: 503, description: 'The request took longer than the server allows; narrow it (filters, a search) or try again.' },
} as const;

export type ApiErrorCode = keyof typeof API_ERRORS;
export type ApiErrorStatus = (typeof API_ERRORS)[ApiErrorCode]['status'];

/** The JSON body of every error response. */
export interface ApiErrorBody {
  readonly error: {
    readonly code: ApiErrorCode;
    readonly message: string;
    /** The parameter at fault (400s about parameters). */
    readonly parameter?: string;
    /** For `invalid_query`: where in `q` the problem is. */
    readonly position?: number;
  };
}

export interface ApiErrorDetails {
  readonly parameter?: string;
  readonly position?: number;
  /** Response headers that go with the error (e.g. Allow on a 405). */
  readonly headers?: Readonly<Record<string, string>>;
  readonly cause?: unknown;
}

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly parameter: string | undefined;
  readonly position: number | undefined;
  readonly headers: Readonly<Record<string, string>>;

  constructor(code: ApiErrorCode, message: string, details: ApiErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'ApiError';
    this.code = code;
    this.parameter = details.parameter;
    this.position = details.position;
    this.headers = details.headers ?? {};
  }

  get status(): ApiErrorStatus {
    return API_ERRORS[this.code].status;
  }

  toBody(): ApiErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.parameter === undefined ? {} : { parameter: this.parameter }),
        ...(this.position === undefined ? {} : { position: this.position }),
      },
    };
  }
}

/** A parameter value that cannot be used: `reason` completes "<name> ..." (e.g. "must be a whole number"). */
export function invalidParameter(name: string, reason: string): ApiError {
  return new ApiError('invalid_parameter', `${name} ${reason}`, { parameter: name });
}
