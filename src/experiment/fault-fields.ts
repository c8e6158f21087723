import { z } from 'zod';
import { durationSchema, nameSchema, percentageSchema } from './schema-values.ts';

/** Fields every fault has: `at` counts from the start of load. */
export const commonFaultFields = {
  name: nameSchema,
  target: nameSchema,
  at: durationSchema,
  description: z.string().optional(),
};

/** Fields of a fault that stays `for` a while. */
export const lastingFaultFields = { ...commonFaultFields, for: durationSchema };

/** Fields of a fault that may stay `for` a while, or until the run reverts it. */
export const optionallyLastingFaultFields = { ...commonFaultFields, for: durationSchema.optional() };

/** Fields of a network fault on a proxy. */
export const networkFaultFields = {
  ...lastingFaultFields,
  stream: z.enum(['upstream', 'downstream', 'both']).default('downstream'),
  toxicity: percentageSchema.default(1),
};

/** Target kinds, as the fault families name the ones they act on. */
export type FaultTargetKind = 'container' | 'proxy' | 'process';

/**
 * A family of fault variants one provider (or several) owns: each variant's schema with its
 * fields and defaults, and the target kinds they act on. Pure: the loader composes the families
 * into the experiment schema and the providers take their fault types from them.
 */
export interface FaultFamily<V extends readonly z.ZodObject[]> {
  readonly kinds: readonly FaultTargetKind[];
  readonly variants: V;
}
