import type { ArticleSummaryJSON } from '../../server/serialize.js';
import { formatDate } from '../format.js';
import { Highlighted } from './marked.js';

/** Search results or newest articles: title (a link to the article's view), site, date and passage. */
export function ArticleList({ articles }: { articles: readonly ArticleSummaryJSON[] }) {
  return (
    <ol class="results">
      {articles.map((a) => (
        <li key={a.id}>
          <a class="result-title" href={`/articles/${a.id}`}>
            {a.title ?? a.url}
          </a>
          <div class="meta">
            <span>{a.siteName ?? a.site}</span> · <time>{formatDate(a.published)}</time>
            {a.language ? <> · {a.language}</> : null}
          </div>
          <p class="snippet">
            <Highlighted text={a.snippet} highlights={a.highlights} />
          </p>
        </li>
      ))}
    </ol>
  );
}
