/**
 * Coded errors of the store. Every adapter throws these and nothing else for the situations below, so
 * the CLI prints one clear line and the HTTP API turns them into responses in one place:
 * query, filter and cursor errors are the caller's input (HTTP 400, CLI usage exit 2); the others are
 * about the database (HTTP 500/503, CLI exit 1). A raw driver error never leaves an adapter for these.
 */
export const STORE_ERROR_CODES = {
  E_STORE_MISSING: 'There is no database at the given path.',
  E_STORE_NOT_PARLEY: 'The file is not a Parley database.',
  E_STORE_CORRUPT: 'The database file is damaged.',
  E_STORE_TOO_NEW: 'The database was written by a newer version of Parley.',
  E_STORE_UNWRITABLE: 'The database cannot be written (permissions, read-only file system, disk full).',
  E_STORE_BUSY: 'Another process held the database locked for too long.',
  E_STORE_UNREACHABLE: 'The database server cannot be reached, or refused the connection (PostgreSQL).',
  E_STORE_CLOSED: 'The store was used after close().',
  E_STORE_INPUT: 'A record handed to the store breaks its contract (a bug in the caller).',
  E_QUERY: 'The search query is malformed.',
  E_FILTER: 'A search or export filter has an invalid value.',
  E_CURSOR: 'A pagination cursor is damaged or belongs to another search.',
} as const;

export type StoreErrorCode = keyof typeof STORE_ERROR_CODES;

/** The codes that describe bad input from the person or program asking (HTTP 400, CLI exit 2). */
export const CALLER_ERROR_CODES: ReadonlySet<StoreErrorCode> = new Set(['E_QUERY', 'E_FILTER', 'E_CURSOR']);

export class StoreError extends Error {
  readonly code: StoreErrorCode;
  readonly hint: string | undefined;

  constructor(code: StoreErrorCode, message: string, hint?: string, options?: { cause?: unknown }) {
    super(hint ? `${message} ${hint}` : message, options);
    this.name = 'StoreError';
    this.code = code;
    this.hint = hint;
  }
}

/**
 * A malformed search query. `position` is the 0-based character offset in the query where the problem
 * is, so a UI can point at it.
 */
export class QuerySyntaxError extends StoreError {
  readonly position: number;

  constructor(message: string, position: number) {
    super('E_QUERY', message);
    this.name = 'QuerySyntaxError';
    this.position = position;
  }
}

export function isStoreError(value: unknown): value is StoreError {
  return value instanceof StoreError;
}
