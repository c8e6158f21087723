/**
 * The Docker port: the engine verbs faultline uses, and only the fields of the engine's answers
 * it reads. Every file of the Docker provider talks to an engine through this interface; the
 * dockerode adapter (dockerode-adapter.ts) implements it for a real engine, the in-memory engine
 * (in-memory-engine.ts) for unit tests. Errors keep the engine's HTTP status in `statusCode`
 * (404: no such container, image, network or path; 304: already in that state).
 */
export interface DockerPort {
  /** Where the engine is, for messages: `/var/run/docker.sock`, `10.0.0.5:2376`. */
  readonly endpoint: string;
  ping(): Promise<void>;
  info(): Promise<EngineInfo>;
  listContainers(options: ListOptions): Promise<ContainerSummary[]>;
  createContainer(spec: CreateSpec): Promise<ContainerPort>;
  container(id: string): ContainerPort;
  network(id: string): NetworkPort;
  /** The image's labels, or undefined when the engine does not have it. */
  inspectImage(name: string): Promise<ImageDetails | undefined>;
  /** Builds `tag` from a folder holding a Dockerfile; rejects with the build's error. */
  buildImage(
    contextDir: string,
    files: readonly string[],
    tag: string,
    labels: Record<string, string>,
  ): Promise<void>;
  /** Releases connections (an SSH tunnel); idempotent. */
  close?(): Promise<void>;
}

/** One container's verbs. */
export interface ContainerPort {
  readonly id: string;
  inspect(): Promise<ContainerDetails>;
  start(): Promise<void>;
  /** Stops with `seconds` of grace (engine default when omitted). */
  stop(seconds?: number): Promise<void>;
  kill(signal: string): Promise<void>;
  pause(): Promise<void>;
  unpause(): Promise<void>;
  restart(seconds: number): Promise<void>;
  /** `docker update` with resource fields (Memory, MemorySwap, NanoCpus, CpuQuota, …). */
  update(fields: Readonly<Record<string, number>>): Promise<void>;
  /** One stats reading: `oneShot` skips the engine's second sample (no precpu, ≤ 1 s). */
  stats(options: { readonly oneShot: boolean }): Promise<StatsReading>;
  /**
   * The engine's stats stream (one reading a second) until the iterator is returned or the signal
   * aborts; the stream is closed either way.
   */
  statsStream(signal?: AbortSignal): AsyncIterable<StatsReading>;
  /** Runs a command inside the container and waits for it; its output is stdout and stderr. */
  exec(command: readonly string[]): Promise<{ readonly exitCode: number; readonly output: string }>;
  /** Its stdout and stderr so far (a TTY container's raw output). */
  logs(): Promise<string>;
  /** Stat of a path inside it through the archive API; undefined when the path does not exist. */
  statPath(path: string): Promise<PathStat | undefined>;
  /** Removes it with its anonymous volumes (`force`: even when running). */
  remove(force: boolean): Promise<void>;
}

/** One network's verbs. */
export interface NetworkPort {
  connect(container: string, endpoint: EndpointConfig): Promise<void>;
  disconnect(container: string): Promise<void>;
  inspect(): Promise<{
    readonly Id: string;
    readonly Name: string;
    readonly Containers: Record<string, unknown>;
  }>;
}

/** What the engine says about itself. */
export interface EngineInfo {
  readonly CgroupDriver?: string;
  readonly CgroupVersion?: string;
  readonly Architecture?: string;
  readonly OSType?: string;
  readonly Name?: string;
}

/** `docker ps` filters: label `k=v` or `k`. */
export interface ListOptions {
  readonly all: boolean;
  readonly labels?: readonly string[];
}

/** A row of `docker ps`. */
export interface ContainerSummary {
  readonly Id: string;
  readonly Names: readonly string[];
  readonly State: string;
  readonly Labels: Readonly<Record<string, string>>;
}

/** What creating a helper container takes. */
export interface CreateSpec {
  readonly name: string;
  readonly Image: string;
  readonly Cmd: readonly string[];
  readonly Entrypoint?: readonly string[];
  readonly Tty?: boolean;
  readonly StopSignal?: string;
  readonly Labels: Readonly<Record<string, string>>;
  readonly HostConfig: {
    readonly NetworkMode: string;
    readonly CgroupParent?: string;
    readonly PidMode?: string;
    readonly CapAdd?: readonly string[];
  };
}

/** An endpoint of a container on a network. */
export interface EndpointDetails {
  readonly NetworkID: string;
  readonly IPAddress: string;
  readonly Aliases?: readonly string[] | null;
  readonly Links?: readonly string[] | null;
  readonly IPAMConfig?: Readonly<Record<string, string>> | null;
}

/** What connecting a container to a network gives it. */
export interface EndpointConfig {
  readonly Aliases?: readonly string[];
  readonly Links?: readonly string[];
  readonly IPAMConfig?: Readonly<Record<string, string>>;
}

/** The resource fields of a container's HostConfig faultline reads. */
export interface HostResources {
  readonly Memory?: number;
  readonly MemorySwap?: number;
  readonly NanoCpus?: number;
  readonly CpuQuota?: number;
  readonly CpuPeriod?: number;
  readonly CgroupParent?: string;
}

/** `docker inspect` of a container, the fields faultline reads. */
export interface ContainerDetails {
  readonly Id: string;
  readonly Name: string;
  readonly Image: string;
  readonly State: {
    readonly Status: string;
    readonly Running: boolean;
    readonly Paused: boolean;
    readonly Restarting: boolean;
    readonly OOMKilled: boolean;
    readonly ExitCode: number;
    readonly StartedAt: string;
    readonly Health?: {
      readonly Status: string;
      readonly Log: readonly { readonly Start: string; readonly ExitCode: number }[];
    };
  };
  readonly Config: {
    readonly Labels?: Readonly<Record<string, string>> | null;
    readonly Healthcheck?: { readonly Test?: readonly string[] };
  };
  readonly HostConfig: HostResources;
  readonly NetworkSettings: { readonly Networks: Readonly<Record<string, EndpointDetails>> };
}

/** `docker image inspect`, the fields faultline reads. */
export interface ImageDetails {
  readonly Labels: Readonly<Record<string, string>>;
  readonly Architecture?: string;
  readonly Os?: string;
}

/**
 * One reading of the engine's stats endpoint, the fields faultline reads (cgroup v1 and v2
 * shapes), checked by parseStatsMessage (stats-message.ts) where it enters.
 */
export interface StatsReading {
  /** When the counters were read (RFC 3339); zero time (`0001-01-01…`) for a stopped container. */
  readonly read?: string;
  /** When the counters in precpu_stats were read; zero time on the first message of a stream. */
  readonly preread?: string;
  readonly cpu_stats: {
    readonly cpu_usage: { readonly total_usage: number; readonly percpu_usage?: readonly number[] };
    readonly system_cpu_usage?: number;
    readonly online_cpus?: number;
  };
  readonly precpu_stats: {
    readonly cpu_usage?: { readonly total_usage?: number };
    readonly system_cpu_usage?: number;
  };
  readonly memory_stats: {
    readonly usage?: number;
    readonly limit?: number;
    readonly stats?: Readonly<Record<string, number>>;
  };
}

/** What the archive API says about a path inside a container. */
export interface PathStat {
  readonly size: number;
  readonly isDirectory: boolean;
}

/** An error as the engine would give it, with its HTTP status. */
export class EngineError extends Error {
  readonly statusCode: number;
  constructor(statusCode: number, message: string) {
    super(message);
    this.name = 'EngineError';
    this.statusCode = statusCode;
  }
}
