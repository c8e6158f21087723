import type { FaultSpec, FaultType, TargetKind, TargetSpec } from '../experiment/model.ts';

/** One observation made to confirm a fault took (or was undone): recorded in the journal. */
export interface Evidence {
  /** What was checked, e.g. `inspect.State.Paused`, `toxic listed`, `process state`. */
  readonly check: string;
  /** Whether the observation confirms the expected effect. */
  readonly ok: boolean;
  /** What was seen, for a person: `Paused=true`, `cpu 3% → 97%`. */
  readonly detail: string;
  /** Milliseconds since the run's load started, when observed. */
  readonly atMs: number;
}

/** One thing a sweep did or could not do, for a person; `ok: false` means it is still there. */
export interface SweepAction {
  readonly ok: boolean;
  readonly text: string;
}

/** A target made concrete at preflight: the things a fault will act on. */
export interface ResolvedTarget {
  readonly name: string;
  readonly kind: TargetKind;
  readonly spec: TargetSpec;
  /** The concrete members: container ids/names, a process pid, a proxy name. */
  readonly members: readonly { readonly id: string; readonly label: string }[];
}

/** What a provider gets from the run: identity, time and a logger. No globals. */
export interface FaultContext {
  /** The run id; everything a provider creates carries it (label, toxic name, env). */
  readonly runId: string;
  /** Milliseconds since load started (the run's clock). */
  readonly now: () => number;
  readonly log: (line: string) => void;
  /** Optional: records a note in the run's journal (and logs it), for what happens to a target on its own. */
  readonly note?: (message: string) => void;
}

/** The outcome of undoing a fault. */
export interface RevertResult {
  readonly evidence: readonly Evidence[];
  /** How long the target took to be healthy again after the undo, when measured (ms). */
  readonly healthyAfterMs?: number;
}

/**
 * An injected fault. `revert` undoes exactly what `inject` did; it is idempotent (the second call
 * resolves to the first outcome without acting) and safe to call concurrently with itself.
 * It throws only when the fault could not be undone (exit code 4 territory).
 */
export interface FaultHandle extends AsyncDisposable {
  readonly evidence: readonly Evidence[];
  revert(): Promise<RevertResult>;
  /**
   * Optional: looks whether the fault is still in place as injected (reads only). Resolves to
   * what changed, for a person (`container shop is no longer paused: exited (0)`), or undefined
   * while it holds; rejects when it cannot tell (the engine or server does not answer). The run
   * asks about once a second, so that a dependency that restarts or a target that goes away
   * shows in the journal when it happens, not only at revert.
   */
  check?(): Promise<string | undefined>;
}

/**
 * A family of faults acting on one kind of target (process, container, proxy). Minimal by design:
 * resolve targets, inject faults. Optional capabilities are detected at run time.
 */
export interface FaultProvider {
  /** Stable id: `process`, `docker`, `toxiproxy`. */
  readonly id: string;
  readonly targetKind: TargetKind;
  readonly faultTypes: readonly FaultType[];
  /**
   * Makes a target concrete before any fault: checks it exists, selects members, starts what the
   * run owns (a process target). Throws RunFailedError with a clear message when it cannot.
   */
  resolve(name: string, spec: TargetSpec, ctx: FaultContext): Promise<ResolvedTarget>;
  /**
   * Injects a fault. Throws when the fault could not be put in place; anything partly done must
   * be undone before throwing.
   */
  inject(fault: FaultSpec, target: ResolvedTarget, ctx: FaultContext): Promise<FaultHandle>;
  /**
   * Optional: resolves a target without changing anything (reads only: no process started, no
   * proxy created), for `faultline plan`. Throws like `resolve` when the target cannot be found.
   */
  preview?(name: string, spec: TargetSpec, ctx: FaultContext): Promise<ResolvedTarget>;
  /** Optional: checks the provider's dependency answers (Docker engine, Toxiproxy API). */
  preflight?(ctx: FaultContext): Promise<void>;
  /**
   * Optional: undoes and removes leftovers labelled with `runId` (of any faultline run when
   * omitted), for `faultline recover` after a run that could not revert (crash, kill -9).
   */
  sweep?(runId?: string): Promise<readonly SweepAction[]>;
  /** Optional: releases what `resolve` started (stops process targets, closes clients). */
  close?(): Promise<void>;
}
