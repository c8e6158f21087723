import { join, resolve } from 'node:path';
import { formatDuration } from '../../experiment/quantities.ts';
import { loadExperiment } from '../../experiment/load-experiment.ts';
import { InvalidInputError } from '../../errors/faultline-error.ts';
import { JournalFile } from '../../journal/journal-file.ts';
import { runHistoryEntry } from '../../history/history-entry.ts';
import { recordInHistory } from '../../history/record-in-history.ts';
import { verdictText } from '../../report/report-format.ts';
import { WorkerLoadDriver } from '../../load/worker-load-driver.ts';
import { runSummary } from '../../report/run-summary.ts';
import { terminalSummary } from '../../report/terminal-summary.ts';
import { runExperiment } from '../../runner/run-experiment.ts';
import { dockerSaturationSource } from '../../saturation/docker-saturation-source.ts';
import { processSaturationSource } from '../../saturation/process-saturation-source.ts';
import { runStopSignal } from '../../runtime/run-stop-signal.ts';
import { folderProblem } from '../record-folder.ts';
import { runPlaces } from '../../runtime/run-places.ts';
import { revertProgress } from '../../runtime/revert-progress.ts';
import type { Runtime } from '../../runtime/runtime.ts';
import { planCommand } from './plan-command.ts';
import { defaultRegistry } from '../default-registry.ts';
import { newRunId } from '../run-id.ts';
import type { FaultRegistry } from '../../faults/fault-registry.ts';
import type { Journal } from '../../journal/journal.ts';
import { ExitCode } from '../../errors/exit-codes.ts';
import { redactText } from '../../journal/redact.ts';
import { defaultReporters } from '../default-reporters.ts';
import { LiveProgress } from '../live-progress.ts';
import { runEnvironment } from '../run-environment.ts';
import { writeReports } from '../write-reports.ts';

export interface RunOptions {
  readonly file: string;
  readonly json: boolean;
  readonly out?: string | undefined;
  readonly quiet: boolean;
  /** `--reporter` values: reporter names, each value possibly a comma-separated list. */
  readonly reporter?: readonly string[];
  /** Resolve targets and print the plan; start, load and inject nothing. */
  readonly dryRun?: boolean;
  /** For tests: the providers to use instead of the default ones. */
  readonly registry?: FaultRegistry;
}

/** `faultline run <file>`: runs the experiment and returns the exit code of its verdict. */
export async function runCommand(options: RunOptions, runtime: Runtime): Promise<number> {
  const reporters = defaultReporters().select(options.reporter ?? [], '--reporter');
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
  // Secrets from ${env:…} reach no output: what the terminal shows is redacted like the journal.
  const redacting = (out: Runtime['stderr']): Runtime['stderr'] => ({
    write: (text) => out.write(redactText(text, experiment.secrets)),
    ...(out.isTTY === undefined ? {} : { isTTY: out.isTTY }),
    columns: out.columns,
    rows: out.rows,
  });
  const progress = new LiveProgress(
    redacting(runtime.stderr),
    options.quiet ? 'quiet' : runtime.stderr.isTTY === true ? 'tty' : 'lines',
    () => runtime.now().getTime(),
  );
  const log = progress.log;
  log(`run ${runId}: ${experiment.name}, journal in ${dir}`);
  const stop = runStopSignal(
    runtime.cwd,
    runId,
    runtime.signal,
    experiment.guardrails['max-duration'],
    formatDuration,
    runPlaces(experiment),
  );
  let ended: Journal | undefined;
  const journal = await runExperiment(experiment, {
    runId,
    registry: options.registry ?? defaultRegistry(experiment),
    load: new WorkerLoadDriver(),
    clock: runtime.clock,
    signal: stop.signal,
    now: runtime.now,
    environment: runEnvironment(),
    saturation: [dockerSaturationSource(experiment.engines), processSaturationSource()],
    sink: {
      event: (e) => {
        file.append(e);
        progress.event(e);
      },
      log,
    },
  })
    .then((j) => (ended = j))
    .finally(() => {
      // A fault left in place (or a run that did not finish): recover will need to know where.
      stop.dispose(ended === undefined || ended.exitCode === ExitCode.revertFailed);
      progress.close();
    });
  file.write(journal);
  recordInHistory(runtime.cwd, runHistoryEntry(journal, file.jsonPath), log);
  // Reporters see what the file holds: the journal with secret values redacted.
  const redacted = JSON.parse(redactText(JSON.stringify(journal), experiment.secrets)) as Journal;
  writeReports(redacted, reporters, dir, options.out === undefined ? 'the journal folder' : '--out');
  const print = (text: string) => runtime.stdout.write(redactText(text, experiment.secrets));
  if (options.json) print(`${JSON.stringify(runSummary(journal, file.jsonPath), null, 2)}\n`);
  else if (options.quiet) print(quietVerdict(journal));
  else print(terminalSummary(journal, file.jsonPath));
  return journal.exitCode ?? 5;
}

/** The run's journal folder, or exit 2 before anything runs when it cannot be written. */
function openJournal(dir: string, secrets: ReadonlyMap<string, string>, what: string): JournalFile {
  try {
    return new JournalFile(dir, secrets);
  } catch (error) {
    const why = folderProblem(error);
    throw new InvalidInputError([{ message: `${what}: cannot keep the journal in ${dir}: ${why}` }], {
      code: 'E_JOURNAL_DIR',
    });
  }
}

/**
 * What `--quiet` prints: the verdict alone; for `error`, also the run's notes, which say what
 * could not be carried out and what to do (a CI log must not need the journal to read the cause).
 */
function quietVerdict(journal: Journal): string {
  const head = `${journal.experiment.name}: ${verdictText(journal)}\n`;
  if (journal.verdict !== 'error') return head;
  return head + journal.notes.map((n) => `  ${n.message}\n`).join('');
}
