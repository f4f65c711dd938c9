import type { CoMentionNetwork, FacetCount, NetworkNode, SampleInfo, ThemeGrid } from './explore.js';

/**
 * The sampled counts of explore.ts, computed the same way for every adapter from what each reads of its
 * sample: the entities and themes of each sampled article. Pure functions; actors are exact codes (an
 * entity without a code has no actor to filter by, so it is not counted).
 */

export interface SampledEntity {
  readonly code: string | null;
  readonly name: string;
  readonly role?: string | null;
}

export interface SampledArticle {
  readonly id: number;
  readonly entities: readonly SampledEntity[];
  readonly themes: readonly { readonly theme: string; readonly label: string }[];
}

/** Per code, the number of sampled articles and its most frequent name (ties: the first seen). */
function actorCounts(sample: readonly SampledArticle[]): Map<string, { articles: number; names: Map<string, number> }> {
  const counts = new Map<string, { articles: number; names: Map<string, number> }>();
  for (const article of sample) {
    const seen = new Set<string>();
    for (const entity of article.entities) {
      if (entity.code === null) continue;
      let entry = counts.get(entity.code);
      if (!entry) counts.set(entity.code, (entry = { articles: 0, names: new Map() }));
      entry.names.set(entity.name, (entry.names.get(entity.name) ?? 0) + 1);
      if (!seen.has(entity.code)) {
        seen.add(entity.code);
        entry.articles++;
      }
    }
  }
  return counts;
}

function commonName(names: Map<string, number>): string {
  let best = '';
  let most = 0;
  for (const [name, n] of names) {
    if (n > most) [best, most] = [name, n];
  }
  return best;
}

function top<T extends { articles: number }>(rows: T[], limit: number, key: (row: T) => string): T[] {
  return rows.sort((a, b) => b.articles - a.articles || key(a).localeCompare(key(b))).slice(0, limit);
}

function actorNodes(sample: readonly SampledArticle[]): NetworkNode[] {
  return [...actorCounts(sample)].map(([code, entry]) => ({ code, name: commonName(entry.names), articles: entry.articles }));
}

export function themeFacet(sample: readonly SampledArticle[], limit: number): FacetCount[] {
  const counts = new Map<string, FacetCount>();
  for (const article of sample) {
    for (const { theme, label } of article.themes) {
      const entry = counts.get(theme);
      counts.set(theme, { value: theme, label: entry?.label ?? label, articles: (entry?.articles ?? 0) + 1 });
    }
  }
  return top([...counts.values()], limit, (row) => row.value);
}

export function actorFacet(sample: readonly SampledArticle[], limit: number): FacetCount[] {
  return top(actorNodes(sample), limit, (row) => row.code).map((node) => ({ value: node.code, label: node.name, articles: node.articles }));
}

/** The `nodes` actors mentioned in most sampled articles, and how many articles each pair shares. */
export function coMentionNetwork(sample: readonly SampledArticle[], nodes: number, info: SampleInfo): CoMentionNetwork {
  const chosen = top(actorNodes(sample), nodes, (row) => row.code);
  const index = new Map(chosen.map((node, i) => [node.code, i]));
  const shared = new Map<string, number>();
  for (const article of sample) {
    const present = [...new Set(article.entities.map((e) => e.code).filter((code): code is string => code !== null && index.has(code)))].sort(
      (a, b) => index.get(a)! - index.get(b)!,
    );
    for (let i = 0; i < present.length; i++) {
      for (let j = i + 1; j < present.length; j++) {
        const key = `${present[i]}\t${present[j]}`;
        shared.set(key, (shared.get(key) ?? 0) + 1);
      }
    }
  }
  const edges = [...shared].map(([key, articles]) => {
    const [source, target] = key.split('\t') as [string, string];
    return { source, target, articles };
  });
  edges.sort((a, b) => b.articles - a.articles || a.source.localeCompare(b.source) || a.target.localeCompare(b.target));
  return { nodes: chosen, edges, sample: info };
}

/** Actors mentioned in the same sampled articles as the actor (codes starting with `prefix`), most articles first. */
export function relatedActors(sample: readonly SampledArticle[], prefix: string, limit: number): NetworkNode[] {
  return top(
    actorNodes(sample).filter((node) => !node.code.startsWith(prefix)),
    limit,
    (row) => row.code,
  );
}

/**
 * Themes × countries: for the top themes and the top countries of the sample, how many sampled articles
 * have the theme and mention an actor of the country (the first three letters of an actor code, when
 * they are a country code: USAGOV counts for USA).
 */
export function themeCountryGrid(sample: readonly SampledArticle[], countryCodes: ReadonlySet<string>, themeRows: number, countryColumns: number, info: SampleInfo): ThemeGrid {
  const themes = themeFacet(sample, themeRows);
  const countriesOf = (article: SampledArticle): Set<string> =>
    new Set(article.entities.map((e) => e.code?.slice(0, 3)).filter((code): code is string => code !== undefined && countryCodes.has(code)));
  const countryTotals = new Map<string, number>();
  const perArticle = sample.map((article) => {
    const countries = countriesOf(article);
    for (const code of countries) countryTotals.set(code, (countryTotals.get(code) ?? 0) + 1);
    return { themes: new Set(article.themes.map((t) => t.theme)), countries };
  });
  const countries = top(
    [...countryTotals].map(([code, articles]) => ({ value: code, label: code, articles })),
    countryColumns,
    (row) => row.value,
  );
  const cells = themes.map((theme) => countries.map((country) => perArticle.filter((a) => a.themes.has(theme.value) && a.countries.has(country.value)).length));
  return { themes, countries, cells, sample: info };
}
