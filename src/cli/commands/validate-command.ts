import { resolve } from 'node:path';
import { InvalidInputError, formatProblem } from '../../errors/faultline-error.ts';
import { loadExperiment } from '../../experiment/load-experiment.ts';
import type { Runtime } from '../../runtime/runtime.ts';
import { ExitCode } from '../../errors/exit-codes.ts';

/** `faultline validate <files…>`: checks each file and prints every problem, located. */
export function validateCommand(files: readonly string[], json: boolean, runtime: Runtime): number {
  const results = files.map((file) => {
    try {
      const experiment = loadExperiment(file, {
        readText: (p) => runtime.readText(resolve(runtime.cwd, p)),
        env: runtime.env,
      });
      return { file, ok: true, faults: experiment.faults.length, problems: [] as string[] };
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      return { file, ok: false, faults: 0, problems: error.problems.map(formatProblem) };
    }
  });
  if (json) runtime.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  for (const r of results) {
    if (json) continue;
    if (r.ok) runtime.stdout.write(`${r.file}: valid (${r.faults} fault${r.faults === 1 ? '' : 's'})\n`);
    else
      runtime.stderr.write(
        `${r.problems.join('\n')}\n${r.file}: ${r.problems.length} problem${r.problems.length === 1 ? '' : 's'}\n`,
      );
  }
  return results.every((r) => r.ok) ? ExitCode.pass : ExitCode.invalidInput;
}
