import { z } from 'zod';
import { lastingFaultFields, type FaultFamily } from '../../experiment/fault-fields.ts';
import { bytesSchema, percentageSchema } from '../../experiment/schema-values.ts';

const variants = [
  z.strictObject({
    ...lastingFaultFields,
    type: z.literal('cpu-stress'),
    workers: z.int().min(1).max(256).default(1),
    load: percentageSchema.default(1),
  }),
  z.strictObject({ ...lastingFaultFields, type: z.literal('memory-stress'), bytes: bytesSchema }),
  z.strictObject({
    ...lastingFaultFields,
    type: z.literal('disk-fill'),
    bytes: bytesSchema,
    path: z.string().startsWith('/', { error: 'expected an absolute path inside the container' }),
  }),
  z.strictObject({ ...lastingFaultFields, type: z.literal('cpu-limit'), cpus: z.number().gt(0).max(1024) }),
  z.strictObject({ ...lastingFaultFields, type: z.literal('memory-limit'), bytes: bytesSchema }),
  z.strictObject({ ...lastingFaultFields, type: z.literal('disconnect'), network: z.string().min(1) }),
] as const;

/** The faults only containers take: resources, limits, network partitions. Pure (no engine). */
export const containerFaults: FaultFamily<typeof variants> = { kinds: ['container'], variants };
