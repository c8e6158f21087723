import { errorText } from '../errors/error-text.ts';
import type { Experiment } from '../experiment/model.ts';
import { targetKind } from '../experiment/schema-targets.ts';
import type { FaultContext, ResolvedTarget } from '../faults/fault-provider.ts';
import type { FaultRegistry } from '../faults/fault-registry.ts';
import type { Journal } from '../journal/journal.ts';
import type { LoadDriver, LoadRun, LoadTotals } from '../load/load-driver.ts';
import { windowClassifier } from '../slo/classify-window.ts';
import { WindowRecorder } from '../slo/window-recorder.ts';
import type { Clock } from '../timeline/clock.ts';
import { planExperiment, type Plan, type Step } from '../timeline/plan.ts';
import { runSchedule } from '../timeline/scheduler.ts';
import { burnRateBreach } from './burn-rate-guardrail.ts';
import { FaultBook } from './fault-book.ts';
import { finishJournal } from './finish-journal.ts';
import { expectedEvents, guardrailCheck } from './run-guardrail.ts';
import { loadPlanFor } from './load-plan.ts';
import { newJournal } from './new-journal.ts';
import type { RunSink } from './run-sink.ts';

/** Everything a run needs from outside: injected so tests can swap any part. */
export interface RunDeps {
  readonly runId: string;
  readonly registry: FaultRegistry;
  readonly load: LoadDriver;
  readonly clock: Clock;
  readonly sink: RunSink;
  /** Aborts the run (SIGINT, SIGTERM): faults are reverted and the verdict is `aborted`. */
  readonly signal: AbortSignal;
  readonly now: () => Date;
}

/**
 * Runs an experiment end to end (DESIGN.md §1): preflight and targets, load, the fault timeline
 * scored window by window, then — always — every fault reverted and every target stopped, the
 * verdict decided and the journal written. Never throws for run-time failures: they become the
 * `error` verdict; a fault left in place makes the exit code 4.
 */
export async function runExperiment(experiment: Experiment, deps: RunDeps): Promise<Journal> {
  const plan = planExperiment(experiment);
  const loadPlan = loadPlanFor(experiment.load);
  let t0 = deps.clock.now();
  const ctx: FaultContext = {
    runId: deps.runId,
    now: () => deps.clock.now() - t0,
    log: deps.sink.log,
    note: (message) => note(message),
  };
  const book = new FaultBook(plan.faults, ctx, (record) => deps.sink.event({ kind: 'fault', fault: record }));
  const journal = newJournal(deps.runId, experiment, plan, loadPlan, book.records, deps.now());
  deps.sink.event({ kind: 'start', journal });
  const note = (message: string) => {
    journal.notes.push({ atMs: ctx.now(), message });
    deps.sink.event({ kind: 'note', atMs: ctx.now(), message });
    deps.sink.log(message);
  };
  const stop = new AbortController();
  const onAbort = () => {
    const reason: unknown = deps.signal.reason;
    note(`stopped by ${reason instanceof Error ? reason.message : String(reason)}; reverting every fault`);
    stop.abort(reason);
  };
  deps.signal.addEventListener('abort', onAbort, { once: true });
  const state = {
    baselineFailed: false,
    injectFailed: false,
    guardrail: undefined as string | undefined,
    error: undefined as string | undefined,
  };
  const recorder = new WindowRecorder({
    windowMs: plan.windowMs,
    objectives: experiment.slos.objectives,
    openModel: loadPlan.model.kind === 'open',
    classify: windowClassifier(plan, () => book.intervals()),
    onWindow: (window) => {
      journal.windows.push(window);
      deps.sink.event({ kind: 'window', window });
      if (experiment.guardrails['abort-when'] === 'budget-exhausted' && !state.guardrail) {
        state.guardrail = guardrailCheck(experiment, recorder, expectedEvents(loadPlan, recorder, plan));
        if (state.guardrail) {
          note(`guardrail: ${state.guardrail}; stopping and reverting`);
          stop.abort(new Error('guardrail'));
        }
      }
      const burn = experiment.guardrails['burn-rate'];
      if (burn && !state.guardrail) {
        state.guardrail = burnRateBreach(experiment.slos.objectives, recorder.windows, burn);
        if (state.guardrail) {
          note(`guardrail burn-rate: ${state.guardrail}; stopping and reverting`);
          stop.abort(new Error('guardrail'));
        }
      }
    },
  });
  const targets = new Map<string, ResolvedTarget>();
  let totals: LoadTotals | null = null;
  let ticker: NodeJS.Timeout | undefined;
  let load: LoadRun | undefined;
  try {
    await preflight(experiment, deps.registry, ctx, targets, journal);
    await deps.load.preflight?.(loadPlan);
    t0 = deps.clock.now();
    load = deps.load.start(loadPlan, recorder, ctx.now);
    ticker = setInterval(() => recorder.closeUntil(ctx.now()), 50);
    const handle = (step: Step) =>
      runStep(step, { experiment, plan, recorder, book, targets, deps, note, state, ctx });
    await runSchedule(plan.steps, t0, deps.clock, handle, {
      signal: stop.signal,
      shouldStop: () => state.baselineFailed || state.injectFailed,
    });
    totals = await load.stop();
  } catch (error) {
    state.error = errorText(error);
    if (!deps.signal.aborted) note(`run failed: ${state.error}`);
  } finally {
    clearInterval(ticker);
    totals ??= (await load?.stop()) ?? null;
    deps.signal.removeEventListener('abort', onAbort);
    await book.revertAll();
    await Promise.all(
      deps.registry
        .all()
        .map((p) => p.close?.().catch((e: unknown) => note(`closing ${p.id}: ${String(e)}`))),
    );
  }
  recorder.finish(Math.min(ctx.now(), plan.durationMs));
  return finishJournal(journal, {
    experiment,
    plan,
    recorder,
    book,
    totals,
    aborted: deps.signal.aborted || state.guardrail !== undefined,
    error: (state.error !== undefined && !deps.signal.aborted) || state.injectFailed,
    baselineFailed: state.baselineFailed,
    endedAt: deps.now(),
    sink: deps.sink,
  });
}

async function preflight(
  experiment: Experiment,
  registry: FaultRegistry,
  ctx: FaultContext,
  targets: Map<string, ResolvedTarget>,
  journal: Journal,
): Promise<void> {
  const kinds = new Set(Object.values(experiment.targets).map(targetKind));
  for (const kind of kinds) await registry.forKind(kind).preflight?.(ctx);
  for (const [name, spec] of Object.entries(experiment.targets)) {
    const resolved = await registry.forKind(targetKind(spec)).resolve(name, spec, ctx);
    targets.set(name, resolved);
    journal.targets.push({ name, kind: resolved.kind, members: [...resolved.members] });
  }
}

interface StepContext {
  experiment: Experiment;
  plan: Plan;
  recorder: WindowRecorder;
  book: FaultBook;
  targets: Map<string, ResolvedTarget>;
  deps: RunDeps;
  note: (message: string) => void;
  state: { baselineFailed: boolean; injectFailed: boolean };
  ctx: FaultContext;
}

async function runStep(step: Step, s: StepContext): Promise<void> {
  if (step.kind === 'phase') {
    s.deps.sink.event({ kind: 'phase', phase: step.phase, atMs: s.ctx.now() });
    s.deps.sink.log(`phase ${step.phase}`);
  } else if (step.kind === 'baseline-check') {
    s.recorder.closeUntil(s.ctx.now());
    const bad = s.recorder.windows.filter((w) => w.phase === 'baseline' && !w.met);
    if (bad.length > 0) {
      s.state.baselineFailed = true;
      s.note(
        `baseline: ${bad.length} window(s) missed an objective; the system is not steady, so no fault is injected`,
      );
    }
  } else if (step.kind === 'inject') {
    const slot = s.plan.faults.find((f) => f.fault.name === step.fault);
    const target = slot && s.targets.get(slot.fault.target);
    if (!slot || !target) return;
    s.deps.sink.log(`inject ${step.fault} (${slot.fault.type} on ${slot.fault.target})`);
    if (!(await s.book.inject(step.fault, s.deps.registry.forKind(target.kind), target))) {
      s.state.injectFailed = true;
      s.note(
        `fault ${step.fault} could not be injected: ${s.book.records.find((r) => r.name === step.fault)?.error}; stopping and reverting`,
      );
    }
  } else if (step.kind === 'revert') {
    s.deps.sink.log(`revert ${step.fault}`);
    await s.book
      .revert(step.fault)
      .catch((e: unknown) => s.note(`revert of ${step.fault} failed: ${errorText(e)}`));
  }
}
