import {
  EngineError,
  type ContainerPort,
  type ContainerSummary,
  type CreateSpec,
  type DockerPort,
  type EngineInfo,
  type ImageDetails,
  type NetworkPort,
  type StatsReading,
} from './docker-port.ts';
import {
  deliver,
  detailsOf,
  nextStartedAt,
  pauseFake,
  startFake,
  stateOf,
  stopFake,
  unpauseFake,
  type FakeContainer,
} from './in-memory-container.ts';
import { simulateStressor } from './in-memory-stressor.ts';

/** What a test gives to add a running container. */
export interface FakeContainerSeed {
  readonly name: string;
  readonly image?: string;
  readonly labels?: Record<string, string>;
  readonly host?: Record<string, number>;
  readonly networks?: readonly string[];
  readonly files?: Record<string, { size: number; isDirectory: boolean }>;
  readonly cpuPercent?: number;
  readonly memoryBytes?: number;
}

const HOST_MEMORY = 8 * 2 ** 30;

/**
 * A Docker engine in memory, for unit tests of the Docker faults: containers with run state,
 * resources, networks and files; helper containers (undo records, stressors — a started stressor
 * acts on its target's CPU, memory and files as the real stressor program would); images; stats
 * computed from the state. `calls` lists every changing verb (`pause shop-1`); `refuse(verb)` makes
 * the next such verb fail; `down` makes every verb fail as an engine that does not answer.
 */
export class InMemoryEngine implements DockerPort {
  readonly endpoint: string;
  readonly containers = new Map<string, FakeContainer>();
  readonly images = new Map<string, ImageDetails>();
  readonly networks = new Map<string, { Id: string; Name: string }>();
  readonly calls: string[] = [];
  info_: EngineInfo = {
    CgroupDriver: 'cgroupfs',
    CgroupVersion: '1',
    Architecture: 'x86_64',
    OSType: 'linux',
  };
  down = false;
  readonly #refusals = new Map<string, Error>();
  readonly #after = new Map<string, () => void>();
  #next = 1;

  constructor(endpoint = 'memory://engine') {
    this.endpoint = endpoint;
    this.addNetwork('bridge');
  }

  /** Adds a network; returns its id. */
  addNetwork(name: string): string {
    const id = `net${String(this.#next++).padStart(61, '0')}${name.length}`.slice(0, 64);
    this.networks.set(id, { Id: id, Name: name });
    return id;
  }

  /** Adds a running container; returns its state (live: tests may read or change it). */
  add(seed: FakeContainerSeed): FakeContainer {
    const id = `${String(this.#next++).padStart(4, '0')}${seed.name.replace(/\W/g, '')}`
      .padEnd(64, 'f')
      .slice(0, 64);
    const networks: FakeContainer['networks'] = {};
    for (const [i, name] of (seed.networks ?? ['bridge']).entries()) {
      const net = [...this.networks.values()].find((n) => n.Name === name) ?? {
        Id: this.addNetwork(name),
        Name: name,
      };
      networks[name] = {
        NetworkID: net.Id,
        IPAddress: `172.18.0.${i + 2}`,
        Aliases: [seed.name],
        Links: null,
        IPAMConfig: null,
      };
    }
    const c: FakeContainer = {
      id,
      name: seed.name,
      image: seed.image ?? 'app:latest',
      labels: { ...seed.labels },
      cmd: [],
      hostConfig: {},
      running: true,
      paused: false,
      created: false,
      exitCode: 0,
      oomKilled: false,
      startedAt: nextStartedAt(),
      host: { Memory: 0, MemorySwap: 0, NanoCpus: 0, CpuQuota: 0, CpuPeriod: 0, ...seed.host },
      networks,
      files: new Map(Object.entries(seed.files ?? {})),
      cpuPercent: seed.cpuPercent ?? 2,
      memoryBytes: seed.memoryBytes ?? 50 * 2 ** 20,
      logs: '',
      signals: [],
    };
    this.containers.set(id, c);
    return c;
  }

  /** The next call of `verb` (`pause`, `update`, `create`, `disconnect`, …) fails with `error`. */
  refuse(verb: string, error: Error = new EngineError(500, `${verb} refused`)): void {
    this.#refusals.set(verb, error);
  }

  /** Runs `then` once, right after the next accepted `verb` (someone acting behind the run's back). */
  afterNext(verb: string, then: () => void): void {
    this.#after.set(verb, then);
  }

  /** Helper containers (undo records and stressors) still in the engine. */
  helpers(): FakeContainer[] {
    return [...this.containers.values()].filter((c) => c.labels['faultline.role'] !== undefined);
  }

  /** Finds a container by id, id prefix or name; 404 otherwise. */
  find(ref: string): FakeContainer {
    this.#answer();
    const found = [...this.containers.values()].find(
      (c) => c.id === ref || c.name === ref || (ref.length >= 4 && c.id.startsWith(ref)),
    );
    if (!found) throw new EngineError(404, `No such container: ${ref}`);
    return found;
  }

  async ping(): Promise<void> {
    this.#answer();
  }

  async info(): Promise<EngineInfo> {
    this.#answer();
    return this.info_;
  }

  async listContainers({
    all,
    labels,
  }: {
    all: boolean;
    labels?: readonly string[];
  }): Promise<ContainerSummary[]> {
    this.#answer();
    const matches = (c: FakeContainer) =>
      (labels ?? []).every((l) => {
        const [k, v] = l.split('=', 2) as [string, string | undefined];
        return v === undefined ? k in c.labels : c.labels[k] === v;
      });
    return [...this.containers.values()]
      .filter((c) => (all || c.running) && matches(c))
      .map((c) => ({ Id: c.id, Names: [`/${c.name}`], State: stateOf(c), Labels: { ...c.labels } }));
  }

  async createContainer(spec: CreateSpec): Promise<ContainerPort> {
    this.#act('create', spec.name);
    if (!this.images.has(spec.Image) && ![...this.containers.values()].some((c) => c.image === spec.Image))
      throw new EngineError(404, `No such image: ${spec.Image}`);
    const c = this.add({ name: spec.name, image: spec.Image, labels: { ...spec.Labels }, networks: [] });
    Object.assign(c, {
      cmd: [...spec.Cmd],
      hostConfig: { ...spec.HostConfig },
      running: false,
      created: true,
    });
    return this.container(c.id);
  }

  container(ref: string): ContainerPort {
    return containerPort(this, ref);
  }

  network(ref: string): NetworkPort {
    const net = () => {
      this.#answer();
      const found = [...this.networks.values()].find((n) => n.Id === ref || n.Name === ref);
      if (!found) throw new EngineError(404, `network ${ref} not found`);
      return found;
    };
    return {
      connect: async (id, endpoint) => {
        const n = net();
        const c = this.find(id);
        this.#act('connect', `${c.name} ${n.Name}`);
        if (c.networks[n.Name])
          throw new EngineError(403, `endpoint with name ${c.name} already exists in network ${n.Name}`);
        c.networks[n.Name] = {
          NetworkID: n.Id,
          IPAddress: '172.18.0.99',
          Aliases: [...(endpoint.Aliases ?? []), c.id.slice(0, 12)],
          Links: endpoint.Links ? [...endpoint.Links] : null,
          IPAMConfig: endpoint.IPAMConfig ? { ...endpoint.IPAMConfig } : null,
        };
      },
      disconnect: async (id) => {
        const n = net();
        const c = this.find(id);
        this.#act('disconnect', `${c.name} ${n.Name}`);
        if (!c.networks[n.Name])
          throw new EngineError(403, `container ${c.id} is not connected to ${n.Name}`);
        delete c.networks[n.Name];
      },
      inspect: async () => {
        const n = net();
        const members = [...this.containers.values()].filter((c) => c.networks[n.Name]);
        return { ...n, Containers: Object.fromEntries(members.map((c) => [c.id, {}])) };
      },
    };
  }

  async inspectImage(name: string): Promise<ImageDetails | undefined> {
    this.#answer();
    return this.images.get(name);
  }

  async buildImage(
    _dir: string,
    _files: readonly string[],
    tag: string,
    labels: Record<string, string>,
  ): Promise<void> {
    this.#act('build', tag);
    this.images.set(tag, { Labels: { ...labels }, Architecture: 'amd64', Os: 'linux' });
  }

  /** Stats as the engine computes them from the container's cpuPercent and memoryBytes. */
  statsOf(c: FakeContainer): StatsReading {
    const cpus = 4;
    const system = 1e9;
    const busy = c.running && !c.paused ? c.cpuPercent : 0;
    return {
      read: new Date().toISOString(),
      cpu_stats: {
        cpu_usage: { total_usage: 5e9 + (busy / 100) * (system / cpus) },
        system_cpu_usage: 2 * system,
        online_cpus: cpus,
      },
      precpu_stats: { cpu_usage: { total_usage: 5e9 }, system_cpu_usage: system },
      memory_stats: {
        usage: c.running ? c.memoryBytes : 0,
        limit: (c.host.Memory ?? 0) > 0 ? (c.host.Memory ?? 0) : HOST_MEMORY,
        stats: { inactive_file: 0 },
      },
    };
  }

  /** Records a changing verb, failing it when refused. */
  act(verb: string, what: string): void {
    this.#act(verb, what);
  }

  #act(verb: string, what: string): void {
    this.#answer();
    const refusal = this.#refusals.get(verb);
    if (refusal) {
      this.#refusals.delete(verb);
      throw refusal;
    }
    this.calls.push(`${verb} ${what}`);
    const then = this.#after.get(verb);
    this.#after.delete(verb);
    then?.();
  }

  #answer(): void {
    if (this.down) throw Object.assign(new Error(`connect ENOENT ${this.endpoint}`), { code: 'ENOENT' });
  }
}

function containerPort(engine: InMemoryEngine, ref: string): ContainerPort {
  const get = () => engine.find(ref);
  const act = (verb: string) => {
    const c = get();
    engine.act(verb, c.name);
    return c;
  };
  return {
    id: ref,
    inspect: async () => detailsOf(get()),
    start: async () => {
      const c = act('start');
      startFake(c);
      simulateStressor(engine, c, 'start');
    },
    stop: async () => {
      const c = act('stop');
      stopFake(c);
      simulateStressor(engine, c, 'stop');
    },
    kill: async (signal) => {
      const c = act('kill');
      deliver(c, signal);
      if (!c.running) simulateStressor(engine, c, 'stop');
    },
    pause: async () => pauseFake(act('pause')),
    unpause: async () => unpauseFake(act('unpause')),
    restart: async () => {
      const c = act('restart');
      c.running = true;
      c.paused = false;
      c.startedAt = nextStartedAt();
    },
    update: async (fields) => {
      const c = act('update');
      if (
        'Memory' in fields &&
        (fields.MemorySwap ?? 0) > 0 &&
        (fields.MemorySwap ?? 0) < (fields.Memory ?? 0)
      )
        throw new EngineError(400, 'Minimum memoryswap limit should be larger than memory limit');
      Object.assign(c.host, fields);
    },
    stats: async () => engine.statsOf(get()),
    statsStream: (signal) => stream(engine, get, signal),
    exec: async (command) => {
      const c = act('exec');
      if (!c.running) throw new EngineError(409, `Container ${c.id} is not running`);
      return { exitCode: 0, output: `ran ${command.join(' ')}` };
    },
    logs: async () => get().logs,
    statPath: async (path) => get().files.get(path),
    remove: async (force) => {
      const c = act('remove');
      if (c.running && !force) throw new EngineError(409, `cannot remove running container ${c.id}`);
      if (c.running) simulateStressor(engine, c, 'stop');
      engine.containers.delete(c.id);
    },
  };
}

async function* stream(
  engine: InMemoryEngine,
  get: () => FakeContainer,
  signal?: AbortSignal,
): AsyncGenerator<StatsReading> {
  while (!signal?.aborted) {
    yield engine.statsOf(get());
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
