/**
 * The names a site goes by: its declared names (og:site_name, the JSON-LD publisher, application-name)
 * and its host ("www.tagesschau.de" → "tagesschau"). Titles end with them ("Headline | Site") and
 * bylines sometimes hold them instead of a person; both are told apart here, with the keys computed
 * once per page.
 */
import { comparable } from './candidates.js';

/** Generic top-level and second-level labels that do not name the site ("co" of "co.uk"). */
const HOST_NOISE = /^(?:www\d?|m|amp|mobile|blog|blogs|news|co|com|org|net|gov|ac|edu)$/;
/** A segment written as a domain ("taz.de", "MDR.DE", "www.example.com"). */
const DOMAIN = /^(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}$/i;
/** Suffixes a site name adds to its host's name ("spiegel" → "Spiegel Online"). */
const NAME_SUFFIX = /(?:de|com|net|org|online|news|magazin|magazine|blog)$/;
/** Shortest host label taken as the site's name when a title segment equals it. */
const MIN_LABEL = 4;

const compact = (text: string): string => comparable(text).replace(/ /g, '');

export class SiteIdentity {
  private readonly names: ReadonlySet<string>;
  private readonly labels: ReadonlySet<string>;

  constructor(siteNames: readonly string[], host: string | null) {
    this.names = new Set(siteNames.map(compact).filter(Boolean));
    const labels = new Set<string>();
    if (host) {
      const parts = host.toLowerCase().split('.');
      const meaningful = parts.slice(0, -1).filter((p) => !HOST_NOISE.test(p));
      if (meaningful.length) labels.add(compact(meaningful.join('')));
      const main = meaningful[meaningful.length - 1];
      if (main) labels.add(compact(main));
    }
    this.labels = labels;
  }

  /** Whether `text` is the site's name: a declared name, the host's name, or a domain. */
  isSite(text: string): boolean {
    const c = compact(text);
    if (!c) return true;
    if (this.names.has(c) || this.labels.has(c) || DOMAIN.test(text.trim())) return true;
    const bare = c.replace(NAME_SUFFIX, '');
    return bare.length >= MIN_LABEL && bare !== c && this.labels.has(bare);
  }

  /** Whether `text` is one of the names the site declares (og:site_name, publisher), not only its host's name. */
  isDeclaredName(text: string): boolean {
    return this.names.has(compact(text));
  }

  /** Whether every name in a byline is the site's own (the publisher, not an author). */
  isPublisher(names: readonly string[]): boolean {
    return names.length > 0 && names.every((n) => this.isSite(n));
  }
}
