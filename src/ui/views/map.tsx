import { geoNaturalEarth1, geoPath } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { useLocation } from 'preact-iso';
import { useMemo, useState } from 'preact/hooks';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import countries110m from 'world-atlas/countries-110m.json';
import type { PlaceCountsJSON } from '../../server/routes/places.js';
import { apiUrl } from '../api.js';
import { Downloads } from '../components/downloads.js';
import { Await, Empty } from '../components/status.js';
import { formatCount } from '../format.js';
import { useApi, useSearchParams, useTitle } from '../hooks.js';
import { searchHref } from '../links.js';
import { PeriodForm } from './themes.js';

/**
 * Where: articles and events by country (a choropleth) and the leading cities (points), on Natural Earth
 * boundaries shipped in the package (world-atlas: no tiles, nothing from another host). A country opens
 * its articles and its events; the same numbers are in the table below the map. This view loads its own
 * script chunk (the boundaries are most of it) when it is first opened.
 */

const WIDTH = 960;
const HEIGHT = 500;
/** Fill classes from the lightest to the darkest (styles.css: .map-0 … .map-5). */
const CLASSES = 5;

type Measure = 'articles' | 'events';

interface Shapes {
  readonly countries: Feature<Geometry, { name: string }>[];
  readonly path: (f: Feature<Geometry, { name: string }>) => string;
  readonly project: (lon: number, lat: number) => [number, number] | null;
}

function useShapes(): Shapes {
  return useMemo(() => {
    const topology = countries110m as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
    const collection = feature(topology, topology.objects.countries) as FeatureCollection<Geometry, { name: string }>;
    const projection = geoNaturalEarth1().fitSize([WIDTH, HEIGHT], collection);
    const path = geoPath(projection);
    return { countries: collection.features, path: (f) => path(f) ?? '', project: (lon, lat) => projection([lon, lat]) };
  }, []);
}

export default function MapView() {
  const [params, update] = useSearchParams();
  const { route } = useLocation();
  const since = params.get('from') ?? '';
  const until = params.get('to') ?? '';
  const measure: Measure = params.get('measure') === 'events' ? 'events' : 'articles';
  useTitle('Map');
  const url = apiUrl('places', { since, until, limit: 60 });
  const state = useApi<PlaceCountsJSON>(url);
  const shapes = useShapes();
  const [selected, setSelected] = useState<string | null>(null);
  return (
    <section aria-labelledby="map-title">
      <h1 id="map-title">Map</h1>
      <PeriodForm from={since} to={until} onApply={(from, to) => update({ from: from || null, to: to || null })} />
      <fieldset class="period-switch">
        <legend>Colour by</legend>
        {(['articles', 'events'] as const).map((m) => (
          <label key={m}>
            <input type="radio" name="measure" checked={measure === m} onChange={() => update({ measure: m === 'articles' ? null : m }, true)} /> {m === 'articles' ? 'articles about the country' : 'events located there'}
          </label>
        ))}
      </fieldset>
      <Await state={state} what="the places">
        {(counts) => {
          const byNumeric = new Map(counts.countries.filter((c) => c.numeric !== null).map((c) => [String(Number(c.numeric)), c]));
          const most = Math.max(1, ...counts.countries.map((c) => c[measure]));
          const level = (n: number): number => (n === 0 ? 0 : Math.min(CLASSES, 1 + Math.floor((Math.log(n) / Math.log(most + 1)) * CLASSES)));
          const mostCity = Math.max(1, ...counts.cities.map((c) => c[measure]));
          const chosen = counts.countries.find((c) => c.country === selected) ?? null;
          if (counts.countries.length === 0) return <Empty>No places found yet: the places stage runs on English articles (ingest with analysis, or run parley reanalyze).</Empty>;
          return (
            <>
              <div class="map-wrap">
                <svg class="map" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="group" aria-label={`World map: ${measure} by country and city`}>
                  {shapes.countries.map((shape) => {
                    const counted = byNumeric.get(String(Number(shape.id)));
                    const n = counted?.[measure] ?? 0;
                    const label = `${counted?.name ?? shape.properties.name}: ${formatCount(counted?.articles ?? 0)} articles, ${formatCount(counted?.events ?? 0)} events`;
                    return (
                      <path
                        key={String(shape.id)}
                        d={shapes.path(shape)}
                        class={`map-${level(n)}${counted && counted.country === selected ? ' selected' : ''}`}
                        onClick={() => counted && setSelected(counted.country)}
                      >
                        <title>{label}</title>
                      </path>
                    );
                  })}
                  {counts.cities.map((city) => {
                    const point = shapes.project(city.lon, city.lat);
                    if (!point || city[measure] === 0) return null;
                    return (
                      <a
                        key={`${city.name}-${city.lat}-${city.lon}`}
                        href={searchHref(`"${city.name}" country:${city.country}`)}
                        class="city"
                        onClick={(event: MouseEvent) => {
                          event.preventDefault();
                          route(searchHref(`"${city.name}" country:${city.country}`));
                        }}
                        aria-label={`${city.name}: ${formatCount(city.articles)} articles, ${formatCount(city.events)} events`}
                      >
                        <circle cx={point[0]} cy={point[1]} r={2 + 8 * Math.sqrt(city[measure] / mostCity)} />
                        <title>{`${city.name}, ${city.country}: ${formatCount(city.articles)} articles, ${formatCount(city.events)} events`}</title>
                      </a>
                    );
                  })}
                </svg>
                {chosen ? (
                  <p class="map-choice" aria-live="polite">
                    <strong>{chosen.name}</strong>: <a href={searchHref(`country:${chosen.country}${since ? ` since:${since}` : ''}${until ? ` until:${until}` : ''}`)}>{formatCount(chosen.articles)} articles about it</a> ·{' '}
                    <a href={`/events?country=${chosen.country}&by=month${since ? `&from=${since}` : ''}${until ? `&to=${until}` : ''}`}>{formatCount(chosen.events)} events located there</a>
                  </p>
                ) : (
                  <p class="note">Click a country to open its articles and events; a city opens its articles.</p>
                )}
              </div>
              <details>
                <summary>The map as a table</summary>
                <table class="compact">
                  <thead>
                    <tr>
                      <th scope="col">Country</th>
                      <th scope="col">Articles about it</th>
                      <th scope="col">Events located there</th>
                    </tr>
                  </thead>
                  <tbody>
                    {counts.countries.map((c) => (
                      <tr key={c.country}>
                        <th scope="row">
                          {c.name} <span class="code">{c.country}</span>
                        </th>
                        <td class="num">
                          <a href={searchHref(`country:${c.country}`)}>{formatCount(c.articles)}</a>
                        </td>
                        <td class="num">
                          <a href={`/events?country=${c.country}&by=month`}>{formatCount(c.events)}</a>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </details>
              <Downloads
                json={url}
                name="places"
                csv={() => ({
                  columns: ['kind', 'name', 'country', 'lat', 'lon', 'articles', 'events'],
                  rows: [...counts.countries.map((c) => ['country', c.name, c.country, c.lat, c.lon, c.articles, c.events]), ...counts.cities.map((c) => ['city', c.name, c.country, c.lat, c.lon, c.articles, c.events])],
                })}
              />
            </>
          );
        }}
      </Await>
    </section>
  );
}
