import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './free-port.ts';

/** Where the three kinds of fault of an all-kinds experiment act. */
export interface AllKindsOptions {
  readonly name: string;
  /** The container target's spec, e.g. `{ container: fl-x-box }` or `{ container: far, engine: edge }`. */
  readonly container: string;
  /** `engines:` lines, when the container lives on a named engine. */
  readonly engines?: string;
  /** What the load drives (an HTTP server). */
  readonly loadUrl: string;
  /** The API of a Toxiproxy server the test runs. */
  readonly toxiproxyUrl: string;
  readonly duration: string;
  /** How long the three faults hold (they all start at 3 s). */
  readonly faultFor: string;
  /** More fault lines (a fault meant to fail, say). */
  readonly extraFaults?: string;
}

/**
 * Writes an experiment that, from 3 s on, holds three kinds of fault at once: a paused process
 * target (`stock`, the demo inventory), a paused container (`box`) and a latency toxic on a proxy
 * (`pipe`, to stock) declared on the test's Toxiproxy server. Availability (99 % per 1 s window)
 * is scored on `loadUrl`.
 */
export async function writeAllKindsExperiment(dir: string, o: AllKindsOptions): Promise<string> {
  const [stock, pipe] = [await freePort(), await freePort()];
  const file = join(dir, `${o.name}.yaml`);
  writeFileSync(
    file,
    `version: 1
name: ${o.name}
${o.engines ? `engines: { ${o.engines} }\n` : ''}targets:
  stock: { process: { command: node ${process.cwd()}/demo/inventory.mjs, env: { PORT: "${stock}" }, ready: "tcp://127.0.0.1:${stock}" } }
  box: ${o.container}
  link: { proxy: pipe }
toxiproxy:
  url: ${o.toxiproxyUrl}
  proxies: [{ name: pipe, listen: "127.0.0.1:${pipe}", upstream: "127.0.0.1:${stock}" }]
load: { url: "${o.loadUrl}", rate: 20, duration: ${o.duration}, timeout: 1s }
slos: { window: 1s, objectives: [{ name: availability, success: { at-least: 99% } }] }
hypothesis: { warmup: 1s, baseline: 2s, after: 2s }
faults:
  - { name: freeze-stock, target: stock, type: pause, at: 3s, for: ${o.faultFor} }
  - { name: freeze-box, target: box, type: pause, at: 3s, for: ${o.faultFor} }
  - { name: slow-pipe, target: link, type: latency, latency: 200ms, at: 3s, for: ${o.faultFor} }
${o.extraFaults ?? ''}`,
  );
  return file;
}
