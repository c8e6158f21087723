import type { Experiment } from '../experiment/model.ts';
import { targetEngine, targetKind } from '../experiment/schema-targets.ts';
import { createDockerProvider } from '../faults/docker/docker-provider.ts';
import { FaultRegistry } from '../faults/fault-registry.ts';
import { createProcessProvider } from '../faults/process/process-provider.ts';
import { createToxiproxyProvider } from '../faults/toxiproxy/toxiproxy-provider.ts';

/**
 * The fault providers a real run uses, one per target kind. Nothing connects until preflight,
 * and preflight runs only for the kinds the experiment's targets use: an experiment without
 * container targets never talks to a Docker engine, and preflight checks only the engines that
 * container targets name.
 */
export function defaultRegistry(experiment: Experiment): FaultRegistry {
  return new FaultRegistry([
    createProcessProvider(),
    createToxiproxyProvider({ config: experiment.toxiproxy }),
    createDockerProvider({ engines: experiment.engines, useEngines: enginesUsed(experiment) }),
  ]);
}

/** The engines container targets live on (`default` for those that name none), each once. */
export function enginesUsed(experiment: Pick<Experiment, 'targets'>): string[] {
  const containers = Object.values(experiment.targets).filter((t) => targetKind(t) === 'container');
  return [...new Set(containers.map((t) => targetEngine(t) ?? 'default'))];
}
