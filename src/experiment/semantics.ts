import type { Problem } from '../errors/faultline-error.ts';
import { phaseBounds, type PhaseBounds } from '../timeline/phase-bounds.ts';
import { FAULTS_BY_TARGET, plannedLength } from './fault-compatibility.ts';
import type { PlannedFault } from './model.ts';
import { formatDuration } from './quantities.ts';
import { checkSaturationObjectives } from './saturation-checks.ts';
import type { ExperimentFile } from './schema.ts';
import { targetEngine, targetKind } from './schema-targets.ts';
import type { SloOrigins } from './resolve-slos.ts';
import type { YamlSource } from './yaml-source.ts';

/**
 * Checks that need more than one field: targets exist and suit the fault, faults sit inside the
 * fault phase, names are unique, the timeline fits in the load's duration. `slos` says where
 * objectives and the window were written (they may come from an OpenSLO file).
 */
export function checkSemantics(
  file: ExperimentFile,
  faults: readonly PlannedFault[],
  source: YamlSource,
  slos: SloOrigins = {
    objectiveName: (i) => source.locate(['slos', 'objectives', i, 'name']),
    window: () => source.locate(['slos', 'window']),
  },
): Problem[] {
  const problems: Problem[] = [];
  const duration = file.load.duration;
  const bounds = phaseBounds({ ...file.hypothesis, durationMs: duration });
  if (bounds.faultStartMs > bounds.afterStartMs) {
    problems.push({
      message: `load.duration ${formatDuration(duration)} is shorter than warmup + baseline + after (${formatDuration(bounds.faultStartMs + file.hypothesis.after)})`,
      location: source.locate(['load', 'duration']),
    });
  }
  if (file.load.rate !== undefined && file.load.connections !== undefined) {
    problems.push({
      message:
        "give either `rate` (open model) or `connections` (closed model), not both; `max-connections` caps the open model's pool",
      location: source.locateKey(['load', 'connections']),
    });
  }
  const stagesTotal = file.load.stages.reduce((sum, s) => sum + s.for, 0);
  if (stagesTotal > duration) {
    problems.push({
      message: `load.stages last ${formatDuration(stagesTotal)}, longer than load.duration ${formatDuration(duration)}`,
      location: source.locate(['load', 'stages']),
    });
  }
  if (file.slos.window > duration) {
    problems.push({
      message: `slos.window ${formatDuration(file.slos.window)} is longer than the run (${formatDuration(duration)})`,
      location: slos.window(),
    });
  }
  problems.push(
    ...duplicates(
      file.slos.objectives.map((o, i) => ({
        name: o.name,
        at: slos.objectiveName(i),
      })),
      'objective',
    ),
  );
  problems.push(
    ...duplicates(
      faults.map((f) => ({ name: f.name, at: f.locate(['name']) })),
      'fault',
    ),
  );
  problems.push(...checkEngines(file, source));
  for (const fault of faults) problems.push(...checkFault(file, fault, bounds));
  problems.push(...checkSaturationObjectives(file, source));
  return problems;
}

/** Every container target's `engine:` names an engine under `engines:`. */
function checkEngines(file: ExperimentFile, source: YamlSource): Problem[] {
  const known = Object.keys(file.engines);
  return Object.entries(file.targets).flatMap(([name, target]) => {
    const engine = targetEngine(target);
    if (engine === undefined || known.includes(engine)) return [];
    return [
      {
        message: `target \`${name}\` names engine \`${engine}\`, which engines: does not declare; engines declared: ${known.join(', ') || 'none (add an engines: section, or drop engine: for DOCKER_HOST / the local socket)'}`,
        location: source.locate(['targets', name, 'engine']),
      },
    ];
  });
}

/** The parts of an experiment a single fault is checked against; timing is skipped when unknown. */
export type FaultContextForChecks = Pick<ExperimentFile, 'targets' | 'toxiproxy'>;

/**
 * Checks one fault against the targets and, when known, the phase bounds (it must start at or
 * after the end of the baseline and end by the start of `after`).
 * Used on whole experiments and, when the schema failed elsewhere, on each fault that parsed.
 */
export function checkFault(
  file: FaultContextForChecks,
  fault: PlannedFault,
  bounds?: PhaseBounds,
): Problem[] {
  const problems: Problem[] = [];
  const target = file.targets[fault.target];
  if (!target) {
    const known = Object.keys(file.targets);
    return [
      {
        message: `unknown target \`${fault.target}\`; targets defined: ${known.join(', ') || 'none (add a targets: section)'}`,
        location: fault.locate(['target']),
      },
    ];
  }
  const kind = targetKind(target);
  if (!FAULTS_BY_TARGET[kind].includes(fault.type)) {
    problems.push({
      message: `fault type \`${fault.type}\` cannot act on ${kind} target \`${fault.target}\`; ${kind} targets take: ${FAULTS_BY_TARGET[kind].join(', ')}`,
      location: fault.locate(['type']),
    });
  }
  if (kind === 'proxy' && 'proxy' in target && !file.toxiproxy?.url) {
    const declared = (file.toxiproxy?.proxies ?? []).map((p) => p.name);
    if (!declared.includes(target.proxy)) {
      problems.push({
        message: `target \`${fault.target}\` uses proxy \`${target.proxy}\`, which the embedded proxy does not declare; declared in toxiproxy.proxies: ${declared.join(', ') || 'none'}`,
        location: fault.locate(['target']),
      });
    }
  }
  if (!bounds) return problems;
  const { faultStartMs: faultStart, afterStartMs: afterStart } = bounds;
  if (fault.at < faultStart) {
    problems.push({
      message: `fault starts at ${formatDuration(fault.at)}, inside warm-up + baseline; faults may start at ${formatDuration(faultStart)} or later`,
      location: fault.locate(['at']),
    });
  }
  const length = plannedLength(fault);
  if (fault.at + (length ?? 0) > afterStart) {
    problems.push({
      message: `fault ends at ${formatDuration(fault.at + (length ?? 0))}, after the steady-state-after phase begins at ${formatDuration(afterStart)} (load.duration − hypothesis.after)`,
      location: fault.locate(
        length === undefined ? ['at'] : 'for' in fault && fault.for !== undefined ? ['for'] : ['restart'],
      ),
    });
  }
  return problems;
}

function duplicates(items: readonly { name: string; at: Problem['location'] }[], what: string): Problem[] {
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const item of items) {
    if (seen.has(item.name))
      problems.push(
        item.at
          ? { message: `duplicate ${what} name \`${item.name}\``, location: item.at }
          : { message: `duplicate ${what} name \`${item.name}\`` },
      );
    seen.add(item.name);
  }
  return problems;
}
