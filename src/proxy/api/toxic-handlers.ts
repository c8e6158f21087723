import { ApiError } from '../api-error.ts';
import type { Direction, ToxicRecord } from '../toxic-record.ts';
import type { ToxicType } from '../toxics/toxic-type.ts';
import type { ApiHandler, ApiRequest } from './api-types.ts';
import { asObject, decodeStruct, type GoJsonObject } from './body-fields.ts';
import { toxicJson } from './proxy-json.ts';

const param = (request: ApiRequest, index: number): string => request.params[index] ?? '';

/** `upstream`/`downstream` in any case; else ApiError 400 (stream was invalid…). */
function parseStream(stream: string): Direction {
  const lower = stream.toLowerCase();
  if (lower === 'upstream' || lower === 'downstream') return lower;
  throw ApiError.invalidStream();
}

/** The integer attributes of `type` from `body.attributes`, over `base` (missing keys keep it). */
function attributesOf(
  type: ToxicType,
  raw: GoJsonObject | undefined,
  base: Readonly<Record<string, number>>,
) {
  const spec: Record<string, 'int64'> = Object.fromEntries(type.attributes.map((name) => [name, 'int64']));
  const fields = decodeStruct(raw ?? { members: [] }, 'attributes', spec);
  const attributes: Record<string, number> = {};
  for (const name of type.attributes) attributes[name] = fields[name] ?? base[name] ?? 0;
  return attributes;
}

/** The fields of Toxiproxy's ToxicWrapper that a request body can set. */
const TOXIC_FIELDS = {
  name: 'string',
  type: 'string',
  stream: 'string',
  toxicity: 'float32',
  attributes: 'map',
} as const;

/** GET /proxies/{p}/toxics: upstream toxics first, then downstream, in insertion order. */
export const listToxics: ApiHandler = (request, { collection }) => ({
  status: 200,
  body: collection.get(param(request, 0)).toxics.list().map(toxicJson),
});

/**
 * POST /proxies/{p}/toxics: 200 with the toxic. Defaults: stream downstream, toxicity 1, name
 * `<type>_<stream>`. Checks in Toxiproxy's order: body, stream, type, duplicate, attributes.
 */
export const createToxic: ApiHandler = (request, { collection, registry }) => {
  const proxy = collection.get(param(request, 0));
  const fields = decodeStruct(asObject(request.json(), 'toxics.ToxicWrapper'), 'ToxicWrapper', TOXIC_FIELDS);
  const typeName = fields.type ?? '';
  const stream = fields.stream ?? 'downstream';
  const toxicity = fields.toxicity ?? 1;
  const rawAttributes = fields.attributes;
  const direction = parseStream(stream);
  const name = fields.name || `${typeName}_${stream}`;
  const type = registry.get(typeName);
  if (!type) throw ApiError.invalidToxicType();
  if (proxy.toxics.has(name)) throw ApiError.toxicExists();
  const attributes = attributesOf(type, rawAttributes, {});
  const toxic: ToxicRecord = { name, type, stream, direction, toxicity, attributes };
  proxy.toxics.add(toxic);
  return { status: 200, body: toxicJson(toxic) };
};

/** GET /proxies/{p}/toxics/{t}. */
export const showToxic: ApiHandler = (request, { collection }) => ({
  status: 200,
  body: toxicJson(collection.get(param(request, 0)).toxics.get(param(request, 1))),
});

/** POST or PATCH /proxies/{p}/toxics/{t}: only `attributes` (merged key by key) and `toxicity` change. */
export const updateToxic: ApiHandler = (request, { collection }) => {
  const proxy = collection.get(param(request, 0));
  const current = proxy.toxics.get(param(request, 1));
  const fields = decodeStruct(asObject(request.json(), 'toxics.ToxicWrapper'), 'ToxicWrapper', TOXIC_FIELDS);
  const toxicity = fields.toxicity ?? current.toxicity;
  const attributes = attributesOf(current.type, fields.attributes, current.attributes);
  const toxic: ToxicRecord = { ...current, toxicity, attributes };
  proxy.toxics.update(toxic);
  return { status: 200, body: toxicJson(toxic) };
};

/** DELETE /proxies/{p}/toxics/{t}: 204; what the toxic held moves on. */
export const deleteToxic: ApiHandler = (request, { collection }) => {
  collection.get(param(request, 0)).toxics.remove(param(request, 1));
  return { status: 204 };
};
