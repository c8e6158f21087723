import { writeFileSync } from 'node:fs';
import os from 'node:os';
import type { BenchSection } from './bench-helpers.ts';

/**
 * `npm run bench [-- section…] [--minutes N]`: runs the benchmark sections (load, proxy, …) and
 * writes docs/BENCHMARKS.md with the machine, the command and every table.
 */
const args = process.argv.slice(2);
const minutesAt = args.indexOf('--minutes');
const minutes = minutesAt >= 0 ? Number(args[minutesAt + 1]) : 10;
const wanted = args.filter((a, i) => !a.startsWith('--') && (minutesAt < 0 || i !== minutesAt + 1));
const available: Record<string, () => Promise<BenchSection>> = {
  load: async () => (await import('./load.bench.ts')).run({ minutes }),
  proxy: async () => (await import('./proxy.bench.ts')).run(),
  capacity: async () => (await import('./capacity.bench.ts')).run(),
};
const names = wanted.length > 0 ? wanted : Object.keys(available);
const sections: BenchSection[] = [];
for (const name of names) {
  const section = available[name];
  if (!section)
    throw new Error(`unknown benchmark section ${name}; known: ${Object.keys(available).join(', ')}`);
  process.stderr.write(`bench: ${name}…\n`);
  sections.push(await section());
}
const command = `npm run bench${args.length ? ` -- ${args.join(' ')}` : ''}`;
const text = [
  '# Benchmarks',
  '',
  `Produced by \`${command}\` on ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}.`,
  'Numbers are from one machine and one run; the goals are those of the issues.',
  '',
  ...sections.flatMap((s) => [`## ${s.title}`, '', s.markdown, '']),
].join('\n');
writeFileSync(new URL('../docs/BENCHMARKS.md', import.meta.url), text);
process.stdout.write(text);
