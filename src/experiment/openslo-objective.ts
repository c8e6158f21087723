import type { Problem, SourceLocation } from '../errors/faultline-error.ts';
import type { MappedIndicator } from './openslo-indicator.ts';
import type { OpenSloObjective } from './openslo-schema.ts';
import { parseDuration } from './quantities.ts';
import type { ObjectiveSpec } from './schema-slos.ts';
import type { DataPath } from './yaml-source.ts';

/** One OpenSLO objective in context: its SLO's name and budgeting method, where it was written. */
export interface ObjectiveContext {
  readonly name: string;
  readonly timeslices: boolean;
  readonly indicator: MappedIndicator;
  readonly locate: (path: DataPath) => SourceLocation;
  readonly locateKey: (path: DataPath) => SourceLocation;
}

/** A faultline objective made from an OpenSLO one, with its window when it uses timeslices. */
export interface MappedObjective {
  readonly spec: ObjectiveSpec;
  readonly location: SourceLocation;
  readonly window?: { readonly ms: number; readonly location: SourceLocation };
}

/**
 * Maps one OpenSLO objective. The share that must be good in each faultline window is
 * `timeSliceTarget` (Timeslices) or `target`/`targetPercent` (Occurrences): a ratio becomes
 * `success: { at-least: share }`; a latency threshold `op: lt|lte, value: V` becomes
 * `latency: { percentile: share × 100, below: V }`. Returns problems for what it cannot map.
 */
export function mapObjective(
  o: OpenSloObjective,
  ctx: ObjectiveContext,
): { objective?: MappedObjective; problems: Problem[] } {
  const problems: Problem[] = [];
  const refuse = (key: string, message: string) => problems.push({ message, location: ctx.locateKey([key]) });
  for (const key of ['indicator', 'indicatorRef', 'compositeWeight'] as const)
    if (o[key] !== undefined)
      refuse(
        key,
        `objectives[].${key} (composite SLOs) cannot be mapped; give the indicator once in spec.indicator or spec.indicatorRef`,
      );
  if ((o.target === undefined) === (o.targetPercent === undefined))
    problems.push({
      message: `an objective needs exactly one of target (such as 0.99) or targetPercent (such as 99); found ${o.target === undefined ? 'neither' : 'both'}`,
      location: ctx.locate([]),
    });
  const target = o.target ?? (o.targetPercent === undefined ? undefined : o.targetPercent / 100);
  if (target !== undefined && !(target > 0 && target < 1))
    refuse(
      o.target === undefined ? 'targetPercent' : 'target',
      'expected target between 0 and 1 (such as 0.99) or targetPercent between 0 and 100',
    );
  let share = target;
  let window: MappedObjective['window'];
  if (ctx.timeslices) {
    if (o.timeSliceTarget === undefined || o.timeSliceWindow === undefined)
      problems.push({
        message:
          'budgetingMethod Timeslices needs timeSliceTarget (such as 0.95) and timeSliceWindow (such as 5s or 1m) on each objective',
        location: ctx.locate([]),
      });
    if (o.timeSliceTarget !== undefined && !(o.timeSliceTarget > 0 && o.timeSliceTarget <= 1))
      refuse('timeSliceTarget', 'expected timeSliceTarget above 0 and at most 1, such as 0.95');
    share = o.timeSliceTarget;
    if (o.timeSliceWindow !== undefined) {
      const ms = windowMs(o.timeSliceWindow);
      if (ms === undefined)
        refuse(
          'timeSliceWindow',
          `expected timeSliceWindow as a number of seconds or a duration such as 5s, 30s or 1m (one experiment run holds many windows); found ${JSON.stringify(o.timeSliceWindow)}`,
        );
      else window = { ms, location: ctx.locate(['timeSliceWindow']) };
    }
  } else {
    for (const key of ['timeSliceTarget', 'timeSliceWindow'] as const)
      if (o[key] !== undefined)
        refuse(key, `${key} applies to budgetingMethod Timeslices only; this SLO uses Occurrences`);
  }
  const spec = objectiveSpec(o, ctx, share, problems);
  if (problems.length > 0 || !spec) return { problems };
  return { objective: { spec, location: ctx.locate([]), ...(window ? { window } : {}) }, problems };
}

function objectiveSpec(
  o: OpenSloObjective,
  ctx: ObjectiveContext,
  share: number | undefined,
  problems: Problem[],
): ObjectiveSpec | undefined {
  if (ctx.indicator.kind === 'success') {
    for (const key of ['op', 'value'] as const)
      if (o[key] !== undefined)
        problems.push({
          message: `${key} applies to a thresholdMetric; this SLO's indicator is a ratioMetric (mapped to success)`,
          location: ctx.locateKey([key]),
        });
    return share === undefined ? undefined : { name: ctx.name, success: { 'at-least': share } };
  }
  if (o.op === undefined || o.value === undefined) {
    problems.push({
      message: 'a latency thresholdMetric objective needs op (lt or lte) and value (the latency threshold)',
      location: ctx.locate([]),
    });
  } else if (o.op !== 'lt' && o.op !== 'lte') {
    problems.push({
      message: `op ${o.op} cannot be mapped to a latency objective; expected lt or lte (answers at most this slow)`,
      location: ctx.locate(['op']),
    });
  } else if (!(o.value > 0)) {
    problems.push({
      message: 'expected value above 0 (the latency threshold)',
      location: ctx.locate(['value']),
    });
  }
  if (share === 1)
    problems.push({
      message: `${ctx.timeslices ? 'timeSliceTarget' : 'target'} 1 would judge the slowest answer (percentile 100); faultline takes latency percentiles below 100, such as 0.99 or 0.999`,
      location: ctx.locate([ctx.timeslices ? 'timeSliceTarget' : 'target']),
    });
  if (problems.length > 0 || share === undefined || o.value === undefined) return undefined;
  const percentile = Math.round(share * 1e8) / 1e6;
  const below = Math.round(o.value * ctx.indicator.msPerUnit * 1000) / 1000;
  return { name: ctx.name, latency: { percentile, below } };
}

/** A timeSliceWindow (seconds, or faultline's duration grammar) in ms; undefined if unreadable. */
function windowMs(value: number | string): number | undefined {
  const ms = typeof value === 'number' ? value * 1000 : parseDuration(value);
  return ms !== undefined && ms > 0 ? ms : undefined;
}
