import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './free-port.ts';

export interface TroubleExperimentOptions {
  readonly name: string;
  /** The service's script, e.g. `503@1600-2300,slow400@4000-4600` (ms from the start of load). */
  readonly trouble?: string;
  /** YAML lines under `faults:`; the target is `svc`. Default: none. */
  readonly faults?: string;
  /** YAML lines under `hypothesis:`. */
  readonly hypothesis: string;
  readonly duration: string;
}

/**
 * Writes a short experiment (100 req/s, 500 ms windows, availability ≥ 99% and p99 < 500 ms, loose enough
 * that a busy test machine does not miss it by itself)
 * against the scripted-trouble service as a process target on a free port; returns its path.
 */
export async function writeTroubleExperiment(dir: string, o: TroubleExperimentOptions): Promise<string> {
  const port = await freePort();
  const server = join(process.cwd(), 'test/helpers/trouble-server.mjs');
  const text = `version: 1
name: ${o.name}
targets:
  svc: { process: { command: node ${server}, env: { PORT: "${port}", TROUBLE: "${o.trouble ?? ''}" }, ready: "http://127.0.0.1:${port}/health" } }
load:
  url: http://127.0.0.1:${port}
  requests: [{ path: /api }]
  rate: 100
  duration: ${o.duration}
  timeout: 2s
slos:
  window: 500ms
  objectives:
    - { name: availability, success: { at-least: 99% } }
    - { name: p99, latency: { percentile: 99, below: 500ms } }
hypothesis:
${o.hypothesis}
faults:
${o.faults ?? '  []'}
`;
  const file = join(dir, `${o.name}.yaml`);
  writeFileSync(file, text);
  return file;
}
