import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip, type ChartDataset } from 'chart.js';
import { useEffect, useRef } from 'preact/hooks';
import { allPeriods, formatCount, formatDecimal, periodLabel, type Period } from '../format.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Tooltip, Legend);
Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
Chart.defaults.animation = false;

/** Colours that stay apart for people with the common colour-vision deficiencies (Okabe–Ito). */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#F0E442', '#000000'];

export interface Series {
  readonly label: string;
  /** Values by period start (YYYY-MM-DD); periods left out count as 0 (or a gap for `gaps`). */
  readonly values: ReadonlyMap<string, number>;
  readonly color?: string;
  /** Drawn as bars (stacked with the other bar series) instead of a line. */
  readonly bars?: boolean;
  /** On the right-hand axis (a mean, such as tone or Goldstein, beside counts). */
  readonly right?: boolean;
  /** Missing periods are gaps, not zeros (means). */
  readonly gaps?: boolean;
}

export interface TimeChartProps {
  /** What the chart shows, for people who cannot see it (its data table follows it too). */
  readonly title: string;
  readonly series: readonly Series[];
  readonly by: Period;
  readonly leftLabel: string;
  readonly rightLabel?: string;
  /** A click on a period (its start) and, when the click hit one, the series (its index): the view narrows to it. */
  readonly onSelect?: (start: string, series: number | null) => void;
}

/**
 * A chart over time (Chart.js on a canvas) with its numbers as a table beside it (a <details> element),
 * so the data is there for keyboards and screen readers, and every period is a link when `onSelect` is given.
 */
export function TimeChart({ title, series, by, leftLabel, rightLabel, onSelect }: TimeChartProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const periods = allPeriods(
    series.flatMap((s) => [...s.values.keys()]),
    by,
  );
  useEffect(() => {
    if (!canvas.current || periods.length === 0) return;
    // Bars stack (quad classes); lines never do (compared queries are drawn side by side).
    const stacked = series.some((s) => s.bars);
    const datasets: ChartDataset<'bar' | 'line', (number | null)[]>[] = series.map((s, i) => ({
      type: s.bars ? 'bar' : 'line',
      label: s.label,
      data: periods.map((p) => s.values.get(p) ?? (s.gaps ? null : 0)),
      backgroundColor: s.color ?? PALETTE[i % PALETTE.length],
      borderColor: s.color ?? PALETTE[i % PALETTE.length],
      borderWidth: s.bars ? 0 : 2,
      pointRadius: periods.length > 60 ? 0 : 3,
      spanGaps: false,
      yAxisID: s.right ? 'right' : 'left',
      stack: s.bars ? 'bars' : `line-${i}`,
      order: s.bars ? 2 : 1,
    }));
    const chart = new Chart(canvas.current, {
      type: 'bar',
      data: { labels: periods.map((p) => periodLabel(p, by)), datasets },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        interaction: { mode: 'index', intersect: false },
        plugins: { legend: { display: series.length > 1 }, tooltip: { enabled: true } },
        scales: {
          x: { stacked: stacked, ticks: { maxRotation: 0, autoSkip: true, autoSkipPadding: 12 } },
          left: { position: 'left', stacked: stacked, beginAtZero: true, ticks: { precision: series.some((s) => !s.right && s.gaps) ? undefined : 0 }, title: { display: true, text: leftLabel } },
          ...(rightLabel ? { right: { position: 'right', grid: { drawOnChartArea: false }, title: { display: true, text: rightLabel } } } : {}),
        },
        onClick: (event, elements, chart) => {
          const index = elements[0]?.index;
          if (!onSelect || index === undefined || !periods[index]) return;
          const hit = chart.getElementsAtEventForMode(event as unknown as Event, 'nearest', { intersect: true }, false)[0];
          onSelect(periods[index], hit?.datasetIndex ?? null);
        },
        onHover: (event, elements) => {
          const target = event.native?.target as HTMLElement | undefined;
          if (target) target.style.cursor = onSelect && elements.length ? 'pointer' : 'default';
        },
      },
    });
    return () => chart.destroy();
  }, [JSON.stringify(series.map((s) => [s.label, [...s.values]])), by, leftLabel, rightLabel, onSelect !== undefined]);

  if (periods.length === 0) return null;
  return (
    <figure class="chart">
      <div class="chart-canvas">
        <canvas ref={canvas} role="img" aria-label={`${title}: chart; the same numbers are in the table below it.`} />
      </div>
      <details>
        <summary>{title}: the numbers</summary>
        <div class="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Period</th>
                {series.map((s) => (
                  <th scope="col" key={s.label}>
                    {s.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {periods
                .filter((p) => series.some((s) => s.values.has(p)))
                .map((p) => (
                  <tr key={p}>
                    <th scope="row">
                      {onSelect ? (
                        <button type="button" class="link" onClick={() => onSelect(p, null)}>
                          {periodLabel(p, by)}
                        </button>
                      ) : (
                        periodLabel(p, by)
                      )}
                    </th>
                    {series.map((s) => (
                      <td key={s.label} class="num">
                        {s.values.has(p) ? (s.gaps ? formatDecimal(s.values.get(p)) : formatCount(s.values.get(p)!)) : s.gaps ? '–' : '0'}
                      </td>
                    ))}
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

/** A period switch (day / week / month) as a labelled radio group. */
export function PeriodSwitch({ by, onChange }: { by: Period; onChange: (by: Period) => void }) {
  return (
    <fieldset class="period-switch">
      <legend>Count per</legend>
      {(['day', 'week', 'month'] as const).map((p) => (
        <label key={p}>
          <input type="radio" name="period" value={p} checked={by === p} onChange={() => onChange(p)} /> {p}
        </label>
      ))}
    </fieldset>
  );
}
