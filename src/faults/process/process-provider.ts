import type { FaultSpec, TargetSpec } from '../../experiment/model.ts';
import { FAULTS_BY_TARGET } from '../../experiment/fault-compatibility.ts';
import { RunFailedError } from '../../errors/faultline-error.ts';
import { faultHandle } from '../fault-handle.ts';
import type {
  Evidence,
  FaultContext,
  FaultHandle,
  FaultProvider,
  ResolvedTarget,
} from '../fault-provider.ts';
import { ManagedProcess, portsOf } from './managed-process.ts';
import { leftoversOnPorts, sweepProcesses } from './process-leftovers.ts';
import { processRecordDir, ProcessRecordFile } from './process-record.ts';
import { processState } from './process-state.ts';

/** Where the process provider keeps its durable record of what it started. */
export interface ProcessProviderOptions {
  /** Folder of process records (default `.faultline/processes` under the current folder). */
  readonly recordDir?: string;
}

/**
 * Process targets: local commands the run starts, waits for, injects faults into and stops at
 * the end. Faults: kill (any signal; revert starts it again), stop/pause (SIGSTOP; revert
 * SIGCONT), restart (SIGTERM, then start again; nothing to revert). Every process group started
 * is written to a durable record first (see ProcessRecordFile) so `faultline recover` can end it
 * after a kill -9 of the runner; a target whose ready port is held by an earlier run's leftover
 * is refused before anything starts.
 */
export function createProcessProvider(options: ProcessProviderOptions = {}): FaultProvider {
  const processes = new Map<string, ManagedProcess>();
  const dir = options.recordDir ?? processRecordDir();
  let record: ProcessRecordFile | undefined;
  return {
    id: 'process',
    targetKind: 'process',
    faultTypes: FAULTS_BY_TARGET.process,
    async resolve(name: string, spec: TargetSpec, ctx: FaultContext): Promise<ResolvedTarget> {
      if (!('process' in spec)) throw new Error(`target ${name} is not a process target`);
      const p = spec.process;
      refuseLeftovers(dir, name, portsOf(p.ready), ctx.runId);
      record ??= new ProcessRecordFile(dir, ctx.runId);
      const managed = new ManagedProcess(
        name,
        { command: p.command, cwd: p.cwd, env: p.env, ready: p.ready, readyTimeoutMs: p['ready-timeout'] },
        ctx.runId,
        record,
      );
      processes.set(name, managed);
      managed.onUnexpectedExit = (status) =>
        (ctx.note ?? ctx.log)(
          `process target ${name} ${status} on its own (nobody asked it to); the run goes on scoring and will not restart it`,
        );
      const tookMs = await managed.start();
      ctx.log(`started ${name} (pid ${managed.pid}) in ${tookMs} ms`);
      return {
        name,
        kind: 'process',
        spec,
        members: [{ id: String(managed.pid), label: `${p.command} (pid ${managed.pid})` }],
      };
    },
    // Reads only: checks no leftover holds the target's port; starts nothing.
    async preview(name: string, spec: TargetSpec, ctx: FaultContext): Promise<ResolvedTarget> {
      if (!('process' in spec)) throw new Error(`target ${name} is not a process target`);
      refuseLeftovers(dir, name, portsOf(spec.process.ready), ctx.runId);
      return {
        name,
        kind: 'process',
        spec,
        members: [{ id: '', label: `${spec.process.command} (started by the run)` }],
      };
    },
    async inject(fault: FaultSpec, target: ResolvedTarget, ctx: FaultContext): Promise<FaultHandle> {
      const managed = processes.get(target.name);
      if (!managed)
        throw new RunFailedError('E_TARGET_UNKNOWN', `process target ${target.name} was not started`);
      if (!managed.alive)
        throw new RunFailedError(
          'E_TARGET_DOWN',
          `process target ${target.name} is not running (${managed.exitStatus}); cannot inject ${fault.name}`,
        );
      switch (fault.type) {
        case 'kill':
          return kill(managed, fault.signal, ctx);
        case 'stop':
        case 'pause':
          return pause(managed, ctx);
        case 'restart':
          return restart(managed, fault.grace, ctx);
        default:
          throw new RunFailedError(
            'E_FAULT_UNSUPPORTED',
            `fault type ${fault.type} cannot act on process target ${target.name}`,
          );
      }
    },
    sweep: (runId?: string) => sweepProcesses(dir, runId),
    async close() {
      await Promise.all([...processes.values()].map((p) => p.terminate()));
      if ([...processes.values()].every((p) => !p.alive)) record?.remove();
    },
  };
}

async function observe(ctx: FaultContext, check: string, ok: boolean, detail: string): Promise<Evidence> {
  return { check, ok, detail, atMs: ctx.now() };
}

async function kill(
  managed: ManagedProcess,
  signal: NodeJS.Signals,
  ctx: FaultContext,
): Promise<FaultHandle> {
  const pid = managed.pid;
  managed.signal(signal);
  const exited = await managed.waitExit(2000);
  const evidence = [
    await observe(
      ctx,
      'process exited',
      exited,
      exited ? `pid ${pid} ${managed.exitStatus}` : `pid ${pid} still running 2 s after ${signal}`,
    ),
  ];
  return faultHandle(evidence, async () => {
    if (managed.alive)
      return {
        evidence: [
          await observe(
            ctx,
            'process running',
            true,
            `pid ${managed.pid} survived ${signal}; nothing to restart`,
          ),
        ],
      };
    const tookMs = await managed.start();
    return {
      evidence: [
        await observe(
          ctx,
          'process restarted',
          managed.alive,
          `new pid ${managed.pid}, ready after ${tookMs} ms`,
        ),
      ],
      healthyAfterMs: tookMs,
    };
  });
}

async function pause(managed: ManagedProcess, ctx: FaultContext): Promise<FaultHandle> {
  const pid = managed.pid ?? -1;
  managed.signal('SIGSTOP');
  const state = await settledState(pid, 'T');
  const evidence = [
    await observe(ctx, 'process state', state === 'T', `pid ${pid} state ${state ?? 'gone'} (T = stopped)`),
  ];
  return faultHandle(
    evidence,
    async () => {
      managed.signal('SIGCONT');
      const after = await settledState(pid, undefined);
      return {
        evidence: [
          await observe(
            ctx,
            'process state',
            after !== 'T',
            `pid ${pid} state ${after ?? 'gone'} after SIGCONT`,
          ),
        ],
      };
    },
    async () => {
      const now = await processState(pid);
      if (now === undefined) return `pid ${pid} is gone (${managed.exitStatus})`;
      return now === 'T' ? undefined : `pid ${pid} runs again (state ${now}; someone sent it SIGCONT)`;
    },
  );
}

async function restart(managed: ManagedProcess, graceMs: number, ctx: FaultContext): Promise<FaultHandle> {
  const before = managed.pid;
  await managed.terminate(graceMs);
  const tookMs = await managed.start();
  const evidence = [
    await observe(
      ctx,
      'process restarted',
      managed.alive && managed.pid !== before,
      `pid ${before} → ${managed.pid}, ready after ${tookMs} ms`,
    ),
  ];
  return faultHandle(evidence, async () => ({ evidence: [] }));
}

/** Reads the process state, waiting briefly for a signal to take effect. */
async function settledState(pid: number, want: string | undefined): Promise<string | undefined> {
  let state = await processState(pid);
  for (let i = 0; i < 20 && (want === undefined ? state === 'T' : state !== want); i++) {
    await new Promise((r) => setTimeout(r, 10));
    state = await processState(pid);
  }
  return state;
}

/** Throws (before anything starts) when an earlier run's leftover holds a port this target needs. */
function refuseLeftovers(dir: string, target: string, ports: readonly number[], runId: string): void {
  const found = leftoversOnPorts(dir, ports, runId);
  const first = found[0];
  if (!first) return;
  const who = found
    .map(
      (f) =>
        `port ${f.port} is held by ${f.target} of run ${f.runId} (pid ${f.pids.join(', ')}${f.running ? ', that run is still going on' : ', left behind by a run that did not end cleanly'})`,
    )
    .join('; ');
  throw new RunFailedError('E_LEFTOVER', `process target ${target} cannot start: ${who}`, {
    hint: first.running
      ? `wait for run ${first.runId} to end, or stop it with: faultline stop --run ${first.runId}`
      : `end the leftovers with: faultline recover --run ${first.runId}`,
  });
}
