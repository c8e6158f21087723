import { dirname, resolve } from 'node:path';
import { InvalidInputError } from '../../errors/faultline-error.ts';
import { readJournal } from '../../journal/read-journal.ts';
import type { Runtime } from '../../runtime/runtime.ts';
import { defaultReporters } from '../default-reporters.ts';
import { writeReports } from '../write-reports.ts';

export interface ReportOptions {
  readonly journal: string;
  readonly reporter: readonly string[];
  readonly out?: string | undefined;
}

/** The reporters `faultline report` renders when `--reporter` is not given. */
export const DEFAULT_REPORT_REPORTERS = ['html', 'junit', 'markdown', 'postmortem'];

/**
 * `faultline report <journal.json>`: re-renders reports from a saved journal into `--out` (default:
 * the journal's folder). Flags and the journal are checked before anything is written; exit 0.
 */
export function reportCommand(options: ReportOptions, runtime: Runtime): number {
  const reporters = defaultReporters().select(
    options.reporter.length > 0 ? options.reporter : DEFAULT_REPORT_REPORTERS,
    '--reporter',
  );
  const path = resolve(runtime.cwd, options.journal);
  const text = runtime.readText(path);
  if (text === undefined)
    throw new InvalidInputError(
      [{ message: `${options.journal}: no such file; expected the journal.json of a run` }],
      {
        code: 'E_FILE_NOT_FOUND',
      },
    );
  const journal = readJournal(text, options.journal);
  const dir = options.out === undefined ? dirname(path) : resolve(runtime.cwd, options.out);
  for (const written of writeReports(
    journal,
    reporters,
    dir,
    options.out === undefined ? 'the journal folder' : '--out',
  ))
    runtime.stdout.write(`${written}\n`);
  return 0;
}
