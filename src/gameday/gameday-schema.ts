import { Cron } from 'croner';
import { z } from 'zod';
import { nameSchema } from '../experiment/schema-values.ts';

/** A five- or six-field cron expression croner accepts (`0 9 * * MON`), checked when parsed. */
const cronSchema = z
  .string({ error: 'expected a cron expression such as "0 9 * * MON"' })
  .superRefine((text, ctx) => {
    try {
      new Cron(text, { paused: true }).stop();
    } catch (error) {
      ctx.addIssue({
        code: 'custom',
        message: `expected a cron expression such as "0 9 * * MON" (minute hour day month weekday); ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  });

const entrySchema = z.strictObject({
  file: z.string({ error: 'expected the path of an experiment file, relative to the game day file' }).min(1),
  notes: z.string().optional(),
});

/**
 * A game day file: experiments run in order (those whose targets do not overlap run together
 * unless `parallel: false`), an optional cron `schedule` for `--schedule`, roles and notes kept
 * with the record.
 */
export const gamedaySchema = z.strictObject({
  $schema: z.string().optional(),
  version: z.literal(1, { error: 'expected version: 1' }),
  gameday: nameSchema,
  title: z.string().optional(),
  schedule: cronSchema.optional(),
  timezone: z.string().optional(),
  parallel: z.boolean().default(true),
  roles: z.record(z.string(), z.string()).default({}),
  notes: z.string().optional(),
  experiments: z.array(entrySchema).min(1, { error: 'expected at least one experiment' }),
});

export type GamedayFile = z.output<typeof gamedaySchema>;
