import type { ObjectiveSpec } from '../experiment/model.ts';
import type { SaturationObjectiveSpec } from '../experiment/schema-saturation.ts';
import type { ObjectiveResult, TargetSaturation } from './window-summary.ts';

const pct = (share: number) => `${(share * 100).toFixed(1)}%`;
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

/**
 * Judges one saturation objective over one window's readings. Met only when every member of the
 * target has the readings the objective needs and each stays strictly below its thresholds. No
 * reading for a member (or no member at all) is a miss, never a pass; a memory share on a member
 * with no memory limit is a miss too (a share of nothing cannot be judged). `value` is the worst
 * member's CPU share, else (memory only) its memory share of the limit or of the size allowed
 * (bytes ÷ threshold); `detail` says why it missed.
 */
export function judgeSaturation(
  objective: SaturationObjectiveSpec,
  readings: readonly TargetSaturation[],
): ObjectiveResult {
  const { target, cpu, memory } = objective.saturation;
  const members = readings.filter((r) => r.target === target);
  const problems: string[] = [];
  let worst: number | null = null;
  const consider = (value: number) => (worst = worst === null ? value : Math.max(worst, value));
  if (members.length === 0) problems.push(`no saturation reading for target ${target} in this window`);
  for (const m of members) {
    const who = `${target} (${m.member})`;
    if (cpu) {
      if (m.cpuShare === null) problems.push(`no CPU reading for ${who} in this window`);
      else {
        consider(m.cpuShare);
        if (m.cpuShare >= cpu.below)
          problems.push(`${who} CPU ${pct(m.cpuShare)}, not below ${pct(cpu.below)}`);
      }
    }
    if (!memory) continue;
    const below = memory.below;
    if (m.memoryBytes === null) {
      problems.push(`no memory reading for ${who} in this window`);
    } else if ('bytes' in below) {
      if (!cpu) consider(m.memoryBytes / below.bytes);
      if (m.memoryBytes >= below.bytes)
        problems.push(`${who} memory ${mb(m.memoryBytes)}, not below ${mb(below.bytes)}`);
    } else if (m.memoryShare === null) {
      problems.push(
        `${who} has no memory limit, so memory as a share of it cannot be judged (give a size such as 512MB)`,
      );
    } else {
      if (!cpu) consider(m.memoryShare);
      if (m.memoryShare >= below.share)
        problems.push(`${who} memory ${pct(m.memoryShare)} of its limit, not below ${pct(below.share)}`);
    }
  }
  const result = {
    objective: objective.name,
    kind: 'saturation' as const,
    met: problems.length === 0,
    value: worst,
  };
  return problems.length === 0 ? result : { ...result, detail: problems.join('; ') };
}

/**
 * Replaces the placeholder result of each saturation objective (a Tally cannot judge them) with
 * its judgement over `readings`; other results pass through. `results` is in objective order.
 */
export function withSaturation(
  objectives: readonly ObjectiveSpec[],
  results: readonly ObjectiveResult[],
  readings: readonly TargetSaturation[],
): ObjectiveResult[] {
  return results.map((result, i) => {
    const objective = objectives[i];
    return objective && 'saturation' in objective ? judgeSaturation(objective, readings) : result;
  });
}

/**
 * Scores saturation objectives over a span (a phase, the run) from its windows, where a Tally
 * cannot: met only when every window met it (and there was one), value the highest window value.
 * Other results pass through.
 */
export function saturationOverWindows(
  results: readonly ObjectiveResult[],
  windows: readonly { readonly objectives: readonly ObjectiveResult[] }[],
): ObjectiveResult[] {
  return results.map((result) => {
    if (result.kind !== 'saturation') return result;
    const own = windows.flatMap((w) => w.objectives.filter((o) => o.objective === result.objective));
    const values = own.flatMap((o) => (o.value === null ? [] : [o.value]));
    return {
      ...result,
      met: own.length > 0 && own.every((o) => o.met),
      value: values.length > 0 ? Math.max(...values) : null,
    };
  });
}
