import { dirname, relative, resolve as resolvePath } from 'node:path';
import type { Problem, SourceLocation } from '../errors/faultline-error.ts';
import { valueAt } from './data-path.ts';
import { mapOpenSlo } from './openslo-mapping.ts';
import { formatDuration } from './quantities.ts';
import type { ReadText } from './scenarios.ts';
import type { SlosSpec } from './schema-slos.ts';
import { parseYamlDocuments, type YamlSource } from './yaml-source.ts';

/** Where each resolved objective and the window were written (experiment or OpenSLO file). */
export interface SloOrigins {
  objectiveName(index: number): SourceLocation;
  window(): SourceLocation;
}

/**
 * Resolves `slos`: the experiment's own objectives first, then those mapped from `slos.openslo`
 * (read relative to the experiment file). The window is the OpenSLO `timeSliceWindow` when its
 * SLOs use Timeslices (a different explicit `slos.window` is a problem), else `slos.window`.
 */
export function resolveSlos(
  slos: SlosSpec,
  experiment: YamlSource,
  readText: ReadText,
): { slos: SlosSpec; origins: SloOrigins; problems: Problem[] } {
  const own = slos.objectives.length;
  const ownOrigins: SloOrigins = {
    objectiveName: (i) => experiment.locate(['slos', 'objectives', i, 'name']),
    window: () => experiment.locate(['slos', 'window']),
  };
  if (slos.openslo === undefined) return { slos, origins: ownOrigins, problems: [] };
  const file = resolvePath(dirname(experiment.file), slos.openslo);
  const shown = relative('.', file) || file;
  const text = readText(file);
  if (text === undefined)
    return {
      slos,
      origins: ownOrigins,
      problems: [
        { message: `OpenSLO file not found: ${shown}`, location: experiment.locate(['slos', 'openslo']) },
      ],
    };
  const mapping = mapOpenSlo(parseYamlDocuments(shown, text));
  const problems = [...mapping.problems];
  const explicitWindow = valueAt(experiment.data, ['slos', 'window']) !== undefined;
  if (mapping.window && explicitWindow && mapping.window.ms !== slos.window)
    problems.push({
      message: `timeSliceWindow ${formatDuration(mapping.window.ms)} differs from slos.window ${formatDuration(slos.window)} in ${experiment.file}; faultline scores every objective on one window: make them equal or drop slos.window`,
      location: mapping.window.location,
    });
  const windowAt = mapping.window?.location;
  return {
    slos: {
      ...slos,
      window: mapping.window?.ms ?? slos.window,
      objectives: [...slos.objectives, ...mapping.objectives.map((o) => o.spec)],
    },
    origins: {
      objectiveName: (i) =>
        i < own
          ? ownOrigins.objectiveName(i)
          : (mapping.objectives[i - own]?.location ?? ownOrigins.window()),
      window: () => windowAt ?? ownOrigins.window(),
    },
    problems,
  };
}
