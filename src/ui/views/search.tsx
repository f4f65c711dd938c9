import { useLocation } from 'preact-iso';
import { useEffect, useState } from 'preact/hooks';
import type { ArticleSummaryJSON } from '../../server/serialize.js';
import type { ArticleFacets, FacetCount } from '../../store/explore.js';
import { apiUrl } from '../api.js';
import { ArticleList } from '../components/article-list.js';
import { Downloads } from '../components/downloads.js';
import { MoreButton, usePaged } from '../components/more.js';
import { Await, Empty, ErrorNote, Loading } from '../components/status.js';
import { PALETTE, PeriodSwitch, TimeChart } from '../components/time-chart.js';
import { formatCount, formatDecimal, periodEnd, periodFor, plural, type Period } from '../format.js';
import { useApi, useSearchParams, useTitle } from '../hooks.js';
import { withFilter, type QueryFilter } from '../query.js';

interface TimelineJSON {
  by: Period;
  total: number;
  undated: number;
  timeline: { start: string; articles: number; tone: number | null; toned: number }[];
}

const MAX_COMPARED = 5;

/**
 * Search: the query language of `parley search`, results with their passages, facets that narrow the
 * query on click, attention over time (several queries on one chart) and tone over time. State: q, by,
 * compare (repeatable) in the URL.
 */
export function SearchView() {
  const [params, update] = useSearchParams();
  const q = params.get('q') ?? '';
  const compared = params.getAll('compare').slice(0, MAX_COMPARED);
  const by = params.get('by') as Period | null;
  useTitle(q ? `Search: ${q}` : 'Search');
  const setQuery = (next: string): void => update({ q: next.trim() || null });

  return (
    <section aria-labelledby="search-title">
      <h1 id="search-title">Search</h1>
      <SearchForm query={q} onSearch={setQuery} />
      <Attention q={q} compared={compared} by={by} onBy={(p) => update({ by: p }, true)} onCompare={(list) => update({ compare: list })} onPeriod={(query, since, until) => update({ q: withFilter(withFilter(query, 'since', since), 'until', until), compare: null })} />
      <div class="search-columns">
        <Results q={q} />
        <Facets q={q} onFilter={(name, value) => setQuery(withFilter(q, name, value))} />
      </div>
    </section>
  );
}

export function SearchForm({ query, onSearch, label = 'Search the archive' }: { query: string; onSearch: (q: string) => void; label?: string }) {
  const [text, setText] = useState(query);
  useEffect(() => setText(query), [query]);
  return (
    <form
      class="search-form"
      role="search"
      onSubmit={(event) => {
        event.preventDefault();
        onSearch(text);
      }}
    >
      <label for="q">{label}</label>
      <div class="search-row">
        <input id="q" name="q" type="search" value={text} onInput={(e) => setText((e.target as HTMLInputElement).value)} placeholder='"climate change" theme:CLIMATE_CHANGE since:2024-01' autocomplete="off" />
        <button type="submit">Search</button>
      </div>
      <details class="help">
        <summary>Query language</summary>
        <ul>
          <li>
            <code>climate change</code> both words; <code>"climate change"</code> the phrase; <code>climat*</code> a prefix
          </li>
          <li>
            <code>coal OR gas</code>, <code>climate NOT coal</code> (or <code>-coal</code>), parentheses to group; operators in upper case
          </li>
          <li>
            Filters: <code>site:voanews.com</code> <code>lang:en</code> <code>actor:CHN</code> <code>theme:CYBER_SECURITY</code> <code>since:2024-01</code> <code>until:2024-06-30</code>
          </li>
          <li>No words: the newest articles that pass the filters.</li>
        </ul>
      </details>
    </form>
  );
}

const FACETS: readonly { key: 'sites' | 'languages' | 'themes' | 'actors'; title: string; filter: QueryFilter }[] = [
  { key: 'sites', title: 'Sites', filter: 'site' },
  { key: 'languages', title: 'Languages', filter: 'lang' },
  { key: 'themes', title: 'Themes', filter: 'theme' },
  { key: 'actors', title: 'Actors', filter: 'actor' },
];

function Facets({ q, onFilter }: { q: string; onFilter: (name: QueryFilter, value: string) => void }) {
  const url = apiUrl('articles/facets', { q });
  const state = useApi<ArticleFacets>(url);
  return (
    <Await state={state} what="the facets">
      {(facets) => (
        <aside class="facets" aria-label="Facets: click one to narrow the search">
          <p class="total">
            <strong>{plural(facets.total, 'article')}</strong> {q ? 'match' : 'in the archive'}
            {facets.sample ? <span class="note"> · themes and actors counted on the {formatCount(facets.sample.articles)} {q ? 'latest stored' : 'newest'}</span> : null}
          </p>
          <div class="facet-grid">
            {FACETS.map(({ key, title, filter }) => (
              <FacetList key={key} title={title} items={facets[key]} onPick={(value) => onFilter(filter, value)} />
            ))}
          </div>
          <Downloads json={url} name="facets" csv={() => ({ columns: ['facet', 'value', 'label', 'articles'], rows: FACETS.flatMap(({ key }) => facets[key].map((f) => [key, f.value, f.label, f.articles])) })} />
        </aside>
      )}
    </Await>
  );
}

function FacetList({ title, items, onPick }: { title: string; items: readonly FacetCount[]; onPick: (value: string) => void }) {
  return (
    <div class="facet">
      <h2>{title}</h2>
      {items.length === 0 ? (
        <p class="note">none</p>
      ) : (
        <ul>
          {items.map((item) => (
            <li key={item.value}>
              {item.value === '' ? (
                // Pages read from files have no site: shown, but there is no filter for them.
                <span class="note">(no site)</span>
              ) : (
                <button type="button" class="link" onClick={() => onPick(item.value)} title={`Narrow to ${item.value}`}>
                  {item.label}
                  {item.label !== item.value ? <span class="code"> {item.value}</span> : null}
                </button>
              )}
              <span class="count">{formatCount(item.articles)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Attention({
  q,
  compared,
  by,
  onBy,
  onCompare,
  onPeriod,
}: {
  q: string;
  compared: readonly string[];
  by: Period | null;
  onBy: (by: Period) => void;
  onCompare: (list: readonly string[]) => void;
  /** A click on a period of a query's line: that query, narrowed to the period. */
  onPeriod: (query: string, since: string, until: string) => void;
}) {
  const queries = [q, ...compared];
  const period = by ?? 'day';
  const urls = queries.map((query) => apiUrl('articles/timeline', { q: query, by: period }));
  const states = useAll<TimelineJSON>(urls);
  const [adding, setAdding] = useState('');
  const main = states[0];
  // Without `by` in the URL: days for a short span, else weeks or months (chosen once, then kept in the URL).
  useEffect(() => {
    if (by === null && main?.data) {
      const chosen = periodFor(main.data.timeline.map((b) => b.start));
      if (chosen !== 'day') onBy(chosen);
    }
  }, [by, main?.data]);
  const failed = states.find((s) => s.error);
  const label = (query: string): string => query || 'all articles';
  return (
    <section class="panel" aria-labelledby="attention-title">
      <h2 id="attention-title">Attention over time</h2>
      <PeriodSwitch by={period} onChange={onBy} />
      <form
        class="compare"
        onSubmit={(event) => {
          event.preventDefault();
          if (adding.trim() && compared.length < MAX_COMPARED) onCompare([...compared, adding.trim()]);
          setAdding('');
        }}
      >
        <label for="compare">Compare with another query</label>
        <input id="compare" value={adding} onInput={(e) => setAdding((e.target as HTMLInputElement).value)} placeholder="e.g. trade OR tariffs" disabled={compared.length >= MAX_COMPARED} />
        <button type="submit" disabled={compared.length >= MAX_COMPARED}>
          Add
        </button>
      </form>
      {compared.length > 0 ? (
        <ul class="chips" aria-label="Queries on the chart">
          {compared.map((c, i) => (
            <li key={c}>
              <span class="swatch" data-color={i + 1} />
              {c}{' '}
              <button type="button" class="link" aria-label={`Remove ${c} from the chart`} onClick={() => onCompare(compared.filter((x) => x !== c))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {failed?.error ? <ErrorNote error={failed.error} what="attention over time" /> : null}
      {states.some((s) => s.loading && !s.data) ? <Loading what="attention over time" /> : null}
      {states.every((s) => s.data) ? (
        states.every((s) => s.data!.timeline.length === 0) ? (
          <Empty>No dated articles to chart{states[0]!.data!.undated ? ` (${plural(states[0]!.data!.undated, 'undated article')})` : ''}.</Empty>
        ) : (
          <>
            <TimeChart
              title="Articles per period"
              by={period}
              leftLabel="articles"
              series={states.map((s, i) => ({ label: label(queries[i]!), values: new Map(s.data!.timeline.map((b) => [b.start, b.articles])), color: PALETTE[i] }))}
              onSelect={(start, index) => onPeriod(queries[index ?? 0]!, start, periodEnd(start, period))}
            />
            <h3>Tone over time</h3>
            <p class="note">Mean document tone of the articles of each period (GDELT scale: below 0 negative, above 0 positive).</p>
            <TimeChart
              title="Mean tone per period"
              by={period}
              leftLabel="mean tone"
              series={[{ label: `tone: ${label(q)}`, values: new Map(main!.data!.timeline.filter((b) => b.tone !== null).map((b) => [b.start, b.tone!])), gaps: true, color: PALETTE[4] }]}
              onSelect={(start) => onPeriod(q, start, periodEnd(start, period))}
            />
            <Downloads
              json={urls[0]!}
              name="attention"
              csv={() => ({
                columns: ['query', 'period', 'articles', 'meanTone', 'tonedArticles'],
                rows: states.flatMap((s, i) => s.data!.timeline.map((b) => [queries[i]!, b.start, b.articles, b.tone === null ? null : formatDecimal(b.tone), b.toned])),
              })}
            />
          </>
        )
      ) : null}
    </section>
  );
}

/** Several API requests at once (one per compared query). */
function useAll<T>(urls: readonly string[]) {
  const states = [useApi<T>(urls[0] ?? null), useApi<T>(urls[1] ?? null), useApi<T>(urls[2] ?? null), useApi<T>(urls[3] ?? null), useApi<T>(urls[4] ?? null), useApi<T>(urls[5] ?? null)];
  return states.slice(0, urls.length);
}

function Results({ q }: { q: string }) {
  const url = apiUrl('articles', { q, limit: 20 });
  const { items, next, error, loading, more } = usePaged<ArticleSummaryJSON>(url, (page) => page.articles as ArticleSummaryJSON[]);
  const { route } = useLocation();
  return (
    <section class="panel" aria-labelledby="results-title" aria-busy={loading}>
      <h2 id="results-title">{q ? 'Results, most relevant first' : 'Newest articles'}</h2>
      {error ? <ErrorNote error={error} what="the results" /> : null}
      {items.length === 0 && loading ? <Loading what="the results" /> : null}
      {items.length === 0 && !loading && !error ? (
        <Empty>
          No articles match{q ? <> “{q}”</> : null} — try fewer words, a prefix such as <code>climat*</code>, OR between alternatives, or remove a filter.{' '}
          <button type="button" class="link" onClick={() => route('/search')}>
            Show the newest articles
          </button>
        </Empty>
      ) : null}
      <ArticleList articles={items} />
      <MoreButton next={next} loading={loading} more={more} />
      {items.length > 0 ? (
        <Downloads json={url} name="results" csv={() => ({ columns: ['id', 'url', 'title', 'published', 'site', 'language', 'score', 'snippet'], rows: items.map((a) => [a.id, a.url, a.title, a.published, a.site, a.language, a.score, a.snippet]) })} />
      ) : null}
    </section>
  );
}
