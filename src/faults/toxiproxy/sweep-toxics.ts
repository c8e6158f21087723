import type { SweepAction } from '../fault-provider.ts';
import type { ToxiproxyApi } from './toxiproxy-api.ts';
import { toxicPrefix } from './toxics-for-fault.ts';

/**
 * Removes, from every proxy of a Toxiproxy server, the toxics that run `runId` added (that any
 * faultline run added when omitted), found by their name prefix. Toxics of other runs and of
 * other users are left alone. A toxic that vanished meanwhile counts as removed; a failed
 * removal is reported `ok: false` and the sweep goes on.
 */
export async function sweepToxics(api: ToxiproxyApi, runId?: string): Promise<SweepAction[]> {
  const actions: SweepAction[] = [];
  for (const proxy of await api.proxies()) {
    for (const toxic of proxy.toxics.filter((t) => t.name.startsWith(toxicPrefix(runId)))) {
      try {
        await api.removeToxic(proxy.name, toxic.name);
        actions.push({ ok: true, text: `proxy ${proxy.name}: removed toxic ${toxic.name} (${api.url})` });
      } catch (error) {
        actions.push({
          ok: false,
          text: `proxy ${proxy.name}: could not remove toxic ${toxic.name} (${api.url}): ${error instanceof Error ? error.message : String(error)}`,
        });
      }
    }
  }
  return actions;
}
