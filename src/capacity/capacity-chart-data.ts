import type { ChartData, ChartSeries } from '../report/html/chart-data.ts';
import type { Level } from './capacity-level.ts';
import type { CapacityReport } from './capacity-report.ts';

/** One curve's levels, labelled: the healthy search (with its overload levels) or the one under a fault. */
interface Curve {
  readonly label: string;
  readonly levels: readonly Level[];
}

/**
 * The charts of a capacity report, drawn over the offered rate (req/s) instead of time: answered
 * and good rate against offered (the offered line is the diagonal a system that keeps up follows),
 * latency p50/p99, and the shares of errors, timeouts and refusals, for the healthy search and,
 * with `--under`, the search under the held fault. Where a rate was tried more than once (the
 * confirming repeat), the last try is drawn. The answer is marked on every chart (a labelled
 * line at the max sustainable, first failing and recommended rates), and every level that failed
 * or was invalid gets a mark at its rate. Pure.
 */
export function capacityChartData(report: CapacityReport): ChartData {
  const curves: Curve[] = [
    { label: '', levels: [...report.levels, ...(report.breakingPoint?.levels ?? [])] },
    ...(report.underFailure
      ? [{ label: ` under ${report.underFailure.under ?? ''}`, levels: report.underFailure.levels }]
      : []),
  ];
  const x = [...new Set(curves.flatMap((c) => c.levels.map((l) => l.rate)))].sort((a, b) => a - b);
  const at = (levels: readonly Level[], pick: (l: Level) => number | null) => {
    const last = new Map(levels.map((l) => [l.rate, l]));
    return x.map((rate) => {
      const level = last.get(rate);
      return level === undefined ? null : pick(level);
    });
  };
  const per = (make: (c: Curve, dash: boolean) => ChartSeries[]) => curves.flatMap((c, i) => make(c, i > 0));
  const percent = (v: number) => Math.round(v * 1000) / 10;
  const marks = [
    ['max sustainable', report.maxSustainableRate],
    ['first failing', report.firstFailingRate],
    ['recommended', report.recommendedRate],
  ] as const;
  return {
    x,
    xLabel: 'offered rate (req/s)',
    charts: [
      {
        id: 'throughput',
        title: 'Answered and good rate against offered',
        unit: 'req/s',
        series: [
          { label: 'offered', values: x, color: '#7f7f7f', dash: true },
          ...per((c, dash) => [
            {
              label: `answered${c.label}`,
              values: at(c.levels, (l) => l.answeredRate),
              color: '#1f77b4',
              dash,
            },
            { label: `good${c.label}`, values: at(c.levels, (l) => l.goodRate), color: '#2ca02c', dash },
          ]),
        ],
      },
      {
        id: 'latency',
        title: 'Latency p50 / p99 against offered rate',
        unit: 'ms',
        series: per((c, dash) => [
          { label: `p50${c.label}`, values: at(c.levels, (l) => l.p50Ms), color: '#1f77b4', dash },
          { label: `p99${c.label}`, values: at(c.levels, (l) => l.p99Ms), color: '#ff7f0e', dash },
        ]),
      },
      {
        id: 'errors',
        title: 'Errors, timeouts and refusals against offered rate',
        unit: '%',
        series: per((c, dash) => [
          {
            label: `errors${c.label}`,
            values: at(c.levels, (l) => percent(l.errorShare)),
            color: '#d62728',
            dash,
          },
          {
            label: `timeouts${c.label}`,
            values: at(c.levels, (l) => percent(l.timeoutShare)),
            color: '#9467bd',
            dash,
          },
          {
            label: `refusals${c.label}`,
            values: at(c.levels, (l) => percent(l.refusalShare)),
            color: '#8c564b',
            dash,
          },
        ]),
      },
    ],
    bands: marks.flatMap(([name, rate]) =>
      rate === null ? [] : [{ name: `${name} ${rate}`, fromS: rate, toS: rate }],
    ),
    bad: curves.flatMap((c) =>
      c.levels
        .filter((l) => l.outcome !== 'holds')
        .map((l) => ({ fromS: l.rate, toS: l.rate, title: `${l.rate} req/s${c.label}: ${l.outcome}` })),
    ),
  };
}
