import { describe, expect, it } from 'vitest';
import { builtinToxics, createToxicRegistry } from './toxic-registry.ts';

describe('toxic registry', () => {
  it('holds the Toxiproxy 2.12 toxic types by wire name', () => {
    expect([...createToxicRegistry().keys()].sort()).toEqual([
      'bandwidth',
      'latency',
      'limit_data',
      'noop',
      'reset_peer',
      'slicer',
      'slow_close',
      'timeout',
    ]);
  });

  it('rejects a type registered twice', () => {
    expect(() => createToxicRegistry([...builtinToxics, builtinToxics[0]!])).toThrow(
      'toxic type latency registered twice',
    );
  });
});
