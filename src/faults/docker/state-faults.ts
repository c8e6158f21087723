import type { ContainerDetails, ContainerPort, DockerPort } from './docker-port.ts';
import { parseRestartDelay } from '../../experiment/fault-compatibility.ts';
import type { FaultSpec } from '../../experiment/model.ts';
import type { Evidence, FaultContext } from '../fault-provider.ts';
import { lastHealthCheck, waitHealthy } from './container-health.ts';
import { describeState, runStateOf } from './container-state.ts';
import { describeContainer, observed } from './docker-evidence.ts';
import type { MemberFault } from './member-faults.ts';
import { containerCheck, revertUnlessRemoved } from './removed-container.ts';
import { applyUndo, type UndoAction } from './undo-action.ts';
import { recordUndo, rollBack } from './undo-record.ts';
import { readBack } from '../read-back.ts';
import { waitUntil } from './wait-until.ts';

/** The container state faults. */
export type StateFault = Extract<FaultSpec, { type: 'kill' | 'stop' | 'pause' | 'restart' }>;

/** What reverting a state fault waits for. */
export interface StateOptions {
  readonly ready: string | undefined;
  readonly healthTimeoutMs: number;
}

const NOT_FATAL = new Set(['SIGSTOP', 'SIGCONT', 'SIGUSR1', 'SIGUSR2']);
const EXIT_WAIT_MS = 10_000;
const DONE = { stop: 'stopped', pause: 'paused', restart: 'restarted' } as const;

/**
 * Kill (any signal), stop (with grace), pause or restart one container, confirmed by inspect.
 * The revert brings it back to the state it had before (started, unpaused; SIGCONT after a
 * SIGSTOP) and waits, at most `healthTimeoutMs`, until it is healthy — reported as
 * `healthyAfterMs`. An undo record is kept in the engine meanwhile (see recordUndo).
 */
export async function injectStateFault(
  docker: DockerPort,
  fault: StateFault,
  id: string,
  ctx: FaultContext,
  options: StateOptions,
): Promise<MemberFault> {
  const container = docker.container(id);
  const before = await container.inspect();
  const undo: UndoAction =
    fault.type === 'kill' && fault.signal === 'SIGSTOP'
      ? { kind: 'signal', signal: 'SIGCONT' }
      : { kind: 'run-state', ...runStateOf(before) };
  const record = await recordUndo(docker, ctx.runId, before, fault.name, undo);
  try {
    await change(container, fault);
  } catch (error) {
    await rollBack(docker, id, undo, record);
    throw error;
  }
  const who = describeContainer(before);
  // The engine accepted the change: from here on a failing read is weak evidence, never a failed
  // inject (which would drop the revert while the change may well be in place).
  const confirmed = await readBack(() => confirm(container, fault, before, ctx));
  const evidence =
    confirmed instanceof Error
      ? observed(
          ctx,
          confirmCheck(fault),
          false,
          `${who}: ${fault.type === 'kill' ? `${fault.signal} sent` : DONE[fault.type]}, but the inspect that confirms it failed: ${confirmed.message}`,
        )
      : confirmed;
  const revert = () =>
    revertUnlessRemoved(
      container,
      who,
      ctx,
      () => record.remove(),
      async () => {
        const sinceMs = Date.now();
        const previousCheck = lastHealthCheck(await container.inspect());
        const did = await applyUndo(docker, id, undo);
        const health = await waitHealthy(container, {
          sinceMs,
          previousCheck,
          ready: options.ready,
          timeoutMs: options.healthTimeoutMs,
        });
        const after = await container.inspect();
        await record.remove();
        const back = after.State.Running && !after.State.Paused;
        return {
          evidence: [
            observed(
              ctx,
              'inspect.State',
              back,
              `${describeContainer(after)}: ${did}; ${describeState(after)}`,
            ),
            observed(ctx, 'healthy', health.ok, `${describeContainer(after)}: ${health.detail}`),
          ],
          ...(health.afterMs !== undefined ? { healthyAfterMs: health.afterMs } : {}),
        };
      },
    );
  const drift = stateDrift(fault, who);
  return { evidence: [evidence], revert, ...(drift ? { check: containerCheck(container, who, drift) } : {}) };
}

/**
 * What undoes a state fault behind the run's back, for the faults that leave a lasting state:
 * a paused container that runs again (an engine restart stops it, someone unpauses it) and a
 * stopped one that was started. Kill and restart have no lasting state to watch (a restart
 * policy may bring a killed container back by design).
 */
function stateDrift(
  fault: StateFault,
  who: string,
): ((info: ContainerDetails) => string | undefined) | undefined {
  if (fault.type === 'pause')
    return (info) =>
      info.State.Paused ? undefined : `container ${who} is no longer paused (${describeState(info)})`;
  if (fault.type === 'stop')
    return (info) =>
      info.State.Running ? `container ${who} is running again (${describeState(info)})` : undefined;
  return undefined;
}

/** Asks the engine for the change itself: kill, stop, pause or restart. */
async function change(container: ContainerPort, fault: StateFault): Promise<void> {
  switch (fault.type) {
    case 'kill':
      return container.kill(fault.signal);
    case 'stop':
      return container.stop(seconds(fault.grace));
    case 'pause':
      return container.pause();
    case 'restart':
      return container.restart(seconds(fault.grace));
  }
}

/** What the evidence of a state fault checks. */
function confirmCheck(fault: StateFault): string {
  switch (fault.type) {
    case 'kill':
      return NOT_FATAL.has(fault.signal) ? 'signal delivered' : 'inspect.State.Running';
    case 'stop':
      return 'inspect.State.Running';
    case 'pause':
      return 'inspect.State.Paused';
    case 'restart':
      return 'inspect.State.StartedAt';
  }
}

/** Reads back what an accepted change did (inspect; a fatal kill waits for the exit). */
async function confirm(
  container: ContainerPort,
  fault: StateFault,
  before: ContainerDetails,
  ctx: FaultContext,
): Promise<Evidence> {
  const who = describeContainer(before);
  const check = confirmCheck(fault);
  switch (fault.type) {
    case 'kill': {
      const delay = fault.restart === undefined ? undefined : parseRestartDelay(fault.restart);
      const plan =
        delay === undefined ? 'stays down until the run reverts it' : `started again after ${delay} ms`;
      if (NOT_FATAL.has(fault.signal))
        return observed(
          ctx,
          check,
          true,
          `${who}: ${fault.signal} sent; ${describeState(await container.inspect())}`,
        );
      const after = await waitUntil(async () => {
        const info = await container.inspect();
        return !info.State.Running || info.State.StartedAt !== before.State.StartedAt ? info : undefined;
      }, EXIT_WAIT_MS);
      const detail = after
        ? `${describeState(after)} after ${fault.signal}${after.State.Running ? ' (restarted by its restart policy)' : ''}; ${plan}`
        : `still running ${EXIT_WAIT_MS} ms after ${fault.signal}`;
      return observed(ctx, check, after !== undefined, `${who}: ${detail}`);
    }
    case 'stop': {
      const after = await container.inspect();
      return observed(
        ctx,
        check,
        !after.State.Running,
        `${who}: ${describeState(after)} after stop (grace ${seconds(fault.grace)} s)`,
      );
    }
    case 'pause': {
      const after = await container.inspect();
      return observed(ctx, check, after.State.Paused, `${who}: ${describeState(after)}`);
    }
    case 'restart': {
      const after = await container.inspect();
      const ok = after.State.Running && after.State.StartedAt !== before.State.StartedAt;
      return observed(
        ctx,
        check,
        ok,
        `${who}: StartedAt ${before.State.StartedAt} → ${after.State.StartedAt}; ${describeState(after)}`,
      );
    }
  }
}

/** A grace period in whole seconds, as the engine takes it. */
function seconds(ms: number): number {
  return Math.ceil(ms / 1000);
}
