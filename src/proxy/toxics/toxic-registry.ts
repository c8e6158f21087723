import { bandwidthToxic } from './bandwidth-toxic.ts';
import { latencyToxic } from './latency-toxic.ts';
import { limitDataToxic } from './limit-data-toxic.ts';
import { noopToxic } from './noop-toxic.ts';
import { resetPeerToxic } from './reset-peer-toxic.ts';
import { slicerToxic } from './slicer-toxic.ts';
import { slowCloseToxic } from './slow-close-toxic.ts';
import { timeoutToxic } from './timeout-toxic.ts';
import type { ToxicType } from './toxic-type.ts';

/** Toxic types by wire name. */
export type ToxicRegistry = ReadonlyMap<string, ToxicType>;

/** The toxic types of Toxiproxy 2.12 that faultline implements. */
export const builtinToxics: readonly ToxicType[] = [
  latencyToxic,
  bandwidthToxic,
  slowCloseToxic,
  timeoutToxic,
  resetPeerToxic,
  slicerToxic,
  limitDataToxic,
  noopToxic,
];

/** Builds the registry; throws if two types share a wire name. */
export function createToxicRegistry(types: readonly ToxicType[] = builtinToxics): ToxicRegistry {
  const registry = new Map<string, ToxicType>();
  for (const toxic of types) {
    if (registry.has(toxic.type)) throw new Error(`toxic type ${toxic.type} registered twice`);
    registry.set(toxic.type, toxic);
  }
  return registry;
}
