import { InvalidInputError } from '../errors/faultline-error.ts';
import type { Reporter } from './reporter.ts';

/**
 * The one registry of reporters, by name. Built once at start-up: a second reporter with a name
 * (or a file) already taken is a programming error and throws at construction.
 */
export class ReporterRegistry {
  readonly #byName = new Map<string, Reporter>();

  constructor(reporters: readonly Reporter[]) {
    for (const reporter of reporters) {
      if (this.#byName.has(reporter.name)) throw new Error(`reporter ${reporter.name} is registered twice`);
      const clash = [...this.#byName.values()].find((r) => r.file === reporter.file);
      if (clash) throw new Error(`reporters ${clash.name} and ${reporter.name} both write ${reporter.file}`);
      this.#byName.set(reporter.name, reporter);
    }
  }

  /** Every registered name, in registration order. */
  names(): string[] {
    return [...this.#byName.keys()];
  }

  /**
   * The reporters named by a flag's values (each value may be a comma-separated list), in the
   * order given, without repeats. Throws InvalidInputError naming `flag` for an unknown or empty
   * name, listing the names it accepts.
   */
  select(values: readonly string[], flag: string): Reporter[] {
    const names = values.flatMap((v) => v.split(',')).map((n) => n.trim());
    const chosen: Reporter[] = [];
    const problems: string[] = [];
    for (const name of names) {
      const reporter = this.#byName.get(name);
      if (!reporter) problems.push(name === '' ? 'an empty name' : `"${name}"`);
      else if (!chosen.includes(reporter)) chosen.push(reporter);
    }
    if (problems.length > 0)
      throw new InvalidInputError(
        [
          {
            message: `${flag}: unknown reporter ${problems.join(', ')}; expected a comma-separated list of: ${this.names().join(', ')}`,
          },
        ],
        { code: 'E_USAGE' },
      );
    return chosen;
  }
}
