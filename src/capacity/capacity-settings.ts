import { InvalidInputError, type Problem } from '../errors/faultline-error.ts';
import type { Experiment, PlannedFault } from '../experiment/model.ts';
import { formatDuration, parsePercentage } from '../experiment/quantities.ts';
import type { LevelTiming } from './level-spec.ts';

/** The flags of `faultline capacity`, as typed (strings are checked here). */
export interface CapacityFlags {
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly precision?: string | undefined;
  readonly under?: string | undefined;
}

/** Everything the search needs, flags over the experiment's `capacity:` section over defaults. */
export interface CapacitySettings extends LevelTiming {
  readonly from: number;
  readonly to: number;
  readonly precision: number;
  readonly headroom: number;
  readonly under: PlannedFault | undefined;
}

const DEFAULT_PRECISION = 0.05;
const DEFAULT_HEADROOM = 0.25;
/** Without `to`, the ceiling is this many times `from`. */
const DEFAULT_SPAN = 64;

/**
 * Resolves the settings of a capacity search. Defaults: warm-up = the hypothesis's warm-up,
 * hold = its baseline, from = the load's `rate` (else 10 req/s), to = 64 × from, precision 5 %,
 * headroom 25 %. Throws InvalidInputError (exit 2) naming every bad flag; nothing runs then.
 */
export function capacitySettings(experiment: Experiment, flags: CapacityFlags): CapacitySettings {
  const problems: Problem[] = [];
  const section = experiment.capacity;
  const rate = (flag: '--from' | '--to', text: string | undefined): number | undefined => {
    if (text === undefined) return undefined;
    const value = Number(text);
    if (text.trim() !== '' && Number.isFinite(value) && value > 0) return value;
    problems.push({
      message: `${flag}: expected a rate in requests per second above 0, such as 50; found ${JSON.stringify(text)}`,
    });
    return undefined;
  };
  const from = rate('--from', flags.from) ?? section?.from ?? experiment.load.rate ?? 10;
  const to = rate('--to', flags.to) ?? section?.to ?? from * DEFAULT_SPAN;
  if (to < from)
    problems.push({ message: `--to: expected a ceiling at or above --from (${from}); found ${to}` });
  let precision = section?.precision ?? DEFAULT_PRECISION;
  if (flags.precision !== undefined) {
    const parsed = parsePercentage(flags.precision.trim());
    if (parsed === undefined || parsed < 0.001 || parsed >= 0.5)
      problems.push({
        message: `--precision: expected a percentage between 0.1% and 50%, such as 5%; found ${JSON.stringify(flags.precision)}`,
      });
    else precision = parsed;
  }
  const under = flags.under === undefined ? undefined : experiment.faults.find((f) => f.name === flags.under);
  if (flags.under !== undefined && !under) {
    const names = experiment.faults.map((f) => f.name);
    problems.push({
      message: `--under: expected the name of a fault of ${experiment.file} (${names.length ? names.join(', ') : 'it has none'}); found ${JSON.stringify(flags.under)}`,
    });
  }
  const warmupMs = section?.warmup ?? experiment.hypothesis.warmup;
  const holdMs = section?.hold ?? experiment.hypothesis.baseline;
  if (holdMs < experiment.slos.window)
    problems.push({
      message: `${experiment.file}: the capacity hold (${formatDuration(holdMs)}) is shorter than one SLO window (${formatDuration(experiment.slos.window)}); set capacity.hold or hypothesis.baseline`,
    });
  if (problems.length > 0) throw new InvalidInputError(problems, { code: 'E_USAGE' });
  return { from, to, precision, headroom: section?.headroom ?? DEFAULT_HEADROOM, under, warmupMs, holdMs };
}
