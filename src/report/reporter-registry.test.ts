import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../errors/faultline-error.ts';
import type { Reporter } from './reporter.ts';
import { ReporterRegistry } from './reporter-registry.ts';

const reporter = (name: string, file = `${name}.txt`): Reporter => ({
  name,
  file,
  description: name,
  render: (j) => j.runId,
});

describe('the reporter registry', () => {
  it('rejects a second reporter with a name or a file already taken, at construction', () => {
    expect(() => new ReporterRegistry([reporter('html'), reporter('html', 'other.html')])).toThrow(
      'reporter html is registered twice',
    );
    expect(() => new ReporterRegistry([reporter('a', 'x.txt'), reporter('b', 'x.txt')])).toThrow(
      'reporters a and b both write x.txt',
    );
  });

  it('selects from comma-separated and repeated values, in order, without repeats', () => {
    const registry = new ReporterRegistry([reporter('html'), reporter('junit'), reporter('markdown')]);
    expect(registry.select(['markdown,html', 'html', ' junit'], '--reporter').map((r) => r.name)).toEqual([
      'markdown',
      'html',
      'junit',
    ]);
  });

  it('names the flag, every unknown value and what it accepts', () => {
    const registry = new ReporterRegistry([reporter('html'), reporter('junit')]);
    let error: unknown;
    try {
      registry.select(['html,pdf,', 'xml'], '--reporter');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).message).toBe(
      '--reporter: unknown reporter "pdf", an empty name, "xml"; expected a comma-separated list of: html, junit',
    );
  });
});
