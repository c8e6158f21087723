import type { EngineSpec } from '../../experiment/model.ts';
import { checkEngine, type EngineFacts } from './docker-engine.ts';
import type { DockerPort } from './docker-port.ts';
import { connectEngine, DEFAULT_ENGINE } from './engine-connection.ts';
import { ensureStressorImage } from './stressor-image.ts';

/** One engine of a run: its client, facts and stressor image, each made once on first use. */
export interface PooledEngine {
  readonly name: string;
  readonly port: () => DockerPort;
  /** Pings the engine and reads its facts; a failure is not cached (the next call tries again). */
  readonly facts: () => Promise<EngineFacts>;
  /** The stressor image on this engine: its `stressor-image`, the provider's, or one built here. */
  readonly stressorImage: (log?: (line: string) => void) => Promise<string>;
}

/** How the pool connects an engine by name; `spec` undefined is the default engine. */
export type EngineConnector = (name: string, spec: EngineSpec | undefined) => DockerPort;

/**
 * The engines of a run by name: `default` (DOCKER_HOST / the local socket) and each entry of
 * `engines:`. Nothing connects until a verb is used, so a run without container targets never
 * touches an engine. Throws on an unknown name (the loader rejects those before a run).
 */
export class EnginePool {
  readonly #engines = new Map<string, PooledEngine>();
  readonly #specs: Readonly<Record<string, EngineSpec>>;
  readonly #connect: EngineConnector;
  readonly #image: string | undefined;
  readonly #made = new Set<DockerPort>();

  constructor(
    specs: Readonly<Record<string, EngineSpec>>,
    connect: EngineConnector = connectEngine,
    image?: string,
  ) {
    this.#specs = specs;
    this.#connect = connect;
    this.#image = image;
  }

  /** Every engine name the pool knows: `default` first, then `engines:` in file order. */
  names(): string[] {
    return [DEFAULT_ENGINE, ...Object.keys(this.#specs)];
  }

  /** The engine called `name` (undefined: the default one). */
  get(name: string | undefined): PooledEngine {
    const key = name ?? DEFAULT_ENGINE;
    const known = this.#engines.get(key);
    if (known) return known;
    if (key !== DEFAULT_ENGINE && !(key in this.#specs))
      throw new Error(`no engine named ${key}; engines: ${this.names().join(', ')}`);
    const spec = key === DEFAULT_ENGINE ? undefined : this.#specs[key];
    let port: DockerPort | undefined;
    let facts: Promise<EngineFacts> | undefined;
    let image: Promise<string> | undefined;
    const engine: PooledEngine = {
      name: key,
      port: () => {
        if (port === undefined) this.#made.add((port = this.#connect(key, spec)));
        return port;
      },
      facts: () =>
        (facts ??= checkEngine(engine.port(), key).catch(
          (error: unknown) => ((facts = undefined), Promise.reject(error)),
        )),
      stressorImage: (log) =>
        (image ??= (async () =>
          ensureStressorImage(engine.port(), {
            image: spec?.['stressor-image'] ?? this.#image,
            engine: (await engine.facts()).info,
            ...(log ? { log } : {}),
          }))().catch((error: unknown) => ((image = undefined), Promise.reject(error)))),
    };
    this.#engines.set(key, engine);
    return engine;
  }

  /** Closes every client made (SSH tunnels); idempotent. */
  async close(): Promise<void> {
    await Promise.all([...this.#made].map(async (port) => port.close?.()));
  }
}
