import { z } from 'zod';
import { parseBytes, parsePercentage } from './quantities.ts';
import { nameSchema, percentageSchema } from './schema-values.ts';

const MEMORY_BELOW = 'expected a share of the memory limit such as 90%, or a size such as 512MB';

/** A memory threshold: `90%` (of the member's limit) → `{ share }`, or `512MB` / 4096 → `{ bytes }`. */
export const memoryThresholdSchema = z
  .union(
    [z.string().regex(/^\d+(\.\d+)?(%|\s*([kKmMgG]i?)?[bB])$/, { error: MEMORY_BELOW }), z.int().min(0)],
    { error: MEMORY_BELOW },
  )
  .transform((value, ctx): { share: number } | { bytes: number } => {
    if (typeof value === 'string' && value.endsWith('%')) {
      const share = parsePercentage(value);
      if (share !== undefined) return { share };
      ctx.addIssue({ code: 'custom', message: 'expected a percentage between 0% and 100%' });
      return z.NEVER;
    }
    return { bytes: parseBytes(value) ?? 0 };
  })
  .meta({ description: 'A share of the memory limit (90%) or a size (512MB, 1GiB, 4096).' });

/**
 * A saturation objective: each member of a container or process target stays below a CPU share
 * (of its CPU limit, else of the host's cores) and/or a memory threshold, in every window.
 */
export const saturationObjective = z.strictObject({
  name: nameSchema,
  saturation: z
    .strictObject({
      target: nameSchema,
      cpu: z.strictObject({ below: percentageSchema }).optional(),
      memory: z.strictObject({ below: memoryThresholdSchema }).optional(),
    })
    .refine((s) => s.cpu !== undefined || s.memory !== undefined, {
      error: 'expected cpu, memory or both, such as { target: api, cpu: { below: 80% } }',
    }),
});

export type SaturationObjectiveSpec = z.output<typeof saturationObjective>;
export type MemoryThreshold = z.output<typeof memoryThresholdSchema>;
