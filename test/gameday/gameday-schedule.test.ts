import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gamedayCommand } from '../../src/cli/commands/gameday-command.ts';
import type { GamedayReport } from '../../src/gameday/gameday-report.ts';
import type { RunOne } from '../../src/gameday/run-gameday.ts';
import { parseHistory } from '../../src/history/history-entry.ts';
import { loadPlanFor } from '../../src/runner/load-plan.ts';
import { newJournal } from '../../src/runner/new-journal.ts';
import { readTextFile } from '../../src/runtime/node-runtime.ts';
import type { Runtime } from '../../src/runtime/runtime.ts';
import { FakeClock } from '../../src/timeline/fake-clock.ts';
import { planExperiment } from '../../src/timeline/plan.ts';
import { cli, tempDir } from '../helpers/captured-runtime.ts';

function experimentYaml(name: string, port: number): string {
  return `version: 1
name: ${name}
targets:
  app: { process: { command: node demo/shop.mjs, env: { PORT: "${port}" }, ready: "http://127.0.0.1:${port}/health" } }
load: { url: "http://127.0.0.1:${port}", rate: 10, duration: 4s }
slos: { window: 1s, objectives: [{ name: ok, success: { at-least: 99% } }] }
hypothesis: { baseline: 2s }
`;
}

function writeGameday(dir: string, extra = ''): string {
  writeFileSync(join(dir, 'a.yaml'), experimentYaml('alpha', 18081));
  writeFileSync(join(dir, 'b.yaml'), experimentYaml('beta', 18082));
  writeFileSync(join(dir, 'c.yaml'), experimentYaml('gamma', 18081));
  const file = join(dir, 'gameday.yaml');
  writeFileSync(
    file,
    `version: 1
gameday: monday
schedule: "* * * * *"
roles: { lead: ana, scribe: bo }
notes: every minute, for the test
experiments:
  - { file: a.yaml }
  - { file: b.yaml, notes: runs beside alpha }
  - { file: c.yaml }
${extra}`,
  );
  return file;
}

describe('faultline gameday --schedule under a fake clock', () => {
  it('an every-minute schedule runs twice, never overlaps, reports the missed minute, records both runs', async () => {
    const dir = tempDir();
    const file = writeGameday(dir);
    // 09:00:30 on a Monday: due at 09:01:00; the first run takes 80 s (two batches of 40 s), so 09:02:00 is missed.
    const clock = new FakeClock(Date.parse('2026-12-07T09:00:30.000Z'));
    let stderr = '';
    const runtime: Runtime = {
      cwd: dir,
      env: process.env,
      stdout: { write: () => undefined },
      stderr: { write: (t) => void (stderr += t) },
      signal: new AbortController().signal,
      clock,
      now: () => new Date(clock.now()),
      readText: readTextFile,
    };
    let running = 0;
    let mostAtOnce = 0;
    let gamedaysAtOnce = 0;
    let runsStarted = 0;
    const runOne = (): RunOne => async (experiment) => {
      running++;
      mostAtOnce = Math.max(mostAtOnce, running);
      runsStarted++;
      await clock.sleepUntil(clock.now() + (runsStarted <= 3 ? 40_000 : 5000));
      running--;
      const journal = {
        ...newJournal(
          `run-${runsStarted}`,
          experiment,
          planExperiment(experiment),
          loadPlanFor(experiment.load),
          [],
          new Date(clock.now()),
        ),
        verdict: 'pass' as const,
        exitCode: 0,
      };
      return { journal, path: join(dir, `run-${runsStarted}`, 'journal.json') };
    };
    let finished = false;
    const command = gamedayCommand(
      { file, schedule: true, json: false, quiet: false, out: 'records' },
      runtime,
      {
        clock,
        runOne: () => {
          gamedaysAtOnce++;
          expect(gamedaysAtOnce).toBe(1);
          const inner = runOne();
          return async (e) => {
            const r = await inner(e);
            return r;
          };
        },
        maxRuns: 2,
      },
    ).finally(() => (finished = true));
    for (let i = 0; i < 400 && !finished; i++) {
      await clock.advance(1000);
      if (running === 0) gamedaysAtOnce = 0;
    }
    expect(await command).toBe(0);
    expect(runsStarted).toBe(6);
    // alpha and beta share nothing: together; gamma uses alpha's process: after them.
    expect(mostAtOnce).toBe(2);
    expect(stderr).toContain('missed the run scheduled for 2026-12-07T09:02:00.000Z');
    // --out records: each run's folder goes there (relative to where the command was started).
    const folders = readdirSync(join(dir, 'records'));
    expect(folders).toHaveLength(2);
    const reports = folders.map(
      (f) => JSON.parse(readFileSync(join(dir, 'records', f, 'gameday.json'), 'utf8')) as GamedayReport,
    );
    const byTime = reports.sort((a, b) => a.startedAt.localeCompare(b.startedAt));
    expect(byTime.map((r) => r.scheduledFor)).toEqual([
      '2026-12-07T09:01:00.000Z',
      '2026-12-07T09:03:00.000Z',
    ]);
    expect(byTime[1]?.missed).toEqual(['2026-12-07T09:02:00.000Z']);
    expect(byTime[0]?.items.map((i) => [i.experiment, i.batch])).toEqual([
      ['alpha', 1],
      ['beta', 1],
      ['gamma', 2],
    ]);
    expect(byTime[0]?.roles).toEqual({ lead: 'ana', scribe: 'bo' });
    // The first run ended (09:02:20) before the second began (09:03:00): no overlap.
    expect(Date.parse(byTime[0]?.endedAt ?? '')).toBeLessThan(Date.parse(byTime[1]?.startedAt ?? ''));
    const history = parseHistory(readFileSync(join(dir, '.faultline', 'index.ndjson'), 'utf8'));
    expect(history.filter((e) => e.kind === 'gameday' && e.experiment === 'monday')).toHaveLength(2);
  });

  it('a bad game day is a located error, exit 2, and nothing runs', async () => {
    const dir = tempDir();
    const file = writeGameday(dir, '  - { file: missing.yaml }\n');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"* * * * *"', '"every monday"'));
    const result = await cli(['gameday', file], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/gameday\.yaml:3:11: expected a cron expression/);
    const again = writeGameday(dir, '  - { file: missing.yaml }\n');
    const second = await cli(['gameday', again], { cwd: dir });
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(/gameday\.yaml:10:13: experiment file not found: .*missing\.yaml/);
    expect(second.stderr).toContain('nothing was run or changed');
  });

  it('--out: a file in the way is a flag error, exit 2, before the schedule is waited on; the file is untouched', async () => {
    const dir = tempDir();
    const file = writeGameday(dir);
    const blocker = join(dir, 'blocker');
    writeFileSync(blocker, 'keep\n');
    const result = await cli(['gameday', file, '--schedule', '--out', blocker], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`--out: cannot keep the record in ${blocker}`);
    expect(result.stderr).toContain('nothing was run or changed');
    expect(readFileSync(blocker, 'utf8')).toBe('keep\n');
  });
});
