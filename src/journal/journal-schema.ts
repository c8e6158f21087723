import { z } from 'zod';

const ms = z.number().meta({ description: 'milliseconds' });
const msSinceLoad = z.number().meta({ description: 'milliseconds since load started' });
const fraction = z.number().meta({ description: 'a fraction: 0.995 = 99.5%' });
const phase = z.enum(['warmup', 'baseline', 'faults', 'recovery', 'after']);

const objectiveSpec = z.union([
  z.object({ name: z.string(), latency: z.object({ percentile: z.number(), below: ms }) }),
  z.object({ name: z.string(), success: z.object({ 'at-least': fraction }) }),
  z.object({ name: z.string(), errors: z.object({ below: fraction }) }),
  z.object({
    name: z.string(),
    throughput: z.object({ 'at-least': z.number().meta({ description: 'good requests per second' }) }),
  }),
  z.object({
    name: z.string(),
    saturation: z.object({
      target: z.string(),
      cpu: z.object({ below: fraction }).optional(),
      memory: z
        .object({
          below: z.union([
            z.object({ share: fraction }),
            z.object({ bytes: z.number().meta({ description: 'bytes' }) }),
          ]),
        })
        .optional(),
    }),
  }),
]);

/** The SLO window and objectives with thresholds (durations in ms, percentages as fractions). */
export const slosJournalSchema = z.object({ window: ms, objectives: z.array(objectiveSpec) });

/** The hypothesis with every duration in ms. */
export const hypothesisJournalSchema = z.object({
  warmup: ms,
  baseline: ms,
  'during-faults': z.union([z.literal('hold'), z.object({ tolerate: z.object({ budget: fraction }) })]),
  'recover-within': ms.optional(),
  after: ms,
});

const loadModel = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('open'),
    rate: z.number().meta({ description: 'requests per second' }),
    stages: z.array(z.object({ for: ms, rate: z.number() })),
    maxConnections: z.number(),
  }),
  z.object({ kind: z.literal('closed'), connections: z.number() }),
]);

/** The load settings as data. */
export const loadJournalSchema = z.object({
  url: z.string(),
  model: loadModel,
  durationMs: ms,
  timeoutMs: ms,
  requests: z.array(
    z.object({
      method: z.string(),
      path: z.string(),
      body: z.string().optional(),
      headers: z.record(z.string(), z.string()).optional(),
      weight: z.number(),
    }),
  ),
  description: z.string().meta({ description: 'the load model in one line, for people' }),
});

/** Where the run ran. */
export const environmentSchema = z.object({
  faultline: z.string(),
  node: z.string(),
  platform: z.string(),
  arch: z.string(),
  host: z.string(),
});

const evidence = z.object({ check: z.string(), ok: z.boolean(), detail: z.string(), atMs: msSinceLoad });

const faultRecord = z.object({
  name: z.string(),
  type: z.string(),
  target: z.string(),
  plannedAtMs: msSinceLoad,
  plannedRevertAtMs: msSinceLoad.nullable(),
  injectedAtMs: msSinceLoad.nullable(),
  revertedAtMs: msSinceLoad.nullable(),
  outcome: z.enum(['reverted', 'active', 'not-run', 'inject-failed', 'revert-failed']),
  error: z.string().nullable(),
  evidence: z.array(evidence),
  revertEvidence: z.array(evidence),
  healthyAfterMs: ms.nullable(),
  timeToImpactMs: ms.nullable(),
  timeToRecoverMs: ms.nullable(),
});

const latency = z.object({
  p50: ms.nullable(),
  p90: ms.nullable(),
  p95: ms.nullable(),
  p99: ms.nullable(),
  p999: ms.nullable(),
  max: ms.nullable(),
});

const objectiveResult = z.object({
  objective: z.string(),
  kind: z.enum(['latency', 'success', 'errors', 'throughput', 'saturation']),
  met: z.boolean(),
  value: z.number().nullable().meta({ description: 'ms, fraction or req/s by kind; null = no answer' }),
  bad: z.number().exactOptional(),
  detail: z
    .string()
    .exactOptional()
    .meta({ description: 'why a saturation objective missed (which member)' }),
});

const budget = z.object({
  objective: z.string(),
  bad: z.number(),
  valid: z.number(),
  consumed: z.number().nullable().meta({ description: '1 = the whole budget spent' }),
});

const windowSummary = z.object({
  index: z.number(),
  startMs: msSinceLoad,
  endMs: msSinceLoad,
  phase,
  activeFaults: z.array(z.string()),
  intended: z.number(),
  completed: z.number(),
  good: z.number(),
  httpErrors: z.number(),
  timeouts: z.number(),
  connectionErrors: z.number(),
  shortfall: z.number(),
  valid: z.number(),
  latency,
  objectives: z.array(objectiveResult),
  met: z.boolean(),
  causes: z.array(z.object({ cause: z.string(), count: z.number(), firstMessage: z.string() })),
  runner: z
    .object({
      eventLoopDelayP99Ms: z.record(z.string(), z.number()),
      cpuPercent: z.number().nullable(),
      sendLagP99Ms: z.number().nullable(),
      generatorShortfall: z.number(),
    })
    .nullable(),
  suspect: z.boolean(),
  saturation: z.array(
    z.object({
      target: z.string(),
      member: z.string(),
      cpuShare: z.number().nullable(),
      memoryBytes: z.number().nullable(),
      memoryShare: z.number().nullable(),
    }),
  ),
});

const phaseScore = z.object({
  phase,
  startMs: msSinceLoad,
  endMs: msSinceLoad,
  windows: z.number(),
  badWindows: z.number(),
  latency,
  objectives: z.array(objectiveResult),
  budgets: z.array(budget),
});

const breach = z.object({
  phase,
  rule: z
    .enum(['pre-fault', 'during-faults', 'budget', 'recovery', 'relapse', 'after'])
    .meta({ description: 'the rule of the hypothesis the breach broke' }),
  objective: z.string(),
  windowStartMs: msSinceLoad,
  windowEndMs: msSinceLoad,
  value: z.number().nullable(),
  reason: z.string(),
  outcome: z
    .enum(['not-steady', 'fail'])
    .meta({ description: 'the verdict this breach leads to on its own' }),
  suspect: z.boolean().meta({ description: "true when the runner's own lag could explain it" }),
});

/**
 * The journal (journal.json) as a zod schema: the source of schema/journal.schema.json and of
 * the reader's validation. journal-schema-check.ts keeps it equal to the `Journal` type.
 */
export const journalSchema = z.object({
  format: z.literal(1).meta({ description: 'major version; a reader refuses a major it does not know' }),
  formatMinor: z.number().meta({ description: 'minor version; bumped when fields are added' }),
  schema: z.string(),
  runId: z.string(),
  experiment: z.object({
    name: z.string(),
    title: z.string().nullable(),
    description: z.string().nullable(),
    file: z.string(),
    tags: z.array(z.string()),
    resolved: z.record(z.string(), z.unknown()).meta({
      description:
        'the experiment after defaults, scenarios and env values (durations in ms, percentages as fractions; secrets redacted)',
    }),
  }),
  slos: slosJournalSchema,
  hypothesis: hypothesisJournalSchema,
  environment: environmentSchema.nullable(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  plan: z.object({
    durationMs: ms,
    windowMs: ms,
    phases: z.array(z.object({ phase, startMs: msSinceLoad, endMs: msSinceLoad })),
  }),
  load: loadJournalSchema,
  targets: z.array(
    z.object({
      name: z.string(),
      kind: z.string(),
      members: z.array(z.object({ id: z.string(), label: z.string() })),
    }),
  ),
  faults: z.array(faultRecord),
  windows: z.array(windowSummary),
  phases: z.array(phaseScore),
  run: z.object({ objectives: z.array(objectiveResult), budgets: z.array(budget) }).nullable(),
  verdict: z.enum(['pass', 'fail', 'not-steady', 'inconclusive', 'aborted', 'error']).nullable(),
  breaches: z.array(breach),
  exitCode: z.number().nullable(),
  notes: z.array(z.object({ atMs: msSinceLoad.nullable(), message: z.string() })),
  loadTotals: z
    .object({ intended: z.number(), sent: z.number(), answered: z.number(), connectionsOpened: z.number() })
    .nullable(),
});

/** The JSON Schema of journal.json (schema/journal.schema.json), from the same zod schema. */
export function journalJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(journalSchema, { io: 'output', unrepresentable: 'any' }),
    $id: 'https://faultline.dev/schema/journal.schema.json',
    title: 'faultline journal',
  };
}
