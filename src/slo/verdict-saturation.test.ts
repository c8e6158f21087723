import { describe, expect, it } from 'vitest';
import { objectiveSchema } from '../experiment/schema-slos.ts';
import { decideVerdict } from './verdict.ts';
import { WindowRecorder } from './window-recorder.ts';

describe('a saturation objective in the verdict', () => {
  it('a baseline window with no reading makes the run not steady, and the breach says why', () => {
    const recorder = new WindowRecorder({
      windowMs: 1000,
      objectives: [
        objectiveSchema.parse({ name: 'api-cpu', saturation: { target: 'api', cpu: { below: '80%' } } }),
      ],
      openModel: false,
      classify: () => ({ phase: 'baseline', activeFaults: [] }),
      saturation: (startMs) => [
        {
          target: 'api',
          member: 'api-1',
          cpuShare: startMs === 0 ? 0.1 : null,
          memoryBytes: 1,
          memoryShare: null,
        },
      ],
    });
    recorder.response(10, 1000, 200);
    recorder.finish(2000);
    const { verdict, breaches } = decideVerdict({
      hypothesis: { warmup: 0, baseline: 2000, 'during-faults': 'hold', after: 0 },
      windows: recorder.windows,
      intervals: [],
      faultsPlanned: false,
      faultBudgetShare: new Map(),
      aborted: false,
      error: false,
      baselineFailed: false,
    });
    expect(verdict).toBe('not-steady');
    expect(breaches).toHaveLength(1);
    expect(breaches[0]).toMatchObject({ objective: 'api-cpu', windowStartMs: 1000, value: null });
    expect(breaches[0]?.reason).toMatch(/: no CPU reading for api \(api-1\) in this window/);
  });
});
