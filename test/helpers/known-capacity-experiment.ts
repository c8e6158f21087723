import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './free-port.ts';

/** A demo shop in its known-capacity mode: `workers` × 1000 / `serviceMs` req/s exactly. */
export interface KnownShop {
  readonly workers: number;
  readonly serviceMs: number;
  /** Refuse (503) once more than this many requests wait. */
  readonly queueLimit?: number;
}

/**
 * Writes an experiment against one known-capacity shop (or, with `replicas`, several behind the
 * demo balancer, with a `pause-one` fault on the first) on free ports, and returns its path.
 * Levels warm up 1 s and hold 3 s; 99 % must succeed and p99 stay below 100 ms (one shop) or
 * 250 ms (replicas: a request sent to the paused one waits the balancer's 80 ms try timeout).
 */
export async function writeKnownCapacityExperiment(
  dir: string,
  name: string,
  shop: KnownShop,
  replicas = 1,
): Promise<string> {
  const repo = process.cwd();
  const ports = await Promise.all(Array.from({ length: replicas }, () => freePort()));
  const env = (port: number, i: number) =>
    `{ PORT: "${port}", WORKERS: "${shop.workers}", SERVICE_MS: "${shop.serviceMs}", EXACT: "1", NAME: "r${i}"${shop.queueLimit === undefined ? '' : `, QUEUE_LIMIT: "${shop.queueLimit}"`} }`;
  const targets = ports.map(
    (port, i) =>
      `  r${i}: { process: { command: node ${repo}/demo/shop.mjs, env: ${env(port, i)}, ready: "http://127.0.0.1:${port}/health" } }`,
  );
  let url = `http://127.0.0.1:${ports[0]}`;
  if (replicas > 1) {
    const lb = await freePort();
    const upstreams = ports.map((p) => `127.0.0.1:${p}`).join(',');
    targets.push(
      `  lb: { process: { command: node ${repo}/demo/balancer.mjs, env: { PORT: "${lb}", UPSTREAMS: "${upstreams}", TRY_TIMEOUT_MS: "80" }, ready: "http://127.0.0.1:${lb}/health" } }`,
    );
    url = `http://127.0.0.1:${lb}`;
  }
  const text = `version: 1
name: ${name}
targets:
${targets.join('\n')}
load:
  url: ${url}
  requests: [{ path: /products }]
  rate: 50
  duration: 10s
  timeout: 1s
slos:
  window: 1s
  objectives:
    - { name: p99, latency: { percentile: 99, below: ${replicas > 1 ? 250 : 100}ms } }
    - { name: availability, success: { at-least: 99% } }
hypothesis: { warmup: 1s, baseline: 3s, after: 2s }
capacity: { warmup: 1s, hold: 3s }
faults:
${replicas > 1 ? '  - { name: pause-one, type: pause, target: r0, at: 4s, for: 2s }' : '  []'}
`;
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, text);
  return file;
}
