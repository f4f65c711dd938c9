import { getDomain } from 'tldts';

/**
 * The site a URL belongs to: its registrable domain under the Public Suffix List (`www.bbc.co.uk` and
 * `news.bbc.co.uk` are both `bbc.co.uk`; `alice.github.io` and `bob.github.io` are two sites, since
 * github.io is a private suffix). The list comes with tldts, which follows its updates.
 *
 * Hosts that have no registrable domain (IP addresses, `localhost`, intranet names) are their own site;
 * every local file (a `file:` URL) belongs to one site, the local disk, so two copies of a page in a
 * folder are copies on the same site.
 */

export const LOCAL_FILES_SITE = 'file:';

export function siteOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol === 'file:') return LOCAL_FILES_SITE;
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  const host = parsed.hostname.replace(/\.$/, '');
  if (host === '') return null;
  return getDomain(host, { allowPrivateDomains: true }) ?? host;
}

export function sameSite(a: string, b: string): boolean {
  const site = siteOf(a);
  return site !== null && site === siteOf(b);
}
