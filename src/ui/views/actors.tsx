import { useLocation } from 'preact-iso';
import type { CodebookJSON } from '../../server/routes/codebook.js';
import type { ActorSummary, StoredEvent } from '../../store/analysis.js';
import type { ActorProfile, ArticleFacets, CoMentionNetwork } from '../../store/explore.js';
import { apiUrl } from '../api.js';
import { Downloads } from '../components/downloads.js';
import { MoreButton, usePaged } from '../components/more.js';
import { Network } from '../components/network.js';
import { Await, Empty, ErrorNote } from '../components/status.js';
import { PeriodSwitch, TimeChart } from '../components/time-chart.js';
import { formatCount, periodEnd, plural, type Period } from '../format.js';
import { useApi, useSearchParams, useTitle } from '../hooks.js';
import { actorHref, searchHref } from '../links.js';
import { EventTable } from './events.js';
import { QuoteList, type QuoteJSON } from './quotes.js';
import { SearchForm } from './search.js';

/**
 * Actors: the top actors of a search or period and their co-mention network (node size: articles;
 * edge width: shared articles; a node opens the actor's page). State: q in the URL (filters such as
 * since:2024-01 site:example.com go in it, as in Search).
 */
export function ActorsView() {
  const [params, update] = useSearchParams();
  const q = params.get('q') ?? '';
  useTitle(q ? `Actors: ${q}` : 'Actors');
  const networkUrl = apiUrl('actors/network', { q, nodes: 30 });
  const network = useApi<CoMentionNetwork>(networkUrl);
  // Without words, the exact counts of the whole archive; with a search, the actors of its sample.
  const topUrl = q ? apiUrl('articles/facets', { q, limit: 50 }) : apiUrl('actors', { limit: 50 });
  const top = useApi<ArticleFacets | { actors: ActorSummary[] }>(topUrl);
  const rows = (data: ArticleFacets | { actors: ActorSummary[] }): { code: string | null; name: string; articles: number }[] =>
    'total' in data ? data.actors.map((a) => ({ code: a.value, name: a.label, articles: a.articles })) : data.actors.map((a) => ({ code: a.code, name: a.name, articles: a.articles }));
  return (
    <section aria-labelledby="actors-title">
      <h1 id="actors-title">Actors</h1>
      <SearchForm query={q} onSearch={(next) => update({ q: next.trim() || null })} label="Actors of a search or period (leave empty for the whole archive)" />
      <section class="panel" aria-labelledby="network-title">
        <h2 id="network-title">Who is mentioned with whom</h2>
        <Await state={network} what="the co-mention network">
          {(n) =>
            n.nodes.length === 0 ? (
              <Empty>No actors with codes in these articles.</Empty>
            ) : (
              <>
                <p class="note">
                  The {n.nodes.length} actors mentioned in most of the {formatCount(n.sample.articles)} {q ? 'most relevant' : 'newest'} articles
                  {n.sample.articles < n.sample.of ? ` (of ${formatCount(n.sample.of)})` : ''}. A line joins two actors mentioned in the same articles; click an actor for its page.
                </p>
                <Network nodes={n.nodes} edges={n.edges} hrefFor={(code) => actorHref(code)} label="Co-mention network of the top actors" />
                <details>
                  <summary>The network as a table</summary>
                  <table class="compact">
                    <thead>
                      <tr>
                        <th scope="col">Actor</th>
                        <th scope="col">With</th>
                        <th scope="col">Shared articles</th>
                      </tr>
                    </thead>
                    <tbody>
                      {n.edges.map((e) => (
                        <tr key={`${e.source}-${e.target}`}>
                          <td>
                            <a href={actorHref(e.source)}>{e.source}</a>
                          </td>
                          <td>
                            <a href={actorHref(e.target)}>{e.target}</a>
                          </td>
                          <td class="num">{formatCount(e.articles)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </details>
                <Downloads json={networkUrl} name="co-mentions" csv={() => ({ columns: ['source', 'target', 'sharedArticles'], rows: n.edges.map((e) => [e.source, e.target, e.articles]) })} />
              </>
            )
          }
        </Await>
      </section>
      <section class="panel" aria-labelledby="top-actors-title">
        <h2 id="top-actors-title">Top actors</h2>
        <Await state={top} what="the top actors">
          {(data) => (
            <>
              <table>
                <thead>
                  <tr>
                    <th scope="col">Actor</th>
                    <th scope="col">Code</th>
                    <th scope="col">Articles</th>
                  </tr>
                </thead>
                <tbody>
                  {rows(data).map((a, i) => (
                    <tr key={`${a.code}-${a.name}-${i}`}>
                      <td>{a.code ? <a href={actorHref(a.code, q ? undefined : a.name)}>{a.name}</a> : a.name}</td>
                      <td class="code">{a.code ?? '–'}</td>
                      <td class="num">{formatCount(a.articles)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <Downloads json={topUrl} name="actors" csv={() => ({ columns: ['code', 'name', 'articles'], rows: rows(data).map((a) => [a.code, a.name, a.articles]) })} />
            </>
          )}
        </Await>
      </section>
    </section>
  );
}

/**
 * One actor (a code, or codes starting with it; `?name=` narrows to one name): mentions over time, the
 * names and roles it was seen under, what it said, what it did and what was done to it, who is
 * mentioned with it.
 */
export function ActorView({ code }: { code: string }) {
  const [params, update] = useSearchParams();
  const { route } = useLocation();
  const name = params.get('name') ?? '';
  const by = (params.get('by') as Period | null) ?? 'month';
  const profileUrl = apiUrl(`actors/${encodeURIComponent(code)}`, { name, by });
  const profile = useApi<ActorProfile>(profileUrl);
  const codebook = useApi<CodebookJSON>(apiUrl('codebook'));
  const country = codebook.data?.countries[code.toUpperCase().slice(0, 3)];
  const title = name || code;
  useTitle(`Actor: ${title}`);
  const quotesUrl = apiUrl('quotes', { speakerCode: code, speaker: name, limit: 20 });
  const quotes = usePaged<QuoteJSON>(quotesUrl, (page) => page.quotes as QuoteJSON[]);
  const didUrl = apiUrl('events', { source: code, sourceName: name, limit: 20 });
  const did = usePaged<StoredEvent>(didUrl, (page) => page.events as StoredEvent[]);
  const doneToUrl = apiUrl('events', { target: code, targetName: name, limit: 20 });
  const doneTo = usePaged<StoredEvent>(doneToUrl, (page) => page.events as StoredEvent[]);

  return (
    <section aria-labelledby="actor-title">
      <h1 id="actor-title">
        {title}
        {name ? <span class="code"> {code}</span> : null}
      </h1>
      <p class="meta">
        {country ? <>{country} · </> : null}
        {name ? (
          <>
            only mentions named “{name}” · <a href={actorHref(code)}>every name under {code}</a>
          </>
        ) : (
          <>actor code {code} and the codes that start with it</>
        )}{' '}
        · <a href={searchHref(`actor:${code}`)}>its articles</a> · <a href={`/events?source=${encodeURIComponent(code)}&both=true`}>its events over time</a>
      </p>
      <Await state={profile} what="the actor">
        {(p) => (
          <>
            <p>
              Mentioned in <strong>{plural(p.articles, 'article')}</strong> ({plural(p.mentions, 'mention')}).
            </p>
            <section class="panel" aria-labelledby="actor-timeline-title">
              <h2 id="actor-timeline-title">Articles mentioning it, per {by}</h2>
              <PeriodSwitch by={by} onChange={(next) => update({ by: next }, true)} />
              {p.timeline.length ? (
                <TimeChart title="Articles mentioning the actor" by={by} leftLabel="articles" series={[{ label: code, values: new Map(p.timeline.map((b) => [b.start, b.articles])) }]} onSelect={(start) => route(searchHref(`actor:${code} since:${start} until:${periodEnd(start, by)}`))} />
              ) : (
                <Empty>No dated articles mention it.</Empty>
              )}
              <Downloads json={profileUrl} name={`actor-${code}`} csv={() => ({ columns: ['period', 'articles'], rows: p.timeline.map((b) => [b.start, b.articles]) })} />
            </section>
            <div class="two-columns">
              <section class="panel" aria-labelledby="names-title">
                <h2 id="names-title">Names and roles seen</h2>
                {p.names.length ? (
                  <table class="compact">
                    <thead>
                      <tr>
                        <th scope="col">Name</th>
                        <th scope="col">Type, role</th>
                        <th scope="col">Code</th>
                        <th scope="col">Articles</th>
                      </tr>
                    </thead>
                    <tbody>
                      {p.names.map((n) => (
                        <tr key={`${n.code}-${n.name}-${n.type}-${n.role}`}>
                          <td>
                            <a href={actorHref(n.code, n.name)}>{n.name}</a>
                          </td>
                          <td>
                            {n.type}
                            {n.role ? `, ${n.role}` : ''}
                          </td>
                          <td class="code">{n.code}</td>
                          <td class="num">{formatCount(n.articles)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                ) : (
                  <Empty>Never mentioned in this archive.</Empty>
                )}
              </section>
              <section class="panel" aria-labelledby="related-title">
                <h2 id="related-title">Mentioned most often with</h2>
                {p.related.length ? (
                  <ol class="related">
                    {p.related.map((r) => (
                      <li key={r.code}>
                        <a href={actorHref(r.code)}>{r.name}</a> <span class="code">{r.code}</span> <span class="count">{formatCount(r.articles)}</span>
                      </li>
                    ))}
                  </ol>
                ) : (
                  <Empty>No other actors in its articles.</Empty>
                )}
              </section>
            </div>
          </>
        )}
      </Await>
      <section class="panel" aria-labelledby="said-title">
        <h2 id="said-title">What it said</h2>
        {quotes.error ? <ErrorNote error={quotes.error} what="the quotes" /> : null}
        {quotes.items.length ? <QuoteList quotes={quotes.items} /> : !quotes.loading ? <Empty>No quotes attributed to it.</Empty> : null}
        <MoreButton next={quotes.next} loading={quotes.loading} more={quotes.more} />
      </section>
      <section class="panel" aria-labelledby="did-title">
        <h2 id="did-title">What it did (events with it as the source)</h2>
        {did.error ? <ErrorNote error={did.error} what="the events" /> : null}
        {did.items.length ? <EventTable events={did.items} codebook={codebook.data} /> : !did.loading ? <Empty>No events with it as the source.</Empty> : null}
        <MoreButton next={did.next} loading={did.loading} more={did.more} />
      </section>
      <section class="panel" aria-labelledby="done-title">
        <h2 id="done-title">What was done to it (events with it as the target)</h2>
        {doneTo.error ? <ErrorNote error={doneTo.error} what="the events" /> : null}
        {doneTo.items.length ? <EventTable events={doneTo.items} codebook={codebook.data} /> : !doneTo.loading ? <Empty>No events with it as the target.</Empty> : null}
        <MoreButton next={doneTo.next} loading={doneTo.loading} more={doneTo.more} />
      </section>
    </section>
  );
}
