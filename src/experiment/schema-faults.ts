import { z } from 'zod';
import { containerFaults } from '../faults/docker/docker-fault-variants.ts';
import { stateFaults } from '../faults/state-fault-variants.ts';
import { proxyFaults } from '../faults/toxiproxy/toxiproxy-fault-variants.ts';
import { durationSchema, nameSchema } from './schema-values.ts';

/**
 * Every fault type with its own fields, in catalogue order: composed from the families the
 * providers own (src/faults/*-variants.ts, pure files). `at` counts from the start of load;
 * `for` is how long a fault stays.
 */
export const faultFamilies = [stateFaults, containerFaults, proxyFaults] as const;

/** Every fault variant's schema. */
export const faultVariants = [
  ...stateFaults.variants,
  ...containerFaults.variants,
  ...proxyFaults.variants,
] as const;

/** One fault: a discriminated union on `type`. */
export const faultSchema = z.discriminatedUnion('type', [...faultVariants]);

export type FaultSpec = z.output<typeof faultSchema>;
export type FaultType = FaultSpec['type'];

/** All fault type names, in catalogue order. */
export const FAULT_TYPES: readonly FaultType[] = faultVariants.map((v) => v.shape.type.value);

/** Inclusion of a reusable scenario file: its faults are shifted by `at`; `with` fills its parameters. */
export const useSchema = z.strictObject({
  use: z.string().min(1, { error: 'expected the path of a scenario file' }),
  with: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
  at: durationSchema,
  as: nameSchema.optional(),
});

export type UseSpec = z.output<typeof useSchema>;
