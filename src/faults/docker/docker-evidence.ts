import type { Evidence, FaultContext } from '../fault-provider.ts';

/** An observation stamped with the run's clock. */
export function observed(ctx: FaultContext, check: string, ok: boolean, detail: string): Evidence {
  return { check, ok, detail, atMs: ctx.now() };
}

/** `name (3f2a1b9c0d1e)`: how a container is named in evidence and messages. */
export function describeContainer(info: { Id: string; Name: string }): string {
  return `${info.Name.replace(/^\//, '')} (${info.Id.slice(0, 12)})`;
}

/** True when an engine error (see docker-port.ts) is the engine's 404 (no such container, file or network). */
export function isNotFound(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && (error as { statusCode?: unknown }).statusCode === 404
  );
}

/** An error's message, whatever was thrown. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message.trim() : String(error);
}
