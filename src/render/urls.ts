/**
 * The URL policy every renderer shares: a link or an image survives only as an absolute URL with an
 * allowed scheme, so page text can never smuggle `javascript:`, `data:` or `vbscript:` targets into
 * Parley's Markdown or HTML (whatever the spacing, case or entity tricks, the URL parser decides).
 */

export const LINK_SCHEMES: ReadonlySet<string> = new Set(['http:', 'https:', 'mailto:']);
/** For images and page addresses (canonical links). */
export const WEB_SCHEMES: ReadonlySet<string> = new Set(['http:', 'https:']);

/** The normalized absolute URL when `href` parses and its scheme is allowed, else null. */
export function safeUrl(href: string | null | undefined, schemes: ReadonlySet<string>): string | null {
  if (!href) return null;
  try {
    const url = new URL(href.trim());
    return schemes.has(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}
