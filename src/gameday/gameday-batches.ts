import type { Experiment } from '../experiment/model.ts';

/**
 * Groups experiments, in order, into batches that may run at the same time: an experiment joins
 * the current batch when none of its targets (compared by what they point at, not by their
 * per-file names) nor its load URL is used by an experiment already in it; otherwise it starts
 * the next batch. With `parallel` false every experiment is its own batch. Pure.
 */
export function gamedayBatches<T extends { readonly experiment: Experiment }>(
  entries: readonly T[],
  parallel: boolean,
): T[][] {
  const batches: { items: T[]; touched: Set<string> }[] = [];
  for (const entry of entries) {
    const touches = touched(entry.experiment);
    const current = batches[batches.length - 1];
    if (parallel && current && [...touches].every((t) => !current.touched.has(t))) {
      current.items.push(entry);
      for (const t of touches) current.touched.add(t);
    } else batches.push({ items: [entry], touched: new Set(touches) });
  }
  return batches.map((b) => b.items);
}

function touched(experiment: Experiment): Set<string> {
  return new Set([
    ...Object.values(experiment.targets).map((spec) => JSON.stringify(spec)),
    `load ${experiment.load.url}`,
  ]);
}
