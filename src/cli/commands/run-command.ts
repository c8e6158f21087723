import { join, resolve } from 'node:path';
import { loadExperiment } from '../../experiment/load-experiment.ts';
import { JournalFile } from '../../journal/journal-file.ts';
import { AutocannonDriver } from '../../load/autocannon-driver.ts';
import { runSummary } from '../../report/run-summary.ts';
import { terminalSummary } from '../../report/terminal-summary.ts';
import { runExperiment } from '../../runner/run-experiment.ts';
import type { Runtime } from '../../runtime/runtime.ts';
import { defaultRegistry } from '../default-registry.ts';
import { newRunId } from '../run-id.ts';
import type { FaultRegistry } from '../../faults/fault-registry.ts';

export interface RunOptions {
  readonly file: string;
  readonly json: boolean;
  readonly out?: string | undefined;
  readonly quiet: boolean;
  /** For tests: the providers to use instead of the default ones. */
  readonly registry?: FaultRegistry;
}

/** `faultline run <file>`: runs the experiment and returns the exit code of its verdict. */
export async function runCommand(options: RunOptions, runtime: Runtime): Promise<number> {
  const experiment = loadExperiment(options.file, {
    readText: (p) => runtime.readText(resolve(runtime.cwd, p)),
    env: runtime.env,
  });
  const runId = newRunId(experiment.name, runtime.now());
  const dir = resolve(runtime.cwd, options.out ?? join('.faultline', 'runs', runId));
  const file = new JournalFile(dir, experiment.secrets);
  const log = (line: string) => {
    if (!options.quiet)
      runtime.stderr.write(`[${new Date(runtime.now()).toISOString().slice(11, 23)}] ${line}\n`);
  };
  log(`run ${runId}: ${experiment.name}, journal in ${dir}`);
  const journal = await runExperiment(experiment, {
    runId,
    registry: options.registry ?? defaultRegistry(experiment),
    load: new AutocannonDriver(),
    clock: runtime.clock,
    signal: runtime.signal,
    now: runtime.now,
    sink: { event: (e) => file.append(e), log },
  });
  file.write(journal);
  if (options.json) runtime.stdout.write(`${JSON.stringify(runSummary(journal, file.jsonPath), null, 2)}\n`);
  else runtime.stdout.write(terminalSummary(journal, file.jsonPath));
  return journal.exitCode ?? 5;
}
