import { InvalidInputError } from '../src/errors/faultline-error.ts';
import { loadExperiment } from '../src/experiment/load-experiment.ts';
import { planExperiment } from '../src/timeline/plan.ts';
import type { ExperimentCase } from './experiment-mutations.ts';

/** How one case ended: a valid plan, a located error, or a crash (anything else). */
export type CaseOutcome =
  | { readonly result: 'plan' }
  | { readonly result: 'located' }
  | { readonly result: 'crash'; readonly detail: string };

/**
 * Loads a hostile experiment as `faultline validate`/`run` would, then plans it. Every case must
 * end in a plan or in an InvalidInputError whose every problem names file:line:col; anything
 * else (another error, an unlocated problem) is a crash.
 */
export function runExperimentCase(c: ExperimentCase): CaseOutcome {
  const file = 'fuzz-case.yaml';
  try {
    const experiment = loadExperiment(file, {
      readText: (p) => (p === file ? c.text : undefined),
      env: c.env,
    });
    planExperiment(experiment);
    return { result: 'plan' };
  } catch (error) {
    if (error instanceof InvalidInputError) {
      const unlocated = error.problems.find((p) => p.location === undefined);
      return unlocated
        ? { result: 'crash', detail: `unlocated problem: ${unlocated.message.slice(0, 300)}` }
        : { result: 'located' };
    }
    const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return { result: 'crash', detail: text.slice(0, 1000) };
  }
}
