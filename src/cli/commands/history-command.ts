import { readFileSync } from 'node:fs';
import { ExitCode } from '../../errors/exit-codes.ts';
import { InvalidInputError } from '../../errors/faultline-error.ts';
import { parseHistory } from '../../history/history-entry.ts';
import { historyText } from '../../history/history-text.ts';
import { historyIndexPath } from '../../history/record-in-history.ts';
import { DEFAULT_RULE, findRegressions } from '../../history/regressions.ts';
import type { Runtime } from '../../runtime/runtime.ts';

export interface HistoryOptions {
  readonly experiment?: string | undefined;
  readonly json: boolean;
  /** How many previous entries the median is taken over (`--previous`). */
  readonly previous?: number | undefined;
  /** Noise margin as typed (`--margin 20%`). */
  readonly margin?: string | undefined;
}

/**
 * `faultline history`: every indexed run, capacity search and game day of this folder, oldest
 * first, and the regressions of the latest entry of each experiment. Exit 1 when one is found
 * (for CI), 0 otherwise, 2 for bad flags.
 */
export async function historyCommand(options: HistoryOptions, runtime: Runtime): Promise<number> {
  const rule = {
    ...DEFAULT_RULE,
    previous: checkedPrevious(options.previous),
    margin: checkedMargin(options.margin),
  };
  let text = '';
  try {
    text = readFileSync(historyIndexPath(runtime.cwd), 'utf8');
  } catch {
    text = '';
  }
  const entries = parseHistory(text).filter(
    (e) => options.experiment === undefined || e.experiment === options.experiment,
  );
  const regressions = findRegressions(entries, rule);
  runtime.stdout.write(
    options.json
      ? `${JSON.stringify({ entries, regressions }, null, 2)}\n`
      : historyText(entries, regressions),
  );
  return Promise.resolve(regressions.length > 0 ? ExitCode.sloFailed : ExitCode.pass);
}

function checkedPrevious(value: number | undefined): number {
  if (value === undefined) return DEFAULT_RULE.previous;
  if (Number.isInteger(value) && value >= 1 && value <= 1000) return value;
  throw new InvalidInputError(
    [
      {
        message: `--previous: expected a whole number of runs from 1 to 1000, such as 5; found ${String(value)}`,
      },
    ],
    { code: 'E_USAGE' },
  );
}

function checkedMargin(value: string | undefined): number {
  if (value === undefined) return DEFAULT_RULE.margin;
  const match = /^(\d+(\.\d+)?)%$/.exec(value.trim());
  const share = match ? Number(match[1]) / 100 : NaN;
  if (share >= 0 && share <= 10) return share;
  throw new InvalidInputError(
    [{ message: `--margin: expected a percentage such as 20%; found ${JSON.stringify(value)}` }],
    { code: 'E_USAGE' },
  );
}
