import { formatDuration, formatPercentage } from './quantities.ts';
import type { ObjectiveSpec } from './schema-slos.ts';

/** One line for an objective, as `plan` shows it: `p99 below 500ms`, `success at least 99%`. */
export function describeObjective(objective: ObjectiveSpec): string {
  if ('latency' in objective)
    return `p${objective.latency.percentile} below ${formatDuration(objective.latency.below)}`;
  if ('success' in objective) return `success at least ${formatPercentage(objective.success['at-least'])}`;
  if ('errors' in objective) return `errors below ${formatPercentage(objective.errors.below)}`;
  return `throughput at least ${objective.throughput['at-least']} good req/s`;
}
