import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pidsOfRun } from '../../src/faults/process/process-leftovers.ts';
import { processState } from '../../src/faults/process/process-state.ts';
import { waitUntil } from '../../src/faults/docker/wait-until.ts';
import type { Journal } from '../../src/journal/journal.ts';
import { startProxyServer, type ProxyServer } from '../../src/proxy/proxy-server.ts';
import { writeAllKindsExperiment } from '../helpers/all-kinds-experiment.ts';
import { toxicsOfRun } from '../helpers/toxics-of-run.ts';
import { cli, tempDir } from '../helpers/captured-runtime.ts';
import { startFaultline, type FaultlineChild } from '../helpers/faultline-child.ts';
import { freePort } from '../helpers/free-port.ts';
import {
  docker,
  helpersLeft,
  inspect,
  perFaultlineRun,
  perTestRun,
  skipDocker,
  startHostShop,
} from '../docker/docker-fixture.ts';

// Every way a run can end, each with the three kinds of fault in place at once: a paused process
// target, a paused container and a latency toxic on a Toxiproxy server. Afterwards nothing of the
// run is paused, no toxic of it is on the server, no process of it runs, and the exit code is the
// documented one. (The Docker engine restarting is in test/docker/docker-engine-restart.test.ts.)
describe.skipIf(skipDocker)('a run holding a paused process, a paused container and a latency toxic', () => {
  const run = perTestRun();
  const faultline = perFaultlineRun();
  let server: ProxyServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function start(
    name: string,
    extra: { duration?: string; faultFor?: string; extraFaults?: string } = {},
  ) {
    const port = await freePort();
    const box = await startHostShop(run.id, port);
    const apiPort = await freePort();
    server = await startProxyServer({ host: '127.0.0.1', port: apiPort });
    const dir = tempDir();
    const file = await writeAllKindsExperiment(dir, {
      name,
      container: `{ container: fl-${run.id}-shop }`,
      loadUrl: `http://127.0.0.1:${port}`,
      toxiproxyUrl: server.url,
      duration: extra.duration ?? '12s',
      faultFor: extra.faultFor ?? '6s',
      ...(extra.extraFaults ? { extraFaults: extra.extraFaults } : {}),
    });
    const out = join(dir, 'journal');
    const child = startFaultline(['run', file, '--out', out]);
    return { box: box.Id, apiPort, child, out, url: server.url };
  }

  /** Resolves once all three faults are in place (as seen from outside the run); returns the run id. */
  async function allActive(child: FaultlineChild, box: string, url: string): Promise<string> {
    await child.waitFor('inject slow-pipe', 30_000);
    const runId = faultline.watch(child.stderr()) ?? '';
    const active = await waitUntil(
      async () => {
        const paused = (await inspect(box)).State.Paused;
        const states = await Promise.all(pidsOfRun(runId).map((p) => processState(p)));
        const toxics = await toxicsOfRun(url, runId);
        return paused && states.includes('T') && toxics.length > 0 ? true : undefined;
      },
      15_000,
      100,
    );
    expect(active, `not all three faults in place; the run said:\n${child.stderr()}`).toBe(true);
    return runId;
  }

  async function nothingLeft(runId: string, box: string | undefined, url: string): Promise<void> {
    expect(pidsOfRun(runId), 'processes of the run still running').toEqual([]);
    if (box !== undefined) expect((await inspect(box)).State).toMatchObject({ Running: true, Paused: false });
    expect(await helpersLeft(runId)).toEqual([]);
    expect(await toxicsOfRun(url, runId)).toEqual([]);
  }

  const journalOf = (out: string) => JSON.parse(readFileSync(join(out, 'journal.json'), 'utf8')) as Journal;
  const outcomes = (j: Journal) => j.faults.map((f) => `${f.name} ${f.outcome}`);
  const THREE_REVERTED = ['freeze-stock reverted', 'freeze-box reverted', 'slow-pipe reverted'];

  it('normal end: all three reverted on time; the paused container fails availability (exit 1)', async () => {
    const { box, child, out, url } = await start('all-kinds-normal');
    const runId = await allActive(child, box, url);
    const exit = await child.exited;
    const j = journalOf(out);
    expect(outcomes(j)).toEqual(THREE_REVERTED);
    expect(j.verdict).toBe('fail');
    expect(exit.code).toBe(1);
    await nothingLeft(runId, box, url);
  });

  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
    it(`${signal}: all three reverted, aborted (exit 3)`, async () => {
      const { box, child, out, url } = await start(`all-kinds-${signal.toLowerCase()}`, {
        duration: '60s',
        faultFor: '40s',
      });
      const runId = await allActive(child, box, url);
      child.process.kill(signal);
      const exit = await child.exited;
      const j = journalOf(out);
      expect(outcomes(j)).toEqual(THREE_REVERTED);
      expect(j.verdict).toBe('aborted');
      expect(exit.code).toBe(3);
      await nothingLeft(runId, box, url);
    });

  it('an error thrown in a provider (a fourth fault cannot be injected): the three reverted (exit 5)', async () => {
    const { box, child, out, url } = await start('all-kinds-error', {
      extraFaults:
        '  - { name: cut-box, target: box, type: disconnect, network: no-such-net, at: 5s, for: 2s }\n',
    });
    const runId = await allActive(child, box, url);
    const exit = await child.exited;
    const j = journalOf(out);
    expect(outcomes(j)).toEqual([...THREE_REVERTED, 'cut-box inject-failed']);
    expect(j.faults[3]?.error).toMatch(/is not connected to network no-such-net/);
    expect(j.verdict).toBe('error');
    expect(exit.code).toBe(5);
    await nothingLeft(runId, box, url);
  });

  it('kill -9 of the runner, then recover --all (no flags: the run recorded its server): all three undone (exit 0); a second finds nothing', async () => {
    const { box, child, url } = await start('all-kinds-kill9', { duration: '60s', faultFor: '40s' });
    const runId = await allActive(child, box, url);
    child.process.kill('SIGKILL');
    expect((await child.exited).signal).toBe('SIGKILL');
    expect((await inspect(box)).State.Paused).toBe(true);
    expect(await toxicsOfRun(url, runId)).not.toEqual([]);

    // The run's registration names its Toxiproxy server: recover needs no flag to find it.
    const registration = join(process.cwd(), '.faultline', 'active', `${runId}.json`);
    expect(readFileSync(registration, 'utf8')).toContain(url);
    const first = await cli(['recover', '--all']);
    expect(first.stdout).toMatch(/undone {2}toxiproxy: /);
    expect(first.code, first.stdout + first.stderr).toBe(0);
    await nothingLeft(runId, box, url);
    expect(existsSync(registration), 'the registration is removed once all is undone').toBe(false);
    const second = await cli(['recover', '--all']);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/nothing/i);
  });

  it('the Toxiproxy server restarts: noticed when it happens; the rest reverted; nothing on the new server (exit 1)', async () => {
    const { box, apiPort, child, out, url } = await start('all-kinds-toxiproxy-restart');
    const runId = await allActive(child, box, url);
    await server?.close();
    server = await startProxyServer({ host: '127.0.0.1', port: apiPort });
    const exit = await child.exited;
    const j = journalOf(out);
    expect(outcomes(j)).toEqual(THREE_REVERTED);
    expect(j.notes.map((n) => n.message).join('\n')).toMatch(
      /fault slow-pipe is no longer in place: proxy pipe is gone/,
    );
    expect(exit.code).toBe(1);
    await nothingLeft(runId, box, url);
  });

  it('the target container is removed by someone else: noticed; the rest reverted; nothing left (exit 1)', async () => {
    const { box, child, out, url } = await start('all-kinds-removed');
    const runId = await allActive(child, box, url);
    await docker.getContainer(box).remove({ force: true });
    const exit = await child.exited;
    const j = journalOf(out);
    expect(outcomes(j)).toEqual(THREE_REVERTED);
    expect(j.notes.map((n) => n.message).join('\n')).toMatch(
      /fault freeze-box is no longer in place: .*was removed/,
    );
    expect(exit.code).toBe(1);
    await nothingLeft(runId, undefined, url);
  });
});
