import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Journal } from '../../src/journal/journal.ts';
import type { RunSummary } from '../../src/report/run-summary.ts';
import { cli, tempDir } from '../helpers/captured-runtime.ts';
import { freePort } from '../helpers/free-port.ts';

/**
 * Runs the demo shop under light load beside a second process target, `side`, whose CPU a
 * saturation objective bounds. No faults: every window after warm-up must hold (steady state).
 */
async function run(
  name: string,
  sideScript: string,
): Promise<{ code: number; summary: RunSummary; journal: Journal }> {
  const dir = tempDir();
  const [shop, inventory] = [await freePort(), await freePort()];
  const repo = process.cwd();
  const file = join(dir, `${name}.yaml`);
  writeFileSync(
    file,
    `version: 1
name: ${name}
targets:
  inventory: { process: { command: node ${repo}/demo/inventory.mjs, env: { PORT: "${inventory}" }, ready: "tcp://127.0.0.1:${inventory}" } }
  shop: { process: { command: node ${repo}/demo/shop.mjs, env: { PORT: "${shop}", INVENTORY: "127.0.0.1:${inventory}" }, ready: "http://127.0.0.1:${shop}/health" } }
  side: { process: { command: ${JSON.stringify(`node -e ${JSON.stringify(sideScript)}`)} } }
load: { url: "http://127.0.0.1:${shop}", requests: [{ path: /products }], rate: 50, duration: 7s, timeout: 1s }
slos:
  window: 1s
  objectives:
    - { name: availability, success: { at-least: 99% } }
    - { name: side-cpu, saturation: { target: side, cpu: { below: 5% }, memory: { below: 1GB } } }
hypothesis: { warmup: 1s, baseline: 4s, after: 2s }
faults: []
`,
  );
  const result = await cli(['run', file, '--json', '--out', join(dir, 'journal'), '--quiet']);
  expect(result.stderr).toBe('');
  const summary = JSON.parse(result.stdout) as RunSummary;
  return {
    code: result.code,
    summary,
    journal: JSON.parse(readFileSync(summary.journal, 'utf8')) as Journal,
  };
}

describe('a saturation objective in a run', () => {
  it('fails a run whose target burns CPU, naming the target and its reading', async () => {
    const { code, summary, journal } = await run(
      'side-busy',
      // Two spinning processes in the target's group, so it stands out even on a crowded host.
      "require('child_process').spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }); for (;;) {}",
    );
    expect(code).toBe(1);
    expect(summary.verdict).toBe('not-steady');
    expect(summary.breaches.length).toBeGreaterThan(0);
    expect(summary.breaches.every((b) => b.objective === 'side-cpu')).toBe(true);
    expect(summary.objectives.find((o) => o.name === 'side-cpu')?.met).toBe(false);
    for (const b of summary.breaches)
      expect(b.reason).toMatch(/: side \(node -e .*\) CPU \d+\.\d%, not below 5\.0%$/);
    const scored = journal.windows.filter((w) => w.phase !== 'warmup');
    for (const w of scored) {
      const side = w.saturation.find((s) => s.target === 'side');
      const result = w.objectives.find((o) => o.objective === 'side-cpu');
      console.log(
        `window ${w.startMs}: side cpu ${((side?.cpuShare ?? NaN) * 100).toFixed(1)}% → ${result?.detail ?? 'met'}`,
      );
      // The busy target is judged on its own reading, never on a missing one.
      expect(side?.cpuShare).not.toBeNull();
      if (!result?.met) expect(result?.detail).toMatch(/^side \(node -e .*\) CPU \d+\.\d%, not below 5\.0%$/);
    }
    expect(
      scored.filter((w) => !w.objectives.find((o) => o.objective === 'side-cpu')?.met).length,
    ).toBeGreaterThan(scored.length / 2);
  });

  it('passes when the target stays quiet, with every target member’s saturation in every window', async () => {
    const { code, summary, journal } = await run('side-quiet', 'setInterval(() => {}, 1000)');
    expect(summary.breaches).toEqual([]);
    expect(summary.verdict).toBe('pass');
    expect(summary.objectives.find((o) => o.name === 'side-cpu')).toMatchObject({ met: true });
    expect(code).toBe(0);
    for (const w of journal.windows) {
      expect(w.saturation.map((s) => s.target).sort()).toEqual(['inventory', 'shop', 'side']);
      const side = w.saturation.find((s) => s.target === 'side');
      expect(side?.cpuShare).toBeLessThan(0.05);
      expect(side?.memoryBytes).toBeGreaterThan(10 * 2 ** 20);
      expect(side?.memoryShare).toBeNull();
    }
  });
});
