import type { Problem } from '../errors/faultline-error.ts';
import type { DataPath } from './yaml-source.ts';

/** A placeholder found in a string: `${env:NAME}` or `${name}`. */
const PLACEHOLDER = /\$\{(env:)?([A-Za-z_][A-Za-z0-9_.-]*)\}/g;

/** How one placeholder is filled: the value, or a problem message when it cannot be. */
export type Resolver = (
  name: string,
  isEnv: boolean,
) => { value: string | number | boolean } | { problem: string } | undefined;

/**
 * Replaces placeholders in every string of plain data. A string that is exactly one placeholder
 * takes the value's own type (so `${rate}` can be a number); placeholders the resolver leaves
 * (returns undefined for) stay as written. Problems are reported with the path of the string.
 */
export function substitute(
  data: unknown,
  resolve: Resolver,
  report: (path: DataPath, message: string) => void,
  path: DataPath = [],
): unknown {
  if (typeof data === 'string') return substituteString(data, resolve, (m) => report(path, m));
  if (Array.isArray(data)) return data.map((item, i) => substitute(item, resolve, report, [...path, i]));
  if (data !== null && typeof data === 'object') {
    return Object.fromEntries(
      Object.entries(data).map(([k, v]) => [k, substitute(v, resolve, report, [...path, k])]),
    );
  }
  return data;
}

function substituteString(text: string, resolve: Resolver, report: (message: string) => void): unknown {
  const whole = /^\$\{(env:)?([A-Za-z_][A-Za-z0-9_.-]*)\}$/.exec(text);
  if (whole) {
    const outcome = resolve(whole[2] ?? '', whole[1] !== undefined);
    if (!outcome) return text;
    if ('problem' in outcome) return (report(outcome.problem), text);
    return outcome.value;
  }
  return text.replace(PLACEHOLDER, (match, env: string | undefined, name: string) => {
    const outcome = resolve(name, env !== undefined);
    if (!outcome) return match;
    if ('problem' in outcome) return (report(outcome.problem), match);
    return String(outcome.value);
  });
}

/** Collects problems for `substitute` into a list, located by a locator. */
export function problemCollector(locate: (path: DataPath) => Problem['location']): {
  problems: Problem[];
  report: (path: DataPath, message: string) => void;
} {
  const problems: Problem[] = [];
  return {
    problems,
    report: (path, message) => {
      const location = locate(path);
      problems.push(location ? { message, location } : { message });
    },
  };
}
