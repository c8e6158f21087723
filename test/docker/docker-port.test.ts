import { describe, expect, it } from 'vitest';
import { engine, perTestRun, skipDocker, startTarget } from './docker-fixture.ts';

// The verbs of the Docker port that no fault uses yet, against the real engine.
describe.skipIf(skipDocker)('the Docker port over dockerode', () => {
  const run = perTestRun();

  it('streams stats readings until aborted, and runs a command with exec', async () => {
    const info = await startTarget(run.id, { name: 'port' });
    const abort = new AbortController();
    const reads: string[] = [];
    for await (const reading of engine.container(info.Id).statsStream(abort.signal)) {
      expect(reading.memory_stats.usage).toBeGreaterThan(0);
      reads.push(reading.read ?? '');
      if (reads.length === 2) abort.abort();
    }
    expect(reads).toHaveLength(2);
    expect(Date.parse(reads[1] ?? '') - Date.parse(reads[0] ?? '')).toBeGreaterThan(500);
    const ran = await engine.container(info.Id).exec(['/node', '-e', 'console.log(6 * 7)']);
    expect(ran).toEqual({ exitCode: 0, output: '42\n' });
    const failed = await engine.container(info.Id).exec(['/node', '-e', 'process.exit(3)']);
    expect(failed.exitCode).toBe(3);
  });
});
