import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Dockerode from 'dockerode';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RUN_LABEL } from '../../src/faults/docker/docker-labels.ts';
import { waitUntil } from '../../src/faults/docker/wait-until.ts';
import type { Journal } from '../../src/journal/journal.ts';
import { cli, tempDir } from '../helpers/captured-runtime.ts';
import { startFaultline } from '../helpers/faultline-child.ts';
import { freePort } from '../helpers/free-port.ts';
import {
  ensureImages,
  perFaultlineRun,
  perTestRun,
  skipDocker,
  startHostShop,
  TEST_IMAGE,
} from './docker-fixture.ts';

// The Docker engine that holds a paused target restarts (or stops) mid-run. Restarting the shared
// engine would disturb everything else on the machine, so the target lives on a second dockerd of
// this test's own (.ci/second-dockerd.sh), restarted and stopped by its PID; the load goes to a
// shop on the main engine, which the fault does not touch.
describe.skipIf(skipDocker)('the Docker engine restarts while a container fault is in place', () => {
  const run = perTestRun();
  const faultline = perFaultlineRun();
  let dir = '';
  let socket = '';
  let edge: Dockerode;
  const script = (cmd: string) =>
    execFileSync('bash', ['.ci/second-dockerd.sh', cmd, dir, ...(cmd === 'start' ? [TEST_IMAGE] : [])], {
      encoding: 'utf8',
      timeout: 120_000,
    }).trim();

  beforeAll(async () => {
    await ensureImages();
    dir = mkdtempSync('/tmp/fl-restart-');
    socket = script('start');
    edge = new Dockerode({ socketPath: socket.slice('unix://'.length) });
  });
  afterEach(async () => {
    for (const c of await edge.listContainers({ all: true, filters: { label: ['faultline.test'] } }))
      await edge.getContainer(c.Id).remove({ force: true });
  });
  afterAll(() => {
    if (dir !== '') execFileSync('bash', ['.ci/second-dockerd.sh', 'stop', dir], { timeout: 60_000 });
  });

  /** The target on the second engine; a 1 s stop timeout keeps the engine's shutdown short. */
  async function startFar(): Promise<string> {
    const c = await edge.createContainer({
      name: `fl-${run.id}-far`,
      Image: TEST_IMAGE,
      StopTimeout: 1,
      Labels: { [RUN_LABEL]: run.id, 'faultline.test': '1' },
      HostConfig: { NetworkMode: 'none' },
    });
    await c.start();
    return c.id;
  }
  const farState = async (id: string) => (await edge.getContainer(id).inspect()).State;
  const edgeHelpers = async (runId: string) =>
    edge.listContainers({ all: true, filters: { label: [`${RUN_LABEL}=${runId}`, 'faultline.role'] } });

  function experiment(port: number, faultFor: string, duration: string): string {
    const file = join(tempDir(), 'engine-restart.yaml');
    writeFileSync(
      file,
      `version: 1
name: engine-restart
engines: { edge: { host: "${socket}" } }
targets: { far: { container: fl-${run.id}-far, engine: edge } }
load: { url: "http://127.0.0.1:${port}", rate: 20, duration: ${duration}, timeout: 1s }
slos: { window: 1s, objectives: [{ name: availability, success: { at-least: 99% } }] }
hypothesis: { warmup: 1s, baseline: 2s, after: 2s }
faults: [{ name: freeze-far, target: far, type: pause, at: 3s, for: ${faultFor} }]
`,
    );
    return file;
  }

  async function pausedRun(faultFor: string, duration: string) {
    const port = await freePort();
    await startHostShop(run.id, port);
    const far = await startFar();
    const out = join(tempDir(), 'journal');
    const child = startFaultline(['run', experiment(port, faultFor, duration), '--out', out]);
    const paused = await waitUntil(
      async () => ((await farState(far)).Paused ? true : undefined),
      30_000,
      100,
    );
    expect(paused, `never paused; the run said:\n${child.stderr()}`).toBe(true);
    const runId = faultline.watch(child.stderr()) ?? '';
    const journal = () => JSON.parse(readFileSync(join(out, 'journal.json'), 'utf8')) as Journal;
    return { far, child, runId, journal };
  }

  it('restarted mid-pause: noticed when it happens, scoring goes on, the revert starts the stopped container, nothing left', async () => {
    const { far, child, runId, journal } = await pausedRun('16s', '24s');
    script('restart');
    const exit = await child.exited;
    const j = journal();
    const notes = j.notes.map((n) => n.message).join('\n');
    // The engine stops a paused container on shutdown: the pause is gone, and the run says so.
    expect(notes).toMatch(
      /fault freeze-far is no longer in place: engine edge: container .* is no longer paused/,
    );
    // Its saturation is read on its own engine (before the restart), not looked for on the default one.
    expect(notes).not.toMatch(/saturation: cannot read far/);
    const early = j.windows.slice(0, 3).flatMap((w) => w.saturation);
    expect(early.some((s) => s.target === 'far' && s.memoryBytes !== null)).toBe(true);
    expect(j.windows.length).toBeGreaterThanOrEqual(22);
    expect(j.faults[0]?.outcome).toBe('reverted');
    expect(j.verdict).toBe('pass');
    expect(exit.code).toBe(0);
    expect(await farState(far)).toMatchObject({ Running: true, Paused: false });
    expect(await edgeHelpers(runId)).toEqual([]);
  });

  it('still down at revert: retried, then exit 4 naming the recover command, which finishes the job once it is back', async () => {
    const { far, child, runId, journal } = await pausedRun('4s', '10s');
    const pid = Number(readFileSync(join(dir, 'docker.pid'), 'utf8'));
    process.kill(pid, 'SIGTERM');
    const exit = await child.exited;
    const j = journal();
    expect(exit.code, child.stderr()).toBe(4);
    expect(j.faults[0]?.outcome).toBe('revert-failed');
    expect(j.faults[0]?.error).toMatch(
      new RegExp(`tried 3 times; undo it by hand with: faultline recover --run ${runId}`),
    );
    expect(child.stdout() + child.stderr()).toContain(`faultline recover --run ${runId}`);

    script('restart');
    const recovered = await cli(['recover', '--run', runId, '--no-docker', '--engine', `edge=${socket}`]);
    expect(recovered.code, recovered.stdout + recovered.stderr).toBe(0);
    expect(recovered.stdout).toMatch(/undone {2}docker: engine edge: container [0-9a-f]{12}: started/);
    expect(await farState(far)).toMatchObject({ Running: true, Paused: false });
    expect(await edgeHelpers(runId)).toEqual([]);
    const again = await cli(['recover', '--run', runId, '--no-docker', '--engine', `edge=${socket}`]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/nothing/i);
  });
});
