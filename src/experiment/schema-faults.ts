import { z } from 'zod';
import { bytesSchema, durationSchema, nameSchema, percentageSchema, signalSchema } from './schema-values.ts';

const common = {
  name: nameSchema,
  target: nameSchema,
  at: durationSchema,
  description: z.string().optional(),
};
const lasting = { ...common, for: durationSchema };
const optionallyLasting = { ...common, for: durationSchema.optional() };

const restartAfter = z
  .string()
  .regex(/^(never|after (0|(\d+(\.\d+)?(ms|s|m|h))+))$/, {
    error: 'expected "after <duration>" (such as "after 5s") or "never"',
  })
  .transform((text) => text);

const network = {
  ...lasting,
  stream: z.enum(['upstream', 'downstream', 'both']).default('downstream'),
  toxicity: percentageSchema.default(1),
};

/** Every fault type with its own fields. `at` counts from the start of load; `for` is how long it stays. */
export const faultVariants = [
  z.strictObject({
    ...common,
    type: z.literal('kill'),
    signal: signalSchema.default('SIGKILL'),
    restart: restartAfter.optional(),
  }),
  z.strictObject({ ...optionallyLasting, type: z.literal('stop'), grace: durationSchema.default(10_000) }),
  z.strictObject({ ...lasting, type: z.literal('pause') }),
  z.strictObject({ ...common, type: z.literal('restart'), grace: durationSchema.default(10_000) }),
  z.strictObject({
    ...lasting,
    type: z.literal('cpu-stress'),
    workers: z.int().min(1).max(256).default(1),
    load: percentageSchema.default(1),
  }),
  z.strictObject({ ...lasting, type: z.literal('memory-stress'), bytes: bytesSchema }),
  z.strictObject({
    ...lasting,
    type: z.literal('disk-fill'),
    bytes: bytesSchema,
    path: z.string().startsWith('/', { error: 'expected an absolute path inside the container' }),
  }),
  z.strictObject({ ...lasting, type: z.literal('cpu-limit'), cpus: z.number().gt(0).max(1024) }),
  z.strictObject({ ...lasting, type: z.literal('memory-limit'), bytes: bytesSchema }),
  z.strictObject({ ...lasting, type: z.literal('disconnect'), network: z.string().min(1) }),
  z.strictObject({
    ...network,
    type: z.literal('latency'),
    latency: durationSchema,
    jitter: durationSchema.default(0),
  }),
  z.strictObject({
    ...network,
    type: z.literal('bandwidth'),
    rate: z.int().min(0).meta({ description: 'KB/s (1 KB = 1000 B)' }),
  }),
  z.strictObject({ ...network, type: z.literal('timeout'), timeout: durationSchema.default(0) }),
  z.strictObject({ ...network, type: z.literal('reset-peer'), timeout: durationSchema.default(0) }),
  z.strictObject({ ...network, type: z.literal('slow-close'), delay: durationSchema }),
  z.strictObject({
    ...network,
    type: z.literal('slicer'),
    'average-size': z.int().min(1),
    'size-variation': z.int().min(0).default(0),
    delay: durationSchema.default(0),
  }),
  z.strictObject({ ...network, type: z.literal('limit-data'), bytes: bytesSchema }),
  z.strictObject({ ...lasting, type: z.literal('down') }),
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
