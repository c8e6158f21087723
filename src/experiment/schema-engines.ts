import { z } from 'zod';
import { nameSchema } from './schema-values.ts';

/** The engine address forms faultline connects to. */
export const engineHostSchema = z
  .string({ error: 'expected an engine address: unix:///path, tcp://host:port or ssh://user@host' })
  .regex(/^(unix:\/\/\/\S+|tcp:\/\/[^\s/]+:\d{1,5}|ssh:\/\/[^\s/@]+@[^\s/]+)$/, {
    error: 'expected an engine address: unix:///path, tcp://host:port or ssh://user@host',
  });

const tlsSchema = z
  .strictObject({
    ca: z.string().min(1),
    cert: z.string().min(1),
    key: z.string().min(1),
  })
  .meta({ description: 'Paths of the TLS material for a tcp:// engine (as docker --tlsverify takes).' });

const engineSchema = z
  .strictObject({
    host: engineHostSchema.optional(),
    tls: tlsSchema.optional(),
    context: nameSchema.optional().meta({ description: 'A Docker CLI context name (docker context ls).' }),
    'stressor-image': z.string().min(1).optional().meta({
      description: 'An image already on this engine to run stressors from, instead of building one.',
    }),
  })
  .refine((e) => (e.host === undefined) !== (e.context === undefined), {
    error: 'expected exactly one of host (unix://, tcp://, ssh://) or context (a Docker context name)',
  });

/**
 * `engines:` names Docker engines; a container target picks one with `engine: NAME` (without
 * it: DOCKER_HOST, else the local socket). `default` is reserved for that one.
 */
export const enginesSchema = z.record(nameSchema, engineSchema).refine((engines) => !('default' in engines), {
  error: 'the engine name `default` is reserved for DOCKER_HOST / the local socket',
});

export type EngineSpec = z.output<typeof engineSchema>;
