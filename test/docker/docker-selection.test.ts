import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunFailedError } from '../../src/errors/faultline-error.ts';
import { createDockerProvider } from '../../src/faults/docker/docker-provider.ts';
import { docker, ensureImages, newTestRunId, removeRun, skipDocker, startTarget, testContext } from './docker-fixture.ts';

describe.skipIf(skipDocker)('docker target selection: label, name, compose labels, seeded pick', () => {
  const provider = createDockerProvider();
  const runId = newTestRunId();
  const app = `${runId}-worker`;
  let ids: string[] = [];
  beforeAll(async () => {
    await ensureImages();
    ids = await Promise.all([1, 2, 3, 4, 5].map(async (i) => (await startTarget(runId, {
      name: `worker-${i}`,
      healthcheck: false,
      labels: { app, 'com.docker.compose.project': runId, 'com.docker.compose.service': i <= 2 ? 'web' : 'worker' },
    })).Id));
  });
  afterAll(() => removeRun(runId));
  const pick = async (spec: Record<string, unknown>) => (await provider.resolve('workers', { containers: { label: `app=${app}` }, ...spec }, testContext(runId))).members.map((m) => m.label);

  it('pick: 2 with seed 7 picks the same two of five every time; other seeds can pick others', async () => {
    const first = await pick({ pick: 2, seed: 7 });
    expect(first).toHaveLength(2);
    for (let i = 0; i < 3; i++) expect(await pick({ pick: 2, seed: 7 })).toEqual(first);
    const others = new Set<string>();
    for (let seed = 0; seed < 12; seed++) others.add((await pick({ pick: 2, seed })).join());
    expect(others.size).toBeGreaterThan(1);
    expect(await pick({ pick: 2 })).toEqual(await pick({ pick: 2, seed: 0 }));
  });

  it('pick: 40% of five picks two; no pick takes all five, sorted by name', async () => {
    expect(await pick({ pick: '40%', seed: 3 })).toHaveLength(2);
    expect(await pick({})).toEqual([1, 2, 3, 4, 5].map((i) => `fl-${runId}-worker-${i}`));
  });

  it('matches by name regex and by compose service and project labels', async () => {
    const byName = await provider.resolve('n', { containers: { name: `/^fl-${runId}-worker-[12]$/` } }, testContext(runId));
    expect(byName.members.map((m) => m.id).sort()).toEqual([ids[0], ids[1]].sort());
    const byService = await provider.resolve('s', { containers: { service: 'worker', project: runId } }, testContext(runId));
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
    const attempt = provider.resolve('ghosts', { containers: { label: `app=${runId}-nobody`, name: '/^x/' } }, testContext(runId));
    await expect(attempt).rejects.toThrow(RunFailedError);
    await expect(attempt).rejects.toThrow(`target ghosts: no running container matches label app=${runId}-nobody, name /^x/`);
    await expect(attempt).rejects.toMatchObject({ code: 'E_TARGET_NO_MATCH' });
  });

  it('a missing or stopped single container is a clear error', async () => {
    await expect(provider.resolve('api', { container: `fl-${runId}-nope` }, testContext(runId))).rejects.toMatchObject({ code: 'E_TARGET_NOT_FOUND', message: `target api: no container named fl-${runId}-nope` });
    await docker.getContainer(ids[0] ?? '').stop({ t: 1 });
    try {
      await expect(provider.resolve('api', { container: `fl-${runId}-worker-1` }, testContext(runId))).rejects.toMatchObject({ code: 'E_TARGET_DOWN' });
    } finally {
      await docker.getContainer(ids[0] ?? '').start();
    }
  });
});
