import { z } from 'zod';
import {
  commonFaultFields,
  lastingFaultFields,
  optionallyLastingFaultFields,
  type FaultFamily,
} from '../experiment/fault-fields.ts';
import { durationSchema, signalSchema } from '../experiment/schema-values.ts';

const restartAfter = z
  .string()
  .regex(/^(never|after (0|(\d+(\.\d+)?(ms|s|m|h))+))$/, {
    error: 'expected "after <duration>" (such as "after 5s") or "never"',
  })
  .transform((text) => text);

const variants = [
  z.strictObject({
    ...commonFaultFields,
    type: z.literal('kill'),
    signal: signalSchema.default('SIGKILL'),
    restart: restartAfter.optional(),
  }),
  z.strictObject({
    ...optionallyLastingFaultFields,
    type: z.literal('stop'),
    grace: durationSchema.default(10_000),
  }),
  z.strictObject({ ...lastingFaultFields, type: z.literal('pause') }),
  z.strictObject({ ...commonFaultFields, type: z.literal('restart'), grace: durationSchema.default(10_000) }),
] as const;

/** kill, stop, pause, restart: the faults the Docker and process providers both take. Pure. */
export const stateFaults: FaultFamily<typeof variants> = { kinds: ['container', 'process'], variants };
