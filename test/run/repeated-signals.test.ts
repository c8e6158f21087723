import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pidsOfRun } from '../../src/faults/process/process-leftovers.ts';
import { cli, tempDir } from '../helpers/captured-runtime.ts';
import { startFaultline, stopFaultlines } from '../helpers/faultline-child.ts';
import { freePort } from '../helpers/free-port.ts';

/** The shop, plus a target that ignores SIGTERM, so stopping it takes the whole grace period. */
async function stubbornExperiment(dir: string): Promise<string> {
  const [shop, inventory] = [await freePort(), await freePort()];
  const repo = process.cwd();
  const file = join(dir, 'stubborn.yaml');
  writeFileSync(
    file,
    `version: 1
name: stubborn
targets:
  inventory: { process: { command: node ${repo}/demo/inventory.mjs, env: { PORT: "${inventory}" }, ready: "tcp://127.0.0.1:${inventory}" } }
  shop: { process: { command: node ${repo}/demo/shop.mjs, env: { PORT: "${shop}", INVENTORY: "127.0.0.1:${inventory}" }, ready: "http://127.0.0.1:${shop}/health" } }
  stubborn: { process: { command: "exec node -e \\"process.on('SIGTERM', () => console.log('ignored')); setInterval(() => {}, 1000)\\"" } }
load: { url: "http://127.0.0.1:${shop}", requests: [{ path: /products }], rate: 20, duration: 60s, timeout: 1s }
slos: { window: 1s, objectives: [{ name: availability, success: { at-least: 1% } }] }
hypothesis: { warmup: 1s, baseline: 2s, after: 2s }
faults: [{ name: freeze, target: shop, type: pause, at: 5s, for: 40s }]
`,
  );
  return file;
}

describe('Ctrl-C pressed again while faults are being reverted', () => {
  afterEach(stopFaultlines);

  it('the second says what is still being reverted and skips the grace period; nothing is left', async () => {
    const dir = tempDir();
    const child = startFaultline(['run', await stubbornExperiment(dir), '--out', join(dir, 'j')]);
    await child.waitFor('inject freeze', 30_000);
    const runId = /run (\S+):/.exec(child.stderr())?.[1] ?? '';
    child.process.kill('SIGINT');
    await new Promise((r) => setTimeout(r, 1500));
    child.process.kill('SIGINT');
    const exit = await child.exited;
    expect(child.stderr()).toMatch(/SIGINT: still reverting stopping process target stubborn \(pid \d+\)/);
    expect(exit.code).toBe(3);
    expect(pidsOfRun(runId)).toEqual([]);
  });

  it('the third exits at once with code 4, naming what is left and the recover command, which undoes it', async () => {
    const dir = tempDir();
    const child = startFaultline(['run', await stubbornExperiment(dir), '--out', join(dir, 'j')]);
    await child.waitFor('inject freeze', 30_000);
    const runId = /run (\S+):/.exec(child.stderr())?.[1] ?? '';
    child.process.kill('SIGINT');
    await new Promise((r) => setTimeout(r, 1500));
    // Two different signals back to back arrive together, before the fast path is done.
    child.process.kill('SIGTERM');
    child.process.kill('SIGHUP');
    const exit = await child.exited;
    expect(exit.code).toBe(4);
    expect(child.stderr()).toMatch(
      /SIG(TERM|HUP): exiting now\. Left in place: stopping process target stubborn/,
    );
    expect(child.stderr()).toContain(`undo it with: faultline recover --run ${runId}`);
    const result = await cli(['recover', '--run', runId, '--no-docker']);
    expect(result.code).toBe(0);
    // The second signal's SIGKILL may have landed before the exit: then nothing is left to end.
    expect(result.stdout).toMatch(/resumed and ended|was left to undo/);
    expect(pidsOfRun(runId)).toEqual([]);
  });
});
