import { errorText } from '../errors/error-text.ts';
import type { FaultContext, FaultHandle, FaultProvider, ResolvedTarget } from '../faults/fault-provider.ts';
import type { FaultRecord } from '../journal/journal.ts';
import { revertProgress } from '../runtime/revert-progress.ts';
import { RetriesExhausted, withRetry } from '../runtime/retry.ts';
import { RollbackLedger, withTimeout } from '../runtime/rollback-ledger.ts';
import type { FaultInterval } from '../slo/classify-window.ts';
import type { FaultSlot } from '../timeline/plan.ts';
import type { Watched } from './fault-watch.ts';

const REVERT_TIMEOUT_MS = 60_000;

/**
 * The run's faults: injects and reverts them through their providers, keeps each FaultRecord
 * up to date for the journal, and holds every active fault in a rollback ledger so that
 * `revertAll` can undo whatever is still in place, whatever happened.
 */
export class FaultBook {
  readonly records: FaultRecord[];
  readonly #ledger = new RollbackLedger();
  readonly #handles = new Map<string, FaultHandle>();
  readonly #injecting = new Map<string, Promise<FaultHandle | undefined>>();
  readonly #slots: Map<string, FaultSlot>;

  constructor(
    slots: readonly FaultSlot[],
    readonly ctx: FaultContext,
    readonly onChange: (record: FaultRecord) => void,
  ) {
    this.#slots = new Map(slots.map((s) => [s.fault.name, s]));
    this.records = slots.map((s) => ({
      name: s.fault.name,
      type: s.fault.type,
      target: s.fault.target,
      plannedAtMs: s.injectAtMs,
      plannedRevertAtMs: s.revertAtMs ?? null,
      injectedAtMs: null,
      revertedAtMs: null,
      outcome: 'not-run',
      error: null,
      evidence: [],
      revertEvidence: [],
      healthyAfterMs: null,
      timeToImpactMs: null,
      timeToRecoverMs: null,
    }));
  }

  /** Injects a fault; returns false (and records why) when it could not be put in place. */
  async inject(name: string, provider: FaultProvider, target: ResolvedTarget): Promise<boolean> {
    const slot = this.#slots.get(name);
    const record = this.#record(name);
    if (!slot || !record) return false;
    record.injectedAtMs = this.ctx.now();
    record.outcome = 'active';
    // Recorded before the call: a SIGINT mid-inject must still lead to a revert.
    this.#ledger.record({ name, undo: () => this.revert(name).then(() => undefined) });
    try {
      const injecting = withTimeout(
        provider.inject(slot.fault, target, this.ctx),
        REVERT_TIMEOUT_MS,
        `inject of ${name} did not finish within ${REVERT_TIMEOUT_MS} ms`,
      );
      this.#injecting.set(
        name,
        injecting.catch(() => undefined),
      );
      const handle = await injecting;
      this.#handles.set(name, handle);
      record.evidence = [...handle.evidence];
      this.onChange(record);
      return true;
    } catch (error) {
      this.#ledger.forget(name);
      record.outcome = 'inject-failed';
      record.error = message(error);
      record.revertedAtMs = this.ctx.now();
      this.onChange(record);
      return false;
    }
  }

  /** Reverts a fault if it is in place; idempotent. Throws only when the revert itself failed. */
  async revert(name: string): Promise<void> {
    const record = this.#record(name);
    // A revert asked for while the inject is still under way waits for it, then undoes it.
    const handle = this.#handles.get(name) ?? (await this.#injecting.get(name));
    if (!record || !handle || record.outcome !== 'active') return;
    record.revertedAtMs ??= this.ctx.now();
    const done = revertProgress.begin(`${name} (${record.type} on ${record.target})`);
    try {
      // A revert that fails (an engine restarting, a server briefly away) is tried again with
      // backoff before it is reported, with the command that finishes the job by hand.
      const result = await withRetry(() =>
        withTimeout(
          handle.revert(),
          REVERT_TIMEOUT_MS,
          `revert of ${name} did not finish within ${REVERT_TIMEOUT_MS} ms`,
        ),
      );
      record.revertEvidence = [...result.evidence];
      record.healthyAfterMs = result.healthyAfterMs ?? null;
      record.outcome = 'reverted';
      this.#ledger.forget(name);
    } catch (error) {
      record.outcome = 'revert-failed';
      const last = error instanceof RetriesExhausted ? error.last : error;
      const tries = error instanceof RetriesExhausted ? `; tried ${error.attempts} times` : '';
      record.error = `${message(last)}${tries}; undo it by hand with: faultline recover --run ${this.ctx.runId}`;
      throw last;
    } finally {
      done();
      this.onChange(record);
    }
  }

  /** Reverts everything still in place, newest first; failures are recorded, never thrown. */
  async revertAll(): Promise<void> {
    await this.#ledger.settle(REVERT_TIMEOUT_MS + 5000);
  }

  /** Active faults whose revert has not begun and that can say whether they still hold. */
  watched(): Watched[] {
    return this.records.flatMap((r) => {
      const check = this.#handles.get(r.name)?.check;
      return r.outcome === 'active' && r.revertedAtMs === null && check
        ? [{ name: r.name, check: () => check() }]
        : [];
    });
  }

  /** Faults that were really injected, with their actual intervals (for window classification). */
  intervals(): FaultInterval[] {
    return this.records.flatMap((r) =>
      r.injectedAtMs === null || r.outcome === 'inject-failed'
        ? []
        : [{ name: r.name, injectedAtMs: r.injectedAtMs, revertedAtMs: r.revertedAtMs ?? undefined }],
    );
  }

  get revertFailed(): boolean {
    return this.records.some((r) => r.outcome === 'revert-failed');
  }

  #record(name: string): FaultRecord | undefined {
    return this.records.find((r) => r.name === name);
  }
}

function message(error: unknown): string {
  return errorText(error);
}
