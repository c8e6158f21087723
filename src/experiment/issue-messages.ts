import type { z } from 'zod';
import type { Problem } from '../errors/faultline-error.ts';
import { describeValue, isMissing, valueAt } from './data-path.ts';
import { allowedKeysAt } from './schema-walk.ts';
import type { DataPath, YamlSource } from './yaml-source.ts';

type Issue = z.core.$ZodIssue;

/**
 * Turns schema issues into located problems that say what was expected and what was found.
 * Union failures are reduced to the branch the user most plausibly meant.
 */
export function problemsFromIssues(
  issues: readonly Issue[],
  source: YamlSource,
  schema: z.ZodType,
  base: DataPath = [],
): Problem[] {
  return issues.flatMap((issue) => explain(issue, source, schema, base));
}

function explain(issue: Issue, source: YamlSource, schema: z.ZodType, base: DataPath): Problem[] {
  const path: DataPath = [...base, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
  const data = source.data;
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const branch = bestBranch(issue.errors, data, path);
    if (branch) return branch.flatMap((sub) => explain(sub, source, schema, path));
  }
  if (issue.code === 'unrecognized_keys') {
    const allowed = allowedKeysAt(schema, data, path);
    const hint = allowed ? `; allowed keys here: ${allowed.join(', ')}` : '';
    return issue.keys.map((key) => ({
      message: `unknown key \`${key}\`${hint}`,
      location: source.locateKey([...path, key]),
    }));
  }
  const key = path[path.length - 1];
  if (isMissing(data, path) && key !== undefined) {
    return [
      { message: `missing \`${key}\`: ${expectation(issue)}`, location: source.locate(path.slice(0, -1)) },
    ];
  }
  if (issue.code === 'invalid_union' && issue.discriminator) {
    const options = (issue as { options?: unknown[] }).options ?? [];
    return [
      {
        message: `unknown ${issue.discriminator} ${describeValue(valueAt(data, path))}; expected one of: ${options.join(', ')}`,
        location: source.locate(path),
      },
    ];
  }
  return [
    {
      message: `${expectation(issue)}, found ${describeValue(valueAt(data, path))}`,
      location: source.locate(path),
    },
  ];
}

/** What the schema expected, phrased for a person. */
function expectation(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.message.startsWith('Invalid input')
        ? `expected ${article(issue.expected)}`
        : issue.message;
    case 'invalid_value':
      return issue.values.length === 1
        ? `expected ${JSON.stringify(issue.values[0])}`
        : `expected one of: ${issue.values.map((v) => String(v)).join(', ')}`;
    case 'too_small':
      return issue.origin === 'array'
        ? `expected at least ${String(issue.minimum)} item(s)`
        : `expected a value ${issue.inclusive ? 'of at least' : 'above'} ${String(issue.minimum)}`;
    case 'too_big':
      return `expected a value ${issue.inclusive ? 'of at most' : 'below'} ${String(issue.maximum)}`;
    case 'invalid_union':
      return issue.discriminator
        ? `expected \`${issue.discriminator}\`, one of: ${((issue as { options?: unknown[] }).options ?? []).join(', ')}`
        : issue.message;
    case 'not_multiple_of':
      return 'expected a whole number';
    default:
      return issue.message.startsWith('Invalid') ? `invalid value (${issue.message})` : issue.message;
  }
}

function article(type: string): string {
  const words: Record<string, string> = {
    int: 'a whole number',
    number: 'a number',
    string: 'a string',
    object: 'a map',
    array: 'a list',
    boolean: 'true or false',
  };
  return words[type] ?? type;
}

/** Chooses the union branch whose complaints are deepest: the one whose shape the user followed. */
function bestBranch(
  branches: readonly (readonly Issue[])[],
  data: unknown,
  path: DataPath,
): readonly Issue[] | undefined {
  const score = (issues: readonly Issue[]) =>
    issues.reduce((sum, issue) => {
      const shallow =
        issue.path.length === 0 ||
        (issue.path.length === 1 && isMissing(data, [...path, ...(issue.path as (string | number)[])]));
      return sum + (shallow ? 10 : 1);
    }, 0);
  let best: readonly Issue[] | undefined;
  for (const branch of branches) if (!best || score(branch) < score(best)) best = branch;
  return best;
}
