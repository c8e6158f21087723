import { errorText } from '../errors/error-text.ts';
import type { Experiment } from '../experiment/model.ts';
import type { FaultContext } from '../faults/fault-provider.ts';
import type { FaultRecord } from '../journal/journal.ts';
import type { LoadPlan, LoadRun, LoadTotals } from '../load/load-driver.ts';
import { windowClassifier, type FaultInterval } from '../slo/classify-window.ts';
import { WindowRecorder, type WindowClassifier } from '../slo/window-recorder.ts';
import type { WindowSummary } from '../slo/window-summary.ts';
import type { Plan, Step } from '../timeline/plan.ts';
import { runSchedule } from '../timeline/scheduler.ts';
import { burnRateBreach } from './burn-rate-guardrail.ts';
import { FaultBook } from './fault-book.ts';
import { watchFaults } from './fault-watch.ts';
import type { RunDeps } from './run-deps.ts';
import { RunnerHealthMonitor } from './runner-health.ts';
import { expectedEvents, guardrailCheck } from './run-guardrail.ts';
import type { Session } from './session.ts';
import { runTrialStep } from './trial-step.ts';

/** One load level inside a session: the experiment (as adjusted for this level) and its timeline. */
export interface TrialSpec {
  readonly experiment: Experiment;
  readonly plan: Plan;
  readonly loadPlan: LoadPlan;
  /** How windows get their phase; default: by the plan and the faults really in place. */
  readonly classify?: (plan: Plan, intervals: () => readonly FaultInterval[]) => WindowClassifier;
}

/** Where a trial reports as it goes; the owner records and emits. */
export interface TrialHooks {
  onWindow(window: WindowSummary): void;
  onFault(record: FaultRecord): void;
  note(message: string): void;
}

/** What went wrong in a trial, for its verdict. */
export interface TrialState {
  baselineFailed: boolean;
  injectFailed: boolean;
  /** The guardrail's reason when it stopped the trial. */
  guardrail: string | undefined;
  /** What failed (load generator, scheduler) when something did. */
  error: string | undefined;
}

/**
 * One trial: load at one level for the plan's duration, windows scored as they close, faults
 * injected and reverted on the plan's timeline. Built before the session opens (so a run whose
 * preflight fails still has its fault records); `run` never throws and always reverts this
 * trial's faults before it returns. Time (`ctx.now`) counts from the moment load starts.
 */
export class Trial {
  readonly ctx: FaultContext;
  readonly book: FaultBook;
  readonly recorder: WindowRecorder;
  readonly state: TrialState = {
    baselineFailed: false,
    injectFailed: false,
    guardrail: undefined,
    error: undefined,
  };
  totals: LoadTotals | null = null;
  #t0: number;
  #session: Session | undefined;
  #health: RunnerHealthMonitor | undefined;
  /** Load started: only then are there windows to close (a run that failed preflight has none). */
  #loadStarted = false;
  readonly #stop = new AbortController();

  constructor(
    readonly spec: TrialSpec,
    readonly deps: RunDeps,
    readonly hooks: TrialHooks,
  ) {
    const { plan, loadPlan, experiment } = spec;
    this.#t0 = deps.clock.now();
    this.ctx = {
      runId: deps.runId,
      now: () => deps.clock.now() - this.#t0,
      log: deps.sink.log,
      note: (message) => hooks.note(message),
    };
    this.book = new FaultBook(plan.faults, this.ctx, (record) => hooks.onFault(record));
    this.recorder = new WindowRecorder({
      windowMs: plan.windowMs,
      objectives: experiment.slos.objectives,
      openModel: loadPlan.model.kind === 'open',
      timeoutMs: loadPlan.timeoutMs,
      health: (startMs, endMs) => this.#health?.health(startMs, endMs) ?? null,
      classify: (spec.classify ?? windowClassifier)(plan, () => this.book.intervals()),
      saturation: (startMs, endMs) =>
        this.#session?.saturation?.window(this.#t0 + startMs, this.#t0 + endMs) ?? [],
      onWindow: (window) => {
        hooks.onWindow(window);
        this.#guard();
      },
    });
  }

  /** Runs the trial in `session`; afterwards `state`, `totals` and the recorder hold the outcome. */
  async run(session: Session): Promise<void> {
    this.#session = session;
    session.track(this.book);
    const onAbort = () => this.#stop.abort(session.signal.reason);
    if (session.signal.aborted) onAbort();
    session.signal.addEventListener('abort', onAbort, { once: true });
    let ticker: NodeJS.Timeout | undefined;
    let load: LoadRun | undefined;
    let unwatch: (() => void) | undefined;
    try {
      await this.deps.load.prepare?.(this.spec.loadPlan);
      this.#t0 = this.deps.clock.now();
      this.#loadStarted = true;
      this.#health = new RunnerHealthMonitor(this.spec.plan.windowMs, this.ctx.now);
      load = this.deps.load.start(this.spec.loadPlan, this.recorder, this.ctx.now, this.#health);
      ticker = setInterval(() => this.recorder.closeUntil(this.ctx.now()), 50);
      unwatch = watchFaults(() => this.book.watched(), this.hooks.note);
      const handle = (step: Step) => runTrialStep(step, this, session);
      await runSchedule(this.spec.plan.steps, this.#t0, this.deps.clock, handle, {
        signal: this.#stop.signal,
        shouldStop: () => this.state.baselineFailed || this.state.injectFailed,
      });
      this.totals = await load.stop();
    } catch (error) {
      this.state.error = errorText(error);
      if (!session.signal.aborted) this.hooks.note(`run failed: ${this.state.error}`);
    } finally {
      clearInterval(ticker);
      unwatch?.();
      this.totals ??= (await load?.stop().catch(() => null)) ?? null;
      this.#health?.stop();
      session.signal.removeEventListener('abort', onAbort);
      await this.book.revertAll();
    }
  }

  /** Closes the last window; call once the trial (or its session) has ended. */
  finish(): void {
    if (!this.#loadStarted) return;
    this.recorder.finish(Math.min(this.ctx.now(), this.spec.plan.durationMs));
  }

  #guard(): void {
    const { experiment, loadPlan, plan } = this.spec;
    if (this.state.guardrail) return;
    if (experiment.guardrails['abort-when'] === 'budget-exhausted') {
      this.state.guardrail = guardrailCheck(
        experiment,
        this.recorder,
        expectedEvents(loadPlan, this.recorder, plan),
      );
      if (this.state.guardrail) {
        this.hooks.note(`guardrail: ${this.state.guardrail}; stopping and reverting`);
        return void this.#stop.abort(new Error('guardrail'));
      }
    }
    const burn = experiment.guardrails['burn-rate'];
    if (burn) {
      this.state.guardrail = burnRateBreach(experiment.slos.objectives, this.recorder.windows, burn);
      if (this.state.guardrail) {
        this.hooks.note(`guardrail burn-rate: ${this.state.guardrail}; stopping and reverting`);
        this.#stop.abort(new Error('guardrail'));
      }
    }
  }
}
