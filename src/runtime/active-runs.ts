import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { enginesSchema } from '../experiment/schema-engines.ts';
import { httpUrlSchema } from '../experiment/schema-values.ts';
import type { RunPlaces } from './run-places.ts';

/** A run going on in a folder, as `faultline stop` finds it. */
export interface ActiveRun {
  readonly runId: string;
  readonly pid: number;
  /** Where its faults can live (named engines, Toxiproxy servers), for `recover` after a crash. */
  readonly places?: RunPlaces;
}

/** `.faultline/active` under `cwd`: one file per run going on, removed when it ends. */
export function activeRunDir(cwd: string): string {
  return resolve(cwd, '.faultline', 'active');
}

/** The stop file of a run: `faultline stop` creates it, the run sees it and deletes it. */
export function stopFilePath(cwd: string, runId: string): string {
  return resolve(cwd, '.faultline', 'stop', runId);
}

/**
 * Registers a run as going on in `cwd` (written and fsynced before any fault: a `kill -9` leaves
 * it behind for `recover`, with the run's places); returns the function that unregisters it.
 */
export function registerRun(cwd: string, runId: string, places?: RunPlaces): () => void {
  const dir = activeRunDir(cwd);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${runId}.json`);
  const run: ActiveRun = { runId, pid: process.pid, ...(places ? { places } : {}) };
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, `${JSON.stringify(run)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return () => forgetRun(cwd, runId);
}

/** Removes a run's registration and stop file (when it ended, or `recover` finished its leftovers). */
export function forgetRun(cwd: string, runId: string): void {
  rmSync(join(activeRunDir(cwd), `${runId}.json`), { force: true });
  rmSync(stopFilePath(cwd, runId), { force: true });
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
  return registrations(cwd).filter((r) => alive(r.pid));
}

/** Registrations a run left when it did not end (its process is gone): `kill -9`, a crash. */
export function leftRuns(cwd: string): ActiveRun[] {
  return registrations(cwd).filter((r) => !alive(r.pid));
}

/** Every readable registration under `cwd`; a file that is not one is skipped. */
function registrations(cwd: string): ActiveRun[] {
  const dir = activeRunDir(cwd);
  if (!existsSync(dir)) return [];
  const runs: ActiveRun[] = [];
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.json'))) {
    try {
      const run = JSON.parse(readFileSync(join(dir, name), 'utf8')) as Partial<ActiveRun>;
      if (typeof run.runId === 'string' && typeof run.pid === 'number')
        runs.push({
          runId: run.runId,
          pid: run.pid,
          ...(validPlaces(run.places) ? { places: run.places } : {}),
        });
    } catch {
      continue;
    }
  }
  return runs;
}

/** A registration's places, checked at the edge (the file is on disk: anything may be in it). */
function validPlaces(value: unknown): value is RunPlaces {
  if (typeof value !== 'object' || value === null) return false;
  const p = value as Record<string, unknown>;
  const strings = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'string');
  return (
    typeof p.engines === 'object' &&
    p.engines !== null &&
    Object.values(p.engines).every((e) => enginesSchema.safeParse({ x: e }).success) &&
    strings(p.toxiproxy) &&
    (p.toxiproxy as unknown[]).every((u) => httpUrlSchema.safeParse(u).success) &&
    strings(p.withheld)
  );
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
