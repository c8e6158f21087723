import type { Experiment } from '../experiment/model.ts';
import { frozenSink } from '../runner/frozen.ts';
import type { RunDeps } from '../runner/run-deps.ts';
import { inSession } from '../runner/session.ts';
import { ExitCode } from '../errors/exit-codes.ts';
import { searchBreakingPoint, type BreakResult } from './break-search.ts';
import type { Level } from './capacity-level.ts';
import { capacityProbe } from './capacity-probe.ts';
import { searchReport, type CapacityReport, type SearchReport } from './capacity-report.ts';
import { searchCapacity } from './capacity-search.ts';
import type { CapacitySettings } from './capacity-settings.ts';
import { levelSpec } from './level-spec.ts';

/** What `faultline capacity` asks for beyond the settings. */
export interface CapacityRequest {
  readonly settings: CapacitySettings;
  /** Go on past the first failing level to the breaking point (`--break`). */
  readonly breakingPoint: boolean;
  /** Each level as it finishes (for progress lines and the capacity file). */
  readonly onLevel?: (level: Level, index: number) => void;
}

/**
 * Runs a capacity search in one session (targets started once): the healthy search; with
 * `under`, the same search with that fault held throughout each level; with `breakingPoint`,
 * overload past the first failing (healthy) level, then a level at the recommended rate to see
 * whether the system came back. Every fault is reverted and every target stopped, whatever
 * happens. Never throws for run-time failures: they end in `error` and exit code 5.
 */
export async function runCapacity(
  experiment: Experiment,
  runDeps: RunDeps,
  request: CapacityRequest,
): Promise<CapacityReport> {
  const deps: RunDeps = { ...runDeps, sink: frozenSink(runDeps.sink) };
  const { settings } = request;
  const startedAt = deps.now().toISOString();
  const t0 = deps.clock.now();
  const notes: string[] = [];
  const note = (message: string) => {
    notes.push(message);
    deps.sink.event({ kind: 'note', atMs: deps.clock.now() - t0, message });
    deps.sink.log(message);
  };
  const counter = { levels: 0, revertFailed: false };
  const hooks = { note, onLevel: (level: Level, index: number) => request.onLevel?.(level, index) };
  const stop = () => deps.signal.aborted;
  let healthy: SearchReport | null = null;
  let under: SearchReport | null = null;
  let breaking: BreakResult | null = null;
  const firstLevel = levelSpec(experiment, settings.from, settings, undefined);
  const session = await inSession(
    experiment,
    deps,
    {
      note,
      onTarget: (t) => deps.sink.log(`target ${t.name}: ${t.members.map((m) => m.label).join(', ')}`),
      now: () => deps.clock.now() - t0,
    },
    firstLevel.loadPlan,
    async (s) => {
      const probe = capacityProbe(s, experiment, settings, undefined, deps, hooks, counter);
      const result = await searchCapacity(settings, probe, stop);
      healthy = searchReport(result, null, settings.headroom);
      if (request.breakingPoint) {
        const firstFailing = result.levels.find(
          (l) => l.rate === result.firstFailingRate && l.outcome === 'fails',
        );
        if (firstFailing) {
          const recoveryRate = healthy.recommendedRate ?? result.maxSustainableRate;
          breaking = await searchBreakingPoint(
            { firstFailing, ceiling: Math.max(settings.to, firstFailing.rate * 8), recoveryRate },
            probe,
            stop,
          );
        } else note('--break: no level failed, so there is no breaking point to look past');
      }
      if (settings.under) {
        const underProbe = capacityProbe(s, experiment, settings, settings.under, deps, hooks, counter);
        under = searchReport(
          await searchCapacity(settings, underProbe, stop),
          settings.under.name,
          settings.headroom,
        );
      }
    },
  );
  return assemble(experiment, deps, request, {
    startedAt,
    notes,
    error: session.error ?? null,
    revertFailed: counter.revertFailed,
    healthy,
    under,
    breaking,
  });
}

function assemble(
  experiment: Experiment,
  deps: RunDeps,
  request: CapacityRequest,
  parts: {
    startedAt: string;
    notes: string[];
    error: string | null;
    revertFailed: boolean;
    healthy: SearchReport | null;
    under: SearchReport | null;
    breaking: BreakResult | null;
  },
): CapacityReport {
  const { settings } = request;
  const healthy: SearchReport =
    parts.healthy ??
    searchReport(
      {
        maxSustainableRate: null,
        firstFailingRate: null,
        brokenBy: null,
        confirmed: false,
        stop: 'stopped',
        levels: [],
      },
      null,
      settings.headroom,
    );
  const aborted = deps.signal.aborted;
  const ratio =
    parts.under && parts.under.maxSustainableRate !== null && healthy.maxSustainableRate
      ? Math.round((parts.under.maxSustainableRate / healthy.maxSustainableRate) * 1000) / 1000
      : null;
  const exitCode = parts.revertFailed
    ? ExitCode.revertFailed
    : aborted
      ? ExitCode.aborted
      : parts.error !== null
        ? ExitCode.runError
        : healthy.maxSustainableRate === null
          ? healthy.stop === 'floor'
            ? ExitCode.sloFailed
            : ExitCode.runError
          : ExitCode.pass;
  return {
    kind: 'capacity',
    format: 1,
    runId: deps.runId,
    experiment: { name: experiment.name, file: experiment.file },
    startedAt: parts.startedAt,
    endedAt: deps.now().toISOString(),
    settings: {
      from: settings.from,
      to: settings.to,
      precision: settings.precision,
      headroom: settings.headroom,
      warmupMs: settings.warmupMs,
      holdMs: settings.holdMs,
    },
    ...healthy,
    underFailure: parts.under ? { ...parts.under, ratioToHealthy: ratio } : null,
    breakingPoint: parts.breaking,
    notes: parts.notes,
    error: parts.error,
    aborted,
    exitCode,
  };
}
