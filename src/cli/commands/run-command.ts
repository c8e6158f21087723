import { join, resolve } from 'node:path';
import { formatDuration } from '../../experiment/quantities.ts';
import { loadExperiment } from '../../experiment/load-experiment.ts';
import { describeErrno, errnoCode, errnoPhrase } from '../../errors/errno-phrase.ts';
import { InvalidInputError } from '../../errors/faultline-error.ts';
import { redactText } from '../../journal/redact.ts';
import { JournalFile } from '../../journal/journal-file.ts';
import { AutocannonDriver } from '../../load/autocannon-driver.ts';
import { runSummary } from '../../report/run-summary.ts';
import { terminalSummary } from '../../report/terminal-summary.ts';
import { runExperiment } from '../../runner/run-experiment.ts';
import { runStopSignal } from '../../runtime/run-stop-signal.ts';
import { revertProgress } from '../../runtime/revert-progress.ts';
import type { Runtime } from '../../runtime/runtime.ts';
import { planCommand } from './plan-command.ts';
import { defaultRegistry } from '../default-registry.ts';
import { newRunId } from '../run-id.ts';
import type { FaultRegistry } from '../../faults/fault-registry.ts';

export interface RunOptions {
  readonly file: string;
  readonly json: boolean;
  readonly out?: string | undefined;
  readonly quiet: boolean;
  /** Resolve targets and print the plan; start, load and inject nothing. */
  readonly dryRun?: boolean;
  /** For tests: the providers to use instead of the default ones. */
  readonly registry?: FaultRegistry;
}

/** `faultline run <file>`: runs the experiment and returns the exit code of its verdict. */
export async function runCommand(options: RunOptions, runtime: Runtime): Promise<number> {
  if (options.dryRun)
    return planCommand(options.file, options.json, runtime, options.registry, { dryRun: true });
  const experiment = loadExperiment(options.file, {
    readText: (p) => runtime.readText(resolve(runtime.cwd, p)),
    env: runtime.env,
  });
  const runId = newRunId(experiment.name, runtime.now());
  revertProgress.runId = runId;
  const dir = resolve(runtime.cwd, options.out ?? join('.faultline', 'runs', runId));
  const file = openJournal(
    dir,
    experiment.secrets,
    options.out === undefined ? 'the journal folder' : '--out',
  );
  const log = (line: string) => {
    if (!options.quiet)
      runtime.stderr.write(
        `[${new Date(runtime.now()).toISOString().slice(11, 23)}] ${redactText(line, experiment.secrets)}\n`,
      );
  };
  log(`run ${runId}: ${experiment.name}, journal in ${dir}`);
  const stop = runStopSignal(
    runtime.cwd,
    runId,
    runtime.signal,
    experiment.guardrails['max-duration'],
    formatDuration,
  );
  const journal = await runExperiment(experiment, {
    runId,
    registry: options.registry ?? defaultRegistry(experiment),
    load: new AutocannonDriver(),
    clock: runtime.clock,
    signal: stop.signal,
    now: runtime.now,
    sink: { event: (e) => file.append(e), log },
  }).finally(() => stop.dispose());
  file.write(journal);
  // Secrets from ${env:…} reach no output: the terminal is redacted like the journal.
  const print = (text: string) => runtime.stdout.write(redactText(text, experiment.secrets));
  if (options.json) print(`${JSON.stringify(runSummary(journal, file.jsonPath), null, 2)}\n`);
  else print(terminalSummary(journal, file.jsonPath));
  return journal.exitCode ?? 5;
}

/** The run's journal folder, or exit 2 before anything runs when it cannot be written. */
function openJournal(dir: string, secrets: ReadonlyMap<string, string>, what: string): JournalFile {
  try {
    return new JournalFile(dir, secrets);
  } catch (error) {
    const code = errnoCode(error);
    const why =
      code === 'EEXIST' || code === 'ENOTDIR'
        ? `${errnoPhrase(error)} (expected a folder, or a path that does not exist yet)`
        : describeErrno(error);
    throw new InvalidInputError([{ message: `${what}: cannot keep the journal in ${dir}: ${why}` }], {
      code: 'E_JOURNAL_DIR',
    });
  }
}
