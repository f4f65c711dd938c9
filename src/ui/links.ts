/** The workbench's links: to its own views, and out of it only to web addresses. */

/** A link out of the workbench only for http(s) addresses: a stored `javascript:` or `data:` URL stays text. */
export function safeHref(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** An actor's page; `name` narrows it to one of the actor code's people. */
export function actorHref(code: string, name?: string | null): string {
  return `/actors/${encodeURIComponent(code)}${name ? `?name=${encodeURIComponent(name)}` : ''}`;
}

/** The search view for a query (words and filters). */
export function searchHref(query: string): string {
  return `/search?q=${encodeURIComponent(query)}`;
}
