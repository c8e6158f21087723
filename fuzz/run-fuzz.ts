import { fuzzExperiments, type FuzzReport } from './experiment-fuzz.ts';
import { fuzzProxyApi } from './proxy-fuzz.ts';

/**
 * `npm run fuzz [-- --cases N --proxy-cases M --seed S]`: hostile experiment files and hostile
 * requests to the proxy's HTTP API. Prints the number of cases, crashes and hangs (and how to
 * replay each); exits 1 when there is any.
 */
function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at === -1 ? undefined : Number(process.argv[at + 1]);
  return value !== undefined && Number.isInteger(value) ? value : fallback;
}

const seed = flag('seed', 20261202);
const experimentCases = flag('cases', 10_000);
const proxyCases = flag('proxy-cases', 1_000);

const experiments = await fuzzExperiments({
  cases: experimentCases,
  seed,
  progress: (line) => process.stderr.write(`  ${line}\n`),
});
print('experiment files', experiments, 'valid plans', 'located errors');
const proxy = await fuzzProxyApi({ cases: proxyCases, seed });
print('proxy API over HTTP', proxy, 'valid answers', 'answered (below 500, or 500 for a listener failure)');
const cases = experiments.cases + proxy.cases;
const crashes = experiments.crashes.length + proxy.crashes.length;
const hangs = experiments.hangs.length + proxy.hangs.length;
process.stdout.write(`\ntotal: ${cases} cases, ${crashes} crashes, ${hangs} hangs (seed ${seed})\n`);
process.exit(crashes + hangs > 0 ? 1 : 0);

function print(what: string, r: FuzzReport, plans: string, located: string): void {
  process.stdout.write(
    `${what}: ${r.cases} cases in ${(r.ms / 1000).toFixed(1)} s — ${r.plans > 0 ? `${r.plans} ${plans}, ` : ''}${r.located} ${located}, ${r.crashes.length} crashes, ${r.hangs.length} hangs\n`,
  );
  process.stdout.write(
    `  by last mutation: ${Object.entries(r.kinds)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}\n`,
  );
  for (const c of r.crashes.slice(0, 10))
    process.stdout.write(`  CRASH case ${c.i} (${c.kind}): ${c.detail}\n`);
  for (const h of r.hangs.slice(0, 10))
    process.stdout.write(`  HANG case ${h.i} (${h.kind}): over ${h.ms} ms\n`);
}
