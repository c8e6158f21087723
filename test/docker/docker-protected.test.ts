import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { cli, tempDir } from '../helpers/captured-runtime.ts';
import { freePort } from '../helpers/free-port.ts';
import { inspect, perTestRun, skipDocker, startTarget } from './docker-fixture.ts';

describe.skipIf(skipDocker)('a container labelled faultline.protected=true', () => {
  const run = perTestRun();
  let file = '';
  let id = '';
  beforeEach(async () => {
    const info = await startTarget(run.id, {
      name: 'guarded',
      healthcheck: false,
      labels: { 'faultline.protected': 'true' },
    });
    id = info.Id;
    const dir = tempDir();
    file = join(dir, 'protected.yaml');
    writeFileSync(
      file,
      `version: 1
name: protected
targets: { db: { container: fl-${run.id}-guarded } }
load: { url: "http://127.0.0.1:${await freePort()}", rate: 10, duration: 20s, timeout: 1s }
slos: { window: 1s, objectives: [{ name: availability, success: { at-least: 1% } }] }
hypothesis: { warmup: 1s, baseline: 2s, after: 2s }
faults: [{ name: freeze, target: db, type: pause, at: 4s, for: 5s }]
`,
    );
  });

  it('run --dry-run resolves the target, says it is protected and exits 5, changing nothing', async () => {
    const result = await cli(['run', '--dry-run', file]);
    expect(result.stdout).toContain('dry run: targets resolved, nothing started or injected');
    expect(result.stdout).toContain('faultline.protected=true');
    expect(result.code).toBe(5);
    expect((await inspect(id)).State).toMatchObject({ Running: true, Paused: false });
  });

  it('a run refuses it before any load or fault, with the hint, and exits 5', async () => {
    const out = join(tempDir(), 'journal');
    const result = await cli(['run', file, '--out', out, '--quiet']);
    expect(result.code).toBe(5);
    expect(result.stdout).toMatch(/picked \/?fl-.*guarded.*, labelled faultline\.protected=true/);
    expect(result.stdout).toContain('hint: pick other containers');
    expect((await inspect(id)).State).toMatchObject({ Running: true, Paused: false });
  });
});
