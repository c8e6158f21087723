import { ApiError } from '../api-error.ts';
import type { Direction, ToxicRecord } from '../toxic-record.ts';
import type { ToxicType } from '../toxics/toxic-type.ts';
import type { ApiHandler, ApiRequest } from './api-types.ts';
import { asObject, fieldsOf } from './body-fields.ts';
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
  raw: Record<string, unknown> | undefined,
  base: Readonly<Record<string, number>>,
) {
  const fields = fieldsOf(raw ?? {}, 'attributes');
  const attributes: Record<string, number> = {};
  for (const name of type.attributes) attributes[name] = fields.integer(name) ?? base[name] ?? 0;
  return attributes;
}

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
  const fields = fieldsOf(asObject(request.json(), 'toxics.ToxicWrapper'), 'ToxicWrapper');
  const typeName = fields.string('type') ?? '';
  const stream = fields.string('stream') ?? 'downstream';
  const toxicity = fields.number('toxicity') ?? 1;
  const rawAttributes = fields.object('attributes');
  const direction = parseStream(stream);
  const name = fields.string('name') || `${typeName}_${stream}`;
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
  const fields = fieldsOf(asObject(request.json(), 'toxics.ToxicWrapper'), 'ToxicWrapper');
  const toxicity = fields.number('toxicity') ?? current.toxicity;
  const attributes = attributesOf(current.type, fields.object('attributes'), current.attributes);
  const toxic: ToxicRecord = { ...current, toxicity, attributes };
  proxy.toxics.update(toxic);
  return { status: 200, body: toxicJson(toxic) };
};

/** DELETE /proxies/{p}/toxics/{t}: 204; what the toxic held moves on. */
export const deleteToxic: ApiHandler = (request, { collection }) => {
  collection.get(param(request, 0)).toxics.remove(param(request, 1));
  return { status: 204 };
};
