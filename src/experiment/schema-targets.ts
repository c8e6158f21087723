import { z } from 'zod';
import { durationSchema, nameSchema } from './schema-values.ts';

/** A readiness/health probe: an HTTP URL that must answer 2xx/3xx, or `tcp://host:port` that must accept. */
export const probeSchema = z
  .string({ error: 'expected a probe URL: http://host:port/path or tcp://host:port' })
  .regex(/^(https?|tcp):\/\/\S+$/, {
    error: 'expected a probe URL: http://host:port/path or tcp://host:port',
  });

/** `engine: NAME`: one of `engines:` (default: DOCKER_HOST, else the local socket). */
const engineRef = nameSchema.optional().meta({
  description:
    'The Docker engine the container lives on: a name under engines: (default: DOCKER_HOST / the local socket).',
});

const containerTarget = z.strictObject({
  container: nameSchema,
  engine: engineRef,
  ready: probeSchema.optional(),
});

const selector = z
  .strictObject({
    label: z
      .string()
      .regex(/^[^=\s]+(=\S*)?$/, { error: 'expected a label key=value or key' })
      .optional(),
    name: z
      .string()
      .regex(/^\/.+\/$/, { error: 'expected a regular expression between slashes, such as /^shop-/' })
      .optional(),
    service: z.string().optional(),
    project: z.string().optional(),
  })
  .refine((s) => Object.keys(s).length > 0, {
    error: 'expected at least one of label, name, service, project',
  });

const pickSchema = z.union([z.int().min(1), z.string().regex(/^\d+(\.\d+)?%$/)], {
  error: 'expected a count (pick: 2) or a share of the matches (pick: 30%)',
});

const containersTarget = z.strictObject({
  containers: selector,
  engine: engineRef,
  pick: pickSchema.optional(),
  seed: z.int().optional(),
  ready: probeSchema.optional(),
});

const proxyTarget = z.strictObject({
  proxy: nameSchema,
  // An HTTP URL whose requests cross the proxy: timed before and after a latency fault as evidence.
  probe: probeSchema.optional(),
});

const processTarget = z.strictObject({
  process: z.strictObject({
    command: z.string().min(1, { error: 'expected the command line to start' }),
    cwd: z.string().optional(),
    env: z.record(z.string(), z.union([z.string(), z.number()]).transform(String)).optional(),
    ready: probeSchema.optional(),
    'ready-timeout': durationSchema.default(10_000),
  }),
});

/** A target: what a fault acts on. Exactly one of container, containers, proxy, process. */
export const targetSchema = z.union([containerTarget, containersTarget, proxyTarget, processTarget], {
  error: 'expected a target with one of: container, containers, proxy, process',
});

export type TargetSpec = z.output<typeof targetSchema>;
export type TargetKind = 'container' | 'proxy' | 'process';

/** Which family of provider a target belongs to. */
export function targetKind(target: TargetSpec): TargetKind {
  if ('process' in target) return 'process';
  if ('proxy' in target) return 'proxy';
  return 'container';
}

/** The engine a target names (`undefined`: the default engine); undefined for other kinds too. */
export function targetEngine(target: TargetSpec): string | undefined {
  return 'container' in target || 'containers' in target ? target.engine : undefined;
}
