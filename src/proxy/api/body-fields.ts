import { ApiError } from '../api-error.ts';
import { JsonNumber, type GoJsonValue } from './go-json.ts';

/** A decoded JSON object: its keys in order, duplicates included. */
export type GoJsonObject = Exclude<GoJsonValue, null | boolean | string | JsonNumber | GoJsonValue[]>;

/** JSON kinds as Go's decoder names them in its errors. */
function kindOf(value: GoJsonValue): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'string') return 'string';
  if (value instanceof JsonNumber) return 'number';
  return 'object';
}

function isObject(value: GoJsonValue): value is GoJsonObject {
  return (
    value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof JsonNumber)
  );
}

function mismatch(shown: string, field: string, goType: string): ApiError {
  return ApiError.badBody(`json: cannot unmarshal ${shown} into Go struct field ${field} of type ${goType}`);
}

/**
 * The body as a JSON object (null counts as empty, as in Go); anything else throws ApiError 400
 * `bad request body: json: cannot unmarshal <kind> into Go value of type <goType>`.
 */
export function asObject(value: GoJsonValue, goType: string): GoJsonObject {
  if (value === null) return { members: [] };
  if (!isObject(value))
    throw ApiError.badBody(`json: cannot unmarshal ${kindOf(value)} into Go value of type ${goType}`);
  return value;
}

/** The body as a JSON array (null counts as empty); else ApiError 400 like `asObject`. */
export function asArray(value: GoJsonValue, goType: string): GoJsonValue[] {
  if (value === null) return [];
  if (!Array.isArray(value))
    throw ApiError.badBody(`json: cannot unmarshal ${kindOf(value)} into Go value of type ${goType}`);
  return value;
}

/** The Go types a struct field can have here. */
export type FieldType = 'string' | 'bool' | 'float32' | 'int64' | 'map';
type Decoded<T extends FieldType> = T extends 'string'
  ? string
  : T extends 'bool'
    ? boolean
    : T extends 'map'
      ? GoJsonObject
      : number;

/** Converts one value to a field's Go type; an error message's "<shown>" part if it cannot. */
function convert(value: GoJsonValue, type: FieldType): { ok: unknown } | { shown: string } {
  const kind = kindOf(value);
  if (type === 'string' || type === 'bool') {
    return kind === type ? { ok: value } : { shown: kind };
  }
  if (type === 'map') return isObject(value) ? { ok: value } : { shown: kind };
  if (!(value instanceof JsonNumber)) return { shown: kind };
  const number = value.value;
  const fits =
    type === 'int64'
      ? /^-?\d+$/.test(value.text) && Number.isSafeInteger(number)
      : Number.isFinite(number) && Math.abs(number) <= 3.4028234663852886e38;
  return fits ? { ok: number } : { shown: `number ${value.text}` };
}

/**
 * Decodes `object` into the fields of a Go struct named `struct`, as encoding/json does: a key
 * matches its field exactly or, failing that, without regard to case; a later key overwrites an
 * earlier one; null leaves a field unset; unknown keys are ignored. The first value of a wrong
 * type (in document order) throws ApiError 400 `bad request body: json: cannot unmarshal <kind>
 * into Go struct field <struct>.<field> of type <type>`.
 */
export function decodeStruct<S extends Record<string, FieldType>>(
  object: GoJsonObject,
  struct: string,
  fields: S,
): { [K in keyof S]?: Decoded<S[K]> } {
  const names = Object.keys(fields);
  const out: Record<string, unknown> = {};
  let firstError: ApiError | undefined;
  for (const [key, value] of object.members) {
    const name = names.includes(key) ? key : names.find((n) => n.toLowerCase() === key.toLowerCase());
    const type = name === undefined ? undefined : fields[name];
    if (name === undefined || type === undefined || value === null) continue;
    const converted = convert(value, type);
    if ('ok' in converted) out[name] = converted.ok;
    else firstError ??= mismatch(converted.shown, `${struct}.${name}`, goTypeName(type));
  }
  if (firstError) throw firstError;
  return out as { [K in keyof S]?: Decoded<S[K]> };
}

function goTypeName(type: FieldType): string {
  return type === 'map' ? 'map' : type;
}
