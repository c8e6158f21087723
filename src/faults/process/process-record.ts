import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { join, resolve } from 'node:path';

/** One process group a run started (or was about to start) for a process target. */
export interface RecordedProcess {
  readonly target: string;
  readonly command: string;
  /** The process group id (= the pid of the shell the run spawned); null while it is being spawned. */
  pgid: number | null;
  /** TCP ports the target answers on (from its `ready` URL), to spot leftovers holding them. */
  readonly ports: readonly number[];
}

/** What a run wrote about its process targets: enough to find and end them after a kill -9. */
export interface ProcessRecord {
  readonly runId: string;
  /** The pid of the faultline process that ran the run: alive means the run is going on. */
  readonly runnerPid: number;
  readonly processes: RecordedProcess[];
}

/** The folder process records live in: `.faultline/processes` under `cwd` (the run's folder). */
export function processRecordDir(cwd: string = process.cwd()): string {
  return resolve(cwd, '.faultline', 'processes');
}

/**
 * A run's durable record of the process groups it started, one JSON file per run under
 * `.faultline/processes/`. Every change is written to a temp file, fsynced and renamed over the
 * record, and the entry for a target is written *before* it is spawned (with `pgid: null`) and
 * again right after (with its pgid), so a `kill -9` at any moment leaves a record that
 * `faultline recover` can act on. Removed when the run has ended its processes.
 */
export class ProcessRecordFile {
  readonly path: string;
  readonly #record: ProcessRecord;

  constructor(
    readonly dir: string,
    runId: string,
  ) {
    this.path = join(dir, `${runId}.json`);
    this.#record = { runId, runnerPid: process.pid, processes: [] };
  }

  /** Records that `target` is about to be spawned; returns the entry to fill in with `started`. */
  starting(target: string, command: string, ports: readonly number[]): RecordedProcess {
    const entry: RecordedProcess = { target, command, pgid: null, ports };
    this.#record.processes.push(entry);
    this.#flush();
    return entry;
  }

  /** Records the process group of an entry once spawned. */
  started(entry: RecordedProcess, pgid: number | undefined): void {
    entry.pgid = pgid ?? null;
    this.#flush();
  }

  /** Removes the record: every process it names has been ended. */
  remove(): void {
    rmSync(this.path, { force: true });
  }

  #flush(): void {
    mkdirSync(this.dir, { recursive: true });
    const temp = `${this.path}.tmp`;
    const fd = openSync(temp, 'w');
    try {
      writeSync(fd, `${JSON.stringify(this.#record, null, 2)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, this.path);
    syncDir(this.dir);
  }
}

function syncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some file systems cannot fsync a folder; the renamed file itself was fsynced.
  }
}

/** Every process record in `dir` (unreadable or half-written files are skipped). */
export function readProcessRecords(dir: string): ProcessRecord[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json'));
  } catch {
    return [];
  }
  const records: ProcessRecord[] = [];
  for (const name of names) {
    try {
      const parsed = JSON.parse(readFileSync(join(dir, name), 'utf8')) as ProcessRecord;
      if (typeof parsed.runId === 'string' && Array.isArray(parsed.processes)) records.push(parsed);
    } catch {
      continue;
    }
  }
  return records;
}

/** Removes the record file of `runId` from `dir`. */
export function removeProcessRecord(dir: string, runId: string): void {
  rmSync(join(dir, `${runId}.json`), { force: true });
}
