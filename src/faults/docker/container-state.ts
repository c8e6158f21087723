import type { ContainerDetails, ContainerPort } from './docker-port.ts';
import { waitUntil } from './wait-until.ts';

/** Whether a container runs and whether it is paused: what state faults change and revert. */
export interface RunState {
  readonly running: boolean;
  readonly paused: boolean;
}

/** The run state an inspect shows. */
export function runStateOf(info: ContainerDetails): RunState {
  return { running: info.State.Running, paused: info.State.Paused };
}

/** `Running=true Paused=false ExitCode=0`: the state fields evidence shows. */
export function describeState(info: ContainerDetails): string {
  const s = info.State;
  return `Running=${s.Running} Paused=${s.Paused} ExitCode=${s.ExitCode}${s.OOMKilled ? ' OOMKilled' : ''}`;
}

/**
 * Brings a container back to `want` (running and unpaused, typically): waits up to 10 s for a
 * restart the engine is already doing (restart policy), then starts and/or unpauses it. Returns
 * what it did (`started`, `unpaused`, `already running`). Throws when the engine refuses.
 */
export async function restoreRunState(container: ContainerPort, want: RunState): Promise<string> {
  let info = await container.inspect();
  if (info.State.Restarting)
    info =
      (await waitUntil(
        async () => ((await container.inspect()).State.Restarting ? undefined : container.inspect()),
        10_000,
      )) ?? info;
  const done: string[] = [];
  if (want.running && !info.State.Running) {
    await container.start().catch(ignoreNotModified);
    done.push('started');
  } else if (want.running && info.State.Paused && !want.paused) {
    await container.unpause();
    done.push('unpaused');
  } else if (!want.running && info.State.Running) {
    await container.stop().catch(ignoreNotModified);
    done.push('stopped');
  }
  return done.length > 0 ? done.join(', ') : want.running ? 'already running' : 'already stopped';
}

function ignoreNotModified(error: unknown): void {
  if ((error as { statusCode?: unknown }).statusCode !== 304) throw error;
}
