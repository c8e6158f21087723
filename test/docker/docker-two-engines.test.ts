import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { waitUntil } from '../../src/faults/docker/wait-until.ts';
import type { RunSummary } from '../../src/report/run-summary.ts';
import { cli, tempDir } from '../helpers/captured-runtime.ts';
import { startFaultline } from '../helpers/faultline-child.ts';
import { freePort } from '../helpers/free-port.ts';
import {
  helpersLeft,
  inspect,
  perFaultlineRun,
  perTestRun,
  secondEngine,
  skipDocker,
  startHostShop,
  writeShopExperiment,
} from './docker-fixture.ts';

// A second dockerd on this machine (.ci/second-dockerd.sh: its own socket, data root, exec root,
// pidfile, no bridge), started here and stopped by its PID after the tests.
describe.skipIf(skipDocker)('targets on two Docker engines', () => {
  const run = perTestRun();
  const faultline = perFaultlineRun();
  const edge = secondEngine('fl-d2');
  const startOnEdge = (name: string) => edge.start(run.id, name);
  const edgeState = async (id: string) => (await edge.docker.getContainer(id).inspect()).State;
  const edgeHelpers = (runId: string) => edge.helpers(runId);

  /** Both containers paused at 4 s: for 3 s in a 12 s run (`short`), or for 40 s in a 60 s one (`long`). */
  function experiment(
    port: number,
    length: 'short' | 'long',
    engines = `edge: { host: "${edge.socket}" }`,
  ): string {
    const pause = length === 'long' ? '40s' : '3s';
    return writeShopExperiment({
      name: 'two-engines',
      engines,
      targets: [
        `shop: { container: fl-${run.id}-shop }`,
        `far: { container: fl-${run.id}-far, engine: edge }`,
      ],
      port,
      duration: length === 'long' ? '60s' : '12s',
      atLeast: '99%',
      after: '3s',
      faults: [
        `{ name: freeze-shop, target: shop, type: pause, at: 4s, for: ${pause} }`,
        `{ name: freeze-far, target: far, type: pause, at: 4s, for: ${pause} }`,
      ],
    });
  }

  it('one run pauses a container on each engine, fails availability, and leaves both unpaused', async () => {
    const port = await freePort();
    const shop = await startHostShop(run.id, port);
    const far = await startOnEdge('far');
    const out = join(tempDir(), 'journal');
    const result = await cli(['run', experiment(port, 'short'), '--json', '--out', out]);
    const summary = JSON.parse(result.stdout) as RunSummary;
    expect(summary.verdict, result.stderr).toBe('fail');
    expect(result.code).toBe(1);
    expect(summary.faults.map((f) => [f.name, f.outcome])).toEqual([
      ['freeze-shop', 'reverted'],
      ['freeze-far', 'reverted'],
    ]);
    expect(summary.breaches.some((b) => b.phase === 'faults' && b.objective === 'availability')).toBe(true);
    expect((await inspect(shop.Id)).State).toMatchObject({ Running: true, Paused: false });
    expect(await edgeState(far)).toMatchObject({ Running: true, Paused: false });
    expect(await helpersLeft(summary.runId)).toEqual([]);
    expect(await edgeHelpers(summary.runId)).toEqual([]);
  });

  it('after kill -9 of the runner, recover unpauses the container on each engine', async () => {
    const port = await freePort();
    const shop = await startHostShop(run.id, port);
    const far = await startOnEdge('far');
    const child = startFaultline(['run', experiment(port, 'long'), '--out', join(tempDir(), 'journal')]);
    const both = await waitUntil(
      async () => ((await inspect(shop.Id)).State.Paused && (await edgeState(far)).Paused ? true : undefined),
      40_000,
      100,
    );
    expect(both, `never both paused; the run said:\n${child.stderr()}`).toBe(true);
    const id = faultline.watch(child.stderr()) ?? '';
    child.process.kill('SIGKILL');
    expect((await child.exited).signal).toBe('SIGKILL');
    expect(await edgeHelpers(id)).toHaveLength(1);

    // --all on the second engine alone (only these tests use it; the default engine is shared)
    const edgeOnly = await cli(['recover', '--all', '--no-docker', '--engine', `edge=${edge.socket}`]);
    expect(edgeOnly.stderr).toBe('');
    expect(edgeOnly.stdout).toMatch(
      /undone {2}docker: engine edge: container [0-9a-f]{12}: unpaused \(undo of freeze-far/,
    );
    expect(edgeOnly.code).toBe(0);
    expect(await edgeState(far)).toMatchObject({ Paused: false });
    expect((await inspect(shop.Id)).State.Paused).toBe(true);

    const recovered = await cli(['recover', '--run', id, '--engine', `edge=${edge.socket}`]);
    expect(recovered.code, recovered.stdout + recovered.stderr).toBe(0);
    expect((await inspect(shop.Id)).State).toMatchObject({ Running: true, Paused: false });
    expect(await helpersLeft(id)).toEqual([]);
    expect(await edgeHelpers(id)).toEqual([]);
  });

  it('plan lists the containers a run would pick on each engine', async () => {
    const port = await freePort();
    await startHostShop(run.id, port);
    await startOnEdge('far');
    const result = await cli(['plan', experiment(port, 'short')]);
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.split('\n');
    const at = (prefix: string) => lines.findIndex((l) => l.startsWith(prefix));
    expect(lines[at('  shop (container on engine default)') + 1]).toBe(`      picks now: fl-${run.id}-shop`);
    expect(lines[at('  far (container on engine edge)') + 1]).toBe(`      picks now: fl-${run.id}-far`);
  });

  it('an engine that does not answer stops the run at preflight, naming it, with nothing injected', async () => {
    const port = await freePort();
    const shop = await startHostShop(run.id, port);
    const gone = `unix://${edge.dir}/nothing.sock`;
    const result = await cli(['run', experiment(port, 'short', `edge: { host: "${gone}" }`)]);
    expect(result.code).toBe(5);
    expect(result.stderr).toContain(`the Docker engine edge does not answer at ${gone}`);
    expect((await inspect(shop.Id)).State.Paused).toBe(false);
  });
});
