import { ExitCode } from '../../errors/exit-codes.ts';
import { InvalidInputError } from '../../errors/faultline-error.ts';
import type { EngineSpec } from '../../experiment/model.ts';
import { engineHostSchema } from '../../experiment/schema-engines.ts';
import { httpUrlSchema, nameSchema } from '../../experiment/schema-values.ts';
import type { FaultProvider, SweepAction } from '../../faults/fault-provider.ts';
import { forgetRun, leftRuns, type ActiveRun } from '../../runtime/active-runs.ts';
import type { Runtime } from '../../runtime/runtime.ts';

export interface RecoverOptions {
  /** The run whose leftovers to undo; exclusive with `all`. */
  readonly run?: string | undefined;
  /** Undo what every faultline run left (only when no run is going on). */
  readonly all: boolean;
  /** Toxiproxy servers to sweep (a run's embedded proxy ends with the run: nothing to sweep). */
  readonly toxiproxy: readonly string[];
  /** The default engine: true: it must answer; false: skip it; undefined: sweep it when it answers. */
  readonly docker?: boolean | undefined;
  /** More engines to sweep (each must answer): `[NAME=]address` or a Docker context name. */
  readonly engines?: readonly string[];
  readonly json: boolean;
}

/** Builds the providers a sweep needs; injected so tests can point them elsewhere. */
export interface RecoverProviders {
  /** Process targets, found by the records runs keep under .faultline/processes. */
  process?(): FaultProvider;
  /** A Docker provider that sweeps engine `use` (`default`, or a name of `engines`). */
  docker(engines: Readonly<Record<string, EngineSpec>>, use: string): FaultProvider;
  toxiproxy(url: string): FaultProvider;
}

const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/**
 * `faultline recover --run <id> | --all`: after a run that could not revert (a crash, kill -9,
 * a revert that failed), undoes what it left, found by its run id: process targets it started
 * (resumed with SIGCONT, then ended), Docker undo records (start,
 * unpause, SIGCONT, limits, reconnect) and stressor containers, and toxics on the given Toxiproxy
 * servers. Docker engines swept: the default one (DOCKER_HOST, else the local socket) and each
 * `--engine` (an address or a Docker context name). Exit 0 when nothing is left, 4 when something could not be undone, 5 when a back end
 * that was asked for (`--docker`, `--toxiproxy`) does not answer, 2 for bad flags.
 */
export async function recoverCommand(
  options: RecoverOptions,
  runtime: Runtime,
  providers: RecoverProviders,
): Promise<number> {
  const runId = checkedRun(options);
  const badUrls = options.toxiproxy.filter((url) => !httpUrlSchema.safeParse(url).success);
  if (badUrls.length > 0) {
    throw new InvalidInputError(
      badUrls.map((url) => ({
        message: `--toxiproxy: expected the http:// URL of a Toxiproxy server, such as http://127.0.0.1:8474; found ${JSON.stringify(url)}`,
      })),
      { code: 'E_USAGE' },
    );
  }
  // Runs killed before they could end left their registration, with where their faults live.
  const leftBehind = leftRuns(runtime.cwd).filter((r) => runId === undefined || r.runId === runId);
  const recorded = recordedPlaces(leftBehind);
  const engines = { ...recorded.engines, ...parseEngines(options.engines ?? []) };
  const toxiproxy = [...new Set([...options.toxiproxy, ...recorded.toxiproxy])];
  const actions: (SweepAction & { provider: string })[] = [];
  const skipped: string[] = recorded.withheld.map(
    (w) =>
      `${w}: its address came from \${env:…} and was not written down; pass it with --engine or --toxiproxy`,
  );
  let unreachable = recorded.withheld.length > 0;
  const sweep = async (provider: FaultProvider, required: boolean, where: string) => {
    try {
      for (const action of (await provider.sweep?.(runId)) ?? [])
        actions.push({ provider: provider.id, ...action });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (required) unreachable = true;
      skipped.push(`${where}: ${message}${required ? '' : ' — skipped'}`);
    } finally {
      await provider.close?.();
    }
  };
  if (providers.process) await sweep(providers.process(), false, 'processes');
  if (options.docker !== false)
    await sweep(providers.docker({}, 'default'), options.docker === true, 'docker');
  for (const [name, spec] of Object.entries(engines))
    await sweep(providers.docker({ [name]: spec }, name), true, `docker engine ${name}`);
  for (const url of toxiproxy) await sweep(providers.toxiproxy(url), true, `toxiproxy ${url}`);
  const left = actions.filter((a) => !a.ok).length;
  // Everything swept and nothing left: those runs are done with; a second recover finds nothing.
  if (left === 0 && !unreachable) for (const r of leftBehind) forgetRun(runtime.cwd, r.runId);
  if (options.json) {
    runtime.stdout.write(`${JSON.stringify({ run: runId ?? null, actions, skipped, left }, null, 2)}\n`);
  } else {
    const who = runId === undefined ? 'every faultline run' : `run ${runId}`;
    const lines = actions.map((a) => `${a.ok ? 'undone' : 'LEFT  '}  ${a.provider}: ${a.text}`);
    if (actions.length === 0) lines.push(`nothing of ${who} was left to undo`);
    lines.push(...skipped.map((s) => `not swept  ${s}`));
    if (left > 0)
      lines.push(`${left} thing(s) of ${who} could not be undone; fix them by hand or run recover again`);
    runtime.stdout.write(`${lines.join('\n')}\n`);
  }
  if (left > 0) return ExitCode.revertFailed;
  return unreachable ? ExitCode.runError : ExitCode.pass;
}

function checkedRun(options: RecoverOptions): string | undefined {
  if (options.run !== undefined && options.all) {
    throw new InvalidInputError([{ message: '--run and --all: give one of them, not both' }], {
      code: 'E_USAGE',
    });
  }
  if (options.run === undefined && !options.all) {
    throw new InvalidInputError(
      [
        {
          message:
            '--run: expected the id of the run to recover (it is printed at the start of a run and kept in its journal), or --all for every faultline run',
        },
      ],
      { code: 'E_USAGE' },
    );
  }
  if (options.run !== undefined && !RUN_ID.test(options.run)) {
    throw new InvalidInputError(
      [
        {
          message: `--run: expected a run id such as 20261122T140501-checkout-3fa9 (letters, digits, . _ -), found ${JSON.stringify(options.run)}`,
        },
      ],
      { code: 'E_USAGE' },
    );
  }
  return options.run;
}

/**
 * `--engine` values → named engines: `NAME=address`, a bare address (named after itself), or a
 * Docker context name. Throws a usage error naming the flag for anything else.
 */
export function parseEngines(values: readonly string[]): Record<string, EngineSpec> {
  const engines: Record<string, EngineSpec> = {};
  for (const value of values) {
    const named = /^([A-Za-z0-9][A-Za-z0-9._-]*)=(.+)$/.exec(value);
    const [name, address] = named ? [named[1] ?? '', named[2] ?? ''] : [value, value];
    if (engineHostSchema.safeParse(address).success) engines[name] = { host: address };
    else if (!named && nameSchema.safeParse(value).success) engines[name] = { context: value };
    else
      throw new InvalidInputError(
        [
          {
            message: `--engine: expected [NAME=]unix:///path, tcp://host:port, ssh://user@host or a Docker context name; found ${JSON.stringify(value)}`,
          },
        ],
        { code: 'E_USAGE' },
      );
  }
  return engines;
}

/**
 * The engines and Toxiproxy servers the left-behind runs recorded, merged: an engine name two runs
 * gave different addresses keeps both (the second as NAME@RUN); what was withheld is named.
 */
function recordedPlaces(runs: readonly ActiveRun[]): {
  engines: Record<string, EngineSpec>;
  toxiproxy: string[];
  withheld: string[];
} {
  const engines: Record<string, EngineSpec> = {};
  const toxiproxy: string[] = [];
  const withheld: string[] = [];
  for (const run of runs) {
    for (const [name, spec] of Object.entries(run.places?.engines ?? {})) {
      const same = engines[name] === undefined || JSON.stringify(engines[name]) === JSON.stringify(spec);
      engines[same ? name : `${name}@${run.runId}`] = spec;
    }
    toxiproxy.push(...(run.places?.toxiproxy ?? []));
    withheld.push(...(run.places?.withheld ?? []).map((w) => `run ${run.runId}: ${w}`));
  }
  return { engines, toxiproxy, withheld };
}
