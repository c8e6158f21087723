import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadExperiment } from '../../src/experiment/load-experiment.ts';
import { planExperiment } from '../../src/timeline/plan.ts';

const examples = readdirSync('experiments').filter((f) => /^docker-.*\.yaml$/.test(f));
const readText = (path: string): string | undefined => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
};

describe('the Docker example experiments', () => {
  it('include kill, pause, cpu-stress and a partition', () => {
    expect(examples.sort()).toEqual(
      expect.arrayContaining([
        'docker-cpu-stress.yaml',
        'docker-kill.yaml',
        'docker-partition.yaml',
        'docker-pause.yaml',
      ]),
    );
  });

  it.each(examples)('%s is valid against the schema and plans a timeline', (file) => {
    const experiment = loadExperiment(join('experiments', file), { readText, env: {} });
    expect(Object.values(experiment.targets).every((t) => 'container' in t || 'containers' in t)).toBe(true);
    const plan = planExperiment(experiment);
    expect(plan.faults.length).toBeGreaterThan(0);
    expect(plan.steps.filter((s) => s.kind === 'revert')).toHaveLength(plan.faults.length);
  });
});
