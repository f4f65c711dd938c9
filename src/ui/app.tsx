import { ErrorBoundary, lazy, LocationProvider, Route, Router, useLocation } from 'preact-iso';
import type { StoreStats } from '../store/store.js';
import { apiUrl } from './api.js';
import { formatCount } from './format.js';
import { useApi } from './hooks.js';
import { ActorsView, ActorView } from './views/actors.js';
import { ArticleView } from './views/article.js';
import { CoverageView } from './views/coverage.js';
import { EventsView } from './views/events.js';
import { QuotesView } from './views/quotes.js';
import { SearchView } from './views/search.js';
import { ThemesView } from './views/themes.js';

/** The map loads its own chunk (the world's boundaries) when first opened: the first page stays small. */
const MapView = lazy(() => import('./views/map.js'));

const NAV = [
  { href: '/search', label: 'Search' },
  { href: '/events', label: 'Events' },
  { href: '/actors', label: 'Actors' },
  { href: '/quotes', label: 'Quotes' },
  { href: '/themes', label: 'Themes' },
  { href: '/map', label: 'Map' },
  { href: '/coverage', label: 'Coverage' },
] as const;

function Navigation() {
  const { path } = useLocation();
  return (
    <nav aria-label="Views">
      <ul>
        {NAV.map((item) => (
          <li key={item.href}>
            <a href={item.href} aria-current={path === item.href || path.startsWith(`${item.href}/`) || (item.href === '/search' && path === '/') ? 'page' : undefined}>
              {item.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Footer() {
  const stats = useApi<StoreStats>(apiUrl('stats', { runs: 1, sites: 1 }));
  return (
    <footer>
      {stats.data ? `${formatCount(stats.data.articles)} articles in this archive · ` : null}
      <a href="/api/openapi.json">API</a> · the same data for scripts, as JSON
    </footer>
  );
}

function NotFound() {
  return (
    <section>
      <h1>Page not found</h1>
      <p>
        There is no such view. Start from <a href="/search">Search</a>, or see the <a href="/api/openapi.json">API</a>.
      </p>
    </section>
  );
}

/** The workbench: one page per view, each view's state in its URL (shareable; back and forward work). */
export function App() {
  return (
    <LocationProvider>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <a class="brand" href="/search">
          Parley
        </a>
        <Navigation />
      </header>
      <main id="main" tabIndex={-1}>
        <ErrorBoundary>
          <Router>
            <Route path="/" component={SearchView} />
            <Route path="/search" component={SearchView} />
            <Route path="/articles/:id" component={ArticleView} />
            <Route path="/events" component={EventsView} />
            <Route path="/actors" component={ActorsView} />
            <Route path="/actors/:code" component={ActorView} />
            <Route path="/quotes" component={QuotesView} />
            <Route path="/themes" component={ThemesView} />
            <Route path="/map" component={MapView} />
            <Route path="/coverage" component={CoverageView} />
            <Route default component={NotFound} />
          </Router>
        </ErrorBoundary>
      </main>
      <Footer />
    </LocationProvider>
  );
}
