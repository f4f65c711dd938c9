import { useEffect, useState } from 'preact/hooks';
import { getJson } from '../api.js';

/**
 * A list read a page at a time: the first page from `url`, then "Show more" asks for the next with the
 * cursor the API returned. Starts over when the URL changes.
 */
export function usePaged<T>(url: string | null, pick: (page: Record<string, unknown>) => readonly T[]) {
  const [items, setItems] = useState<T[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [loading, setLoading] = useState(false);
  const load = (cursor: string | null, signal?: AbortSignal): void => {
    if (url === null) return;
    setLoading(true);
    const pageUrl = cursor ? `${url}${url.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(cursor)}` : url;
    getJson<Record<string, unknown> & { next: string | null }>(pageUrl, signal).then(
      (page) => {
        setItems((previous) => (cursor ? [...previous, ...pick(page)] : [...pick(page)]));
        setNext(page.next);
        setError(null);
        setLoading(false);
      },
      (failure: unknown) => {
        if (signal?.aborted) return;
        setError(failure instanceof Error ? failure : new Error(String(failure)));
        setLoading(false);
      },
    );
  };
  useEffect(() => {
    setItems([]);
    setNext(null);
    setError(null);
    const controller = new AbortController();
    load(null, controller.signal);
    return () => controller.abort();
  }, [url]);
  return { items, next, error, loading, more: () => next && load(next) };
}

export function MoreButton({ next, loading, more }: { next: string | null; loading: boolean; more: () => void }) {
  if (!next) return null;
  return (
    <button type="button" class="more" onClick={more} disabled={loading}>
      {loading ? 'Loading…' : 'Show more'}
    </button>
  );
}
