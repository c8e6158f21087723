import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeErrno } from '../errors/errno-phrase.ts';
import { InvalidInputError } from '../errors/faultline-error.ts';
import type { Journal } from '../journal/journal.ts';
import type { Reporter } from '../report/reporter.ts';

/**
 * Renders every reporter first, then writes each file into `dir` (created when missing); returns
 * the paths written. A reporter that throws writes nothing at all. A folder that cannot be
 * written is an InvalidInputError naming `flag`.
 */
export function writeReports(
  journal: Journal,
  reporters: readonly Reporter[],
  dir: string,
  flag: string,
): string[] {
  const rendered = reporters.map((r) => ({ path: join(dir, r.file), text: r.render(journal) }));
  try {
    mkdirSync(dir, { recursive: true });
    for (const file of rendered) writeFileSync(file.path, file.text);
  } catch (error) {
    throw new InvalidInputError(
      [{ message: `${flag}: cannot write the reports into ${dir}: ${describeErrno(error)}` }],
      {
        code: 'E_REPORT_DIR',
      },
    );
  }
  return rendered.map((f) => f.path);
}
