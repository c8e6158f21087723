import { describe, expect, it } from 'vitest';
import type { FaultRecord } from '../journal/journal.ts';
import type { WindowSummary } from '../slo/window-summary.ts';
import { progressLine, progressPanel } from './progress-view.ts';

const window: WindowSummary = {
  index: 6,
  startMs: 6000,
  endMs: 7000,
  phase: 'faults',
  activeFaults: ['freeze'],
  intended: 100,
  completed: 40,
  good: 30,
  httpErrors: 10,
  timeouts: 60,
  connectionErrors: 0,
  shortfall: 0,
  valid: 100,
  latency: { p50: 20, p90: 400, p95: 800, p99: 950.25, p999: 990, max: 1000 },
  objectives: [
    { objective: 'fast', kind: 'latency', met: false, value: 950.25, bad: 60 },
    { objective: 'availability', kind: 'success', met: false, value: 0.3, bad: 70 },
  ],
  met: false,
  causes: [],
  runner: null,
  suspect: false,
  saturation: [],
};
const fault = {
  name: 'freeze',
  type: 'pause',
  target: 'shop',
  injectedAtMs: 5000,
  revertedAtMs: null,
} as FaultRecord;

describe('the live progress view', () => {
  it('the panel: phase, a bar at the elapsed share, the last window, active faults, each objective', () => {
    const panel = progressPanel({
      experiment: 'shop',
      phase: 'faults',
      elapsedMs: 7500,
      totalMs: 15_000,
      faults: [fault],
      last: window,
    });
    expect(panel.split('\n')).toEqual([
      `shop  phase faults  [${'#'.repeat(12)}${'-'.repeat(12)}] 7.5s / 15s`,
      '  40/100 req/s answered/intended, p99 950.3 ms, errors 70%',
      '  faults: freeze (pause on shop)',
      '  objectives: fast ✘ 950.3 ms   availability ✘ 30%',
    ]);
  });

  it('a reverted fault is no longer listed as active', () => {
    const panel = progressPanel({
      experiment: 'shop',
      phase: 'recovery',
      elapsedMs: 0,
      totalMs: 0,
      faults: [{ ...fault, revertedAtMs: 8000 }],
      last: undefined,
    });
    expect(panel).toContain('faults: none active');
    expect(panel).toContain('waiting for the first window');
  });

  it('one plain line per window', () => {
    expect(progressLine(window)).toBe(
      'window 6 [faults] 6s–7s: 40/100 req/s answered/intended, p99 950.3 ms, errors 70%, faults freeze; fast ✘ 950.3 ms   availability ✘ 30%',
    );
  });
});
