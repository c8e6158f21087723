import { InvalidInputError, type Problem } from '../errors/faultline-error.ts';
import { problemsFromIssues } from './issue-messages.ts';
import type { Experiment, PlannedFault } from './model.ts';
import { expandScenario, type ReadText } from './scenarios.ts';
import { experimentSchema } from './schema.ts';
import { checkFaultsOfInvalidFile } from './partial-checks.ts';
import { resolveSlos } from './resolve-slos.ts';
import { checkSemantics } from './semantics.ts';
import { problemCollector, substitute } from './substitute.ts';
import { parseYamlSource } from './yaml-source.ts';

/** The largest experiment file read, in characters: YAML parsing time grows fast past it. */
export const MAX_FILE_CHARS = 256 * 1024;

/** What the loader may read: files (injected) and the environment for `${env:NAME}`. */
export interface LoadInputs {
  readonly readText: ReadText;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/**
 * Loads and validates an experiment file. Collects every problem (YAML syntax, schema, scenario
 * files, cross-field rules) and throws one InvalidInputError listing all of them, each located
 * as file:line:col. Touches nothing but the files it reads.
 */
export function loadExperiment(file: string, inputs: LoadInputs): Experiment {
  const text = inputs.readText(file);
  if (text === undefined)
    throw new InvalidInputError([{ message: `experiment file not found: ${file}` }], {
      code: 'E_FILE_NOT_FOUND',
    });
  if (text.length > MAX_FILE_CHARS)
    throw new InvalidInputError(
      [
        {
          message: `the file has ${text.length} characters: expected an experiment of at most ${MAX_FILE_CHARS} (256 KiB); split shared fault sets into scenario files`,
          location: { file, line: 1, column: 1 },
        },
      ],
      { code: 'E_FILE_TOO_LARGE' },
    );
  // Only blank lines, comments and document markers: YAML reads that as null.
  if (text.split('\n').every((line) => /^\s*(#.*|---\s*|\.\.\.\s*)?$/.test(line)))
    throw new InvalidInputError(
      [
        {
          message:
            'the file is empty: expected an experiment, a map with version, name, targets, load, slos and faults (faultline schema prints its JSON Schema)',
          location: { file, line: 1, column: 1 },
        },
      ],
      { code: 'E_SCHEMA' },
    );
  const source = parseYamlSource(file, text);
  if (source.syntaxProblems.length > 0)
    throw new InvalidInputError(source.syntaxProblems, { code: 'E_YAML' });

  const secrets = new Map<string, string>();
  const collector = problemCollector(source.locate);
  const data = substitute(
    source.data,
    (name, isEnv) => {
      if (!isEnv) return undefined;
      const value = inputs.env[name];
      if (value === undefined)
        return { problem: `environment variable ${name} is not set (referenced as \${env:${name}})` };
      if (value !== '') secrets.set(value, `\${env:${name}}`);
      return { value };
    },
    collector.report,
  );
  const resolved = { ...source, data };
  const problems: Problem[] = [...collector.problems];
  const parsed = experimentSchema.safeParse(data);
  if (!parsed.success) {
    problems.push(...problemsFromIssues(parsed.error.issues, resolved, experimentSchema));
    problems.push(...checkFaultsOfInvalidFile(data, source));
    throw new InvalidInputError(sortProblems(problems), { code: 'E_SCHEMA' });
  }
  const faults: PlannedFault[] = [];
  parsed.data.faults.forEach((item, i) => {
    if ('use' in item) {
      const expanded = expandScenario(item, ['faults', i], resolved, inputs.readText);
      faults.push(...expanded.faults);
      problems.push(...expanded.problems);
    } else {
      faults.push({ ...item, locate: (path) => source.locate(['faults', i, ...path]) });
    }
  });
  const slos = resolveSlos(parsed.data.slos, resolved, inputs.readText);
  problems.push(...slos.problems);
  const withSlos = { ...parsed.data, slos: slos.slos };
  problems.push(...checkSemantics(withSlos, faults, resolved, slos.origins));
  if (problems.length > 0) throw new InvalidInputError(sortProblems(problems), { code: 'E_SCHEMA' });
  const { $schema: _ignored, faults: _raw, ...rest } = withSlos;
  return { ...rest, file, faults: [...faults].sort((a, b) => a.at - b.at), secrets };
}

function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) =>
      (a.location?.file ?? '').localeCompare(b.location?.file ?? '') ||
      (a.location?.line ?? 0) - (b.location?.line ?? 0) ||
      (a.location?.column ?? 0) - (b.location?.column ?? 0),
  );
}
