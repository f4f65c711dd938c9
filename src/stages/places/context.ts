import { getLayer, type Document } from '../../model/document.js';
import '../actors/mention.js';
import type { Gazetteer } from './gazetteer.js';
import type { Context } from './resolve.js';
import { DATELINE_AFTER, DATELINE_WINDOW, DOMAIN_COUNTRIES, EVIDENCE, GENERIC_COUNTRY_DOMAINS } from './rules.js';
import type { Toponym } from './toponyms.js';

/**
 * What an article says about where it is, apart from the place names being resolved: its dateline
 * ("BEIRUT, Lebanon (Reuters) —"), its site's country (a country-code domain), and the countries of the
 * actors the actors stage coded (USAGOV, CHNMED: the United States, China).
 */

/** The site's country (ISO alpha-2) from its domain (.de, .co.uk), or null (.com, .tv, no address). */
export function siteCountry(doc: Document): string | null {
  const address = doc.article.canonicalUrl ?? doc.article.url;
  if (!address) return null;
  let host: string;
  try {
    host = new URL(address).hostname;
  } catch {
    return null;
  }
  const ending = host.slice(host.lastIndexOf('.') + 1).toLowerCase();
  if (!/^[a-z]{2}$/.test(ending) || GENERIC_COUNTRY_DOMAINS.has(ending)) return null;
  return DOMAIN_COUNTRIES[ending] ?? ending.toUpperCase();
}

/** The toponym that opens a block within the article's first characters and is followed by a dateline mark. */
export function findDateline(doc: Document, toponyms: readonly Toponym[]): Toponym | null {
  const blocks = getLayer(doc, 'blocks');
  for (const toponym of toponyms) {
    if (toponym.start > DATELINE_WINDOW) break;
    if (toponym.form !== 'name') continue;
    const opensBlock = toponym.start === 0 || blocks.some((b) => b.start === toponym.start);
    if (opensBlock && DATELINE_AFTER.test(doc.text.slice(toponym.end, toponym.end + 60))) return toponym;
  }
  return null;
}

/** Evidence for countries from the actors stage's codes (one vote per actor) and the site's domain. */
export function documentContext(doc: Document, gazetteer: Gazetteer, toponyms: readonly Toponym[]): Context {
  const countries = new Map<string, number>();
  const add = (code: string, weight: number): void => {
    const country = gazetteer.country(code);
    if (country) countries.set(country.country, (countries.get(country.country) ?? 0) + weight);
  };
  const seen = new Set<number>();
  for (const mention of getLayer(doc, 'mentions')) {
    const { entity, type, code } = mention.data;
    if (seen.has(entity) || type === 'country' || type === 'location' || !code || code.length < 3) continue;
    seen.add(entity);
    add(code.slice(0, 3), EVIDENCE.actor);
  }
  const site = siteCountry(doc);
  if (site) add(site, EVIDENCE.site);
  return { countries, dateline: findDateline(doc, toponyms) };
}
