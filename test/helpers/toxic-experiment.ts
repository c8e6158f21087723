import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './free-port.ts';

/**
 * Writes the busy-machine experiment: 100 req/s for 12 s straight through the embedded proxy to
 * a small HTTP server (bench/bench-server.mjs, a process target), a 50 ms downstream latency
 * toxic from 4 s to 8 s, and p99 < 200 ms with 99 % availability. On a healthy runner it passes.
 */
export async function writeToxicExperiment(dir: string, name = 'toxic-50ms'): Promise<string> {
  const [upstream, proxy] = [await freePort(), await freePort()];
  const repo = process.cwd();
  const text = `version: 1
name: ${name}
targets:
  upstream: { process: { command: node ${repo}/bench/bench-server.mjs, env: { PORT: "${upstream}" }, ready: "http://127.0.0.1:${upstream}/" } }
  link: { proxy: front }
toxiproxy:
  proxies:
    - { name: front, listen: "127.0.0.1:${proxy}", upstream: "127.0.0.1:${upstream}" }
load:
  url: http://127.0.0.1:${proxy}
  rate: 100
  duration: 12s
  timeout: 2s
slos:
  window: 1s
  objectives:
    - { name: availability, success: { at-least: 99% } }
    - { name: p99, latency: { percentile: 99, below: 200ms } }
hypothesis: { warmup: 1s, baseline: 3s, after: 3s }
faults:
  - { name: slow-link, target: link, type: latency, latency: 50ms, stream: downstream, at: 4s, for: 4s }
`;
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, text);
  return file;
}

/** Another process keeping one core busy (a spin loop) until `stop()`, which ends it by its PID. */
export function busyCore(): { stop: () => Promise<void> } {
  const child: ChildProcess = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
  return {
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}
