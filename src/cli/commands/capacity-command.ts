import { renameSync, writeFileSync, appendFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { capacitySettings, type CapacityFlags } from '../../capacity/capacity-settings.ts';
import { capacityHtml } from '../../capacity/capacity-html.ts';
import { capacityText } from '../../capacity/capacity-text.ts';
import { runCapacity } from '../../capacity/run-capacity.ts';
import { loadExperiment } from '../../experiment/load-experiment.ts';
import type { FaultRegistry } from '../../faults/fault-registry.ts';
import { redactText } from '../../journal/redact.ts';
import { WorkerLoadDriver } from '../../load/worker-load-driver.ts';
import { recordInHistory } from '../../history/record-in-history.ts';
import type { Runtime } from '../../runtime/runtime.ts';
import { defaultRegistry } from '../default-registry.ts';
import { uplotAssets } from '../default-reporters.ts';
import { recordFolder } from '../record-folder.ts';
import { newRunId } from '../run-id.ts';

export interface CapacityOptions extends CapacityFlags {
  readonly file: string;
  readonly break: boolean;
  readonly json: boolean;
  readonly quiet: boolean;
  /** The folder for capacity.json and capacity.ndjson (default .faultline/capacity/<run-id>). */
  readonly out?: string | undefined;
  /** For tests: the providers to use instead of the default ones. */
  readonly registry?: FaultRegistry;
}

/**
 * `faultline capacity <file>`: the highest arrival rate every objective holds at. Writes
 * capacity.json, capacity.ndjson (every event) and capacity.html (the curves, charted) into `--out` or .faultline/capacity/<run-id>, indexes the
 * result in the history, prints text or `--json`. Exit 0 with an answer, 1 when even `--from`
 * failed, 2 for bad flags (before anything runs), 3 interrupted, 4 a fault left in place, 5 error.
 */
export async function capacityCommand(options: CapacityOptions, runtime: Runtime): Promise<number> {
  const experiment = loadExperiment(options.file, {
    readText: (p) => runtime.readText(resolve(runtime.cwd, p)),
    env: runtime.env,
  });
  const settings = capacitySettings(experiment, options);
  const runId = newRunId(experiment.name, runtime.now());
  const dir = recordFolder(
    resolve(runtime.cwd, options.out ?? join('.faultline', 'capacity', runId)),
    options.out === undefined ? 'the record folder' : '--out',
  );
  const ndjson = join(dir, 'capacity.ndjson');
  writeFileSync(ndjson, '');
  const redact = (text: string) => redactText(text, experiment.secrets);
  const log = (line: string) => {
    if (!options.quiet)
      runtime.stderr.write(`[${new Date(runtime.now()).toISOString().slice(11, 23)}] ${line}\n`);
  };
  log(
    `capacity ${runId}: ${experiment.name} from ${settings.from} to ${settings.to} req/s, record in ${dir}`,
  );
  const report = await runCapacity(
    experiment,
    {
      runId,
      registry: options.registry ?? defaultRegistry(experiment),
      load: new WorkerLoadDriver(),
      clock: runtime.clock,
      signal: runtime.signal,
      now: runtime.now,
      sink: { event: (e) => appendFileSync(ndjson, `${redact(JSON.stringify(e))}\n`), log },
    },
    {
      settings,
      breakingPoint: options.break,
      onLevel: (level, index) => {
        appendFileSync(ndjson, `${JSON.stringify({ kind: 'level', index, level })}\n`);
        log(
          `level ${index}: ${level.rate} req/s (${level.purpose}) ${level.outcome}${level.brokenBy ? `: ${level.brokenBy}` : ''}${level.invalidReason ? `: ${level.invalidReason}` : ''}; p99 ${level.p99Ms ?? '-'} ms, good ${level.goodRate}/s`,
        );
      },
    },
  );
  const file = join(dir, 'capacity.json');
  writeFileSync(`${file}.tmp`, `${redact(JSON.stringify(report, null, 2))}\n`);
  renameSync(`${file}.tmp`, file);
  const html = join(dir, 'capacity.html');
  writeFileSync(html, redact(capacityHtml(report, uplotAssets())));
  log(`charts: ${html}`);
  recordInHistory(runtime.cwd, {
    kind: 'capacity',
    id: runId,
    experiment: experiment.name,
    at: report.startedAt,
    path: file,
    verdict: report.exitCode === 0 ? 'pass' : report.aborted ? 'aborted' : report.error ? 'error' : 'fail',
    capacity: report.maxSustainableRate,
    capacityUnder: report.underFailure?.maxSustainableRate ?? null,
    budgetBurned: null,
    timeToRecoverMs: null,
  });
  runtime.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : capacityText(report, file));
  return report.exitCode;
}
