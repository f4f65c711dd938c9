import { useEffect, useState } from 'preact/hooks';
import type { CodebookJSON } from '../../server/routes/codebook.js';
import type { EventRecord, StoredEvent, TimelineBucket } from '../../store/analysis.js';
import { apiUrl } from '../api.js';
import { Downloads } from '../components/downloads.js';
import { Marked } from '../components/marked.js';
import { MoreButton, usePaged } from '../components/more.js';
import { Await, Empty, ErrorNote, Loading } from '../components/status.js';
import { PeriodSwitch, TimeChart } from '../components/time-chart.js';
import { formatDate, formatDecimal, periodEnd, type Period } from '../format.js';
import { useApi, useSearchParams, useTitle } from '../hooks.js';
import { actorHref } from '../links.js';

/** "040 Consult" with the codebook, else the code alone. */
export function eventLabel(e: Pick<EventRecord, 'code'>, codebook: CodebookJSON | null): string {
  const name = codebook?.cameo[e.code]?.name;
  return name ? `${e.code} ${name}` : e.code;
}

/** Quad classes as stacked bar colours: cooperation in blues and greens, conflict in oranges and reds. */
const QUAD_COLORS = ['#56B4E9', '#009E73', '#E69F00', '#D55E00'];

/** The filter fields of the view, their URL names, and the API parameter each one sets. */
const FIELDS = ['source', 'target', 'both', 'root', 'quad', 'theme', 'country', 'site', 'from', 'to'] as const;
type Field = (typeof FIELDS)[number];

/**
 * Events: "every USA–CHN event about cyber security, by month" in one URL —
 * /events?source=USA&target=CHN&both=true&root=11&theme=CYBER_SECURITY&from=2013-01&to=2013-12 —
 * a timeline stacked by quad class with the mean Goldstein value, and the events, each with its
 * sentence (verb and actors marked) and a link to its article.
 */
export function EventsView() {
  const [params, update] = useSearchParams();
  const value = (field: Field): string => params.get(field) ?? '';
  const by = (params.get('by') as Period | null) ?? 'month';
  const filter = {
    source: value('source'),
    target: value('target'),
    both: value('both') === 'true' ? 'true' : '',
    code: value('root'),
    quadClass: value('quad'),
    theme: value('theme'),
    country: value('country'),
    site: value('site'),
    since: value('from'),
    until: value('to'),
  };
  const codebook = useApi<CodebookJSON>(apiUrl('codebook'));
  const pair = [filter.source || 'anyone', filter.both ? '↔' : '→', filter.target || 'anyone'].join(' ') + (filter.country ? ` in ${filter.country}` : '');
  useTitle(`Events: ${pair}`);
  const timelineUrl = apiUrl('events', { ...filter, by });
  const timeline = useApi<{ by: Period; timeline: TimelineBucket[] }>(timelineUrl);
  const listUrl = apiUrl('events', { ...filter, limit: 50 });
  const list = usePaged<StoredEvent>(listUrl, (page) => page.events as StoredEvent[]);

  return (
    <section aria-labelledby="events-title">
      <h1 id="events-title">Events: {pair}</h1>
      <EventFilters values={Object.fromEntries(FIELDS.map((f) => [f, value(f)])) as Record<Field, string>} codebook={codebook.data} onApply={(values) => update(values)} />
      <section class="panel" aria-labelledby="event-timeline-title">
        <h2 id="event-timeline-title">Events per {by}, by quad class, with the mean Goldstein value</h2>
        <PeriodSwitch by={by} onChange={(p) => update({ by: p }, true)} />
        <Await state={timeline} what="the timeline">
          {(t) =>
            t.timeline.length === 0 ? (
              <Empty>No dated events match these filters.</Empty>
            ) : (
              <>
                <TimeChart
                  title={`Events per ${by}`}
                  by={by}
                  leftLabel="events"
                  rightLabel="mean Goldstein"
                  series={[
                    ...[0, 1, 2, 3].map((q) => ({
                      label: codebook.data?.quadClasses[q]?.name ?? `quad class ${q + 1}`,
                      values: new Map(t.timeline.filter((b) => b.quadClasses[q]! > 0).map((b) => [b.start, b.quadClasses[q]!])),
                      bars: true,
                      color: QUAD_COLORS[q],
                    })),
                    { label: 'mean Goldstein', values: new Map(t.timeline.map((b) => [b.start, b.goldstein])), right: true, gaps: true, color: '#000000' },
                  ]}
                  onSelect={(start) => update({ from: start, to: periodEnd(start, by) })}
                />
                <Downloads
                  json={timelineUrl}
                  name="events-timeline"
                  csv={() => ({ columns: ['period', 'events', 'meanGoldstein', 'verbalCooperation', 'materialCooperation', 'verbalConflict', 'materialConflict'], rows: t.timeline.map((b) => [b.start, b.events, formatDecimal(b.goldstein), ...b.quadClasses]) })}
                />
              </>
            )
          }
        </Await>
      </section>
      <section class="panel" aria-labelledby="event-list-title" aria-busy={list.loading}>
        <h2 id="event-list-title">The events, with their evidence</h2>
        {list.error ? <ErrorNote error={list.error} what="the events" /> : null}
        {list.items.length === 0 && list.loading ? <Loading what="the events" /> : null}
        {list.items.length === 0 && !list.loading && !list.error ? <Empty>No events match — try one actor only, both directions, or a wider date range.</Empty> : null}
        {list.items.length ? <EventTable events={list.items} codebook={codebook.data} /> : null}
        <MoreButton next={list.next} loading={list.loading} more={list.more} />
        {list.items.length ? (
          <Downloads
            json={listUrl}
            name="events"
            csv={() => ({
              columns: ['id', 'date', 'sourceCode', 'sourceName', 'targetCode', 'targetName', 'code', 'label', 'quadClass', 'goldstein', 'plover', 'negated', 'confidence', 'sentence', 'articleId', 'url'],
              rows: list.items.map((e) => [e.id, e.date, e.source?.code, e.source?.name, e.target?.code, e.target?.name, e.code, eventLabel(e, codebook.data), e.quadClass, e.goldstein, e.plover?.type, e.negated, e.confidence, e.evidence.text, e.articleId, e.url]),
            })}
          />
        ) : null}
      </section>
    </section>
  );
}

export function EventTable({ events, codebook }: { events: readonly StoredEvent[]; codebook: CodebookJSON | null }) {
  return (
    <div class="table-scroll">
      <table class="events">
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Who → whom</th>
            <th scope="col">Event (CAMEO · PLOVER)</th>
            <th scope="col">Goldstein</th>
            <th scope="col">Evidence</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.id}>
              <td>{formatDate(e.date ?? e.published)}</td>
              <td>
                <Actor actor={e.source} /> → <Actor actor={e.target} />
              </td>
              <td>
                {eventLabel(e, codebook)}
                {e.plover ? <span class="note"> · {e.plover.type}</span> : null}
                {e.negated ? <span class="badge">negated</span> : null}
              </td>
              <td class="num">{e.goldstein}</td>
              <td class="evidence">
                <Marked text={e.evidence.text} marks={e.evidence.marks} />{' '}
                <a href={`/articles/${e.articleId}?layers=events&at=${e.verb.start}`} class="note">
                  {e.site}
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Actor({ actor }: { actor: StoredEvent['source'] }) {
  if (!actor) return <span class="note">?</span>;
  return actor.code ? (
    <a href={actorHref(actor.code)} title={actor.code}>
      {actor.name} <span class="code">{actor.code}</span>
    </a>
  ) : (
    <span>{actor.name}</span>
  );
}

function EventFilters({ values, codebook, onApply }: { values: Record<Field, string>; codebook: CodebookJSON | null; onApply: (values: Record<Field, string>) => void }) {
  const [form, setForm] = useState(values);
  useEffect(() => setForm(values), [JSON.stringify(values)]);
  const set = (field: Field) => (event: Event) => {
    const target = event.target as HTMLInputElement | HTMLSelectElement;
    setForm({ ...form, [field]: target instanceof HTMLInputElement && target.type === 'checkbox' ? (target.checked ? 'true' : '') : target.value });
  };
  const roots = Object.entries(codebook?.cameo ?? {}).filter(([code]) => code.length === 2);
  return (
    <form
      class="filters"
      onSubmit={(event) => {
        event.preventDefault();
        onApply(form);
      }}
    >
      <label>
        Source actor <input value={form.source} onInput={set('source')} placeholder="USA" size={8} />
      </label>
      <label>
        Target actor <input value={form.target} onInput={set('target')} placeholder="CHN" size={8} />
      </label>
      <label class="inline">
        <input type="checkbox" checked={form.both === 'true'} onChange={set('both')} /> both directions
      </label>
      <label>
        Event type{' '}
        <select value={form.root} onChange={set('root')}>
          <option value="">any</option>
          {roots.map(([code, entry]) => (
            <option key={code} value={code}>
              {code} {entry.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Quad class{' '}
        <select value={form.quad} onChange={set('quad')}>
          <option value="">any</option>
          {(codebook?.quadClasses ?? []).map((q) => (
            <option key={q.quadClass} value={String(q.quadClass)}>
              {q.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Theme <input value={form.theme} onInput={set('theme')} placeholder="CYBER_SECURITY" size={16} />
      </label>
      <label>
        Located in <input value={form.country} onInput={set('country')} placeholder="SYR" size={5} />
      </label>
      <label>
        Site <input value={form.site} onInput={set('site')} placeholder="example.com" size={12} />
      </label>
      <label>
        From <input value={form.from} onInput={set('from')} placeholder="2024-01" size={10} />
      </label>
      <label>
        To <input value={form.to} onInput={set('to')} placeholder="2024-12-31" size={10} />
      </label>
      <button type="submit">Show events</button>
      <span class="note">Actor codes match by their start: USA also finds USAGOV and USAMIL.</span>
    </form>
  );
}
