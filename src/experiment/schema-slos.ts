import { z } from 'zod';
import { saturationObjective } from './schema-saturation.ts';
import { durationSchema, nameSchema, percentageSchema } from './schema-values.ts';

const latency = z.strictObject({
  name: nameSchema,
  latency: z.strictObject({
    percentile: z
      .number()
      .gt(0)
      .lt(100, { error: 'expected a percentile between 0 and 100, such as 99 or 99.9' }),
    below: durationSchema,
  }),
});
const success = z.strictObject({
  name: nameSchema,
  success: z.strictObject({ 'at-least': percentageSchema }),
});
const errors = z.strictObject({ name: nameSchema, errors: z.strictObject({ below: percentageSchema }) });
const throughput = z.strictObject({
  name: nameSchema,
  throughput: z.strictObject({
    'at-least': z.number().positive().meta({ description: 'completed good requests per second' }),
  }),
});

/** One objective: exactly one of latency, success, errors, throughput, saturation. */
export const objectiveSchema = z.union([latency, success, errors, throughput, saturationObjective], {
  error: 'expected an objective with a name and one of: latency, success, errors, throughput, saturation',
});

/**
 * The SLOs: `objectives` written here, and/or `openslo`, an OpenSLO v1 file (path relative to
 * the experiment file) whose SLOs are mapped to more objectives (see openslo-mapping.ts).
 */
export const slosSchema = z
  .strictObject({
    window: durationSchema.default(5000),
    objectives: z.array(objectiveSchema).default([]),
    openslo: z
      .string()
      .min(1)
      .optional()
      .meta({ description: 'An OpenSLO v1 file of SLO (and SLI) documents, relative to this file.' }),
  })
  .refine((s) => s.objectives.length > 0 || s.openslo !== undefined, {
    error: 'expected at least one objective: give slos.objectives, slos.openslo or both',
    path: ['objectives'],
  });

const tolerate = z.strictObject({ tolerate: z.strictObject({ budget: percentageSchema }) });

export const hypothesisSchema = z.strictObject({
  warmup: durationSchema.default(0),
  baseline: durationSchema,
  'during-faults': z
    .union([z.literal('hold'), tolerate], { error: 'expected `hold` or `{ tolerate: { budget: 50% } }`' })
    .default('hold'),
  'recover-within': durationSchema.optional(),
  after: durationSchema.default(0),
});

/**
 * Multiwindow burn-rate guardrail: abort when, for some objective, both the last `short` and the
 * last `long` of scored windows burn the error budget more than `factor` times as fast as the
 * objective allows (bad share ÷ allowed bad share).
 */
export const burnRateSchema = z
  .strictObject({
    short: durationSchema,
    long: durationSchema,
    factor: z.number({ error: 'expected a number greater than 1, such as 10' }).gt(1, {
      error: 'expected a number greater than 1, such as 10 (1 burns the budget exactly as fast as allowed)',
    }),
  })
  .superRefine((value, ctx) => {
    if (value.long <= value.short)
      ctx.addIssue({
        code: 'custom',
        path: ['long'],
        message: 'expected `long` to be longer than `short` (such as short: 5s, long: 30s)',
      });
  });

export const guardrailsSchema = z.strictObject({
  'abort-when': z.enum(['budget-exhausted', 'never']).default('never'),
  /** The run is stopped (faults reverted, verdict `aborted`) once it has lasted this long. */
  'max-duration': durationSchema
    .refine((ms) => ms > 0, { error: 'expected a duration longer than 0, such as 10m' })
    .optional()
    .meta({ description: 'Stop the run (reverting every fault) once it has lasted this long.' }),
  'burn-rate': burnRateSchema.optional(),
});

export type ObjectiveSpec = z.output<typeof objectiveSchema>;
export type SlosSpec = z.output<typeof slosSchema>;
export type HypothesisSpec = z.output<typeof hypothesisSchema>;
export type GuardrailsSpec = z.output<typeof guardrailsSchema>;
