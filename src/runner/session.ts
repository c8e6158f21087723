import { errorText } from '../errors/error-text.ts';
import type { Experiment } from '../experiment/model.ts';
import type { FaultContext, ResolvedTarget } from '../faults/fault-provider.ts';
import type { LoadPlan } from '../load/load-driver.ts';
import { openSaturationMonitor, type SaturationMonitor } from '../saturation/saturation-monitor.ts';
import type { FaultBook } from './fault-book.ts';
import { preflightTargets, type TargetEntry } from './preflight-targets.ts';
import type { RunDeps } from './run-deps.ts';

/** What a session reports to its owner (a run's journal, a capacity search's log). */
export interface SessionHooks {
  /** A note for the record (also logged by the owner). */
  note(message: string): void;
  /** Each target once it is resolved and started. */
  onTarget(entry: TargetEntry): void;
  /** The owner's time base in ms, for the providers during preflight. */
  now(): number;
}

/**
 * The set-up that trials share: providers preflighted, targets resolved and started, proxies
 * made, the load target checked. Trials run inside it one after another; each registers its
 * fault book so the session can revert whatever a trial left, whatever happened.
 */
export interface Session {
  readonly experiment: Experiment;
  readonly deps: RunDeps;
  readonly targets: ReadonlyMap<string, ResolvedTarget>;
  /** The caller's abort signal (SIGINT, SIGTERM): every trial stops and reverts on it. */
  readonly signal: AbortSignal;
  /** Saturation readings of the targets (clock time), open for the whole session; none without sources. */
  readonly saturation: SaturationMonitor | undefined;
  /** Registers a trial's faults for the final revert. */
  track(book: FaultBook): void;
}

/** How a session ended: `error` is the message of what failed outside any trial. */
export interface SessionOutcome {
  readonly error: string | undefined;
}

/**
 * Opens a session for `experiment`, runs `body` inside it, and always closes it: every tracked
 * fault reverted (newest first), every provider closed (stopping the targets it started). Never
 * throws for run-time failures: what failed is returned as `error` (and noted unless the run
 * was interrupted, whose note the session writes itself).
 */
export async function inSession(
  experiment: Experiment,
  deps: RunDeps,
  hooks: SessionHooks,
  loadPlan: LoadPlan,
  body: (session: Session) => Promise<void>,
): Promise<SessionOutcome> {
  const ctx: FaultContext = { runId: deps.runId, now: hooks.now, log: deps.sink.log, note: hooks.note };
  const books: FaultBook[] = [];
  const targets = new Map<string, ResolvedTarget>();
  const onAbort = () => {
    const reason: unknown = deps.signal.reason;
    hooks.note(
      `stopped by ${reason instanceof Error ? reason.message : String(reason)}; reverting every fault`,
    );
  };
  deps.signal.addEventListener('abort', onAbort, { once: true });
  let error: string | undefined;
  let saturation: SaturationMonitor | undefined;
  try {
    await preflightTargets(experiment, deps.registry, ctx, targets, hooks.onTarget);
    await deps.load.preflight?.(loadPlan);
    const clockNow = () => deps.clock.now();
    saturation = await openSaturationMonitor(
      [...targets.values()],
      deps.saturation ?? [],
      clockNow,
      hooks.note,
    );
    const track = (book: FaultBook) => void books.push(book);
    await body({ experiment, deps, targets, signal: deps.signal, saturation, track });
  } catch (caught) {
    error = errorText(caught);
    if (!deps.signal.aborted) hooks.note(`run failed: ${error}`);
  } finally {
    deps.signal.removeEventListener('abort', onAbort);
    for (const book of books.reverse()) await book.revertAll();
    await saturation?.close();
    await Promise.all(
      deps.registry
        .all()
        .map((p) => p.close?.().catch((e: unknown) => hooks.note(`closing ${p.id}: ${String(e)}`))),
    );
  }
  return { error };
}
