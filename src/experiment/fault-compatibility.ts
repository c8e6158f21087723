import { faultFamilies, type FaultType } from './schema-faults.ts';
import type { TargetKind } from './schema-targets.ts';

/** Which fault types each kind of target supports: derived from the fault families. */
export const FAULTS_BY_TARGET: Readonly<Record<TargetKind, readonly FaultType[]>> = {
  process: typesFor('process'),
  container: typesFor('container'),
  proxy: typesFor('proxy'),
};

function typesFor(kind: TargetKind): FaultType[] {
  return faultFamilies
    .filter((family) => family.kinds.includes(kind))
    .flatMap((family) => family.variants.map((v) => v.shape.type.value));
}

/** How long after `at` a fault's revert is planned (its `for`, or a kill's `restart: after`). */
export function plannedLength(fault: {
  type: FaultType;
  for?: number | undefined;
  restart?: string | undefined;
}): number | undefined {
  if (fault.for !== undefined) return fault.for;
  if (fault.type === 'kill' && fault.restart?.startsWith('after ')) {
    return parseRestartDelay(fault.restart);
  }
  return undefined;
}

/** `after 5s` → 5000 ms; `never` → undefined. */
export function parseRestartDelay(text: string): number | undefined {
  const m = /^after (.+)$/.exec(text);
  if (!m?.[1]) return undefined;
  const groups = [...m[1].matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (m[1] === '0') return 0;
  const unit: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  return groups.reduce((sum, g) => sum + Number(g[1]) * (unit[g[2] ?? ''] ?? 0), 0);
}
