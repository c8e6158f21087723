import { registerRun, watchForStop } from './active-runs.ts';

/** The signal a run is stopped by, and what to call once it has ended. */
export interface RunStopSignal {
  readonly signal: AbortSignal;
  dispose(): void;
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
): RunStopSignal {
  const controller = new AbortController();
  const forward = () => controller.abort(parent.reason);
  if (parent.aborted) forward();
  else parent.addEventListener('abort', forward, { once: true });
  const unregister = registerRun(cwd, runId);
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
    dispose() {
      clearTimeout(timer);
      unwatch();
      unregister();
      parent.removeEventListener('abort', forward);
    },
  };
}
