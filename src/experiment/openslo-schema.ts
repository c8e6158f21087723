import { z } from 'zod';
import { nameSchema } from './schema-values.ts';

/**
 * The parts of OpenSLO v1 (https://openslo.com) that faultline reads: `SLO` and `SLI` documents.
 * Keys that OpenSLO defines but faultline cannot map are accepted here as `unknown` so the mapper
 * can say why each one is refused; keys OpenSLO does not define are unknown keys.
 */
const metadata = z.strictObject({
  name: nameSchema,
  displayName: z.string().optional(),
  labels: z.record(z.string(), z.union([z.string(), z.array(z.string())])).optional(),
  annotations: z.record(z.string(), z.string()).optional(),
});

const metricSource = z.strictObject({
  metricSource: z.strictObject({
    metricSourceRef: z.string().optional(),
    type: z.string().optional(),
    spec: z.unknown().optional(),
  }),
});

const ratioMetric = z.strictObject({
  counter: z.boolean().optional(),
  good: metricSource.optional(),
  bad: metricSource.optional(),
  total: metricSource.optional(),
  rawType: z.enum(['success', 'failure']).optional(),
  raw: metricSource.optional(),
});

const sliSpec = z.strictObject({
  description: z.string().optional(),
  thresholdMetric: metricSource.optional(),
  ratioMetric: ratioMetric.optional(),
});

/** An SLI: inline in an SLO (`indicator`) or a document of its own (`kind: SLI`). */
const inlineSli = z.strictObject({ metadata, spec: sliSpec });

const objective = z.strictObject({
  displayName: z.string().optional(),
  op: z.enum(['lt', 'lte', 'gt', 'gte']).optional(),
  value: z.number().optional(),
  target: z.number().optional(),
  targetPercent: z.number().optional(),
  timeSliceTarget: z.number().optional(),
  timeSliceWindow: z.union([z.number(), z.string()]).optional(),
  indicator: z.unknown().optional(),
  indicatorRef: z.unknown().optional(),
  compositeWeight: z.unknown().optional(),
});

const timeWindow = z.strictObject({
  duration: z.string(),
  isRolling: z.boolean().optional(),
  calendar: z.strictObject({ startTime: z.string(), timeZone: z.string() }).optional(),
});

const sloSpec = z.strictObject({
  description: z.string().optional(),
  service: z.string().optional(),
  indicator: inlineSli.optional(),
  indicatorRef: z.string().optional(),
  timeWindow: z.array(timeWindow).optional(),
  budgetingMethod: z.enum(['Occurrences', 'Timeslices', 'RatioTimeslices']),
  objectives: z.array(objective).min(1),
  alertPolicies: z.unknown().optional(),
});

const apiVersion = z.literal('openslo/v1', { error: 'expected apiVersion: openslo/v1' });

/** One document of an OpenSLO file that faultline reads. */
export const openSloDocumentSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ apiVersion, kind: z.literal('SLO'), metadata, spec: sloSpec }),
    z.strictObject({ apiVersion, kind: z.literal('SLI'), metadata, spec: sliSpec }),
  ],
  { error: 'expected an OpenSLO document of kind SLO or SLI' },
);

export type OpenSloDocument = z.output<typeof openSloDocumentSchema>;
export type OpenSloSlo = Extract<OpenSloDocument, { kind: 'SLO' }>;
export type OpenSloSli = z.output<typeof inlineSli>;
export type OpenSloObjective = z.output<typeof objective>;
