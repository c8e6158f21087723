import type { z } from 'zod';
import type { DataPath } from './yaml-source.ts';

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  options?: z.ZodType[];
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
  discriminator?: string;
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Strips wrappers (default, optional, pipe/transform) down to the schema that checks the shape. */
function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    const def = defOf(current);
    const next = def.innerType ?? (def.type === 'pipe' ? def.in : undefined);
    if (!next) return current;
    current = next;
  }
}

/** The object schemas that could describe `value` (a union yields the best-matching option). */
function objectCandidates(schema: z.ZodType, value: unknown): z.ZodType[] {
  const inner = unwrap(schema);
  const def = defOf(inner);
  if (def.type === 'object') return [inner];
  if (def.type !== 'union' || !def.options) return [];
  const options = def.options.flatMap((o) => objectCandidates(o, value));
  const record = value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  if (def.discriminator) {
    const tag = record[def.discriminator];
    const hit = options.filter((o) => literalOf(defOf(o).shape?.[def.discriminator ?? '']) === tag);
    if (hit.length > 0) return hit;
  }
  const present = Object.keys(record);
  const score = (o: z.ZodType) => present.filter((k) => k in (defOf(o).shape ?? {})).length;
  const best = Math.max(0, ...options.map(score));
  return options.filter((o) => score(o) === best);
}

function literalOf(schema: z.ZodType | undefined): unknown {
  if (!schema) return undefined;
  const def = defOf(unwrap(schema)) as Def & { values?: unknown[] };
  return def.type === 'literal' ? def.values?.[0] : undefined;
}

/** The child schema for one path step below `schema`, given the data found there. */
function child(schema: z.ZodType, value: unknown, step: string | number): z.ZodType | undefined {
  const inner = unwrap(schema);
  const def = defOf(inner);
  if (def.type === 'array') return def.element;
  if (def.type === 'record') return def.valueType;
  const candidates = objectCandidates(inner, value);
  return candidates.map((c) => defOf(c).shape?.[String(step)]).find((s) => s !== undefined);
}

/**
 * The keys the schema allows for the object at `path` in `data` (for "unknown key" messages),
 * or undefined when the path does not lead to an object schema.
 */
export function allowedKeysAt(schema: z.ZodType, data: unknown, path: DataPath): string[] | undefined {
  let current: z.ZodType | undefined = schema;
  let value: unknown = data;
  for (const step of path) {
    if (!current) return undefined;
    current = child(current, value, step);
    value =
      value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[step] : undefined;
  }
  if (!current) return undefined;
  const keys = objectCandidates(current, value).flatMap((o) => Object.keys(defOf(o).shape ?? {}));
  return keys.length > 0 ? [...new Set(keys)].filter((k) => k !== '$schema') : undefined;
}
