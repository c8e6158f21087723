import type { FaultSpec } from '../../experiment/model.ts';
import type { ToxicInfo } from './toxiproxy-api.ts';

/** The Toxiproxy toxic type and wire attributes of each network fault type (`down` is not a toxic). */
function toxicOf(fault: FaultSpec): { type: string; attributes: Record<string, number> } | undefined {
  switch (fault.type) {
    case 'latency':
      return {
        type: 'latency',
        attributes: { latency: Math.round(fault.latency), jitter: Math.round(fault.jitter) },
      };
    case 'bandwidth':
      return { type: 'bandwidth', attributes: { rate: fault.rate } };
    case 'timeout':
      return { type: 'timeout', attributes: { timeout: Math.round(fault.timeout) } };
    case 'reset-peer':
      return { type: 'reset_peer', attributes: { timeout: Math.round(fault.timeout) } };
    case 'slow-close':
      return { type: 'slow_close', attributes: { delay: Math.round(fault.delay) } };
    case 'slicer':
      // Toxiproxy's slicer delay is in microseconds; ours is a duration in ms.
      return {
        type: 'slicer',
        attributes: {
          average_size: fault['average-size'],
          size_variation: fault['size-variation'],
          delay: Math.round(fault.delay * 1000),
        },
      };
    case 'limit-data':
      return { type: 'limit_data', attributes: { bytes: fault.bytes } };
    default:
      return undefined;
  }
}

/**
 * The toxics that put a network fault in place: one per stream (`both` → upstream and
 * downstream), each named `faultline-<run id>-<fault>-<stream>` so that revert and sweep remove
 * exactly what this run added. Empty for faults that are not toxics.
 */
export function toxicsForFault(fault: FaultSpec, runId: string): ToxicInfo[] {
  const toxic = toxicOf(fault);
  if (!toxic || !('stream' in fault)) return [];
  const streams = fault.stream === 'both' ? (['upstream', 'downstream'] as const) : [fault.stream];
  return streams.map((stream) => ({
    name: toxicName(runId, fault.name, stream),
    type: toxic.type,
    stream,
    toxicity: fault.toxicity,
    attributes: toxic.attributes,
  }));
}

/** Prefix of every toxic a run adds; `sweep` removes toxics by it. */
export function toxicPrefix(runId?: string): string {
  return runId === undefined ? 'faultline-' : `faultline-${runId}-`;
}

function toxicName(runId: string, fault: string, stream: string): string {
  return `${toxicPrefix(runId)}${fault.replace(/[^A-Za-z0-9_.-]/g, '_')}-${stream}`;
}
