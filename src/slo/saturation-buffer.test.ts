import { describe, expect, it } from 'vitest';
import { SaturationBuffer, type SaturationReading } from './saturation-buffer.ts';

const at = (fromMs: number, toMs: number, fields: Partial<SaturationReading> = {}): SaturationReading => ({
  target: 'api',
  member: 'a',
  fromMs,
  toMs,
  cpuShare: 0,
  memoryBytes: 100,
  memoryLimitBytes: null,
  ...fields,
});

describe('SaturationBuffer', () => {
  it('averages CPU weighted by how much of each reading falls in the window', () => {
    const buffer = new SaturationBuffer([{ target: 'api', member: 'a' }]);
    buffer.add(at(0, 1000, { cpuShare: 0.2 }));
    buffer.add(at(1000, 2000, { cpuShare: 0.8 }));
    buffer.add(at(2000, 3000, { cpuShare: 0.5 }));
    // window [500, 2000): half of the first reading, all of the second → (0.2·500 + 0.8·1000) / 1500
    expect(buffer.window(500, 2000)[0]?.cpuShare).toBeCloseTo(0.6, 10);
    expect(buffer.window(2000, 3000)[0]?.cpuShare).toBeCloseTo(0.5, 10);
  });

  it('keeps the highest memory reading and its share of the limit', () => {
    const buffer = new SaturationBuffer([{ target: 'api', member: 'a' }]);
    buffer.add(at(0, 1000, { memoryBytes: 300, memoryLimitBytes: 1000 }));
    buffer.add(at(1000, 2000, { memoryBytes: 500, memoryLimitBytes: 1000 }));
    buffer.add(at(2000, 3000, { memoryBytes: 200, memoryLimitBytes: 1000 }));
    expect(buffer.window(0, 3000)[0]).toMatchObject({ memoryBytes: 500, memoryShare: 0.5 });
    expect(buffer.window(2000, 3000)[0]).toMatchObject({ memoryBytes: 200, memoryShare: 0.2 });
  });

  it('gives every known member an entry, with nulls where no reading overlaps', () => {
    const buffer = new SaturationBuffer([
      { target: 'api', member: 'a' },
      { target: 'api', member: 'b' },
    ]);
    buffer.add(at(0, 1000, { cpuShare: 0.4 }));
    buffer.add(at(0, 1000, { member: 'x', cpuShare: 0.9 })); // not a known member: ignored
    expect(buffer.window(0, 1000)).toEqual([
      { target: 'api', member: 'a', cpuShare: 0.4, memoryBytes: 100, memoryShare: null },
      { target: 'api', member: 'b', cpuShare: null, memoryBytes: null, memoryShare: null },
    ]);
    expect(buffer.window(1000, 2000)[0]).toMatchObject({ cpuShare: null, memoryBytes: null });
  });

  it('lets a window shorter than a reading period take the reading just before it, and no older one', () => {
    const buffer = new SaturationBuffer([{ target: 'api', member: 'a' }]);
    buffer.add(at(0, 1000, { cpuShare: 0.7 }));
    expect(buffer.window(1000, 1300)[0]).toMatchObject({ cpuShare: 0.7, memoryBytes: 100 });
    expect(buffer.window(2100, 2400)[0]).toMatchObject({ cpuShare: null, memoryBytes: null });
  });
});
