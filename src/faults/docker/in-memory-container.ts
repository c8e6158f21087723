import {
  EngineError,
  type ContainerDetails,
  type EndpointDetails,
  type HostResources,
  type PathStat,
} from './docker-port.ts';

/** The state of one container of the in-memory engine; tests read and set it directly. */
export interface FakeContainer {
  readonly id: string;
  readonly name: string;
  readonly image: string;
  readonly labels: Record<string, string>;
  readonly cmd: readonly string[];
  readonly hostConfig: Record<string, unknown>;
  running: boolean;
  paused: boolean;
  /** True once created and never started (a helper record). */
  created: boolean;
  exitCode: number;
  oomKilled: boolean;
  startedAt: string;
  host: Record<string, number> & HostResources;
  networks: Record<string, EndpointDetails>;
  /** Paths inside it (as the archive API sees them). */
  readonly files: Map<string, PathStat>;
  /** CPU in use, percent of one core; memory in use, bytes (what stats report). */
  cpuPercent: number;
  memoryBytes: number;
  logs: string;
  /** Signals it was sent, in order. */
  readonly signals: string[];
}

const NOT_FATAL = new Set(['SIGSTOP', 'SIGCONT', 'SIGUSR1', 'SIGUSR2', 'SIGHUP']);
let clock = Date.parse('2026-01-01T00:00:00Z');

/** A fresh StartedAt, later than every earlier one. */
export function nextStartedAt(): string {
  clock += 1000;
  return new Date(clock).toISOString();
}

/** The inspect view of a fake container. */
export function detailsOf(c: FakeContainer): ContainerDetails {
  const status = c.created ? 'created' : c.paused ? 'paused' : c.running ? 'running' : 'exited';
  return {
    Id: c.id,
    Name: `/${c.name}`,
    Image: c.image,
    State: {
      Status: status,
      Running: c.running,
      Paused: c.paused,
      Restarting: false,
      OOMKilled: c.oomKilled,
      ExitCode: c.exitCode,
      StartedAt: c.startedAt,
    },
    Config: { Labels: { ...c.labels } },
    HostConfig: { ...c.host },
    NetworkSettings: { Networks: structuredClone(c.networks) },
  };
}

/** `docker ps` State of a fake container. */
export function stateOf(c: FakeContainer): string {
  return detailsOf(c).State.Status;
}

/** Applies a signal as the engine would: fatal ones end it (137 for SIGKILL, else 0). */
export function deliver(c: FakeContainer, signal: string): void {
  if (!c.running) throw new EngineError(409, `Container ${c.id} is not running`);
  c.signals.push(signal);
  if (NOT_FATAL.has(signal)) return;
  c.running = false;
  c.paused = false;
  c.exitCode = signal === 'SIGKILL' ? 137 : 0;
}

/** Starts it (304 when already running). */
export function startFake(c: FakeContainer): void {
  if (c.running) throw new EngineError(304, 'container already started');
  c.running = true;
  c.created = false;
  c.exitCode = 0;
  c.startedAt = nextStartedAt();
}

/** Stops it (304 when already stopped). */
export function stopFake(c: FakeContainer): void {
  if (!c.running) throw new EngineError(304, 'container already stopped');
  c.running = false;
  c.paused = false;
  c.exitCode = 0;
}

/** Pauses it (409 unless running and unpaused). */
export function pauseFake(c: FakeContainer): void {
  if (!c.running || c.paused)
    throw new EngineError(409, `Container ${c.id} is not running or already paused`);
  c.paused = true;
}

/** Unpauses it (409 unless paused). */
export function unpauseFake(c: FakeContainer): void {
  if (!c.paused) throw new EngineError(409, `Container ${c.id} is not paused`);
  c.paused = false;
}
