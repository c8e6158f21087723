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
  let evidence: Evidence;
  try {
    evidence = await act(container, fault, before, ctx);
  } catch (error) {
    await rollBack(docker, id, undo, record);
    throw error;
  }
  const who = describeContainer(before);
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

async function act(
  container: ContainerPort,
  fault: StateFault,
  before: ContainerDetails,
  ctx: FaultContext,
): Promise<Evidence> {
  const who = describeContainer(before);
  const seconds = (ms: number) => Math.ceil(ms / 1000);
  switch (fault.type) {
    case 'kill': {
      await container.kill(fault.signal);
      const delay = fault.restart === undefined ? undefined : parseRestartDelay(fault.restart);
      const plan =
        delay === undefined ? 'stays down until the run reverts it' : `started again after ${delay} ms`;
      if (NOT_FATAL.has(fault.signal))
        return observed(
          ctx,
          'signal delivered',
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
      return observed(ctx, 'inspect.State.Running', after !== undefined, `${who}: ${detail}`);
    }
    case 'stop': {
      await container.stop(seconds(fault.grace));
      const after = await readBack(() => container.inspect());
      if (after instanceof Error) return unconfirmed(ctx, 'inspect.State.Running', who, 'stopped', after);
      return observed(
        ctx,
        'inspect.State.Running',
        !after.State.Running,
        `${who}: ${describeState(after)} after stop (grace ${seconds(fault.grace)} s)`,
      );
    }
    case 'pause': {
      await container.pause();
      const after = await readBack(() => container.inspect());
      if (after instanceof Error) return unconfirmed(ctx, 'inspect.State.Paused', who, 'paused', after);
      return observed(ctx, 'inspect.State.Paused', after.State.Paused, `${who}: ${describeState(after)}`);
    }
    case 'restart': {
      await container.restart(seconds(fault.grace));
      const after = await readBack(() => container.inspect());
      if (after instanceof Error) return unconfirmed(ctx, 'inspect.State.StartedAt', who, 'restarted', after);
      const ok = after.State.Running && after.State.StartedAt !== before.State.StartedAt;
      return observed(
        ctx,
        'inspect.State.StartedAt',
        ok,
        `${who}: StartedAt ${before.State.StartedAt} → ${after.State.StartedAt}; ${describeState(after)}`,
      );
    }
  }
}

/** Evidence for a change the engine accepted but that could not be inspected afterwards. */
function unconfirmed(ctx: FaultContext, check: string, who: string, done: string, error: Error): Evidence {
  return observed(
    ctx,
    check,
    false,
    `${who}: ${done}, but the inspect that confirms it failed: ${error.message}`,
  );
}
