import { z } from 'zod';
import { parseBytes, parseDuration, parsePercentage } from './quantities.ts';

/** A duration string (`250ms 5s 2m 1h`, combinable as `1m30s`) → milliseconds. */
export const durationSchema = z
  .string({ error: 'expected a duration such as 250ms, 5s, 2m or 1h' })
  .regex(/^(0|(\d+(\.\d+)?(ms|s|m|h))+)$/, { error: 'expected a duration such as 250ms, 5s, 2m or 1h' })
  .transform((text) => parseDuration(text) ?? 0)
  .meta({ description: 'A duration: 250ms, 5s, 2m, 1h (groups combine: 1m30s).' });

/** A percentage `99.5%` or a fraction `0.995` → fraction in [0, 1]. */
export const percentageSchema = z
  .union([z.string().regex(/^\d+(\.\d+)?%$/), z.number().min(0).max(1)], {
    error: 'expected a percentage such as 99.5% or a fraction such as 0.995',
  })
  .transform((value, ctx) => {
    const parsed = parsePercentage(value);
    if (parsed === undefined) {
      ctx.addIssue({ code: 'custom', message: 'expected a percentage between 0% and 100%' });
      return z.NEVER;
    }
    return parsed;
  })
  .meta({ description: 'A percentage (99.5%) or a fraction (0.995).' });

/** A byte size: an integer, or `256MB`, `1GiB` → bytes. */
export const bytesSchema = z
  .union([z.int().min(0), z.string().regex(/^\d+(\.\d+)?\s*([kKmMgG]i?)?[bB]$/)], {
    error: 'expected a size in bytes such as 4096, 256MB or 1GiB',
  })
  .transform((value) => parseBytes(value) ?? 0)
  .meta({ description: 'A size: whole bytes (4096) or with a unit (256MB, 1GiB; KB/MB/GB are 1000-based).' });

/** A name made of letters, digits, `-`, `_` and `.`. */
export const nameSchema = z
  .string({ error: 'expected a name (letters, digits, - _ .)' })
  .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, { error: 'expected a name made of letters, digits, - _ . /' });

/** A TCP address `host:port`. */
export const hostPortSchema = z
  .string({ error: 'expected an address host:port such as 127.0.0.1:5432' })
  .regex(/^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]*):\d{1,5}$/, {
    error: 'expected an address host:port such as 127.0.0.1:5432',
  });

/** An http(s) URL. */
export const httpUrlSchema = z
  .string({ error: 'expected an http:// or https:// URL' })
  .regex(/^https?:\/\/[^\s/]+(\/\S*)?$/, { error: 'expected an http:// or https:// URL' });

/** A POSIX signal name. */
export const signalSchema = z.enum(
  [
    'SIGKILL',
    'SIGTERM',
    'SIGINT',
    'SIGHUP',
    'SIGQUIT',
    'SIGUSR1',
    'SIGUSR2',
    'SIGABRT',
    'SIGSTOP',
    'SIGCONT',
  ],
  { error: 'expected a signal name' },
);
