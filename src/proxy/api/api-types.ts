import type { Registry } from 'prom-client';
import type { ProxyCollection } from '../proxy-collection.ts';
import type { ToxicRegistry } from '../toxics/toxic-registry.ts';
import type { GoJsonValue } from './go-json.ts';

/** What a handler works on. */
export interface ApiContext {
  readonly collection: ProxyCollection;
  readonly registry: ToxicRegistry;
  /** What GET /metrics serves; absent: /metrics is an unknown path. */
  readonly metrics?: Registry | undefined;
}

/** A routed request: path parameters (decoded) and the body parsed on demand. */
export interface ApiRequest {
  readonly params: readonly string[];
  /** The JSON body; throws ApiError 400 `bad request body: …` if empty or malformed. */
  json(): GoJsonValue;
}

/** A reply: JSON `body` (no trailing newline, as Toxiproxy) or raw `text`; none for 204. */
export interface ApiReply {
  readonly status: number;
  readonly body?: unknown;
  readonly text?: string;
  readonly contentType?: string;
}

/** A route handler; throws ApiError for the error replies. */
export type ApiHandler = (request: ApiRequest, context: ApiContext) => Promise<ApiReply> | ApiReply;
