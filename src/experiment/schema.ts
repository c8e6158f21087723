import { z } from 'zod';
import { capacitySchema } from './schema-capacity.ts';
import { enginesSchema } from './schema-engines.ts';
import { faultSchema, useSchema } from './schema-faults.ts';
import { loadSchema } from './schema-load.ts';
import { guardrailsSchema, hypothesisSchema, slosSchema } from './schema-slos.ts';
import { targetSchema } from './schema-targets.ts';
import { hostPortSchema, httpUrlSchema, nameSchema } from './schema-values.ts';

const proxyDeclaration = z.strictObject({
  name: nameSchema,
  listen: hostPortSchema,
  upstream: hostPortSchema,
  enabled: z.boolean().default(true),
  /** The Toxiproxy server this proxy lives on (default: toxiproxy.url, else the embedded proxy). */
  url: httpUrlSchema.optional().meta({
    description:
      'The Toxiproxy server this proxy lives on, such as one next to its service on another host (default: toxiproxy.url, else the embedded proxy).',
  }),
});

/**
 * Where Toxiproxy is: `url` of a running server, or omitted for the embedded proxy. `metrics`:
 * the embedded proxy serves Prometheus `/metrics` (byte counters and runtime metrics).
 */
export const toxiproxySchema = z.strictObject({
  url: httpUrlSchema.optional(),
  proxies: z.array(proxyDeclaration).default([]),
  metrics: z.boolean().optional(),
});

/**
 * The experiment file (DESIGN.md §2): the single source of both the TypeScript types and the
 * emitted JSON Schema. Keys keep their user-facing kebab-case spelling.
 */
export const experimentSchema = z.strictObject({
  $schema: z.string().optional(),
  version: z.literal(1, { error: 'expected version: 1' }),
  name: nameSchema,
  title: z.string().optional(),
  description: z.string().optional(),
  tags: z.array(z.string()).default([]),
  seed: z.int().optional(),
  engines: enginesSchema.default({}),
  targets: z.record(nameSchema, targetSchema).default({}),
  toxiproxy: toxiproxySchema.optional(),
  load: loadSchema,
  slos: slosSchema,
  hypothesis: hypothesisSchema,
  faults: z
    .array(
      z.union([useSchema, faultSchema], { error: 'expected a fault (with a type) or a { use: scenario }' }),
    )
    .default([]),
  guardrails: guardrailsSchema.default({ 'abort-when': 'never' }),
  capacity: capacitySchema.optional(),
});

export type ExperimentFile = z.output<typeof experimentSchema>;
export type ProxyDeclaration = z.output<typeof proxyDeclaration>;

/** A reusable, parameterised fault sequence included with `use:`. */
export const scenarioSchema = z.strictObject({
  $schema: z.string().optional(),
  version: z.literal(1, { error: 'expected version: 1' }),
  scenario: nameSchema,
  description: z.string().optional(),
  parameters: z
    .record(
      z.string(),
      z.strictObject({
        description: z.string().optional(),
        default: z.union([z.string(), z.number(), z.boolean()]).optional(),
      }),
    )
    .default({}),
  faults: z.array(faultSchema).min(1),
});
