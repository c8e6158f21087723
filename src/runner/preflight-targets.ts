import type { Experiment } from '../experiment/model.ts';
import { targetKind } from '../experiment/schema-targets.ts';
import type { FaultContext, ResolvedTarget } from '../faults/fault-provider.ts';
import type { FaultRegistry } from '../faults/fault-registry.ts';

/** A resolved target as journals list it. */
export interface TargetEntry {
  name: string;
  kind: string;
  members: { id: string; label: string }[];
}

/**
 * Preflights every provider the experiment's targets use, then resolves (and, for process
 * targets, starts) each target in file order into `targets`, reporting each through `onTarget`.
 * Throws the provider's error; whatever was started is stopped by the providers' `close`.
 */
export async function preflightTargets(
  experiment: Experiment,
  registry: FaultRegistry,
  ctx: FaultContext,
  targets: Map<string, ResolvedTarget>,
  onTarget: (entry: TargetEntry) => void,
): Promise<void> {
  const kinds = new Set(Object.values(experiment.targets).map(targetKind));
  for (const kind of kinds) await registry.forKind(kind).preflight?.(ctx);
  for (const [name, spec] of Object.entries(experiment.targets)) {
    const resolved = await registry.forKind(targetKind(spec)).resolve(name, spec, ctx);
    targets.set(name, resolved);
    onTarget({ name, kind: resolved.kind, members: [...resolved.members] });
  }
}
