import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';

/** One hostile experiment file: its text, the environment it is loaded with, and how it was made. */
export interface ExperimentCase {
  readonly kind: string;
  readonly text: string;
  readonly env: Readonly<Record<string, string>>;
}

const ROOT = new URL('..', import.meta.url).pathname;

/** The valid experiments every case starts from (the shipped ones and the valid fixtures). */
export const BASES: readonly string[] = [
  ...yamlFiles(join(ROOT, 'experiments')),
  ...yamlFiles(join(ROOT, 'test/fixtures/valid')),
].map((f) => readFileSync(f, 'utf8'));

/** The YAML files directly in `dir` (folders beside them hold files they include). */
function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => join(dir, f));
}

type Path = (string | number)[];

function paths(value: unknown, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...at, i], out));
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) paths(v, [...at, k], out);
  return out;
}

function setAt(root: unknown, path: Path, value: unknown, remove = false): unknown {
  if (path.length === 0) return remove ? {} : value;
  let node = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (remove) {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
  } else node[last] = value;
  return root;
}

const HUGE = [
  1e308,
  -1e308,
  2 ** 53 + 1,
  -1,
  -0,
  1e-320,
  4294967296,
  Number.MAX_SAFE_INTEGER,
  '1e999s',
  '99999999999999999999h',
  '100000000%',
  '-5s',
  '0.0000000001ms',
  'NaN',
  '.inf',
  '-.inf',
];

const wrongType = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.string({ maxLength: 40 }),
  fc.array(fc.integer(), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 4 }),
  fc.constantFrom(...HUGE),
);

const HOSTILE_ENV_VALUES = [
  '${env:OTHER}',
  '${env:SELF}',
  '\n- injected: true\nversion: 99',
  '$(touch /tmp/faultline-fuzz-pwned)',
  '`touch /tmp/faultline-fuzz-pwned`; rm -rf /',
  '"; exit 1; "',
  '',
  ' ',
  '\u0000\u0001\u0002',
  '99999999999999999999999',
  'x'.repeat(100_000),
  '${name}',
  '%s%s%s%n',
];

const hostileRef = fc.constantFrom(
  '${env:FUZZ_A}',
  '${env:FUZZ_UNSET}',
  '${env:}',
  '${env:FUZZ_A}${env:FUZZ_B}',
  '${env:${env:FUZZ_A}}',
  '${env:../../etc/passwd}',
  '${env:PATH',
  '$${env:FUZZ_A}}',
  '${env:FUZZ_A.B-C}',
  '${FUZZ_A}',
  '${env:SELF}',
);

/** Applies one structural mutation to a parsed experiment. */
const structural = fc
  .tuple(
    fc.constantFrom('wrong-type', 'missing-key', 'huge-number', 'hostile-env'),
    fc.nat(),
    wrongType,
    hostileRef,
  )
  .map(([op, pick, value, ref]) => (doc: unknown) => {
    const all = paths(doc).filter((p) => p.length > 0);
    const path = all[pick % all.length] ?? ['version'];
    if (op === 'missing-key') return { doc: setAt(doc, path, undefined, true), op };
    if (op === 'huge-number') return { doc: setAt(doc, path, HUGE[pick % HUGE.length]), op };
    if (op === 'hostile-env') return { doc: setAt(doc, path, ref), op };
    return { doc: setAt(doc, path, value), op };
  });

const textual = fc.oneof(
  fc.tuple(fc.integer({ min: 100, max: 5_000 }), fc.constantFrom('[', '{a: ', '- ')).map(([depth, open]) => ({
    op: 'deep-nesting',
    apply: (text: string) =>
      open === '- '
        ? `${text}\nextra:\n${Array.from({ length: Math.min(depth, 300) }, (_, i) => `${' '.repeat(i)}- `).join('\n')}x\n`
        : `${text}\nextra: ${open.repeat(depth)}1${(open === '[' ? ']' : '}').repeat(depth)}\n`,
  })),
  fc.integer({ min: 2, max: 12 }).map((levels) => ({
    op: 'alias-bomb',
    apply: (text: string) => {
      const lines = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
      for (let i = 1; i < levels; i++)
        lines.push(`a${i}: &a${i} [${Array.from({ length: 9 }, () => `*a${i - 1}`).join(', ')}]`);
      return `${text}\n${lines.join('\n')}\n`;
    },
  })),
  fc.tuple(fc.uint8Array({ minLength: 1, maxLength: 400 }), fc.nat()).map(([bytes, at]) => ({
    op: 'binary-junk',
    apply: (text: string) => {
      const cut = at % (text.length + 1);
      return text.slice(0, cut) + Buffer.from(bytes).toString('latin1') + text.slice(cut);
    },
  })),
  fc.constantFrom('comment', 'string', 'faults', 'keys').map((how) => ({
    op: `10MB-${how}`,
    apply: (text: string) => {
      const size = 10 * 1024 * 1024;
      if (how === 'comment') return `${text}\n# ${'x'.repeat(size)}\n`;
      if (how === 'string') return text.replace(/^name: .*$/m, `name: ${'n'.repeat(size)}`);
      if (how === 'faults')
        return `${text.replace(/^faults:[\s\S]*$/m, '')}\nfaults:\n${'  - { name: f, target: t, type: kill, at: 5s }\n'.repeat(size / 48)}`;
      return `${text}\n${Array.from({ length: size / 20 }, (_, i) => `k${i}: 1`).join('\n')}\n`;
    },
  })),
);

const env = fc
  .tuple(fc.constantFrom(...HOSTILE_ENV_VALUES), fc.constantFrom(...HOSTILE_ENV_VALUES))
  .map(([a, b]) => ({ FUZZ_A: a, FUZZ_B: b, OTHER: '${env:FUZZ_A}', SELF: '${env:SELF}' }));

/**
 * Hostile experiment files made from the valid ones: one to three structural mutations (wrong
 * types, missing keys, huge numbers, hostile `${env:…}` references) and, one case in three, a
 * textual one (deep nesting, a YAML alias bomb, binary junk, a 10 MB file); 10 MB cases are
 * rarer (one in ~50) so a run of 10,000 stays within minutes.
 */
export const experimentCase: fc.Arbitrary<ExperimentCase> = fc
  .tuple(
    fc.nat({ max: BASES.length - 1 }),
    fc.array(structural, { minLength: 1, maxLength: 3 }),
    fc.option(textual, { freq: 2 }),
    fc.nat({ max: 99 }),
    env,
  )
  .map(([base, mutations, text, roll, environment]) => {
    let doc: unknown = parse(BASES[base] ?? '');
    const ops: string[] = [];
    for (const m of mutations) {
      const out = m(doc);
      doc = out.doc;
      ops.push(out.op);
    }
    let yaml = stringify(doc);
    if (text && (!text.op.startsWith('10MB') || roll < 6)) {
      yaml = text.apply(yaml);
      ops.push(text.op);
    }
    return { kind: ops.join('+') || 'unchanged', text: yaml, env: environment };
  });
