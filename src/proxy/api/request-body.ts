import type { IncomingMessage } from 'node:http';
import { ApiError } from '../api-error.ts';
import { decodeGoJson, GoJsonSyntaxError, type GoJsonValue } from './go-json.ts';

/** Largest request body accepted. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

/**
 * Reads the whole request body as UTF-8. Bodies over MAX_BODY_BYTES reject with ApiError 400;
 * the server's request timeout bounds a slow sender.
 */
export function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    request.on('data', (part: Buffer) => {
      size += part.length;
      if (size > MAX_BODY_BYTES) {
        request.destroy();
        reject(ApiError.badBody('http: request body too large'));
      } else parts.push(part);
    });
    request.once('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    request.once('error', reject);
    request.once('close', () => reject(new Error('request aborted')));
  });
}

/**
 * Decodes a JSON body as Toxiproxy's Go decoder does (see `decodeGoJson`): an empty body is
 * `EOF`, bytes after the first value are ignored, malformed JSON throws ApiError 400 `bad request
 * body: <Go's reason>`.
 */
export function parseJsonBody(text: string): GoJsonValue {
  try {
    return decodeGoJson(text);
  } catch (error) {
    if (error instanceof GoJsonSyntaxError) throw ApiError.badBody(error.message);
    throw error;
  }
}
