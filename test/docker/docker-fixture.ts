import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Dockerode from 'dockerode';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { FaultSpec } from '../../src/experiment/model.ts';
import { faultSchema } from '../../src/experiment/schema-faults.ts';
import type { FaultContext } from '../../src/faults/fault-provider.ts';
import { ROLE_LABEL, RUN_LABEL } from '../../src/faults/docker/docker-labels.ts';
import { connectEngine } from '../../src/faults/docker/engine-connection.ts';
import { defaultStressorImage } from '../../src/faults/docker/stressor-image.ts';
import { waitUntil } from '../../src/faults/docker/wait-until.ts';
import { tempDir } from '../helpers/captured-runtime.ts';
import { startFaultline, stopFaultlines, type FaultlineChild } from '../helpers/faultline-child.ts';
import { freePort } from '../helpers/free-port.ts';

/** The engine the Docker tests use (DOCKER_HOST or the local socket). */
export const docker = new Dockerode();

/** The same engine through faultline's Docker port, for the provider's own helpers. */
export const engine = connectEngine('default', undefined);

/** Whether an engine answers. In CI it must: the tests run (and fail) without one. */
export const dockerAvailable = await docker.ping().then(
  () => true,
  () => false,
);

/** Skip the Docker tests only outside CI and only when no engine answers. */
export const skipDocker = !dockerAvailable && process.env.CI !== 'true';

export const TEST_IMAGE = 'faultline-test/node:latest';
export const SHOP_IMAGE = 'faultline-demo/shop:latest';

/** Builds the test images (test/images/build.sh) when one is missing; quick when all exist. */
export async function ensureImages(): Promise<void> {
  const wanted = [TEST_IMAGE, SHOP_IMAGE, await defaultStressorImage()];
  const present = await Promise.all(
    wanted.map((i) =>
      docker
        .getImage(i)
        .inspect()
        .then(
          () => true,
          () => false,
        ),
    ),
  );
  if (present.every(Boolean)) return;
  execFileSync('bash', ['test/images/build.sh'], { stdio: 'inherit', timeout: 300_000 });
}

/** A fresh run id for one test. */
export function newTestRunId(): string {
  return `t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;
}

/**
 * For a describe block whose tests each start their own containers: builds the images once, gives
 * every test a fresh run id (`run.id`) and removes everything labelled with it after the test.
 */
export function perTestRun(): { readonly id: string } {
  const run = { id: newTestRunId() };
  beforeAll(ensureImages);
  afterEach(async () => {
    await removeRun(run.id);
    run.id = newTestRunId();
  });
  return run;
}

/**
 * For tests that start `faultline run` on Docker targets (as a child): `watch(stderr)` picks the
 * run's id from its first line; after each test the child is ended (stopFaultlines) and every
 * helper labelled with that run id is removed, whatever the test asserted.
 */
export function perFaultlineRun(): {
  readonly id: string | undefined;
  watch(stderr: string): string | undefined;
} {
  let id: string | undefined;
  afterEach(async () => {
    await stopFaultlines();
    if (id !== undefined) await removeRun(id);
    id = undefined;
  });
  return {
    get id() {
      return id;
    },
    watch: (stderr) => (id ??= /run (\S+):/.exec(stderr)?.[1]),
  };
}

/** Starts the test server as a target on the host network at 127.0.0.1:`port` (with a healthcheck). */
export function startHostShop(runId: string, port: number): Promise<Dockerode.ContainerInspectInfo> {
  return startTarget(runId, {
    name: 'shop',
    network: 'host',
    env: { HOST: '127.0.0.1', PORT: String(port) },
  });
}

/** What differs between the experiments that load the host shop (startHostShop) and pause targets. */
export interface ShopExperiment {
  /** The experiment's name, and its file's. */
  readonly name: string;
  /** Entries of `targets:`, one a line: `shop: { container: fl-<run id>-shop }`. */
  readonly targets: readonly string[];
  /** The shop's port on 127.0.0.1, where the load goes. */
  readonly port: number;
  /** How long the load runs: `14s`. */
  readonly duration: string;
  /** The floor of the availability objective: `99%`. */
  readonly atLeast: string;
  /** `hypothesis.after`; default `2s`. */
  readonly after?: string;
  /** Entries of `faults:`, one YAML flow map a fault. */
  readonly faults: readonly string[];
  /** The inside of the `engines:` flow map, when the run names engines. */
  readonly engines?: string;
}

/**
 * Writes an experiment that loads the host shop at 20 requests a second (timeout 1 s) and holds
 * it to availability in 1 s windows (warmup 1 s, baseline 2 s), into a fresh temp folder.
 * Returns the file's path.
 */
export function writeShopExperiment(e: ShopExperiment): string {
  const file = join(tempDir(), `${e.name}.yaml`);
  const lines = [
    'version: 1',
    `name: ${e.name}`,
    ...(e.engines === undefined ? [] : [`engines: { ${e.engines} }`]),
    'targets:',
    ...e.targets.map((t) => `  ${t}`),
    `load: { url: "http://127.0.0.1:${e.port}", rate: 20, duration: ${e.duration}, timeout: 1s }`,
    `slos: { window: 1s, objectives: [{ name: availability, success: { at-least: ${e.atLeast} } }] }`,
    `hypothesis: { warmup: 1s, baseline: 2s, after: ${e.after ?? '2s'} }`,
    'faults:',
    ...e.faults.map((f) => `  - ${f}`),
  ];
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** A `faultline run` (a child) of a shop experiment, once the shop is paused. */
export interface PausedShopRun {
  /** The shop container as it was started. */
  readonly shop: Dockerode.ContainerInspectInfo;
  readonly child: FaultlineChild;
  /** The folder the run writes its journal into. */
  readonly out: string;
}

/**
 * Starts the host shop on a free port and `faultline run` on an experiment whose only target is
 * the shop (writeShopExperiment); resolves once the shop is paused. Fails the test, with what
 * the run said, when it is not paused within 30 s.
 */
export async function runUntilShopPaused(
  runId: string,
  e: Omit<ShopExperiment, 'targets' | 'port' | 'engines'>,
): Promise<PausedShopRun> {
  const port = await freePort();
  const shop = await startHostShop(runId, port);
  const file = writeShopExperiment({ ...e, targets: [`shop: { container: fl-${runId}-shop }`], port });
  const out = join(dirname(file), 'journal');
  const child = startFaultline(['run', file, '--out', out]);
  const paused = await waitUntil(
    async () => ((await inspect(shop.Id)).State.Paused ? true : undefined),
    30_000,
    100,
  );
  expect(paused, `never paused; the run said:\n${child.stderr()}`).toBe(true);
  return { shop, child, out };
}

/** A FaultContext for a test: the run id, a clock from now, and collected log lines. */
export function testContext(runId: string): FaultContext & { readonly lines: string[] } {
  const started = Date.now();
  const lines: string[] = [];
  return { runId, now: () => Date.now() - started, log: (line) => void lines.push(line), lines };
}

/** How a test target container is started. */
export interface TargetOptions {
  readonly name: string;
  readonly labels?: Record<string, string>;
  readonly env?: Record<string, string>;
  /** Keep the image's 1 s healthcheck (default true). */
  readonly healthcheck?: boolean;
  /** `none` (default: only loopback, no traffic anywhere), `host`, or a network name. */
  readonly network?: string;
  readonly aliases?: string[];
  readonly host?: Dockerode.HostConfig;
  readonly image?: string;
  readonly cmd?: string[];
}

/**
 * Creates and starts a target labelled with the run id and `faultline.test=1`; waits until it
 * runs (and is healthy, when it has a healthcheck). Returns its inspect.
 */
export async function startTarget(runId: string, o: TargetOptions): Promise<Dockerode.ContainerInspectInfo> {
  const network = o.network ?? 'none';
  const container = await docker.createContainer({
    name: `fl-${runId}-${o.name}`,
    Image: o.image ?? TEST_IMAGE,
    ...(o.cmd ? { Cmd: o.cmd } : {}),
    Labels: { [RUN_LABEL]: runId, 'faultline.test': '1', ...o.labels },
    Env: Object.entries({ NAME: o.name, ...o.env }).map(([k, v]) => `${k}=${v}`),
    ...(o.healthcheck === false ? { Healthcheck: { Test: ['NONE'] } } : {}),
    HostConfig: { NetworkMode: network, ...o.host },
    ...(o.aliases ? { NetworkingConfig: { EndpointsConfig: { [network]: { Aliases: o.aliases } } } } : {}),
  });
  await container.start();
  const ready = await waitUntil(
    async () => {
      const info = await container.inspect();
      if (!info.State.Running || (info.State.Health !== undefined && info.State.Health.Status !== 'healthy'))
        return undefined;
      // The server handles SIGTERM only once it runs: wait for its first line.
      const logs = o.cmd
        ? 'custom command'
        : (await container.logs({ stdout: true, stderr: true, follow: false })).toString('utf8');
      return logs.includes('listening') || o.cmd ? info : undefined;
    },
    30_000,
    100,
  );
  if (!ready) throw new Error(`test target ${o.name} did not get running and healthy`);
  return ready;
}

/** Helper containers (stressors, undo records) the run left, as `role name` lines. */
export async function helpersLeft(runId: string): Promise<string[]> {
  const left = await docker.listContainers({
    all: true,
    filters: { label: [`${RUN_LABEL}=${runId}`, ROLE_LABEL] },
  });
  return left.map((c) => `${c.Labels[ROLE_LABEL]} ${c.Names.join(',')}`);
}

/** Removes every container, network and volume of the run, then asserts nothing is left. */
export async function removeRun(runId: string): Promise<void> {
  const filters = { label: [`${RUN_LABEL}=${runId}`] };
  for (const c of await docker.listContainers({ all: true, filters }))
    await docker.getContainer(c.Id).remove({ force: true, v: true });
  for (const n of await docker.listNetworks({ filters })) await docker.getNetwork(n.Id).remove();
  for (const v of (await docker.listVolumes({ filters })).Volumes ?? [])
    await docker.getVolume(v.Name).remove();
  expect(await docker.listContainers({ all: true, filters })).toEqual([]);
  expect(await docker.listNetworks({ filters })).toEqual([]);
}

/** Inspects a container by id or name. */
export function inspect(id: string): Promise<Dockerode.ContainerInspectInfo> {
  return docker.getContainer(id).inspect();
}

/** A ResolvedTarget-shaped member list for one container (tests that skip resolve). */
export function member(info: Dockerode.ContainerInspectInfo): { id: string; label: string } {
  return { id: info.Id, label: info.Name.replace(/^\//, '') };
}

/** A fault as the experiment loader would give it (schema defaults and units applied). */
export function fault(fields: Record<string, unknown>): FaultSpec {
  return faultSchema.parse({ name: 'f', target: 't', at: '0', ...fields });
}

/** A second dockerd of a describe block's own (see secondEngine). */
export interface SecondEngine {
  /** Its socket address, `unix:///tmp/…/docker.sock`. */
  readonly socket: string;
  /** Its folder (socket, data root, pidfile `docker.pid`). */
  readonly dir: string;
  readonly docker: Dockerode;
  /** Restarts it by its PID on the same folders (containers and images stay). */
  restart(): void;
  /** Starts a test container there (no network), labelled with `runId`; returns its id. */
  start(runId: string, name: string, options?: { readonly stopTimeout?: number }): Promise<string>;
  /** The helpers (undo records, stressors) of a faultline run left there. */
  helpers(runId: string): Promise<Dockerode.ContainerInfo[]>;
}

/**
 * For a describe block whose tests need a second Docker engine: starts one with
 * .ci/second-dockerd.sh (its own socket, data root, exec root and pidfile; no bridge) holding the
 * test image, removes the test's containers there after each test (restarting it first if a test
 * left it stopped), and stops it by its PID after the block. Never touches the main engine.
 */
export function secondEngine(prefix: string): SecondEngine {
  const state = { dir: '', socket: '', docker: undefined as Dockerode | undefined };
  const script = (cmd: 'start' | 'restart' | 'stop') =>
    execFileSync(
      'bash',
      ['.ci/second-dockerd.sh', cmd, state.dir, ...(cmd === 'start' ? [TEST_IMAGE] : [])],
      {
        encoding: 'utf8',
        timeout: 120_000,
      },
    ).trim();
  const engine = () => {
    if (!state.docker) throw new Error('the second engine is not started (used outside its describe block?)');
    return state.docker;
  };
  const testContainers = () => engine().listContainers({ all: true, filters: { label: ['faultline.test'] } });
  beforeAll(async () => {
    await ensureImages();
    state.dir = mkdtempSync(`/tmp/${prefix}-`);
    state.socket = script('start');
    state.docker = new Dockerode({ socketPath: state.socket.slice('unix://'.length) });
  });
  afterEach(async () => {
    // A test that failed with the engine stopped must not keep the next from cleaning up.
    const left = await testContainers().catch(() => (script('restart'), testContainers()));
    for (const c of left) await engine().getContainer(c.Id).remove({ force: true });
  });
  afterAll(() => {
    if (state.dir !== '') script('stop');
  });
  return {
    get socket() {
      return state.socket;
    },
    get dir() {
      return state.dir;
    },
    get docker() {
      return engine();
    },
    restart: () => void script('restart'),
    async start(runId, name, options = {}) {
      const c = await engine().createContainer({
        name: `fl-${runId}-${name}`,
        Image: TEST_IMAGE,
        ...(options.stopTimeout === undefined ? {} : { StopTimeout: options.stopTimeout }),
        Labels: { [RUN_LABEL]: runId, 'faultline.test': '1' },
        HostConfig: { NetworkMode: 'none' },
      });
      await c.start();
      return c.id;
    },
    helpers: (runId) =>
      engine().listContainers({ all: true, filters: { label: [`${RUN_LABEL}=${runId}`, ROLE_LABEL] } }),
  };
}
