import { dirname, resolve as resolvePath, relative } from 'node:path';
import { z } from 'zod';
import type { Problem } from '../errors/faultline-error.ts';
import { problemsFromIssues } from './issue-messages.ts';
import type { PlannedFault } from './model.ts';
import type { UseSpec } from './schema-faults.ts';
import { scenarioSchema } from './schema.ts';
import { problemCollector, substitute } from './substitute.ts';
import { parseYamlSource, type DataPath, type YamlSource } from './yaml-source.ts';

/** Reads a text file; undefined when it does not exist. Injected so the domain does no I/O. */
export type ReadText = (path: string) => string | undefined;

/**
 * Expands one `use:` step: reads the scenario file (relative to the experiment file), fills its
 * parameters from `with` and defaults, validates its faults and shifts them by the step's `at`.
 * Fault names become `<as or scenario>/<name>`. Problems are located in whichever file holds them.
 */
export function expandScenario(
  step: UseSpec,
  stepPath: DataPath,
  experiment: YamlSource,
  readText: ReadText,
): { faults: PlannedFault[]; problems: Problem[] } {
  const file = resolvePath(dirname(experiment.file), step.use);
  const shown = relative('.', file) || file;
  const text = readText(file);
  if (text === undefined) {
    return {
      faults: [],
      problems: [
        { message: `scenario file not found: ${shown}`, location: experiment.locate([...stepPath, 'use']) },
      ],
    };
  }
  const source = parseYamlSource(shown, text);
  if (source.syntaxProblems.length > 0) return { faults: [], problems: [...source.syntaxProblems] };
  const header = scenarioSchema.extend({ faults: z.array(z.unknown()).min(1) }).safeParse(source.data);
  if (!header.success)
    return { faults: [], problems: problemsFromIssues(header.error.issues, source, scenarioSchema) };
  const params = header.data.parameters;
  const problems: Problem[] = [];
  for (const key of Object.keys(step.with)) {
    if (!(key in params)) {
      problems.push({
        message: `scenario ${header.data.scenario} has no parameter \`${key}\`; it takes: ${Object.keys(params).join(', ') || 'none'}`,
        location: experiment.locateKey([...stepPath, 'with', key]),
      });
    }
  }
  for (const [name, param] of Object.entries(params)) {
    if (param.default === undefined && step.with[name] === undefined) {
      problems.push({
        message: `scenario ${header.data.scenario} needs parameter \`${name}\`${param.description ? ` (${param.description})` : ''}; give it in \`with\``,
        location: experiment.locate([...stepPath, 'use']),
      });
    }
  }
  if (problems.length > 0) return { faults: [], problems };
  const collector = problemCollector(source.locate);
  const filled = substitute(
    source.data,
    (name, isEnv) => {
      if (isEnv) return undefined;
      const value = step.with[name] ?? params[name]?.default;
      if (value !== undefined) return { value };
      return {
        problem: `unknown parameter \`${name}\`; declared: ${Object.keys(params).join(', ') || 'none'}`,
      };
    },
    collector.report,
  );
  problems.push(...collector.problems);
  const parsed = scenarioSchema.safeParse(filled);
  if (!parsed.success)
    return {
      faults: [],
      problems: [
        ...problems,
        ...problemsFromIssues(parsed.error.issues, { ...source, data: filled }, scenarioSchema),
      ],
    };
  const prefix = step.as ?? parsed.data.scenario;
  const faults = parsed.data.faults.map((fault, i): PlannedFault => ({
    ...fault,
    name: `${prefix}/${fault.name}`,
    at: fault.at + step.at,
    scenario: prefix,
    locate: (path) => source.locate(['faults', i, ...path]),
  }));
  return { faults, problems };
}
