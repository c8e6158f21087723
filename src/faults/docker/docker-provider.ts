import { RunFailedError } from '../../errors/faultline-error.ts';
import { FAULTS_BY_TARGET } from '../../experiment/fault-compatibility.ts';
import type { EngineSpec, FaultSpec, TargetSpec } from '../../experiment/model.ts';
import { targetEngine } from '../../experiment/schema-targets.ts';
import type {
  FaultContext,
  FaultHandle,
  FaultProvider,
  ResolvedTarget,
  SweepAction,
} from '../fault-provider.ts';
import { once } from '../once.ts';
import { selectContainers } from './container-selection.ts';
import { messageOf } from './docker-evidence.ts';
import { assertStressorPlacement } from './docker-engine.ts';
import { sweepHelpers } from './docker-sweep.ts';
import { DEFAULT_ENGINE } from './engine-connection.ts';
import { EnginePool, type EngineConnector, type PooledEngine } from './engine-pool.ts';
import { injectMembers } from './member-faults.ts';
import { memberInjector } from './member-injector.ts';
import { refuseProtected } from './protected-label.ts';
import type { StressorOptions } from './stressor-container.ts';

/** Settings of the Docker provider; every one has a default. */
export interface DockerProviderOptions {
  /** Named engines (the experiment's `engines:`); a container target picks one with `engine:`. */
  readonly engines?: Readonly<Record<string, EngineSpec>>;
  /**
   * The engines this run uses: preflight checks each (in parallel, naming any that does not
   * answer) and `sweep` cleans each. Default: `default` and every named engine.
   */
  readonly useEngines?: readonly string[];
  /** Connects an engine by name (default: dockerode, see engine-connection.ts); tests pass a fake. */
  readonly connect?: EngineConnector;
  /** The stressor image (default: `faultline/stressor:<version>`, built on each engine when missing). */
  readonly stressorImage?: string;
  /** Bound on waiting for a reverted container to be healthy, ms (default 30 000). */
  readonly healthTimeoutMs?: number;
  /** Bound on a stressor putting its load in place, ms (default 30 000). */
  readonly stressorReadyTimeoutMs?: number;
}

/**
 * Container targets on Docker engines: state faults (kill, stop, pause, restart), resource faults
 * (cpu-stress, memory-stress, disk-fill by a stressor inside the target's cgroup; cpu-limit,
 * memory-limit by `update`) and network partitions (disconnect). Each target lives on one engine
 * (its `engine:`, else DOCKER_HOST / the local socket); selections, faults, stats, evidence, undo
 * records and stressor images all use that engine. A fault on a selection acts on every picked
 * container. Every helper and change carries the run id label; `sweep` undoes what a crashed run
 * left on every engine it uses. Engine failures are RunFailedErrors naming the engine.
 */
export function createDockerProvider(options: DockerProviderOptions = {}): FaultProvider {
  const pool = new EnginePool(options.engines ?? {}, options.connect, options.stressorImage);
  const used = () => options.useEngines ?? pool.names();
  const stressor = async (engine: PooledEngine, ctx: FaultContext): Promise<StressorOptions> => {
    assertStressorPlacement(await engine.facts());
    return {
      image: await engine.stressorImage(ctx.log),
      readyTimeoutMs: options.stressorReadyTimeoutMs ?? 30_000,
    };
  };
  const select = async (name: string, spec: TargetSpec): Promise<ResolvedTarget> => {
    if (!('container' in spec) && !('containers' in spec))
      throw new RunFailedError('E_TARGET_KIND', `target ${name} is not a container target`);
    const engine = pool.get(targetEngine(spec));
    await engine.facts();
    return refuseProtected(engine.port(), await selectContainers(engine.port(), name, spec));
  };
  return {
    id: 'docker',
    targetKind: 'container',
    faultTypes: FAULTS_BY_TARGET.container,
    async preflight(ctx: FaultContext): Promise<void> {
      const engines = used().map((name) => pool.get(name));
      const checked = await Promise.allSettled(engines.map((e) => e.facts()));
      const down = checked.find((c): c is PromiseRejectedResult => c.status === 'rejected');
      if (down) throw down.reason;
      for (const engine of engines) {
        const where = engine.name === DEFAULT_ENGINE ? 'docker' : `docker engine ${engine.name}`;
        const found = await engine.facts();
        if (found.cgroupDriver !== 'cgroupfs')
          ctx.log(
            `${where}: the ${found.cgroupDriver} cgroup driver cannot host stressors; cpu-stress, memory-stress and disk-fill will fail`,
          );
        else
          await engine
            .stressorImage(ctx.log)
            .catch((error: unknown) =>
              ctx.log(`${where}: ${messageOf(error)}; cpu-stress, memory-stress and disk-fill will fail`),
            );
      }
    },
    resolve: select,
    // Selecting reads the engine only (list, inspect), so plan shows the same pick a run makes.
    preview: select,
    async inject(fault: FaultSpec, target: ResolvedTarget, ctx: FaultContext): Promise<FaultHandle> {
      const spec = target.spec;
      const ready = 'container' in spec || 'containers' in spec ? spec.ready : undefined;
      const engine = pool.get(targetEngine(spec));
      const state = { ready, healthTimeoutMs: options.healthTimeoutMs ?? 30_000 };
      const settings = once(() => stressor(engine, ctx));
      return injectMembers(target, memberInjector(engine, fault, target, ctx, state, settings));
    },
    async sweep(runId?: string): Promise<SweepAction[]> {
      const report: SweepAction[] = [];
      for (const name of used()) {
        const engine = pool.get(name);
        await engine.facts();
        const actions = await sweepHelpers(engine.port(), runId);
        report.push(
          ...actions.map((a) => (name === DEFAULT_ENGINE ? a : { ...a, text: `engine ${name}: ${a.text}` })),
        );
      }
      return report;
    },
    close: () => pool.close(),
  };
}
