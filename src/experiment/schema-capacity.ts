import { z } from 'zod';
import { durationSchema, percentageSchema } from './schema-values.ts';

/**
 * How `faultline capacity` probes this experiment's load (all optional). Each level runs
 * `warmup` (not scored) then `hold` (every objective must hold over it). Without this section,
 * `warmup` is the hypothesis's warm-up and `hold` its baseline. `from`/`to` bound the search in
 * requests per second (flags override them); `precision` is how close the bracket gets before
 * the search stops; `headroom` is kept below the answer for the recommended operating point.
 */
export const capacitySchema = z.strictObject({
  warmup: durationSchema.optional(),
  hold: durationSchema.optional(),
  from: z.number().positive().optional(),
  to: z.number().positive().optional(),
  precision: percentageSchema.optional(),
  headroom: percentageSchema.optional(),
});

export type CapacitySpec = z.output<typeof capacitySchema>;
