import { ApiError } from '../api-error.ts';

/** JSON kinds as Go's decoder names them in its errors. */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'boolean') return 'bool';
  return typeof value;
}

function mismatch(value: unknown, field: string, goType: string): ApiError {
  const shown = typeof value === 'number' ? `number ${String(value)}` : kindOf(value);
  return ApiError.badBody(`json: cannot unmarshal ${shown} into Go struct field ${field} of type ${goType}`);
}

/**
 * The body as a JSON object (null counts as empty, as in Go); anything else throws ApiError 400
 * `bad request body: json: cannot unmarshal <kind> into Go value of type <goType>`.
 */
export function asObject(value: unknown, goType: string): Record<string, unknown> {
  if (value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw ApiError.badBody(`json: cannot unmarshal ${kindOf(value)} into Go value of type ${goType}`);
  }
  return value as Record<string, unknown>;
}

/** The body as a JSON array (null counts as empty); else ApiError 400 like `asObject`. */
export function asArray(value: unknown, goType: string): unknown[] {
  if (value === null) return [];
  if (!Array.isArray(value))
    throw ApiError.badBody(`json: cannot unmarshal ${kindOf(value)} into Go value of type ${goType}`);
  return value;
}

/** Readers of typed fields of one object: absent or null → undefined; wrong type → ApiError 400. */
export function fieldsOf(object: Record<string, unknown>, struct: string) {
  const read = <T>(key: string, ok: (v: unknown) => v is T, goType: string): T | undefined => {
    const value = object[key];
    if (value === undefined || value === null) return undefined;
    if (!ok(value)) throw mismatch(value, `${struct}.${key}`, goType);
    return value;
  };
  return {
    string: (key: string) => read(key, (v): v is string => typeof v === 'string', 'string'),
    bool: (key: string) => read(key, (v): v is boolean => typeof v === 'boolean', 'bool'),
    number: (key: string) => read(key, (v): v is number => typeof v === 'number', 'float32'),
    integer: (key: string) => read(key, (v): v is number => Number.isSafeInteger(v), 'int64'),
    object: (key: string) => {
      const value = object[key];
      if (value === undefined || value === null) return undefined;
      if (typeof value !== 'object' || Array.isArray(value)) throw mismatch(value, `${struct}.${key}`, 'map');
      return value as Record<string, unknown>;
    },
  };
}
