import type { Journal } from '../../journal/journal.ts';
import type { WindowSummary } from '../../slo/window-summary.ts';

/** One line on a chart: a value per window (null = a gap). */
export interface ChartSeries {
  readonly label: string;
  readonly values: readonly (number | null)[];
  readonly color: string;
  readonly dash?: boolean;
}

/** One chart of the HTML report. `x` is shared: each window's end, in seconds since load start. */
export interface ChartSpec {
  readonly id: string;
  readonly title: string;
  readonly unit: string;
  readonly series: readonly ChartSeries[];
}

/** Everything the report's script draws: charts, a shaded band per fault, marks for bad windows. */
export interface ChartData {
  readonly x: readonly number[];
  /** The x axis's label (default: seconds since load start). */
  readonly xLabel?: string;
  readonly charts: readonly ChartSpec[];
  readonly bands: readonly { readonly name: string; readonly fromS: number; readonly toS: number }[];
  readonly bad: readonly { readonly fromS: number; readonly toS: number; readonly title?: string }[];
}

const PALETTE = ['#d62728', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];

/**
 * The chart data of a journal, window by window over the whole run: throughput (intended vs
 * answered vs good), error ratio by cause, latency p50/p99 with each latency objective's
 * threshold, and saturation when any window recorded it. Pure.
 */
export function chartData(journal: Journal): ChartData {
  const ws = journal.windows;
  const perS = (w: WindowSummary, n: number) =>
    w.endMs > w.startMs ? (n * 1000) / (w.endMs - w.startMs) : 0;
  const charts: ChartSpec[] = [
    {
      id: 'throughput',
      title: 'Throughput: intended vs answered',
      unit: 'req/s',
      series: [
        { label: 'intended', values: ws.map((w) => perS(w, w.intended)), color: '#7f7f7f', dash: true },
        { label: 'answered', values: ws.map((w) => perS(w, w.completed)), color: '#1f77b4' },
        { label: 'good', values: ws.map((w) => perS(w, w.good)), color: '#2ca02c' },
      ],
    },
    { id: 'errors', title: 'Error ratio by cause', unit: '%', series: errorSeries(ws) },
    {
      id: 'latency',
      title: 'Latency p50 / p99',
      unit: 'ms',
      series: [
        { label: 'p50', values: ws.map((w) => w.latency.p50), color: '#1f77b4' },
        { label: 'p99', values: ws.map((w) => w.latency.p99), color: '#ff7f0e' },
        ...journal.slos.objectives.flatMap((o, i) =>
          'latency' in o
            ? [
                {
                  label: `${o.name}: p${o.latency.percentile} < ${o.latency.below} ms`,
                  values: ws.map(() => o.latency.below),
                  color: PALETTE[i % PALETTE.length] ?? '#d62728',
                  dash: true,
                },
              ]
            : [],
        ),
      ],
    },
  ];
  const saturation = saturationSeries(ws);
  if (saturation.length > 0)
    charts.push({ id: 'saturation', title: 'Saturation', unit: '%', series: saturation });
  const endS = (ws.at(-1)?.endMs ?? journal.plan.durationMs) / 1000;
  return {
    x: ws.map((w) => w.endMs / 1000),
    charts,
    bands: journal.faults
      .filter((f) => f.injectedAtMs !== null)
      .map((f) => ({
        name: f.name,
        fromS: (f.injectedAtMs ?? 0) / 1000,
        toS: f.revertedAtMs === null ? endS : f.revertedAtMs / 1000,
      })),
    bad: ws
      .filter((w) => !w.met && w.phase !== 'warmup')
      .map((w) => ({ fromS: w.startMs / 1000, toS: w.endMs / 1000 })),
  };
}

/** Error ratio (% of the window's valid events) per cause; the counters when no cause was recorded. */
function errorSeries(ws: readonly WindowSummary[]): ChartSeries[] {
  const ratio = (w: WindowSummary, n: number) => (w.valid > 0 ? (100 * n) / w.valid : null);
  const causes = [...new Set(ws.flatMap((w) => w.causes.map((c) => c.cause)))];
  if (causes.length > 0)
    return causes.map((cause, i) => ({
      label: cause,
      values: ws.map((w) => ratio(w, w.causes.find((c) => c.cause === cause)?.count ?? 0)),
      color: PALETTE[i % PALETTE.length] ?? '#d62728',
    }));
  const counters: [string, (w: WindowSummary) => number][] = [
    ['http errors', (w) => w.httpErrors],
    ['timeouts', (w) => w.timeouts],
    ['connection errors', (w) => w.connectionErrors],
    ['shortfall', (w) => w.shortfall],
  ];
  return counters.map(([label, count], i) => ({
    label,
    values: ws.map((w) => ratio(w, count(w))),
    color: PALETTE[i % PALETTE.length] ?? '#d62728',
  }));
}

/** CPU and memory share (% of the limit) per target member, where recorded. */
function saturationSeries(ws: readonly WindowSummary[]): ChartSeries[] {
  const members = [...new Set(ws.flatMap((w) => w.saturation.map((s) => `${s.target}/${s.member}`)))];
  const pick = (w: WindowSummary, key: string, field: 'cpuShare' | 'memoryShare') => {
    const s = w.saturation.find((x) => `${x.target}/${x.member}` === key);
    const v = s?.[field];
    return v === null || v === undefined ? null : v * 100;
  };
  return members.flatMap((key, i) => {
    const color = PALETTE[(i + 3) % PALETTE.length] ?? '#17becf';
    const series: ChartSeries[] = [
      { label: `${key} cpu`, values: ws.map((w) => pick(w, key, 'cpuShare')), color },
    ];
    if (ws.some((w) => pick(w, key, 'memoryShare') !== null))
      series.push({
        label: `${key} memory`,
        values: ws.map((w) => pick(w, key, 'memoryShare')),
        color,
        dash: true,
      });
    return series;
  });
}
