import { lookup } from 'node:dns/promises';
import { isIP, type AddressInfo } from 'node:net';
import { ApiError } from './api-error.ts';

/** A host (name or IP literal, no brackets; '' = every interface) and a TCP port. */
export interface HostPort {
  readonly host: string;
  readonly port: number;
}

/**
 * Parses `host:port` the way Go's net.SplitHostPort does: IPv6 hosts in brackets (`[::1]:80`),
 * an empty host allowed (`:8080`), the port a decimal 0–65535. `''` alone means `:0`. Returns
 * undefined when the text is not of that shape.
 */
export function parseHostPort(text: string): HostPort | undefined {
  if (text === '') return { host: '', port: 0 };
  const match = /^(?:\[([^\]]*)\]|([^:[\]]*)):(\d{1,5})$/.exec(text);
  const port = Number(match?.[3]);
  if (!match || port > 65_535) return undefined;
  const host = match[1] ?? match[2] ?? '';
  if (match[1] !== undefined && isIP(host) !== 6) return undefined;
  return { host, port };
}

/** `host:port`, with brackets around an IPv6 host. */
export function formatHostPort(host: string, port: number): string {
  return isIP(host) === 6 ? `[${host}]:${port}` : `${host}:${port}`;
}

/** The address a listener is bound to, as Toxiproxy reports it (`127.0.0.1:35075`, `[::]:80`). */
export function formatBound(address: AddressInfo | string | null): string {
  if (address === null || typeof address === 'string') return String(address);
  return formatHostPort(address.address, address.port);
}

const LOOKUP_TIMEOUT_MS = 5_000;

/**
 * Where to bind for a `listen` string: an IP literal as is, a name resolved (IPv4 first, like Go),
 * '' left empty (every interface). Throws ApiError 500 with a Go-like text when the address is
 * malformed or the name does not resolve within 5 s.
 */
export async function resolveListen(listen: string): Promise<HostPort> {
  const parsed = parseHostPort(listen);
  if (!parsed) throw new ApiError(`listen tcp: ${badAddressReason(listen)}`, 500);
  if (parsed.host === '' || isIP(parsed.host) !== 0) return parsed;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('lookup timed out')), LOOKUP_TIMEOUT_MS);
  });
  try {
    const found = await Promise.race([lookup(parsed.host, { all: true }), timeout]);
    const chosen = found.find((a) => a.family === 4) ?? found[0];
    if (!chosen) throw new Error('no such host');
    return { host: chosen.address, port: parsed.port };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ApiError(`listen tcp: lookup ${parsed.host}: ${reason}`, 500);
  } finally {
    clearTimeout(timer);
  }
}

/** Why Go's net.Listen refuses a malformed `host:port`, in its words (after `listen tcp: `). */
function badAddressReason(text: string): string {
  const colon = text.lastIndexOf(':');
  if (colon < 0) return `address ${text}: missing port in address`;
  const host = text.slice(0, colon);
  const port = text.slice(colon + 1);
  const bracketed = host.startsWith('[') && host.endsWith(']');
  if (!bracketed && host.includes(':')) return `address ${text}: too many colons in address`;
  if (/[[\]]/.test(bracketed ? host.slice(1, -1) : host)) return `address ${text}: unexpected '[' in address`;
  if (/^[+-]?\d+$/.test(port)) return `address ${port}: invalid port`;
  if (bracketed && isIP(host.slice(1, -1)) !== 6) return `address ${text}: no suitable address found`;
  return `lookup tcp/${port}: unknown port`;
}

const GO_ERRNO_TEXT: Readonly<Record<string, string>> = {
  EADDRINUSE: 'address already in use',
  EADDRNOTAVAIL: 'cannot assign requested address',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EAFNOSUPPORT: 'address family not supported by protocol',
};

/**
 * A failed bind as Go's net.Listen words it: `listen tcp 127.0.0.1:3310: bind: address already
 * in use` (an empty host shows as `:3310`). Errors without a known errno keep Node's text.
 */
export function goListenError(error: unknown, address: HostPort): string {
  const code = (error as { code?: unknown } | null)?.code;
  const text = typeof code === 'string' ? GO_ERRNO_TEXT[code] : undefined;
  const where = address.host === '' ? `:${address.port}` : formatHostPort(address.host, address.port);
  if (text) return `listen tcp ${where}: bind: ${text}`;
  return `listen tcp ${where}: ${error instanceof Error ? error.message : String(error)}`;
}
