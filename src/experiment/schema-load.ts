import { z } from 'zod';
import { durationSchema, httpUrlSchema } from './schema-values.ts';

const requestSchema = z.strictObject({
  method: z
    .enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'], { error: 'expected an HTTP method' })
    .default('GET'),
  path: z.string().startsWith('/', { error: 'expected a path starting with /' }).default('/'),
  body: z.string().optional(),
  headers: z.record(z.string(), z.string()).optional(),
  weight: z.number().positive().default(1),
});

const stageSchema = z.strictObject({ for: durationSchema, rate: z.number().min(0) });

/**
 * The HTTP load. Open model: `rate` requests/s (optionally ramped by `stages`), paced evenly and
 * timed from the intended send. Closed model: `connections` each sending after the last answer.
 * `workers`: worker threads generating it, each with its share of the schedule or connections
 * (default: one per 10,000 requests/s of the peak rate, at most the machine's cores; closed: 1).
 */
export const loadSchema = z
  .strictObject({
    url: httpUrlSchema,
    requests: z
      .array(requestSchema)
      .min(1)
      .default([{ method: 'GET', path: '/', weight: 1 }]),
    rate: z.number().positive().optional(),
    connections: z.int().min(1).max(10_000).optional(),
    'max-connections': z.int().min(1).max(10_000).optional(),
    stages: z.array(stageSchema).default([]),
    duration: durationSchema,
    timeout: durationSchema.default(2000),
    workers: z.int({ error: 'expected a whole number of worker threads' }).min(1).max(64).optional(),
  })
  .refine((l) => l.rate !== undefined || l.connections !== undefined || l.stages.length > 0, {
    error: 'expected `rate` (open model, requests per second) or `connections` (closed model)',
  });

export type LoadSpec = z.output<typeof loadSchema>;
export type RequestSpec = LoadSpec['requests'][number];
