import type { z } from 'zod';
import { RunFailedError } from '../../errors/faultline-error.ts';
import { FAULTS_BY_TARGET } from '../../experiment/fault-compatibility.ts';
import type { FaultSpec } from '../../experiment/model.ts';
import type { Evidence, FaultContext, ResolvedTarget } from '../fault-provider.ts';
import { stateFaults } from '../state-fault-variants.ts';
import { injectDiskFill } from './disk-fill.ts';
import { containerFaults } from './docker-fault-variants.ts';
import type { DockerPort } from './docker-port.ts';
import { DEFAULT_ENGINE } from './engine-connection.ts';
import type { PooledEngine } from './engine-pool.ts';
import { injectLimitFault } from './limit-faults.ts';
import type { MemberFault } from './member-faults.ts';
import { injectDisconnect } from './network-faults.ts';
import { injectStateFault, type StateOptions } from './state-faults.ts';
import { injectStressFault } from './stress-faults.ts';
import type { StressorOptions } from './stressor-container.ts';

/** The fault types container targets take: the state faults and the container-only ones. */
export type ContainerFaultType =
  | z.output<(typeof stateFaults.variants)[number]>['type']
  | z.output<(typeof containerFaults.variants)[number]>['type'];

type Injector<T extends ContainerFaultType> = (
  docker: DockerPort,
  fault: Extract<FaultSpec, { type: T }>,
  ctx: FaultContext,
  state: StateOptions,
  stressor: () => Promise<StressorOptions>,
) => (id: string) => Promise<MemberFault>;

/** How each container fault is put on one container: a variant without an entry does not compile. */
const INJECTORS: { readonly [T in ContainerFaultType]: Injector<T> } = {
  kill: (docker, fault, ctx, state) => (id) => injectStateFault(docker, fault, id, ctx, state),
  stop: (docker, fault, ctx, state) => (id) => injectStateFault(docker, fault, id, ctx, state),
  pause: (docker, fault, ctx, state) => (id) => injectStateFault(docker, fault, id, ctx, state),
  restart: (docker, fault, ctx, state) => (id) => injectStateFault(docker, fault, id, ctx, state),
  'cpu-stress': (docker, fault, ctx, _, stressor) => async (id) =>
    injectStressFault(docker, fault, id, ctx, await stressor()),
  'memory-stress': (docker, fault, ctx, _, stressor) => async (id) =>
    injectStressFault(docker, fault, id, ctx, await stressor()),
  'disk-fill': (docker, fault, ctx, _, stressor) => async (id) =>
    injectDiskFill(docker, fault, id, ctx, await stressor()),
  'cpu-limit': (docker, fault, ctx) => (id) => injectLimitFault(docker, fault, id, ctx),
  'memory-limit': (docker, fault, ctx) => (id) => injectLimitFault(docker, fault, id, ctx),
  disconnect: (docker, fault, ctx) => (id) => injectDisconnect(docker, fault, id, ctx),
};

/**
 * The per-container inject for a fault on `engine`; throws RunFailedError for a type containers
 * do not take. On a named engine, every piece of evidence starts with `engine NAME:`.
 */
export function memberInjector(
  engine: PooledEngine,
  fault: FaultSpec,
  target: ResolvedTarget,
  ctx: FaultContext,
  state: StateOptions,
  stressor: () => Promise<StressorOptions>,
): (id: string) => Promise<MemberFault> {
  const injector = (INJECTORS as Partial<Record<string, Injector<ContainerFaultType>>>)[fault.type];
  if (injector === undefined)
    throw new RunFailedError(
      'E_FAULT_UNSUPPORTED',
      `fault type ${fault.type} cannot act on container target ${target.name}`,
      { hint: `container targets take: ${FAULTS_BY_TARGET.container.join(', ')}` },
    );
  const inject = injector(
    engine.port(),
    fault as Extract<FaultSpec, { type: ContainerFaultType }>,
    ctx,
    state,
    stressor,
  );
  if (engine.name === DEFAULT_ENGINE) return inject;
  const on = (evidence: readonly Evidence[]) =>
    evidence.map((e) => ({ ...e, detail: `engine ${engine.name}: ${e.detail}` }));
  const check = (done: MemberFault) => async () => {
    const changed = await done.check?.();
    return changed === undefined ? undefined : `engine ${engine.name}: ${changed}`;
  };
  return async (id) => {
    const done = await inject(id);
    return {
      evidence: on(done.evidence),
      revert: async () => {
        const result = await done.revert();
        return { ...result, evidence: on(result.evidence) };
      },
      ...(done.check ? { check: check(done) } : {}),
    };
  };
}
