import { z } from 'zod';
import { lastingFaultFields, networkFaultFields, type FaultFamily } from '../../experiment/fault-fields.ts';
import { bytesSchema, durationSchema } from '../../experiment/schema-values.ts';

const variants = [
  z.strictObject({
    ...networkFaultFields,
    type: z.literal('latency'),
    latency: durationSchema,
    jitter: durationSchema.default(0),
  }),
  z.strictObject({
    ...networkFaultFields,
    type: z.literal('bandwidth'),
    rate: z.int().min(0).meta({ description: 'KB/s (1 KB = 1000 B)' }),
  }),
  z.strictObject({ ...networkFaultFields, type: z.literal('timeout'), timeout: durationSchema.default(0) }),
  z.strictObject({
    ...networkFaultFields,
    type: z.literal('reset-peer'),
    timeout: durationSchema.default(0),
  }),
  z.strictObject({ ...networkFaultFields, type: z.literal('slow-close'), delay: durationSchema }),
  z.strictObject({
    ...networkFaultFields,
    type: z.literal('slicer'),
    'average-size': z.int().min(1),
    'size-variation': z.int().min(0).default(0),
    delay: durationSchema.default(0),
  }),
  z.strictObject({ ...networkFaultFields, type: z.literal('limit-data'), bytes: bytesSchema }),
  z.strictObject({ ...lastingFaultFields, type: z.literal('down') }),
] as const;

/** The network faults a Toxiproxy server puts on a proxy (toxics, and `down`). Pure. */
export const proxyFaults: FaultFamily<typeof variants> = { kinds: ['proxy'], variants };
