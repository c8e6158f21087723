import Dockerode from 'dockerode';
import { RunFailedError } from '../../errors/faultline-error.ts';
import { FAULTS_BY_TARGET } from '../../experiment/fault-compatibility.ts';
import type { FaultSpec, TargetSpec } from '../../experiment/model.ts';
import type { FaultContext, FaultHandle, FaultProvider, ResolvedTarget } from '../fault-provider.ts';
import { once } from '../once.ts';
import { selectContainers } from './container-selection.ts';
import { messageOf } from './docker-evidence.ts';
import { assertStressorPlacement, checkEngine, engineClient, type EngineFacts } from './docker-engine.ts';
import { sweepHelpers } from './docker-sweep.ts';
import { refuseProtected } from './protected-label.ts';
import { injectDiskFill } from './disk-fill.ts';
import { injectLimitFault } from './limit-faults.ts';
import { injectMembers, type MemberFault } from './member-faults.ts';
import { injectDisconnect } from './network-faults.ts';
import { injectStateFault, type StateOptions } from './state-faults.ts';
import { injectStressFault } from './stress-faults.ts';
import type { StressorOptions } from './stressor-container.ts';
import { ensureStressorImage } from './stressor-image.ts';

/** Settings of the Docker provider; every one has a default. */
export interface DockerProviderOptions {
  /** The engine client (default: `new Dockerode()`, which honours DOCKER_HOST). */
  readonly docker?: Dockerode;
  /** The stressor image (default: `faultline/stressor:<version>`, built locally when missing). */
  readonly stressorImage?: string;
  /** Bound on waiting for a reverted container to be healthy, ms (default 30 000). */
  readonly healthTimeoutMs?: number;
  /** Bound on a stressor putting its load in place, ms (default 30 000). */
  readonly stressorReadyTimeoutMs?: number;
}

/**
 * Container targets on a Docker engine (DESIGN.md §3): state faults (kill, stop, pause, restart),
 * resource faults (cpu-stress, memory-stress, disk-fill by a stressor inside the target's cgroup;
 * cpu-limit, memory-limit by `container.update`) and network partitions (disconnect). A fault on a
 * selection acts on every picked container. A kill is reverted by starting the container again
 * (at `restart: after …`, else when the run reverts everything). Every helper and change carries
 * the run id label; `sweep` undoes what a crashed run left. Engine failures are RunFailedErrors.
 */
export function createDockerProvider(options: DockerProviderOptions = {}): FaultProvider {
  // Made on first use: an experiment without container targets never needs it, even when
  // DOCKER_HOST is unusable.
  let client: Dockerode | undefined;
  const docker = (): Dockerode => (client ??= options.docker ?? engineClient());
  let engine: Promise<EngineFacts> | undefined;
  let image: Promise<string> | undefined;
  const facts = () =>
    (engine ??= checkEngine(docker()).catch(
      (error: unknown) => ((engine = undefined), Promise.reject(error)),
    ));
  const stressorImage = (log?: (line: string) => void) =>
    (image ??= ensureStressorImage(docker(), { image: options.stressorImage, ...(log ? { log } : {}) }).catch(
      (error: unknown) => ((image = undefined), Promise.reject(error)),
    ));
  const stressor = async (ctx: FaultContext): Promise<StressorOptions> => {
    assertStressorPlacement(await facts());
    return { image: await stressorImage(ctx.log), readyTimeoutMs: options.stressorReadyTimeoutMs ?? 30_000 };
  };
  const select = async (name: string, spec: TargetSpec): Promise<ResolvedTarget> => {
    if (!('container' in spec) && !('containers' in spec))
      throw new RunFailedError('E_TARGET_KIND', `target ${name} is not a container target`);
    await facts();
    return refuseProtected(docker(), await selectContainers(docker(), name, spec));
  };
  return {
    id: 'docker',
    targetKind: 'container',
    faultTypes: FAULTS_BY_TARGET.container,
    async preflight(ctx: FaultContext): Promise<void> {
      const found = await facts();
      if (found.cgroupDriver !== 'cgroupfs')
        ctx.log(
          `docker: the ${found.cgroupDriver} cgroup driver cannot host stressors; cpu-stress, memory-stress and disk-fill will fail`,
        );
      else
        await stressorImage(ctx.log).catch((error: unknown) =>
          ctx.log(`docker: ${messageOf(error)}; cpu-stress, memory-stress and disk-fill will fail`),
        );
    },
    resolve: select,
    // Selecting reads the engine only (list, inspect), so plan shows the same pick a run makes.
    preview: select,
    async inject(fault: FaultSpec, target: ResolvedTarget, ctx: FaultContext): Promise<FaultHandle> {
      const spec = target.spec;
      const ready = 'container' in spec || 'containers' in spec ? spec.ready : undefined;
      const state = { ready, healthTimeoutMs: options.healthTimeoutMs ?? 30_000 };
      const settings = once(() => stressor(ctx));
      return injectMembers(target, memberInjector(docker(), fault, target, ctx, state, settings));
    },
    async sweep(runId?: string) {
      await facts();
      return sweepHelpers(docker(), runId);
    },
  };
}

/** The per-container inject for a fault type; throws RunFailedError for a type containers do not take. */
function memberInjector(
  docker: Dockerode,
  fault: FaultSpec,
  target: ResolvedTarget,
  ctx: FaultContext,
  state: StateOptions,
  stressor: () => Promise<StressorOptions>,
): (id: string) => Promise<MemberFault> {
  switch (fault.type) {
    case 'kill':
    case 'stop':
    case 'pause':
    case 'restart':
      return (id) => injectStateFault(docker, fault, id, ctx, state);
    case 'cpu-stress':
    case 'memory-stress':
      return async (id) => injectStressFault(docker, fault, id, ctx, await stressor());
    case 'disk-fill':
      return async (id) => injectDiskFill(docker, fault, id, ctx, await stressor());
    case 'cpu-limit':
    case 'memory-limit':
      return (id) => injectLimitFault(docker, fault, id, ctx);
    case 'disconnect':
      return (id) => injectDisconnect(docker, fault, id, ctx);
    default:
      throw new RunFailedError(
        'E_FAULT_UNSUPPORTED',
        `fault type ${fault.type} cannot act on container target ${target.name}`,
        { hint: `container targets take: ${FAULTS_BY_TARGET.container.join(', ')}` },
      );
  }
}
