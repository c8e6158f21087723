import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';
import { ApiError } from '../api-error.ts';
import type { ApiContext, ApiHandler, ApiReply } from './api-types.ts';
import * as proxies from './proxy-handlers.ts';
import { parseJsonBody, readBody } from './request-body.ts';
import * as toxics from './toxic-handlers.ts';

interface Route {
  readonly path: RegExp;
  readonly methods: Readonly<Record<string, ApiHandler>>;
}

const segment = '([^/]+)';
const routes: readonly Route[] = [
  { path: /^\/reset$/, methods: { POST: proxies.resetAll } },
  { path: /^\/proxies$/, methods: { GET: proxies.listProxies, POST: proxies.createProxy } },
  { path: /^\/populate$/, methods: { POST: proxies.populate } },
  {
    path: new RegExp(`^/proxies/${segment}$`),
    methods: {
      GET: proxies.showProxy,
      POST: proxies.updateProxy,
      PATCH: proxies.updateProxy,
      DELETE: proxies.deleteProxy,
    },
  },
  {
    path: new RegExp(`^/proxies/${segment}/toxics$`),
    methods: { GET: toxics.listToxics, POST: toxics.createToxic },
  },
  {
    path: new RegExp(`^/proxies/${segment}/toxics/${segment}$`),
    methods: {
      GET: toxics.showToxic,
      POST: toxics.updateToxic,
      PATCH: toxics.updateToxic,
      DELETE: toxics.deleteToxic,
    },
  },
  { path: /^\/version$/, methods: { GET: proxies.showVersion } },
];

/** faultline's own version, sent as `X-Faultline-Version` on every answer (/version stays Toxiproxy's). */
export const FAULTLINE_VERSION = readOwnVersion();

function readOwnVersion(): string {
  try {
    const text = readFileSync(new URL('../../../package.json', import.meta.url), 'utf8');
    const version = (JSON.parse(text) as { version?: unknown }).version;
    return typeof version === 'string' ? version : 'unknown';
  } catch {
    return 'unknown';
  }
}

/** A request id like Toxiproxy's (20 characters of base32hex). */
function requestId(): string {
  const alphabet = '0123456789abcdefghijklmnopqrstuv';
  return [...randomBytes(20)].map((b) => alphabet[b % 32]).join('');
}

function sendText(
  response: ServerResponse,
  status: number,
  text: string,
  contentType = 'text/plain; charset=utf-8',
): void {
  response.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text) });
  response.end(text);
}

/** An error reply as Toxiproxy's http.Error writes it: JSON plus a newline, as text/plain. */
function sendError(response: ServerResponse, error: unknown): void {
  const apiError = error instanceof ApiError ? error : ApiError.system(error);
  response.setHeader('X-Content-Type-Options', 'nosniff');
  sendText(
    response,
    apiError.status,
    `${JSON.stringify({ error: apiError.message, status: apiError.status })}\n`,
  );
}

function sendReply(response: ServerResponse, reply: ApiReply): void {
  if (reply.text !== undefined) return sendText(response, reply.status, reply.text, reply.contentType);
  if (reply.body === undefined) {
    response.writeHead(reply.status);
    response.end();
    return;
  }
  sendText(response, reply.status, JSON.stringify(reply.body), 'application/json');
}

/**
 * The route whose path matches, with its parameters; undefined if none. Like Go's router, the
 * path is decoded before matching, so `%2F` is a `/` that separates segments.
 */
function matchRoute(rawPath: string): { route: Route; params: string[] } | undefined {
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return undefined;
  }
  for (const route of routes) {
    const match = route.path.exec(path);
    if (match) return { route, params: match.slice(1) };
  }
  return undefined;
}

/** GET /metrics: the registry in Prometheus text exposition; other methods 405. */
function serveMetrics(metrics: Registry, request: IncomingMessage, response: ServerResponse): void {
  response.setHeader('X-Toxiproxy-Request-Id', requestId());
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405);
    response.end();
    return;
  }
  metrics.metrics().then(
    (text) => sendText(response, 200, text, metrics.contentType),
    (error: unknown) => sendError(response, error),
  );
}

/**
 * The Toxiproxy HTTP API as a node:http request listener. Every answer carries
 * `X-Faultline-Version`. With `context.metrics`, GET /metrics serves it. Unknown path: 404 `404 page not
 * found`; known path, other method: 405, empty. Routed requests get an X-Toxiproxy-Request-Id
 * header; a User-Agent starting `Mozilla/` gets 403 `User agent not allowed`. Handlers run one
 * at a time (after their body has arrived), so no two changes overlap. Never throws.
 */
export function createApiListener(
  context: ApiContext,
): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    response.setHeader('X-Faultline-Version', FAULTLINE_VERSION);
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    if (path === '/metrics' && context.metrics) return serveMetrics(context.metrics, request, response);
    const found = matchRoute(path);
    if (!found) return sendText(response, 404, '404 page not found\n');
    const { route, params } = found;
    const handler = route.methods[request.method ?? ''];
    if (!handler) {
      response.writeHead(405);
      response.end();
      return;
    }
    response.setHeader('X-Toxiproxy-Request-Id', requestId());
    if ((request.headers['user-agent'] ?? '').startsWith('Mozilla/'))
      return sendText(response, 403, 'User agent not allowed\n');
    readBody(request)
      .then((text) =>
        context.collection.exclusive(() => handler({ params, json: () => parseJsonBody(text) }, context)),
      )
      .then(
        (reply) => sendReply(response, reply),
        (error: unknown) => sendError(response, error),
      )
      .catch(() => response.destroy());
  };
}
