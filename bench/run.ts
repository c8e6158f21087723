import { existsSync, readFileSync, writeFileSync } from 'node:fs';
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
  runner: async () => (await import('./runner.bench.ts')).run(),
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
// Sections not run this time are kept as they were (each names the command that produced it).
const target = new URL('../docs/BENCHMARKS.md', import.meta.url);
const earlier = existsSync(target) ? readFileSync(target, 'utf8').split(/^## /m).slice(1) : [];
const fresh = new Map(sections.map((s) => [s.title, `${s.title}\n\n${s.markdown}\n`]));
const kept = earlier.map((block) => fresh.get(block.slice(0, block.indexOf('\n'))) ?? block);
for (const [title, block] of fresh) if (!earlier.some((b) => b.startsWith(`${title}\n`))) kept.push(block);
const text = [
  '# Benchmarks',
  '',
  `Last produced by \`${command}\` on ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}.`,
  'Numbers are from one machine and one run; the goals are those of the issues. Sections not rerun by that command are kept from earlier runs.',
  '',
  ...kept.map((block) => `## ${block.trimEnd()}\n`),
].join('\n');
writeFileSync(target, text);
process.stdout.write(text);
