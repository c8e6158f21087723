import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** A run going on in a folder, as `faultline stop` finds it. */
export interface ActiveRun {
  readonly runId: string;
  readonly pid: number;
}

/** `.faultline/active` under `cwd`: one file per run going on, removed when it ends. */
export function activeRunDir(cwd: string): string {
  return resolve(cwd, '.faultline', 'active');
}

/** The stop file of a run: `faultline stop` creates it, the run sees it and deletes it. */
export function stopFilePath(cwd: string, runId: string): string {
  return resolve(cwd, '.faultline', 'stop', runId);
}

/** Registers a run as going on in `cwd`; returns the function that unregisters it. */
export function registerRun(cwd: string, runId: string): () => void {
  const dir = activeRunDir(cwd);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${runId}.json`);
  writeFileSync(file, `${JSON.stringify({ runId, pid: process.pid })}\n`);
  return () => {
    rmSync(file, { force: true });
    rmSync(stopFilePath(cwd, runId), { force: true });
  };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The runs going on in `cwd` (registrations whose process is gone are skipped). */
export function activeRuns(cwd: string): ActiveRun[] {
  const dir = activeRunDir(cwd);
  if (!existsSync(dir)) return [];
  const runs: ActiveRun[] = [];
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.json'))) {
    try {
      const run = JSON.parse(readFileSync(join(dir, name), 'utf8')) as ActiveRun;
      if (typeof run.runId === 'string' && typeof run.pid === 'number' && alive(run.pid)) runs.push(run);
    } catch {
      continue;
    }
  }
  return runs;
}

/**
 * Polls every `everyMs` for the run's stop file; when it appears, deletes it and calls `onStop`
 * once. Returns the function that stops polling.
 */
export function watchForStop(cwd: string, runId: string, onStop: () => void, everyMs = 200): () => void {
  const file = stopFilePath(cwd, runId);
  const timer = setInterval(() => {
    if (!existsSync(file)) return;
    rmSync(file, { force: true });
    clearInterval(timer);
    onStop();
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
