import type { Journal } from '../journal/journal.ts';

/**
 * A reporter: a pure function from a finished journal to the content of one file. It reads
 * nothing and writes nothing; the CLI writes `render(journal)` to `<out>/<file>`.
 */
export interface Reporter {
  /** The name used with `--reporter` (`html`, `junit`, …). */
  readonly name: string;
  /** The file name it produces in the output folder (`report.html`). */
  readonly file: string;
  /** One line for `--help`. */
  readonly description: string;
  render(journal: Journal): string;
}
