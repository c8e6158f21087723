import { describe, expect, it } from 'vitest';
import { toxicsForFault } from './toxics-for-fault.ts';

describe('toxicsForFault', () => {
  it('maps faults to wire toxics, one per stream, named after the run', () => {
    const latency = {
      name: 'slow/db',
      type: 'latency',
      target: 'db',
      at: 1,
      for: 1,
      stream: 'both',
      toxicity: 0.5,
      latency: 300,
      jitter: 50,
    } as const;
    expect(toxicsForFault(latency, 'r1')).toEqual([
      {
        name: 'faultline-r1-slow_db-upstream',
        type: 'latency',
        stream: 'upstream',
        toxicity: 0.5,
        attributes: { latency: 300, jitter: 50 },
      },
      {
        name: 'faultline-r1-slow_db-downstream',
        type: 'latency',
        stream: 'downstream',
        toxicity: 0.5,
        attributes: { latency: 300, jitter: 50 },
      },
    ]);
    const slicer = {
      name: 's',
      type: 'slicer',
      target: 'db',
      at: 1,
      for: 1,
      stream: 'downstream',
      toxicity: 1,
      'average-size': 64,
      'size-variation': 8,
      delay: 2,
    } as const;
    expect(toxicsForFault(slicer, 'r1')[0]?.attributes).toEqual({
      average_size: 64,
      size_variation: 8,
      delay: 2000,
    });
    const reset = {
      name: 'r',
      type: 'reset-peer',
      target: 'db',
      at: 1,
      for: 1,
      stream: 'upstream',
      toxicity: 1,
      timeout: 0,
    } as const;
    expect(toxicsForFault(reset, 'r1')[0]).toMatchObject({ type: 'reset_peer', stream: 'upstream' });
    expect(toxicsForFault({ name: 'd', type: 'down', target: 'db', at: 1, for: 1 }, 'r1')).toEqual([]);
  });
});
