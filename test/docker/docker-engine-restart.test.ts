import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { waitUntil } from '../../src/faults/docker/wait-until.ts';
import type { Journal } from '../../src/journal/journal.ts';
import { pidsOfRun } from '../../src/faults/process/process-leftovers.ts';
import { processState } from '../../src/faults/process/process-state.ts';
import { startProxyServer, type ProxyServer } from '../../src/proxy/proxy-server.ts';
import { writeAllKindsExperiment } from '../helpers/all-kinds-experiment.ts';
import { cli, tempDir } from '../helpers/captured-runtime.ts';
import { toxicsOfRun } from '../helpers/toxics-of-run.ts';
import { startFaultline } from '../helpers/faultline-child.ts';
import { freePort } from '../helpers/free-port.ts';
import { perFaultlineRun, perTestRun, secondEngine, skipDocker, startHostShop } from './docker-fixture.ts';

// The Docker engine that holds a paused target restarts (or stops) mid-run. Restarting the shared
// engine would disturb everything else on the machine, so the target lives on a second dockerd of
// this test's own (.ci/second-dockerd.sh), restarted and stopped by its PID; the load goes to a
// shop on the main engine, which the fault does not touch.
describe.skipIf(skipDocker)(
  'the Docker engine restarts while a paused container, a paused process and a latency toxic are in place',
  () => {
    const run = perTestRun();
    const faultline = perFaultlineRun();
    const edge = secondEngine('fl-restart');
    let proxy: ProxyServer | undefined;
    afterEach(async () => {
      await proxy?.close();
      proxy = undefined;
    });

    /** The target on the second engine; a 1 s stop timeout keeps the engine's shutdown short. */
    const startFar = () => edge.start(run.id, 'far', { stopTimeout: 1 });
    const farState = async (id: string) => (await edge.docker.getContainer(id).inspect()).State;
    const edgeHelpers = (runId: string) => edge.helpers(runId);

    /**
     * Starts a run holding three faults at once from 3 s: `far` (on the second engine) paused, a
     * process target paused and a latency toxic on a Toxiproxy server of the test's own. Resolves
     * once all three are in place.
     */
    async function threeFaultRun(faultFor: string, duration: string) {
      const port = await freePort();
      await startHostShop(run.id, port);
      const far = await startFar();
      proxy = await startProxyServer({ host: '127.0.0.1', port: await freePort() });
      const dir = tempDir();
      const file = await writeAllKindsExperiment(dir, {
        name: 'engine-restart',
        engines: `edge: { host: "${edge.socket}" }`,
        container: `{ container: fl-${run.id}-far, engine: edge }`,
        loadUrl: `http://127.0.0.1:${port}`,
        toxiproxyUrl: proxy.url,
        duration,
        faultFor,
      });
      const out = join(dir, 'journal');
      const child = startFaultline(['run', file, '--out', out]);
      await child.waitFor('inject slow-pipe', 30_000);
      const runId = faultline.watch(child.stderr()) ?? '';
      const url = proxy.url;
      const all = await waitUntil(
        async () => {
          const states = await Promise.all(pidsOfRun(runId).map((p) => processState(p)));
          const toxics = await toxicsOfRun(url, runId);
          return (await farState(far)).Paused && states.includes('T') && toxics.length > 0 ? true : undefined;
        },
        15_000,
        100,
      );
      expect(all, `not all three in place; the run said:\n${child.stderr()}`).toBe(true);
      const journal = () => JSON.parse(readFileSync(join(out, 'journal.json'), 'utf8')) as Journal;
      return { far, child, runId, journal, url };
    }
    const outcomes = (j: Journal) => j.faults.map((f) => `${f.name} ${f.outcome}`);

    it('restarted mid-pause: noticed when it happens, scoring goes on, the revert starts the stopped container, nothing left', async () => {
      const { far, child, runId, journal, url } = await threeFaultRun('16s', '24s');
      edge.restart();
      const exit = await child.exited;
      const j = journal();
      const notes = j.notes.map((n) => n.message).join('\n');
      // The engine stops a paused container on shutdown: the pause is gone, and the run says so.
      expect(notes).toMatch(
        /fault freeze-box is no longer in place: engine edge: container .* is no longer paused/,
      );
      // Its saturation is read on its own engine (before the restart), not looked for on the default one.
      expect(notes).not.toMatch(/saturation: cannot read box/);
      const early = j.windows.slice(0, 3).flatMap((w) => w.saturation);
      expect(early.some((s) => s.target === 'box' && s.memoryBytes !== null)).toBe(true);
      expect(j.windows.length).toBeGreaterThanOrEqual(22);
      expect(outcomes(j)).toEqual(['freeze-stock reverted', 'freeze-box reverted', 'slow-pipe reverted']);
      // The load goes to a shop none of the faults touch: the verdict is the system's, a pass.
      expect(j.verdict).toBe('pass');
      expect(exit.code).toBe(0);
      expect(await farState(far)).toMatchObject({ Running: true, Paused: false });
      expect(await edgeHelpers(runId)).toEqual([]);
      expect(pidsOfRun(runId)).toEqual([]);
      expect(await toxicsOfRun(url, runId)).toEqual([]);
    });

    it('still down at revert: retried, then exit 4 naming the recover command, which finds the engine on its own and finishes the job once it is back', async () => {
      const { far, child, runId, journal, url } = await threeFaultRun('4s', '10s');
      const pid = Number(readFileSync(join(edge.dir, 'docker.pid'), 'utf8'));
      process.kill(pid, 'SIGTERM');
      const exit = await child.exited;
      const j = journal();
      expect(exit.code, child.stderr()).toBe(4);
      expect(outcomes(j)).toEqual([
        'freeze-stock reverted',
        'freeze-box revert-failed',
        'slow-pipe reverted',
      ]);
      expect(pidsOfRun(runId)).toEqual([]);
      expect(await toxicsOfRun(url, runId)).toEqual([]);
      expect(j.faults[1]?.error).toMatch(
        new RegExp(`tried 3 times; undo it by hand with: faultline recover --run ${runId}`),
      );
      expect(child.stdout() + child.stderr()).toContain(`faultline recover --run ${runId}`);

      // The run kept its registration, naming engine edge: recover finds it without --engine.
      const registration = join(process.cwd(), '.faultline', 'active', `${runId}.json`);
      expect(readFileSync(registration, 'utf8')).toContain(edge.socket);
      edge.restart();
      const recovered = await cli(['recover', '--run', runId, '--no-docker']);
      expect(recovered.code, recovered.stdout + recovered.stderr).toBe(0);
      expect(recovered.stdout).toMatch(/undone {2}docker: engine edge: container [0-9a-f]{12}: started/);
      expect(await farState(far)).toMatchObject({ Running: true, Paused: false });
      expect(await edgeHelpers(runId)).toEqual([]);
      expect(existsSync(registration)).toBe(false);
      const again = await cli(['recover', '--run', runId, '--no-docker', '--engine', `edge=${edge.socket}`]);
      expect(again.code).toBe(0);
      expect(again.stdout).toMatch(/nothing/i);
    });
  },
);
