import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCommand } from '../../src/cli/commands/run-command.ts';
import { createDockerProvider } from '../../src/faults/docker/docker-provider.ts';
import { FaultRegistry } from '../../src/faults/fault-registry.ts';
import type { Journal } from '../../src/journal/journal.ts';
import type { RunSummary } from '../../src/report/run-summary.ts';
import { readTextFile } from '../../src/runtime/node-runtime.ts';
import { systemClock } from '../../src/runtime/system-clock.ts';
import { tempDir } from '../helpers/captured-runtime.ts';
import { freePort } from '../helpers/free-port.ts';
import { helpersLeft, perTestRun, SHOP_IMAGE, skipDocker, startTarget } from './docker-fixture.ts';

/** Runs an experiment file in-process with the Docker provider registered; returns summary and journal. */
async function run(file: string): Promise<{ code: number; summary: RunSummary; journal: Journal }> {
  let out = '';
  let err = '';
  const code = await runCommand(
    {
      file,
      json: true,
      quiet: true,
      out: join(file, '..', 'journal'),
      registry: new FaultRegistry([createDockerProvider()]),
    },
    {
      cwd: process.cwd(),
      env: process.env,
      signal: new AbortController().signal,
      clock: systemClock,
      now: () => new Date(),
      readText: readTextFile,
      stdout: { write: (t) => void (out += t) },
      stderr: { write: (t) => void (err += t) },
    },
  );
  expect(err).toBe('');
  const summary = JSON.parse(out) as RunSummary;
  return { code, summary, journal: JSON.parse(readFileSync(summary.journal, 'utf8')) as Journal };
}

function experiment(name: string, targets: string, url: string, fault: string): string {
  const file = join(tempDir(), `${name}.yaml`);
  writeFileSync(
    file,
    `version: 1
name: ${name}
targets:
${targets}
load: { url: "${url}", requests: [{ path: /products }], rate: 100, duration: 16s, timeout: 1s }
slos: { window: 1s, objectives: [{ name: availability, success: { at-least: 99% } }] }
hypothesis: { warmup: 1s, baseline: 4s, after: 4s }
faults:
  - ${fault}
`,
  );
  return file;
}

describe.skipIf(skipDocker)('experiments against the demo shop in containers, under load', () => {
  const testRun = perTestRun();

  async function shop(name: string, env: Record<string, string>, cmd = '/app/shop.mjs'): Promise<void> {
    await startTarget(testRun.id, {
      name,
      image: SHOP_IMAGE,
      cmd: [cmd],
      network: 'host',
      env: { HOST: '127.0.0.1', ...env },
    });
  }

  it('killing the only shop container fails availability and reports time-to-recover after the restart', async () => {
    const [inventory, port] = [await freePort(), await freePort()];
    await shop(
      'inventory',
      { PORT: String(inventory), HEALTH: `tcp://127.0.0.1:${inventory}` },
      '/app/inventory.mjs',
    );
    await shop('shop', { PORT: String(port), INVENTORY: `127.0.0.1:${inventory}` });
    const file = experiment(
      'docker-kill-fails',
      `  shop: { container: fl-${testRun.id}-shop }`,
      `http://127.0.0.1:${port}`,
      '{ name: kill-shop, target: shop, type: kill, signal: SIGKILL, at: 6s, restart: after 3s }',
    );
    const { code, summary, journal } = await run(file);
    expect(summary.verdict).toBe('fail');
    expect(code).toBe(1);
    const fault = summary.faults[0];
    expect(fault).toMatchObject({ name: 'kill-shop', outcome: 'reverted' });
    expect(fault?.healthyAfterMs).toBeGreaterThan(0);
    expect(fault?.timeToRecoverMs).not.toBeNull();
    expect(summary.breaches.some((b) => b.phase === 'faults' && b.objective === 'availability')).toBe(true);
    expect(journal.faults[0]?.evidence[0]).toMatchObject({ check: 'inspect.State.Running', ok: true });
    expect(journal.faults[0]?.revertEvidence.map((e) => e.ok)).toEqual([true, true]);
    expect(await helpersLeft(summary.runId)).toEqual([]);
  });

  it('pausing one of two replicas behind the demo balancer passes', async () => {
    const [inventory, a, b, front] = [await freePort(), await freePort(), await freePort(), await freePort()];
    await shop(
      'inventory',
      { PORT: String(inventory), HEALTH: `tcp://127.0.0.1:${inventory}` },
      '/app/inventory.mjs',
    );
    await shop('shop-a', { PORT: String(a), NAME: 'shop-a', INVENTORY: `127.0.0.1:${inventory}` });
    await shop('shop-b', { PORT: String(b), NAME: 'shop-b', INVENTORY: `127.0.0.1:${inventory}` });
    await shop(
      'balancer',
      { PORT: String(front), UPSTREAMS: `127.0.0.1:${a},127.0.0.1:${b}`, TRY_TIMEOUT_MS: '150' },
      '/app/balancer.mjs',
    );
    const file = experiment(
      'docker-pause-passes',
      `  shop-b: { container: fl-${testRun.id}-shop-b }`,
      `http://127.0.0.1:${front}`,
      '{ name: freeze-b, target: shop-b, type: pause, at: 6s, for: 4s }',
    );
    const { code, summary, journal } = await run(file);
    expect(summary.verdict).toBe('pass');
    expect(code).toBe(0);
    expect(summary.faults[0]).toMatchObject({ name: 'freeze-b', outcome: 'reverted' });
    expect(journal.faults[0]?.evidence[0]).toMatchObject({ check: 'inspect.State.Paused', ok: true });
    expect(await helpersLeft(summary.runId)).toEqual([]);
  });
});
