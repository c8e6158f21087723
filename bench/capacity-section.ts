import { run } from './capacity.bench.ts';

/** Prints the capacity section alone (`node --import tsx bench/capacity-section.ts`), leaving BENCHMARKS.md as it is. */
const section = await run();
process.stdout.write(`## ${section.title}\n\n${section.markdown}\n`);
