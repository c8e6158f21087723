import type { ContainerPort, DockerPort } from './docker-port.ts';
import { RunFailedError } from '../../errors/faultline-error.ts';
import type { FaultSpec } from '../../experiment/model.ts';
import type { FaultContext } from '../fault-provider.ts';
import { formatBytes } from './container-stats.ts';
import { describeContainer, observed } from './docker-evidence.ts';
import { revertUnlessRemoved, stressorCheck } from './removed-container.ts';
import type { MemberFault } from './member-faults.ts';
import { startStressor, stressorRun, type StressorOptions } from './stressor-container.ts';
import { statInTarget, viaTargetRoot } from './target-path.ts';

type DiskFill = Extract<FaultSpec, { type: 'disk-fill' }>;

/**
 * Fills a container's filesystem or volume: a stressor in the target's cgroup and PID namespace
 * writes `bytes` through `/proc/1/root` into a new file — `path` itself when it does not exist,
 * or `faultline-fill-<run>-<fault>` inside `path` when it is a directory (an existing file is
 * never overwritten: RunFailedError). Confirmed by stat-ing the file through the archive API.
 * Revert stops the stressor, which deletes the file, and confirms it is gone (deleting it with a
 * second stressor when the first could not).
 */
export async function injectDiskFill(
  docker: DockerPort,
  fault: DiskFill,
  id: string,
  ctx: FaultContext,
  options: StressorOptions,
): Promise<MemberFault> {
  const container = docker.container(id);
  const target = await container.inspect();
  const who = describeContainer(target);
  const file = await chooseFile(container, fault, ctx.runId, who);
  const run = (args: string[]) =>
    stressorRun(target, fault.name, ctx.runId, args, { ...options, sharePid: true });
  const stressor = await startStressor(docker, run(['disk', String(fault.bytes), viaTargetRoot(file)]));
  const size = await statInTarget(container, file).then(
    (stat) => stat?.size,
    async (error: unknown) => {
      await stressor.stop();
      throw error;
    },
  );
  const evidence = observed(
    ctx,
    'file in target',
    size !== undefined && size > 0,
    `${who}: ${file} holds ${formatBytes(size ?? 0)} (asked ${formatBytes(fault.bytes)})`,
  );
  const revert = () => revertUnlessRemoved(container, who, ctx, () => stressor.stop(), removeFile);
  const removeFile = async () => {
    const ended = await stressor.stop();
    let left = await statInTarget(container, file);
    if (left !== undefined && (await container.inspect()).State.Running) {
      await (await startStressor(docker, run(['remove', viaTargetRoot(file)]))).stop();
      left = await statInTarget(container, file);
    }
    const detail = left === undefined ? 'is gone' : `is still there (${formatBytes(left.size)})`;
    return {
      evidence: [
        observed(
          ctx,
          'file removed',
          left === undefined,
          `${who}: ${file} ${detail}; stressor exit ${ended.exitCode}`,
        ),
      ],
    };
  };
  return { evidence: [evidence], revert, check: stressorCheck(docker, stressor, container, who) };
}

async function chooseFile(
  container: ContainerPort,
  fault: DiskFill,
  runId: string,
  who: string,
): Promise<string> {
  const at = await statInTarget(container, fault.path);
  if (at === undefined) return fault.path;
  if (at.isDirectory)
    return `${fault.path.replace(/\/+$/, '')}/${`faultline-fill-${runId}-${fault.name}`.replace(/[^\w.-]/g, '_')}`;
  throw new RunFailedError(
    'E_DISK_FILL_PATH',
    `${fault.name}: ${fault.path} already exists in ${who} and is a file; disk-fill never overwrites`,
    { hint: 'give a directory (the file goes inside it) or a path that does not exist yet' },
  );
}
