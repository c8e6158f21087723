import type { DataPath } from './yaml-source.ts';

/** Reads the value at `path` in plain data; `undefined` when any step is missing. */
export function valueAt(data: unknown, path: DataPath): unknown {
  let current: unknown = data;
  for (const step of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[step];
  }
  return current;
}

/** True when the key at the end of `path` is absent from its (existing) parent object. */
export function isMissing(data: unknown, path: DataPath): boolean {
  if (path.length === 0) return data === undefined;
  const parent = valueAt(data, path.slice(0, -1));
  const key = path[path.length - 1];
  return parent !== null && typeof parent === 'object' && key !== undefined && !(key in parent);
}

/** Short rendering of a found value for error messages: `"abc"`, `12`, `a list`, `a map`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'string')
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  return String(value);
}

/** Renders a path as the user would write it: `faults[2].for`. */
export function formatPath(path: DataPath): string {
  return path.reduce<string>(
    (acc, step) => (typeof step === 'number' ? `${acc}[${step}]` : acc === '' ? step : `${acc}.${step}`),
    '',
  );
}
