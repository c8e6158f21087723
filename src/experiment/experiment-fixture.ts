import { stringify } from 'yaml';
import { loadExperiment } from './load-experiment.ts';
import type { Experiment } from './model.ts';

/** Options of a test experiment; times in milliseconds. */
export interface FixtureOptions {
  duration?: number;
  warmup?: number;
  baseline?: number;
  after?: number;
  window?: number;
  rate?: number;
  recoverWithin?: number;
  duringFaults?: 'hold' | { tolerate: { budget: string } };
  objectives?: Record<string, unknown>[];
  faults?: (Record<string, unknown> & { name: string; type: string; at: number; for?: number })[];
}

/**
 * Builds an Experiment for unit tests by writing YAML and loading it through the real loader,
 * so fixtures can never drift from what users' files produce. One process target `app`.
 */
export function experimentFixture(options: FixtureOptions = {}): Experiment {
  const ms = (value: number) => `${value}ms`;
  const doc = {
    version: 1,
    name: 'fixture',
    targets: { app: { process: { command: 'node app.js' } } },
    load: {
      url: 'http://127.0.0.1:8080',
      rate: options.rate ?? 100,
      duration: ms(options.duration ?? 60_000),
    },
    slos: {
      window: ms(options.window ?? 1000),
      objectives: options.objectives ?? [{ name: 'availability', success: { 'at-least': '99%' } }],
    },
    hypothesis: {
      warmup: ms(options.warmup ?? 0),
      baseline: ms(options.baseline ?? 10_000),
      after: ms(options.after ?? 10_000),
      'during-faults': options.duringFaults ?? 'hold',
      ...(options.recoverWithin === undefined ? {} : { 'recover-within': ms(options.recoverWithin) }),
    },
    faults: (options.faults ?? []).map((f) => ({
      target: 'app',
      ...f,
      at: ms(f.at),
      ...(f.for === undefined ? {} : { for: ms(f.for) }),
    })),
  };
  return loadExperiment('fixture.yaml', { readText: () => stringify(doc), env: {} });
}
