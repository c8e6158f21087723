import type { Experiment } from '../experiment/model.ts';
import { FaultRegistry } from '../faults/fault-registry.ts';
import { createProcessProvider } from '../faults/process/process-provider.ts';
import { createToxiproxyProvider } from '../faults/toxiproxy/toxiproxy-provider.ts';

/** The fault providers a real run uses, one per target kind. Nothing connects until preflight. */
export function defaultRegistry(experiment: Experiment): FaultRegistry {
  return new FaultRegistry([createProcessProvider(), createToxiproxyProvider({ config: experiment.toxiproxy })]);
}
