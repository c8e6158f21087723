import type { ContainerDetails, ContainerPort, DockerPort } from './docker-port.ts';
import { RunFailedError } from '../../errors/faultline-error.ts';
import { helperLabels } from './docker-labels.ts';
import { isNotFound } from './docker-evidence.ts';
import { waitUntil } from './wait-until.ts';

/** Where and how to run a stressor next to a target. */
export interface StressorRun {
  readonly image: string;
  readonly target: ContainerDetails;
  /** The cgroup parent that puts the stressor inside the target's cgroup (see cgroupParentOf). */
  readonly cgroupParent: string;
  readonly runId: string;
  readonly fault: string;
  readonly args: readonly string[];
  /** Join the target's PID namespace, so `/proc/1/root` is the target's filesystem. */
  readonly sharePid: boolean;
  readonly readyTimeoutMs: number;
}

/** Provider-level stressor settings. */
export interface StressorOptions {
  readonly image: string;
  readonly readyTimeoutMs: number;
  readonly sharePid?: boolean;
}

/** A StressorRun for `args` next to `target`, inside its cgroup. */
export function stressorRun(
  target: ContainerDetails,
  fault: string,
  runId: string,
  args: readonly string[],
  options: StressorOptions,
): StressorRun {
  return {
    image: options.image,
    target,
    cgroupParent: cgroupParentOf(target),
    runId,
    fault,
    args,
    sharePid: options.sharePid ?? false,
    readyTimeoutMs: options.readyTimeoutMs,
  };
}

/** How a stressor ended. */
export interface StressorExit {
  readonly exitCode: number;
  readonly oomKilled: boolean;
  readonly output: string;
}

/** A started stressor: `ready` is its `ready …` line, or undefined when it died first (`died`). */
export interface Stressor {
  readonly id: string;
  readonly ready: string | undefined;
  readonly died: StressorExit | undefined;
  /** SIGTERM (it cleans up), SIGKILL after 10 s, then removes the container. Idempotent. */
  stop(): Promise<StressorExit>;
}

/**
 * Starts a stressor container as a child cgroup of the target (HostConfig.CgroupParent = the
 * target's own cgroup path, as Pumba places stress-ng), so what it uses counts against the
 * target's limits and shows in the target's `docker stats`. No network; labelled with the run.
 * Waits for its `ready` line. Throws RunFailedError (after removing it) when it reports an error
 * or does not get ready in time; a stressor the kernel killed (OOM) is returned with `died`.
 */
export async function startStressor(docker: DockerPort, run: StressorRun): Promise<Stressor> {
  const container = await docker.createContainer({
    name: `faultline-stressor-${run.target.Id.slice(0, 12)}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`,
    Image: run.image,
    Cmd: [...run.args],
    Tty: true,
    Labels: helperLabels(run.runId, 'stressor', run.target.Id, run.fault),
    StopSignal: 'SIGTERM',
    HostConfig: {
      CgroupParent: run.cgroupParent,
      NetworkMode: 'none',
      ...(run.sharePid ? { PidMode: `container:${run.target.Id}`, CapAdd: ['SYS_PTRACE'] } : {}),
    },
  });
  const stop = stopper(container);
  try {
    await container.start();
    const line = await waitUntil(() => readyLine(container), run.readyTimeoutMs, 100);
    if (line?.startsWith('ready ')) return { id: container.id, ready: line, died: undefined, stop };
    const ended = await stop();
    if (line === 'exited' && ended.oomKilled)
      return { id: container.id, ready: undefined, died: ended, stop };
    const why =
      line === undefined
        ? `did not get ready within ${run.readyTimeoutMs} ms`
        : line === 'exited'
          ? `exited with code ${ended.exitCode}`
          : line;
    throw new RunFailedError(
      'E_STRESSOR',
      `the stressor for ${run.fault} (${run.args.join(' ')}) ${why}${ended.output ? `; its output: ${ended.output.trim()}` : ''}`,
    );
  } catch (error) {
    await stop();
    if (error instanceof RunFailedError) throw error;
    throw new RunFailedError(
      'E_STRESSOR',
      `could not start the stressor for ${run.fault} in the cgroup ${run.cgroupParent}: ${String(error)}`,
      {
        hint: 'stressors join the target cgroup with the cgroupfs driver; on cgroup v2 a container cgroup cannot hold child cgroups',
        cause: error,
      },
    );
  }
}

/** The cgroup parent path that places a container inside `target`'s cgroup (cgroupfs driver). */
export function cgroupParentOf(target: ContainerDetails): string {
  const parent = (target.HostConfig.CgroupParent ?? '') || '/docker';
  return `${parent.replace(/\/+$/, '')}/${target.Id}`;
}

async function readyLine(container: ContainerPort): Promise<string | undefined> {
  const out = await container.logs();
  const line = /^(ready|error) .*$/m.exec(out)?.[0]?.trim();
  if (line !== undefined) return line;
  return (await container.inspect()).State.Running ? undefined : 'exited';
}

function stopper(container: ContainerPort): () => Promise<StressorExit> {
  let result: Promise<StressorExit> | undefined;
  return () =>
    (result ??= (async () => {
      await container.stop(10).catch(ignoreGone);
      const info = await container.inspect().catch(() => undefined);
      const output = await container.logs().catch(() => '');
      await container.remove(true).catch(ignoreGone);
      return { exitCode: info?.State.ExitCode ?? -1, oomKilled: info?.State.OOMKilled ?? false, output };
    })());
}

function ignoreGone(error: unknown): void {
  const code = (error as { statusCode?: unknown }).statusCode;
  if (code !== 304 && !isNotFound(error)) throw error;
}
