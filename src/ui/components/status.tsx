import type { ComponentChildren } from 'preact';

/** The states every view shows the same way: loading, an API error (its own message), nothing found. */

export function Loading({ what }: { what: string }) {
  return (
    <p class="status" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}

export function ErrorNote({ error, what }: { error: Error; what: string }) {
  return (
    <div class="error" role="alert">
      <strong>Could not load {what}.</strong> {error.message}
    </div>
  );
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <p class="empty">{children}</p>;
}

/** Loading, error or empty state for a request's data; the children render once data is there. */
export function Await<T>({ state, what, children }: { state: { data: T | null; error: Error | null; loading: boolean }; what: string; children: (data: T) => ComponentChildren }) {
  if (state.error) return <ErrorNote error={state.error} what={what} />;
  if (state.data === null) return state.loading ? <Loading what={what} /> : null;
  return <>{children(state.data)}</>;
}
