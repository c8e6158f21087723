import yargs from 'yargs';
import { InvalidInputError } from '../errors/faultline-error.ts';
import type { Runtime } from '../runtime/runtime.ts';
import { planCommand } from './commands/plan-command.ts';
import { proxyCommand } from './commands/proxy-command.ts';
import { recoverCommand } from './commands/recover-command.ts';
import { runCommand } from './commands/run-command.ts';
import { stopCommand } from './commands/stop-command.ts';
import { schemaCommand } from './commands/schema-command.ts';
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
            .option('quiet', { type: 'boolean', default: false, describe: 'no progress lines on stderr' })
            .option('dry-run', {
              type: 'boolean',
              default: false,
              describe: 'resolve targets and print the plan; start, load and inject nothing',
            }),
        async (a) =>
          set(
            await runCommand(
              { file: a.file, json: a.json, out: a.out, quiet: a.quiet, dryRun: a.dryRun },
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
            .option('config', { type: 'string', describe: 'JSON file of proxies to create at start' }),
        async (a) => set(await proxyCommand({ host: a.host, port: a.port, config: a.config }, runtime)),
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
              describe: 'sweep the Docker engine (default: when it answers; --no-docker skips it)',
            })
            .option('json', { type: 'boolean', default: false }),
        async (a) =>
          set(
            await recoverCommand(
              { run: a.run, all: a.all, toxiproxy: a.toxiproxy, docker: a.docker, json: a.json },
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
        'schema',
        'print the JSON Schema of experiment files',
        (y) => y,
        () => set(schemaCommand(runtime)),
      )
      .demandCommand(1, 'name a command: run, validate, plan, recover, stop, proxy, schema')
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

/** What each command's positional arguments are, for a missing-argument error. */
const POSITIONALS: Readonly<Record<string, string>> = {
  run: 'an experiment YAML file (faultline run <file>)',
  validate: 'one or more experiment YAML files (faultline validate <files..>)',
  plan: 'an experiment YAML file (faultline plan <file>)',
};

/** yargs' message, made to say what was expected where yargs only counts arguments. */
function usageMessage(message: string, command: string | undefined): string {
  const expected = command === undefined ? undefined : POSITIONALS[command];
  if (expected !== undefined && message.startsWith('Not enough non-option arguments')) {
    return `${command}: expected ${expected}; found none (see faultline ${command} --help)`;
  }
  return `${message} (see faultline --help)`;
}
