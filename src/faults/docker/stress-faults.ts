import type { ContainerDetails, ContainerPort, DockerPort } from './docker-port.ts';
import type { FaultSpec } from '../../experiment/model.ts';
import type { Evidence, FaultContext } from '../fault-provider.ts';
import { bestReading, formatBytes, measureCpu, sampleUsage, type UsageSample } from './container-stats.ts';
import { describeContainer, observed } from './docker-evidence.ts';
import { revertUnlessRemoved, stressorCheck } from './removed-container.ts';
import type { MemberFault } from './member-faults.ts';
import { startStressor, stressorRun, type Stressor, type StressorOptions } from './stressor-container.ts';

/** The faults that load a container's CPU or memory. */
export type StressFault = Extract<FaultSpec, { type: 'cpu-stress' | 'memory-stress' }>;

/**
 * cpu-stress (workers × load) or memory-stress (bytes) on one container, by a stressor inside its
 * cgroup: the load counts against the target's CPU quota and memory limit and shows in its
 * `docker stats`. Confirmed from the target's stats before and during (a stressor the kernel
 * OOM-kills at the target's memory limit is reported as such). Revert stops and removes it.
 */
export async function injectStressFault(
  docker: DockerPort,
  fault: StressFault,
  id: string,
  ctx: FaultContext,
  options: StressorOptions,
): Promise<MemberFault> {
  const container = docker.container(id);
  const target = await container.inspect();
  const who = describeContainer(target);
  const before = await sampleUsage(container);
  const baselineCpu = fault.type === 'cpu-stress' ? await measureCpu(container) : 0;
  const args =
    fault.type === 'cpu-stress'
      ? ['cpu', String(fault.workers), String(fault.load)]
      : ['memory', String(fault.bytes)];
  const stressor = await startStressor(docker, stressorRun(target, fault.name, ctx.runId, args, options));
  let evidence: Evidence;
  try {
    evidence =
      fault.type === 'cpu-stress'
        ? await cpuEvidence(container, fault, target, before, baselineCpu, ctx)
        : await memoryEvidence(container, fault, stressor, before, ctx);
  } catch (error) {
    await stressor.stop();
    throw error;
  }
  const revert = () => revertUnlessRemoved(container, who, ctx, () => stressor.stop(), stopStressor);
  const stopStressor = async () => {
    const ended = await stressor.stop();
    const now = await sampleUsage(container);
    const detail = `stressor stopped and removed (exit ${ended.exitCode}${ended.oomKilled ? ', OOM-killed' : ''}); memory ${formatBytes(now.memoryBytes)}`;
    return { evidence: [observed(ctx, 'stressor removed', true, `${who}: ${detail}`)] };
  };
  // A memory stressor the kernel OOM-killed at inject has nothing left to watch.
  return stressor.died
    ? { evidence: [evidence], revert }
    : { evidence: [evidence], revert, check: stressorCheck(docker, stressor, container, who) };
}

/** CPU readings taken before the evidence says no: the first may cover the stressor's start. */
const CPU_READINGS = 3;

async function cpuEvidence(
  container: ContainerPort,
  fault: Extract<StressFault, { type: 'cpu-stress' }>,
  target: ContainerDetails,
  before: UsageSample,
  baseline: number,
  ctx: FaultContext,
): Promise<Evidence> {
  const h = target.HostConfig;
  const quota =
    (h.NanoCpus ?? 0) > 0
      ? (h.NanoCpus ?? 0) / 1e7
      : (h.CpuQuota ?? 0) > 0
        ? (100 * (h.CpuQuota ?? 0)) / ((h.CpuPeriod ?? 0) || 100_000)
        : 100 * before.onlineCpus;
  const expected = Math.min(fault.workers * fault.load * 100, quota);
  const raised = (cpu: number) => cpu - baseline >= 0.3 * expected;
  const { value: during, readings } = await bestReading(() => measureCpu(container), raised, CPU_READINGS);
  const detail = `cpu ${baseline.toFixed(1)}% → ${during.toFixed(1)}% of one core (best of ${readings} reading(s); asked ${fault.workers} worker(s) at ${Math.round(fault.load * 100)}%; at most ${expected.toFixed(0)}% here)`;
  return observed(ctx, 'stats.cpu', raised(during), `${describeContainer(target)}: ${detail}`);
}

async function memoryEvidence(
  container: ContainerPort,
  fault: Extract<StressFault, { type: 'memory-stress' }>,
  stressor: Stressor,
  before: UsageSample,
  ctx: FaultContext,
): Promise<Evidence> {
  const after = await sampleUsage(container);
  const who = describeContainer(await container.inspect());
  const limit = `limit ${formatBytes(before.memoryLimit)}`;
  if (stressor.died) {
    return observed(
      ctx,
      'stats.memory',
      true,
      `${who}: the stressor was OOM-killed at the target's memory ${limit} before it held ${formatBytes(fault.bytes)}; memory now ${formatBytes(after.memoryBytes)}`,
    );
  }
  const rose = after.memoryBytes - before.memoryBytes;
  return observed(
    ctx,
    'stats.memory',
    rose >= 0.5 * fault.bytes,
    `${who}: memory ${formatBytes(before.memoryBytes)} → ${formatBytes(after.memoryBytes)} (asked ${formatBytes(fault.bytes)}; ${limit})`,
  );
}
