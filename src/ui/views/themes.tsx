import { useLocation } from 'preact-iso';
import { useEffect, useState } from 'preact/hooks';
import type { ThemeSummary } from '../../store/analysis.js';
import type { ThemeGrid, ThemeSeries } from '../../store/explore.js';
import { apiUrl } from '../api.js';
import { Downloads } from '../components/downloads.js';
import { Await, Empty } from '../components/status.js';
import { PALETTE, PeriodSwitch, TimeChart } from '../components/time-chart.js';
import { formatCount, formatDecimal, periodEnd, type Period } from '../format.js';
import { useApi, useSearchParams, useTitle } from '../hooks.js';
import { searchHref } from '../links.js';

/** The period a view counts (from, to): dates as the API reads them (2024, 2024-05, 2024-05-03). */
export function PeriodForm({ from, to, onApply }: { from: string; to: string; onApply: (from: string, to: string) => void }) {
  const [form, setForm] = useState({ from, to });
  useEffect(() => setForm({ from, to }), [from, to]);
  return (
    <form
      class="filters"
      onSubmit={(event) => {
        event.preventDefault();
        onApply(form.from.trim(), form.to.trim());
      }}
    >
      <label>
        From <input value={form.from} onInput={(e) => setForm({ ...form, from: (e.target as HTMLInputElement).value })} placeholder="2024-01" size={10} />
      </label>
      <label>
        To <input value={form.to} onInput={(e) => setForm({ ...form, to: (e.target as HTMLInputElement).value })} placeholder="2024-12-31" size={10} />
      </label>
      <button type="submit">Show</button>
    </form>
  );
}

/**
 * Themes: trends over time of the chosen themes (the top ones by default) and a theme × country grid,
 * every cell a link to its articles. State: themes, by, from, to in the URL.
 */
export function ThemesView() {
  const [params, update] = useSearchParams();
  const { route } = useLocation();
  const chosen = (params.get('themes') ?? '').split(',').filter(Boolean);
  const by = (params.get('by') as Period | null) ?? 'month';
  const since = params.get('from') ?? '';
  const until = params.get('to') ?? '';
  useTitle('Themes');
  const listUrl = apiUrl('themes', { since, until, limit: 40 });
  const list = useApi<{ themes: ThemeSummary[] }>(listUrl);
  const trendUrl = apiUrl('themes/timeline', { themes: chosen.join(','), since, until, by });
  const trends = useApi<{ by: Period; series: ThemeSeries[] }>(trendUrl);
  const dates = [since ? `since:${since}` : '', until ? `until:${until}` : ''].filter(Boolean).join(' ');
  const gridUrl = apiUrl('themes/grid', { q: dates });
  const grid = useApi<ThemeGrid>(gridUrl);
  const toggle = (theme: string): void => {
    const current = chosen.length ? chosen : (trends.data?.series.map((s) => s.theme) ?? []);
    const next = current.includes(theme) ? current.filter((t) => t !== theme) : [...current, theme].slice(-12);
    update({ themes: next.join(',') });
  };
  return (
    <section aria-labelledby="themes-title">
      <h1 id="themes-title">Themes</h1>
      <PeriodForm from={since} to={until} onApply={(from, to) => update({ from: from || null, to: to || null })} />
      <section class="panel" aria-labelledby="trends-title">
        <h2 id="trends-title">Theme trends: articles per {by}</h2>
        <PeriodSwitch by={by} onChange={(p) => update({ by: p }, true)} />
        <Await state={trends} what="the theme trends">
          {(t) =>
            t.series.length === 0 ? (
              <Empty>No themes in this archive yet (ingest with analysis, or run parley reanalyze).</Empty>
            ) : (
              <>
                <TimeChart
                  title="Articles per theme"
                  by={by}
                  leftLabel="articles"
                  series={t.series.map((s, i) => ({ label: s.label, values: new Map(s.buckets.map((b) => [b.start, b.articles])), color: PALETTE[i % PALETTE.length] }))}
                  onSelect={(start, index) => route(searchHref(`theme:${t.series[index ?? 0]!.theme} since:${start} until:${periodEnd(start, by)}`))}
                />
                <Downloads json={trendUrl} name="theme-trends" csv={() => ({ columns: ['theme', 'label', 'period', 'articles'], rows: t.series.flatMap((s) => s.buckets.map((b) => [s.theme, s.label, b.start, b.articles])) })} />
              </>
            )
          }
        </Await>
      </section>
      <div class="two-columns">
        <section class="panel" aria-labelledby="theme-list-title">
          <h2 id="theme-list-title">Themes of the archive</h2>
          <Await state={list} what="the themes">
            {({ themes }) => (
              <>
                <table class="compact">
                  <thead>
                    <tr>
                      <th scope="col">Chart</th>
                      <th scope="col">Theme</th>
                      <th scope="col">Articles</th>
                      <th scope="col">Mean score</th>
                    </tr>
                  </thead>
                  <tbody>
                    {themes.map((t) => (
                      <tr key={t.theme}>
                        <td>
                          <input type="checkbox" aria-label={`Chart ${t.label}`} checked={(trends.data?.series ?? []).some((s) => s.theme === t.theme)} onChange={() => toggle(t.theme)} />
                        </td>
                        <td>
                          <a href={searchHref(`theme:${t.theme}`)}>{t.label}</a> <span class="code">{t.theme}</span>
                        </td>
                        <td class="num">{formatCount(t.articles)}</td>
                        <td class="num">{formatDecimal(t.meanScore)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <Downloads json={listUrl} name="themes" csv={() => ({ columns: ['theme', 'label', 'articles', 'meanScore', 'evidence'], rows: themes.map((t) => [t.theme, t.label, t.articles, t.meanScore, t.evidence]) })} />
              </>
            )}
          </Await>
        </section>
        <section class="panel" aria-labelledby="grid-title">
          <h2 id="grid-title">Themes × countries</h2>
          <Await state={grid} what="the grid">
            {(g) =>
              g.themes.length === 0 || g.countries.length === 0 ? (
                <Empty>Not enough themes and actors to cross.</Empty>
              ) : (
                <>
                  <p class="note">
                    Articles with the theme that mention an actor of the country{g.sample.articles < g.sample.of ? ` (the newest ${formatCount(g.sample.articles)} of ${formatCount(g.sample.of)})` : ''}. A cell opens its articles.
                  </p>
                  <div class="table-scroll">
                    <table class="grid">
                      <thead>
                        <tr>
                          <th scope="col">Theme</th>
                          {g.countries.map((c) => (
                            <th scope="col" key={c.value} title={c.label}>
                              {c.value}
                            </th>
                          ))}
                        </tr>
                      </thead>
                      <tbody>
                        {g.themes.map((t, i) => (
                          <tr key={t.value}>
                            <th scope="row">{t.label}</th>
                            {g.countries.map((c, j) => {
                              const n = g.cells[i]![j]!;
                              const most = Math.max(1, ...g.cells.flat());
                              return (
                                <td key={c.value} class={`num heat-${Math.ceil((n / most) * 4)}`}>
                                  {n ? <a href={searchHref(`theme:${t.value} actor:${c.value} ${dates}`.trim())} aria-label={`${n} articles: ${t.label}, ${c.label}`}>{formatCount(n)}</a> : '·'}
                                </td>
                              );
                            })}
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                  <Downloads json={gridUrl} name="theme-country-grid" csv={() => ({ columns: ['theme', ...g.countries.map((c) => c.value)], rows: g.themes.map((t, i) => [t.value, ...g.cells[i]!]) })} />
                </>
              )
            }
          </Await>
        </section>
      </div>
    </section>
  );
}
