import { countryNames } from '../../resources/countries.js';
import type { PageQuery, TimelineUnit } from '../analysis.js';
import { checkTimelineUnit, decodeKeyset, encodeKeyset, listFingerprint, periodStart } from '../analysis-filters.js';
import {
  checkFailureFilter,
  checkGroupId,
  normalizeActorProfile,
  normalizeFacetRows,
  normalizeNetworkNodes,
  normalizeSelection,
  normalizeThemeGrid,
  normalizeThemeTimeline,
  sampleInfo,
  type NormalizedSelection,
} from '../explore-filters.js';
import { actorFacet, coMentionNetwork, relatedActors, themeCountryGrid, themeFacet, type SampledArticle } from '../explore-sample.js';
import {
  EXPLORE_SAMPLE_SIZE,
  type ActorProfile,
  type ActorProfileQuery,
  type ArticleFacets,
  type ArticleSelection,
  type ArticleTimeline,
  type CoMentionNetwork,
  type DuplicateGroup,
  type FacetCount,
  type FacetQuery,
  type FailureFilter,
  type FailurePage,
  type FailureRecord,
  type NetworkQuery,
  type ThemeGrid,
  type ThemeGridQuery,
  type ThemeSeries,
  type ThemeTimelineQuery,
} from '../explore.js';
import { normalizeLimit, siteFromKey } from '../filters.js';
import type { MemoryAnalyses } from './analysis.js';
import type { ArticleEntry, MemoryTables } from './tables.js';

/**
 * The explore questions (explore.ts) over the in-memory tables: the same answers as the SQLite adapter,
 * by plain scans (the memory adapter serves tests and small archives). `select` gives a selection in
 * sample order: the most relevant articles of a search, else the newest.
 */
export class MemoryExplorer {
  constructor(
    private readonly t: MemoryTables,
    private readonly analyses: MemoryAnalyses,
    private readonly select: (selection: NormalizedSelection) => ArticleEntry[],
  ) {}

  private sampled(entries: readonly ArticleEntry[]): SampledArticle[] {
    return entries.slice(0, EXPLORE_SAMPLE_SIZE).map((e) => {
      const analysis = this.analyses.peek(e.id);
      return { id: e.id, entities: analysis?.entities.map((x) => ({ code: x.code, name: x.name })) ?? [], themes: analysis?.themes.map((x) => ({ theme: x.theme, label: x.label })) ?? [] };
    });
  }

  articleTimeline(selection: ArticleSelection, by: TimelineUnit): ArticleTimeline {
    const unit = checkTimelineUnit(by);
    const entries = this.select(normalizeSelection(selection));
    const buckets = new Map<string, { articles: number; toneSum: number; toned: number }>();
    for (const e of entries) {
      if (e.publishedMs === null) continue;
      const start = periodStart(e.publishedMs, unit);
      const bucket = buckets.get(start) ?? { articles: 0, toneSum: 0, toned: 0 };
      bucket.articles++;
      const tone = this.analyses.peek(e.id)?.tone.find((t) => t.scope === 'document');
      if (tone) {
        bucket.toneSum += tone.tone;
        bucket.toned++;
      }
      buckets.set(start, bucket);
    }
    return {
      by: unit,
      total: entries.length,
      undated: entries.filter((e) => e.publishedMs === null).length,
      buckets: [...buckets]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([start, b]) => ({ start, articles: b.articles, tone: b.toned > 0 ? b.toneSum / b.toned : null, toned: b.toned })),
    };
  }

  articleFacets(selection: ArticleSelection, options: FacetQuery = {}): ArticleFacets {
    const limit = normalizeFacetRows(options.limit);
    const entries = this.select(normalizeSelection(selection));
    const sample = this.sampled(entries);
    return {
      total: entries.length,
      sites: counted(entries.map((e) => siteFromKey(e.siteKey)), limit),
      languages: counted(entries.map((e) => e.article.language).filter((l): l is string => l !== null), limit),
      themes: themeFacet(sample, limit),
      actors: actorFacet(sample, limit),
      sample: sampleInfo(sample.length, entries.length),
    };
  }

  coMentions(selection: ArticleSelection, options: NetworkQuery = {}): CoMentionNetwork {
    const nodes = normalizeNetworkNodes(options.nodes);
    const entries = this.select(normalizeSelection(selection));
    const sample = this.sampled(entries);
    return coMentionNetwork(sample, nodes, { articles: sample.length, of: entries.length });
  }

  actorProfile(query: ActorProfileQuery): ActorProfile {
    const q = normalizeActorProfile(query);
    const names = new Map<string, { code: string; name: string; type: string; roles: Map<string, number>; articles: Set<number> }>();
    const timeline = new Map<string, number>();
    const mentioning: ArticleEntry[] = [];
    let mentions = 0;
    for (const e of this.select({ tree: null, filter: q.filter })) {
      const entities = (this.analyses.peek(e.id)?.entities ?? []).filter((x) => x.code?.startsWith(q.code) && (q.name === null || x.name.toLowerCase() === q.name));
      if (entities.length === 0) continue;
      mentioning.push(e);
      const analysis = this.analyses.peek(e.id)!;
      for (const x of entities) {
        mentions += analysis.mentions.filter((m) => m.entity === x.entity).length;
        const key = JSON.stringify([x.code, x.name, x.type]);
        const entry = names.get(key) ?? { code: x.code!, name: x.name, type: x.type, roles: new Map<string, number>(), articles: new Set<number>() };
        entry.articles.add(e.id);
        if (x.role) entry.roles.set(x.role, (entry.roles.get(x.role) ?? 0) + 1);
        names.set(key, entry);
      }
      if (e.publishedMs !== null) {
        const start = periodStart(e.publishedMs, q.by);
        timeline.set(start, (timeline.get(start) ?? 0) + 1);
      }
    }
    const sample = this.sampled(mentioning);
    return {
      code: q.code,
      name: query.name?.trim() || null,
      articles: mentioning.length,
      mentions,
      names: [...names.values()]
        .map(({ articles, roles, ...rest }) => ({ ...rest, role: [...roles].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null, articles: articles.size }))
        .sort((a, b) => b.articles - a.articles || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
        .slice(0, 25),
      timeline: [...timeline].sort(([a], [b]) => (a < b ? -1 : 1)).map(([start, articles]) => ({ start, articles })),
      related: relatedActors(sample, q.code, 25),
      sample: { articles: sample.length, of: mentioning.length },
    };
  }

  themeTimeline(query: ThemeTimelineQuery): ThemeSeries[] {
    const q = normalizeThemeTimeline(query);
    const entries = this.select({ tree: null, filter: q.filter });
    const themes = q.themes ?? themeFacet(entries.map((e) => this.sampled([e])[0]!), q.top).map((f) => f.value);
    return themes.map((theme) => {
      const buckets = new Map<string, number>();
      let label: string | null = null;
      for (const e of entries) {
        const found = this.analyses.peek(e.id)?.themes.find((t) => t.theme === theme);
        if (!found || e.publishedMs === null) continue;
        label ??= found.label;
        const start = periodStart(e.publishedMs, q.by);
        buckets.set(start, (buckets.get(start) ?? 0) + 1);
      }
      return {
        theme,
        label: label ?? theme.toLowerCase().replace(/_/g, ' '),
        buckets: [...buckets].sort(([a], [b]) => (a < b ? -1 : 1)).map(([start, articles]) => ({ start, articles })),
      };
    });
  }

  themeGrid(query: ThemeGridQuery): ThemeGrid {
    const q = normalizeThemeGrid(query);
    const entries = this.select(q.selection);
    const sample = this.sampled(entries);
    const names = countryNames();
    const grid = themeCountryGrid(sample, new Set(names.keys()), q.themeRows, q.countryColumns, { articles: sample.length, of: entries.length });
    return { ...grid, countries: grid.countries.map((c) => ({ ...c, label: names.get(c.value) ?? c.value })) };
  }

  listFailures(query: FailureFilter & PageQuery): FailurePage {
    const f = checkFailureFilter(query);
    const limit = normalizeLimit(query.limit);
    const fingerprint = listFingerprint('failures', f);
    const after = query.cursor ? decodeKeyset(query.cursor, 'failures', fingerprint) : null;
    const rows: FailureRecord[] = [];
    for (const page of [...this.t.pages.values()].sort((a, b) => b.id - a.id)) {
      const o = page.outcome;
      if (o.kind !== 'rejected' && o.kind !== 'failed') continue;
      if ((f.kind !== null && o.kind !== f.kind) || (f.code !== null && o.code !== f.code) || (f.runId !== null && page.record.runId !== f.runId)) continue;
      if (after && page.id >= after.id) continue;
      const r = page.record;
      rows.push({ pageId: page.id, runId: r.runId, source: r.source, url: r.url, fetchedAt: r.fetchedAt, kind: o.kind, stage: o.stage, code: o.code, message: o.message });
    }
    const shown = rows.slice(0, limit);
    const last = shown[shown.length - 1];
    return { failures: shown, nextCursor: rows.length > limit && last ? encodeKeyset('failures', fingerprint, { sortMs: 0, id: last.pageId, maxId: after?.maxId ?? rows[0]!.pageId }) : null };
  }

  getDuplicateGroup(groupId: number): DuplicateGroup | null {
    checkGroupId(groupId);
    const group = this.t.groups.get(groupId);
    if (!group) return null;
    const members = [...this.t.members]
      .filter(([, m]) => m.groupId === groupId)
      .map(([articleId, m]) => ({ entry: this.t.articles.get(articleId)!, member: m }))
      .sort(
        (a, b) =>
          Number(a.entry.id !== group.originalId) - Number(b.entry.id !== group.originalId) ||
          Number(a.entry.publishedMs === null) - Number(b.entry.publishedMs === null) ||
          (a.entry.publishedMs ?? 0) - (b.entry.publishedMs ?? 0) ||
          (a.entry.firstSeen < b.entry.firstSeen ? -1 : a.entry.firstSeen > b.entry.firstSeen ? 1 : 0) ||
          a.entry.id - b.entry.id,
      );
    return {
      id: groupId,
      originalId: group.originalId,
      members: members.map(({ entry, member }) => ({
        articleId: entry.id,
        url: entry.canonicalUrl,
        site: siteFromKey(entry.siteKey),
        title: entry.article.title,
        published: entry.article.published,
        firstSeen: entry.firstSeen,
        similarity: member.similarity,
        matchedId: member.matchedId,
        original: entry.id === group.originalId,
      })),
    };
  }
}

/** Values counted, most first (then by value), the first `limit`. */
function counted(values: readonly string[], limit: number): FacetCount[] {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts]
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, limit)
    .map(([value, articles]) => ({ value, label: value, articles }));
}
