import { useLocation } from 'preact-iso';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { getJson } from './api.js';

/** What a request is doing: loading (no data yet), failed, or done. */
export interface Loaded<T> {
  readonly data: T | null;
  readonly error: Error | null;
  readonly loading: boolean;
}

/**
 * GET a URL of the API whenever it changes (null: nothing to load). A newer URL aborts the older
 * request, so a view never shows an answer to a question it no longer asks.
 */
export function useApi<T>(url: string | null): Loaded<T> {
  const [state, setState] = useState<Loaded<T> & { url: string | null }>({ data: null, error: null, loading: url !== null, url });
  useEffect(() => {
    if (url === null) {
      setState({ data: null, error: null, loading: false, url });
      return;
    }
    const controller = new AbortController();
    setState((previous) => ({ data: previous.url === url ? previous.data : null, error: null, loading: true, url }));
    getJson<T>(url, controller.signal).then(
      (data) => setState({ data, error: null, loading: false, url }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ data: null, error: error instanceof Error ? error : new Error(String(error)), loading: false, url });
      },
    );
    return () => controller.abort();
  }, [url]);
  return state.url === url ? state : { data: null, error: null, loading: url !== null };
}

/** The page's query string, and a way to change it: every view keeps its state in the URL. */
export function useSearchParams(): [URLSearchParams, (changes: Record<string, string | readonly string[] | null | undefined>, replace?: boolean) => void] {
  const location = useLocation();
  const params = useMemo(() => new URLSearchParams(location.url.split('?')[1] ?? ''), [location.url]);
  const update = (changes: Record<string, string | readonly string[] | null | undefined>, replace = false): void => {
    const next = new URLSearchParams(params);
    for (const [name, value] of Object.entries(changes)) {
      next.delete(name);
      if (value === null || value === undefined || value === '') continue;
      for (const one of typeof value === 'string' ? [value] : value) if (one !== '') next.append(name, one);
    }
    const query = next.toString();
    location.route(`${location.path}${query ? `?${query}` : ''}`, replace);
  };
  return [params, update];
}

/** Sets the document title (the browser history and tabs show which view and question it was). */
export function useTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · Parley`;
  }, [title]);
}
