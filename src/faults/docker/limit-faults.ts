import type { DockerPort, HostResources } from './docker-port.ts';
import { RunFailedError } from '../../errors/faultline-error.ts';
import type { FaultSpec } from '../../experiment/model.ts';
import type { FaultContext } from '../fault-provider.ts';
import { describeContainer, observed } from './docker-evidence.ts';
import type { MemberFault } from './member-faults.ts';
import { applyUndo } from './undo-action.ts';
import { containerCheck, revertUnlessRemoved } from './removed-container.ts';
import { recordUndo, rollBack } from './undo-record.ts';

/** The faults that change a container's limits with `container.update`. */
export type LimitFault = Extract<FaultSpec, { type: 'cpu-limit' | 'memory-limit' }>;

type Settings = Readonly<Record<string, number>>;

/**
 * The kernel's "no memory limit" (the page counter's maximum, in bytes). The engine will not take
 * 0 back once a limit is set, so a container that had none gets this: the same cgroup state.
 */
export const UNLIMITED_MEMORY = 9_223_372_036_854_771_712;
const DEFAULT_CFS_PERIOD = 100_000;

/**
 * The update a limit fault applies and the one that restores the limits a container had. CPU:
 * a container with NanoCpus keeps using NanoCpus; any other gets CpuQuota over its CpuPeriod (the
 * engine refuses to mix the two), restored to its old quota or to -1 (no quota). Memory: Memory
 * and MemorySwap together (cgroup v1 needs both), restored to their old values or to unlimited.
 * Throws RunFailedError for a CPU share below the kernel's 1 ms quota.
 */
export function limitChange(fault: LimitFault, host: HostResources): { apply: Settings; restore: Settings } {
  if (fault.type === 'memory-limit') {
    const restore =
      (host.Memory ?? 0) > 0
        ? { Memory: host.Memory ?? 0, MemorySwap: host.MemorySwap || -1 }
        : { Memory: UNLIMITED_MEMORY, MemorySwap: UNLIMITED_MEMORY };
    return { apply: { Memory: fault.bytes, MemorySwap: fault.bytes }, restore };
  }
  if ((host.NanoCpus ?? 0) > 0)
    return { apply: { NanoCpus: Math.round(fault.cpus * 1e9) }, restore: { NanoCpus: host.NanoCpus ?? 0 } };
  const quota = Math.round(fault.cpus * ((host.CpuPeriod ?? 0) || DEFAULT_CFS_PERIOD));
  if (quota < 1000)
    throw new RunFailedError(
      'E_CPU_LIMIT',
      `${fault.name}: ${fault.cpus} CPUs is below the kernel's smallest quota (1 ms per period)`,
      { hint: 'use cpus: 0.01 or more' },
    );
  return {
    apply: { CpuQuota: quota },
    restore: { CpuQuota: (host.CpuQuota ?? 0) > 0 ? (host.CpuQuota ?? 0) : -1 },
  };
}

/**
 * Sets a CPU or memory limit on one container and reads it back; the revert restores the limits
 * it had (see limitChange) and reads them back. An undo record is kept meanwhile.
 */
export async function injectLimitFault(
  docker: DockerPort,
  fault: LimitFault,
  id: string,
  ctx: FaultContext,
): Promise<MemberFault> {
  const container = docker.container(id);
  const before = await container.inspect();
  const { apply, restore } = limitChange(fault, before.HostConfig);
  const record = await recordUndo(docker, ctx.runId, before, fault.name, { kind: 'update', update: restore });
  try {
    await container.update({ ...apply });
  } catch (error) {
    await record.remove();
    throw new RunFailedError(
      'E_LIMIT_UPDATE',
      `${fault.name}: the engine refused to update ${describeContainer(before)}: ${String(error)}`,
      { cause: error },
    );
  }
  const after = await container.inspect().catch(async (error: unknown) => {
    await rollBack(docker, id, { kind: 'update', update: restore }, record);
    throw error;
  });
  const evidence = observed(
    ctx,
    'inspect.HostConfig',
    matches(after.HostConfig, apply),
    `${describeContainer(after)}: ${readBack(before.HostConfig, apply)} → ${readBack(after.HostConfig, apply)}`,
  );
  const who = describeContainer(before);
  const revert = () => revertUnlessRemoved(container, who, ctx, () => record.remove(), restoreLimits);
  const restoreLimits = async () => {
    const did = await applyUndo(docker, id, { kind: 'update', update: restore });
    const back = await container.inspect();
    await record.remove();
    const note =
      restore.Memory === UNLIMITED_MEMORY
        ? ' (no limit, as before: the kernel maximum, since the engine cannot store 0 again)'
        : restore.CpuQuota === -1
          ? ' (no quota, as before)'
          : '';
    return {
      evidence: [
        observed(
          ctx,
          'inspect.HostConfig',
          matches(back.HostConfig, restore),
          `${describeContainer(back)}: ${did}; now ${readBack(back.HostConfig, restore)}${note}`,
        ),
      ],
    };
  };
  const check = containerCheck(container, who, (info) =>
    matches(info.HostConfig, apply)
      ? undefined
      : `the limits of ${who} were changed: ${readBack(info.HostConfig, apply)} (the fault set ${Object.entries(
          apply,
        )
          .map(([k, v]) => `${k}=${v}`)
          .join(' ')})`,
  );
  return { evidence: [evidence], revert, check };
}

function matches(host: HostResources, settings: Settings): boolean {
  const fields = host as unknown as Record<string, number | undefined>;
  return Object.entries(settings).every(([k, v]) => fields[k] === v);
}

function readBack(host: HostResources, settings: Settings): string {
  const fields = host as unknown as Record<string, number | undefined>;
  return Object.keys(settings)
    .map((k) => `${k}=${fields[k] ?? 0}`)
    .join(' ');
}
