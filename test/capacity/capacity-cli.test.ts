import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CapacityReport } from '../../src/capacity/capacity-report.ts';
import { cli, tempDir } from '../helpers/captured-runtime.ts';
import { writeKnownCapacityExperiment } from '../helpers/known-capacity-experiment.ts';

async function capacity(file: string, cwd: string, flags: string[]) {
  const result = await cli(['capacity', file, '--json', '--quiet', ...flags], { cwd });
  return { code: result.code, stderr: result.stderr, report: JSON.parse(result.stdout) as CapacityReport };
}

describe('faultline capacity against services of known capacity', () => {
  it('4 workers × 20 ms = 200 req/s, p99 < 100 ms: within 5 % of the truth in at most 8 levels', async () => {
    const dir = tempDir();
    const file = await writeKnownCapacityExperiment(dir, 'four-by-twenty', { workers: 4, serviceMs: 20 });
    const { code, report } = await capacity(file, dir, ['--from', '100', '--to', '1000', '--out', 'found']);
    console.log(
      `capacity ${report.maxSustainableRate} req/s (truth 200) in ${report.levelCount} levels: ${report.levels.map((l) => `${l.rate}:${l.outcome}`).join(' ')}`,
    );
    expect(code).toBe(0);
    expect(report.confirmed).toBe(true);
    expect(report.maxSustainableRate).toBeGreaterThanOrEqual(190);
    expect(report.maxSustainableRate).toBeLessThanOrEqual(210);
    expect(report.levelCount).toBeLessThanOrEqual(8);
    expect(report.brokenBy).toBe('p99');
    expect(report.recommendedRate).toBeLessThan(report.maxSustainableRate ?? 0);
    const kept = JSON.parse(readFileSync(`${dir}/found/capacity.json`, 'utf8')) as CapacityReport;
    expect(kept.maxSustainableRate).toBe(report.maxSustainableRate);
    expect(readFileSync(`${dir}/found/capacity.ndjson`, 'utf8')).toContain('"kind":"level"');
    const index = readFileSync(`${dir}/.faultline/index.ndjson`, 'utf8');
    expect(index).toContain(`"capacity":${report.maxSustainableRate}`);
  }, 180_000);

  it('two replicas of 100 req/s behind the balancer, one paused: about half the healthy figure', async () => {
    const dir = tempDir();
    const file = await writeKnownCapacityExperiment(dir, 'two-replicas', { workers: 2, serviceMs: 20 }, 2);
    const { code, report } = await capacity(file, dir, [
      '--from',
      '60',
      '--to',
      '1000',
      '--under',
      'pause-one',
    ]);
    const under = report.underFailure;
    console.log(
      `healthy ${report.maxSustainableRate} req/s, paused one ${under?.maxSustainableRate} req/s, ratio ${under?.ratioToHealthy}`,
    );
    expect(code).toBe(0);
    expect(report.maxSustainableRate).toBeGreaterThan(150);
    expect(under?.under).toBe('pause-one');
    expect(under?.ratioToHealthy).toBeGreaterThan(0.4);
    expect(under?.ratioToHealthy).toBeLessThan(0.6);
    expect(under?.levels.every((l) => l.outcome === 'invalid' || l.rate > 0)).toBe(true);
  }, 300_000);

  it('--break: a shop that refuses past a short queue fails by errors, breaks, and recovers', async () => {
    const dir = tempDir();
    const file = await writeKnownCapacityExperiment(dir, 'refusing', {
      workers: 4,
      serviceMs: 20,
      queueLimit: 8,
    });
    const { code, report } = await capacity(file, dir, ['--from', '100', '--to', '1000', '--break']);
    const b = report.breakingPoint;
    console.log(
      `break: max ${report.maxSustainableRate}, first failing ${report.firstFailingRate} by ${report.brokenBy}, broke at ${b?.breakingRate} (${b?.kneeMode} → ${b?.breakMode}), recovered ${b?.recovered}`,
    );
    expect(code).toBe(0);
    // Refusals are 503 answers: the knee and the top both fail by errors, not by slowness.
    expect(b?.kneeMode).toBe('errors');
    expect(b?.breakMode).toBe('errors');
    expect(b?.breakingRate).toBeGreaterThan(report.firstFailingRate ?? Infinity);
    expect(b?.recovered).toBe(true);
    expect(b?.levels.at(-1)).toMatchObject({ purpose: 'recovery', outcome: 'holds' });
  }, 240_000);

  it('a runner too busy to drive the load gives invalid levels, never a failure blamed on the system', async () => {
    const dir = tempDir();
    const file = await writeKnownCapacityExperiment(dir, 'busy-runner', { workers: 4, serviceMs: 20 });
    // Something else hogs the runner's own thread: 120 ms of every 150 ms.
    const hog = setInterval(() => {
      const until = performance.now() + 120;
      while (performance.now() < until);
    }, 150);
    try {
      const { code, report } = await capacity(file, dir, ['--from', '50', '--to', '1000']);
      console.log(
        `busy runner: ${report.levels.map((l) => `${l.rate}:${l.outcome} (${l.invalidReason})`).join(' ')}`,
      );
      expect(report.levels.length).toBeGreaterThan(0);
      expect(report.levels.every((l) => l.outcome === 'invalid')).toBe(true);
      expect(report.firstFailingRate).toBeNull();
      expect(report.brokenBy).toBeNull();
      expect(report.maxSustainableRate).toBeNull();
      expect(report.stop).toBe('runner');
      expect(code).toBe(5);
    } finally {
      clearInterval(hog);
    }
  }, 120_000);

  it('bad flags are flag errors, exit 2, before anything runs', async () => {
    const dir = tempDir();
    const file = await writeKnownCapacityExperiment(dir, 'flags', { workers: 4, serviceMs: 20 });
    const result = await cli(
      ['capacity', file, '--from', 'fast', '--precision', '200%', '--under', 'nothing'],
      { cwd: dir },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--from: expected a rate in requests per second above 0');
    expect(result.stderr).toContain('--precision: expected a percentage between 0.1% and 50%');
    expect(result.stderr).toContain('--under: expected the name of a fault of');
    expect(result.stderr).toContain('nothing was run or changed');
  });

  it('--out: a file in the way is a flag error, exit 2, before anything runs; the file is untouched', async () => {
    const dir = tempDir();
    const file = await writeKnownCapacityExperiment(dir, 'out-blocked', { workers: 4, serviceMs: 20 });
    const blocker = `${dir}/blocker`;
    writeFileSync(blocker, 'keep\n');
    const result = await cli(['capacity', file, '--out', blocker], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`--out: cannot keep the record in ${blocker}`);
    expect(result.stderr).toContain('nothing was run or changed');
    expect(readFileSync(blocker, 'utf8')).toBe('keep\n');
  });
});
