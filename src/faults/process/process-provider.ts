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
import { ManagedProcess } from './managed-process.ts';
import { processState } from './process-state.ts';

/**
 * Process targets: local commands the run starts, waits for, injects faults into and stops at
 * the end. Faults: kill (any signal; revert starts it again), stop/pause (SIGSTOP; revert
 * SIGCONT), restart (SIGTERM, then start again; nothing to revert).
 */
export function createProcessProvider(): FaultProvider {
  const processes = new Map<string, ManagedProcess>();
  return {
    id: 'process',
    targetKind: 'process',
    faultTypes: FAULTS_BY_TARGET.process,
    async resolve(name: string, spec: TargetSpec, ctx: FaultContext): Promise<ResolvedTarget> {
      if (!('process' in spec)) throw new Error(`target ${name} is not a process target`);
      const p = spec.process;
      const managed = new ManagedProcess(
        name,
        { command: p.command, cwd: p.cwd, env: p.env, ready: p.ready, readyTimeoutMs: p['ready-timeout'] },
        ctx.runId,
      );
      processes.set(name, managed);
      const tookMs = await managed.start();
      ctx.log(`started ${name} (pid ${managed.pid}) in ${tookMs} ms`);
      return {
        name,
        kind: 'process',
        spec,
        members: [{ id: String(managed.pid), label: `${p.command} (pid ${managed.pid})` }],
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
    async close() {
      await Promise.all([...processes.values()].map((p) => p.terminate()));
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
  return faultHandle(evidence, async () => {
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
  });
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
