/**
 * The stressor: a small Node program (no dependencies) that the stressor image runs as
 * `/node /stressor.mjs <mode> …`. It prints one `ready …` line once its load is in place, or
 * `error …` and exits 1; on SIGTERM/SIGINT it removes what it made and exits 0.
 *
 *   cpu <workers> <load>     workers threads, each busy `load` (0–1] of every 100 ms
 *   memory <bytes>           allocates and touches `bytes`, then holds them
 *   disk <bytes> <file>      writes `bytes` to a new file (never overwrites; stops at ENOSPC),
 *                            holds it, and deletes it on SIGTERM
 *   remove <file>            deletes a file left by `disk` (a stressor that was killed)
 *
 * Kept as text so it ships inside the build output; src/faults/docker/stressor-program.test.ts
 * runs it.
 */
export const STRESSOR_PROGRAM = String.raw`// faultline stressor (generated from src/faults/docker/stressor-program.ts)
import { open, unlink } from 'node:fs/promises';
import process from 'node:process';
import { Worker } from 'node:worker_threads';

const [mode, ...args] = process.argv.slice(2);
const say = (line) => process.stdout.write(line + '\n');
let cleanup = async () => {};
let stopping = false;
const held = []; // what memory mode allocates stays referenced here
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    stopping = true;
    cleanup().finally(() => process.exit(0));
  });
}
const hold = () => setInterval(() => {}, 60_000);

const CPU_WORKER = "const { workerData: load } = require('node:worker_threads');" +
  'const busy = 100 * load; const cell = new Int32Array(new SharedArrayBuffer(4));' +
  'for (;;) { const t = Date.now(); while (Date.now() - t < busy) {} if (busy < 100) Atomics.wait(cell, 0, 0, 100 - busy); }';

async function main() {
  if (mode === 'cpu') {
    const workers = Number(args[0] ?? 1);
    const load = Math.min(1, Math.max(0.01, Number(args[1] ?? 1)));
    // ready only once every thread runs its loop, so the load is in place when faultline looks
    const started = [];
    for (let i = 0; i < workers; i++) {
      const worker = new Worker(CPU_WORKER, { eval: true, workerData: load });
      started.push(new Promise((resolve, reject) => { worker.once('online', resolve); worker.once('error', reject); }));
    }
    await Promise.all(started);
    say('ready cpu workers=' + workers + ' load=' + load);
  } else if (mode === 'memory') {
    const bytes = Number(args[0]);
    let have = 0;
    while (have < bytes) {
      const n = Math.min(16 * 2 ** 20, bytes - have);
      held.push(Buffer.alloc(n, 0xa5));
      have += n;
    }
    say('ready memory bytes=' + have);
    hold();
  } else if (mode === 'disk') {
    const bytes = Number(args[0]);
    const file = args[1];
    const handle = await open(file, 'wx');
    cleanup = () => unlink(file).catch(() => {});
    const block = Buffer.alloc(2 ** 20, 0xa5);
    let written = 0;
    try {
      while (written < bytes && !stopping) {
        const n = Math.min(block.length, bytes - written);
        await handle.write(block, 0, n);
        written += n;
      }
      await handle.sync();
    } catch (error) {
      if (error.code !== 'ENOSPC') throw error;
    }
    say('ready disk bytes=' + written + ' file=' + file);
    hold();
  } else if (mode === 'remove') {
    await unlink(args[0]).catch((error) => {
      if (error.code !== 'ENOENT') throw error;
    });
    say('ready removed ' + args[0]);
  } else {
    throw new Error('unknown mode ' + mode + ' (expected cpu, memory, disk or remove)');
  }
}

main().catch((error) => {
  say('error ' + (error.code ? error.code + ': ' : '') + error.message);
  cleanup().finally(() => process.exit(1));
});
`;
