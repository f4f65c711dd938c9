/**
 * The workbench reads the same HTTP API scripts use (GET /api/...), and nothing else. A failed request
 * becomes an ApiFailure carrying the API's own error message, which the views show as it is.
 */

export type Params = Readonly<Record<string, string | number | boolean | null | undefined>>;

/** `/api/...` with the given parameters; empty and absent values are left out (the API reads them as not given). */
export function apiUrl(path: string, params: Params = {}): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '' || value === false) continue;
    query.set(name, String(value));
  }
  const text = query.toString();
  return `/api/${path}${text ? `?${text}` : ''}`;
}

export class ApiFailure extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly parameter?: string,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

interface ErrorBody {
  error?: { code?: string; message?: string; parameter?: string };
}

export async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { signal, headers: { Accept: 'application/json' } });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiFailure('The Parley server does not answer. Is `parley serve` still running?', 0, 'network');
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    throw new ApiFailure(`The server answered ${response.status} with something that is not JSON.`, response.status, 'not_json');
  }
  if (!response.ok) {
    const error = (body as ErrorBody | null)?.error;
    throw new ApiFailure(error?.message ?? `The server answered ${response.status}.`, response.status, error?.code ?? 'http_error', error?.parameter);
  }
  return body as T;
}
