import { rmSync } from 'node:fs';
import { registerRun, stopFilePath, watchForStop } from './active-runs.ts';
import type { RunPlaces } from './run-places.ts';

/** The signal a run is stopped by, and what to call once it has ended. */
export interface RunStopSignal {
  readonly signal: AbortSignal;
  /**
   * Ends the watch. The run's registration is removed, unless `keepRegistration` (a fault could
   * not be reverted): then it stays, with the run's places, for `faultline recover` to find.
   */
  dispose(keepRegistration?: boolean): void;
}

/**
 * Everything that stops a run early, as one AbortSignal: the runtime's signal (Ctrl-C, SIGTERM,
 * SIGHUP), `faultline stop` (a stop file polled five times a second) and the
 * `guardrails.max-duration` deadline. Registers the run as going on in `cwd` until `dispose`.
 */
export function runStopSignal(
  cwd: string,
  runId: string,
  parent: AbortSignal,
  maxDurationMs: number | undefined,
  describeMax: (ms: number) => string,
  places?: RunPlaces,
): RunStopSignal {
  const controller = new AbortController();
  const forward = () => controller.abort(parent.reason);
  if (parent.aborted) forward();
  else parent.addEventListener('abort', forward, { once: true });
  const unregister = registerRun(cwd, runId, places);
  const unwatch = watchForStop(cwd, runId, () => controller.abort(new Error('faultline stop')));
  const timer =
    maxDurationMs === undefined
      ? undefined
      : setTimeout(
          () =>
            controller.abort(
              new Error(`guardrail max-duration (the run lasted ${describeMax(maxDurationMs)})`),
            ),
          maxDurationMs,
        );
  return {
    signal: controller.signal,
    dispose(keepRegistration = false) {
      clearTimeout(timer);
      unwatch();
      if (keepRegistration) rmSync(stopFilePath(cwd, runId), { force: true });
      else unregister();
      parent.removeEventListener('abort', forward);
    },
  };
}
