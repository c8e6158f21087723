import { FaultRegistry } from '../faults/fault-registry.ts';
import { createProcessProvider } from '../faults/process/process-provider.ts';

/** The fault providers a real run uses, one per target kind. */
export function defaultRegistry(): FaultRegistry {
  return new FaultRegistry([createProcessProvider()]);
}
