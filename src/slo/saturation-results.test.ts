import { describe, expect, it } from 'vitest';
import { objectiveSchema } from '../experiment/schema-slos.ts';
import type { SaturationObjectiveSpec } from '../experiment/schema-saturation.ts';
import { judgeSaturation, saturationOverWindows, withSaturation } from './saturation-results.ts';
import type { ObjectiveResult, TargetSaturation } from './window-summary.ts';

const objective = (saturation: Record<string, unknown>) =>
  objectiveSchema.parse({ name: 'sat', saturation }) as SaturationObjectiveSpec;
const reading = (fields: Partial<TargetSaturation>): TargetSaturation => ({
  target: 'api',
  member: 'api-1',
  cpuShare: 0.1,
  memoryBytes: 100 * 2 ** 20,
  memoryShare: 0.2,
  ...fields,
});

describe('judgeSaturation', () => {
  const cpu80 = objective({ target: 'api', cpu: { below: '80%' } });

  it('is met when every member stays below the CPU share, and reports the worst member', () => {
    const result = judgeSaturation(cpu80, [
      reading({ cpuShare: 0.3 }),
      reading({ member: 'api-2', cpuShare: 0.5 }),
    ]);
    expect(result).toEqual({ objective: 'sat', kind: 'saturation', met: true, value: 0.5 });
  });

  it('misses when one member reaches the threshold, naming it and its reading', () => {
    const result = judgeSaturation(cpu80, [
      reading({ cpuShare: 0.3 }),
      reading({ member: 'api-2', cpuShare: 0.8 }),
    ]);
    expect(result.met).toBe(false);
    expect(result.value).toBe(0.8);
    expect(result.detail).toBe('api (api-2) CPU 80.0%, not below 80.0%');
  });

  it('misses when no reading came in: no data is never a pass', () => {
    expect(judgeSaturation(cpu80, [])).toMatchObject({
      met: false,
      value: null,
      detail: 'no saturation reading for target api in this window',
    });
    expect(judgeSaturation(cpu80, [reading({ cpuShare: null })])).toMatchObject({
      met: false,
      detail: 'no CPU reading for api (api-1) in this window',
    });
    expect(judgeSaturation(cpu80, [reading({ target: 'db' })]).met).toBe(false);
  });

  it('judges memory as a share of the limit, and misses when there is no limit to share', () => {
    const share = objective({ target: 'api', memory: { below: '90%' } });
    expect(judgeSaturation(share, [reading({ memoryShare: 0.5 })])).toMatchObject({ met: true, value: 0.5 });
    expect(judgeSaturation(share, [reading({ memoryShare: 0.95 })]).detail).toBe(
      'api (api-1) memory 95.0% of its limit, not below 90.0%',
    );
    expect(judgeSaturation(share, [reading({ memoryShare: null })]).detail).toMatch(/has no memory limit/);
  });

  it('judges memory in bytes whatever the limit', () => {
    const bytes = objective({ target: 'api', memory: { below: '512MiB' } });
    expect(judgeSaturation(bytes, [reading({ memoryBytes: 511 * 2 ** 20, memoryShare: null })]).met).toBe(
      true,
    );
    expect(judgeSaturation(bytes, [reading({ memoryBytes: 512 * 2 ** 20 })])).toMatchObject({
      met: false,
      value: 1, // of the size allowed
      detail: 'api (api-1) memory 512.0 MiB, not below 512.0 MiB',
    });
    expect(judgeSaturation(bytes, [reading({ memoryBytes: null })]).met).toBe(false);
  });

  it('needs both when both are given', () => {
    const both = objective({ target: 'api', cpu: { below: 0.5 }, memory: { below: '1GB' } });
    expect(judgeSaturation(both, [reading({ cpuShare: 0.4 })]).met).toBe(true);
    expect(judgeSaturation(both, [reading({ cpuShare: 0.4, memoryBytes: 2e9 })]).met).toBe(false);
    expect(judgeSaturation(both, [reading({ cpuShare: 0.6 })]).met).toBe(false);
  });
});

describe('withSaturation', () => {
  it('replaces only the saturation results, keeping objective order', () => {
    const objectives = [
      objectiveSchema.parse({ name: 'ok', success: { 'at-least': '99%' } }),
      objectiveSchema.parse({ name: 'sat', saturation: { target: 'api', cpu: { below: '50%' } } }),
    ];
    const placeholder: ObjectiveResult[] = [
      { objective: 'ok', kind: 'success', met: true, value: 1, bad: 0 },
      { objective: 'sat', kind: 'saturation', met: true, value: null },
    ];
    const results = withSaturation(objectives, placeholder, [reading({ cpuShare: 0.7 })]);
    expect(results[0]).toBe(placeholder[0]);
    expect(results[1]).toMatchObject({ objective: 'sat', met: false, value: 0.7 });
  });
});

describe('saturationOverWindows', () => {
  const result = (met: boolean, value: number | null): ObjectiveResult => ({
    objective: 'sat',
    kind: 'saturation',
    met,
    value,
  });
  const other: ObjectiveResult = { objective: 'ok', kind: 'success', met: true, value: 1, bad: 0 };

  it('a span meets a saturation objective only when each of its windows did, with the highest value', () => {
    const windows = [{ objectives: [other, result(true, 0.2)] }, { objectives: [other, result(false, 0.9)] }];
    expect(saturationOverWindows([other, result(true, null)], windows)).toEqual([other, result(false, 0.9)]);
    expect(saturationOverWindows([result(true, null)], [windows[0] ?? { objectives: [] }])).toEqual([
      result(true, 0.2),
    ]);
  });

  it('a span with no window does not meet it: no data is never a pass', () => {
    expect(saturationOverWindows([result(true, null)], [])).toEqual([result(false, null)]);
  });
});
