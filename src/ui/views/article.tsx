import type { StoredArticleJSON } from '../../cli/query/stored-json.js';
import type { CodebookJSON } from '../../server/routes/codebook.js';
import type { ArticleAnalysis } from '../../store/analysis.js';
import type { DuplicateGroup } from '../../store/explore.js';
import { apiUrl } from '../api.js';
import { actorHref, safeHref, searchHref } from '../links.js';
import { factsOf, LayeredText, layerOfFact, type Layer } from '../components/layered-text.js';
import { Await, Empty } from '../components/status.js';
import { formatDate, formatDecimal } from '../format.js';
import { useEffect } from 'preact/hooks';
import { useApi, useSearchParams, useTitle } from '../hooks.js';
import { eventLabel } from './events.js';

const LAYERS: readonly { layer: Layer; label: string }[] = [
  { layer: 'entities', label: 'Entities' },
  { layer: 'quotes', label: 'Quotes' },
  { layer: 'events', label: 'Events' },
  { layer: 'themes', label: 'Themes' },
];

/**
 * One article: its clean text with every layer shown on demand (entities by type with their actor codes,
 * quotes with their speakers, events, theme evidence); a click on a highlight says what it is and where
 * it came from. Metadata with provenance, captions, the duplicate group, the original URL. State: the
 * shown layers and the selected fact, in the URL.
 */
export function ArticleView({ id }: { id: string }) {
  const article = useApi<StoredArticleJSON>(apiUrl(`articles/${encodeURIComponent(id)}`));
  const analysis = useApi<{ id: number; analysis: ArticleAnalysis | null }>(apiUrl(`articles/${encodeURIComponent(id)}/analysis`));
  const codebook = useApi<CodebookJSON>(apiUrl('codebook'));
  const [params, update] = useSearchParams();
  const shown = new Set((params.get('layers') ?? 'entities,quotes,events').split(',').filter((l): l is Layer => LAYERS.some((x) => x.layer === l)));
  const selected = params.get('fact');
  useTitle(article.data?.title ?? `Article ${id}`);
  // A link to a place in the article (`?at=OFFSET`, from an event or a quote elsewhere) selects the fact there.
  const at = params.get('at');
  useEffect(() => {
    const layers = analysis.data?.analysis;
    if (at === null || selected !== null || !layers) return;
    const offset = Number(at);
    const here = factsOf(layers, shown).filter((f) => f.start <= offset && f.end > offset).sort((x, y) => x.end - x.start - (y.end - y.start));
    update({ fact: here[0]?.id ?? null, at: null }, true);
  }, [at, analysis.data]);
  // Bring the selected fact into view (it may have been picked from a list far below the text).
  useEffect(() => {
    document.querySelector('.article-text .selected')?.scrollIntoView({ block: 'nearest' });
  }, [selected, analysis.data]);

  return (
    <Await state={article} what="the article">
      {(a) => {
        const layers = analysis.data?.analysis ?? null;
        // The selected fact is drawn even when its layer is hidden (it was picked from a list).
        const selectedLayer = selected ? layerOfFact(selected) : null;
        const facts = layers ? factsOf(layers, new Set([...shown, ...(selectedLayer ? [selectedLayer] : [])])) : [];
        const pick = (offset: number): void => {
          const here = facts.filter((f) => f.start <= offset && f.end > offset).sort((x, y) => x.end - x.start - (y.end - y.start));
          update({ fact: here[0]?.id ?? null }, true);
        };
        const original = safeHref(a.url ?? a.canonicalUrl);
        return (
          <article class="article-view" aria-labelledby="article-title">
            <header>
              <h1 id="article-title">{a.title ?? '(no title)'}</h1>
              <p class="meta">
                {a.siteName ?? a.site} · <time>{formatDate(a.published)}</time>
                {a.authors.length ? <> · by {a.authors.join(', ')}</> : null}
                {a.language ? <> · {a.language}</> : null} · {a.wordCount} words
              </p>
              <p class="meta">
                {original ? (
                  <a href={original} rel="noopener noreferrer nofollow" target="_blank">
                    Original page
                  </a>
                ) : (
                  <span>Original address: {a.url ?? a.canonicalUrl}</span>
                )}{' '}
                · <a href={apiUrl(`articles/${a.id}`)}>JSON</a> · <a href={apiUrl(`articles/${a.id}/analysis`)}>analysis JSON</a>
              </p>
            </header>
            <div class="article-columns">
              <div class="article-main">
                <fieldset class="layers">
                  <legend>Show</legend>
                  {LAYERS.map(({ layer, label }) => (
                    <label key={layer} class={`toggle layer-${layer}`}>
                      <input
                        type="checkbox"
                        checked={shown.has(layer)}
                        onChange={() => {
                          const next = new Set(shown);
                          if (next.has(layer)) next.delete(layer);
                          else next.add(layer);
                          update({ layers: [...next].join(',') || 'none' }, true);
                        }}
                      />{' '}
                      {label}
                    </label>
                  ))}
                </fieldset>
                {analysis.data && !layers ? <Empty>This article was stored without analysis (parley ingest --no-analysis): run parley reanalyze to add its layers.</Empty> : null}
                <LayeredText text={a.text} facts={facts} selected={selected} onPick={pick} />
                {a.captions.length ? (
                  <section aria-labelledby="captions-title">
                    <h2 id="captions-title">Captions</h2>
                    <ul class="captions">
                      {a.captions.map((c, i) => (
                        <li key={i}>
                          {c.text}
                          {c.credit ? <span class="note"> ({c.credit})</span> : null}
                        </li>
                      ))}
                    </ul>
                  </section>
                ) : null}
              </div>
              <aside class="article-side">
                {layers ? <FactPanel analysis={layers} selected={selected} codebook={codebook.data} onSelect={(fact) => update({ fact }, true)} /> : null}
                <Metadata article={a} />
                <Group id={a.id} hasGroup={a.duplicate !== null} />
              </aside>
            </div>
            {layers ? <FactLists analysis={layers} text={a.text} codebook={codebook.data} onSelect={(fact) => update({ fact }, true)} selected={selected} /> : null}
          </article>
        );
      }}
    </Await>
  );
}

function FactPanel({ analysis, selected, codebook, onSelect }: { analysis: ArticleAnalysis; selected: string | null; codebook: CodebookJSON | null; onSelect: (fact: string | null) => void }) {
  if (!selected) {
    return (
      <section class="panel fact-panel" aria-live="polite">
        <h2>Selected</h2>
        <p class="note">Click a highlighted word, or a fact in the lists below the text, to see what it is and where it came from.</p>
      </section>
    );
  }
  const [kind, key] = selected.split(':') as [string, string];
  const stage = (name: string): string => {
    const s = analysis.stages.find((x) => x.name === name);
    return s ? `${s.name} stage, version ${s.version}` : `${name} stage`;
  };
  let body = <p>Not found in this article's layers.</p>;
  if (kind === 'entity') {
    const e = analysis.entities.find((x) => String(x.entity) === key);
    if (e) {
      body = (
        <dl>
          <dt>Entity</dt>
          <dd>
            {e.name} ({e.type})
          </dd>
          {e.role ? (
            <>
              <dt>Role</dt>
              <dd>{e.role}</dd>
            </>
          ) : null}
          <dt>Actor code</dt>
          <dd>{e.code ? <a href={actorHref(e.code, e.name)}>{e.code}</a> : 'none'}</dd>
          <dt>Mentions</dt>
          <dd>{analysis.mentions.filter((m) => m.entity === e.entity).length}</dd>
          <dt>Confidence</dt>
          <dd>{formatDecimal(e.confidence)}</dd>
          <dt>From</dt>
          <dd>{stage('actors')}</dd>
        </dl>
      );
    }
  } else if (kind === 'quote') {
    const q = analysis.quotes[Number(key)];
    if (q) {
      body = (
        <dl>
          <dt>Quote ({q.kind})</dt>
          <dd>“{q.text}”</dd>
          <dt>Speaker</dt>
          <dd>{q.speaker ? q.speaker.code ? <a href={actorHref(q.speaker.code, q.speaker.name)}>{q.speaker.name}</a> : q.speaker.name : 'not found'}</dd>
          <dt>Cue</dt>
          <dd>{q.cue?.text ?? 'none'}</dd>
          <dt>Confidence</dt>
          <dd>{formatDecimal(q.confidence)}</dd>
          <dt>From</dt>
          <dd>{stage('quotes')}</dd>
        </dl>
      );
    }
  } else if (kind === 'event') {
    const e = analysis.events[Number(key)];
    if (e) {
      body = (
        <dl>
          <dt>Event</dt>
          <dd>{eventLabel(e, codebook)}</dd>
          <dt>Source → target</dt>
          <dd>
            {e.source ? e.source.name : '?'} {e.source?.code ? <a href={actorHref(e.source.code)}>({e.source.code})</a> : null} → {e.target ? e.target.name : '?'}{' '}
            {e.target?.code ? <a href={actorHref(e.target.code)}>({e.target.code})</a> : null}
          </dd>
          <dt>PLOVER</dt>
          <dd>{e.plover ? `${e.plover.type}${e.plover.mode ? ` (${e.plover.mode})` : ''}` : 'none'}</dd>
          <dt>Goldstein · quad class</dt>
          <dd>
            {e.goldstein} · {codebook?.quadClasses[e.quadClass - 1]?.name ?? e.quadClass}
          </dd>
          <dt>Date</dt>
          <dd>{e.date ?? 'unknown'}</dd>
          {e.negated ? (
            <>
              <dt>Negated</dt>
              <dd>yes: the sentence says it did not happen</dd>
            </>
          ) : null}
          <dt>Confidence</dt>
          <dd>{formatDecimal(e.confidence)}</dd>
          <dt>From</dt>
          <dd>{stage('events')}</dd>
        </dl>
      );
    }
  } else if (kind === 'theme') {
    const t = analysis.themes.find((x) => x.theme === key);
    if (t) {
      body = (
        <dl>
          <dt>Theme</dt>
          <dd>
            <a href={searchHref(`theme:${t.theme}`)}>{t.label}</a> ({t.theme})
          </dd>
          <dt>Score</dt>
          <dd>{formatDecimal(t.score)}</dd>
          <dt>Evidence</dt>
          <dd>{t.evidence.length} matched words or phrases</dd>
          <dt>From</dt>
          <dd>{stage('themes')}</dd>
        </dl>
      );
    }
  }
  return (
    <section class="panel fact-panel" aria-live="polite">
      <h2>Selected</h2>
      {body}
      <button type="button" class="link" onClick={() => onSelect(null)}>
        Clear
      </button>
    </section>
  );
}

function Metadata({ article }: { article: StoredArticleJSON }) {
  const fields: [string, string | null][] = [
    ['title', article.title],
    ['authors', article.authors.join(', ') || null],
    ['published', article.published],
    ['modified', article.modified],
    ['language', article.language],
    ['siteName', article.siteName],
    ['section', article.section],
    ['canonicalUrl', article.canonicalUrl],
  ];
  return (
    <section class="panel" aria-labelledby="meta-title">
      <h2 id="meta-title">Metadata</h2>
      <table class="compact">
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Value</th>
            <th scope="col">From (confidence)</th>
          </tr>
        </thead>
        <tbody>
          {fields.map(([name, value]) => {
            const p = article.provenance[name as keyof typeof article.provenance];
            return (
              <tr key={name}>
                <th scope="row">{name}</th>
                <td class="wrap">{value ?? '–'}</td>
                <td>{p ? `${p.source} (${formatDecimal(p.confidence)})` : '–'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p class="note">First stored {article.firstSeen.slice(0, 19).replace('T', ' ')} UTC.</p>
    </section>
  );
}

function Group({ id, hasGroup }: { id: number; hasGroup: boolean }) {
  const state = useApi<{ id: number; group: DuplicateGroup | null }>(hasGroup ? apiUrl(`articles/${id}/group`) : null);
  if (!hasGroup) return null;
  return (
    <section class="panel" aria-labelledby="group-title">
      <h2 id="group-title">Copies of this story</h2>
      <Await state={state} what="the duplicate group">
        {({ group }) =>
          group ? (
            <ol class="group">
              {group.members.map((m) => (
                <li key={m.articleId}>
                  {m.articleId === id ? <strong>{m.site} (this article)</strong> : <a href={`/articles/${m.articleId}`}>{m.site}</a>} · {formatDate(m.published)}
                  {m.original ? <span class="badge">published first</span> : <span class="note"> · similarity {formatDecimal(m.similarity)}</span>}
                </li>
              ))}
            </ol>
          ) : (
            <Empty>No copies.</Empty>
          )
        }
      </Await>
    </section>
  );
}

function FactLists({ analysis, text, codebook, onSelect, selected }: { analysis: ArticleAnalysis; text: string; codebook: CodebookJSON | null; onSelect: (fact: string) => void; selected: string | null }) {
  const button = (id: string, label: string) => (
    <button type="button" class={`link${selected === id ? ' current' : ''}`} aria-pressed={selected === id} onClick={() => onSelect(id)}>
      {label}
    </button>
  );
  const tone = analysis.tone.find((t) => t.scope === 'document');
  return (
    <div class="fact-lists">
      <section aria-labelledby="entities-title">
        <h2 id="entities-title">Entities ({analysis.entities.length})</h2>
        <ul>
          {analysis.entities.map((e) => (
            <li key={e.entity} class={`ent-${e.type}`}>
              {button(`entity:${e.entity}`, e.name)} <span class="note">{e.type}{e.role ? `, ${e.role}` : ''}</span> {e.code ? <a class="code" href={actorHref(e.code, e.name)}>{e.code}</a> : null}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="quotes-title">
        <h2 id="quotes-title">Quotes ({analysis.quotes.length})</h2>
        <ul>
          {analysis.quotes.map((q, i) => (
            <li key={i}>
              {button(`quote:${i}`, `“${q.text.length > 140 ? `${q.text.slice(0, 139)}…` : q.text}”`)} —{' '}
              {q.speaker ? q.speaker.code ? <a href={actorHref(q.speaker.code, q.speaker.name)}>{q.speaker.name}</a> : q.speaker.name : <span class="note">no speaker found</span>}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="events-title">
        <h2 id="events-title">Events ({analysis.events.length})</h2>
        <ul>
          {analysis.events.map((e, i) => (
            <li key={i}>
              {button(`event:${i}`, `${e.source?.name ?? '?'} → ${e.target?.name ?? '?'}: ${eventLabel(e, codebook)}`)}
              {e.negated ? <span class="badge">negated</span> : null} <span class="note">“{text.slice(e.verb.start, e.verb.end)}”</span>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="themes-title">
        <h2 id="themes-title">Themes ({analysis.themes.length})</h2>
        <ul>
          {analysis.themes.map((t) => (
            <li key={t.theme}>
              {button(`theme:${t.theme}`, t.label)} <span class="note">score {formatDecimal(t.score)}, {t.evidence.length} matches</span>
            </li>
          ))}
        </ul>
        <h2>Tone</h2>
        <p>{tone ? `${formatDecimal(tone.tone)} (positive ${formatDecimal(tone.positive)}, negative ${formatDecimal(tone.negative)}, ${tone.wordCount} words)` : 'not computed'}</p>
        {analysis.failures.length ? (
          <>
            <h2>Stages that failed</h2>
            <ul>
              {analysis.failures.map((f, i) => (
                <li key={i}>
                  {f.stage}: {f.code} — {f.message}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
    </div>
  );
}
