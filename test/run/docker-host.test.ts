import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../src/report/run-summary.ts';
import { tempDir } from '../helpers/captured-runtime.ts';
import { startFaultline, stopFaultlines } from '../helpers/faultline-child.ts';
import { writeShopExperiment } from '../helpers/shop-experiment.ts';

// dockerode throws at construction on a DOCKER_HOST it cannot read. No engine is needed here.
const BAD_HOST = { DOCKER_HOST: 'tcp://engine:2375x' };

async function runChild(args: string[]): Promise<{ code: number | null; summary: RunSummary }> {
  const child = startFaultline(args, { env: BAD_HOST });
  let stdout = '';
  child.process.stdout?.on('data', (d: Buffer) => void (stdout += d.toString()));
  const { code } = await child.exited;
  return { code, summary: JSON.parse(stdout) as RunSummary };
}

describe('an unusable DOCKER_HOST', () => {
  afterEach(stopFaultlines);

  it('does not matter to an experiment without container targets', async () => {
    const dir = tempDir();
    const file = await writeShopExperiment(dir, {
      name: 'no-docker',
      objectives: '    - { name: availability, success: { at-least: 99% } }',
      duration: '3s',
      hypothesis: '  warmup: 0s\n  baseline: 2s\n  after: 1s',
    });
    const { code, summary } = await runChild(['run', file, '--json', '--quiet', '--out', join(dir, 'j')]);
    expect(summary.notes).toEqual([]);
    expect(summary.verdict).toBe('pass');
    expect(code).toBe(0);
  });

  it('ends a container experiment with a message that names DOCKER_HOST, exit 5, before any load', async () => {
    const dir = tempDir();
    const { code, summary } = await runChild([
      'run',
      'experiments/docker-pause.yaml',
      '--json',
      '--quiet',
      '--out',
      join(dir, 'j'),
    ]);
    expect(code).toBe(5);
    expect(summary.verdict).toBe('error');
    expect(summary.notes.join('\n')).toContain('DOCKER_HOST "tcp://engine:2375x": cannot make a client');
    const journal = JSON.parse(readFileSync(summary.journal, 'utf8')) as { windows: unknown[] };
    expect(journal.windows).toEqual([]);
  });
});
