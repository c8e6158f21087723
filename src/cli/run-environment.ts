import { readFileSync } from 'node:fs';
import { arch, hostname, platform } from 'node:os';
import type { JournalEnvironment } from '../journal/journal-parts.ts';

/** The faultline version from its package.json ('unknown' when it cannot be read). */
function faultlineVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version?: unknown;
    };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Versions and host of this run, for the journal. */
export function runEnvironment(): JournalEnvironment {
  return {
    faultline: faultlineVersion(),
    node: process.version,
    platform: platform(),
    arch: arch(),
    host: hostname(),
  };
}
