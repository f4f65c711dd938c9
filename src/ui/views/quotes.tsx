import { useEffect, useState } from 'preact/hooks';
import type { StoredQuote } from '../../store/analysis.js';
import { apiUrl } from '../api.js';
import { Downloads } from '../components/downloads.js';
import { Marked } from '../components/marked.js';
import { MoreButton, usePaged } from '../components/more.js';
import { Empty, ErrorNote, Loading } from '../components/status.js';
import { formatDate } from '../format.js';
import { useSearchParams, useTitle } from '../hooks.js';
import { actorHref } from '../links.js';

export type QuoteJSON = StoredQuote;

/** Quotes by speaker or by words: /quotes?speaker=wang&q="climate change". */
export function QuotesView() {
  const [params, update] = useSearchParams();
  const speaker = params.get('speaker') ?? '';
  const q = params.get('q') ?? '';
  const [form, setForm] = useState({ speaker, q });
  useEffect(() => setForm({ speaker, q }), [speaker, q]);
  useTitle(`Quotes${speaker ? ` by ${speaker}` : ''}${q ? `: ${q}` : ''}`);
  const url = apiUrl('quotes', { speaker, q, limit: 30 });
  const { items, next, error, loading, more } = usePaged<QuoteJSON>(url, (page) => page.quotes as QuoteJSON[]);
  return (
    <section aria-labelledby="quotes-title">
      <h1 id="quotes-title">Quotes</h1>
      <form
        class="filters"
        onSubmit={(event) => {
          event.preventDefault();
          update({ speaker: form.speaker.trim() || null, q: form.q.trim() || null });
        }}
      >
        <label>
          Speaker (name or actor code) <input value={form.speaker} onInput={(e) => setForm({ ...form, speaker: (e.target as HTMLInputElement).value })} placeholder="Wang Yang" />
        </label>
        <label>
          Words in the quote <input value={form.q} onInput={(e) => setForm({ ...form, q: (e.target as HTMLInputElement).value })} placeholder='"bilateral relations" OR cooperation' />
        </label>
        <button type="submit">Find quotes</button>
      </form>
      <section class="panel" aria-busy={loading} aria-label="The quotes">
        {error ? <ErrorNote error={error} what="the quotes" /> : null}
        {items.length === 0 && loading ? <Loading what="the quotes" /> : null}
        {items.length === 0 && !loading && !error ? <Empty>No quotes match — try part of the speaker's name, or fewer words.</Empty> : null}
        <QuoteList quotes={items} />
        <MoreButton next={next} loading={loading} more={more} />
        {items.length ? (
          <Downloads
            json={url}
            name="quotes"
            csv={() => ({ columns: ['id', 'date', 'speaker', 'speakerCode', 'kind', 'quote', 'passage', 'articleId', 'url'], rows: items.map((x) => [x.id, x.published, x.speaker?.name, x.speaker?.code, x.kind, x.text, x.evidence.text, x.articleId, x.url]) })}
          />
        ) : null}
      </section>
    </section>
  );
}

export function QuoteList({ quotes }: { quotes: readonly QuoteJSON[] }) {
  return (
    <ul class="quotes">
      {quotes.map((x) => (
        <li key={x.id}>
          <blockquote>
            <Marked text={x.evidence.text} marks={x.evidence.marks} />
          </blockquote>
          <p class="meta">
            {x.speaker ? x.speaker.code ? <a href={actorHref(x.speaker.code, x.speaker.name)}>{x.speaker.name}</a> : <span>{x.speaker.name}</span> : <span class="note">speaker not found</span>} · {x.kind} ·{' '}
            <a href={`/articles/${x.articleId}?layers=quotes&at=${x.start}`}>{x.site}</a>, {formatDate(x.published)}
          </p>
        </li>
      ))}
    </ul>
  );
}
