import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

const require = createRequire(import.meta.url);

/**
 * Starts `file` (a module URL next to the caller) in a worker thread with `workerData`. A `.ts`
 * file (running from source) is loaded through tsx, which worker threads do not inherit; a
 * compiled `.js` file is loaded as is.
 */
export function startWorker(file: URL, workerData: unknown): Worker {
  if (!file.pathname.endsWith('.ts')) return new Worker(file, { workerData });
  // tsx's ESM API (dist/esm/api/index.mjs): its `register()` installs the loader in this thread.
  const tsx = pathToFileURL(join(dirname(require.resolve('tsx/package.json')), 'dist/esm/api/index.mjs'));
  const boot = `import(${JSON.stringify(tsx.href)}).then((m) => { m.register(); return import(${JSON.stringify(file.href)}); })`;
  return new Worker(boot, { eval: true, workerData });
}
