import { dirname, isAbsolute, join } from 'node:path';
import { InvalidInputError, type Problem } from '../errors/faultline-error.ts';
import { problemsFromIssues } from '../experiment/issue-messages.ts';
import { loadExperiment, type LoadInputs } from '../experiment/load-experiment.ts';
import type { Experiment } from '../experiment/model.ts';
import { parseYamlSource } from '../experiment/yaml-source.ts';
import { gamedaySchema, type GamedayFile } from './gameday-schema.ts';

/** A validated game day with every experiment loaded. */
export interface Gameday extends Omit<GamedayFile, '$schema' | 'experiments'> {
  readonly file: string;
  readonly experiments: readonly { readonly experiment: Experiment; readonly notes: string | undefined }[];
}

/**
 * Loads a game day file and every experiment it lists (paths relative to the game day file).
 * Collects every problem — of the game day (located in it) and of each experiment (located in
 * that experiment's file) — and throws one InvalidInputError; nothing runs then.
 */
export function loadGameday(file: string, inputs: LoadInputs): Gameday {
  const text = inputs.readText(file);
  if (text === undefined)
    throw new InvalidInputError([{ message: `game day file not found: ${file}` }], {
      code: 'E_FILE_NOT_FOUND',
    });
  const source = parseYamlSource(file, text);
  if (source.syntaxProblems.length > 0)
    throw new InvalidInputError(source.syntaxProblems, { code: 'E_YAML' });
  const parsed = gamedaySchema.safeParse(source.data);
  if (!parsed.success)
    throw new InvalidInputError(problemsFromIssues(parsed.error.issues, source, gamedaySchema), {
      code: 'E_SCHEMA',
    });
  const problems: Problem[] = [];
  const experiments: Gameday['experiments'][number][] = [];
  parsed.data.experiments.forEach((entry, i) => {
    const path = isAbsolute(entry.file) ? entry.file : join(dirname(file), entry.file);
    if (inputs.readText(path) === undefined) {
      problems.push({
        message: `experiment file not found: ${path} (paths are relative to the game day file)`,
        location: source.locate(['experiments', i, 'file']),
      });
      return;
    }
    try {
      experiments.push({ experiment: loadExperiment(path, inputs), notes: entry.notes });
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      problems.push(...error.problems);
    }
  });
  if (problems.length > 0) throw new InvalidInputError(problems, { code: 'E_SCHEMA' });
  const { $schema: _ignored, experiments: _entries, ...rest } = parsed.data;
  return { ...rest, file, experiments };
}
