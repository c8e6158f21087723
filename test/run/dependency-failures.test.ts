import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pidsOfRun } from '../../src/faults/process/process-leftovers.ts';
import type { Journal } from '../../src/journal/journal.ts';
import { cli, tempDir } from '../helpers/captured-runtime.ts';
import { freePort } from '../helpers/free-port.ts';

describe('a dependency that fails mid-run', () => {
  it('a process target that exits on its own is noticed and journaled; the run keeps scoring, reverts, leaves nothing', async () => {
    const dir = tempDir();
    const [shop, inventory] = [await freePort(), await freePort()];
    const repo = process.cwd();
    const file = join(dir, 'quitter.yaml');
    writeFileSync(
      file,
      `version: 1
name: quitter
targets:
  inventory: { process: { command: node ${repo}/demo/inventory.mjs, env: { PORT: "${inventory}" }, ready: "tcp://127.0.0.1:${inventory}" } }
  shop: { process: { command: node ${repo}/demo/shop.mjs, env: { PORT: "${shop}", INVENTORY: "127.0.0.1:${inventory}" }, ready: "http://127.0.0.1:${shop}/health" } }
  quitter: { process: { command: "exec node -e \\"setTimeout(() => process.exit(3), 6000); setInterval(() => {}, 1000)\\"" } }
load: { url: "http://127.0.0.1:${shop}", requests: [{ path: /products }], rate: 20, duration: 14s, timeout: 1s }
slos: { window: 1s, objectives: [{ name: availability, success: { at-least: 1% } }] }
hypothesis: { warmup: 1s, baseline: 2s, after: 2s }
faults: [{ name: freeze, target: shop, type: pause, at: 5s, for: 4s }]
`,
    );
    const out = join(dir, 'journal');
    const result = await cli(['run', file, '--out', out, '--quiet']);
    const journal = JSON.parse(readFileSync(join(out, 'journal.json'), 'utf8')) as Journal;
    expect(journal.notes.map((n) => n.message).join('\n')).toMatch(
      /process target quitter exited with code 3 on its own/,
    );
    expect(journal.verdict).not.toBe('error');
    expect(journal.windows.length).toBeGreaterThanOrEqual(12);
    expect(journal.faults[0]?.outcome).toBe('reverted');
    expect([0, 1]).toContain(result.code);
    expect(pidsOfRun(journal.runId)).toEqual([]);
  });
});
