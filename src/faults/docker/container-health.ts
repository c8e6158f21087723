import type { ContainerDetails, ContainerPort } from './docker-port.ts';
import { probeOnce } from '../../runtime/probe.ts';
import { waitUntil } from './wait-until.ts';

/** How to wait for a container to be healthy again after a revert. */
export interface HealthWait {
  /** Epoch ms the revert acted at; `afterMs` counts from here. */
  readonly sinceMs: number;
  /** Start time of the newest healthcheck result before the revert: only a newer result counts. */
  readonly previousCheck: string | undefined;
  /** The target's `ready` probe (http:// or tcp://), used when the container has no healthcheck. */
  readonly ready: string | undefined;
  readonly timeoutMs: number;
}

/** The outcome: `afterMs` is set when the container became healthy within the bound. */
export interface HealthOutcome {
  readonly ok: boolean;
  readonly afterMs?: number;
  readonly detail: string;
}

/**
 * Waits, at most `timeoutMs`, until the container is healthy: by its Docker healthcheck when it
 * has one (a passing check that started after the revert), else by the target's `ready` probe,
 * else by running and unpaused. Never throws for an unhealthy container; engine errors propagate.
 */
export async function waitHealthy(container: ContainerPort, wait: HealthWait): Promise<HealthOutcome> {
  const info = await container.inspect();
  const hasHealthcheck = info.State.Health !== undefined && info.Config.Healthcheck?.Test?.[0] !== 'NONE';
  const how = hasHealthcheck
    ? 'its healthcheck'
    : wait.ready !== undefined
      ? `ready probe ${wait.ready}`
      : 'running';
  const healthy = async (): Promise<true | undefined> => {
    const now = await container.inspect();
    if (!now.State.Running || now.State.Paused) return undefined;
    if (hasHealthcheck) return freshlyHealthy(now, wait.previousCheck) ? true : undefined;
    if (wait.ready !== undefined) return (await probeOnce(wait.ready, 1000)) ? true : undefined;
    return true;
  };
  const ok = await waitUntil(healthy, wait.timeoutMs, 100);
  if (ok === undefined) return { ok: false, detail: `not healthy by ${how} within ${wait.timeoutMs} ms` };
  const afterMs = Date.now() - wait.sinceMs;
  return { ok: true, afterMs, detail: `healthy by ${how} ${afterMs} ms after the revert` };
}

/** The newest healthcheck result of a container's inspect, as its start time (or undefined). */
export function lastHealthCheck(info: ContainerDetails): string | undefined {
  return info.State.Health?.Log.at(-1)?.Start;
}

function freshlyHealthy(info: ContainerDetails, previous: string | undefined): boolean {
  const health = info.State.Health;
  const last = health?.Log.at(-1);
  if (health?.Status !== 'healthy' || last === undefined || last.ExitCode !== 0) return false;
  return previous === undefined || Date.parse(last.Start) > Date.parse(previous);
}
