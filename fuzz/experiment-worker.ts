import { parentPort, workerData } from 'node:worker_threads';
import fc from 'fast-check';
import { runExperimentCase } from './experiment-case.ts';
import { experimentCase } from './experiment-mutations.ts';

/** Runs cases `from`…`to - 1` of `seed`, posting each outcome (and its kind) as it ends. */
const { seed, from, to } = workerData as { seed: number; from: number; to: number };
for (let i = from; i < to; i++) {
  const [c] = fc.sample(experimentCase, { seed: seed + i, numRuns: 1 });
  if (!c) continue;
  parentPort?.postMessage({ type: 'start', i, kind: c.kind });
  const outcome = runExperimentCase(c);
  parentPort?.postMessage({ type: 'end', i, kind: c.kind, outcome });
}
