import { readdirSync, readFileSync } from 'node:fs';
import type { SweepAction } from '../fault-provider.ts';
import { readProcessRecords, removeProcessRecord, type ProcessRecord } from './process-record.ts';

/** Pids in /proc for which `keep` holds; a process that vanished or cannot be read is left out. */
function procPids(keep: (pid: number) => boolean): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  return entries
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((pid) => {
      try {
        return keep(pid);
      } catch {
        return false;
      }
    });
}

/** The state letter and fields after the command name in /proc/<pid>/stat. */
function statFields(pid: number): string[] {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** Pids of live processes started for `runId` (they carry FAULTLINE_RUN_ID in their environment). */
export function pidsOfRun(runId: string): number[] {
  const want = `FAULTLINE_RUN_ID=${runId}`;
  return procPids(
    (pid) =>
      readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0').includes(want) && statFields(pid)[0] !== 'Z',
  );
}

/** Live (not zombie) members of process group `pgid`, from /proc. */
export function groupMembers(pgid: number): number[] {
  return procPids((pid) => {
    const fields = statFields(pid);
    return fields[0] !== 'Z' && Number(fields[2]) === pgid;
  });
}

/** True when `pid` is a live faultline runner (not a reused pid of something else). */
export function runnerAlive(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return /faultline/.test(readFileSync(`/proc/${pid}/cmdline`, 'latin1'));
  } catch {
    return false;
  }
}

function send(pids: readonly number[], groups: readonly number[], signal: NodeJS.Signals): void {
  for (const g of groups) {
    try {
      process.kill(-g, signal);
    } catch {
      // the group is gone
    }
  }
  for (const p of pids) {
    try {
      process.kill(p, signal);
    } catch {
      // the process is gone
    }
  }
}

/**
 * Ends what is left of a run's processes: SIGCONT (a paused target cannot act on SIGTERM), then
 * SIGTERM, then SIGKILL after `graceMs`. Returns the pids still alive afterwards (none, normally).
 */
export async function endRunProcesses(record: ProcessRecord, graceMs = 3000): Promise<number[]> {
  const groups = record.processes.flatMap((p) => (p.pgid === null ? [] : [p.pgid]));
  const pids = pidsOfRun(record.runId);
  send(pids, groups, 'SIGCONT');
  send(pids, groups, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (pidsOfRun(record.runId).length > 0 && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 50));
  if (pidsOfRun(record.runId).length > 0) {
    send(pidsOfRun(record.runId), groups, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 200));
  }
  return pidsOfRun(record.runId);
}

/**
 * `faultline recover` for process targets: for each run recorded in `dir` (only `runId` when
 * given) whose runner is gone, resumes and ends every process it started, then removes its
 * record. Runs whose runner is still alive are left alone and said so.
 */
export async function sweepProcesses(dir: string, runId?: string): Promise<SweepAction[]> {
  const actions: SweepAction[] = [];
  for (const record of readProcessRecords(dir)) {
    if (runId !== undefined && record.runId !== runId) continue;
    if (runnerAlive(record.runnerPid)) {
      actions.push({
        ok: true,
        text: `run ${record.runId} is still going on (faultline pid ${record.runnerPid}); its processes were left to it (use faultline stop --run ${record.runId})`,
      });
      continue;
    }
    const before = pidsOfRun(record.runId);
    if (before.length === 0) {
      removeProcessRecord(dir, record.runId);
      continue;
    }
    const left = await endRunProcesses(record);
    const what = record.processes.map((p) => `${p.target} (${p.command})`).join(', ');
    if (left.length === 0) {
      actions.push({
        ok: true,
        text: `resumed and ended ${before.length} process(es) of run ${record.runId}: ${what}`,
      });
      removeProcessRecord(dir, record.runId);
    } else {
      actions.push({
        ok: false,
        text: `process(es) ${left.join(', ')} of run ${record.runId} survived SIGKILL; end them by hand: kill -9 ${left.join(' ')}`,
      });
    }
  }
  return actions;
}

/**
 * Leftovers of other runs that hold one of `ports`: records whose processes are still alive and
 * that answered on such a port. For a run to refuse to start, naming them.
 */
export function leftoversOnPorts(
  dir: string,
  ports: readonly number[],
  ownRunId: string,
): { runId: string; port: number; target: string; pids: number[]; running: boolean }[] {
  const found: { runId: string; port: number; target: string; pids: number[]; running: boolean }[] = [];
  for (const record of readProcessRecords(dir)) {
    if (record.runId === ownRunId) continue;
    for (const entry of record.processes) {
      const port = entry.ports.find((p) => ports.includes(p));
      if (port === undefined) continue;
      const pids = pidsOfRun(record.runId);
      if (pids.length > 0)
        found.push({
          runId: record.runId,
          port,
          target: entry.target,
          pids,
          running: runnerAlive(record.runnerPid),
        });
    }
  }
  return found;
}
