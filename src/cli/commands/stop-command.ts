import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ExitCode } from '../../errors/exit-codes.ts';
import { InvalidInputError } from '../../errors/faultline-error.ts';
import { activeRuns, stopFilePath } from '../../runtime/active-runs.ts';
import type { Runtime } from '../../runtime/runtime.ts';

const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/**
 * `faultline stop [--run <id>]`: the emergency stop. Asks the runs going on in this folder (or
 * only `run`) to stop injecting and revert every fault, by a stop file each run polls five
 * times a second; waits (at most `waitMs`) until each has seen it. Exit 0 when every run asked
 * saw it; 0 with a message when no run is going on; 2 for a bad or unknown --run; 5 when a run
 * did not pick the stop up in time.
 */
export async function stopCommand(run: string | undefined, runtime: Runtime, waitMs = 5000): Promise<number> {
  if (run !== undefined && !RUN_ID.test(run)) {
    throw new InvalidInputError(
      [{ message: `--run: expected a run id (letters, digits, . _ -), found ${JSON.stringify(run)}` }],
      { code: 'E_USAGE' },
    );
  }
  const going = activeRuns(runtime.cwd);
  const chosen = run === undefined ? going : going.filter((r) => r.runId === run);
  if (run !== undefined && chosen.length === 0) {
    throw new InvalidInputError(
      [
        {
          message: `--run: no run ${run} is going on in ${runtime.cwd}${going.length > 0 ? `; going on: ${going.map((r) => r.runId).join(', ')}` : ''}`,
        },
      ],
      { code: 'E_USAGE', hint: 'run faultline stop from the folder the run was started in' },
    );
  }
  if (chosen.length === 0) {
    runtime.stdout.write(`no faultline run is going on in ${runtime.cwd}; nothing to stop\n`);
    return ExitCode.pass;
  }
  const files = chosen.map((r) => stopFilePath(runtime.cwd, r.runId));
  for (const file of files) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${new Date().toISOString()}\n`);
  }
  const deadline = Date.now() + waitMs;
  while (files.some((f) => existsSync(f)) && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 50));
  let missed = 0;
  for (const [i, r] of chosen.entries()) {
    const seen = !existsSync(files[i] ?? '');
    if (!seen) missed += 1;
    runtime.stdout.write(
      seen
        ? `run ${r.runId} (pid ${r.pid}): stopping — it stops injecting and reverts every fault\n`
        : `run ${r.runId} (pid ${r.pid}): did not see the stop within ${waitMs} ms; try kill -INT ${r.pid}\n`,
    );
  }
  return missed > 0 ? ExitCode.runError : ExitCode.pass;
}
