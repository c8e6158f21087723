import { z } from 'zod';
import type { Problem } from '../errors/faultline-error.ts';
import { valueAt } from './data-path.ts';
import { faultSchema } from './schema-faults.ts';
import { hypothesisSchema } from './schema-slos.ts';
import { toxiproxySchema } from './schema.ts';
import { durationSchema } from './schema-values.ts';
import { checkFault } from './semantics.ts';
import { phaseBounds } from '../timeline/phase-bounds.ts';
import type { YamlSource } from './yaml-source.ts';

/**
 * When the schema rejected some part of a file, still checks each fault that parsed on its own
 * (target exists and suits it, timing when hypothesis and duration parsed), so that one run of
 * `validate` reports every problem, not just the first layer of them.
 */
export function checkFaultsOfInvalidFile(data: unknown, source: YamlSource): Problem[] {
  const rawTargets = valueAt(data, ['targets']);
  const targetsOk = rawTargets !== null && typeof rawTargets === 'object' && !Array.isArray(rawTargets);
  const targetShapes = z.record(z.string(), z.unknown()).safeParse(rawTargets);
  const toxiproxy = toxiproxySchema.optional().safeParse(valueAt(data, ['toxiproxy']));
  const hypothesis = hypothesisSchema.safeParse(valueAt(data, ['hypothesis']));
  const duration = durationSchema.safeParse(valueAt(data, ['load', 'duration']));
  const timing =
    hypothesis.success && duration.success
      ? phaseBounds({ ...hypothesis.data, durationMs: duration.data })
      : undefined;
  const faults = valueAt(data, ['faults']);
  if (!targetsOk || !targetShapes.success || !toxiproxy.success || !Array.isArray(faults)) return [];
  const targets = Object.fromEntries(
    Object.entries(targetShapes.data).filter(([, v]) => v !== null && typeof v === 'object'),
  ) as Parameters<typeof checkFault>[0]['targets'];
  return faults.flatMap((item, i) => {
    const fault = faultSchema.safeParse(item);
    if (!fault.success) return [];
    const planned = {
      ...fault.data,
      locate: (path: readonly (string | number)[]) => source.locate(['faults', i, ...path]),
    };
    return checkFault({ targets, toxiproxy: toxiproxy.data }, planned, timing);
  });
}
