import type { FailurePage } from '../../store/explore.js';
import type { StoreStats } from '../../store/store.js';
import { apiUrl } from '../api.js';
import { Downloads } from '../components/downloads.js';
import { MoreButton, usePaged } from '../components/more.js';
import { Await, Empty, ErrorNote } from '../components/status.js';
import { TimeChart } from '../components/time-chart.js';
import { formatCount } from '../format.js';
import { useApi, useSearchParams, useTitle } from '../hooks.js';
import { searchHref } from '../links.js';

type FailureJSON = FailurePage['failures'][number];

/** Coverage: what was ingested, from where, what came of each page, and why pages failed. */
export function CoverageView() {
  const [params, update] = useSearchParams();
  const kind = params.get('kind') ?? '';
  const code = params.get('code') ?? '';
  useTitle('Coverage');
  const statsUrl = apiUrl('stats', { runs: 50, sites: 30 });
  const stats = useApi<StoreStats>(statsUrl);
  const failuresUrl = apiUrl('failures', { kind, code, limit: 50 });
  const failures = usePaged<FailureJSON>(failuresUrl, (page) => page.failures as FailureJSON[]);
  return (
    <section aria-labelledby="coverage-title">
      <h1 id="coverage-title">Coverage</h1>
      <Await state={stats} what="the coverage">
        {(s) => (
          <>
            <dl class="figures">
              {(
                [
                  ['articles', s.articles],
                  ['pages seen', s.pages],
                  ['duplicate pages', s.duplicatePages],
                  ['copies in groups', s.duplicates],
                  ['not articles', s.rejected],
                  ['failed', s.failures],
                  ['undated articles', s.undated],
                ] as const
              ).map(([label, n]) => (
                <div key={label}>
                  <dt>{label}</dt>
                  <dd>{formatCount(n)}</dd>
                </div>
              ))}
            </dl>
            <section class="panel" aria-labelledby="per-day-title">
              <h2 id="per-day-title">Articles by published day</h2>
              <TimeChart title="Articles per day" by="day" leftLabel="articles" series={[{ label: 'articles', values: new Map(s.perDay.map((d) => [d.day, d.articles])) }]} />
            </section>
            <div class="two-columns">
              <section class="panel" aria-labelledby="runs-title">
                <h2 id="runs-title">Ingest runs</h2>
                <div class="table-scroll">
                  <table class="compact">
                    <thead>
                      <tr>
                        <th scope="col">Run</th>
                        <th scope="col">Started</th>
                        <th scope="col">Status</th>
                        <th scope="col">Sources</th>
                        <th scope="col">Stored</th>
                        <th scope="col">Duplicates</th>
                        <th scope="col">Not articles</th>
                        <th scope="col">Failed</th>
                      </tr>
                    </thead>
                    <tbody>
                      {s.runs.map((r) => (
                        <tr key={r.id}>
                          <td>{r.id}</td>
                          <td>{r.startedAt.slice(0, 16).replace('T', ' ')}</td>
                          <td>{r.status}</td>
                          <td class="wrap">{r.sources.join(', ')}</td>
                          <td class="num">{formatCount(r.committed.article)}</td>
                          <td class="num">{formatCount(r.committed.duplicate)}</td>
                          <td class="num">{formatCount(r.committed.rejected)}</td>
                          <td class="num">{formatCount(r.committed.failed)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                <Downloads json={statsUrl} name="runs" csv={() => ({ columns: ['run', 'startedAt', 'status', 'sources', 'stored', 'duplicates', 'notArticles', 'failed'], rows: s.runs.map((r) => [r.id, r.startedAt, r.status, r.sources.join(' '), r.committed.article, r.committed.duplicate, r.committed.rejected, r.committed.failed]) })} />
              </section>
              <section class="panel" aria-labelledby="reasons-title">
                <h2 id="reasons-title">Why pages were not stored</h2>
                {s.failureReasons.length === 0 ? (
                  <Empty>Every page was stored.</Empty>
                ) : (
                  <table class="compact">
                    <thead>
                      <tr>
                        <th scope="col">Outcome</th>
                        <th scope="col">Stage</th>
                        <th scope="col">Reason</th>
                        <th scope="col">Pages</th>
                      </tr>
                    </thead>
                    <tbody>
                      {s.failureReasons.map((r) => (
                        <tr key={`${r.kind}-${r.stage}-${r.code}`}>
                          <td>{r.kind === 'rejected' ? 'not an article' : 'failed'}</td>
                          <td>{r.stage}</td>
                          <td>
                            <button type="button" class="link" onClick={() => update({ kind: r.kind, code: r.code })}>
                              {r.code}
                            </button>
                          </td>
                          <td class="num">{formatCount(r.pages)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )}
                <h2>Sites</h2>
                <table class="compact">
                  <tbody>
                    {s.perSite.map((site) => (
                      <tr key={site.site}>
                        <td>
                          <a href={searchHref(`site:${site.site}`)}>{site.site}</a>
                        </td>
                        <td class="num">{formatCount(site.articles)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
            </div>
          </>
        )}
      </Await>
      <section class="panel" aria-labelledby="failures-title" aria-busy={failures.loading}>
        <h2 id="failures-title">
          Pages not stored{kind || code ? `: ${[kind, code].filter(Boolean).join(', ')}` : ''}{' '}
          {kind || code ? (
            <button type="button" class="link" onClick={() => update({ kind: null, code: null })}>
              (show all)
            </button>
          ) : null}
        </h2>
        {failures.error ? <ErrorNote error={failures.error} what="the failures" /> : null}
        {failures.items.length === 0 && !failures.loading && !failures.error ? <Empty>No pages failed{code ? ` with ${code}` : ''}.</Empty> : null}
        {failures.items.length ? (
          <div class="table-scroll">
            <table class="compact">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Source</th>
                  <th scope="col">Reason</th>
                  <th scope="col">Message</th>
                </tr>
              </thead>
              <tbody>
                {failures.items.map((f) => (
                  <tr key={f.pageId}>
                    <td>{f.fetchedAt.slice(0, 16).replace('T', ' ')}</td>
                    <td class="wrap">{f.url ?? f.source}</td>
                    <td>
                      {f.kind === 'rejected' ? 'not an article' : 'failed'}: {f.stage} {f.code}
                    </td>
                    <td class="wrap">{f.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        <MoreButton next={failures.next} loading={failures.loading} more={failures.more} />
        {failures.items.length ? <Downloads json={failuresUrl} name="failures" csv={() => ({ columns: ['pageId', 'runId', 'fetchedAt', 'source', 'url', 'kind', 'stage', 'code', 'message'], rows: failures.items.map((f) => [f.pageId, f.runId, f.fetchedAt, f.source, f.url, f.kind, f.stage, f.code, f.message]) })} /> : null}
      </section>
    </section>
  );
}
