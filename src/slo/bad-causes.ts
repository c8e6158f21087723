import type { BadCause } from './window-summary.ts';

const ERROR_CAUSES: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'refused',
  ECONNRESET: 'reset',
  EPIPE: 'reset',
  ECONNABORTED: 'reset',
  ETIMEDOUT: 'timeout',
  EHOSTUNREACH: 'unreachable',
  ENETUNREACH: 'unreachable',
  EADDRNOTAVAIL: 'no local port',
  EMFILE: 'too many open files',
};

/**
 * The cause of a connection error from its reason (see SampleSink.error): `refused`, `reset`,
 * `closed mid-request`, … ; an unknown OS code is kept as is (lowercase), anything else is `error`.
 */
export function causeOfError(reason: string): string {
  if (/closed mid-request/i.test(reason)) return 'closed mid-request';
  const code = /^(E[A-Z0-9_]+)\b/.exec(reason)?.[1];
  if (code) return ERROR_CAUSES[code] ?? code.toLowerCase();
  return 'error';
}

/** Counts bad events by cause, keeping the first message of each; fixed size in practice. */
export class BadCauses {
  readonly #counts = new Map<string, { count: number; firstMessage: string }>();

  /** Counts `count` bad events of `cause`; `message` is kept if it is the cause's first. */
  add(cause: string, message: string, count = 1): void {
    const seen = this.#counts.get(cause);
    if (seen) seen.count += count;
    else this.#counts.set(cause, { count, firstMessage: message });
  }

  /** Every cause, most frequent first (ties by name, so the order is stable). */
  list(): BadCause[] {
    return [...this.#counts]
      .map(([cause, c]) => ({ cause, count: c.count, firstMessage: c.firstMessage }))
      .sort((a, b) => b.count - a.count || a.cause.localeCompare(b.cause));
  }

  clear(): void {
    this.#counts.clear();
  }
}
