import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunFailedError } from '../../src/errors/faultline-error.ts';
import { createDockerProvider } from '../../src/faults/docker/docker-provider.ts';
import { cli, tempDir } from '../helpers/captured-runtime.ts';
import {
  docker,
  ensureImages,
  newTestRunId,
  removeRun,
  skipDocker,
  startTarget,
  testContext,
} from './docker-fixture.ts';

describe.skipIf(skipDocker)('docker target selection: label, name, compose labels, seeded pick', () => {
  const provider = createDockerProvider();
  const runId = newTestRunId();
  const app = `${runId}-worker`;
  let ids: string[] = [];
  beforeAll(async () => {
    await ensureImages();
    ids = await Promise.all(
      [1, 2, 3, 4, 5].map(
        async (i) =>
          (
            await startTarget(runId, {
              name: `worker-${i}`,
              healthcheck: false,
              labels: {
                app,
                'com.docker.compose.project': runId,
                'com.docker.compose.service': i <= 2 ? 'web' : 'worker',
              },
            })
          ).Id,
      ),
    );
  });
  afterAll(() => removeRun(runId));
  const pick = async (spec: Record<string, unknown>) =>
    (
      await provider.resolve('workers', { containers: { label: `app=${app}` }, ...spec }, testContext(runId))
    ).members.map((m) => m.label);

  it('pick: 2 with seed 7 picks the same two of five every time; other seeds can pick others', async () => {
    const first = await pick({ pick: 2, seed: 7 });
    expect(first).toHaveLength(2);
    for (let i = 0; i < 3; i++) expect(await pick({ pick: 2, seed: 7 })).toEqual(first);
    const others = new Set<string>();
    for (let seed = 0; seed < 12; seed++) others.add((await pick({ pick: 2, seed })).join());
    expect(others.size).toBeGreaterThan(1);
    expect(await pick({ pick: 2 })).toEqual(await pick({ pick: 2, seed: 0 }));
  });

  it('faultline plan shows the containers a run would pick, and says why when nothing matches', async () => {
    const file = join(tempDir(), 'selection.yaml');
    writeFileSync(
      file,
      `version: 1
name: plan-selection
targets:
  workers: { containers: { label: app=${app} }, pick: 2, seed: 7 }
  ghosts: { containers: { label: app=${runId}-nobody } }
load: { url: "http://127.0.0.1:9", rate: 10, duration: 10s }
slos: { window: 1s, objectives: [{ name: availability, success: { at-least: 99% } }] }
hypothesis: { baseline: 2s, after: 2s }
faults: [{ name: freeze, target: workers, type: pause, at: 3s, for: 2s }]
`,
    );
    const json = await cli(['plan', file, '--json']);
    expect(json.code).toBe(0);
    const targets = (
      JSON.parse(json.stdout) as { targets: { name: string; members?: string[]; unresolved?: string }[] }
    ).targets;
    expect(targets.find((t) => t.name === 'workers')?.members).toEqual(await pick({ pick: 2, seed: 7 }));
    expect(targets.find((t) => t.name === 'ghosts')?.unresolved).toBe(
      `target ghosts: no running container matches label app=${runId}-nobody`,
    );
    const text = await cli(['plan', file]);
    expect(text.stdout).toContain(`picks now: ${(await pick({ pick: 2, seed: 7 })).join(', ')}`);
    expect(text.stdout).toContain(
      `not resolved: target ghosts: no running container matches label app=${runId}-nobody`,
    );
  });

  it('pick: 40% of five picks two; no pick takes all five, sorted by name', async () => {
    expect(await pick({ pick: '40%', seed: 3 })).toHaveLength(2);
    expect(await pick({})).toEqual([1, 2, 3, 4, 5].map((i) => `fl-${runId}-worker-${i}`));
  });

  it('matches by name regex and by compose service and project labels', async () => {
    const byName = await provider.resolve(
      'n',
      { containers: { name: `/^fl-${runId}-worker-[12]$/` } },
      testContext(runId),
    );
    expect(byName.members.map((m) => m.id).sort()).toEqual([ids[0], ids[1]].sort());
    const byService = await provider.resolve(
      's',
      { containers: { service: 'worker', project: runId } },
      testContext(runId),
    );
    expect(byService.members.map((m) => m.label)).toEqual([3, 4, 5].map((i) => `fl-${runId}-worker-${i}`));
  });

  it('counts only running containers', async () => {
    await docker.getContainer(ids[4] ?? '').stop({ t: 1 });
    try {
      expect(await pick({})).toHaveLength(4);
      expect(await pick({})).not.toContain(`fl-${runId}-worker-5`);
    } finally {
      await docker.getContainer(ids[4] ?? '').start();
    }
  });

  it('a selection that matches nothing is a clear error naming the selector', async () => {
    const attempt = provider.resolve(
      'ghosts',
      { containers: { label: `app=${runId}-nobody`, name: '/^x/' } },
      testContext(runId),
    );
    await expect(attempt).rejects.toThrow(RunFailedError);
    await expect(attempt).rejects.toThrow(
      `target ghosts: no running container matches label app=${runId}-nobody, name /^x/`,
    );
    await expect(attempt).rejects.toMatchObject({ code: 'E_TARGET_NO_MATCH' });
  });

  it('a missing or stopped single container is a clear error', async () => {
    await expect(
      provider.resolve('api', { container: `fl-${runId}-nope` }, testContext(runId)),
    ).rejects.toMatchObject({
      code: 'E_TARGET_NOT_FOUND',
      message: `target api: no container named fl-${runId}-nope`,
    });
    await docker.getContainer(ids[0] ?? '').stop({ t: 1 });
    try {
      await expect(
        provider.resolve('api', { container: `fl-${runId}-worker-1` }, testContext(runId)),
      ).rejects.toMatchObject({ code: 'E_TARGET_DOWN' });
    } finally {
      await docker.getContainer(ids[0] ?? '').start();
    }
  });
});
