/**
 * Page metadata with provenance. The page's sources are gathered once (sources.ts: one walk over the
 * tree, meta tags, JSON-LD, microdata); then each field is chosen from its candidates by source
 * reliability and agreement, and says where it came from and how sure extraction is.
 */
import type { ArticleMetadata, FieldProvenance, MetadataField } from '../../model/article.js';
import { headerValue, type HttpHeaders } from '../headers.js';
import type { ParsedPage } from '../parse.js';
import type { Resolved } from './candidates.js';
import { chooseAuthors } from './choose-authors.js';
import { chooseDates, type ChosenDate } from './choose-dates.js';
import { isChromeText, type Placed } from './collect.js';
import { findDatelines, firstShownDate } from './datelines.js';
import { DEFAULT_DATE_BOUNDS, formatDate, type DateBounds } from './date-value.js';
import { parseDateValue } from './dates.js';
import { chooseDescription, chooseTags, chooseText, chooseUrl } from './site.js';
import { SiteIdentity } from './site-identity.js';
import * as sources from './sources.js';
import { resolveTitle, type TitleResult } from './title.js';
import { dateFromUrl } from './url-dates.js';

export interface MetadataInput {
  readonly page: ParsedPage;
  /** The page's URL as given to extraction: the base for relative links and a source of dates. */
  readonly url: string | null;
  /** HTTP response headers: `Date` anchors relative datelines ("3 days ago"). */
  readonly headers?: HttpHeaders;
  /** Years a date may have; dates outside are ignored. */
  readonly dateBounds?: DateBounds;
}

export type PageMetadata = Omit<ArticleMetadata, 'language'>;

export interface MetadataResult {
  readonly fields: PageMetadata;
  readonly provenance: Partial<Record<MetadataField, FieldProvenance>>;
}

/** The heading the headline was read from, or the page's first h1 (datelines and bylines sit near it). */
function titlePlace(s: sources.PageSources, title: TitleResult | null): Placed | null {
  const headings = s.found.headings;
  return title?.heading ?? headings.find((h) => !h.chrome && h.level === 1) ?? headings.find((h) => !h.chrome && h.hinted) ?? null;
}

/** Confidence in a date that only the page's text shows, away from its headline (a guess). */
const LONE_DATE_CONFIDENCE = 0.25;

function chooseDateFields(s: sources.PageSources, input: MetadataInput, titleAt: Placed | null): { published: ChosenDate | null; modified: ChosenDate | null } {
  const bounds = input.dateBounds ?? DEFAULT_DATE_BOUNDS;
  const { found, language } = s;
  const anchor = parseDateValue(headerValue(input.headers, 'date'), bounds);
  const datelines = findDatelines({ dateElements: found.dateElements, texts: found.texts, titleAt, language, anchor, bounds });
  const chosen = chooseDates({
    published: sources.publishedCandidates(s),
    modified: sources.modifiedCandidates(s),
    times: found.times,
    datelines,
    urlDate: dateFromUrl(input.url, bounds),
    titleTextIndex: titleAt?.textIndex ?? null,
    language,
    bounds,
  });
  if (!chosen.published && !chosen.modified) {
    const lone = firstShownDate({ dateElements: found.dateElements, texts: found.texts, titleAt, language, anchor, bounds }, (i) => isChromeText(found, i));
    if (lone) return { published: { value: formatDate(lone.value), provenance: { source: 'text', confidence: LONE_DATE_CONFIDENCE } }, modified: null };
  }
  // A last change before the publication is a misread (a comment date, a copyright year): dropped.
  const modifiedFirst = chosen.published && chosen.modified && chosen.modified.value.slice(0, 10) < chosen.published.value.slice(0, 10);
  return modifiedFirst ? { published: chosen.published, modified: null } : chosen;
}

export function extractMetadata(input: MetadataInput): MetadataResult {
  const s = sources.readSources(input.page, input.url);
  const provenance: Partial<Record<MetadataField, FieldProvenance>> = {};
  const take = <T>(field: MetadataField, resolved: Resolved<T> | null): T | null => {
    if (!resolved) return null;
    provenance[field] = resolved.provenance;
    return resolved.value;
  };

  const siteNames = sources.siteNameCandidates(s);
  const site = new SiteIdentity(siteNames.map((c) => c.value), s.host);
  const title = resolveTitle({ metaTitles: sources.titleCandidates(s), titleTag: s.found.titleTag, headings: s.found.headings, site });
  const titleAt = titlePlace(s, title);
  const authors = chooseAuthors({
    structured: sources.authorCandidates(s),
    relAuthors: s.found.relAuthors,
    bylines: s.found.bylines,
    texts: s.found.texts,
    isChrome: (i) => isChromeText(s.found, i),
    titleTextIndex: titleAt?.textIndex ?? null,
    site,
  });
  const dates = chooseDateFields(s, input, titleAt);

  const fields: PageMetadata = {
    title: take('title', title),
    authors: take('authors', authors) ?? [],
    published: take('published', dates.published),
    modified: take('modified', dates.modified),
    siteName: take('siteName', chooseText(siteNames)),
    url: input.url,
    canonicalUrl: take('canonicalUrl', chooseUrl(sources.canonicalCandidates(s), s.base)),
    description: take('description', chooseDescription(sources.descriptionCandidates(s))),
    image: take('image', chooseUrl(sources.imageCandidates(s), s.base)),
    section: take('section', chooseText(sources.sectionCandidates(s))),
    tags: take('tags', chooseTags(sources.tagLists(s))) ?? [],
  };
  if (input.url) provenance.url = { source: 'input', confidence: 1 };
  return { fields, provenance };
}
