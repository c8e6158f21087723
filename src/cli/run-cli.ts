import yargs from 'yargs';
import { InvalidInputError } from '../errors/faultline-error.ts';
import type { Runtime } from '../runtime/runtime.ts';
import { capacityCommand } from './commands/capacity-command.ts';
import { gamedayCommand } from './commands/gameday-command.ts';
import { historyCommand } from './commands/history-command.ts';
import { initCommand } from './commands/init-command.ts';
import { planCommand } from './commands/plan-command.ts';
import { proxyCommand } from './commands/proxy-command.ts';
import { recoverCommand } from './commands/recover-command.ts';
import { DEFAULT_REPORT_REPORTERS, reportCommand } from './commands/report-command.ts';
import { runCommand } from './commands/run-command.ts';
import { stopCommand } from './commands/stop-command.ts';
import { SCHEMA_KINDS, schemaCommand } from './commands/schema-command.ts';
import { validateCommand } from './commands/validate-command.ts';
import { printError } from './print-error.ts';
import { recoverProviders } from './recover-providers.ts';

/**
 * The whole CLI as a function: parses `argv` (without `node` and the script), runs the command
 * against `runtime`, prints any error once, and returns the exit code. Never calls process.exit.
 */
export async function runCli(argv: readonly string[], runtime: Runtime): Promise<number> {
  let code = 0;
  const set = (c: number) => void (code = c);
  try {
    await yargs([...argv])
      .scriptName('faultline')
      .usage('$0 <command> [options]')
      .command(
        'run <file>',
        'run an experiment: load, faults, SLO verdict',
        (y) =>
          y
            .positional('file', { type: 'string', demandOption: true, describe: 'experiment YAML file' })
            .option('json', {
              type: 'boolean',
              default: false,
              describe: 'print the summary as JSON on stdout',
            })
            .option('out', { type: 'string', describe: 'journal folder (default .faultline/runs/<run-id>)' })
            .option('quiet', {
              type: 'boolean',
              default: false,
              describe: 'no progress on stderr; print only the verdict',
            })
            .option('reporter', REPORTER_OPTION)
            .option('dry-run', {
              type: 'boolean',
              default: false,
              describe: 'resolve targets and print the plan; start, load and inject nothing',
            }),
        async (a) =>
          set(
            await runCommand(
              {
                file: a.file,
                json: a.json,
                out: a.out,
                quiet: a.quiet,
                reporter: listOf(a.reporter),
                dryRun: a.dryRun,
              },
              runtime,
            ),
          ),
      )
      .command(
        'report <journal>',
        'render reports (html, junit, markdown, postmortem, json) from a saved journal.json',
        (y) =>
          y
            .positional('journal', { type: 'string', demandOption: true, describe: 'a journal.json' })
            .option('reporter', {
              ...REPORTER_OPTION,
              describe: `${REPORTER_OPTION.describe} (default: ${DEFAULT_REPORT_REPORTERS.join(',')})`,
            })
            .option('out', {
              type: 'string',
              describe: 'folder for the reports (default: the journal’s folder)',
            }),
        (a) => set(reportCommand({ journal: a.journal, reporter: listOf(a.reporter), out: a.out }, runtime)),
      )
      .command(
        'init <url>',
        'write a commented experiment for a URL, to start from',
        (y) =>
          y
            .positional('url', { type: 'string', demandOption: true, describe: 'the service’s base URL' })
            .option('out', { type: 'string', describe: 'the file to write (default experiment.yaml)' }),
        (a) => set(initCommand({ url: a.url, out: a.out }, runtime)),
      )
      .command(
        'capacity <file>',
        'find the highest arrival rate at which every objective holds',
        (y) =>
          y
            .positional('file', { type: 'string', demandOption: true, describe: 'experiment YAML file' })
            .option('from', { type: 'string', describe: 'first rate tried, req/s (default: the load rate)' })
            .option('to', { type: 'string', describe: 'ceiling, req/s (default: 64 × from)' })
            .option('precision', { type: 'string', describe: 'how close to bracket the answer (default 5%)' })
            .option('under', {
              type: 'string',
              describe: 'a fault of the file to hold active at every level',
            })
            .option('break', {
              type: 'boolean',
              default: false,
              describe: 'go past the first failing rate to the breaking point, then check recovery',
            })
            .option('json', { type: 'boolean', default: false, describe: 'print the result as JSON' })
            .option('out', {
              type: 'string',
              describe: 'folder for capacity.json and capacity.ndjson (default .faultline/capacity/<run-id>)',
            })
            .option('quiet', { type: 'boolean', default: false, describe: 'no progress lines on stderr' }),
        async (a) =>
          set(
            await capacityCommand(
              {
                file: a.file,
                from: a.from,
                to: a.to,
                precision: a.precision,
                under: a.under,
                break: a.break,
                json: a.json,
                quiet: a.quiet,
                out: a.out,
              },
              runtime,
            ),
          ),
      )
      .command(
        'gameday <file>',
        'run a game day now, or on its cron schedule with --schedule',
        (y) =>
          y
            .positional('file', { type: 'string', demandOption: true, describe: 'game day YAML file' })
            .option('schedule', {
              type: 'boolean',
              default: false,
              describe: 'stay in the foreground and run at each time of its schedule',
            })
            .option('json', { type: 'boolean', default: false, describe: 'print each run as a JSON line' })
            .option('out', {
              type: 'string',
              describe: 'folder that holds each run’s folder <run-id> (default .faultline/gamedays)',
            })
            .option('quiet', { type: 'boolean', default: false, describe: 'no progress lines on stderr' }),
        async (a) =>
          set(
            await gamedayCommand(
              { file: a.file, schedule: a.schedule, json: a.json, quiet: a.quiet, out: a.out },
              runtime,
            ),
          ),
      )
      .command(
        'history',
        'runs, capacity searches and game days over time; exit 1 on a regression',
        (y) =>
          y
            .option('experiment', { type: 'string', describe: 'only this experiment (or game day) name' })
            .option('previous', { type: 'number', describe: 'runs the median is taken over (default 5)' })
            .option('margin', { type: 'string', describe: 'noise margin (default 20%)' })
            .option('json', { type: 'boolean', default: false }),
        async (a) =>
          set(
            await historyCommand(
              { experiment: a.experiment, previous: a.previous, margin: a.margin, json: a.json },
              runtime,
            ),
          ),
      )
      .command(
        'validate <files..>',
        'check experiment files; print every problem with file:line:col',
        (y) =>
          y
            .positional('files', { type: 'string', array: true, demandOption: true })
            .option('json', { type: 'boolean', default: false }),
        (a) => set(validateCommand(a.files, a.json, runtime)),
      )
      .command(
        'plan <file>',
        'print the timeline and targets of an experiment without running it',
        (y) =>
          y
            .positional('file', { type: 'string', demandOption: true })
            .option('json', { type: 'boolean', default: false }),
        async (a) => set(await planCommand(a.file, a.json, runtime)),
      )
      .command(
        'proxy',
        'run the embedded Toxiproxy-compatible proxy standalone',
        (y) =>
          y
            .option('host', { type: 'string', default: '127.0.0.1' })
            .option('port', { type: 'number', default: 8474 })
            .option('config', { type: 'string', describe: 'JSON file of proxies to create at start' })
            .option('proxy-metrics', {
              type: 'boolean',
              default: false,
              describe: 'serve byte counters per proxy at /metrics (Prometheus)',
            })
            .option('runtime-metrics', {
              type: 'boolean',
              default: false,
              describe: 'serve process metrics (CPU, memory, event loop, GC) at /metrics',
            }),
        async (a) =>
          set(
            await proxyCommand(
              {
                host: a.host,
                port: a.port,
                config: a.config,
                proxyMetrics: a.proxyMetrics,
                runtimeMetrics: a.runtimeMetrics,
              },
              runtime,
            ),
          ),
      )
      .command(
        'recover',
        'undo what a run that could not revert left behind (Docker, Toxiproxy), by run id',
        (y) =>
          y
            .option('run', {
              type: 'string',
              describe: 'the run id (printed at the start of a run, kept in its journal)',
            })
            .option('all', {
              type: 'boolean',
              default: false,
              describe: 'every faultline run: only when no run is going on',
            })
            .option('toxiproxy', {
              type: 'string',
              array: true,
              default: [] as string[],
              describe: 'a Toxiproxy server URL to sweep (repeatable)',
            })
            .option('docker', {
              type: 'boolean',
              describe:
                'sweep the default Docker engine, DOCKER_HOST or the local socket (default: when it answers; --no-docker skips it)',
            })
            .option('engine', {
              type: 'string',
              array: true,
              default: [] as string[],
              describe:
                'another Docker engine to sweep (repeatable): [NAME=]unix:///path, tcp://host:port, ssh://user@host, or a Docker context name',
            })
            .option('json', { type: 'boolean', default: false }),
        async (a) =>
          set(
            await recoverCommand(
              {
                run: a.run,
                all: a.all,
                toxiproxy: a.toxiproxy,
                docker: a.docker,
                engines: a.engine,
                json: a.json,
              },
              runtime,
              recoverProviders,
            ),
          ),
      )
      .command(
        'stop',
        'emergency stop: the runs going on in this folder stop injecting and revert every fault',
        (y) =>
          y.option('run', { type: 'string', describe: 'only this run (default: every run going on here)' }),
        async (a) => set(await stopCommand(a.run, runtime)),
      )
      .command(
        'schema [kind]',
        'print the JSON Schema of experiment (default), scenario or gameday files',
        (y) =>
          y.positional('kind', {
            choices: SCHEMA_KINDS,
            default: 'experiment' as const,
            describe: 'which files',
          }),
        (a) => set(schemaCommand(runtime, a.kind)),
      )
      .demandCommand(
        1,
        'name a command: run, report, init, capacity, gameday, history, validate, plan, recover, stop, proxy, schema',
      )
      .strict()
      .exitProcess(false)
      .fail((message, error) => {
        throw (
          error ?? new InvalidInputError([{ message: usageMessage(message, argv[0]) }], { code: 'E_USAGE' })
        );
      })
      .version(false)
      .help()
      .parseAsync();
  } catch (error) {
    return printError(error, runtime.stderr);
  }
  return code;
}

/** `--reporter`: repeatable, each value a comma-separated list of reporter names. */
const REPORTER_OPTION = {
  type: 'string',
  describe: 'reports to write into the run folder: html, junit, markdown, postmortem, json (comma-separated)',
} as const;

/** A repeatable string flag's values: yargs gives a string once, an array when repeated. */
function listOf(value: unknown): string[] {
  return (Array.isArray(value) ? value : value === undefined ? [] : [value]).map(String);
}

/** What each command's positional arguments are, for a missing-argument error. */
const POSITIONALS: Readonly<Record<string, string>> = {
  run: 'an experiment YAML file (faultline run <file>)',
  validate: 'one or more experiment YAML files (faultline validate <files..>)',
  plan: 'an experiment YAML file (faultline plan <file>)',
  capacity: 'an experiment YAML file (faultline capacity <file>)',
  gameday: 'a game day YAML file (faultline gameday <file>)',
  report: 'the journal.json of a run (faultline report <journal>)',
  init: 'the URL of the service to test (faultline init <url>)',
};

/** yargs' message, made to say what was expected where yargs only counts arguments. */
function usageMessage(message: string, command: string | undefined): string {
  const expected = command === undefined ? undefined : POSITIONALS[command];
  if (expected !== undefined && message.startsWith('Not enough non-option arguments')) {
    return `${command}: expected ${expected}; found none (see faultline ${command} --help)`;
  }
  return `${message} (see faultline --help)`;
}
